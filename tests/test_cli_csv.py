"""`calldesk import customers` / `calldesk export customers` as an administrator runs
them: exit status, what is printed where, and what ends up in the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from app import csv_customers as cc
from app.cli.main import main
from db.engine import Database
from db.models import ContactPoint, Customer

DATA = Path(__file__).parent / "data"
HEADER = "external_id,name,kind,phones,emails,tier"


def customers(db_url: str) -> dict[str | None, tuple[str, str, list[str]]]:
    db = Database(db_url)
    try:
        with db.session() as s:
            out: dict[str | None, tuple[str, str, list[str]]] = {}
            for c in s.scalars(select(Customer)):
                phones = s.scalars(
                    select(ContactPoint.value_norm)
                    .where(ContactPoint.customer_id == c.id, ContactPoint.kind == "phone")
                    .order_by(ContactPoint.is_primary.desc(), ContactPoint.id)
                )
                out[c.external_id] = (c.name, c.tier, list(phones))
            return out
    finally:
        db.dispose()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_json_report_and_exit_0(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = DATA / "customers_vi.csv"
    code, out, _err = run(capsys, "import", "customers", str(path), "--db", db_url, "--json")
    assert code == 0
    assert json.loads(out) == {
        "file": str(path),
        "rows": 5,
        "inserted": 5,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
        "strict": False,
    }
    stored = customers(db_url)
    assert stored["KH001"] == ("Nguyễn Văn An", "gold", ["+84912345678", "+842838221234"])

    code, out, _err = run(capsys, "import", "customers", str(path), "--db", db_url, "--json")
    assert (code, json.loads(out)["unchanged"]) == (0, 5)
    assert len(customers(db_url)) == 5


def test_bad_rows_exit_1_good_rows_stored(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        f"{HEADER},ghi_chu\nKH1,An,,0912345678,,,x\nKH2,,,,,,\nKH3,Bình,,số lạ,,,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "import", "customers", str(path), "--db", db_url)
    assert code == 1
    assert out.splitlines() == [
        "line 3: name is empty",
        "line 4: phone 'số lạ' is not a phone number",
        f"{path}: 3 rows: 1 inserted, 0 updated, 0 unchanged, 2 rejected",
    ]
    assert "ghi_chu" in err and "ignored" in err
    assert set(customers(db_url)) == {"KH1"}


def test_strict_with_bad_rows_stores_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(f"{HEADER}\nKH1,An,,,,\nKH2,Bình,,,,diamond\n", encoding="utf-8")
    code, out, _err = run(
        capsys, "import", "customers", str(path), "--strict", "--db", db_url, "--json"
    )
    report = json.loads(out)
    assert code == 1
    assert report["strict"] is True
    assert report["errors"] == [
        {"line": 3, "reason": "tier 'diamond' is not one of standard, silver, gold, vip"}
    ]
    assert (report["inserted"], report["rows"]) == (0, 2)
    assert customers(db_url) == {}


def test_non_utf8_file_exit_2_one_line_nothing_stored(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "excel-ansi.csv"
    path.write_bytes(f"{HEADER}\nKH1,An,,,,\n".encode() + "KH2,José,,,,\n".encode("latin-1"))
    code, out, err = run(capsys, "import", "customers", str(path), "--db", db_url)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "not UTF-8" in err and "line 3" in err
    assert customers(db_url) == {}


def test_missing_column_exit_2(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "nameless.csv"
    path.write_text("external_id,phones\nKH1,0912345678\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", "customers", str(path), "--db", db_url)
    assert code == 2
    assert err.startswith("calldesk: error: ") and "missing required column(s) name" in err
    assert customers(db_url) == {}


def test_missing_file_and_bad_region_exit_2(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "import", "customers", str(tmp_path / "x.csv"), "--db", sqlite_url
    )
    assert (code, "no such file" in err) == (2, True)
    path = tmp_path / "ok.csv"
    path.write_text(f"{HEADER}\n", encoding="utf-8")
    code, _out, err = run(
        capsys, "import", "customers", str(path), "--region", "XX", "--db", sqlite_url
    )
    assert (code, "--region" in err) == (2, True)


def test_region_option_reads_national_numbers(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "us.csv"
    path.write_text(f"{HEADER}\nUS1,Jane Roe,,(650) 253-0000,,\n", encoding="utf-8")
    code, *_ = run(capsys, "import", "customers", str(path), "--region", "us", "--db", sqlite_url)
    assert code == 0
    assert customers(sqlite_url)["US1"][2] == ["+16502530000"]


def test_empty_file_reports_zero_rows(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    code, out, _err = run(capsys, "import", "customers", str(path), "--db", sqlite_url, "--json")
    assert code == 0
    assert json.loads(out)["rows"] == 0


def test_export_then_import_round_trip(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(capsys, "import", "customers", str(DATA / "customers_vi.csv"), "--db", db_url)[0] == 0
    )
    out_file = tmp_path / "export.csv"
    code, out, _err = run(capsys, "export", "customers", str(out_file), "--db", db_url, "--json")
    assert code == 0
    assert json.loads(out) == {"file": str(out_file), "rows": 5, "without_external_id": 0}
    assert out_file.read_bytes().startswith(b"\xef\xbb\xbfexternal_id,name,kind,phones")

    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"  # open_db creates and migrates it
    code, out, _err = run(
        capsys, "import", "customers", str(out_file), "--strict", "--db", fresh, "--json"
    )
    assert (code, json.loads(out)["inserted"]) == (0, 5)
    assert customers(fresh) == customers(db_url)


def test_export_to_missing_folder_exit_2(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "out.csv"
    code, _out, err = run(capsys, "export", "customers", str(target), "--db", sqlite_url)
    assert code == 2 and "does not exist" in err


def test_database_failure_midway_exit_2_and_says_what_was_stored(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["db", "upgrade", "--db", sqlite_url]) == 0
    capsys.readouterr()
    monkeypatch.setattr(cc, "BATCH_SIZE", 2)
    inserts = [0]
    real = cc._insert_rows

    def insert(conn: Any, table: Any, columns: Any, rows: Any) -> None:
        if table.name == "customers" and rows:
            inserts[0] += 1
            if inserts[0] == 3:
                raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        real(conn, table, columns, rows)

    monkeypatch.setattr(cc, "_insert_rows", insert)
    path = tmp_path / "five.csv"
    path.write_text(HEADER + "\n" + "".join(f"K{i},Khách {i},,,,\n" for i in range(5)))

    code, out, err = run(capsys, "import", "customers", str(path), "--db", sqlite_url, "--json")

    assert code == 2
    report = json.loads(out)
    assert (report["inserted"], report["aborted"]) == (4, "database: disk I/O error")
    assert "4 rows were stored before the failure" in err and "Traceback" not in err
    monkeypatch.undo()
    assert set(customers(sqlite_url)) == {"K0", "K1", "K2", "K3"}


def test_import_needs_a_what(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["import"])
    assert exc.value.code == 2
    assert "WHAT" in capsys.readouterr().err


def test_help_documents_exit_codes_and_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["import", "customers", "--help"])
    text = capsys.readouterr().out
    for needle in ("exit status", "external_id", "--strict", "authoritative", "UTF-8"):
        assert needle in text
    with pytest.raises(SystemExit):
        main(["export", "customers", "--help"])
    assert "BOM" in capsys.readouterr().out


def test_big_file_imports_in_batches(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """5,000 rows: three batches, progress on stderr, and every customer once."""
    lines = [HEADER] + [
        f"KH{i:05d},Khách hàng {i},,091{i:07d},kh{i}@example.vn," for i in range(5000)
    ]
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "customers", str(path), "--db", sqlite_url, "--json")
    assert code == 0, out
    assert json.loads(out)["inserted"] == 5000
    assert err.count("rows read") == 3
    db = Database(sqlite_url)
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Customer)) == 5000
            assert s.scalar(select(func.count()).select_from(ContactPoint)) == 5000 * 2
    finally:
        db.dispose()
