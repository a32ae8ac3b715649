"""What the packaged executable leaves out (build/bundle_rules.py), and the Windows icon
and version resource it writes. The bundle itself is checked by tests/test_package.py."""

from __future__ import annotations

import importlib.util
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rules() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_rules", ROOT / "build/bundle_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bundle_rules"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland-egl.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/translations/qtbase_vi.qm", False),
        ("resources/translations/calldesk_vi.qm", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ],
)
def test_what_is_kept(rules: ModuleType, dest: str, kept: bool) -> None:
    assert rules.keep(dest) is kept


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("coll/vi.res", True),  # Vietnamese collation: QCollator
        ("coll/root.res", True),
        ("coll/ucadata.icu", True),
        ("coll/res_index.res", True),
        ("coll/de.res", False),
        ("coll/de_.res", False),  # an alias another locale's item needs: goes with it
        ("zone/vi.res", True),  # time-zone names: QTimeZone
        ("zone/zh_Hant_HK.res", False),
        ("zoneinfo64.res", True),
        ("en_GB.res", True),
        ("vi.res", True),
        ("sr_Latn_BA.res", False),
        ("pool.res", True),
        ("supplementalData.res", True),
        ("ibm-5354_P100-1998.cnv", True),  # windows-1258
        ("gb18030.cnv", False),
        ("cnvalias.icu", True),
        ("brkitr/cjdict.dict", False),
        ("brkitr/root.res", False),
        ("translit/root.res", False),
        ("rfc3491.spp", False),
        ("nfkc.nrm", True),
    ],
)
def test_icu_keeps_what_qt_uses_for_vietnamese_and_english(
    rules: ModuleType, item: str, kept: bool
) -> None:
    assert rules.icu_item_kept(item) is kept


def test_libraries_only_dropped_plugins_need_go_with_them(rules: ModuleType) -> None:
    links = {
        "/s/qxcb.so": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
        "/s/qwayland.so": ["libQt6WaylandClient.so.6", "libQt6Gui.so.6"],
        "/s/libQt6WaylandClient.so.6": ["libwayland-client.so.0"],
    }
    binaries = [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/qxcb.so", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", "/s/qwayland.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/s/libQt6XcbQpa.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", "/s/libQt6WaylandClient.so.6", "BINARY"),
        ("libwayland-client.so.0", "/s/libwayland-client.so.0", "BINARY"),
        ("libloaded-by-ctypes.so", "/s/libloaded-by-ctypes.so", "BINARY"),
    ]
    kept = rules.prune_binaries(binaries, lambda src: [(n, None) for n in links.get(src, [])])
    assert [Path(d).name for d, _s, _k in kept] == [
        "libqxcb.so",
        "libQt6XcbQpa.so.6",
        "libQt6Gui.so.6",
        "libloaded-by-ctypes.so",  # never reached by linking: kept, it may be dlopen()ed
    ]


def test_windows_icon_is_the_png_in_an_ico(rules: ModuleType, tmp_path: Path) -> None:
    png = ROOT / "resources/icons/calldesk.png"
    ico = rules.write_ico(png, tmp_path / "calldesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 1)
    size, offset = struct.unpack("<II", ico[14:22])
    assert ico[offset : offset + size] == png.read_bytes()


def test_windows_version_resource_carries_the_app_version(
    rules: ModuleType, tmp_path: Path
) -> None:
    from app import __version__

    text = rules.write_version_file(__version__, tmp_path / "v.txt").read_text(encoding="utf-8")
    assert f"StringStruct('ProductVersion', '{__version__}')" in text
    assert f"filevers={rules.version_tuple(__version__)}" in text
    assert rules.version_tuple("1.2") == (1, 2, 0, 0)


def test_the_migrations_imports_are_bundled(rules: ModuleType) -> None:
    names = rules.migration_imports()
    assert {"alembic.op", "sqlalchemy", "db.types", "db.models"} <= set(names)
    assert all(not n.startswith("__future__") for n in names)


def test_numpys_openblas_is_put_back_unstripped(rules: ModuleType, tmp_path: Path) -> None:
    """strip makes OpenBLAS unloadable, so the charts could not import numpy."""
    shipped = tmp_path / "site" / "libscipy_openblas64_.so"
    shipped.parent.mkdir()
    shipped.write_bytes(b"\x7fELF as shipped")
    bundle = tmp_path / "calldesk"
    stripped = bundle / "_internal" / "numpy.libs" / "libscipy_openblas64_.so"
    stripped.parent.mkdir(parents=True)
    stripped.write_bytes(b"\x7fELF stripped")
    other = bundle / "_internal" / "libpython3.11.so.1.0"
    other.write_bytes(b"stripped python")
    binaries = [
        ("numpy.libs/libscipy_openblas64_.so", str(shipped), "BINARY"),
        ("libpython3.11.so.1.0", str(shipped), "BINARY"),
    ]
    assert rules.restore_unstripped(bundle, binaries) == [stripped]
    assert stripped.read_bytes() == b"\x7fELF as shipped"
    assert other.read_bytes() == b"stripped python"  # the rest stays stripped


def test_only_the_unused_runtime_hooks_are_left_out(rules: ModuleType) -> None:
    scripts = [
        ("pyi_rth_inspect", "/h/pyi_rth_inspect.py", "PYSOURCE"),
        ("pyi_rth_multiprocessing", "/h/pyi_rth_multiprocessing.py", "PYSOURCE"),
        ("pyi_rth_pyqtgraph_multiprocess", "/h/pyi_rth_pyqtgraph_multiprocess.py", "PYSOURCE"),
        ("pyi_rth_pyside6", "/h/pyi_rth_pyside6.py", "PYSOURCE"),
        ("calldesk_main", "/b/calldesk_main.py", "PYSOURCE"),
    ]
    kept = [name for name, _src, _kind in rules.prune_runtime_hooks(scripts)]
    assert kept == ["pyi_rth_inspect", "pyi_rth_pyside6", "calldesk_main"]
