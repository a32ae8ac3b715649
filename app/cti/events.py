"""The one call-event model every CTI source is translated into.

A call is announced (RINGING), maybe picked up (ANSWERED) and always ends (HANGUP);
everything else a phone system says is dropped by its adapter. Field widths are the
calls table's, and text from the wire is checked here once, so no adapter can hand
the GUI or the database something oversized or with control characters in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from db.enums import Direction as Direction  # re-exported: adapters use it with the events

# The calls table's column widths (db/models/telephony.py) and the pop protocol's.
LIMITS = {
    "call_id": 120,  # the source prefix and ':' must still fit calls.call_ref (128)
    "number": 64,
    "name": 200,
    "called": 64,
    "queue": 64,
    "agent": 64,
    "cause": 64,
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class EventError(ValueError):
    """Input a source sent that is not a call event we can use (logged and dropped)."""


class CallState(StrEnum):
    RINGING = "ringing"
    ANSWERED = "answered"
    HANGUP = "hangup"


@dataclass(frozen=True)
class CallEvent:
    """One thing that happened to one call, as any source reports it.

    `number` is the other party (the caller of an inbound call), `called` the
    extension or number that was dialled, `agent` the extension or user that
    answered when the source says so.
    """

    state: CallState
    call_id: str
    source: str
    number: str | None = None
    name: str | None = None
    called: str | None = None
    queue: str | None = None
    agent: str | None = None
    direction: Direction = Direction.INBOUND
    cause: str | None = None
    at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def call_ref(self) -> str:
        """The calls table's key: unique across sources (the same PBX call seen by two
        workstations through the same kind of source is one row)."""
        return f"{self.source}:{self.call_id}"


def clean(value: object, key: str, required: bool = False) -> str | None:
    """A text field from the wire: stripped, within its width, no control characters;
    EventError otherwise. Numbers (JSON ints) are accepted as their digits."""
    if value is None or value == "":
        if required:
            raise EventError(f"missing {key!r}")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise EventError(f"{key!r} must be text")
    text = str(value).strip()
    if _CONTROL.search(text):
        raise EventError(f"{key!r} holds control characters")
    if len(text) > LIMITS[key]:
        raise EventError(f"{key!r} longer than {LIMITS[key]} characters")
    if not text:
        if required:
            raise EventError(f"empty {key!r}")
        return None
    return text


def make_event(
    state: CallState,
    call_id: object,
    source: str,
    *,
    number: object = None,
    name: object = None,
    called: object = None,
    queue: object = None,
    agent: object = None,
    direction: str = Direction.INBOUND,
    cause: object = None,
    at: datetime | None = None,
) -> CallEvent:
    """A checked CallEvent from raw values (EventError names the first bad field)."""
    if direction not in (Direction.INBOUND, Direction.OUTBOUND):
        raise EventError("direction must be inbound or outbound")
    if at is not None and at.tzinfo is None:
        raise EventError("event time without a time zone")
    cid = clean(call_id, "call_id", required=True)
    assert cid is not None
    return CallEvent(
        state=state,
        call_id=cid,
        source=source,
        number=clean(number, "number"),
        name=clean(name, "name"),
        called=clean(called, "called"),
        queue=clean(queue, "queue"),
        agent=clean(agent, "agent"),
        direction=Direction(direction),
        cause=clean(cause, "cause"),
        at=at or datetime.now(UTC),
    )


_SIP_URI = re.compile(r"^(?:sips?|tel):([^@;>]*)", re.IGNORECASE)


def number_from_uri(uri: str | None) -> str | None:
    """The user part of a SIP/tel URI ("sip:0912345678@pbx;user=phone" -> "0912345678"),
    or the value itself when it is not a URI; None for nothing or anonymous callers."""
    if not uri:
        return None
    text = uri.strip().strip("<>")
    m = _SIP_URI.match(text)
    user = m.group(1) if m else text
    user = user.strip()
    if not user or user.lower() in ("anonymous", "unknown", "restricted"):
        return "anonymous" if user else None
    return user
