"""`calldesk ticket ...`, `calldesk route` and `calldesk rules import|export`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app import tickets
from app.cli.common import db_parent, emit_json, json_parent, open_db
from app.errors import UserError
from app.tickets import TicketInput, TicketView


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ticket", help="create, show and work tickets")
    tsub = p.add_subparsers(dest="ticket_command", required=True, metavar="ACTION")
    parents = [db_parent(), json_parent()]

    c = tsub.add_parser("create", parents=parents, help="log a ticket; routing picks the desk")
    c.add_argument("--customer", metavar="EXTERNAL_ID")
    c.add_argument("--kind", default="inquiry", choices=["inquiry", "request", "complaint"])
    c.add_argument("--category")
    c.add_argument("--subcategory")
    c.add_argument("--channel", default="phone")
    c.add_argument("--subject", default="")
    c.add_argument("--text", default="")
    c.add_argument("--priority")
    c.add_argument("--product")
    c.add_argument("--supplier", metavar="DEPARTMENT_CODE")
    c.set_defaults(func=_create)

    s = tsub.add_parser("show", parents=parents, help="a ticket with its processing log")
    s.add_argument("number")
    s.set_defaults(func=_show)

    st = tsub.add_parser("status", parents=parents, help="move a ticket along its life cycle")
    st.add_argument("number")
    st.add_argument("status")
    st.add_argument("--note")
    st.set_defaults(func=_status)

    cm = tsub.add_parser("comment", parents=parents, help="add to the processing log")
    cm.add_argument("number")
    cm.add_argument("text")
    cm.add_argument("--public", action="store_true", help="visible to the customer")
    cm.set_defaults(func=_comment)

    tr = tsub.add_parser("transfer", parents=parents, help="send to another department")
    tr.add_argument("number")
    tr.add_argument("department", metavar="DEPARTMENT_CODE")
    tr.add_argument("--reason", required=True)
    tr.set_defaults(func=_transfer)

    mg = tsub.add_parser("merge", parents=parents, help="close a duplicate into another ticket")
    mg.add_argument("keep")
    mg.add_argument("duplicate")
    mg.set_defaults(func=_merge)

    po = tsub.add_parser("policy", parents=parents, help="put a ticket under another SLA policy")
    po.add_argument("number")
    po.add_argument("policy", metavar="POLICY_NAME")
    po.set_defaults(func=_policy)

    es = tsub.add_parser("escalate", parents=parents, help="mark SLA breaches and escalate now")
    es.set_defaults(func=_escalate)

    r = sub.add_parser(
        "route",
        parents=parents,
        help="read a complaint as JSON on stdin and print the routing decision (stores nothing)",
    )
    r.set_defaults(func=_route)

    rules = sub.add_parser("rules", help="export or import the routing rules")
    rsub = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    ex = rsub.add_parser("export", parents=[db_parent()], help="write the rules to a file")
    ex.add_argument("file")
    ex.set_defaults(func=_rules_export)
    im = rsub.add_parser("import", parents=[db_parent()], help="replace the rules from a file")
    im.add_argument("file")
    im.set_defaults(func=_rules_import)


def _print(view: TicketView, as_json: bool) -> None:
    if as_json:
        emit_json(view.as_dict())
        return
    print(f"{view.display_number}  {view.kind}  {view.status}  {view.priority}")
    print(f"  {view.subject}")
    print(f"  customer: {view.customer_name or '-'} ({view.customer_external_id or '-'})")
    print(f"  department: {view.department_name or '-'}   assignee: {view.assignee or '-'}")
    print(f"  due: first response {view.first_response_due}, resolution {view.resolution_due}")
    for e in view.events:
        print(
            f"  {e.at:%Y-%m-%d %H:%M} {e.kind:<9} {e.actor or '':<10} {e.text or ''} "
            f"{json.dumps(e.data, ensure_ascii=False) if e.data else ''}".rstrip()
        )


def _create(args: argparse.Namespace) -> int:
    db = open_db(args)
    inp = TicketInput(
        customer=args.customer,
        kind=args.kind,
        category=args.category,
        subcategory=args.subcategory,
        channel=args.channel,
        subject=args.subject,
        text=args.text,
        priority=args.priority,
        product=args.product,
        supplier=args.supplier,
    )
    _print(tickets.create_ticket(db, inp), args.json)
    return 0


def _show(args: argparse.Namespace) -> int:
    _print(tickets.show(open_db(args), args.number), args.json)
    return 0


def _status(args: argparse.Namespace) -> int:
    _print(
        tickets.change_status(open_db(args), args.number, args.status, note=args.note), args.json
    )
    return 0


def _comment(args: argparse.Namespace) -> int:
    view = tickets.comment(open_db(args), args.number, args.text, internal=not args.public)
    _print(view, args.json)
    return 0


def _transfer(args: argparse.Namespace) -> int:
    view = tickets.transfer(open_db(args), args.number, args.department, args.reason)
    _print(view, args.json)
    return 0


def _merge(args: argparse.Namespace) -> int:
    _print(tickets.merge_tickets(open_db(args), args.keep, args.duplicate), args.json)
    return 0


def _policy(args: argparse.Namespace) -> int:
    _print(tickets.set_policy(open_db(args), args.number, args.policy), args.json)
    return 0


def _escalate(args: argparse.Namespace) -> int:
    numbers = tickets.escalate(open_db(args))
    if args.json:
        emit_json({"breached": numbers})
    else:
        print(f"{len(numbers)} ticket(s) breached and escalated")
    return 0


def _route(args: argparse.Namespace) -> int:
    raw = sys.stdin.read()
    try:
        data: Any = json.loads(raw) if raw.strip() else {}
    except ValueError as exc:
        raise UserError(f"stdin is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise UserError('stdin must be a JSON object such as {"text": "..."}')
    decision = tickets.route_preview(open_db(args), TicketInput.from_mapping(data))
    if args.json:
        emit_json(decision)
    else:
        print(
            f"-> {decision['department']} ({decision.get('department_name')}) "
            f"by rule {decision['rule']!r}, priority {decision['priority']}, "
            f"SLA {decision['sla_policy']}"
        )
        for reason in decision["reasons"]:
            print(f"   because {reason}")
    return 0


def _rules_export(args: argparse.Namespace) -> int:
    from app import rules_admin

    Path(args.file).write_text(rules_admin.export_rules(open_db(args)), encoding="utf-8")
    print(f"rules written to {args.file}")
    return 0


def _rules_import(args: argparse.Namespace) -> int:
    from app import rules_admin

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {args.file}: {exc}") from exc
    n = rules_admin.import_rules(open_db(args), text)
    print(f"{n} rules imported")
    return 0
