"""Folding text for search and sorting: case-insensitive, and "bjorn" finds "Bjørn".

SQLite's trigram tokenizer here has no `remove_diacritics`, so the folded copy is made in Python
and the same function folds the user's query.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that Unicode does not decompose into a base letter plus a mark.
_NO_DECOMPOSITION = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ı": "i",
    }
)
_SPACES = re.compile(r"\s+")
_NOT_DIGIT = re.compile(r"\D+")


@lru_cache(maxsize=65_536)  # names, companies and cities repeat: bulk paths fold them once
def fold(value: str) -> str:
    """Lower-case, strip accents and squeeze spaces: 'Bjørn  Ålesund' -> 'bjorn alesund'."""
    if value.isascii():
        return _SPACES.sub(" ", value.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", value.casefold().translate(_NO_DECOMPOSITION))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()


def digits_only(value: str) -> str:
    return _NOT_DIGIT.sub("", value)
