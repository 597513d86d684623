"""From a source sentence to what a deck needs: a statement that stands alone, a quote of at most
30 words, and an event label a timeline can show.

The statement may differ from the sentence (footnote marks and leading connectives dropped, a
"He" named); the quote never does: it is always the source's own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MAX_QUOTE_WORDS = 30
MAX_EVENT_WORDS = 12

_FOOTNOTE = re.compile(r"\s?\[(?:\d{1,3}|[a-z]|note \d+|citation needed|nb \d+)\]|\]\]\s*|\[\[")
_CONNECTIVE = re.compile(
    r"^(?:However|Thus|Also|Additionally|In addition|Moreover|Meanwhile|Nevertheless|Nonetheless|"
    r"Furthermore|Indeed|In fact|Possibly|Therefore|Consequently|Still|Instead|Notably|Interestingly|"
    r"In turn|Hence),\s+"
    r"|^It is (?:worth mentioning|also said|said|reported|believed|known|thought|possible) that\s+"
)
_ALL_CAPS = re.compile(r"\b[A-Z][A-Z'’-]{1,}\b")
_SMALL_WORDS = frozenset(
    ["of", "and", "the", "in", "on", "at", "to", "for", "are", "is", "a", "an", "de", "von"]
)
_PRONOUN_OPENING = re.compile(r"^(He|She|His|Her)\b")
_RELATIVE_TIME = re.compile(
    r"\b(?:the (?:following|next|previous|same|preceding) (?:year|month|day|decade|spring|summer|autumn|winter)|"
    r"that (?:year|month|day)|(?:a|one|two|three|several|some) (?:years?|months?|days?|decades?) (?:later|earlier|before|after)|"
    r"later that year|the year before|the year after)\b",
    re.IGNORECASE,
)


def tidy(sentence: str, source_text: str) -> str:
    """The sentence as a statement: no footnote marks or leading connective, words the source set in
    capitals for emphasis ("RADIUM is …") written as elsewhere in the text."""
    text = _FOOTNOTE.sub("", sentence).strip()
    text = re.sub(r"\s+([.,;:])", r"\1", text)  # the space a removed mark leaves before a full stop
    text = _CONNECTIVE.sub("", text)
    text = text[:1].upper() + text[1:]

    def usual(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in _SMALL_WORDS:
            return word.lower()  # "The BATTLE OF PHARSALUS": "of" as the text writes it elsewhere
        titled = word.title()
        return titled if re.search(rf"\b{re.escape(titled)}\b", source_text) else word

    return _ALL_CAPS.sub(usual, text)


def dates_something_else(sentence: str) -> bool:
    """Whether the sentence times its event relative to another ("the following year"), so that a
    date written in it may belong to something else."""
    return bool(_RELATIVE_TIME.search(sentence))


@dataclass(frozen=True)
class Person:
    """A person named in a sentence, and whether the sentence opens with them (its subject)."""

    name: str
    opens_sentence: bool


def who_the_pronoun_means(
    statement: str,
    previous: Sequence[tuple[str, list[Person]]],
    subject: str | None,
) -> str | None:
    """Whom a leading He/She/His/Her most likely means, as a suggestion for the author.

    The statement itself keeps its pronoun: a wrong guess written into it would make the fact
    false ("She died at 32" is Monet's wife, not Monet), while a guess in a comment costs nothing.
    Likely means: the text is about a person (`subject`) and the sentence before speaks of them or
    continues with a pronoun; or the sentence before opens with a person and names no other.
    """
    opening = _PRONOUN_OPENING.match(statement)
    if not opening or not previous:
        return None
    before, people = previous[-1]
    if subject and (subject in before or _PRONOUN_OPENING.match(before)):
        return subject
    if len(people) == 1 and people[0].opens_sentence:
        return people[0].name
    return None


def quote_around(sentence: str, start: int, end: int) -> str:
    """At most 30 words of the source sentence around [start, end), cut at clause edges where it can
    and short of footnote marks, in the source's own words."""
    words = list(re.finditer(r"\S+", sentence))
    if len(words) <= MAX_QUOTE_WORDS and not _FOOTNOTE.search(sentence):
        return sentence
    first = next(i for i, w in enumerate(words) if w.end() > start)
    last = max(i for i, w in enumerate(words) if w.start() < end)
    lo, hi = first, last

    def marked(i: int) -> bool:
        return bool(re.search(r"\[\w{1,3}\]|\]\]|\[\[", words[i].group()))

    while hi - lo + 1 < MAX_QUOTE_WORDS:
        can_right = hi < len(words) - 1 and not marked(hi) and not marked(hi + 1)
        can_left = lo > 0 and not marked(lo - 1) and not words[lo - 1].group().endswith((".", ";"))
        if can_right and (not can_left or hi - last <= first - lo):
            hi += 1
        elif can_left:
            lo -= 1
        else:
            break
    quote = sentence[words[lo].start() : words[hi].end()]
    quote = re.sub(r"\[\w{1,3}\].*$", "", quote)  # a mark glued to the last word
    return quote.rstrip(",;: ")


# -- event labels ----------------------------------------------------------------------------------

_PREPOSITION = r"(?:in|on|by|since|from|during|until|till|around|about|circa|c\.|at)"
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_LEAD = re.compile(
    rf"\b(?:{_PREPOSITION}\s+)?(?:the\s+)?(?:(?:early|late|mid|spring|summer|autumn|fall|winter|beginning|"
    rf"end|middle|start|course)\s+(?:of\s+)?|mid-)?(?:(?:{_MONTH_NAMES})\s+(?:or|and)\s+)?$",
    re.IGNORECASE,
)
_PHRASE_OPENING = re.compile(
    r"^(?:as a result of|as of|as early as|as late as|(?:not long|shortly|soon|long|just) (?:before|after)|"
    r"following|after|before|during|despite|with|upon|through|until|since|by|in|on|at|from|among|between|"
    r"under|including|such as|especially|notably|mainly|both|"
    r"(?:\w+ )?(?:years?|months?|days?|weeks?|decades?) (?:after|before|later|earlier))\b",
    re.IGNORECASE,
)
_CLAUSE_OPENING = re.compile(r"^(?:when|while|as|although|though|because|once|whereas|if)\s+", re.IGNORECASE)
_RELATIVE_OPENING = re.compile(r"^(?:which|who|whom|whose|where|that)\b", re.IGNORECASE)
_VERBISH = re.compile(
    r"\b(?:was|were|is|are|had|has|have|became|become|made|began|took|gave|won|led|met|left|went|came|"
    r"wrote|saw|fell|rose|built|sold|bought|held|[a-z]{3,}ed)\b"
)
_FUNCTION_END = re.compile(
    r"\s+(?:the|a|an|of|and|or|in|on|at|to|by|for|with|from|which|that|who|its|his|her|their|is|was|are|were|"
    r"has|had|be|been)$",
    re.IGNORECASE,
)


def _clauses(statement: str) -> list[str]:
    return [c.strip() for c in re.split(r";|,\s+|\s+—\s+", statement.rstrip(".")) if c.strip()]


def _without_date(clause: str, date_text: str) -> str:
    at = clause.find(date_text)
    before, after = clause[:at], clause[at + len(date_text) :]
    if re.search(r"\bthe\s+(?:early\s+|late\s+|mid-)?$", before, re.IGNORECASE):
        return (before + after.lstrip()).strip()  # "the 2022 invasion": the date was an adjective
    return f"{_DATE_LEAD.sub('', before).rstrip()} {after.strip()}".strip()


def event_label(statement: str, date_text: str) -> str | None:
    """The event the date belongs to, without the date, short enough for a timeline.

    "In 1862, Monet became a student of Charles Gleyre in Paris." -> "Monet became a student of
    Charles Gleyre in Paris"; "After the end of the Korean War in 1954, the US signed a security
    treaty …" -> "The US signed a security treaty …"; "X became bankrupt, and left in 1878 for
    Belgium." -> "X became bankrupt, and left for Belgium".
    """
    clauses = _clauses(statement)
    index = next((i for i, c in enumerate(clauses) if date_text in c), None)
    if index is None:
        return None
    label = _without_date(clauses[index], date_text)
    if _RELATIVE_OPENING.match(re.sub(r"^(?:and|but|or)\s+", "", label)):
        return None  # the date is in a side remark ("which had been rejected by the Salon of 1870")
    if index > 0 and re.match(r"^(?:was|were|is|are|had|has|became)\b", label):
        # "Radium, in the form of radium chloride, was discovered …": the subject opens the sentence.
        opening = clauses[0]
        if (
            not _PHRASE_OPENING.match(opening)
            and not _RELATIVE_OPENING.match(opening)
            and len(opening.split()) <= 6
        ):
            label = f"{opening} {label}"
    if re.match(r"^(?:and|but|or)\b", label) and index > 0:
        label = f"{clauses[index - 1]}, {label}"
    elif _CLAUSE_OPENING.match(label) and not _PHRASE_OPENING.match(label):
        label = _CLAUSE_OPENING.sub("", label)
    if len(label.split()) < 3 or _PHRASE_OPENING.match(label):
        # The date sat in an opening phrase ("In April 1883,", "After the end of the war in 1954,"):
        # the event is the main clause that follows it.
        following = [
            c for c in clauses[index + 1 :] if not _RELATIVE_OPENING.match(c) and not _PHRASE_OPENING.match(c)
        ]
        if not following:
            return None
        label = following[0]
    return _short(label)


def _short(label: str) -> str | None:
    label = re.sub(r"\s+", " ", label).strip(" ,;:.")
    if len(label.split()) > MAX_EVENT_WORDS:
        # Cut at a conjunction whose first part already says what happened (it has a verb) …
        parts = re.split(r"\s+(?:and|but|while|whereas|which|who|where)\s+", label)
        kept = ""
        for part in parts:
            kept = f"{kept} and {part}" if kept else part
            if _VERBISH.search(kept):
                break
        label = " ".join(kept.split()[:MAX_EVENT_WORDS])  # … and at most 12 words in any case
    if label.count("(") > label.count(")"):
        label = label[: label.rfind("(")]  # a bracket cut open: "… Company (VOC) (the"
    while _FUNCTION_END.search(label):
        label = _FUNCTION_END.sub("", label).rstrip(" ,;")
    if len(label.split()) < 3 or re.search(r"\b\d{3,4}\b", label):
        return None  # too little left, or another year in it, which would give the order away
    return label[0].upper() + label[1:]


def says_what_happened(sentence: str) -> bool:
    """Whether a sentence has a verb (a sentence cut at an abbreviation, "Admiral Pieter Willemsz.",
    has none and says nothing)."""
    return bool(_VERBISH.search(sentence))
