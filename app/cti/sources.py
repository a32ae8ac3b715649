"""Start the adapter a workstation's settings choose, behind one small interface."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.cti import ami, baresip, webhook
from app.cti.events import CallEvent
from app.cti.settings import CtiSettings, ami_secret, webhook_token
from app.errors import UserError

EventSink = Callable[[CallEvent, float], None]
StatusSink = Callable[[bool, str], None]


@dataclass
class Source:
    """A running adapter: what it is, how to stop it, what it can do to a call."""

    kind: str
    stop: Callable[[], None]
    accept: Callable[[str | None], bool] | None = None
    hangup: Callable[[str | None], bool] | None = None
    dial: Callable[[str], bool] | None = None
    description: str = ""
    adapter: object = None  # the running client or server (diagnostics, tests)

    @property
    def can_control(self) -> bool:
        return self.accept is not None and self.hangup is not None


def start(
    cfg: CtiSettings,
    on_event: EventSink,
    on_status: StatusSink | None = None,
    token: str | None = None,
    secret: str | None = None,
) -> Source | None:
    """Start the configured adapter (None for "command": `calldesk pop` needs no
    adapter). UserError when it cannot start (no token, port taken)."""
    if cfg.source == "baresip":
        client = baresip.BaresipClient(cfg.baresip_host, cfg.baresip_port, on_event, on_status)
        client.start()
        return Source(
            "baresip",
            client.stop,
            accept=client.accept,
            hangup=client.hangup,
            dial=client.dial,
            description=f"baresip {cfg.baresip_host}:{cfg.baresip_port}",
            adapter=client,
        )
    if cfg.source == "webhook":
        server = webhook.WebhookServer(
            cfg.webhook_host, cfg.webhook_port, token or webhook_token() or "", on_event
        )
        server.start()
        if on_status is not None:
            on_status(True, f"http://{cfg.webhook_host}:{server.port}{webhook.PATH}")
        return Source(
            "webhook",
            server.stop,
            description=f"webhook http://{cfg.webhook_host}:{server.port}{webhook.PATH}",
            adapter=server,
        )
    if cfg.source == "ami":
        if not cfg.extension:
            raise UserError("Asterisk AMI needs the agent's extension to follow")
        if not cfg.ami_user:
            raise UserError("Asterisk AMI needs a user name")
        password = secret or ami_secret(cfg)
        if not password:
            raise UserError("no AMI secret: save it in the settings or set CALLDESK_AMI_SECRET")
        manager = ami.AmiClient(
            cfg.ami_host, cfg.ami_port, cfg.ami_user, password, cfg.extension, on_event, on_status
        )
        manager.start()
        return Source(
            "ami",
            manager.stop,
            description=f"Asterisk AMI {cfg.ami_host}:{cfg.ami_port} extension {cfg.extension}",
            adapter=manager,
        )
    return None
