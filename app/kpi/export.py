"""KPI tables as CSV: UTF-8 with a BOM (Excel reads Vietnamese names right), written to a
temporary file and moved into place, so a failed export never leaves half a file."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_csv(
    path: Path, rows: Sequence[dict[str, Any]], headers: Sequence[str] | None = None
) -> int:
    """Write `rows` (dicts) under `headers` (default: the first row's keys); rows written."""
    cols = list(headers if headers is not None else (rows[0].keys() if rows else []))
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for row in rows:
            w.writerow(["" if row.get(c) is None else row.get(c) for c in cols])
    os.replace(tmp, path)
    return len(rows)


def write_table(path: Path, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """Write already-formatted cells (what a table on screen shows)."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(list(headers))
        for row in rows:
            w.writerow(["" if v is None else v for v in row])
    os.replace(tmp, path)
    return len(rows)
