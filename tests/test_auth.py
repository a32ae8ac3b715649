"""Users, first-run administrator and password checks."""

from __future__ import annotations

import pytest

from app import auth
from app.errors import UserError
from db.engine import Database


def test_first_run_creates_an_administrator(db: Database) -> None:
    assert not auth.has_users(db)
    admin = auth.create_first_admin(db, "boss", "s3cret-pass")
    assert admin.role == "admin"
    assert auth.has_users(db)
    with pytest.raises(UserError, match="already exists"):
        auth.create_first_admin(db, "other", "s3cret-pass")


def test_login_checks_the_password(db: Database) -> None:
    auth.create_user(db, "lan", "matkhau123", display_name="Trần Thị Lan", extension="101")
    user = auth.authenticate(db, "lan", "matkhau123")
    assert user.display_name == "Trần Thị Lan" and user.extension == "101"
    with pytest.raises(UserError, match="wrong user name or password"):
        auth.authenticate(db, "lan", "wrong")
    with pytest.raises(UserError, match="wrong user name or password"):
        auth.authenticate(db, "nobody", "matkhau123")


def test_user_input_is_checked(db: Database) -> None:
    with pytest.raises(UserError, match="at least 6"):
        auth.create_user(db, "x", "123")
    with pytest.raises(UserError, match="unknown role"):
        auth.create_user(db, "x", "1234567", role="emperor")
    auth.create_user(db, "x", "1234567")
    with pytest.raises(UserError, match="already exists"):
        auth.create_user(db, "x", "1234567")


def test_password_hash_is_salted_and_not_plain() -> None:
    a, b = auth.hash_password("pw123456"), auth.hash_password("pw123456")
    assert a != b and "pw123456" not in a
    assert auth.verify_password("pw123456", a) and not auth.verify_password("pw1234567", a)
    assert not auth.verify_password("x", "garbage")
