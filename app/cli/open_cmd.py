"""`calldesk open [LINK]`: what the desktop entry runs (Exec=calldesk open %u).

Without LINK it opens CallDesk (or brings the open window to the front). With a
tel:/callto: link it pops the caller's card in the window already open on this
workstation; when none is, it starts CallDesk and pops the card once the agent has
logged in, so a clicked number is never lost.
"""

from __future__ import annotations

import argparse
import sys

from app import dial_uri, pop_protocol
from app.errors import UserError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "open",
        help="open CallDesk, popping a tel:/callto: link's number (the desktop entry's command)",
    )
    p.add_argument("link", nargs="?", metavar="LINK", help="a tel: or callto: link, or a number")
    p.set_defaults(func=_open)


def _open(args: argparse.Namespace) -> int:
    gui = getattr(args, "gui", None)
    if gui is None:
        raise UserError("`calldesk open` needs the CallDesk window; run the calldesk executable")
    args.pending_pop = None
    if args.link and args.link.strip():
        try:
            number = dial_uri.number_from_uri(args.link)
        except dial_uri.DialUriError as exc:
            raise UserError(str(exc)) from None
        if len(number) > pop_protocol.FIELD_LIMITS["number"]:
            raise UserError(f"the number in {args.link!r} is too long")
        message = pop_protocol.PopMessage(number)
        try:
            pop_protocol.send(message)
            return 0
        except (pop_protocol.NoClientError, TimeoutError, OSError):
            args.pending_pop = message  # no window yet: start one and pop after login
        except pop_protocol.RefusedError as exc:
            print(f"calldesk: the CallDesk window refused the call: {exc}", file=sys.stderr)
            return 1
    return int(gui(args))
