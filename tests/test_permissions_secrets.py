"""The database password lives only in the OS keyring: never in the settings file, the
log file or anything else under CALLDESK_HOME, whatever the CLI does (including
failing). TLS to PostgreSQL is a setting."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app import config, connection, secrets
from app.cli.main import main
from tests.conftest import _admin_exec

pytestmark = pytest.mark.postgres

PASSWORD = "Sup3r-Secret-" + uuid.uuid4().hex[:8]


@pytest.fixture
def pw_role(pg_url: str) -> Iterator[str]:
    """A login role with a password (the test server trusts local connections, so the
    password travels but is not what lets it in)."""
    name = f"calldesk_pw_{uuid.uuid4().hex[:8]}"
    _admin_exec(pg_url, f"CREATE ROLE \"{name}\" LOGIN PASSWORD '{PASSWORD}'")
    _admin_exec(pg_url, f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{name}"')
    _admin_exec(pg_url, f'GRANT ALL ON SCHEMA public TO "{name}"')
    yield name
    _admin_exec(pg_url, f'DROP OWNED BY "{name}"')
    _admin_exec(pg_url, f'DROP ROLE "{name}"')


def _everything_under(home: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in home.rglob("*") if p.is_file()
    )


def test_password_never_reaches_files_or_logs(
    pg_url: str,
    pw_role: str,
    fresh_home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    logging.getLogger().setLevel(logging.DEBUG)
    u = make_url(pg_url)
    plain = f"postgresql://{u.host}:{u.port}/{u.database}"
    # What the settings dialog does: URL and user to the file, password to the keyring.
    assert secrets.store_password(connection.url_key(plain), pw_role, PASSWORD)
    config.Settings(database_url=plain, database_user=pw_role, database_tls=False).save()
    settings_text = config.Settings.path().read_text(encoding="utf-8")
    assert PASSWORD not in settings_text and pw_role in settings_text

    # Commands through the settings (password from the keyring), ...
    assert main(["db", "info", "--json"]) == 0
    assert main(["lookup", "0912345678", "--json"]) == 0
    assert main(["ticket", "show", "42"]) == 2  # a one-line error
    # ... and with the password typed into --db, including a failing connection whose
    # traceback goes to the log file.
    with_pw = f"postgresql://{pw_role}:{PASSWORD}@{u.host}:{u.port}/{u.database}"
    assert main(["db", "info", "--db", with_pw]) == 0
    missing = (
        f"postgresql://{pw_role}:{PASSWORD}@{u.host}:{u.port}/no_such_db_{uuid.uuid4().hex[:6]}"
    )
    assert main(["db", "info", "--db", missing]) == 2
    logging.getLogger("calldesk").error("connecting to %s failed", with_pw)  # belt and braces
    out = capsys.readouterr()
    logs = list((fresh_home).rglob("*.log"))
    assert logs and any(p.stat().st_size > 0 for p in logs)
    assert PASSWORD not in _everything_under(fresh_home)
    assert PASSWORD not in out.out + out.err
    assert "***" in "".join(p.read_text(encoding="utf-8") for p in logs)


def test_tls_is_a_setting(pg_url: str) -> None:
    u = make_url(pg_url)
    plain = f"postgresql://{u.username}@{u.host}:{u.port}/{u.database}"
    db = connection.open_database(None, config.Settings(database_url=plain, database_tls=True))
    assert db.url.query.get("sslmode") == "require"
    db.dispose()
    db = connection.open_database(None, config.Settings(database_url=plain, database_tls=False))
    assert "sslmode" not in db.url.query
    db.dispose()
    # An explicit sslmode in the URL wins over the checkbox.
    db = connection.open_database(
        None, config.Settings(database_url=plain + "?sslmode=verify-full", database_tls=True)
    )
    assert db.url.query.get("sslmode") == "verify-full"
    db.dispose()
