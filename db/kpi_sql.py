"""SQL for the call roll-ups, per engine: each measure of one call as an expression,
the triggers that keep the roll-ups exact, and the statement that refills them.

The same expressions serve the triggers, the refill and app.kpi's direct queries over
`calls`, so the roll-ups and the calls can never disagree about what a measure means.
Times in `calls` are UTC (text on SQLite, timestamptz on PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass

from db.models.kpi import MEASURES, SHORT_ABANDON_THRESHOLDS, SL_THRESHOLDS

BUCKET_SECONDS = 900
DAY_SECONDS = 86400
INBOUND = "'inbound'"


@dataclass(frozen=True)
class Rollup:
    table: str
    keys: tuple[str, ...]  # key columns, time key first
    period: int  # seconds per time key


ROLLUPS = (
    Rollup("call_stats_15m", ("bucket", "queue"), BUCKET_SECONDS),
    Rollup("call_stats_agent_15m", ("bucket", "queue", "agent"), BUCKET_SECONDS),
    Rollup("call_stats_agent_day", ("day", "queue", "agent"), DAY_SECONDS),
)


def epoch(dialect: str, expr: str) -> str:
    """Whole seconds since 1970 of a stored instant."""
    if dialect == "sqlite":
        return f"CAST(strftime('%s', {expr}) AS INTEGER)"
    return f"CAST(floor(extract(epoch from {expr})) AS BIGINT)"


def millis_between(dialect: str, start: str, end: str) -> str:
    if dialect == "sqlite":
        return f"CAST(round((julianday({end}) - julianday({start})) * 86400000.0) AS INTEGER)"
    return f"CAST(round(extract(epoch from ({end} - {start})) * 1000) AS BIGINT)"


def period_start(dialect: str, ref: str, seconds: int) -> str:
    """The UTC bucket (epoch seconds) a call's offered_at falls in."""
    e = epoch(dialect, f"{ref}.offered_at")
    if dialect == "sqlite":
        return f"(({e}) / {seconds}) * {seconds}"
    return f"(floor(({e}) / {seconds}.0) * {seconds})::bigint"


def agent_key(dialect: str, ref: str) -> str:
    """users.id as 32 hex digits ('' when no agent): how SQLite stores a UUID."""
    if dialect == "sqlite":
        return f"coalesce({ref}.agent_id, '')"
    return f"coalesce(replace({ref}.agent_id::text, '-', ''), '')"


def key_exprs(dialect: str, ref: str, rollup: Rollup) -> list[str]:
    out = [period_start(dialect, ref, rollup.period), f"coalesce({ref}.queue, '')"]
    if "agent" in rollup.keys:
        out.append(agent_key(dialect, ref))
    return out


def measure_exprs(dialect: str, ref: str) -> dict[str, str]:
    """Each measure of one call `ref` (a row alias, NEW or OLD), in MEASURES order."""
    answered = f"{ref}.answered_at IS NOT NULL"
    abandoned = f"{ref}.answered_at IS NULL AND {ref}.ended_at IS NOT NULL"
    handled = f"{ref}.answered_at IS NOT NULL AND {ref}.ended_at IS NOT NULL"
    wait = millis_between(dialect, f"{ref}.offered_at", f"{ref}.answered_at")
    gone = millis_between(dialect, f"{ref}.offered_at", f"{ref}.ended_at")
    talk = millis_between(dialect, f"{ref}.answered_at", f"{ref}.ended_at")

    def when(cond: str, value: str = "1") -> str:
        return f"CASE WHEN {cond} THEN {value} ELSE 0 END"

    out = {
        "offered": "1",
        "answered": when(answered),
        "abandoned": when(abandoned),
        "handled": when(handled),
        "wait_ms": when(answered, wait),
        "abandon_wait_ms": when(abandoned, gone),
        "talk_ms": when(handled, talk),
        "hold_ms": when(handled, f"coalesce({ref}.hold_seconds, 0) * 1000"),
        "acw_ms": when(handled, f"coalesce({ref}.acw_seconds, 0) * 1000"),
    }
    for t in SL_THRESHOLDS:
        out[f"ans_le_{t}"] = when(f"{answered} AND {wait} <= {t * 1000}")
    for t in SHORT_ABANDON_THRESHOLDS:
        out[f"abn_le_{t}"] = when(f"{abandoned} AND {gone} <= {t * 1000}")
    assert tuple(out) == MEASURES
    return out


def _upsert_tail(rollup: Rollup, target: str) -> str:
    sets = ", ".join(f"{m} = {target}.{m} + excluded.{m}" for m in MEASURES)
    return f"ON CONFLICT ({', '.join(rollup.keys)}) DO UPDATE SET {sets}"


def _columns(rollup: Rollup) -> str:
    return ", ".join((*rollup.keys, *MEASURES))


# --- SQLite: row triggers -------------------------------------------------------------


