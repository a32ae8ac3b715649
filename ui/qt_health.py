"""Refuse to trust a PySide6 build that corrupts Python's reference counts.

PySide6 6.12.0 on Python 3.11 drops a reference to `None` on every call of a
void Qt method, every Python slot and every void virtual override (and one to
`True` on every signal emit). Python 3.12+ hides this (its `None` and `True` are
immortal); on 3.11 the process aborts with "deallocating None" after a few
thousand calls, i.e. within minutes of normal use. The fix is in the install
(PySide6 < 6.12 on Python 3.11, or Python 3.12+), so we detect it and say so
instead of crashing mysteriously later.
"""

from __future__ import annotations

import ctypes
import sys

import PySide6
from PySide6.QtCore import QObject

_CALLS = 64


def refcount_defect() -> str | None:
    """A one-line explanation when this PySide6 loses references, else None."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(_CALLS):
        probe.setObjectName("probe")  # a void method: returns None to Python
    lost = before - sys.getrefcount(None)
    for _ in range(max(lost, 0)):  # repair what the probe itself cost
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    if lost < _CALLS // 2:
        return None
    python = ".".join(map(str, sys.version_info[:3]))
    return (
        f"PySide6 {PySide6.__version__} on Python {python} loses a reference to None on "
        'every Qt call and will crash ("deallocating None"); install '
        "PySide6-Essentials<6.12 or use Python 3.12 or newer"
    )
