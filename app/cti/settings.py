"""Which CTI source this workstation listens to, and its options.

Kept in the settings file under `extra["cti"]` (no schema change to Settings), with
the webhook token and the AMI secret in the OS keyring (app.secrets), never in the
file. CALLDESK_CTI_TOKEN / CALLDESK_AMI_SECRET stand in on machines without a
keyring (servers running `calldesk cti serve`).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from typing import Any

from app import secrets
from app.config import Settings
from app.cti import ami, baresip, webhook

SOURCES = ("command", "baresip", "webhook", "ami")  # "command": only `calldesk pop`
_WEBHOOK_KEY = ("cti-webhook", "token")


@dataclass
class CtiSettings:
    source: str = "command"
    baresip_host: str = "127.0.0.1"
    baresip_port: int = baresip.DEFAULT_PORT
    webhook_host: str = "127.0.0.1"
    webhook_port: int = webhook.DEFAULT_PORT
    ami_host: str = "127.0.0.1"
    ami_port: int = ami.DEFAULT_PORT
    ami_user: str = ""
    extension: str = ""  # the agent's extension: AMI filters on it, pops are for it

    @classmethod
    def from_dict(cls, raw: Any) -> CtiSettings:
        if not isinstance(raw, dict):
            return cls()
        out = cls()
        for f in fields(cls):
            value = raw.get(f.name)
            default = getattr(out, f.name)
            if isinstance(default, int) and isinstance(value, int) and not isinstance(value, bool):
                if 0 < value < 65536:
                    setattr(out, f.name, value)
            elif isinstance(default, str) and isinstance(value, str):
                setattr(out, f.name, value.strip())
        if out.source not in SOURCES:
            out.source = "command"
        return out

    @classmethod
    def load(cls, settings: Settings | None = None) -> CtiSettings:
        return cls.from_dict((settings or Settings.load()).extra.get("cti"))

    def save(self, settings: Settings | None = None) -> None:
        s = settings or Settings.load()
        s.extra = {**s.extra, "cti": asdict(self)}
        s.save()


def _ami_key(cfg: CtiSettings) -> tuple[str, str]:
    return (f"cti-ami-{cfg.ami_host}:{cfg.ami_port}", cfg.ami_user or "ami")


def webhook_token() -> str | None:
    return os.environ.get("CALLDESK_CTI_TOKEN") or secrets.get_password(*_WEBHOOK_KEY)


def store_webhook_token(token: str) -> bool:
    return secrets.store_password(*_WEBHOOK_KEY, token)


def ami_secret(cfg: CtiSettings) -> str | None:
    return os.environ.get("CALLDESK_AMI_SECRET") or secrets.get_password(*_ami_key(cfg))


def store_ami_secret(cfg: CtiSettings, secret: str) -> bool:
    return secrets.store_password(*_ami_key(cfg), secret)
