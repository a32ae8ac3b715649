"""Customer CSV import/export as an administrator relies on it: what lands in the
database, which rows are refused and why, and that nothing half-done is left behind."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select, update
from sqlalchemy.orm import selectinload

from app import csv_customers as cc
from app.csv_customers import (
    BadRow,
    CustomerRecord,
    RowError,
    export_customers,
    format_row,
    import_customers,
    parse_row,
    read_customers,
)
from app.errors import UserError
from app.text import fold
from db.engine import Database
from db.enums import Tier
from db.models import ContactPoint, Customer

DATA = Path(__file__).parent / "data"
HEADER = "external_id,name,kind,phones,emails,tier"


def write(tmp_path: Path, text: str, *, bom: bool = False, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


Snapshot = dict[str | None, tuple[Any, ...]]


def snapshot(db: Database, *, versions: bool = False) -> Snapshot:
    """Every customer with its contact points, as comparable values."""
    with db.session() as s:
        out: Snapshot = {}
        for c in s.scalars(select(Customer).options(selectinload(Customer.contact_points))):
            contacts = sorted(
                (cp.kind, cp.value_raw, cp.value_norm, cp.match_key, cp.is_primary)
                for cp in c.contact_points
            )
            row: tuple[Any, ...] = (c.name, c.name_key, c.kind, c.tier, contacts)
            out[c.external_id] = (*row, c.version) if versions else row
        return out


def contact_ids(db: Database, external_id: str) -> dict[str, uuid.UUID]:
    with db.session() as s:
        rows = s.execute(
            select(ContactPoint.value_norm, ContactPoint.id)
            .join(Customer)
            .where(Customer.external_id == external_id)
        )
        return {norm: cid for norm, cid in rows}


# --------------------------------------------------------------------------- happy path


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_vietnamese_file_imports_with_normalised_values(
    db: Database, tmp_path: Path, bom: bool
) -> None:
    data = (DATA / "customers_vi.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    path = tmp_path / "in.csv"
    path.write_bytes(data if bom else data[3:])

    report = import_customers(db, path)

    assert (report.rows, report.inserted, report.errors) == (5, 5, [])
    snap = snapshot(db)
    assert snap["KH001"] == (
        "Nguyễn Văn An",
        "nguyen van an",
        "person",
        "gold",
        [
            ("email", "an.nguyen@example.vn", "an.nguyen@example.vn", None, True),
            ("phone", "+84 28 3822 1234", "+842838221234", "2838221234", False),
            ("phone", "0912 345 678", "+84912345678", "912345678", True),
        ],
    )
    # Names trimmed and collapsed; kind case-insensitive; empty tier is standard.
    assert snap["KH002"][:4] == ("Trần Thị Bích Ngọc", "tran thi bich ngoc", "person", "standard")
    # "Organisation" is accepted; emails are matched lower-case but kept as typed.
    assert snap["KH003"][2:4] == ("organization", "vip")
    assert ("email", "CSKH@PhucLong.vn", "cskh@phuclong.vn", None, True) in snap["KH003"][4]
    assert snap["KH005"][0] == "Phạm, Hoàng Yến"
    assert snap["KH004"][1] == fold("Lê Đức Thọ") == "le duc tho"


def test_decomposed_names_are_stored_nfc(db: Database, tmp_path: Path) -> None:
    decomposed = "Nguye\u0302\u0303n Va\u0306n An"  # what some Mac apps write
    path = write(tmp_path, f"{HEADER}\nKH1,{decomposed},,,,\n")
    import_customers(db, path)
    assert snapshot(db)["KH1"][0] == "Nguyễn Văn An"


PHONE_SHAPES = [
    "+84912345678",
    "+84 912 345 678",
    "84912345678",
    "0912345678",
    "0912.345.678",
    "0912-345-678",
    "(091) 234-5678",
    "0084 912 345 678",
    "00 84 912.345.678",
    "+84 (0) 912 345 678",
]


def test_phone_numbers_in_every_common_shape(db: Database, tmp_path: Path) -> None:
    lines = [HEADER] + [f"P{i},Khách {i},,{raw},," for i, raw in enumerate(PHONE_SHAPES)]
    report = import_customers(db, write(tmp_path, "\n".join(lines) + "\n"))
    assert report.errors == []
    snap = snapshot(db)
    for i, raw in enumerate(PHONE_SHAPES):
        assert snap[f"P{i}"][4] == [("phone", raw, "+84912345678", "912345678", True)]


def test_phones_stored_under_the_keys_lookup_uses(db: Database, tmp_path: Path) -> None:
    """Whatever app.phones decides a number's keys are, the importer stores exactly those."""
    from app.phones import storage_keys

    shapes = ["0912 345 678", "(028) 3822 1234", "3822 1234", "+1 650 253 0000"]
    lines = [HEADER] + [f"S{i},Khách {i},,{raw},," for i, raw in enumerate(shapes)]
    report = import_customers(db, write(tmp_path, "\n".join(lines) + "\n"))
    snap = snapshot(db)
    for i, raw in enumerate(shapes):
        keys = storage_keys(raw)
        if keys is None:
            assert any(e.line == i + 2 for e in report.errors)
        else:
            assert snap[f"S{i}"][4] == [("phone", raw, *keys, True)]


