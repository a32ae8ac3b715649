"""The packaged executable (build/out/calldesk), checked the way IT would after a build.

Runs only under `./dev package-test`, which builds the bundle and points
CALLDESK_BUNDLE at it; the ordinary suite skips these (a bundle left over from an
older build would be tested against newer sources otherwise).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__, pop_protocol
from db import migrate
from tests.test_pop_protocol import fake_window  # noqa: F401  (fixture)

BUNDLE = (
    Path(os.environ["CALLDESK_BUNDLE"]).resolve() if os.environ.get("CALLDESK_BUNDLE") else None
)
EXE = BUNDLE / ("calldesk.exe" if sys.platform == "win32" else "calldesk") if BUNDLE else None
MAX_BUNDLE_MB = 200

pytestmark = [
    pytest.mark.package,
    pytest.mark.skipif(
        EXE is None, reason="the packaged executable is checked by ./dev package-test"
    ),
]


def run(
    *args: str, home: Path, timeout: float = 120, wrap: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    assert EXE is not None
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CALLDESK_", "PYTHON", "QT_PLUGIN", "LD_LIBRARY"))
    }
    env.update(CALLDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [*(wrap or []), str(EXE), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=home.parent,
        check=False,
    )


@pytest.fixture
def home(fresh_home: Path) -> Path:
    fresh_home.mkdir(parents=True, exist_ok=True)
    return fresh_home


def test_version(home: Path) -> None:
    done = run("--version", home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"CallDesk {__version__}"


def test_upgrade_import_and_lookup_on_a_fresh_sqlite_file(home: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    done = run("db", "upgrade", "--db", url, "--json", home=home)
    assert done.returncode == 0, done.stderr
    upgraded = json.loads(done.stdout)
    assert upgraded["from"] is None and upgraded["to"] == migrate.head_revision()

    csv = tmp_path / "customers.csv"
    csv.write_text(
        "external_id,name,kind,phones,emails,tier\n"
        "C-1,Nguyễn Văn An,person,0912 345 678,an@example.vn,gold\n",
        encoding="utf-8",
    )
    done = run("import", "customers", str(csv), "--db", url, home=home)
    assert done.returncode == 0, done.stderr

    done = run("lookup", "+84 912 345 678", "--db", url, "--json", home=home)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["normalized"] == "+84912345678"
    assert [m["name"] for m in found["matches"]] == ["Nguyễn Văn An"]

    done = run("lookup", "0987 000 111", "--db", url, "--json", home=home)
    assert json.loads(done.stdout)["matches"] == []


def test_bad_input_is_one_line_and_non_zero(home: Path, tmp_path: Path) -> None:
    done = run("lookup", "x", "--db", "nosuchdb://nowhere", home=home)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("calldesk: error:")


def test_main_window_opens_offscreen_and_exits_cleanly(home: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'smoke.sqlite'}"
    done = run("--smoke-test", "--db", url, home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "smoke-test ok"
    assert "qt.qpa.plugin" not in done.stderr and "Could not load" not in done.stderr
    assert "Traceback" not in done.stderr


def test_the_vietnamese_interface_ships(home: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'smoke.sqlite'}"
    done = run("--smoke-test", "--language", "vi", "--db", url, home=home)
    assert done.returncode == 0, done.stderr
    assert (BUNDLE / "_internal" / "resources" / "translations" / "calldesk_vi.qm").exists()


@pytest.mark.postgres
def test_upgrade_on_postgresql_through_the_bundled_driver(home: Path, empty_pg_url: str) -> None:
    done = run("db", "upgrade", "--db", empty_pg_url, "--json", home=home)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["to"] == migrate.head_revision()
    done = run("lookup", "0912345678", "--db", empty_pg_url, "--json", home=home)
    assert done.returncode == 0, done.stderr


def test_about_reports_the_bundled_drivers(home: Path) -> None:
    done = run("about", "--json", home=home)
    assert done.returncode == 0, done.stderr
    about = json.loads(done.stdout)
    assert about["frozen"] is True
    assert about["version"] == __version__
    assert about["schema_head"] == migrate.head_revision()
    assert about["psycopg"]["implementation"] == "binary"
    assert about["phonenumbers"]["vn_mobile_valid"] is True
    # keyring's backends are found through entry points: all of them must be bundled
    assert "keyring.backends.chainer.ChainerBackend" in about["keyring"]["viable"]


def _secret_service() -> list[str] | None:
    """A private D-Bus session with gnome-keyring's Secret Service unlocked in it."""
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        return None
    script = (
        'eval "$(printf calldesk | gnome-keyring-daemon --unlock --components=secrets)"; exec "$@"'
    )
    return ["dbus-run-session", "--", "sh", "-c", script, "sh"]


def test_the_real_system_keyring_is_used(home: Path) -> None:
    wrap = _secret_service()
    if wrap is None:
        if os.environ.get("CI"):
            pytest.fail("./dev package installs dbus and gnome-keyring for this check")
        pytest.skip("needs dbus-run-session and gnome-keyring-daemon")
    done = run("about", "--json", home=home, wrap=wrap)
    assert done.returncode == 0, done.stderr
    kr = json.loads(done.stdout)["keyring"]
    assert kr["backend"] == "keyring.backends.SecretService.Keyring"
    assert kr["usable"] is True


def test_pop_a_tel_link_to_the_running_window(
    home: Path,
    fake_window: list[bytes],  # noqa: F811
) -> None:
    assert pop_protocol.is_listening()
    done = run("pop", "tel:%2B84-912-345-678;phone-context=+84", home=home)
    assert done.returncode == 0, done.stderr
    assert json.loads(fake_window[-1])["number"] == "+84-912-345-678"


def test_the_desktop_entry_starts_the_bundle(home: Path) -> None:
    done = run("desktop", "entry", home=home)
    assert done.returncode == 0, done.stderr
    assert f"Exec={EXE} open %u" in done.stdout


def _size_mb(path: Path) -> float:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1e6  # decimal MB, links counted once


def test_bundle_holds_what_it_needs_and_nothing_of_the_unused_qt() -> None:
    assert BUNDLE is not None
    internal = BUNDLE / "_internal"
    names = {p.name for p in internal.rglob("*")}
    platforms = {p.stem.removeprefix("lib") for p in internal.rglob("plugins/platforms/*")}
    assert {"qxcb", "qoffscreen"} <= platforms
    assert not {"qwayland-egl", "qeglfs", "qlinuxfb", "qvnc"} & platforms
    for unused in ("Qml", "Quick", "WebEngine", "Multimedia", "Pdf", "3DCore", "VirtualKeyboard"):
        assert not [n for n in names if n.startswith(f"libQt6{unused}")], unused
    assert not [n for n in names if n.startswith("libgtk-3")]
    assert (internal / "db" / "migrations" / "versions").is_dir()
    assert (internal / "resources" / "styles" / "dark.qss").exists()
    assert (internal / "resources" / "icons" / "calldesk.svg").exists()
    assert _size_mb(BUNDLE) <= MAX_BUNDLE_MB
