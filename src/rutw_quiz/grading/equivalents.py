"""Other ways one word of an answer is written: its abbreviation, another word for the same kind
of place, the place name inside a Russian adjective.

Each is a rule over the word, not a list per question: 'Saint' is written 'St' in any name
('Gare St Lazare', 'St Petersburg'); a railway is a railroad in American English and its line in
either; a Moscow station named after the city it serves ('Kazansky', of Kazan) is called 'Kazan
station' in English. `word_options` gives a word's other spellings; `spellings` builds the forms.
"""

from __future__ import annotations

from rutw_quiz.deck.models import AnswerKind

_ABBREVIATIONS = {
    "saint": ("st",),
    "sainte": ("ste",),
    "mount": ("mt",),
    "fort": ("ft",),
    "street": ("st",),
    "avenue": ("ave",),
    "boulevard": ("blvd",),
    "road": ("rd",),
    "corporation": ("corp",),
    "company": ("co",),
    "brothers": ("bros",),
    "limited": ("ltd",),
    "incorporated": ("inc",),
    "university": ("univ",),
}
"""A word of a name -> its usual abbreviations (read either way: 'St' in an answer is 'Saint' or 'Street')."""
_EXPANSIONS: dict[str, tuple[str, ...]] = {}
for _word, _shorts in _ABBREVIATIONS.items():
    for _short_form in _shorts:
        _EXPANSIONS[_short_form] = (*_EXPANSIONS.get(_short_form, ()), _word)

_KIND_WORDS = (
    ("railway", "railroad", "mainline"),
    ("station", "terminal", "terminus"),
    ("corporation", "company", "incorporated"),
)
"""The last word of a place's or an organisation's name that says what kind of thing it is, and the
other words English uses for that kind ('Chinese Eastern Railroad'); a railway is also its 'line'.
The word may be left out too ('Kazansky' for 'Kazansky station', 'US Radium' for 'US Radium
Corporation') where what is left still names one thing (see `spellings`)."""
DROPPED = ""
"""The option of leaving a kind word out."""
_DROPPABLE = frozenset(w for group in _KIND_WORDS for w in group) | {
    "line",
    "corp",
    "co",
    "inc",
    "ltd",
    "limited",
}
_OTHER_KIND_WORDS = {word: tuple(w for w in group if w != word) for group in _KIND_WORDS for word in group}
_OTHER_KIND_WORDS = {
    word: others + (("line",) if "railway" in (word, *others) else ())
    for word, others in _OTHER_KIND_WORDS.items()
}

_DOCUMENT_KIND_WORDS = frozenset(
    [
        "treaty",
        "agreement",
        "pact",
        "accord",
        "convention",
        "act",
        "declaration",
        "protocol",
        "charter",
        "doctrine",
    ]
)
"""The last word of a document's name that says what kind of document it is, which may be left out
where two words of the name are left ('Clayton-Bulwer' for the Clayton-Bulwer treaty; not 'Warsaw'
for the Warsaw Pact, which names a city: see `spellings`)."""

_RUSSIAN_ADJECTIVE_ENDINGS = ("skiy", "skii", "skoye", "skoe", "skaya", "sky")
_MIN_STEM = 4
_PLACE_KINDS = (AnswerKind.PLACE, AnswerKind.ORGANIZATION)


def word_options(word: str, kind: AnswerKind, *, last: bool) -> tuple[str, ...]:
    """`word` and its other spellings in a name of this kind (`last`: the name's last word)."""
    if kind is AnswerKind.PERSON:
        return (word,)
    options = [word, *_ABBREVIATIONS.get(word, ()), *_EXPANSIONS.get(word, ())]
    if kind is AnswerKind.DOCUMENT and last and word in _DOCUMENT_KIND_WORDS:
        options.append(DROPPED)
    if kind in _PLACE_KINDS:
        if last:
            options += _OTHER_KIND_WORDS.get(word, ())
            if word in _DROPPABLE:
                options.append(DROPPED)
        ending = next((e for e in _RUSSIAN_ADJECTIVE_ENDINGS if word.endswith(e)), "")
        if ending and len(word) - len(ending) >= _MIN_STEM:
            options.append(word[: -len(ending)])  # 'kazansky' -> 'kazan'
    return tuple(dict.fromkeys(options))