def test_region_reads_national_numbers(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\nUS1,John Smith,,(650) 253-0000,,\n")
    assert import_customers(db, path, region="US").errors == []
    assert snapshot(db)["US1"][4][0][2] == "+16502530000"


def test_columns_in_any_order_extra_ignored_with_a_note(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Tier,Ghi chú,Name,External ID,Phones\ngold,VIP cũ,Đỗ Mười,KH7,0912345678\n",
    )
    notes: list[str] = []
    report = import_customers(db, path, progress=notes.append)
    assert (report.inserted, report.errors) == (1, [])
    assert any("Ghi chú" in n and "ignored" in n for n in notes)
    assert snapshot(db)["KH7"][:4] == ("Đỗ Mười", "do muoi", "person", "gold")


def test_singular_header_names_and_unnamed_columns(db: Database, tmp_path: Path) -> None:
    notes: list[str] = []
    path = write(tmp_path, "External-ID,Name,Phone,E-mail,Email,,\nKH1,An,0912345678,x,a@b.vn,,\n")
    report = import_customers(db, path, progress=notes.append)
    assert (report.inserted, report.errors) == (1, [])
    assert [n for n in notes if "ignored" in n] == [
        "note: column 'E-mail' is not used and was ignored"
    ]
    assert [c[1] for c in snapshot(db)["KH1"][4]] == ["a@b.vn", "0912345678"]


def test_empty_and_header_only_files_import_nothing(db: Database, tmp_path: Path) -> None:
    for text in ("", "\n\n", HEADER + "\n", HEADER + "\n\n,,,,,\n"):
        report = import_customers(db, write(tmp_path, text, bom=True))
        assert (report.rows, report.inserted, report.errors) == (0, 0, [])
    assert snapshot(db) == {}


# --------------------------------------------------------------------------- bad rows

BAD_FILE = (
    HEADER + "\n"  # 1
    "KH1,Nguyễn Văn An,person,0912345678,an@example.vn,gold\n"  # 2
    'KH2,"Trần Thị\nBình",person,,,\n'  # 3-4: a name over two lines is fine
    "KH3,   ,person,,,\n"  # 5
    ",Không Mã,person,,,\n"  # 6
    "KH1,Trùng Mã,person,,,\n"  # 7
    "KH4,Lê Lợi,robot,,,\n"  # 8
    "\n"  # 9: blank lines are skipped, still counted
    "KH5,Lê Lai,person,,,platinum\n"  # 10
    "KH6,Mạc Cửu,person,0912 345 67x,,\n"  # 11
    "KH7,Hồ Quý Ly,person,0912345678,ho@quy@ly.vn,\n"  # 12
    "KH8,Ngô Quyền,person\n"  # 13
    "KH9,Lý Bí,person,,,,extra\n"  # 14
    'KH10,Đinh Bộ Lĩnh,ORGANIZATION,"0912345678, 0987654321",dinh@example,Gold\n'  # 15
    "KH11,Triệu Thị Trinh,,0912345678;;0987654321;,trinh@example.vn,\n"  # 16
)

BAD_ERRORS = [
    RowError(5, "name is empty"),
    RowError(6, "external_id is empty"),
    RowError(7, "external_id 'KH1' already used on line 2"),
    RowError(8, "kind 'robot' is not person or organization"),
    RowError(10, "tier 'platinum' is not one of standard, silver, gold, vip"),
    RowError(11, "phone '0912 345 67x' is not a phone number"),
    RowError(12, "email 'ho@quy@ly.vn' is not a valid email address"),
    RowError(13, "expected 6 cells, found 3"),
    RowError(14, "expected 6 cells, found 7"),
    RowError(
        15,
        "phone '0912345678, 0987654321' is not a phone number (separate numbers with ';'); "
        "email 'dinh@example' is not a valid email address",
    ),
]


def test_bad_rows_reported_by_line_good_rows_stored(db: Database, tmp_path: Path) -> None:
    report = import_customers(db, write(tmp_path, BAD_FILE))

    assert report.errors == BAD_ERRORS
    assert (report.rows, report.inserted, report.updated, report.unchanged) == (13, 3, 0, 0)
    snap = snapshot(db)
    assert set(snap) == {"KH1", "KH2", "KH11"}
    assert snap["KH1"][0] == "Nguyễn Văn An"  # the first KH1 wins, the duplicate is refused
    assert snap["KH2"][0] == "Trần Thị Bình"
    assert [c[1] for c in snap["KH11"][4] if c[0] == "phone"] == ["0912345678", "0987654321"]


def test_strict_stores_nothing_when_a_row_is_bad(db: Database, tmp_path: Path) -> None:
    report = import_customers(db, write(tmp_path, BAD_FILE), strict=True)
    assert report.errors == BAD_ERRORS
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 0)
    assert report.strict and report.as_dict()["strict"] is True
    assert snapshot(db) == {}


