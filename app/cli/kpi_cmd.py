"""`calldesk kpi`: contact-center KPIs over a date range, and `import calls` (registered
in app.cli.csv_cmd's IMPORTS)."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeAlias

from app.cli.common import db_parent, emit_json, info, json_parent, open_db
from app.errors import UserError

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

REPORTS = ("calls", "service", "agents", "departments", "segments", "retention", "staffing",
           "live")  # fmt: skip

KPI_HELP = """\
Counts inbound calls offered in [--from, --to): --from inclusive, --to exclusive. A date
(2026-03-01) means local midnight in the business time zone (the business calendar's,
Asia/Ho_Chi_Minh by default; see --timezone); a date-time takes its offset
(2026-03-01T08:00+07:00, ...Z) or, without one, the business zone.

Definitions (ratios are fractions 0-1, null when the denominator is 0):
  service_level     answered within --sl-seconds / (answered + abandoned - short_abandoned)
  asa_seconds       queue wait of answered calls / answered
  aht_seconds       (talk + hold + after-call work) / handled (answered and ended)
  abandonment_rate  (abandoned - short_abandoned) / (offered - short_abandoned)
  abandoned counts every unanswered call that ended; short_abandoned those that hung up
  within --short-abandon-seconds.

Other --report values: service (FCR, SLA compliance, complaint rate, CSAT), agents
(handled, AHT, occupancy, FCR, CSAT), departments (open, overdue, average resolution,
SLA compliance), segments (RFM), retention (per month), staffing (Erlang C per half
hour of the --from day), live (the wallboard figures now).
"""


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "kpi",
        parents=[db_parent(), json_parent()],
        help="contact-center KPIs over a date range",
        description="Contact-center KPIs over a date range.",
        epilog=KPI_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--from", dest="start", metavar="T", help="start, inclusive (default: today)")
    p.add_argument("--to", dest="end", metavar="T", help="end, exclusive (default: now)")
    p.add_argument("--queue", metavar="Q", help="only calls of this queue")
    p.add_argument("--by", choices=["hour", "day", "week", "queue", "agent", "department"])
    p.add_argument("--report", choices=REPORTS, default="calls", help="what to report")
    p.add_argument("--sl-seconds", type=int, metavar="S", help="service-level threshold")
    p.add_argument("--short-abandon-seconds", type=int, metavar="S")
    p.add_argument("--fcr-days", type=int, metavar="D", help="FCR repeat-contact window")
    p.add_argument("--timezone", metavar="ZONE", help="business time zone, e.g. Asia/Ho_Chi_Minh")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write the rows as CSV")
    p.set_defaults(func=_kpi)


def add_import_calls(sub: SubParsers) -> None:
    from app import csv_calls

    p = sub.add_parser(
        "calls",
        parents=[db_parent(), json_parent()],
        help="import a call log from a CSV file",
        description="Import a call log from a CSV file.",
        epilog=IMPORT_CALLS_HELP.format(columns=",".join(csv_calls.COLUMNS)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE.csv", type=Path, help="the file to read")
    p.set_defaults(func=_import_calls)


IMPORT_CALLS_HELP = """\
The first line is a header naming the columns, in any order:
  {columns}
  call_id      required: the telephony system's id; importing again updates the call
  direction    inbound | outbound (empty: inbound)
  offered_at   required; times are ISO 8601 with a UTC offset: 2026-03-02T09:00:05+07:00
  answered_at  empty: the caller hung up before an agent answered (abandoned)
  ended_at     empty with answered_at empty: still waiting
  agent        the username of the agent who answered
  acw_seconds  after-call work in whole seconds (empty: 0)
The file must be UTF-8 (a BOM is fine). Errors give the line a row starts on.

exit status:
  0  every row imported
  1  some rows were rejected (listed with their line numbers); the others were imported
  2  the file can't be used (missing, not UTF-8, no usable header) and nothing was stored,
     or the database failed part-way (the report says how many rows were stored)
