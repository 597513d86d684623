"""Statements with the key answer blanked out, for fill-in and matching questions."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rutw_quiz.deck.models import Fact
from rutw_quiz.questions.answer_forms import names_in_text, text_names
from rutw_quiz.questions.models import BLANK
from rutw_quiz.text import DIGIT_GROUP_SEPARATOR, contains_phrase, whole_word_spans

# "a _____" / "an _____" would tell whether the answer starts with a vowel.
_ARTICLE_BEFORE_BLANK = re.compile(rf"(?<!\w)([Aa])n? (?=[\"'“‘]?{re.escape(BLANK)})")


def replace_whole(text: str, phrase: str, new: str, *, ignore_case: bool = False) -> tuple[str, int]:
    """`text` with `phrase` replaced where it stands as whole words; also the number of replacements."""
    spans = whole_word_spans(text, phrase, ignore_case=ignore_case)
    return replace_spans(text, spans, lambda _: new), len(spans)


def replace_spans(text: str, spans: list[tuple[int, int]], make: Callable[[str], str]) -> str:
    """`text` with each (sorted, non-overlapping) span replaced by `make(span text)`."""
    parts: list[str] = []
    done = 0
    for start, end in spans:
        parts += [text[done:start], make(text[start:end])]
        done = end
    parts.append(text[done:])
    return "".join(parts)


def answer_spans(fact: Fact) -> list[tuple[int, int]] | None:
    """Where the statement names the answer or an alias, as whole words (see `_answer_spans`)."""
    found = _answer_spans(fact.statement, fact.answer, tuple(fact.aliases), names_in_text(fact))
    return list(found) if found is not None else None


@lru_cache(maxsize=1 << 16)
def _answer_spans(
    statement: str, answer: str, aliases: tuple[str, ...], names: tuple[tuple[str, ...], ...]
) -> tuple[tuple[int, int], ...] | None:
    """Where the statement names the answer (as written) or an alias (any case), as whole words.

    The answer first, then aliases longest first where no answer stands. None when there is
    nothing to hide, or when the words left visible would still give the answer away — then
    the fact makes no fill-in question and no cloze card.
    """
    text = statement
    spans = whole_word_spans(text, answer)
    for alias in sorted(aliases, key=len, reverse=True):
        for start, end in whole_word_spans(text, alias, ignore_case=True):
            if not any(a < end and start < b for a, b in spans):
                spans.append((start, end))
    if not spans:
        return None
    spans.sort()
    visible = replace_spans(text, spans, lambda _: " ")
    if _names_an_answer(visible, [answer, *aliases]) or text_names(visible, names):
        return None
    return tuple(spans)


_ALNUM_RUN = re.compile(r"[a-z0-9]+")


def _names_an_answer(visible: str, accepted: list[str]) -> bool:
    """Whether text still names an accepted answer (`contains_phrase`), with a fast way out.

    For ASCII text a phrase can only occur if each of its letter-and-digit runs occurs in the
    lower-cased text; one substring search per run rules that out for nearly every fact.
    """
    if visible.isascii() and all(a.isascii() for a in accepted):
        text = DIGIT_GROUP_SEPARATOR.sub("", visible.lower())
        if not any(
            all(run in text for run in _ALNUM_RUN.findall(DIGIT_GROUP_SEPARATOR.sub("", a.lower())))
            for a in accepted
        ):
            return False
    return any(contains_phrase(visible, a) for a in accepted)


def blank_out(fact: Fact) -> str | None:
    """The statement with every occurrence of the answer (and of any alias) blanked.

    Only whole-word occurrences are blanked ('Russia' in 'Russian' is left alone), and an
    article before the blank is written 'a(n)'. None when the statement would still give
    the answer away, or when the answer occurs only inside a longer word.
    """
    spans = answer_spans(fact)
    if spans is None:
        return None
    text = replace_spans(fact.statement, spans, lambda _: BLANK)
    if f"{BLANK}" in text and ("a " in text.lower() or "an " in text.lower()):
        text = _ARTICLE_BEFORE_BLANK.sub(r"\1(n) ", text)
    return text


def swap_answer(fact: Fact, wrong: str) -> str | None:
    """The statement made false by putting `wrong` wherever the answer stands (as whole words).

    None when the answer occurs only inside a longer word, or when an alias of the answer
    would still stand in the changed statement (it would read as half true).
    """
    text, swaps = replace_whole(fact.statement, fact.answer, wrong)
    if not swaps:
        return None
    rest = text.replace(wrong, " ")
    if any(contains_phrase(rest, a) for a in fact.accepted):
        return None
    swapped = _agree_definite(fact.answer, _agree_article(fact.statement, fact.answer, text, wrong), wrong)
    if swapped[:1].islower() and fact.statement[:1].isupper():
        swapped = swapped[0].upper() + swapped[1:]  # 'radium bromide is …' would show the swap
    return swapped


_THE_AT_END = re.compile(r"(?<!\w)([Tt]he) $")
_POSSESSIVE_NAME = re.compile(r"\w['’]s\b")
_INSTITUTIONS = ("University", "College")


def _said_without_the(name: str) -> bool:
    """Whether an institution's name is said without 'the': 'McGill University', 'St. Michael's
    Hospital' (not 'the University of Toronto', 'the Toronto General Hospital')."""
    if _POSSESSIVE_NAME.search(name):
        return True
    words = name.split()
    return len(words) >= 2 and words[-1] in _INSTITUTIONS and " of " not in name and name[:1].isupper()


