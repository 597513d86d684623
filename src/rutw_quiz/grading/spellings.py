"""How an answer may be written: its word sequences ('Form's), and the tolerance each word gets.

An answer or alias is read into every way a student may write it: hyphenated compounds spaced or
joined, a leading article dropped, a name in its other romanisations (the spelling families of
Russian names, pinyin beside Wade–Giles), each word marked where it must be exact (acronyms, the
syllables of Chinese names). A word's typo allowance is one edit per six letters. Content words
(small words dropped, '1st', 'First', 'II' and 'Two' read alike) compare titles; the unit words
say which figures convert. All pure functions of the text, cached for a run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from rutw_quiz.deck.models import AnswerKind
from rutw_quiz.grading.equivalents import DROPPED, word_options
from rutw_quiz.grading.forms import STOPWORDS, grading_words
from rutw_quiz.grading.number_words import UNITS
from rutw_quiz.grading.romanization import name_variants, pinyin_names, pinyin_of_wade_giles

LETTERS_PER_TYPO = 6
SHORT_WORD = 4
"""A word of 4 or 5 letters has no typo allowance of its own: a slip there is a typo only when a reader
sees through it ('Unoin'; see `key._match`), else a `check`. Shorter words must be exact."""
NAME_SUFFIXES = frozenset({"jr", "sr", "junior", "senior", "ii", "iii", "iv"})
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015", "-"))
_PERSON_KINDS = (AnswerKind.PERSON,)
_INITIALS = re.compile(r"[\s.]+")
Words = tuple[str, ...]

# Ordinals, Roman numerals and small cardinals read alike when content words are compared:
# 'World War II', 'World War 2', 'World War Two'; 'First' and '1st'.
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ROMAN = [
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
    "xvi",
    "xvii",
    "xviii",
    "xix",
    "xx",
]
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
NUMBER_TOKENS: dict[str, str] = {}
for _n in range(1, 21):
    _token = f"#{_n}"
    NUMBER_TOKENS[_ORDINALS[_n - 1]] = _token
    NUMBER_TOKENS[f"{_n}{_SUFFIX.get(_n if _n < 4 else 0, 'th')}"] = _token
    NUMBER_TOKENS[str(_n)] = _token
    if len(_ROMAN[_n - 1]) > 1:  # 'i', 'v', 'x' alone are words or letters
        NUMBER_TOKENS[_ROMAN[_n - 1]] = _token
for _word, _number in UNITS.items():
    if 1 <= _number <= 20:
        NUMBER_TOKENS[_word] = f"#{_number}"

# Units a figure may be given in, by dimension, as a multiple of the dimension's smallest unit.
UNIT_WORDS: dict[str, tuple[str, int]] = {}
for _names, _dimension, _factor in (
    ("second seconds sec secs", "time", 1),
    ("minute minutes min mins", "time", 60),
    ("hour hours hr hrs", "time", 3600),
    ("day days", "time", 86_400),
    ("week weeks", "time", 604_800),
    ("fortnight fortnights", "time", 1_209_600),
    ("month months", "months", 1),
    ("year years yr yrs", "months", 12),
    ("decade decades", "months", 120),
    ("century centuries", "months", 1200),
    ("millimetre millimetres millimeter millimeters mm", "length", 1),
    ("centimetre centimetres centimeter centimeters cm", "length", 10),
    ("metre metres meter meters m", "length", 1000),
    ("kilometre kilometres kilometer kilometers km", "length", 1_000_000),
    ("gram grams g", "mass", 1),
    ("kilogram kilograms kilo kilos kg", "mass", 1000),
    ("tonne tonnes", "mass", 1_000_000),
    ("millilitre millilitres milliliter milliliters ml", "volume", 1),
    ("litre litres liter liters", "volume", 1000),
    # Imperial and US units convert among themselves, never exactly into metric ones; 'in' (inches)
    # is left out, being a word, and tons and gallons differ between Britain and America.
    ("inch inches", "imperial length", 1),
    ("foot feet ft", "imperial length", 12),
    ("yard yards yd yds", "imperial length", 36),
    ("fathom fathoms", "imperial length", 72),
    ("mile miles", "imperial length", 63_360),
    ("ounce ounces oz", "imperial mass", 1),
    ("pound pounds lb lbs", "imperial mass", 16),
    ("ton tons", "tons", 1),
    ("gallon gallons", "gallons", 1),
    ("acre acres", "acres", 1),
    ("hectare hectares", "hectares", 1),
    ("dozen dozens", "count", 12),
    ("score", "count", 20),
):
    for _name in _names.split():
        UNIT_WORDS[_name] = (_dimension, _factor)
ONE_WORDS = frozenset({"a", "an", "one"})


@dataclass(frozen=True)
class Form:
    """One way of writing an answer: its words, which words must be exact, and why it counts."""

    words: Words
    exact: tuple[bool, ...]
    shown: str
    reason: str


def word_allowance(word: str) -> int:
    """Edits tolerated in one word: one per six letters; none in short words or numbers."""
    if word.isalpha() or not any(ch.isdigit() for ch in word):
        return len(word) // LETTERS_PER_TYPO
    return 0


def rival_allowance(word: str) -> int:
    """Edits within which another answer's word competes with the key: short words count too."""
    allowance = word_allowance(word)
    if allowance == 0 and len(word) >= SHORT_WORD and word.isalpha():
        return 1
    return allowance


