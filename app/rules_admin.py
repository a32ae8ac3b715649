"""Reading and replacing the stored routing rules (admin screen and `calldesk rules`)."""

from __future__ import annotations

from sqlalchemy import delete, select

from app import permissions, routing
from app.permissions import Action
from app.tickets import load_rules
from db.engine import Database
from db.models import Department, RoutingRule, SlaPolicy


def rules(db: Database) -> list[routing.Rule]:
    with db.sessions() as s:
        return load_rules(s)


def save_rules(db: Database, new: list[routing.Rule]) -> None:
    """Validate, then replace the whole ordered set in one transaction."""
    permissions.require(db, Action.ADMIN_RULES)
    with db.session() as s:
        deps = s.scalars(select(Department.code)).all()
        pols = s.scalars(select(SlaPolicy.name)).all()
        routing.validate(new, deps, pols)
        s.execute(delete(RoutingRule))
        for i, r in enumerate(sorted(new, key=lambda r: r.position)):
            s.add(
                RoutingRule(
                    position=(i + 1) * 10,
                    name=r.name,
                    enabled=r.enabled,
                    conditions=dict(r.conditions),
                    actions=dict(r.actions),
                )
            )


def export_rules(db: Database) -> str:
    return routing.dump_rules(rules(db))


def import_rules(db: Database, text: str) -> int:
    new = routing.load_rules(text)
    save_rules(db, new)
    return len(new)
