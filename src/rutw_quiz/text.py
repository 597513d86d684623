"""Text normalisation shared by validation, distractor choice and grading.

Two strengths: `normalize_answer` folds everything a student's typing may vary
(case, accents, punctuation, spacing); `normalize_quote` folds only what copying a
quote from a web page changes (spacing, dash and quote-mark styles).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"), '"'),
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032"), "'"),
}
_SPACE = re.compile(r"\s+")
DIGIT_GROUP_SEPARATOR = re.compile(r"(?<=\d)[,.\u202f\u00a0'](?=\d{3}\b)")
"""A thousands separator: '1,000', '1.000', "1'000" and '1 000' (narrow or no-break space) are 1000."""
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an) ")


def strip_accents(text: str) -> str:
    """Remove combining marks: 'Sévres' -> 'Sevres'."""
    if text.isascii():  # NFKD leaves ASCII as it is
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ASCII_FOLD = str.maketrans({chr(c): " " for c in range(128) if unicodedata.category(chr(c))[0] in "PSZ"})
"""ASCII punctuation, symbols and the space, each to a space: `normalize_answer` of ASCII text in C."""


@lru_cache(maxsize=1 << 18)
def normalize_answer(text: str) -> str:
    """Fold case, accents, punctuation and whitespace, so equal answers compare equal.

    Digit-group separators are dropped ("1,000" == "1000"); other punctuation becomes a space.
    ASCII text (most of a deck) takes a shortcut that gives the same result without a
    Python loop over its characters.
    """
    # Drop digit-group separators first: NFKD (in strip_accents) turns the no-break ones into spaces.
    text = DIGIT_GROUP_SEPARATOR.sub("", text)
    if text.isascii():  # no accents to strip; casefold is lower; every category is in the table
        return " ".join(text.lower().translate(_ASCII_FOLD).split())
    text = strip_accents(text).casefold()
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        out.append(" " if category[0] in "PSZ" else ch)
    return _SPACE.sub(" ", "".join(out)).strip()


def normalize_typed(text: str) -> str:
    """`normalize_answer` plus dropping a leading English article, for grading typed answers."""
    return _LEADING_ARTICLE.sub("", normalize_answer(text))


def normalize_quote(text: str) -> str:
    """Fold only spacing, dashes and quote marks: a quote must otherwise match verbatim."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def contains_phrase(haystack: str, needle: str) -> bool:
    """Whether `needle` occurs in `haystack` as whole words, after `normalize_answer`."""
    ndl = normalize_answer(needle)
    # Normalised text has single spaces between words, so word boundaries are spaces.
    return bool(ndl) and f" {ndl} " in f" {normalize_answer(haystack)} "


def is_word_char(ch: str) -> bool:
    """What a regex `\\w` matches: letters, digits and the underscore."""
    return ch.isalnum() or ch == "_"


def whole_word_spans(text: str, phrase: str, *, ignore_case: bool = False) -> list[tuple[int, int]]:
    """Where `phrase` stands in `text` as whole words ('Russia' is not in 'Russian'), left to right.

    Plain string search, no regex compiled per phrase: this runs for every fact of a deck.
    """
    haystack, needle = (text.lower(), phrase.lower()) if ignore_case else (text, phrase)
    if not needle or len(haystack) != len(text) or len(needle) != len(phrase):
        return []  # lower() changed a length (rare letters): no safe match
    spans: list[tuple[int, int]] = []
    at = haystack.find(needle)
    while at != -1:
        end = at + len(needle)
        clear_before = at == 0 or not (is_word_char(text[at - 1]) and is_word_char(text[at]))
        clear_after = end == len(text) or not (is_word_char(text[end]) and is_word_char(text[end - 1]))
        if clear_before and clear_after:
            spans.append((at, end))
            at = haystack.find(needle, end)
        else:
            at = haystack.find(needle, at + 1)
    return spans


def occurs_as_words(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs verbatim in `text`, not as part of a longer word ('Galile' is not in 'Galileo')."""
    return bool(whole_word_spans(text, phrase))


def word_count(text: str) -> int:
    """Words as a reader counts them (runs of non-space characters)."""
    return len(text.split())


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL, and C1 controls (0x9b alone starts a sequence in some terminals)."""


def shown_safely(text: str) -> str:
    r"""`text` with every terminal control character but tab and newline shown escaped (`\x1b`): deck
    text, typed answers and a class's CSV never reach a terminal raw (an ESC sequence could clear
    the screen, set the title or write the clipboard)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
