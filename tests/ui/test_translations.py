"""The Vietnamese translation is complete, matches the code, and its .qm is current.

Fixing a failure here: run scripts/update_translations.sh, translate what it reports
as unfinished, run it again, and commit the .ts and the .qm together.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "calldesk_vi.ts"
QM = ROOT / "resources" / "translations" / "calldesk_vi.qm"
FIX = "run scripts/update_translations.sh, translate, run it again"


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found (it ships with PySide6)")
    return found


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    return [
        (ctx.findtext("name", ""), msg.findtext("source", ""), msg)
        for ctx in root.iter("context")
        for msg in ctx.iter("message")
    ]


def test_every_message_is_translated() -> None:
    messages = _messages(TS)
    assert len(messages) > 100
    bad = [
        (ctx, src)
        for ctx, src, msg in messages
        if (tr := msg.find("translation")) is None
        or tr.get("type") in ("unfinished", "obsolete", "vanished")
        or not (tr.text or "").strip()
    ]
    assert not bad, f"untranslated messages ({FIX}): {bad}"


def test_placeholders_survive_translation() -> None:
    for ctx, src, msg in _messages(TS):
        text = msg.findtext("translation", "")
        for marker in ("%1", "%2", "%3", "&"):
            assert src.count(marker) == text.count(marker), (ctx, src, text)


def test_the_ts_file_holds_every_string_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / TS.name
    shutil.copy(TS, fresh)
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-silent",
            "-locations",
            "none",
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            "vi",
            *sorted(str(p) for p in (ROOT / "ui").rglob("*.py")),
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    before = {(c, s) for c, s, _ in _messages(TS)}
    after = {(c, s) for c, s, _ in _messages(fresh)}
    assert after - before == set(), f"strings missing from the .ts ({FIX})"
    assert before - after == set(), f"strings no longer in the code ({FIX})"


def test_the_qm_file_is_compiled_from_the_current_ts(tmp_path: Path) -> None:
    compiled = tmp_path / QM.name
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert QM.read_bytes() == compiled.read_bytes(), f"calldesk_vi.qm is stale ({FIX})"


def test_key_texts_read_naturally_in_vietnamese() -> None:
    by_source = {(c, s): m.findtext("translation", "") for c, s, m in _messages(TS)}
    assert (
        by_source[("MainWindow", "Search name, phone, email, customer or ticket number")]
        == "Tìm tên, số điện thoại, email, mã khách hàng hoặc số phiếu"
    )
    assert by_source[("LoginDialog", "Wrong user name or password.")] == (
        "Sai tên đăng nhập hoặc mật khẩu."
    )