def _sqlite_apply(rollup: Rollup, ref: str, sign: int) -> str:
    keys = key_exprs("sqlite", ref, rollup)
    values = [f"{sign} * ({e})" for e in measure_exprs("sqlite", ref).values()]
    return (
        f"INSERT INTO {rollup.table} ({_columns(rollup)}) "
        f"SELECT {', '.join(keys + values)} WHERE {ref}.direction = {INBOUND} "
        f"{_upsert_tail(rollup, rollup.table)};"
    )


# Columns whose change moves a call between buckets or changes a measure.
WATCHED = ("offered_at", "answered_at", "ended_at", "queue", "direction", "agent_id",
           "hold_seconds", "acw_seconds")  # fmt: skip


def sqlite_triggers() -> list[str]:
    ins = " ".join(_sqlite_apply(r, "NEW", 1) for r in ROLLUPS)
    dele = " ".join(_sqlite_apply(r, "OLD", -1) for r in ROLLUPS)
    upd = dele + " " + ins
    return [
        f"CREATE TRIGGER calls_kpi_ai AFTER INSERT ON calls BEGIN {ins} END",
        f"CREATE TRIGGER calls_kpi_ad AFTER DELETE ON calls BEGIN {dele} END",
        f"CREATE TRIGGER calls_kpi_au AFTER UPDATE OF {', '.join(WATCHED)} ON calls "
        f"BEGIN {upd} END",
    ]


SQLITE_DROP = [f"DROP TRIGGER IF EXISTS calls_kpi_{x}" for x in ("ai", "ad", "au")]


# --- PostgreSQL: statement triggers over transition tables -------------------------------


def _grouped_apply(dialect: str, rollup: Rollup, source: str, signed: bool) -> str:
    """INSERT ... SELECT grouped sums of `source` (rows aliased r, with column s = sign
    when `signed`) into the roll-up, adding to existing rows."""
    keys = key_exprs(dialect, "r", rollup)
    factor = "r.s * " if signed else ""
    sums = [f"sum({factor}({e}))" for e in measure_exprs(dialect, "r").values()]
    n = len(keys)
    groups = ", ".join(str(i) for i in range(1, n + 1))
    return (
        f"INSERT INTO {rollup.table} AS t ({_columns(rollup)}) "
        f"SELECT {', '.join(keys + sums)} FROM {source} r "
        f"WHERE r.direction = {INBOUND} GROUP BY {groups} ORDER BY {groups} "
        f"{_upsert_tail(rollup, 't')}"
    )


def _pg_function(name: str, source: str) -> str:
    body = ";\n".join(_grouped_apply("postgresql", r, source, True) for r in ROLLUPS)
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        f"BEGIN\n{body};\nRETURN NULL;\nEND\n$fn$"
    )


def pg_triggers() -> list[str]:
    new = "(SELECT 1 AS s, n.* FROM kpi_new n)"
    old = "(SELECT -1 AS s, o.* FROM kpi_old o)"
    both = "(SELECT -1 AS s, o.* FROM kpi_old o UNION ALL SELECT 1 AS s, n.* FROM kpi_new n)"
    return [
        _pg_function("calls_kpi_ins", new),
        _pg_function("calls_kpi_del", old),
        _pg_function("calls_kpi_upd", both),
        "CREATE TRIGGER calls_kpi_ai AFTER INSERT ON calls REFERENCING NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION calls_kpi_ins()",
        "CREATE TRIGGER calls_kpi_ad AFTER DELETE ON calls REFERENCING OLD TABLE AS kpi_old "
        "FOR EACH STATEMENT EXECUTE FUNCTION calls_kpi_del()",
        "CREATE TRIGGER calls_kpi_au AFTER UPDATE ON calls "
        "REFERENCING OLD TABLE AS kpi_old NEW TABLE AS kpi_new "
        "FOR EACH STATEMENT EXECUTE FUNCTION calls_kpi_upd()",
    ]


PG_DROP = [
    "DROP TRIGGER IF EXISTS calls_kpi_ai ON calls",
    "DROP TRIGGER IF EXISTS calls_kpi_ad ON calls",
    "DROP TRIGGER IF EXISTS calls_kpi_au ON calls",
    "DROP FUNCTION IF EXISTS calls_kpi_ins()",
    "DROP FUNCTION IF EXISTS calls_kpi_del()",
    "DROP FUNCTION IF EXISTS calls_kpi_upd()",
]


def triggers(dialect: str) -> list[str]:
    return sqlite_triggers() if dialect == "sqlite" else pg_triggers()


def drop_triggers(dialect: str) -> list[str]:
    return SQLITE_DROP if dialect == "sqlite" else PG_DROP


def refill(dialect: str) -> list[str]:
    """Empty the roll-ups and sum every call again (migration, repair)."""
    out: list[str] = []
    for r in ROLLUPS:
        out.append(f"DELETE FROM {r.table}")
        out.append(_grouped_apply(dialect, r, "calls", False).split(" ON CONFLICT")[0])
    return out
