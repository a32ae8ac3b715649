"""`calldesk import calls` and `calldesk kpi` as a supervisor runs them: exit status,
line-numbered errors, JSON figures, on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import csv_calls
from app.cli.main import main
from db import migrate
from db.engine import Database
from tests.kpi_fixtures import add_people

HEADER = "call_id,queue,direction,caller,callee,offered_at,answered_at,ended_at,agent,acw_seconds"
GOOD = [
    "c1,sales,inbound,0901,1900,2026-03-02T09:00:00+07:00,2026-03-02T09:00:10+07:00,"
    "2026-03-02T09:05:10+07:00,a1,30",
    "c2,sales,inbound,0902,1900,2026-03-02T09:10:00+07:00,,2026-03-02T09:10:04+07:00,,",
    "c3,support,inbound,0903,1900,2026-03-02T02:30:00Z,2026-03-02T02:30:45Z,"
    "2026-03-02T02:32:45Z,a2,0",
    "c4,support,inbound,0904,1900,2026-03-02T10:00:00+07:00,,2026-03-02T10:01:00+07:00,,",
    "c5,,outbound,1001,0905,2026-03-02T11:00:00+07:00,2026-03-02T11:00:05+07:00,"
    "2026-03-02T11:01:05+07:00,a1,10",
]


@pytest.fixture
def url(db_url: str) -> str:
    db = Database(db_url)
    migrate.upgrade(db)
    add_people(db)
    db.dispose()
    return db_url


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, lines: list[str], name: str = "calls.csv") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_import_then_kpi_json(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", "calls", str(write(tmp_path, [HEADER, *GOOD])),
                         "--db", url, "--json")  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["inserted"] == 5
    code, out, _ = run(capsys, "kpi", "--from", "2026-03-02", "--to", "2026-03-03",
                       "--db", url, "--json")  # fmt: skip
    assert code == 0
    data = json.loads(out)
    # 4 inbound: 2 answered (10 s, 45 s), c2 short abandon (4 s), c4 abandoned after 60 s
    assert {k: data[k] for k in ("offered", "answered", "abandoned", "short_abandoned")} == {
        "offered": 4, "answered": 2, "abandoned": 2, "short_abandoned": 1}  # fmt: skip
    assert data["service_level"] == pytest.approx(1 / 3, abs=1e-6)
    assert data["asa_seconds"] == 27.5
    assert data["aht_seconds"] == (300 + 30 + 120) / 2
    assert data["abandonment_rate"] == pytest.approx(1 / 3, abs=1e-6)


def test_kpi_by_and_queue(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", "calls", str(write(tmp_path, [HEADER, *GOOD])), "--db", url)
    day = ["--from", "2026-03-02T00:00+07:00", "--to", "2026-03-03T00:00+07:00"]
    code, out, _ = run(capsys, "kpi", *day, "--by", "queue", "--db", url, "--json")
    assert code == 0
    rows = {r["group"]: r for r in json.loads(out)["rows"]}
    assert (rows["sales"]["offered"], rows["support"]["offered"]) == (2, 2)
    _code, out, _ = run(capsys, "kpi", "--from", "2026-03-02", "--to", "2026-03-03",
                       "--queue", "support", "--by", "agent", "--db", url, "--json")  # fmt: skip
    data = json.loads(out)
    assert data["offered"] == 2 and data["queue"] == "support"
    assert {r["group"]: r["answered"] for r in data["rows"]} == {"a2": 1, "": 0}
    _code, out, _ = run(capsys, "kpi", "--from", "2026-03-02", "--to", "2026-03-04",
                       "--by", "day", "--db", url, "--json")  # fmt: skip
    assert [(r["group"], r["offered"], r["service_level"]) for r in json.loads(out)["rows"]] == [
        ("2026-03-02", 4, pytest.approx(1 / 3, abs=1e-6)), ("2026-03-03", 0, None)]  # fmt: skip


def test_kpi_csv_export(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", "calls", str(write(tmp_path, [HEADER, *GOOD])), "--db", url)
    target = tmp_path / "by_queue.csv"
    code, _, _ = run(capsys, "kpi", "--from", "2026-03-02", "--to", "2026-03-03", "--by", "queue",
                     "--csv", str(target), "--db", url)  # fmt: skip
    assert code == 0
    text = target.read_text(encoding="utf-8-sig").splitlines()
    assert text[0].startswith("group,key,offered,answered")
    assert text[1].startswith("sales,sales,2,1,")


def test_bad_rows_reported_by_physical_line(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        HEADER,
        GOOD[0],
        "",  # blank line 3 is skipped but counted
        'x1,sales,inbound,"multi\nline",1900,2026-03-02T09:00:00+07:00,not a time,,,',
        "x2,sales,sideways,1,2,2026-03-02T09:00:00+07:00,,,,",
        "x3,sales,inbound,1,2,2026-03-02T09:00:00,,,,",
        "x4,sales,inbound,1,2,2026-03-02T09:00:00+07:00,2026-03-02T08:59:00+07:00,,,",
        "x5,sales,inbound,1,2,2026-03-02T09:00:00+07:00,,,ghost,",
        "x6,sales,inbound,1,2,2026-03-02T09:00:00+07:00,,,,-3",
        "x7,sales,inbound,1,2",
        GOOD[0],
        GOOD[1],
    ]
    code, out, _ = run(
        capsys, "import", "calls", str(write(tmp_path, lines)), "--db", url, "--json"
    )
    assert code == 1
    report = json.loads(out)
    assert [(e["line"], e["reason"].split(" ")[0]) for e in report["errors"]] == [
        (4, "answered_at"),
        (6, "direction"),
        (7, "offered_at"),
        (8, "answered_at"),
        (9, "agent"),
        (10, "acw_seconds"),
        (11, "expected"),
        (12, "call_id"),
    ]
    assert report["inserted"] == 2  # c1 and c2 stored


def test_reimport_updates(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import", "calls", str(write(tmp_path, [HEADER, *GOOD])), "--db", url)
    changed = GOOD[1].replace(",,2026-03-02T09:10:04+07:00,,", ",2026-03-02T09:10:03+07:00,"
                              "2026-03-02T09:12:03+07:00,a2,5")  # fmt: skip
    code, out, _ = run(capsys, "import", "calls", str(write(tmp_path, [HEADER, GOOD[0], changed],
                       "again.csv")), "--db", url, "--json")  # fmt: skip
    assert code == 0
    rep = json.loads(out)
    assert (rep["inserted"], rep["updated"], rep["unchanged"]) == (0, 1, 1)
    code, out, _ = run(capsys, "kpi", "--from", "2026-03-02", "--to", "2026-03-03", "--db", url,
                       "--json")  # fmt: skip
    data = json.loads(out)
    assert (data["offered"], data["answered"], data["short_abandoned"]) == (4, 3, 0)


def test_unusable_files_exit_2(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "latin1.csv"
    bad.write_bytes((HEADER + "\nc1,Hà Nam,inbound\n").encode("latin-1"))
    for path in (tmp_path / "missing.csv", write(tmp_path, ["call_id,queue"], "nohead.csv"), bad,
                 write(tmp_path, [""], "empty.csv")):  # fmt: skip
        code, _out, err = run(capsys, "import", "calls", str(path), "--db", url)
        assert code == 2, path
        assert err.startswith("calldesk: error:") and len(err.strip().splitlines()) == 1


def test_kpi_bad_input_exit_2(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--from", "yesterday", "--to", "2026-03-03"],
                 ["--from", "2026-03-03", "--to", "2026-03-02"],
                 ["--from", "2026-03-02", "--to", "2026-03-03", "--timezone", "Mars/Base"],
                 ["--from", "2026-03-02", "--to", "2026-03-03", "--sl-seconds", "0"]):  # fmt: skip
        code, _out, err = run(capsys, "kpi", *argv, "--db", url)
        assert code == 2, argv
        assert len(err.strip().splitlines()) == 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_time_parser_never_crashes(text: str) -> None:
    try:
        value = csv_calls.parse_time(text, "offered_at")
    except csv_calls.BadRow as exc:
        assert "offered_at" in str(exc)
    else:
        assert value is None or value.tzinfo is not None


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(csv_calls.COLUMNS), st.text(max_size=30)))
def test_row_parser_accepts_or_explains(values: dict[str, str]) -> None:
    try:
        rec = csv_calls.parse_row(values, 2)
    except csv_calls.BadRow as exc:
        assert str(exc)
    else:
        assert rec.call_id and rec.offered_at.tzinfo is not None
        assert rec.answered_at is None or rec.answered_at >= rec.offered_at
