"""`calldesk db upgrade|seed|info`."""

from __future__ import annotations

import argparse
import time

from app.cli.common import db_parent, emit_json, info, json_parent, open_db
from db import migrate


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("db", help="create, upgrade and fill the database")
    dsub = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")

    up = dsub.add_parser("upgrade", parents=[db_parent(), json_parent()], help="apply migrations")
    up.set_defaults(func=_upgrade)

    seed = dsub.add_parser(
        "seed", parents=[db_parent(), json_parent()], help="fill with deterministic demo data"
    )
    seed.add_argument("--customers", type=int, default=2000, metavar="N")
    seed.add_argument("--seed", type=int, default=1, metavar="S")
    seed.add_argument(
        "--if-empty", action="store_true", help="do nothing when customers already exist"
    )
    seed.set_defaults(func=_seed)

    inf = dsub.add_parser("info", parents=[db_parent(), json_parent()], help="schema and counts")
    inf.set_defaults(func=_info)


def _upgrade(args: argparse.Namespace) -> int:
    db = open_db(args, upgrade=False)
    before = migrate.check_not_newer(db)
    backup = migrate.upgrade(db)
    after = migrate.current_revision(db)
    result = {
        "database": db.display_url(),
        "from": before,
        "to": after,
        "backup": str(backup) if backup else None,
    }
    if args.json:
        emit_json(result)
    else:
        if backup:
            info(f"backup written to {backup}")
        print(f"{db.display_url()}: schema {before or 'empty'} -> {after}")
    return 0


def _seed(args: argparse.Namespace) -> int:
    from app import customers, seed

    if args.customers < 0:
        from app.errors import UserError

        raise UserError("--customers must be zero or more")
    db = open_db(args)
    if args.if_empty and customers.count(db) > 0:
        info("customers already present; nothing seeded")
        return 0
    t0 = time.perf_counter()
    report = seed.seed_demo(db, customers=args.customers, seed=args.seed, progress=info)
    elapsed = time.perf_counter() - t0
    data = {"database": db.display_url(), "seconds": round(elapsed, 2), **report}
    if args.json:
        emit_json(data)
    else:
        print(", ".join(f"{k} {v}" for k, v in report.items()) + f" in {elapsed:.1f} s")
    return 0


def _info(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from db.models import Call, Customer, Ticket

    db = open_db(args, upgrade=False)
    current = migrate.check_not_newer(db)
    data: dict[str, object] = {
        "database": db.display_url(),
        "schema": current,
        "head": migrate.head_revision(),
    }
    if current:
        with db.session() as s:
            for name, model in (("customers", Customer), ("tickets", Ticket), ("calls", Call)):
                data[name] = s.scalar(select(func.count()).select_from(model))
    if args.json:
        emit_json(data)
    else:
        for k, v in data.items():
            print(f"{k}: {v}")
    return 0
