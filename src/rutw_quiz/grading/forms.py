"""Reading typed answers for grading: the normaliser, typed dates and typed numbers.

Everything here is a pure function of the text, with its rules in small tables, so the
planned browser page can port it line by line and give the same verdicts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rutw_quiz.deck.dates import PartialDate
from rutw_quiz.grading.number_words import NUMBER_WORDS, SCALES, UNITS, ungroup_digits, words_to_number
from rutw_quiz.text import strip_accents

ARTICLES = frozenset({"the", "a", "an"})
STOPWORDS = frozenset(
    {
        "the", "a", "an", "of", "in", "on", "at", "by", "to", "with", "and", "for", "from", "its", "their",
        "it", "they", "them", "he", "she", "his", "her", "was", "were", "is", "has", "had", "that",
    }
)  # fmt: skip
NEGATIONS = frozenset(
    {"not", "no", "never", "non", "nor", "neither", "without", "didnt", "dont", "doesnt", "isnt", "wasnt"}
)
TITLES = frozenset(
    {
        "president", "premier", "prime", "minister", "foreign", "defence", "defense", "deputy", "vice",
        "general", "secretary", "chairman", "comrade", "mr", "mrs", "ms", "dr", "sir", "former",
        "leader", "tsar", "emperor", "ambassador", "envoy", "journalist", "businessman",
        "count", "countess", "prince", "princess", "baron", "baroness", "duke", "duchess", "grand",
        "king", "queen", "lord", "lady", "empress", "tsarina", "czar", "tsarevich", "kaiser", "marshal",
        "admiral", "captain", "colonel", "professor", "prof", "chancellor", "governor", "senator",
    }
)  # fmt: skip
"""Words a student may put before a person's name without changing who is meant."""
RANKS = frozenset({"deputy", "vice", "former"})
"""Titles that make another office of an office: a 'Vice President' is not the President."""

_APOSTROPHES = dict.fromkeys(map(ord, "\u2018\u2019\u201b\u02bc\u0060\u00b4"), "'")
_DOTTED = re.compile(r"(?<![\w.])[a-z](?:\.\s?[a-z])+\.?(?!\w)")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_SPACE = re.compile(r"\s+")

MAX_TYPED_CHARS = 1000
"""Typed answers longer than this are graded wrong unread: no answer is that long, and reading
stays linear (a 100,000-character answer must not hold up a class's marking)."""
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
"""Characters that show nothing (soft hyphen, zero-width space and joiners, direction marks, the
byte-order mark): pasted or typed with an answer they change no word of it, so they are dropped
before it is read (`grader.js` drops the same)."""
MAX_DIGITS = 18
"""A run of more digits is no figure of any deck: it reads as `TOO_MANY_DIGITS`, never converted
(Python refuses to convert 4,301 digits or more)."""
TOO_MANY_DIGITS = -1


_ASCII_SPACES = {i: " " for i in range(128) if unicodedata.category(chr(i))[0] in "PSZ"}
"""What `grading_words` makes of ASCII punctuation, symbols and spaces, as one translate table."""


def _fold(text: str) -> str:
    """Case, accents and apostrophe styles folded; 'U.S.A.' -> 'usa'; possessive 's dropped."""
    if text.isascii():  # NFKC and accents change no ASCII text: skip them (most text is ASCII)
        text = text.lower().replace("`", "'")
    else:
        text = strip_accents(unicodedata.normalize("NFKC", text)).casefold().translate(_APOSTROPHES)
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", "").replace(" ", ""), text)
    text = _POSSESSIVE.sub("", text)
    return text.replace("'", "")


@lru_cache(maxsize=1 << 16)
def grading_words(text: str) -> tuple[str, ...]:
    """The words of `text` as the grader compares them.

    Case, accents, punctuation, apostrophes ("Ch'ing" = "Ching") and dots in abbreviations
    ("U.S.A." = "USA") are folded; hyphens separate words; digit groups are joined ("2,000");
    a decimal point stays visible ("2.000" reads "2 point 000", not 2000).
    """
    text = ungroup_digits(_fold(text))
    text = _DECIMAL_POINT.sub(" point ", text)
    if text.isascii():
        return tuple(text.translate(_ASCII_SPACES).split())
    out = [" " if unicodedata.category(ch)[0] in "PSZ" else ch for ch in text]
    return tuple(_SPACE.sub(" ", "".join(out)).split())


def typed_words(text: str) -> tuple[str, ...]:
    """`grading_words` without a leading article ('the United Nations')."""
    words = grading_words(text)
    return words[1:] if len(words) > 1 and words[0] in ARTICLES else words


# --- dates --------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_WEEKDAYS = frozenset({d.casefold() for d in calendar.day_name} | {d.casefold() for d in calendar.day_abbr})
_DATE_FILLER = frozenset({"on", "the", "of", "in", "ad", "ce", "year"}) | _WEEKDAYS
_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})([-/])(\d{1,2})(?:\2(\d{1,2}))?")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")