def _agree_definite(answer: str, swapped: str, wrong: str) -> str:
    """'the University of Toronto' made false with 'McGill University' reads 'McGill University',
    not 'the McGill University', which would say the sentence was changed. Only where the answer
    itself takes 'the' and the name put in its place is one said without it, or the other way
    round ('at McGill University' made false with 'the University of Chicago')."""
    add = _said_without_the(answer) and _said_with_the(wrong)
    drop = not _said_without_the(answer) and _said_without_the(wrong)
    if not (add or drop):
        return swapped
    parts: list[str] = []
    done = 0
    for start, _ in whole_word_spans(swapped, wrong):
        the = _THE_AT_END.search(swapped, 0, start)
        if drop and the is not None:
            parts.append(swapped[done : the.start(1)])
            done = start
        elif add and the is None and _ARTICLE_AT_END.search(swapped, 0, start) is None:
            parts += [swapped[done:start], "the " if start else "The "]
            done = start
    return "".join(parts) + swapped[done:]


def _said_with_the(name: str) -> bool:
    """'University of Chicago', 'College of William & Mary': said with 'the'."""
    words = name.split()
    return len(words) >= 3 and words[0] in _INSTITUTIONS and words[1] == "of"


_A_BEFORE_VOWEL_LETTERS = ("eu", "uni", "use", "usu", "usa", "uti", "ure", "one", "once")
_AN_BEFORE_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_AN_LETTER_NAMES = frozenset("AEFHILMNORSX")  # 'an FBI agent', 'a UN body'


def indefinite_article(phrase: str) -> str:
    """'a' or 'an' for a phrase, by its first sound as far as spelling tells (a heuristic)."""
    word = phrase.strip().strip("\"'“‘(").split(" ", 1)[0]
    if not word:
        return "a"
    head = word.split("-", 1)[0]  # 'US-led' is read by its letters, like 'US'
    if len(head) > 1 and head.isupper() and head.isalpha():
        return "an" if head[0] in _AN_LETTER_NAMES else "a"
    lower = word.lower()
    if lower.startswith(_AN_BEFORE_SILENT_H):
        return "an"
    if lower.startswith(_A_BEFORE_VOWEL_LETTERS):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


_ARTICLE_AT_END = re.compile(r"(?<!\w)([Aa]n?) [\"'“‘]?$")


def _agree_article(statement: str, answer: str, swapped: str, wrong: str) -> str:
    """Fix 'a'/'an' before the swapped value ('an military office' would say: false).

    Only where the statement's own article agrees with the rule for the answer, so an
    author's 'a UN body' or 'an historic' is never second-guessed. (Plain string search and
    one fixed pattern: this runs for the false statement of every fact of a deck.)
    """
    before = next(
        (
            m
            for start, _ in whole_word_spans(statement, answer)
            if (m := _ARTICLE_AT_END.search(statement, 0, start))
        ),
        None,
    )
    if before is None or before[1].lower() != indefinite_article(answer):
        return swapped
    article = indefinite_article(wrong)
    parts: list[str] = []
    done = 0
    for start, _ in whole_word_spans(swapped, wrong):
        found = _ARTICLE_AT_END.search(swapped, 0, start)
        if found is None:
            continue
        written = article.capitalize() if found[1][0] == "A" else article
        parts += [swapped[done : found.start(1)], written]
        done = found.end(1)
    return "".join(parts) + swapped[done:]
