"""Realistic call traffic for demos, the KPI panel and load: `calldesk simulate`.

A discrete-event simulation of one queue served by N agents: callers arrive as a
Poisson process (exponential gaps at R per hour), wait in FIFO order, and hang up
when their patience (exponential, mean PATIENCE_MEAN_S) runs out before an agent
is free; talk time and after-call work are lognormal. Every ring, answer and hangup
is a CallEvent handed to the same sink the real adapters feed (usually the
Recorder), so what the simulator stores is exactly what real calls store.

With `speed` the events are paced against the wall clock (1 = real time, 60 = an
hour per minute); speed 0 replays as fast as the sink takes them, time-stamped as
the last M minutes so the KPI panel shows them as recent history.
"""

from __future__ import annotations

import heapq
import math
import random
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from app.cti.events import CallEvent, CallState, make_event

SOURCE = "sim"
TALK_MEDIAN_S = 180.0
TALK_SIGMA = 0.6
ACW_MEDIAN_S = 25.0
ACW_SIGMA = 0.5
PATIENCE_MEAN_S = 90.0
QUEUES = ("sales", "support", "billing")


@dataclass(frozen=True)
class SimOptions:
    agents: int
    calls_per_hour: float
    minutes: float
    seed: int = 1
    speed: float = 0.0
    talk_median_s: float = TALK_MEDIAN_S
    patience_mean_s: float = PATIENCE_MEAN_S


@dataclass
class SimSummary:
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    answered_within_20s: int = 0
    total_wait_s: float = 0.0
    total_talk_s: float = 0.0
    events: int = 0
    wrapups: list[tuple[str, int]] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        answered = max(self.answered, 1)
        return {
            "offered": self.offered,
            "answered": self.answered,
            "abandoned": self.abandoned,
            "service_level_20s": round(
                self.answered_within_20s / max(self.answered + self.abandoned, 1), 3
            ),
            "asa_s": round(self.total_wait_s / answered, 1),
            "aht_talk_s": round(self.total_talk_s / answered, 1),
            "events": self.events,
        }


def _lognormal(rng: random.Random, median: float, sigma: float) -> float:
    return rng.lognormvariate(math.log(median), sigma)


def run(
    options: SimOptions,
    sink: Callable[[CallEvent], None],
    agent_names: Sequence[str],
    caller_numbers: Sequence[str],
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SimSummary:
    """Simulate and send every event to `sink`; returns what happened."""
    if options.agents < 1:
        raise ValueError("at least one agent")
    if options.calls_per_hour <= 0 or options.minutes <= 0:
        raise ValueError("calls per hour and minutes must be positive")
    if len(agent_names) < options.agents:
        raise ValueError("fewer agent names than agents")
    rng = random.Random(options.seed)
    horizon = options.minutes * 60.0
    start = now or datetime.now(UTC)
    if options.speed <= 0:
        start -= timedelta(seconds=horizon)
    summary = SimSummary()
    # (time, order, kind, payload): kinds arrive, abandon, hangup, free
    heap: list[tuple[float, int, str, object]] = []
    order = 0

    def push(at: float, kind: str, payload: object) -> None:
        nonlocal order
        order += 1
        heapq.heappush(heap, (at, order, kind, payload))

    t = rng.expovariate(options.calls_per_hour / 3600.0)
    while t < horizon:
        push(t, "arrive", None)
        t += rng.expovariate(options.calls_per_hour / 3600.0)

    free = deque(agent_names[: options.agents])
    waiting: deque[tuple[str, float]] = deque()  # call id, arrival time
    calls: dict[str, tuple[str, str]] = {}  # id -> (number, queue)
    wall0 = time.monotonic()

    def emit(state: CallState, cid: str, at: float, agent: str | None = None) -> None:
        if options.speed > 0:
            due = wall0 + at / options.speed
            delay = due - time.monotonic()
            if delay > 0:
                sleep(delay)
        number, queue = calls[cid]
        sink(
            make_event(
                state,
                cid,
                SOURCE,
                number=number,
                called=queue,
                queue=queue,
                agent=agent,
                cause="abandoned" if state is CallState.HANGUP and agent is None else None,
                at=start + timedelta(seconds=at),
            )
        )
        summary.events += 1

    def answer(cid: str, arrived: float, at: float) -> None:
        agent = free.popleft()
        wait = at - arrived
        summary.answered += 1
        summary.total_wait_s += wait
        summary.answered_within_20s += wait <= 20
        talk = _lognormal(rng, options.talk_median_s, TALK_SIGMA)
        acw = _lognormal(rng, ACW_MEDIAN_S, ACW_SIGMA)
        summary.total_talk_s += talk
        emit(CallState.ANSWERED, cid, at, agent)
        push(at + talk, "hangup", (cid, agent, acw))

    while heap:
        at, _order, kind, payload = heapq.heappop(heap)
        if kind == "arrive":
            cid = f"{uuid.UUID(int=rng.getrandbits(128), version=4).hex[:20]}"
            number = rng.choice(caller_numbers) if caller_numbers else _random_number(rng)
            calls[cid] = (number, rng.choice(QUEUES))
            summary.offered += 1
            emit(CallState.RINGING, cid, at)
            if free:
                answer(cid, at, at)
            else:
                waiting.append((cid, at))
                push(at + rng.expovariate(1.0 / options.patience_mean_s), "abandon", cid)
        elif kind == "abandon":
            cid = str(payload)
            if any(w[0] == cid for w in waiting):
                waiting = deque(w for w in waiting if w[0] != cid)
                summary.abandoned += 1
                emit(CallState.HANGUP, cid, at)
        elif kind == "hangup":
            assert isinstance(payload, tuple)
            done_cid, done_agent, acw = str(payload[0]), str(payload[1]), float(payload[2])
            emit(CallState.HANGUP, done_cid, at, done_agent)
            summary.wrapups.append((f"{SOURCE}:{done_cid}", round(acw)))
            push(at + acw, "free", done_agent)
        elif kind == "free":
            free.append(str(payload))
            if waiting:
                cid, arrived = waiting.popleft()
                answer(cid, arrived, at)
    return summary


def _random_number(rng: random.Random) -> str:
    return "09" + "".join(str(rng.randrange(10)) for _ in range(8))


def caller_pool(known: Sequence[str], size: int, seed: int, known_share: float = 0.7) -> list[str]:
    """Numbers callers ring from: mostly customers on file, some unknown."""
    rng = random.Random(seed)
    pool = [rng.choice(known) for _ in range(int(size * known_share))] if known else []
    pool += [_random_number(rng) for _ in range(size - len(pool))]
    rng.shuffle(pool)
    return pool