def typo_allowance(text: str) -> int:
    """Edits tolerated in an answer: the sum of its words' allowances."""
    return sum(word_allowance(w) for w in grading_words(text))


@lru_cache(maxsize=1 << 16)
def content_words(words: Words) -> Words:
    """The words that carry meaning, small words dropped and numbers read alike ('1st' = 'first')."""
    return tuple([NUMBER_TOKENS.get(w, w) for w in words if w not in STOPWORDS])


@lru_cache(maxsize=1 << 16)
def _is_chinese_style(raw: str) -> bool:
    """'Lee Teng-hui', 'Lo Chin-Ru': a romanised given name in hyphenated syllables, the second in
    lower case or the first a Wade–Giles syllable (not a double surname: 'Garin-Mikhailovsky',
    'Durand-Ruel')."""
    tokens = raw.translate(_DASHES).split()
    return len(tokens) >= 2 and any(_syllables(t) for t in tokens[1:])


def _syllables(token: str) -> bool:
    parts = token.split("-")
    if len(parts) < 2 or not all(parts):
        return False
    if parts[1][:1].islower():
        return True
    return all(len(p) <= 5 for p in parts) and pinyin_of_wade_giles(parts[0]) is not None


@lru_cache(maxsize=1 << 16)
def _proper_words(raw: str) -> frozenset[str]:
    """The words written with a capital: names, whose slips are judged without the word list."""
    return frozenset(w for token in raw.split() if token[:1].isupper() for w in grading_words(token))


