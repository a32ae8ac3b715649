"""Linux desktop integration: the menu entry, the icon, and the tel:/callto: handler.

`calldesk desktop install` writes a freedesktop.org entry whose Exec is
`calldesk open %u`, so a phone number clicked in a browser, mail or chat reaches
the CallDesk window already open (the single-instance pop socket), or starts
CallDesk and pops the card after login. Everything goes under the user's own data
and config folders; nothing needs root.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app import __version__

DESKTOP_ID = "calldesk.desktop"
ICON_NAME = "calldesk"
MIME_TYPES = ("x-scheme-handler/tel", "x-scheme-handler/callto")
_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent
# Characters that oblige a quoted Exec argument (Desktop Entry Specification, "Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def resources_dir() -> Path:
    """resources/ in the checkout, or next to the frozen executable's modules."""
    return Path(getattr(sys, "_MEIPASS", _CHECKOUT_ROOT)) / "resources"


def launch_command() -> list[str]:
    """The command that starts this very CallDesk: the frozen executable, the console
    script of the Python environment running now, or that Python with the launcher."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.executable).with_name("calldesk")
    if script.exists():
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "ui.launcher"]


def exec_quote(arg: str) -> str:
    """One Exec argument: quoted with `"` and `` ` ``, `$`, `\\` escaped when it needs to be.

    The entry file is itself read with backslash escapes, so every backslash of the
    quoted form is doubled again (the spec's two levels)."""
    if arg and not any(ch in _RESERVED for ch in arg) and "=" not in arg and "%" not in arg:
        return arg
    inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg).replace("%", "%%")
    return '"' + inner.replace("\\", "\\\\") + '"'


def desktop_entry(command: Sequence[str]) -> str:
    """The .desktop file text for `command` (see launch_command)."""
    exec_line = " ".join([*(exec_quote(a) for a in command), "open", "%u"])
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=CallDesk",
        "GenericName=Contact center",
        "GenericName[vi]=Trung tâm liên lạc",
        "Comment=The caller's card before you pick up; tickets, complaints and KPIs",
        "Comment[vi]=Thẻ khách hàng hiện trước khi nhấc máy; phiếu, khiếu nại và KPI",
        f"Exec={exec_line}",
        f"Icon={ICON_NAME}",
        "Terminal=false",
        "Categories=Network;Telephony;",
        "Keywords=call;phone;ticket;complaint;customer;crm;",
        "Keywords[vi]=cuộc gọi;điện thoại;phiếu;khiếu nại;khách hàng;",
        "MimeType=" + "".join(f"{m};" for m in MIME_TYPES),
        "StartupNotify=true",
        "StartupWMClass=calldesk",
        f"X-CallDesk-Version={__version__}",
    ]
    return "\n".join(lines) + "\n"


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def config_home() -> Path:
    value = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".config"


@dataclass
class InstallReport:
    """What `install` wrote and how the link handler was registered."""

    desktop_file: Path
    icons: list[Path]
    registered_with: str  # "xdg-mime", "mimeapps.list" or "" (registration skipped)
    default_handlers: dict[str, str] = field(default_factory=dict)


def set_default_handlers(mimeapps: Path, desktop_id: str, mime_types: Sequence[str]) -> None:
    """Make `desktop_id` the default for `mime_types` in a mimeapps.list, keeping the rest.

    What xdg-mime does on a desktop it does not know; used when it is not installed."""
    lines = mimeapps.read_text(encoding="utf-8").splitlines() if mimeapps.exists() else []
    wanted = {m: f"{m}={desktop_id};" for m in mime_types}
    out: list[str] = []
    section = ""
    placed = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            if section == "[Default Applications]" and not placed:
                out.extend(wanted.values())
                placed = True
            section = stripped
            out.append(line)
            continue
        key = stripped.split("=", 1)[0].strip()
        if section == "[Default Applications]" and key in wanted:
            continue
        out.append(line)
    if not placed:
        if section != "[Default Applications]":
            if out and out[-1].strip():
                out.append("")
            out.append("[Default Applications]")
        out.extend(wanted.values())
    mimeapps.parent.mkdir(parents=True, exist_ok=True)
    mimeapps.write_text("\n".join(out) + "\n", encoding="utf-8")


def default_handlers(mimeapps: Path, mime_types: Sequence[str]) -> dict[str, str]:
    """The desktop id each of `mime_types` opens with, as a mimeapps.list says."""
    found: dict[str, str] = {}
    if not mimeapps.exists():
        return found
    section = ""
    for line in mimeapps.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        elif section == "[Default Applications]" and "=" in stripped:
            key, value = (part.strip() for part in stripped.split("=", 1))
            if key in mime_types:
                found[key] = value.split(";", 1)[0]
    return found


def _run(tool: str, *args: str) -> bool:
    path = shutil.which(tool)
    if path is None:
        return False
    try:
        done = subprocess.run([path, *args], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def install(command: Sequence[str] | None = None, register: bool = True) -> InstallReport:
    """Write the entry and icons under the user's data folder; make CallDesk the tel: and
    callto: handler unless `register` is False."""
    apps = data_home() / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    desktop_file = apps / DESKTOP_ID
    tmp = desktop_file.with_suffix(".tmp")
    tmp.write_text(desktop_entry(command or launch_command()), encoding="utf-8")
    tmp.chmod(0o755)
    tmp.replace(desktop_file)

    icons: list[Path] = []
    for source, folder in (
        (resources_dir() / "icons" / "calldesk.svg", "scalable"),
        (resources_dir() / "icons" / "calldesk.png", "256x256"),
    ):
        if source.exists():
            name = f"{ICON_NAME}{source.suffix}"
            target = data_home() / "icons" / "hicolor" / folder / "apps" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            icons.append(target)

    _run("update-desktop-database", str(apps))  # refreshes mimeinfo.cache when present
    registered_with = ""
    mimeapps = config_home() / "mimeapps.list"
    if register:
        if _run("xdg-mime", "default", DESKTOP_ID, *MIME_TYPES):
            registered_with = "xdg-mime"
        else:
            set_default_handlers(mimeapps, DESKTOP_ID, MIME_TYPES)
            registered_with = "mimeapps.list"
    return InstallReport(
        desktop_file, icons, registered_with, default_handlers(mimeapps, MIME_TYPES)
    )


def uninstall() -> list[Path]:
    """Remove what install wrote (the mimeapps.list lines go with the entry: desktops
    ignore a default whose entry is gone). Returns the files removed."""
    removed = []
    candidates = [data_home() / "applications" / DESKTOP_ID] + [
        data_home() / "icons" / "hicolor" / folder / "apps" / f"{ICON_NAME}{suffix}"
        for folder, suffix in (("scalable", ".svg"), ("256x256", ".png"))
    ]
    for path in candidates:
        if path.exists():
            path.unlink()
            removed.append(path)
    _run("update-desktop-database", str(data_home() / "applications"))
    return removed
