"""`calldesk about`: what IT reads on a workstation (and the package test checks frozen)."""

from __future__ import annotations

import json

import pytest

from app import __version__
from app.cli.main import main
from db import migrate


def test_about_json_names_the_keyring_driver_and_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["about", "--json"]) == 0
    about = json.loads(capsys.readouterr().out)
    assert about["version"] == __version__
    assert about["frozen"] is False
    assert about["schema_head"] == migrate.head_revision()
    # the tests' in-memory keyring (tests/conftest.py) is what keyring resolves to here
    assert about["keyring"]["backend"] == "tests.conftest.MemoryKeyring"
    assert about["keyring"]["usable"] is True
    assert about["psycopg"]["implementation"] in {"binary", "c", "python"}
    assert about["phonenumbers"]["vn_mobile_valid"] is True
    assert about["default_database"].startswith("sqlite:///")


def test_about_text_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["about"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"CallDesk {__version__}\n")
    assert "keyring" in out and "schema" in out
