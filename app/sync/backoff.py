"""Reconnect delays: quick at first, then slower, so a restarting server is not stormed
by every workstation at the same instant (jitter)."""

from __future__ import annotations

import random


class Backoff:
    def __init__(self, first: float = 0.25, cap: float = 10.0, jitter: float = 0.2) -> None:
        self.first, self.cap, self.jitter = first, cap, jitter
        self.attempts = 0

    def next(self) -> float:
        base = min(self.cap, self.first * 2.0 ** min(self.attempts, 30))
        self.attempts += 1
        return float(base * (1 + random.uniform(-self.jitter, self.jitter)))

    def reset(self) -> None:
        self.attempts = 0
