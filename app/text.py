"""Text folding so "nguyen van an" finds "Nguyễn Văn An" on every engine."""

from __future__ import annotations

import unicodedata

# Letters NFD does not decompose into base + mark.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics, collapse white space."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())
