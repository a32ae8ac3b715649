"""The installed PySide6 must keep Python's reference counts intact, or the GUI dies."""

from __future__ import annotations

from ui import qt_health


def test_pyside_keeps_reference_counts_intact() -> None:
    problem = qt_health.refcount_defect()
    assert problem is None, problem
