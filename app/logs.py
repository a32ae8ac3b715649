"""Logging to a rotating file in the user log dir; the console stays for one-line messages."""

from __future__ import annotations

import logging

from app.config import log_dir


class _NoSecrets(logging.Filter):
    """Belt and braces: a URL with a password never reaches the log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        import re

        msg = record.getMessage()
        if "://" in msg and "@" in msg:
            record.msg = re.sub(r"(://[^:/@\s]+:)[^@\s]+@", r"\1***@", msg)
            record.args = None
        return True


def setup_logging(level: int = logging.INFO) -> None:
    """Log to the current log dir; a second call for the same dir changes nothing."""
    root = logging.getLogger()
    path = log_dir() / "calldesk.log"
    for h in list(root.handlers):
        if getattr(h, "_calldesk", None) is not None:
            if h._calldesk == str(path):  # type: ignore[attr-defined]
                return
            root.removeHandler(h)
            h.close()
    from logging.handlers import RotatingFileHandler  # socket, pickle: not at start-up

    try:
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_NoSecrets())
    handler._calldesk = str(path)  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