"""

MAX_ERRORS_SHOWN = 200


def _import_calls(args: argparse.Namespace) -> int:
    from app.csv_calls import import_calls

    path: Path = args.file
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a CSV file")
    if not path.exists():
        raise UserError(f"{path}: no such file")
    db = open_db(args)
    try:
        report = import_calls(db, path, progress=info)
    finally:
        db.dispose()
    if args.json:
        emit_json(report.as_dict())
    else:
        for err in report.errors[:MAX_ERRORS_SHOWN]:
            print(f"line {err.line}: {err.reason}")
        if len(report.errors) > MAX_ERRORS_SHOWN:
            print(f"... and {len(report.errors) - MAX_ERRORS_SHOWN} more (--json lists all)")
        print(
            f"{report.file}: {report.rows} rows: {report.inserted} inserted, {report.updated} "
            f"updated, {report.unchanged} unchanged, {len(report.errors)} rejected"
        )
    if report.aborted:
        stored = report.inserted + report.updated + report.unchanged
        info(
            f"calldesk: error: import stopped: {report.aborted}; {stored} rows were stored "
            "before the failure: import the file again to finish"
        )
        return 2
    return 1 if report.errors else 0


def _settings(args: argparse.Namespace, db: Any) -> Any:
    from dataclasses import replace

    from app.kpi import settings as kpi_settings

    s = kpi_settings.load(db)
    changes: dict[str, Any] = {}
    if args.sl_seconds is not None:
        changes["sl_seconds"] = args.sl_seconds
    if args.short_abandon_seconds is not None:
        changes["short_abandon_seconds"] = args.short_abandon_seconds
    if args.fcr_days is not None:
        changes["fcr_days"] = args.fcr_days
    if args.timezone:
        changes["timezone"] = args.timezone
    return replace(s, **changes).validated()


def _kpi(args: argparse.Namespace) -> int:
    from app.kpi import export, periods

    if args.csv is not None and not args.csv.parent.is_dir():
        raise UserError(f"folder {args.csv.parent} does not exist")
    db = open_db(args)
    try:
        settings = _settings(args, db)
        zone = settings.zone
        now = datetime.now(UTC)
        lo = periods.parse_instant(args.start, zone) if args.start else periods.today_start(zone)
        hi = periods.parse_instant(args.end, zone) if args.end else now
        if hi <= lo:
            raise UserError("--to must be after --from")
        data, table = _run(args.report, db, lo, hi, settings, args, now)
    finally:
        db.dispose()
    if args.csv is not None:
        export.write_csv(args.csv, table)
    if args.json:
        emit_json(data)
    else:
        _print(data, table)
    return 0


def _run(
    report: str, db: Any, lo: datetime, hi: datetime, settings: Any, args: argparse.Namespace,
    now: datetime,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:  # fmt: skip
    from app.kpi import agents, calls, customers, live, service, staffing
    from app.kpi.periods import Grain

    zone = settings.zone
    head = {"from": lo.astimezone(zone).isoformat(), "to": hi.astimezone(zone).isoformat(),
            "timezone": settings.timezone}  # fmt: skip
    if report == "calls":
        grain = Grain(args.by) if args.by else None
        rep = calls.report(db, lo, hi, settings, grain=grain, queue=args.queue)
        data = rep.as_dict()
        return data, data.get("rows") or [{k: v for k, v in data.items() if k != "rows"}]
    if report == "service":
        data = {**head, **service.summary(db, lo, hi, settings, now).as_dict()}
        return data, [data]
    if report == "agents":
        rows = [r.as_dict() for r in agents.table(db, lo, hi, settings, now)]
        return {**head, "rows": rows}, rows
    if report == "departments":
        rows = [r.as_dict() for r in service.departments(db, lo, hi, now)]
        return {**head, "rows": rows}, rows
    if report == "segments":
        rows = [r.as_dict() for r in customers.segments(db, lo, hi)]
        return {**head, "rows": rows}, rows
    if report == "retention":
        rows = [r.as_dict() for r in customers.retention(db, lo, hi, zone)]
        return {**head, "rows": rows}, rows
    if report == "staffing":
        day: date = lo.astimezone(zone).date()
        rows = [i.as_dict() for i in staffing.plan(db, day, settings, queue=args.queue, now=now)]
        return {"day": day.isoformat(), "timezone": settings.timezone,
                "sl_target": settings.sl_target, "sl_seconds": settings.sl_seconds,
                "rows": rows}, rows  # fmt: skip
    snap = live.snapshot(db, settings, now)
    data = snap.as_dict()
    return data, data["queues"]


def _print(data: dict[str, Any], table: list[dict[str, Any]]) -> None:
    for key, value in data.items():
        if key not in ("rows", "queues"):
            print(f"{key}: {_fmt(value)}")
    rows = data.get("rows") or data.get("queues")
    if rows:
        cols = list(rows[0].keys())
        widths = [max(len(c), *(len(_fmt(r.get(c))) for r in rows)) for c in cols]
        print("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
        for r in rows:
            print("  ".join(_fmt(r.get(c)).ljust(w) for c, w in zip(cols, widths, strict=True)))


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
