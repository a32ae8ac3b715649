"""`calldesk pop NUMBER`: show the caller's card in the CallDesk window on this workstation.

Meant for softphones that run a command on ring: it never opens the database, it
only hands the number to the running window (app.pop_protocol) and exits, 0 when
the window took it, 1 when there is no window to take it. NUMBER may be a `tel:` or
`callto:` link (the desktop entry registers `calldesk pop %u` for both schemes).
"""

from __future__ import annotations

import argparse
import sys

from app import dial_uri, pop_protocol
from app.errors import UserError

NO_WINDOW = "no CallDesk window is running on this workstation"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "pop",
        help="show a caller's card in the running CallDesk window (for softphones)",
        description="Hand a ringing call to the CallDesk window open on this workstation.",
    )
    p.add_argument(
        "number",
        metavar="NUMBER",
        help="caller id as the phone system gives it, or a tel:/callto: link",
    )
    p.add_argument("--call-id", metavar="ID", help="the phone system's id for this call")
    p.add_argument("--name", metavar="DISPLAY", help="the caller's display name, if any")
    p.add_argument(
        "--timeout",
        type=float,
        default=pop_protocol.DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"how long to wait for the window (default {pop_protocol.DEFAULT_TIMEOUT_S:g})",
    )
    p.set_defaults(func=_pop)


def _pop(args: argparse.Namespace) -> int:
    try:
        number = dial_uri.number_from_uri(args.number)
    except dial_uri.DialUriError as exc:
        raise UserError(str(exc)) from None
    message = pop_protocol.PopMessage(
        number=number,
        call_id=(args.call_id or "").strip() or None,
        name=(args.name or "").strip() or None,
    )
    if not message.number:
        raise UserError("NUMBER is empty; pass the caller id (or 'anonymous' when withheld)")
    for key, limit in pop_protocol.FIELD_LIMITS.items():
        value = getattr(message, key)
        if value is not None and len(value) > limit:
            raise UserError(f"--{key.replace('_', '-')} is longer than {limit} characters")
    try:
        pop_protocol.send(message, timeout=args.timeout)
    except pop_protocol.NoClientError:
        print(f"calldesk: {NO_WINDOW}", file=sys.stderr)
        return 1
    except TimeoutError:
        print("calldesk: the CallDesk window did not answer in time", file=sys.stderr)
        return 1
    except pop_protocol.RefusedError as exc:
        raise UserError(f"the CallDesk window refused the call: {exc}") from None
    except pop_protocol.ProtocolError as exc:
        raise UserError(str(exc)) from None
    return 0
