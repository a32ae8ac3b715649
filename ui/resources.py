"""Where the bundled files (styles, translations, icons) live.

One lookup for both a source checkout and a PyInstaller bundle, which unpacks
its data next to `sys._MEIPASS` instead of the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of `resources/<parts...>` in the checkout or the frozen bundle."""
    base = Path(getattr(sys, "_MEIPASS", _CHECKOUT_ROOT))
    return base.joinpath("resources", *parts)
