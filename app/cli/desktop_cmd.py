"""`calldesk desktop install|uninstall|entry`: the menu entry and the tel:/callto: handler.

Linux desktops only (freedesktop.org entries); see app.desktop for what is written.
"""

from __future__ import annotations

import argparse
import sys

from app import desktop
from app.cli.common import emit_json, json_parent
from app.errors import UserError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "desktop",
        help="add CallDesk to the desktop menu and make it open tel:/callto: links (Linux)",
    )
    dsub = p.add_subparsers(dest="desktop_command", required=True, metavar="ACTION")
    inst = dsub.add_parser(
        "install",
        parents=[json_parent()],
        help="write the menu entry and icon for this user; handle tel:/callto: links",
    )
    inst.add_argument(
        "--exec",
        dest="exec_path",
        metavar="PATH",
        help="the calldesk executable the entry starts (default: this one)",
    )
    inst.add_argument(
        "--no-register",
        action="store_true",
        help="write the entry but leave the default tel:/callto: handler as it is",
    )
    inst.set_defaults(func=_install)
    uninst = dsub.add_parser("uninstall", parents=[json_parent()], help="remove the entry and icon")
    uninst.set_defaults(func=_uninstall)
    entry = dsub.add_parser("entry", help="print the desktop entry install would write")
    entry.add_argument("--exec", dest="exec_path", metavar="PATH")
    entry.set_defaults(func=_entry)


def _command(args: argparse.Namespace) -> list[str]:
    if not args.exec_path:
        return desktop.launch_command()
    if "\n" in args.exec_path or not args.exec_path.strip():
        raise UserError("--exec must be the path of the calldesk executable")
    return [args.exec_path]


def _check_platform() -> None:
    if sys.platform in ("win32", "darwin"):
        raise UserError("desktop entries are for Linux desktops; see build/README.md for Windows")


def _install(args: argparse.Namespace) -> int:
    _check_platform()
    report = desktop.install(_command(args), register=not args.no_register)
    if args.json:
        emit_json(
            {
                "desktop_file": str(report.desktop_file),
                "icons": [str(p) for p in report.icons],
                "registered_with": report.registered_with or None,
                "default_handlers": report.default_handlers,
            }
        )
        return 0
    print(f"desktop entry: {report.desktop_file}")
    for icon in report.icons:
        print(f"icon: {icon}")
    if report.registered_with:
        print(f"tel: and callto: links now open CallDesk (set with {report.registered_with})")
    return 0


def _uninstall(args: argparse.Namespace) -> int:
    _check_platform()
    removed = desktop.uninstall()
    if args.json:
        emit_json({"removed": [str(p) for p in removed]})
    else:
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print("nothing to remove")
    return 0


def _entry(args: argparse.Namespace) -> int:
    sys.stdout.write(desktop.desktop_entry(_command(args)))
    return 0
