"""Which typed words are real, common English words: a typo must not be one.

A student who types "reflection" for "refraction", or "Gale" for "Galle", wrote another word,
not a misspelling, so the grader never takes a common English word for a slip of the key. The
words come from wordfreq's small English list (about 29,000 words and names seen at least about
once per million words of its sources). wordfreq's own import pulls in its tokenizers
(about 0.5 s); only its data file is read here, in wordfreq's documented cBpack format (a
gzipped msgpack list: a header, then the words of each frequency band), which takes 25 ms.
"""

from __future__ import annotations

import gzip
import importlib.util
from functools import cache, lru_cache
from pathlib import Path

_DATA = ("data", "small_en.msgpack.gz")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def _data_file() -> Path | None:
    spec = importlib.util.find_spec("wordfreq")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_DATA)
    return path if path.is_file() else None


@cache
def common_words() -> frozenset[str]:
    """The common English words, lower case, letters only (empty if wordfreq is not installed)."""
    path = _data_file()
    if path is None:
        return frozenset()
    import msgpack  # wordfreq's own dependency

    bands = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    header = bands[0]
    if not isinstance(header, dict) or header.get("format") != "cB":
        return frozenset()
    return frozenset(word for band in bands[1:] for word in band if word.isascii() and word.isalpha())


def one_slip(word: str) -> set[str]:
    """Every string one edit from `word` (a letter dropped, added, replaced, or two swapped)."""
    out: set[str] = set()
    for i in range(len(word) + 1):
        left, right = word[:i], word[i:]
        if right:
            out.add(left + right[1:])
            if len(right) > 1:
                out.add(left + right[1] + right[0] + right[2:])
        for letter in _ALPHABET:
            out.add(left + letter + right)
            if right:
                out.add(left + letter + right[1:])
    out.discard(word)
    return out


@lru_cache(maxsize=1 << 14)
def real_words_near(word: str) -> frozenset[str]:
    """The common English words one slip from `word` (for 'Galle': 'gale', 'galley', 'gallo', ...)."""
    if len(word) < 3 or not word.isalpha():
        return frozenset()
    return frozenset(one_slip(word) & common_words())
