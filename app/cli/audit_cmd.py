"""`calldesk audit`: who viewed, changed, merged or exported customer data, and when."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, time, timedelta

from app import audit
from app.cli.common import act_for, emit_json, json_parent
from app.connection import open_database
from app.errors import UserError
from db import migrate

AUDIT_HELP = """\
Newest first. Filters combine. Runs as the first active administrator unless --as
names another user (who must be a supervisor or administrator to read the trail).
Views are written in the background, at most a second after the screen opened.
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "audit",
        parents=[json_parent()],
        help="the audit trail of customer data: views, changes, merges, exports",
        description=AUDIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--db", metavar="URL", help="database URL (default: as for every command)")
    p.add_argument("--customer", metavar="ID", help="a customer's id or external id")
    p.add_argument("--user", metavar="NAME", help="what this user did")
    p.add_argument("--action", choices=sorted(_ACTIONS), help="only this kind of entry")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="from this day (UTC)")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="up to and including this day (UTC)")
    p.add_argument("--limit", type=int, default=100, help="at most this many entries (100)")
    p.add_argument("--as", dest="acting", metavar="NAME", help="read the trail as this user")
    p.set_defaults(func=_audit)


_ACTIONS = {
    audit.Verb.VIEW,
    audit.Verb.CHANGE,
    audit.Verb.CREATE,
    audit.Verb.MERGE,
    audit.Verb.EXPORT,
    audit.Verb.IMPORT,
    audit.Verb.USERS,
}


def _day(text: str | None, flag: str) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.combine(date.fromisoformat(text), time(), tzinfo=UTC)
    except ValueError:
        raise UserError(f"{flag} wants a date like 2026-11-30, not {text!r}") from None


def _audit(args: argparse.Namespace) -> int:
    if args.limit <= 0:
        raise UserError("--limit must be a positive number")
    since = _day(args.since, "--since")
    until = _day(args.until, "--until")
    if until is not None:
        until += timedelta(days=1)
    db = open_database(args.db)
    migrate.upgrade(db)
    act_for(db, args.acting)
    where = audit.Filter(args.user, args.customer, args.action, since, until)
    found: list[audit.Entry] = []
    after: audit.Key | None = None
    while len(found) < args.limit:
        page = audit.entries(db, where, after, min(audit.PAGE, args.limit - len(found)))
        found += page
        if len(page) < min(audit.PAGE, args.limit - len(found) + len(page)):
            break
        after = audit.key(page[-1])
    if args.json:
        emit_json([e.as_dict() for e in found])
        return 0
    for e in found:
        what = e.customer_name or e.entity_id or ""
        print(
            f"{e.at:%Y-%m-%d %H:%M:%S}  {e.username or '-':<12} {e.action:<7} {e.entity:<9} {what}"
        )
    if not found:
        print("no audit entries match")
    return 0