def test_strict_imports_everything_from_a_good_file(db: Database, tmp_path: Path) -> None:
    report = import_customers(db, DATA / "customers_vi.csv", strict=True)
    assert (report.inserted, report.errors) == (5, [])
    assert len(snapshot(db)) == 5


def test_unclosed_quote_is_reported_at_its_line(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, f'{HEADER}\nKH1,An,,,,\nKH2,"Bình,,,,\nKH3,Chi,,,,\n')
    report = import_customers(db, path)
    assert [e.line for e in report.errors] == [3]
    assert "runs to line 4" in report.errors[0].reason
    assert set(snapshot(db)) == {"KH1"}


def test_old_mac_line_endings_count_lines(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, f"{HEADER}\rKH1,An,,,,\rKH2,,,,,\r")
    report = import_customers(db, path)
    assert report.errors == [RowError(3, "name is empty")]
    assert set(snapshot(db)) == {"KH1"}


# --------------------------------------------------------------------------- unusable files


def test_non_utf8_file_refused_naming_line_and_byte(db: Database, tmp_path: Path) -> None:
    good = f"{HEADER}\nKH1,Nguyen Van An,,,,\n".encode()
    # "Trần Bình" as Windows' Vietnamese code page stores it (base letter + tone mark).
    bad_line = "KH2,Trâ\u0300n Bi\u0300nh,,,,\n".encode("cp1258")
    path = tmp_path / "cp1258.csv"
    path.write_bytes(good + bad_line)
    with pytest.raises(UserError) as exc:
        import_customers(db, path)
    msg = str(exc.value)
    assert "not UTF-8" in msg and "line 3" in msg
    assert f"line 3, byte {len(good) + 7} of the file (0xe2)" in msg  # 'â' after 'KH2,Tr'

    assert snapshot(db) == {}


def test_latin1_file_refused_with_strict_too(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"{HEADER}\nKH1,José Núñez,,,,\n".encode("latin-1"))
    with pytest.raises(UserError, match="line 2"):
        import_customers(db, path, strict=True)
    assert snapshot(db) == {}


