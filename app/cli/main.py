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

from sqlalchemy.exc import DBAPIError, OperationalError

from app import __version__
from app.errors import UserError
from app.logs import setup_logging
from db.migrate import SchemaError

log = logging.getLogger("calldesk")

# Subcommand modules, each with register(subparsers). Order is the help order.
COMMANDS = [
    "app.cli.db_cmd",
    "app.cli.csv_cmd",
    "app.cli.ticket_cmd",
    "app.cli.lookup_cmd",
    "app.cli.pop_cmd",
    "app.cli.cti_cmd",
    "app.cli.open_cmd",
    "app.cli.desktop_cmd",
    "app.cli.about_cmd",
    "app.cli.audit_cmd",
    "app.cli.kpi_cmd",
]


def build_parser() -> argparse.ArgumentParser:
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
    for name in COMMANDS:
        importlib.import_module(name).register(sub)
    return parser


GuiRunner = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None, gui: GuiRunner | None = None) -> int:
    """Run a subcommand, or the GUI through `gui` (injected by ui.launcher: app never
    imports ui)."""
    setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            if gui is None:
                raise UserError("no subcommand given (see --help); start the GUI with `calldesk`")
            return gui(args)
        args.gui = gui  # `calldesk open` starts the window (app still never imports ui)
        return int(args.func(args))
    except (UserError, SchemaError) as exc:
        print(f"calldesk: error: {exc}", file=sys.stderr)
        return 2
    except (OperationalError, DBAPIError) as exc:
        orig = getattr(exc, "orig", None) or exc
        first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        log.exception("database error")
        print(f"calldesk: error: database: {first}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("calldesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:
        log.exception("unexpected error")
        print(
            f"calldesk: internal error: {type(exc).__name__}: {exc} (details in the log)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
