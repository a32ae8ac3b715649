"""Caller ids that arrive as links: `tel:` (RFC 3966) and `callto:` URIs.

The desktop registers `calldesk pop %u` as the handler for both schemes, so a number
clicked in a browser, a mail or a chat reaches the pop as a URI such as
`tel:+84-912-345-678;phone-context=example.vn` or `callto://+84912345678`. The pop
wants the number alone; the phone parser reads visual separators itself.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

SCHEMES = ("tel", "callto")
_SCHEME = re.compile(r"^\s*(tel|callto)\s*:", re.IGNORECASE)


class DialUriError(ValueError):
    """A tel:/callto: link that holds no number."""


def is_dial_uri(text: str) -> bool:
    return _SCHEME.match(text) is not None


def number_from_uri(text: str) -> str:
    """The caller id in a tel:/callto: link; any other text comes back stripped, unchanged.

    Drops the scheme, a `//` authority marker (callto://), parameters after `;`
    (phone-context, ext, isub...), a `?query` or `#fragment`, then URL-decodes
    (`%2B84` is `+84`, `%20` a space).
    """
    match = _SCHEME.match(text)
    if match is None:
        return text.strip()
    rest = text[match.end() :].strip()
    rest = rest.removeprefix("//")
    for stop in ";?#":
        rest = rest.split(stop, 1)[0]
    number = unquote(rest).strip().rstrip("/").strip()
    if not number:
        raise DialUriError(f"the link {text.strip()!r} holds no number")
    return number
