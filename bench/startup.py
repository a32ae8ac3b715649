"""Start-up time: launch to the first window on screen (offscreen), three ways.

    bench/startup.py [--runs N] [--bundle build/out/calldesk]

- dev: `calldesk --smoke-test` from the checkout's .venv (Python imports from source);
- frozen: the packaged executable (`./dev package`), same command;
- bare: an empty PySide6 window frozen with the same Qt rules (build/bare.spec, built
  here with .venv-build on first use): the floor any Qt application pays.

Each is timed from spawning the process to its "smoke-test window shown" line, on a
SQLite file already migrated (a workstation's normal start), one warm-up run, then
the median of N. Prints one JSON object: dev_start_ms, frozen_start_ms,
bare_pyside6_start_ms, ratio_to_bare (frozen / bare), bundle_mb (decimal MB, the
one-dir folder on disk), plus the runs and the load average to read them by.
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
MARK = "smoke-test window shown"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CALLDESK_", "PYTHON"))}
    env.update(CALLDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


def time_to_window(cmd: list[str], env: dict[str, str], timeout: float = 120) -> float:
    """Milliseconds from spawn to the marker line; the process is then left to finish."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.strip() == MARK:
            elapsed = (time.perf_counter() - start) * 1000
            break
    _out, err = proc.communicate(timeout=timeout)
    if elapsed is None or proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} did not show its window (exit {proc.returncode}): {err}")
    return elapsed


def median_ms(cmd: list[str], env: dict[str, str], runs: int) -> float:
    time_to_window(cmd, env)  # warm-up: page cache, font cache
    return round(statistics.median(time_to_window(cmd, env) for _ in range(runs)), 1)


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
        dev_ms = median_ms([str(dev), *smoke], env, args.runs)
        frozen_ms = median_ms([str(frozen), *smoke], env, args.runs)
        bare_ms = median_ms([str(bare)], env, args.runs)

    result = {
        "dev_start_ms": dev_ms,
        "frozen_start_ms": frozen_ms,
        "bare_pyside6_start_ms": bare_ms,
        "ratio_to_bare": round(frozen_ms / bare_ms, 2),
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