def test_bad_bytes_after_many_good_batches_store_nothing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cc, "BATCH_SIZE", 3)
    lines = [HEADER] + [f"KH{i},Khách {i},,,," for i in range(10)]
    path = tmp_path / "late.csv"
    path.write_bytes("\n".join(lines).encode() + b"\nKH99,Ph\xe1m,,,,\n")
    with pytest.raises(UserError, match="line 12"):
        import_customers(db, path)
    assert snapshot(db) == {}


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("name,phones", "missing required column(s) external_id"),
        ("external_id,kind", "missing required column(s) name"),
        ("KH1,Nguyễn Văn An,person,,,", "missing required column(s) external_id, name"),
        ("external_id,name,Name", "column 'name' appears twice"),
    ],
)
def test_unusable_header_refused(db: Database, tmp_path: Path, header: str, message: str) -> None:
    path = write(tmp_path, f"{header}\nKH2,Bình,person,,,\n")
    with pytest.raises(UserError) as exc:
        import_customers(db, path)
    assert message in str(exc.value)
    assert snapshot(db) == {}


def test_missing_file_is_a_user_error(db: Database, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot read"):
        import_customers(db, tmp_path / "nope.csv")


# --------------------------------------------------------------------------- re-import


def test_reimport_updates_and_never_duplicates(db: Database, tmp_path: Path) -> None:
    first = import_customers(db, DATA / "customers_vi.csv")
    assert first.inserted == 5
    before = snapshot(db, versions=True)
    ids_before = contact_ids(db, "KH001")

    again = import_customers(db, DATA / "customers_vi.csv")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 5)
    assert snapshot(db, versions=True) == before  # versions not bumped either

    changed = write(
        tmp_path,
        f"{HEADER}\n"
        # Same first number typed differently, the second replaced, a new email first.
        "KH001,Nguyễn Văn An,person,+84 912-345-678;0987 654 321,"
        "AN@new.vn;an.nguyen@example.vn,vip\n"
        "KH002,Trần Thị Bích Ngọc,person,+84912.345.679,,\n"  # unchanged
        "KH004,Lê Đức Thọ,organization,0084 912 345 680,,silver\n",  # kind changed
    )
    report = import_customers(db, changed)
    assert (report.inserted, report.updated, report.unchanged) == (0, 2, 1)

    after = snapshot(db, versions=True)
    assert len(after) == 5
    assert after["KH001"] == (
        "Nguyễn Văn An",
        "nguyen van an",
        "person",
        "vip",
        [
            ("email", "AN@new.vn", "an@new.vn", None, True),
            ("email", "an.nguyen@example.vn", "an.nguyen@example.vn", None, False),
            ("phone", "+84 912-345-678", "+84912345678", "912345678", True),
            ("phone", "0987 654 321", "+84987654321", "987654321", False),
        ],
        before["KH001"][5] + 1,
    )
    ids_after = contact_ids(db, "KH001")
    # Contact points with the same normalised value are kept, not recreated.
    assert ids_after["+84912345678"] == ids_before["+84912345678"]
    assert ids_after["an.nguyen@example.vn"] == ids_before["an.nguyen@example.vn"]
    assert "+842838221234" not in ids_after
    assert after["KH002"] == before["KH002"]
    assert after["KH004"][2] == "organization"
    assert after["KH004"][5] == before["KH004"][5] + 1
    assert after["KH003"] == before["KH003"]  # not in the file: untouched


def test_file_is_authoritative_only_for_phone_and_email(db: Database, tmp_path: Path) -> None:
    import_customers(db, write(tmp_path, f"{HEADER}\nKH1,An,person,0912345678,a@b.vn,\n"))
    with db.session() as s:
        customer = s.scalars(select(Customer).where(Customer.external_id == "KH1")).one()
        s.add(
            ContactPoint(
                customer_id=customer.id, kind="zalo", value_raw="an.zalo", value_norm="an.zalo"
            )
        )
    # No phones/emails any more: both removed; the Zalo handle stays.
    import_customers(db, write(tmp_path, f"{HEADER}\nKH1,An,person,,,\n"))
    assert snapshot(db)["KH1"][4] == [("zalo", "an.zalo", "an.zalo", None, False)]


def test_absent_columns_leave_fields_alone(db: Database, tmp_path: Path) -> None:
    import_customers(db, DATA / "customers_vi.csv")
    before = snapshot(db)
    report = import_customers(db, write(tmp_path, "external_id,name\nKH003,Công ty Phúc Long\n"))
    assert report.updated == 1
    after = snapshot(db)["KH003"]
    assert after[0] == "Công ty Phúc Long"
    assert after[2:] == before["KH003"][2:]  # kind, tier, phones, emails kept