class AmbiguousDateError(ValueError):
    """Digits where day and month could be swapped ('04/07/1776')."""


def _real(year: int, month: int, day: int) -> PartialDate | None:
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


@lru_cache(maxsize=1 << 14)
def read_date(text: str) -> PartialDate | None:
    """A date in any common English form, to the precision typed; None if not a date.

    '4th July 1776', 'July 4th, 1776', 'Sept. 1954', '1776-07-04' and '25/12/1991'.
    Raises AmbiguousDateError for digits where day and month can be confused ('04/07/1776').
    """
    folded = _fold(text)
    tokens = folded.split()
    while tokens and tokens[0].strip(",.") in _DATE_FILLER:
        tokens.pop(0)
    core = " ".join(tokens).strip(" .,")
    if m := _NUMERIC_DATE.fullmatch(core):
        return _numeric_date(int(m[1]), int(m[3]), int(m[4]))
    if m := _ISO_DATE.fullmatch(core):
        return _real(int(m[1]), int(m[3]), int(m[4] or 0))
    words = [w for w in re.findall(r"\d+|[a-z]+", _ORDINAL.sub("", folded)) if w not in _DATE_FILLER]
    shape = "".join("n" if w.isdecimal() and len(w) <= 4 else "m" if w in MONTHS else "?" for w in words)
    if shape == "nmn" and len(words[2]) >= 3:
        return _real(int(words[2]), MONTHS[words[1]], int(words[0]))
    if shape == "mnn" and len(words[2]) >= 3:
        return _real(int(words[2]), MONTHS[words[0]], int(words[1]))
    if shape == "nmn" and len(words[0]) >= 3:
        return _real(int(words[0]), MONTHS[words[1]], int(words[2]))
    if shape == "mn" and len(words[1]) >= 3:
        return _real(int(words[1]), MONTHS[words[0]], 0)
    if shape == "n" and len(words[0]) >= 3:
        return PartialDate(int(words[0]))
    return None


def _numeric_date(first: int, second: int, year: int) -> PartialDate | None:
    if first == second or (first > 12 >= second):
        return _real(year, second, first)  # day/month/year
    if second > 12 >= first:
        return _real(year, first, second)  # month/day/year
    if first > 12 and second > 12:
        return None
    raise AmbiguousDateError(f"{first:02d}/{second:02d}/{year} could be day/month or month/day")


# --- numbers ------------------------------------------------------------------------------------

QUALIFIERS: dict[tuple[str, ...], str] = {
    ("more", "than"): "more",
    ("over",): "more",
    ("above",): "more",
    ("upwards", "of"): "more",
    ("in", "excess", "of"): "more",
    ("about",): "about",
    ("around",): "about",
    ("approximately",): "about",
    ("approx",): "about",
    ("roughly",): "about",
    ("circa",): "about",
    ("ca",): "about",
    ("some",): "about",
    ("nearly",): "about",
    ("almost",): "about",
    ("fewer", "than"): "less",
    ("less", "than"): "less",
    ("under",): "less",
    ("below",): "less",
    ("at", "least"): "least",
    ("at", "most"): "most",
    ("up", "to"): "most",
}
"""Words that qualify a number, by meaning: 'over 300' says what 'more than 300' says."""
QUALIFIER_WORDS = frozenset(w for phrase in QUALIFIERS for w in phrase) - STOPWORDS - {"some"}


def qualifier_classes(words: tuple[str, ...]) -> tuple[frozenset[str], list[str]]:
    """The qualifier meanings found in `words`, and the words left once they are taken out."""
    found: set[str] = set()
    rest: list[str] = []
    i = 0
    while i < len(words):
        for phrase, meaning in QUALIFIERS.items():
            if words[i : i + len(phrase)] == phrase:
                found.add(meaning)
                i += len(phrase)
                break
        else:
            rest.append(words[i])
            i += 1
    return frozenset(found), rest


@dataclass(frozen=True)
class NumberReading:
    """The numbers found in typed text (digits or words) and the other words around them."""

    values: tuple[int, ...]
    rest: tuple[str, ...]
    decimal: bool  # a '2.000' style number was typed


@lru_cache(maxsize=1 << 14)
def read_number(text: str) -> NumberReading:
    """'about 2,000 km' -> values (2000,), rest ('about', 'km'); 'forty-one' -> (41,)."""
    words = grading_words(text)
    decimal = "point" in words
    values: list[int] = []
    rest: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word.isdecimal():
            values.append(int(word) if len(word) <= MAX_DIGITS else TOO_MANY_DIGITS)
            i += 1
            continue
        j = i
        while j < len(words) and words[j] in NUMBER_WORDS:
            j += 1
        run = list(words[i:j])
        while run and run[-1] in ("and", "a"):
            run.pop()
        if any(w in UNITS or w in SCALES for w in run):
            value = words_to_number(run[1:] if run[0] == "and" else run)
            if value is not None:
                values.append(value)
                i += len(run)
                continue
        rest.append(word)
        i += 1
    return NumberReading(tuple(values), tuple(rest), decimal)
