"""`calldesk lookup VALUE`: who is this caller (phone number, email or handle)?

Softphones and scripts call it on ring; a withheld or unknown caller is an answer
(an empty list, exit 0), not an error.
"""

from __future__ import annotations

import argparse

from app import lookup
from app.cli.common import db_parent, emit_json, json_parent, open_db
from app.phones import DEFAULT_REGION


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "lookup",
        parents=[db_parent(), json_parent()],
        help="find the customers a phone number, email or handle belongs to",
    )
    p.add_argument("value", metavar="VALUE", help="phone number, email, zalo:/fb: handle")
    p.add_argument(
        "--region",
        default=DEFAULT_REGION,
        type=str.upper,
        metavar="CC",
        help=f"region for national numbers (default {DEFAULT_REGION})",
    )
    p.set_defaults(func=_lookup)


def _lookup(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        result = lookup.lookup(db, args.value, region=args.region, with_activity=not args.json)
    finally:
        lookup.close(db)
        db.dispose()
    if args.json:
        emit_json(result.to_json())
        return 0
    if result.normalized is None:
        print(f"{result.query!r}: unknown caller (withheld or not a number, email or handle)")
        return 0
    count = len(result.matches)
    print(f"{result.query} -> {result.normalized}: {count} match{'' if count == 1 else 'es'}")
    for m in result.matches:
        ext = f"{m.external_id}, " if m.external_id else ""
        last = m.last_activity.strftime("%Y-%m-%d") if m.last_activity else "never"
        print(
            f"  {m.name} ({ext}{m.kind}, {m.tier}) matched on {m.matched_on}, last activity {last}"
        )
    return 0