def test_concurrent_change_is_reported_not_overwritten(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_customers(db, write(tmp_path, f"{HEADER}\nKH1,An,person,,,\nKH2,Bình,person,,,\n"))
    original = cc._load_existing

    def someone_saves_meanwhile(conn: Any, ids: list[str]) -> Any:
        found = original(conn, ids)
        conn.execute(
            update(Customer)
            .where(Customer.external_id == "KH1")
            .values(version=Customer.version + 1, name="Sửa bởi người khác")
        )
        return found

    monkeypatch.setattr(cc, "_load_existing", someone_saves_meanwhile)
    changed = write(tmp_path, f"{HEADER}\nKH1,An mới,person,,,\nKH2,Bình mới,person,,,\n")
    report = import_customers(db, changed)
    assert [e.line for e in report.errors] == [2]
    assert "changed by someone else" in report.errors[0].reason
    snap = snapshot(db)
    assert (snap["KH1"][0], snap["KH2"][0]) == ("Sửa bởi người khác", "Bình mới")


def test_merged_customer_is_not_updated(db: Database, tmp_path: Path) -> None:
    import_customers(db, write(tmp_path, f"{HEADER}\nKH1,An,person,,,\nKH2,An (trùng),,,,\n"))
    with db.session() as s:
        keep = s.scalars(select(Customer).where(Customer.external_id == "KH1")).one()
        gone = s.scalars(select(Customer).where(Customer.external_id == "KH2")).one()
        gone.merged_into_id = keep.id
    report = import_customers(db, write(tmp_path, f"{HEADER}\nKH2,Tên mới,person,,,\n"))
    assert [e.line for e in report.errors] == [2]
    assert "merged" in report.errors[0].reason
    assert snapshot(db)["KH2"][0] == "An (trùng)"


# --------------------------------------------------------------------------- failures


@pytest.fixture
def failing_contact_insert(db: Database) -> Iterator[list[int]]:
    """The driver loses the server during the second INSERT into contact_points."""
    seen = [0]

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.startswith("INSERT INTO contact_points"):
            seen[0] += 1
            if seen[0] == 2:
                raise db.engine.dialect.loaded_dbapi.OperationalError(
                    "server closed the connection unexpectedly"
                )

    event.listen(db.engine, "before_cursor_execute", before)
    yield seen
    event.remove(db.engine, "before_cursor_execute", before)


@pytest.mark.parametrize("strict", [False, True], ids=["batches", "strict"])
def test_database_failure_keeps_whole_batches_only(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failing_contact_insert: list[int],
    strict: bool,
) -> None:
    monkeypatch.setattr(cc, "BATCH_SIZE", 3)
    lines = [HEADER] + [f"KH{i},Khách {i},,09123456{i:02d},," for i in range(8)]
    path = write(tmp_path, "\n".join(lines) + "\n")

    report = import_customers(db, path, strict=strict)

    assert report.aborted is not None and "server closed the connection" in report.aborted
    assert report.as_dict()["aborted"] == report.aborted
    snap = snapshot(db)
    if strict:
        assert (report.stored, snap) == (0, {})
    else:
        # Batch 1 committed; batch 2 failed after its customers were inserted: rolled back.
        assert report.inserted == report.stored == 3
        assert set(snap) == {"KH0", "KH1", "KH2"}
        assert all(len(v[4]) == 1 for v in snap.values())


# --------------------------------------------------------------------------- export


def test_export_import_round_trip_is_lossless(db: Database, tmp_path: Path) -> None:
    import_customers(db, DATA / "customers_vi.csv")
    import_customers(
        db,
        write(
            tmp_path,
            f"{HEADER}\n"
            'KH010,"Ông ""Tư"" Sáu",person,0912 000 001;0912 000 003;0912 000 002,,\n'
            "KH011,Ấn Độ,organization,,b@x.vn;a@x.vn,silver\n",
            name="more.csv",
        ),
    )
    with db.session() as s:  # merged customers are left out of exports
        a = s.scalars(select(Customer).where(Customer.external_id == "KH010")).one()
        s.add(
            Customer(external_id="OLD", name="Bản trùng", name_key="ban trung", merged_into_id=a.id)
        )
    original = snapshot(db)
    del original["OLD"]

    out = tmp_path / "out.csv"
    report = export_customers(db, out)
    assert (report.rows, report.without_external_id) == (7, 0)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    assert "Nguyễn Văn An".encode() in data
    assert b"OLD" not in data
    # Primary first, the rest in the order they were imported.
    assert b"0912 000 001;0912 000 003;0912 000 002" in data
    assert b"b@x.vn;a@x.vn" in data

    # Into an empty database: the same customers come back.
    other = Database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    try:
        from db import migrate

        migrate.upgrade(other)
        back = import_customers(other, out, strict=True)
        assert (back.inserted, back.errors) == (7, [])
        assert snapshot(other) == original
        again = tmp_path / "again.csv"
        export_customers(other, again)
        assert again.read_bytes() == data
    finally:
        other.dispose()

    # Into the same database: nothing to change.
    same = import_customers(db, out)
    assert (same.unchanged, same.updated, same.inserted) == (7, 0, 0)


def test_export_pages_through_many_customers(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cc, "EXPORT_PAGE", 7)
    same_name = [f"KH{i:02d},Nguyễn Văn An,,09120000{i:02d},," for i in range(20)]
    others = [f"X{i:02d},Khách {i},,,," for i in range(13)]
    import_customers(db, write(tmp_path, "\n".join([HEADER, *same_name, *others]) + "\n"))
    out = tmp_path / "out.csv"
    assert export_customers(db, out).rows == 33
    with out.open(encoding="utf-8-sig", newline="") as f:
        ids = [row[0] for row in csv.reader(f)][1:]
    assert len(ids) == len(set(ids)) == 33
    # Pages break inside a run of equal names without skipping or repeating anyone, and
    # equal names keep the order they were imported in.
    assert [i for i in ids if i.startswith("KH")] == [f"KH{i:02d}" for i in range(20)]


def test_export_of_customers_without_external_id_says_so(db: Database, tmp_path: Path) -> None:
    with db.session() as s:
        s.add(Customer(name="Khách vãng lai", name_key="khach vang lai"))
    notes: list[str] = []
    report = export_customers(db, tmp_path / "out.csv", progress=notes.append)
    assert (report.rows, report.without_external_id) == (1, 1)
    assert any("no external_id" in n for n in notes)


def test_failed_export_leaves_the_previous_file(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("previous export")
    import_customers(db, DATA / "customers_vi.csv")

    def boom(_db: Database) -> Iterator[CustomerRecord]:
        yield CustomerRecord("KH1", "An")
        raise RuntimeError("disk pulled")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cc, "_exported_records", boom)
        with pytest.raises(RuntimeError):
            export_customers(db, out)
    assert out.read_text() == "previous export"
    assert not (tmp_path / "out.csv.part").exists()


# --------------------------------------------------------------------------- read-ahead


def test_read_ahead_keeps_order_and_passes_errors_on() -> None:
    def rows() -> Iterator[int]:
        yield from range(25)
        raise UserError("file changed")

    got: list[int] = []
    with pytest.raises(UserError, match="file changed"):
        for item in cc._read_ahead(rows(), 4):
            got.append(item)
    assert got == list(range(25))


def test_read_ahead_stops_its_worker_when_closed() -> None:
    produced = [0]

    def endless() -> Iterator[int]:
        while True:
            produced[0] += 1
            yield produced[0]

    gen = cc._read_ahead(endless(), 10)
    assert [next(gen) for _ in range(5)] == [1, 2, 3, 4, 5]
    gen.close()
    assert not any(t.name == "csv-read-ahead" for t in threading.enumerate())
    assert produced[0] <= 40  # a couple of chunks ahead, not the whole (endless) file


# --------------------------------------------------------------------------- row parser properties

VN_MOBILE_PREFIXES = ["90", "91", "93", "94", "96", "97", "98", "32", "35", "70", "77", "86", "88"]


@st.composite
def vn_phone(draw: st.DrawFn) -> tuple[str, str]:
    """(as a person might type it, E.164)."""
    national = draw(st.sampled_from(VN_MOBILE_PREFIXES)) + draw(
        st.text("0123456789", min_size=7, max_size=7)
    )
    prefix = draw(st.sampled_from(["0", "+84", "84", "0084", "+84 ", "00 84 ", "+84 (0)"]))
    sep = draw(st.sampled_from(["", " ", ".", "-"]))
    body = sep.join([national[:3], national[3:6], national[6:]])
    if prefix == "0" and draw(st.booleans()):
        body = f"({national[:2]}) {national[2:5]}{sep}{national[5:]}"
    return prefix + body, "+84" + national


vietnamese_words = st.text(
    st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựÁĐƯ"),
    min_size=1,
    max_size=8,
)


@st.composite
def valid_row(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, Any]]:
    """Cells a person could write, and the values the importer must make of them."""
    ext = draw(
        st.text(st.characters(codec="utf-8", categories=["L", "N", "Pd"]), min_size=1, max_size=64)
    )
    words = draw(st.lists(vietnamese_words, min_size=1, max_size=5))
    pad = draw(st.sampled_from(["", " ", "  ", "\t"]))
    kind_word, kind = draw(
        st.sampled_from(
            [
                ("", "person"),
                ("person", "person"),
                ("organization", "organization"),
                ("organisation", "organization"),
            ]
        )
    )
    tier = draw(st.sampled_from(["", *[t.value for t in Tier]]))
    phones = draw(st.lists(vn_phone(), max_size=3, unique_by=lambda p: p[1]))
    emails = draw(
        st.lists(
            st.tuples(
                st.from_regex(r"[a-zA-Z0-9._%+-]{1,10}", fullmatch=True),
                st.from_regex(r"[a-z0-9-]{1,10}\.[a-z]{2,4}", fullmatch=True),
            ).map(lambda t: f"{t[0]}@{t[1]}"),
            max_size=3,
            unique_by=str.lower,
        )
    )
    cells = {
        "external_id": pad + ext + pad,
        "name": pad + (pad or " ").join(words) + pad,
        "kind": _random_case(draw, kind_word),
        "phones": ";".join(p[0] for p in phones),
        "emails": " ; ".join(emails),
        "tier": _random_case(draw, tier),
    }
    expected = {
        "external_id": ext.strip(),
        "name": " ".join(words),
        "kind": kind,
        "tier": tier or "standard",
        "phones": [(p[0], p[1]) for p in phones],
        "emails": [(e, e.lower()) for e in emails],
    }
    return cells, expected


