"""Start-up time: launch to the first window on screen (offscreen), three ways.

    bench/startup.py [--runs N] [--bundle build/out/calldesk]

- dev: `calldesk --smoke-test` from the checkout's .venv (Python imports from source);
- frozen: the packaged executable (`./dev package`), same command;
- bare: an empty PySide6 window frozen with the same Qt rules (build/bare.spec, built
  here with .venv-build on first use): the floor any Qt application pays.

Each is timed from spawning the process to its first window on screen: CallDesk's
login window ("first window shown", printed once it is exposed; `--smoke-test` shows
it as a real start does, then goes on without signing in), the bare window's
"smoke-test window shown". Also timed, for CallDesk: the main window
("smoke-test window shown", with the database opened, its schema checked and the
first page of customers loaded), as *_main_window_ms. On a SQLite file already
migrated (a workstation's normal start), one warm-up run each, then the median of N,
the three taking turns.
Prints one JSON object: dev_start_ms, frozen_start_ms, bare_pyside6_start_ms,
ratio_to_bare (frozen / bare), dev_main_window_ms, frozen_main_window_ms, bundle_mb
(decimal MB, the one-dir folder on disk), plus the runs and the load average to
read them by.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = "smoke-test window shown"  # the bare window; CallDesk's main window
FIRST = "first window shown"  # CallDesk's login window


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CALLDESK_", "PYTHON"))}
    env.update(CALLDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


def time_to_windows(
    cmd: list[str], env: dict[str, str], marks: tuple[str, ...], timeout: float = 120
) -> list[float]:
    """Milliseconds from spawn to each marker line; the process is then left to finish."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    for line in proc.stdout:
        if line.strip() in marks and line.strip() not in seen:
            seen[line.strip()] = (time.perf_counter() - start) * 1000
            if len(seen) == len(marks):
                break
    _out, err = proc.communicate(timeout=timeout)
    if len(seen) != len(marks) or proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} did not show its windows (exit {proc.returncode}): {err}")
    return [seen[mark] for mark in marks]


Launch = tuple[list[str], tuple[str, ...]]  # command, the markers it prints


def medians_ms(launches: list[Launch], env: dict[str, str], runs: int) -> list[list[float]]:
    """Each launch's median time to each of its markers over `runs`, after one warm-up
    run each (page cache, font cache). The launches take turns, so a machine that slows
    down or speeds up during the bench moves them all alike and the ratio stays fair."""
    for cmd, marks in launches:
        time_to_windows(cmd, env, marks)
    samples: list[list[list[float]]] = [[] for _ in launches]
    for _ in range(runs):
        for (cmd, marks), taken in zip(launches, samples, strict=True):
            taken.append(time_to_windows(cmd, env, marks))
    return [
        [round(statistics.median(column), 1) for column in zip(*taken, strict=True)]
        for taken in samples
    ]


def build_bare(out: Path) -> Path:
    exe = out / "bare" / "bare"
    if exe.exists():
        return exe
    pyinstaller = ROOT / ".venv-build" / "bin" / "pyinstaller"
    if not pyinstaller.exists():
        raise SystemExit("run ./dev package first (it creates .venv-build)")
    subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--workpath",
            str(ROOT / "build" / "work"),
            "--distpath",
            str(out),
            str(ROOT / "build" / "bare.spec"),
        ],
        check=True,
        cwd=ROOT,
    )
    return exe


def size_mb(path: Path) -> float:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "build" / "out" / "calldesk")
    args = parser.parse_args()
    frozen = args.bundle / "calldesk"
    if not frozen.exists():
        raise SystemExit(f"no packaged executable at {frozen}: run ./dev package first")
    bare = build_bare(ROOT / "build" / "out")
    dev = ROOT / ".venv" / "bin" / "calldesk"

    with tempfile.TemporaryDirectory(prefix="calldesk-startup-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        env = _env(home)
        url = f"sqlite:///{Path(tmp) / 'startup.sqlite'}"
        subprocess.run(
            [str(frozen), "db", "upgrade", "--db", url], env=env, check=True, capture_output=True
        )
        smoke = ["--smoke-test", "--db", url]
        (dev_ms, dev_main_ms), (frozen_ms, frozen_main_ms), (bare_ms,) = medians_ms(
            [
                ([str(dev), *smoke], (FIRST, MARK)),
                ([str(frozen), *smoke], (FIRST, MARK)),
                ([str(bare)], (MARK,)),
            ],
            env,
            args.runs,
        )

    result = {
        "dev_start_ms": dev_ms,
        "frozen_start_ms": frozen_ms,
        "bare_pyside6_start_ms": bare_ms,
        "ratio_to_bare": round(frozen_ms / bare_ms, 2),
        "dev_main_window_ms": dev_main_ms,
        "frozen_main_window_ms": frozen_main_ms,
        "bundle_mb": size_mb(args.bundle),
        "bare_bundle_mb": size_mb(bare.parent),
        "runs": args.runs,
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
