"""File → Settings → Telephony: the source and its options go to the settings file,
the webhook token and the AMI secret to the keyring and never to the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.config import Settings
from app.cti import settings as cti_settings
from app.cti.settings import CtiSettings
from tests.conftest import MemoryKeyring
from ui import worker
from ui.settings_dialog import SettingsDialog


def _dialog(qtbot: QtBot) -> SettingsDialog:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(dialog: SettingsDialog, kind: str) -> None:
    combo = dialog.telephony.source
    combo.setCurrentIndex(combo.findData(kind))


def test_webhook_settings_and_token(qtbot: QtBot, memory_keyring: MemoryKeyring) -> None:
    dialog = _dialog(qtbot)
    panel = dialog.telephony
    assert panel.kind() == "command" and not panel.host.isVisible()
    _choose(dialog, "webhook")
    assert panel.token.isVisible() and not panel.ami_user.isVisible()
    assert panel.host.text() == "127.0.0.1" and panel.port.value() == 8765
    panel.port.setValue(9001)
    qtbot.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
    token = panel.token.text()
    assert len(token) >= 24
    assert "http://127.0.0.1:9001/cti" in panel.hint.text()
    qtbot.keyClicks(panel.extension, "101")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    worker.wait_for_idle()
    cfg = CtiSettings.load()
    assert (cfg.source, cfg.webhook_port, cfg.extension) == ("webhook", 9001, "101")
    assert token not in Settings.path().read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: cti_settings.webhook_token() == token)


def test_ami_secret_goes_to_the_keyring_and_switching_keeps_each_sources_values(
    qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    dialog = _dialog(qtbot)
    panel = dialog.telephony
    _choose(dialog, "baresip")
    panel.host.setText("10.0.0.5")
    _choose(dialog, "ami")
    assert panel.port.value() == 5038 and panel.ami_secret.isVisible()
    panel.host.setText("pbx.local")
    qtbot.keyClicks(panel.ami_user, "calldesk")
    qtbot.keyClicks(panel.ami_secret, "amp111")
    _choose(dialog, "baresip")
    assert panel.host.text() == "10.0.0.5"
    _choose(dialog, "ami")
    assert panel.host.text() == "pbx.local"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    worker.wait_for_idle()
    cfg = CtiSettings.load()
    assert (cfg.source, cfg.ami_host, cfg.ami_user, cfg.baresip_host) == (
        "ami",
        "pbx.local",
        "calldesk",
        "10.0.0.5",
    )
    assert "amp111" not in Settings.path().read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: cti_settings.ami_secret(cfg) == "amp111")


def test_garbage_in_the_settings_file_falls_back_to_defaults() -> None:
    cfg = CtiSettings.from_dict({"source": "fax", "baresip_port": 70000, "extension": 5})
    assert (cfg.source, cfg.baresip_port, cfg.extension) == ("command", 4444, "")
