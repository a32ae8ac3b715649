"""Which sequence numbers a client has handled.

On PostgreSQL a transaction takes its seq when it writes but becomes visible when it
commits, so seq 10 can be visible before seq 9 is. A client therefore keeps a low-water
mark (everything at or below it handled) and the set of handled numbers above it; a
hole below a handled number is waited for a while (a long transaction) and then given
up (a rolled-back transaction never fills it). A given-up number that turns up after all
(a transaction slower than the timeout) is still delivered, once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from app.sync.changes import Change

EXPIRED_KEPT = 10_000


class SeqCursor:
    def __init__(
        self, start: int = 0, hole_timeout: float = 30.0, clock: Callable[[], float] | None = None
    ) -> None:
        self.low = start
        self._seen: set[int] = set()
        self._holes: dict[int, float] = {}  # seq -> when first missed
        self._given_up: dict[int, None] = {}  # ordered set, bounded (EXPIRED_KEPT)
        self.hole_timeout = hole_timeout
        self._clock = clock or time.monotonic

    def accept(self, changes: Iterable[Change]) -> list[Change]:
        """The changes not handled yet, in the order given; marks them handled."""
        fresh = []
        for c in changes:
            if c.seq in self._seen:
                continue
            if c.seq <= self.low:
                if c.seq not in self._given_up:
                    continue
                del self._given_up[c.seq]
                fresh.append(c)
                continue
            self._seen.add(c.seq)
            self._holes.pop(c.seq, None)
            fresh.append(c)
        self._advance()
        return fresh

    def _advance(self) -> None:
        now = self._clock()
        if self._seen:
            top = max(self._seen)
            for seq in range(self.low + 1, top):
                if seq not in self._seen and seq not in self._holes:
                    self._holes[seq] = now
        while True:
            nxt = self.low + 1
            if nxt in self._seen:
                self._seen.discard(nxt)
            elif nxt in self._holes and now - self._holes[nxt] >= self.hole_timeout:
                del self._holes[nxt]
                self._given_up[nxt] = None
                if len(self._given_up) > EXPIRED_KEPT:
                    del self._given_up[next(iter(self._given_up))]
            else:
                break
            self.low = nxt

    @property
    def highest(self) -> int:
        return max(self._seen, default=self.low)

    def expire(self) -> None:
        """Give up holes older than the timeout (called on a timer)."""
        self._advance()
