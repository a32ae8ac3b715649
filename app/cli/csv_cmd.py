"""`calldesk import WHAT FILE` and `calldesk export WHAT FILE`.

Each importable or exportable thing is one entry in IMPORTS / EXPORTS: a function that
adds its sub-subcommand. Adding `import orders` is a parser function and a line there.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

import phonenumbers

from app.cli.common import db_parent, emit_json, info, json_parent, open_db
from app.errors import UserError

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

# Text reports list at most this many row errors; --json always lists all of them.
MAX_ERRORS_SHOWN = 200

IMPORT_CUSTOMERS_HELP = """\
The first line is a header naming the columns, in any order:
  external_id  required: your key for the customer; importing again updates, never duplicates
  name         required
  kind         person | organization (empty: person)
  phones       numbers as people type them, several separated by ';' (first is primary)
  emails       addresses, several separated by ';' (first is primary)
  tier         standard | silver | gold | vip (empty: standard)
Header names ignore case ("External ID" works; "phone" and "email" too); other columns
are ignored. A column left out leaves that field alone on customers that already exist.
Blank lines and rows whose cells are all empty are skipped.

For the customers it names, the file is authoritative for phones and emails: afterwards
they have exactly the ones in the file (other contact kinds are kept). A customer whose
values all match the file is left alone (reported as unchanged).

The file must be UTF-8 (with or without BOM: Excel's "CSV UTF-8"). Errors give the line
a row starts on, counting every line of the file (1 = the header).

Rows are written in batches of 2,000, one transaction each; with --strict nothing is
stored unless every row is valid.

exit status:
  0  every row imported
  1  some rows were rejected (listed with their line numbers); the others were imported,
     or with --strict nothing was
  2  the file can't be used (missing, not UTF-8, no usable header) and nothing was stored,
     or the database failed part-way: the report says how many rows were stored before
"""

EXPORT_CUSTOMERS_HELP = """\
Writes external_id,name,kind,phones,emails,tier, one customer per row in name order,
phones and emails as they were typed (primary first, separated by ';'). Customers merged
into another one are left out. The file is UTF-8 with a BOM so Excel shows Vietnamese
names correctly; `calldesk import customers` reads it back unchanged.
"""


def register(sub: SubParsers) -> None:
    imp = sub.add_parser(
        "import",
        help="load customers or calls from a CSV file",
        description="Import data from CSV files; `calldesk import WHAT --help` for the format.",
    )
    isub = imp.add_subparsers(dest="import_what", required=True, metavar="WHAT")
    for add in IMPORTS:
        add(isub)

    exp = sub.add_parser(
        "export",
        help="write customers to a CSV file",
        description="Export data to CSV files that `calldesk import` reads back.",
    )
    esub = exp.add_subparsers(dest="export_what", required=True, metavar="WHAT")
    for add in EXPORTS:
        add(esub)


def _parser(
    sub: SubParsers, name: str, help_text: str, epilog: str, file_help: str
) -> argparse.ArgumentParser:
    p = sub.add_parser(
        name,
        parents=[db_parent(), json_parent()],
        help=help_text,
        description=help_text[:1].upper() + help_text[1:] + ".",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE.csv", type=Path, help=file_help)
    return p


# --------------------------------------------------------------------------- customers


def _add_import_customers(sub: SubParsers) -> None:
    p = _parser(
        sub,
        "customers",
        "import customers from a CSV file",
        IMPORT_CUSTOMERS_HELP,
        "the file to read",
    )
    p.add_argument("--strict", action="store_true", help="import nothing unless every row is valid")
    p.add_argument(
        "--region",
        metavar="CC",
        help="country for numbers written without a country code (default: the settings, VN)",
    )
    p.set_defaults(func=_import_customers)


def _add_export_customers(sub: SubParsers) -> None:
    p = _parser(
        sub,
        "customers",
        "export customers to a CSV file",
        EXPORT_CUSTOMERS_HELP,
        "the file to write (replaced only once the export is complete)",
    )
    p.set_defaults(func=_export_customers)


def _region(value: str | None) -> str:
    if value is None:
        from app.config import Settings

        value = Settings.load().phone_region or "VN"
    region = value.strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise UserError(f"--region {value!r} is not a two-letter country code such as VN or US")
    return region


def _import_customers(args: argparse.Namespace) -> int:
    from app.csv_customers import import_customers

    region = _region(args.region)
    _check_readable(args.file)
    db = open_db(args)
    try:
        report = import_customers(db, args.file, region=region, strict=args.strict, progress=info)
    finally:
        db.dispose()
    if args.json:
        emit_json(report.as_dict())
    else:
        for err in report.errors[:MAX_ERRORS_SHOWN]:
            print(f"line {err.line}: {err.reason}")
        if len(report.errors) > MAX_ERRORS_SHOWN:
            print(f"... and {len(report.errors) - MAX_ERRORS_SHOWN} more (--json lists all)")
        summary = (
            f"{report.file}: {report.rows} rows: {report.inserted} inserted, "
            f"{report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.errors)} rejected"
        )
        if args.strict and report.errors:
            summary += " (--strict: nothing imported)"
        print(summary)
    if report.aborted:
        info(
            f"calldesk: error: import stopped: {report.aborted}; {report.stored} rows were "
            f"stored before the failure ({report.inserted} inserted, {report.updated} updated, "
            f"{report.unchanged} unchanged), the rest were not: import the file again to finish"
        )
        return 2
    return 1 if report.errors else 0


def _export_customers(args: argparse.Namespace) -> int:
    from app.csv_customers import export_customers

    target: Path = args.file
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name such as customers.csv")
    if not target.parent.is_dir():
        raise UserError(f"folder {target.parent} does not exist")
    db = open_db(args)
    try:
        report = export_customers(db, target, progress=info)
    finally:
        db.dispose()
    if args.json:
        emit_json(report.as_dict())
    else:
        print(f"{report.file}: {report.rows} customers exported")
    return 0


def _check_readable(path: Path) -> None:
    """Refuse a missing file before the database is opened (and possibly migrated)."""
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a CSV file")
    if not path.exists():
        raise UserError(f"{path}: no such file")


def _add_import_calls(sub: SubParsers) -> None:
    from app.cli.kpi_cmd import add_import_calls

    add_import_calls(sub)


IMPORTS: list[Callable[[SubParsers], None]] = [_add_import_customers, _add_import_calls]
EXPORTS: list[Callable[[SubParsers], None]] = [_add_export_customers]
