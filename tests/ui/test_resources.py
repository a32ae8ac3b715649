"""Bundled files are found in a checkout and inside a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ui.resources import resource_path


def test_checkout_resources_exist() -> None:
    for parts in (
        ("styles", "light.qss"),
        ("styles", "dark.qss"),
        ("icons", "calldesk.svg"),
        ("icons", "calldesk.png"),
        ("translations", "calldesk_vi.qm"),
    ):
        assert resource_path(*parts).is_file(), parts


def test_frozen_bundle_looks_under_meipass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("styles", "dark.qss") == tmp_path / "resources" / "styles" / "dark.qss"
