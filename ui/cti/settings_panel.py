"""The Telephony part of File → Settings: which CTI source this workstation listens
to, and its options. The webhook token and the AMI secret go to the OS keyring
(app.cti.settings), never to the settings file."""

from __future__ import annotations

import logging
import secrets as token_source
from dataclasses import asdict

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app import secrets
from app.config import Settings
from app.cti import settings as cti_settings
from app.cti.settings import SOURCES, CtiSettings
from ui.widgets import grow_to_fit, make_label
from ui.worker import run_in_background

log = logging.getLogger(__name__)


class CtiSettingsPanel(QGroupBox):
    """Edits a CtiSettings; `apply(settings)` puts it in the settings to be saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CtiSettings")
        self.cfg = CtiSettings.load()
        self.keyring_ok = secrets.available()
        form = QFormLayout(self)
        form.setVerticalSpacing(8)
        form.setHorizontalSpacing(14)
        self.source = QComboBox()
        self.source.setObjectName("CtiSource")
        for key in SOURCES:
            self.source.addItem("", key)
        self.extension = QLineEdit(self.cfg.extension)
        self.extension.setObjectName("CtiExtension")
        self.extension.setMaxLength(32)
        self.host = QLineEdit()
        self.host.setObjectName("CtiHost")
        self.port = QSpinBox()
        self.port.setObjectName("CtiPort")
        self.port.setRange(1, 65535)
        self.token = QLineEdit()
        self.token.setObjectName("CtiToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.generate = QPushButton()
        self.generate.setObjectName("CtiGenerateToken")
        self.generate.setAutoDefault(False)
        self.generate.clicked.connect(self.new_token)
        token_row = QHBoxLayout()
        token_row.addWidget(self.token, 1)
        token_row.addWidget(self.generate)
        self.ami_user = QLineEdit(self.cfg.ami_user)
        self.ami_user.setObjectName("CtiAmiUser")
        self.ami_secret = QLineEdit()
        self.ami_secret.setObjectName("CtiAmiSecret")
        self.ami_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = make_label("", "muted-small", wrap=True, selectable=True)
        self.hint.setObjectName("CtiHint")
        keys = ("source", "ext", "host", "port", "token", "user", "secret")
        self.labels = {k: QLabel() for k in keys}
        form.addRow(self.labels["source"], self.source)
        form.addRow(self.labels["ext"], self.extension)
        form.addRow(self.labels["host"], self.host)
        form.addRow(self.labels["port"], self.port)
        form.addRow(self.labels["token"], token_row)
        form.addRow(self.labels["user"], self.ami_user)
        form.addRow(self.labels["secret"], self.ami_secret)
        form.addRow("", self.hint)
        self.form = form
        self._shown = ""
        self.source.setCurrentIndex(max(SOURCES.index(self.cfg.source), 0))
        self.source.currentIndexChanged.connect(self._source_changed)
        self.port.valueChanged.connect(lambda _v: self._texts())
        self.host.textChanged.connect(lambda _t: self._texts())
        self.retranslate()
        self._source_changed()

    def kind(self) -> str:
        return str(self.source.currentData())

    def retranslate(self) -> None:
        self.setTitle(self.tr("Telephony"))
        names = {
            "command": self.tr("Command only (calldesk pop from the softphone)"),
            "baresip": self.tr("baresip softphone (control socket)"),
            "webhook": self.tr("Phone system webhook (generic CTI)"),
            "ami": self.tr("Asterisk (AMI)"),
        }
        for i, key in enumerate(SOURCES):
            self.source.setItemText(i, names[key])
        self.labels["source"].setText(self.tr("Call events from"))
        self.labels["ext"].setText(self.tr("My extension"))
        self.labels["port"].setText(self.tr("Port"))
        self.labels["token"].setText(self.tr("Token"))
        self.labels["user"].setText(self.tr("AMI user"))
        self.labels["secret"].setText(self.tr("AMI secret"))
        self.generate.setText(self.tr("Generate"))
        keep = self.tr("Leave empty to keep the saved one")
        self.token.setPlaceholderText(keep)
        self.ami_secret.setPlaceholderText(keep)
        self.extension.setPlaceholderText(self.tr("Empty: every call"))
        self._texts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _texts(self) -> None:
        kind = self.kind()
        self.labels["host"].setText(self.tr("Listen on") if kind == "webhook" else self.tr("Host"))
        if kind == "command":
            hint = self.tr(
                "Set the softphone to run “calldesk pop %N” on an incoming call "
                "(%N: the caller's number, in the softphone's own notation)."
            )
        elif kind == "baresip":
            hint = self.tr(
                "Load baresip's ctrl_tcp module (ctrl_tcp_listen 127.0.0.1:4444). The card "
                "gets Answer and Hang up; CallDesk reconnects when the softphone restarts."
            )
        elif kind == "webhook":
            hint = self.tr("Point the phone system at %1 with the token.").replace(
                "%1", f"http://{self.host.text() or '127.0.0.1'}:{self.port.value()}/cti"
            )
        else:
            hint = self.tr("Follows the calls that ring your extension.")
        if kind in ("webhook", "ami") and not self.keyring_ok:
            hint += " " + self.tr(
                "No system keyring: set CALLDESK_CTI_TOKEN / CALLDESK_AMI_SECRET instead."
            )
        hint += " " + self.tr("Changes take effect the next time CallDesk starts.")
        self.hint.setText(hint)
        window = self.window()
        if window is not self and window.isVisible():
            grow_to_fit(window)

    def _source_changed(self, *_args: object) -> None:
        self._remember()
        kind = self.kind()
        self._shown = kind
        host_port = {
            "baresip": (self.cfg.baresip_host, self.cfg.baresip_port),
            "webhook": (self.cfg.webhook_host, self.cfg.webhook_port),
            "ami": (self.cfg.ami_host, self.cfg.ami_port),
        }.get(kind)
        if host_port is not None:
            self.host.setText(host_port[0])
            self.port.setValue(host_port[1])
        visible = {
            "host": host_port is not None,
            "port": host_port is not None,
            "token": kind == "webhook",
            "user": kind == "ami",
            "secret": kind == "ami",
        }
        for key, widget in (
            ("host", self.host),
            ("port", self.port),
            ("token", self.token),
            ("user", self.ami_user),
            ("secret", self.ami_secret),
        ):
            widget.setVisible(visible[key])
            self.labels[key].setVisible(visible[key])
        self.generate.setVisible(visible["token"])
        self._texts()
        window = self.window()
        if window is not self and window.isVisible():
            grow_to_fit(window)  # more rows than the last source had

    def _remember(self) -> None:
        """Keep what was typed for the source shown before switching."""
        host, port = self.host.text().strip() or "127.0.0.1", self.port.value()
        if self._shown == "baresip":
            self.cfg.baresip_host, self.cfg.baresip_port = host, port
        elif self._shown == "webhook":
            self.cfg.webhook_host, self.cfg.webhook_port = host, port
        elif self._shown == "ami":
            self.cfg.ami_host, self.cfg.ami_port = host, port

    def new_token(self) -> None:
        self.token.setEchoMode(QLineEdit.EchoMode.Normal)
        self.token.setText(token_source.token_urlsafe(24))

    def values(self) -> CtiSettings:
        self._remember()
        self.cfg.source = self.kind()
        self.cfg.extension = self.extension.text().strip()
        self.cfg.ami_user = self.ami_user.text().strip()
        return self.cfg

    def apply(self, settings: Settings) -> None:
        """Put the telephony settings into `settings` (saved by the dialog) and the
        typed token/secret into the keyring, in the background."""
        cfg = self.values()
        settings.extra = {**settings.extra, "cti": asdict(CtiSettings.from_dict(asdict(cfg)))}
        token, secret = self.token.text().strip(), self.ami_secret.text()
        if token and self.keyring_ok:
            run_in_background(cti_settings.store_webhook_token, token, on_error=self._store_failed)
        if secret and self.keyring_ok:
            run_in_background(
                cti_settings.store_ami_secret, cfg, secret, on_error=self._store_failed
            )

    def _store_failed(self, exc: BaseException) -> None:
        log.warning("the keyring refused a telephony secret: %s", exc)
