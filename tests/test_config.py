"""Settings, database resolution, and the password's home in the keyring."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import config, connection, secrets
from app.errors import UserError


def test_default_database_is_a_sqlite_file_in_the_data_dir(fresh_home: Path) -> None:
    url = config.resolve_database_url(None, config.Settings())
    assert url.startswith("sqlite:///") and str(fresh_home) in url


def test_database_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    s = config.Settings(database_url="postgresql://db.local/calldesk")
    assert config.resolve_database_url(None, s) == "postgresql://db.local/calldesk"
    monkeypatch.setenv("CALLDESK_DATABASE_URL", "postgresql://env/x")
    assert config.resolve_database_url(None, s) == "postgresql://env/x"
    assert config.resolve_database_url("sqlite:///cli.db", s) == "sqlite:///cli.db"


def test_settings_round_trip_without_password() -> None:
    s = config.Settings(
        database_url="postgresql://db.local/cd", database_user="agent", theme="dark"
    )
    s.save()
    text = config.Settings.path().read_text(encoding="utf-8")
    assert "password" not in text.lower()
    assert config.Settings.load() == s


def test_corrupt_settings_fall_back_to_defaults() -> None:
    config.Settings.path().write_text("{not json", encoding="utf-8")
    assert config.Settings.load() == config.Settings()


def test_password_comes_from_the_keyring_only() -> None:
    key = connection.url_key("postgresql://db.local:5432/cd")
    assert secrets.store_password(key, "agent", "p@ss:w/rd")
    url = connection.build_url("postgresql://db.local:5432/cd", user="agent")
    assert url.password == "p@ss:w/rd" and url.username == "agent"
    assert url.drivername == "postgresql+psycopg"
    assert (
        "p@ss"
        not in connection.open_database(
            None,
            config.Settings(database_url="postgresql://db.local:5432/cd", database_user="agent"),
        ).display_url()
    )


def test_no_keyring_stores_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secrets, "available", lambda: False)
    assert not secrets.store_password("k", "u", "pw")
    assert secrets.get_password("k", "u") is None


def test_null_keyring_is_not_available() -> None:
    import keyring
    from keyring.backends import null

    keyring.set_keyring(null.Keyring())
    assert not secrets.available()


def test_tls_setting_requires_ssl() -> None:
    url = connection.build_url("postgresql://h/db", user="u", password="x", tls=True)
    assert url.query["sslmode"] == "require"


def test_bad_url_is_a_user_error() -> None:
    with pytest.raises(UserError, match="not a database URL"):
        connection.build_url("::nonsense::")


@pytest.mark.postgres
def test_unreachable_server_is_explained() -> None:
    from db.engine import Database

    db = Database("postgresql://nobody@127.0.0.1:1/none")
    with pytest.raises(UserError, match="cannot reach the database"):
        connection.test_connection(db)


def test_logs_never_show_a_password(fresh_home: Path) -> None:
    import logging

    from app.logs import setup_logging

    setup_logging()
    logging.getLogger("calldesk.test").warning("connecting to postgresql://u:hunter2@h/db")
    for h in logging.getLogger().handlers:
        h.flush()
    text = (fresh_home / "logs" / "calldesk.log").read_text(encoding="utf-8")
    assert "hunter2" not in text and "u:***@h" in text
