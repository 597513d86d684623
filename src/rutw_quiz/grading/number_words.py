"""Reading a whole number a student typed: digits in any English grouping, or English words.

"2,000", "2 000" and "2000" are 2000; "2.000" is not (in English the dot is a decimal
point, so it is refused rather than guessed). "two thousand", "forty-one", "a hundred and
five" are read as words. Kept to plain tables so a browser port can do the same.
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER_WORDS = frozenset({*UNITS, *SCALES, "and", "a"})

DIGIT_GROUP = re.compile(r"(?<=\d)[,\u202f\u00a0' ](?=\d{3}(?!\d))")
"""A thousands separator a student may type: comma, (narrow or no-break) space, apostrophe."""


def ungroup_digits(text: str) -> str:
    """'2,000' / '2 000' / "2'000" -> '2000' (a dot is left alone: '2.000' stays a decimal)."""
    return DIGIT_GROUP.sub("", text)


def words_to_number(words: list[str]) -> int | None:
    """['forty', 'one'] -> 41; ['a', 'hundred', 'and', 'five'] -> 105; None if not a number."""
    if not words or words[0] == "and" or words[-1] in ("and", "a"):
        return None
    total = 0
    current = 0
    seen = False
    for i, word in enumerate(words):
        if word == "and":
            continue
        if word == "a":
            if i + 1 >= len(words) or words[i + 1] not in SCALES:
                return None
            current = max(current, 1)
            continue
        if word in UNITS:
            value = UNITS[word]
            if (current % 100 and value >= 10) or (current % 10 and value):
                return None  # 'twenty thirty', 'one two'
            current += value
            seen = True
        elif word in SCALES:
            scale = SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None