@lru_cache(maxsize=1 << 16)
def _spellings(raw: str, kind: AnswerKind) -> tuple[tuple[Words, tuple[bool, ...]], ...]:
    """The word sequences of `raw`: each hyphenated compound spaced or joined; romanisations of names
    (kept for the run: a deck's answers are read again by every question of the deck)."""
    person = kind in _PERSON_KINDS
    chinese = person and _is_chinese_style(raw)
    per_token: list[list[tuple[Words, bool]]] = []
    read = [(token, grading_words(token)) for token in raw.translate(_DASHES).split()]
    read = [(token, parts) for token, parts in read if parts]
    for n, (token, parts) in enumerate(read):
        upper = token.isupper() and len(token) > 1  # an acronym: 'NASA' is no typo of 'NASB'
        options: list[tuple[Words, bool]]
        if upper:
            options = [(parts, True)]
        else:  # 'St' for 'Saint', 'railroad' for a last word 'railway'
            last = len(read) - 1, len(parts) - 1
            alternatives = [word_options(w, kind, last=(n, i) == last) for i, w in enumerate(parts)]
            options = [(tuple(words), False) for words in product(*alternatives)]
        if "-" in token and len(parts) > 1:
            options.append((("".join(parts),), True))
        per_token.append(options)
    result: list[tuple[Words, tuple[bool, ...]]] = []
    for combo in product(*per_token):
        words: Words = tuple(w for part, _ in combo for w in part)
        fixed = [j for part, j in combo for _ in part]
        if DROPPED in words:  # a kind word left out: what is left must still name one thing
            fixed = [j for w, j in zip(words, fixed, strict=True) if w != DROPPED]
            words = tuple(w for w in words if w != DROPPED)
            if not _names_one_thing(words, kind):
                continue
        if len(words) > 1 and words[0] in ("the", "a", "an"):
            words, fixed = words[1:], fixed[1:]
        if (person and not chinese) or (kind is AnswerKind.PLACE and len(words) == 1):
            variants = list(name_variants(words, families=True))
        else:
            variants = [words]
        for variant in variants:
            exact = tuple(
                chinese or j or (word_allowance(w) == 0 and not _short(w))
                for w, j in zip(variant, fixed, strict=True)
            )
            result.append((variant, exact))
    if chinese:  # the same name in pinyin: 'Chiang Ching-kuo' is 'Jiang Jingguo'
        tokens = raw.translate(_DASHES).split()
        for name in pinyin_names(tokens):
            words = tuple(w for part in name for w in grading_words(part))
            if words and all(words != r[0] for r in result):
                result.append((words, (True,) * len(words)))
    return tuple(result)


def _names_one_thing(words: Words, kind: AnswerKind) -> bool:
    """Words left when a kind word is dropped that still name something: two content words, or for
    a place or company one that is no common English word ('Kazansky', not 'Northern'). A document
    needs two: one word left is a place or a person ('Warsaw', 'Monroe')."""
    from rutw_quiz.grading.lexicon import common_words

    content = [w for w in words if w not in STOPWORDS]
    if len(content) >= 2:
        return True
    return kind is not AnswerKind.DOCUMENT and len(content) == 1 and content[0] not in common_words()


def _short(word: str) -> bool:
    return len(word) >= SHORT_WORD and word.isalpha() and word_allowance(word) == 0


def _forms(raw: str, reason: str, kind: AnswerKind, shown: str | None = None) -> list[Form]:
    return list(_cached_forms(raw, reason, kind, shown))


@lru_cache(maxsize=1 << 16)
def _cached_forms(raw: str, reason: str, kind: AnswerKind, shown: str | None) -> tuple[Form, ...]:
    spellings = _spellings(raw, kind)
    first = spellings[0][0] if spellings else ()
    forms = []
    for words, exact in spellings:
        why = reason
        if reason == "correct" and words != first and "".join(words) != "".join(first):
            why = f"correct: another spelling of '{raw}'"
        forms.append(Form(words, exact, shown or raw, why))
    return tuple(forms)


@lru_cache(maxsize=1 << 16)
def _name_tokens(raw: str) -> tuple[str, ...]:
    """'J. R. R. Tolkien' -> ['J', 'R', 'R', 'Tolkien']; suffixes ('Jr.') left out."""
    tokens = [t for t in _INITIALS.split(raw.translate(_DASHES)) if t]
    while tokens and grading_words(tokens[-1]) and grading_words(tokens[-1])[-1] in NAME_SUFFIXES:
        tokens.pop()
    return tuple(tokens)


@lru_cache(maxsize=1 << 16)
def _surname(raw: str) -> Words:
    if _is_chinese_style(raw):
        first = raw.translate(_DASHES).split()[:1]
        return grading_words(first[0]) if first else ()
    names = _name_tokens(raw)
    return grading_words(names[-1]) if names else ()


@lru_cache(maxsize=1 << 16)
def _acronym(raw: str) -> str | None:
    words = [w for w in grading_words(raw.translate(_DASHES)) if w not in STOPWORDS]
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return None
    return "".join(w[0] for w in words)
