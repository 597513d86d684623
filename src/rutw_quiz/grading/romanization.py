"""Other common romanisations of a name, word by word, from small tables.

Russian: given names spelt several ways (Sergei/Sergey/Sergej, Yuri/Yury/Iurii) and the
surname endings that English writes two ways (-ev/-yev, -chev/-chov/-chyov). Chinese:
Wade–Giles names with or without hyphens are handled by the grader's word forms; pinyin
is accepted only where the deck gives it as an alias, because it cannot be derived safely.
"""

from __future__ import annotations

from itertools import product

_GIVEN_NAMES = [
    ("sergei", "sergey", "sergej", "serguei", "sergii", "sergiy"),
    ("yuri", "yury", "iurii", "yuriy", "yurii", "iuri", "yurij"),
    ("aleksandr", "alexander", "aleksander", "alexandr", "alexandre"),
    ("aleksei", "alexei", "alexey", "aleksey", "alexej"),
    ("andrei", "andrey", "andrej"),
    ("nikolai", "nikolay", "nicolai"),
    ("yevgeny", "evgeny", "yevgeni", "evgeni", "yevgeniy", "evgeniy"),
    ("vyacheslav", "viacheslav", "vjaceslav"),
    ("dmitri", "dmitry", "dmitriy", "dimitri"),
    ("anatoly", "anatoli", "anatoliy"),
    ("georgy", "georgi", "georgiy"),
    ("gennady", "gennadi", "gennadiy"),
    ("lavrentiy", "lavrenti", "lavrenty"),
    ("yegor", "egor"),
    ("mikhail", "mihail"),
    ("maria", "mariya"),
    ("vasily", "vasili", "vasiliy"),
    ("grigory", "grigori", "grigoriy"),
    ("arkady", "arkadi", "arkadiy"),
    ("valery", "valeri", "valeriy"),
    ("fyodor", "fedor", "feodor"),
    ("pyotr", "petr"),
]
GIVEN_NAME_VARIANTS: dict[str, tuple[str, ...]] = {name: group for group in _GIVEN_NAMES for name in group}
"""Every spelling of a Russian given name -> all its spellings."""

_ENDINGS = [("chev", "chov", "chyov"), ("shev", "shov", "shyov"), ("zhev", "zhov")]
_MAX_VARIANTS = 16


def word_variants(word: str) -> tuple[str, ...]:
    """The word and its other romanisations (already normalised: lower case, no accents)."""
    found = GIVEN_NAME_VARIANTS.get(word)
    if found:
        return found
    for group in _ENDINGS:
        for ending in group:
            if word.endswith(ending) and len(word) > len(ending) + 2:
                stem = word[: -len(ending)]
                return tuple(stem + e for e in group)
    if word.endswith("yev") and len(word) > 5:
        return (word, word[:-3] + "ev")
    if word.endswith("ev") and len(word) > 5 and word[-3] in "aeiou":
        return (word, word[:-2] + "yev")  # Sergeev / Sergeyev
    return (word,)


def name_variants(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every combination of the words' variants, the given spelling first (at most 16)."""
    options = [word_variants(w) for w in words]
    combos: list[tuple[str, ...]] = [tuple(words)]
    for combo in product(*options):
        if combo not in combos:
            combos.append(combo)
        if len(combos) >= _MAX_VARIANTS:
            break
    return combos