def _random_case(draw: st.DrawFn, word: str) -> str:
    flags = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    return "".join(c.upper() if f else c for c, f in zip(word, flags, strict=True))


@given(valid_row())
@settings(max_examples=300, deadline=None)
def test_any_row_of_valid_parts_parses_to_its_values(
    case: tuple[dict[str, str], dict[str, Any]],
) -> None:
    cells, expected = case
    rec = parse_row(cells)
    assert rec.external_id == expected["external_id"]
    assert rec.name == expected["name"]
    assert (rec.kind, rec.tier) == (expected["kind"], expected["tier"])
    assert [(p.raw, p.norm) for p in rec.phones or ()] == expected["phones"]
    assert [(e.raw, e.norm) for e in rec.emails or ()] == expected["emails"]
    # What the exporter writes parses back to the same record.
    assert parse_row(dict(zip(cc.COLUMNS, format_row(rec), strict=True))) == rec


cell_text = st.text(max_size=30) | st.sampled_from(["", " ", ";", "@", "+84", "0912345678"])


@given(st.dictionaries(st.sampled_from(cc.COLUMNS), cell_text))
@settings(max_examples=500, deadline=None)
def test_arbitrary_cells_give_a_record_or_a_reported_row_error(cells: dict[str, str]) -> None:
    try:
        rec = parse_row(cells)
    except BadRow as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    assert rec.external_id and rec.name
    assert not cc._has_control(rec.name + rec.external_id)


@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=8), max_size=12))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_arbitrary_csv_files_never_crash_the_reader(rows: list[list[str]]) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["external_id", "name", "kind", "phones", "emails", "tier"])
    writer.writerows(rows)
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / "f.csv"
        path.write_text(buf.getvalue(), encoding="utf-8", newline="")
        items = list(read_customers(path))
    finally:
        shutil.rmtree(folder)
    assert all(isinstance(i, (CustomerRecord, RowError)) for i in items)
    lines = [i.line for i in items]
    assert lines == sorted(lines) and all(line >= 2 for line in lines)
