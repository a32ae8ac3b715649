"""Entry point: `calldesk` opens the GUI, `calldesk SUBCOMMAND` works without a screen.

Every failure the user can fix prints one line and exits non-zero; anything
unexpected prints one line too and leaves the traceback in the log file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.errors import UserError
from app.logs import setup_logging

log = logging.getLogger("calldesk")

# Subcommand modules, each with register(subparsers), and the commands each adds.
# Order is the help order. Only the module of the command typed is imported (all of
# them for --help or a mistyped command): the GUI start imports none.
COMMANDS = {
    "app.cli.db_cmd": ("db",),
    "app.cli.csv_cmd": ("import", "export"),
    "app.cli.ticket_cmd": ("ticket", "route", "rules"),
    "app.cli.lookup_cmd": ("lookup",),
    "app.cli.pop_cmd": ("pop",),
    "app.cli.cti_cmd": ("cti", "simulate"),
    "app.cli.open_cmd": ("open",),
    "app.cli.desktop_cmd": ("desktop",),
    "app.cli.about_cmd": ("about",),
    "app.cli.audit_cmd": ("audit",),
    "app.cli.kpi_cmd": ("kpi",),
}
_OPTIONS_WITH_VALUE = ("--db", "--language")


def _modules_for(argv: Sequence[str] | None) -> list[str]:
    """The command modules parsing `argv` needs (None: all, as for --help)."""
    if argv is None:
        return list(COMMANDS)
    args = list(argv)
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ("-h", "--help"):
            return list(COMMANDS)
        if arg == "--":
            index += 1
            break
        if not arg.startswith("-") or arg == "-":
            break
        if len(arg) > 2 and any(opt.startswith(arg) for opt in _OPTIONS_WITH_VALUE):
            index += 1  # its value (argparse takes "--lang" for "--language" too)
        index += 1
    else:
        return []  # no command: the GUI (or --version)
    if index >= len(args):
        return []
    name = args[index]
    owners = [module for module, names in COMMANDS.items() if name in names]
    return owners or list(COMMANDS)  # unknown: argparse lists every command


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="calldesk",
        description="CallDesk contact-center client. Subcommands act as the first active "
        "administrator unless given --user NAME, and are then held to that user's role.",
    )
    parser.add_argument("--version", action="version", version=f"CallDesk {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL for the GUI")
    parser.add_argument(
        "--smoke-test", action="store_true", help="open the main window, then exit (packaging)"
    )
    parser.add_argument("--language", choices=["en", "vi"], help="user interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _modules_for(argv):
        importlib.import_module(name).register(sub)
    return parser


def _is_schema_error(exc: BaseException) -> bool:
    """db.migrate's refusal, without importing it to ask (the GUI's first window does not)."""
    migrate = sys.modules.get("db.migrate")
    return migrate is not None and isinstance(exc, migrate.SchemaError)


def _is_database_error(exc: BaseException) -> bool:
    """SQLAlchemy's connection/driver errors, without importing SQLAlchemy to ask."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(exc, (errors.OperationalError, errors.DBAPIError))


GuiRunner = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None, gui: GuiRunner | None = None) -> int:
    """Run a subcommand, or the GUI through `gui` (injected by ui.launcher: app never
    imports ui)."""
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            if gui is None:
                raise UserError("no subcommand given (see --help); start the GUI with `calldesk`")
            return gui(args)  # the GUI opens its log file once its first window is up
        setup_logging()
        args.gui = gui  # `calldesk open` starts the window (app still never imports ui)
        return int(args.func(args))
    except UserError as exc:
        print(f"calldesk: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("calldesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        if _is_schema_error(exc):
            print(f"calldesk: error: {exc}", file=sys.stderr)
            return 2
        setup_logging()  # the traceback goes to the log file, however early it came
        if _is_database_error(exc):
            orig = getattr(exc, "orig", None) or exc
            first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
            log.exception("database error")
            print(f"calldesk: error: database: {first}", file=sys.stderr)
            return 2
        log.exception("unexpected error")
        print(
            f"calldesk: internal error: {type(exc).__name__}: {exc} (details in the log)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
