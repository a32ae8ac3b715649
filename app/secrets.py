"""The database password in the OS keyring, and nowhere else.

On a machine with no usable keyring (a headless server, a minimal desktop) the
password is not written anywhere: `available()` says so and the GUI asks for it
each time instead.
"""

from __future__ import annotations

import contextlib

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

SERVICE = "calldesk"


def _backend() -> KeyringBackend:
    return keyring.get_keyring()


def available() -> bool:
    """True when a real keyring backend (priority > 0, not the fail/null ones) is active."""
    backend = _backend()
    name = type(backend).__module__ + "." + type(backend).__name__
    if "fail" in name or "null" in name:
        return False
    try:
        return float(backend.priority) > 0
    except Exception:
        return False


def backend_name() -> str:
    backend = _backend()
    return str(getattr(backend, "name", type(backend).__name__))


def _key(url_key: str, user: str) -> str:
    return f"{user}@{url_key}"


def store_password(url_key: str, user: str, password: str) -> bool:
    """Returns False (and stores nothing) when no keyring is usable."""
    if not available():
        return False
    try:
        keyring.set_password(SERVICE, _key(url_key, user), password)
    except keyring.errors.KeyringError:
        return False
    return True


def get_password(url_key: str, user: str) -> str | None:
    if not available():
        return None
    try:
        return keyring.get_password(SERVICE, _key(url_key, user))
    except keyring.errors.KeyringError:
        return None


def delete_password(url_key: str, user: str) -> None:
    if not available():
        return
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, _key(url_key, user))
