"""The `calldesk` executable: subcommands run headless, no subcommand opens the GUI."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.cli.main import main as cli_main


def _run_gui(args: argparse.Namespace) -> int:
    from ui.application import run_gui  # Qt is imported only when a window is wanted

    return run_gui(args)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv if argv is not None else sys.argv[1:], gui=_run_gui)


if __name__ == "__main__":
    raise SystemExit(main())
