"""Helpers the PyInstaller specs share: what Qt leaves out, the Windows icon and version.

Kept out of the specs so the rules can be read (and tested) as plain Python; the
specs import this file from build/.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Qt Python modules CallDesk never imports: their hooks would pull QML/Quick, WebEngine,
# multimedia and the rest, tens of MB each. pyqtgraph's optional bits that need them
# (OpenGL 3D views, Jupyter, examples) go too. QtOpenGL and QtOpenGLWidgets stay:
# pyqtgraph's PlotCurveItem (every KPI chart) imports both when it is imported, even
# though the charts draw without OpenGL (about 9 MB).
QT_EXCLUDES = [
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DRender",
    "PySide6.QtAxContainer",
    "PySide6.QtBluetooth",
    "PySide6.QtCharts",
    "PySide6.QtConcurrent",
    "PySide6.QtDataVisualization",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtGraphs",
    "PySide6.QtGraphsWidgets",
    "PySide6.QtHelp",
    "PySide6.QtHttpServer",
    "PySide6.QtLocation",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtNfc",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPositioning",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtSensors",
    "PySide6.QtSerialBus",
    "PySide6.QtSerialPort",
    "PySide6.QtSpatialAudio",
    "PySide6.QtSql",
    "PySide6.QtStateMachine",
    "PySide6.QtSvgWidgets",
    "PySide6.QtTest",
    "PySide6.QtTextToSpeech",
    "PySide6.QtUiTools",
    "PySide6.QtWebChannel",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.QtXml",
    "PyQt5",
    "PyQt6",
    "PySide2",
    # phonenumbers' place names, carriers and time zones (40 MB of tables): CallDesk
    # parses and formats numbers only. The parsing metadata (phonenumbers.data) stays.
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    "pyqtgraph.opengl",
    "pyqtgraph.jupyter",
    "pyqtgraph.examples",
    "OpenGL",
    "tkinter",
    "numpy.f2py",
    "numpy.distutils",
    "numpy.testing",
    "pydoc_data",
    "matplotlib",
    "IPython",
    "pytest",
]

# Platform plugins kept: the desktop (xcb on Linux, windows, cocoa) and offscreen (the
# smoke test, CI). A Wayland session runs the xcb plugin through XWayland.
KEEP_PLATFORMS = {"qxcb", "qoffscreen", "qwindows", "qcocoa", "qminimal"}
_PLATFORM_PLUGIN = re.compile(r"plugins[/\\]platforms[/\\](?:lib)?([\w-]+?)\.(?:so|dll|dylib)$")

# Plugin folders CallDesk has no use for, and Qt's own translations (CallDesk ships its
# own .qm). Input-method plugins (IBus, compose: how Vietnamese is typed) stay; the
# virtual keyboard (QML) does not. The Qt libraries only these plugins link to (Quick,
# QML, Wayland, EGLFS...) then go as orphans (prune_binaries).
_DROP = re.compile(
    r"(^|[/\\])("
    r"PySide6[/\\]Qt[/\\]translations[/\\]|"
    r"plugins[/\\](wayland-[\w-]+|egldeviceintegrations|networkinformation|"
    r"qmltooling|sqldrivers|multimedia|position|sensors|texttospeech|"
    r"webview|designer|renderers|scenegraph|canbus|geoservices)[/\\]|"
    r"plugins[/\\]platforminputcontexts[/\\](lib)?qtvirtualkeyboardplugin|"
    # touch screens and tablets without a desktop (evdev, TUIO); TLS (QtNetwork serves
    # only the local pop socket); image formats no CallDesk file uses (SVG, PNG, ICO,
    # JPEG stay)
    r"plugins[/\\](generic|tls)[/\\]|"
    r"plugins[/\\]imageformats[/\\](lib)?q(webp|tiff|icns|tga|wbmp|gif|pdf)\w*\.|"
    # the GTK theme plugin would carry the whole GTK 3 stack (20 MB) of the build machine
    r"plugins[/\\]platformthemes[/\\](lib)?qgtk3"
    r")"
)


def keep(dest: str) -> bool:
    """False for a bundled file CallDesk never loads (see QT_EXCLUDES, KEEP_PLATFORMS)."""
    platform = _PLATFORM_PLUGIN.search(dest)
    if platform is not None:
        return platform.group(1) in KEEP_PLATFORMS
    return _DROP.search(dest) is None


Entry = tuple[str, str, str]  # PyInstaller TOC: (destination, source, type code)


def prune(toc: Iterable[Entry]) -> list[Entry]:
    return [entry for entry in toc if keep(entry[0])]


def _reachable(roots: Iterable[Entry], by_name: dict[str, list[Entry]], imports) -> set[str]:
    seen: set[str] = set()
    todo = [src for _dest, src, _kind in roots]
    while todo:
        src = todo.pop()
        for name, _path in imports(src):
            for dest, dep_src, _kind in by_name.get(Path(name).name, []):
                if dest not in seen:
                    seen.add(dest)
                    todo.append(dep_src)
    return seen


def prune_binaries(binaries: list[Entry], imports) -> list[Entry]:
    """`prune`, then drop the shared libraries only the dropped plugins linked to.

    `imports(path)` gives a binary's (name, path) link-time dependencies (PyInstaller's
    bindepend.get_imports). A library reached before pruning and no longer after is an
    orphan; one never reached by linking (loaded through ctypes) is kept."""

    def is_root(entry: Entry) -> bool:
        dest, _src, kind = entry
        return kind == "EXTENSION" or "plugins" in Path(dest).parts

    by_name: dict[str, list[Entry]] = {}
    for entry in binaries:
        by_name.setdefault(Path(entry[0]).name, []).append(entry)
    kept = prune(binaries)
    before = _reachable([e for e in binaries if is_root(e)], by_name, imports)
    after = _reachable([e for e in kept if is_root(e)], by_name, imports)
    orphans = before - after
    return [e for e in kept if e[0] not in orphans or is_root(e)]


# Run-time hooks run before CallDesk's first line, on every start. multiprocessing's
# (10-15 ms: it imports multiprocessing and subprocess) only serves child processes
# started through multiprocessing, and pyqtgraph's only its RemoteGraphicsView's child:
# CallDesk starts neither (its charts draw in the window's own process).
# pkgutil's hook teaches pkgutil.iter_modules the frozen archive: nothing CallDesk
# bundles calls it (alembic, keyring and pyqtgraph find their modules by name), and
# importing pkgutil before __main__ costs every start about 4 ms.
UNUSED_RUNTIME_HOOKS = {
    "pyi_rth_multiprocessing",
    "pyi_rth_pyqtgraph_multiprocess",
    "pyi_rth_pkgutil",
}


def prune_runtime_hooks(scripts: Iterable[Entry]) -> list[Entry]:
    """The entry scripts without UNUSED_RUNTIME_HOOKS (the app's own script stays)."""
    return [entry for entry in scripts if entry[0] not in UNUSED_RUNTIME_HOOKS]


def migration_imports() -> list[str]:
    """Modules the Alembic scripts import: Alembic loads them from files at run time, so
    PyInstaller's import scan never sees them (a migration added later is picked up)."""
    names: set[str] = set()
    for path in sorted((ROOT / "db" / "migrations").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                # `from alembic import op`: op is a module; `from x import Name` is not
                names.update(
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if _is_module(f"{node.module}.{alias.name}")
                )
    return sorted(names - {"__future__"})


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def migration_datas() -> list[tuple[str, str]]:
    """(source, destination folder) pairs for db/migrations, where db.migrate looks."""
    out = []
    for path in sorted((ROOT / "db" / "migrations").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            out.append((str(path), str(path.parent.relative_to(ROOT))))
    return out


def resource_datas() -> list[tuple[str, str]]:
    """resources/ without the translation sources (.ts): styles, .qm, icons, demo notes."""
    out = []
    for path in sorted((ROOT / "resources").rglob("*")):
        if path.is_file() and path.suffix != ".ts":
            out.append((str(path), str(path.parent.relative_to(ROOT))))
    return out


def version_tuple(version: str) -> tuple[int, int, int, int]:
    parts = [int(p) for p in re.findall(r"\d+", version)[:4]]
    return (*parts, 0, 0, 0, 0)[:4]  # type: ignore[return-value]


def write_ico(png: Path, out: Path) -> Path:
    """An .ico holding the PNG as is (Windows Vista and later read PNG entries)."""
    data = png.read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    out.parent.mkdir(parents=True, exist_ok=True)
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack(
        "<BBBBHHII",
        width if width < 256 else 0,
        height if height < 256 else 0,
        0,
        0,
        1,
        32,
        len(data),
        6 + 16,
    )
    out.write_bytes(header + entry + data)
    return out


def write_version_file(version: str, out: Path) -> Path:
    """The Windows VERSIONINFO resource PyInstaller embeds (Properties -> Details)."""
    numbers = version_tuple(version)
    text = f"""# UTF-8 -- generated by build/bundle_rules.py from app.__version__
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'CallDesk'),
      StringStruct('FileDescription', 'CallDesk contact-center client'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'calldesk'),
      StringStruct('LegalCopyright', 'CallDesk'),
      StringStruct('OriginalFilename', 'calldesk.exe'),
      StringStruct('ProductName', 'CallDesk'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def app_version() -> str:
    sys.path.insert(0, str(ROOT))
    try:
        from app import __version__
    finally:
        sys.path.remove(str(ROOT))
    return __version__


def remove_dangling_links(folder: Path) -> list[Path]:
    """Delete symbolic links whose target was pruned; returns them."""
    gone = [p for p in folder.rglob("*") if p.is_symlink() and not p.exists()]
    for path in gone:
        path.unlink()
    return gone


# `strip` corrupts the OpenBLAS numpy's wheels ship (its loader then refuses it: "ELF
# load command address/offset not page-aligned"), so numpy - and pyqtgraph, the KPI
# charts - would not import from the bundle. Those libraries are put back as shipped.
UNSTRIPPABLE = ("numpy.libs/",)


def restore_unstripped(folder: Path, binaries: list[tuple[str, str, str]]) -> list[Path]:
    """Copy the UNSTRIPPABLE libraries over their stripped copies; returns them."""
    restored = []
    for dest, source, _kind in binaries:
        target = folder / "_internal" / dest
        if dest.startswith(UNSTRIPPABLE) and target.exists() and not target.is_symlink():
            shutil.copy2(source, target)
            restored.append(target)
    return restored


# ICU's data library (libicudata, 32 MB: every locale, converter, dictionary and
# transliterator ICU knows) is the largest file of the bundle. Qt calls ICU for three
# things only: collation (QCollator), character-set converters (QStringConverter beyond
# UTF-8/16/32 and Latin-1) and time-zone ids and names (QTimeZone). The bundle keeps
# those for the languages CallDesk ships (Vietnamese, English) and the root locale every
# lookup falls back to, plus the Windows code pages of Western Europe and Vietnam; the
# smoke test checks that Vietnamese still sorts the Vietnamese way (ui/bundle_check.py).
ICU_LOCALES = ("root", "en", "vi")
ICU_CONVERTERS = ("ibm-5348_", "ibm-5354_")  # windows-1252, windows-1258
# Break-iterator rules and dictionaries, transliterators, spelled-out numbers,
# string preparation and spoof checking: ICU services Qt never calls.
ICU_UNUSED_TREES = ("brkitr", "translit", "rbnf")
ICU_UNUSED_KINDS = ("spp", "cfu")
_ICU_LOCALE = re.compile(r"^[a-z]{2,3}(_\w*)?$")  # af, en_US, sr_Latn_BA, de_ (aliases)


def icu_item_kept(item: str) -> bool:
    """True for an item of ICU's data package (`coll/vi.res`, `gb18030.cnv`) Qt needs."""
    tree, _sep, name = item.rpartition("/")
    stem, _dot, kind = name.rpartition(".")
    if tree.split("/")[0] in ICU_UNUSED_TREES or kind in ICU_UNUSED_KINDS:
        return False
    if kind == "cnv":
        return name.startswith(ICU_CONVERTERS)
    if kind == "res" and _ICU_LOCALE.match(stem) and stem != "res_index":
        return stem.split("_")[0] in ICU_LOCALES
    return True


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def _icu_blob(lib: Path) -> tuple[str, bytes]:
    """The data package a libicudata.so holds, read from its `icudtNN_dat` symbol."""
    symbol = re.search(
        r"^([0-9a-f]+)\s.*\s([0-9a-f]+)\s+(icudt\d+_dat)$", _run("objdump", "-T", str(lib)), re.M
    )
    if symbol is None:
        raise SystemExit(f"{lib}: no icudtNN_dat symbol")
    address, size, name = int(symbol.group(1), 16), int(symbol.group(2), 16), symbol.group(3)
    for line in _run("objdump", "-h", str(lib)).splitlines():
        fields = line.split()
        if len(fields) >= 6 and fields[1] == ".rodata":
            vma, offset = int(fields[3], 16), int(fields[5], 16)
            start = address - vma + offset
            return name, lib.read_bytes()[start : start + size]
    raise SystemExit(f"{lib}: no .rodata section")


def trim_icu_data(folder: Path, work: Path) -> Path | None:
    """Rebuild the bundle's libicudata with only the items `icu_item_kept` keeps.

    Linux only (Windows' Qt uses the system's ICU; macOS builds without it). Needs
    icupkg (Debian's icu-devtools: it refuses to drop an item another still needs) and
    binutils' as and ld. Returns the rebuilt library, None when the bundle has none."""
    lib = next((p for p in folder.rglob("libicudata.so.*") if not p.is_symlink()), None)
    if lib is None:
        return None
    for tool in ("icupkg", "as", "ld"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed to trim ICU's data (./dev package installs it)")
    symbol, blob = _icu_blob(lib)
    package = "icudt" + symbol.removeprefix("icudt").removesuffix("_dat") + "l"  # icudt73l
    work = work / "icu"
    shutil.rmtree(work, ignore_errors=True)
    (work / "out").mkdir(parents=True)
    full = work / f"{package}.dat"
    full.write_bytes(blob)
    dropped = [i for i in _run("icupkg", "-l", str(full)).split() if not icu_item_kept(i)]
    (work / "dropped.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
    # icupkg names the items after the output file: it must be called icudtNNl.dat too
    trimmed = work / "out" / f"{package}.dat"
    _run("icupkg", "-r", str(work / "dropped.txt"), str(full), str(trimmed))
    (work / "icudata.s").write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f'\t.incbin "{trimmed}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="utf-8",
    )
    _run("as", "-o", str(work / "icudata.o"), str(work / "icudata.s"))
    _run("ld", "-shared", "-soname", lib.name, "-o", str(work / lib.name), str(work / "icudata.o"))
    shutil.copyfile(work / lib.name, lib)
    return lib
