"""The Linux desktop entry: a valid file that opens tel:/callto: links with CallDesk, and
an install that writes it, the icons and the default handler under the user's folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app import desktop
from app.cli.main import main
from tests.test_pop_protocol import fake_window  # noqa: F401  (fixture)


def _entry_fields(text: str) -> dict[str, str]:
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def _exec_argv(exec_line: str) -> list[str]:
    """Read an Exec value as the Desktop Entry Specification says: first the string
    escapes (backslash pairs), then double quotes with \\" \\` \\$ \\\\ inside, then %%."""
    text = exec_line.replace("\\\\", "\\")
    args: list[str] = []
    current: list[str] | None = None
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " ":
            if current is not None:
                args.append("".join(current))
                current = None
        elif ch == '"':
            current = current or []
            i += 1
            while text[i] != '"':
                if text[i] == "\\" and text[i + 1] in '"`$\\':
                    i += 1
                current.append(text[i])
                i += 1
        else:
            current = (current or []) + [ch]
        i += 1
    if current is not None:
        args.append("".join(current))
    return [a.replace("%%", "%") if a != "%u" else a for a in args]


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    # xdg-mime may be installed here, but must not touch the developer's own settings:
    # with a PATH lacking it, the mimeapps.list fallback is what runs.
    monkeypatch.setenv("PATH", "/nonexistent")
    return tmp_path


def test_the_entry_opens_tel_and_callto_links_with_calldesk() -> None:
    fields = _entry_fields(desktop.desktop_entry(["/opt/calldesk/calldesk"]))
    assert fields["Type"] == "Application"
    assert fields["Name"] == "CallDesk"
    assert fields["Exec"] == "/opt/calldesk/calldesk open %u"
    assert fields["Icon"] == "calldesk"
    assert fields["Terminal"] == "false"
    assert fields["MimeType"].split(";") == ["x-scheme-handler/tel", "x-scheme-handler/callto", ""]
    assert "Telephony" in fields["Categories"].split(";")
    assert fields["Comment[vi]"].startswith("Thẻ khách hàng")


@pytest.mark.parametrize(
    "path",
    [
        "/opt/Call Desk/calldesk",
        '/home/an/"odd"/calldesk',
        "/home/an/$HOME/calldesk",
        "/home/an/back\\slash/calldesk",
        "/home/an/100%/calldesk",
    ],
)
def test_an_executable_path_survives_the_exec_quoting(path: str) -> None:
    fields = _entry_fields(desktop.desktop_entry([path]))
    assert _exec_argv(fields["Exec"]) == [path, "open", "%u"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validate_accepts_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "calldesk.desktop"
    path.write_text(desktop.desktop_entry(["/opt/Call Desk/calldesk"]), encoding="utf-8")
    done = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in (done.stdout + done.stderr).lower()


def test_install_writes_entry_icons_and_the_default_handler(xdg: Path) -> None:
    mimeapps = xdg / "config" / "mimeapps.list"
    mimeapps.parent.mkdir(parents=True)
    mimeapps.write_text(
        "[Added Associations]\ntext/html=firefox.desktop;\n\n"
        "[Default Applications]\nx-scheme-handler/tel=org.gnome.Calls.desktop;\n"
        "text/html=firefox.desktop;\n",
        encoding="utf-8",
    )
    report = desktop.install(["/opt/calldesk/calldesk"])
    entry = xdg / "data" / "applications" / "calldesk.desktop"
    assert report.desktop_file == entry
    assert _entry_fields(entry.read_text(encoding="utf-8"))["Exec"].startswith(
        "/opt/calldesk/calldesk open"
    )
    assert (xdg / "data/icons/hicolor/scalable/apps/calldesk.svg").read_bytes() == (
        desktop.resources_dir() / "icons" / "calldesk.svg"
    ).read_bytes()
    assert (xdg / "data/icons/hicolor/256x256/apps/calldesk.png").exists()
    assert report.registered_with == "mimeapps.list"
    assert desktop.default_handlers(mimeapps, desktop.MIME_TYPES) == {
        "x-scheme-handler/tel": "calldesk.desktop",
        "x-scheme-handler/callto": "calldesk.desktop",
    }
    text = mimeapps.read_text(encoding="utf-8")
    assert text.count("text/html=firefox.desktop;") == 2  # other associations untouched
    assert "org.gnome.Calls" not in text

    desktop.install(["/opt/calldesk/calldesk"])  # again: no duplicate lines
    assert mimeapps.read_text(encoding="utf-8").count("x-scheme-handler/tel=") == 1

    removed = desktop.uninstall()
    assert entry in removed and not entry.exists()


def test_install_without_registering_leaves_the_handler(xdg: Path) -> None:
    report = desktop.install(["/opt/calldesk/calldesk"], register=False)
    assert report.registered_with == ""
    assert not (xdg / "config" / "mimeapps.list").exists()


def test_cli_install_reports_in_json(xdg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["desktop", "install", "--exec", "/opt/calldesk/calldesk", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["desktop_file"].endswith("applications/calldesk.desktop")
    assert out["default_handlers"]["x-scheme-handler/callto"] == "calldesk.desktop"
    assert main(["desktop", "entry", "--exec", "/x/calldesk"]) == 0
    assert "Exec=/x/calldesk open %u" in capsys.readouterr().out
    assert main(["desktop", "install", "--exec", " "]) == 2
    assert "--exec must be" in capsys.readouterr().err


def test_the_entry_points_at_this_calldesk_by_default() -> None:
    command = desktop.launch_command()
    assert Path(command[0]).is_absolute()
    assert Path(command[0]).exists()


@pytest.mark.skipif(shutil.which("xdg-open") is None, reason="xdg-utils")
def test_clicking_a_tel_link_pops_the_open_window(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_window: list[bytes],  # noqa: F811
) -> None:
    """xdg-open (what browsers and mail clients call) finds CallDesk through the installed
    entry and its command hands the number to the window already open."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    report = desktop.install()
    assert report.default_handlers["x-scheme-handler/tel"] == "calldesk.desktop"
    env = dict(os.environ, DE="generic", XDG_CURRENT_DESKTOP="", DISPLAY=":99")
    done = subprocess.run(
        ["xdg-open", "tel:+84-912-345-678;phone-context=+84"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(fake_window[-1]) == {"type": "pop", "number": "+84-912-345-678"}
