"""The command line's contract: one-line errors, non-zero exits, JSON on stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert "CallDesk" in capsys.readouterr().out


def test_db_upgrade_json(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--db", db_url, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["to"] == out["from"]  # already migrated by the fixture
    assert "password" not in out["database"]


def test_db_upgrade_fresh_sqlite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    assert main(["db", "upgrade", "--db", url]) == 0
    from db.migrate import head_revision

    assert f"-> {head_revision()}" in capsys.readouterr().out
    assert main(["db", "info", "--db", url, "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["customers"] == 0 and info["schema"] == info["head"]


def test_newer_schema_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import text

    from db import migrate
    from db.engine import Database

    url = f"sqlite:///{tmp_path / 'future.sqlite'}"
    d = Database(url)
    migrate.upgrade(d)
    with d.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num='9999'"))
    assert main(["db", "upgrade", "--db", url]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("calldesk: error:") and "newer CallDesk" in err
    assert "\n" not in err and "Traceback" not in err


def test_unreachable_database_is_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--db", "postgresql://nobody@127.0.0.1:1/none"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("calldesk: error: database:") and "Traceback" not in err


def test_no_subcommand_without_gui_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "no subcommand" in capsys.readouterr().err


def test_a_mistyped_command_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["lokup", "0901234567"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'lokup'" in err
    for command in ("db", "import", "export", "ticket", "lookup", "open", "desktop", "about"):
        assert f"'{command}'" in err


def test_every_command_is_reachable_through_the_lazy_command_table() -> None:
    """Each command module's commands are listed, so typing one imports its module."""
    import argparse

    from app.cli.main import COMMANDS, build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == {name for names in COMMANDS.values() for name in names}
    for module, names in COMMANDS.items():
        for name in names:
            only = build_parser([name, "--help"])
            (action,) = (a for a in only._actions if isinstance(a, argparse._SubParsersAction))
            assert name in action.choices, (module, name)


def test_global_options_before_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'g.sqlite'}"
    assert main(["--language", "vi", "db", "upgrade", "--db", url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["from"] is None


def test_the_gui_start_imports_no_database_code_before_its_first_window() -> None:
    """The login window comes up before SQLAlchemy, Alembic, phonenumbers or pyqtgraph
    are loaded (they load in the background while the user types)."""
    code = (
        "import sys; from app.cli.main import build_parser; build_parser(['--db', 'x']);"
        "import ui.launcher, ui.application, ui.login;"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic', 'phonenumbers', 'pyqtgraph', 'keyring', 'numpy')];"
        "assert not heavy, heavy"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_console_script_runs_headless(tmp_path: Path) -> None:
    """`python -m app` works from a checkout without a screen and without Qt imported."""
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    code = (
        "import sys; from ui.launcher import main; rc = main(['db','upgrade','--db',sys.argv[1]]);"
        "assert 'PySide6.QtWidgets' not in sys.modules; raise SystemExit(rc)"
    )
    res = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
