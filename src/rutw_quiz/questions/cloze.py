"""Statements with the key answer blanked out, for fill-in and matching questions."""

from __future__ import annotations

import re

from rutw_quiz.deck.models import Fact
from rutw_quiz.questions.models import BLANK
from rutw_quiz.text import contains_phrase

# "a _____" / "an _____" would tell whether the answer starts with a vowel.
_ARTICLE_BEFORE_BLANK = re.compile(rf"(?<!\w)([Aa])n? (?={re.escape(BLANK)})")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def replace_whole(text: str, phrase: str, new: str, *, ignore_case: bool = False) -> tuple[str, int]:
    """`text` with `phrase` replaced where it stands as whole words ('Russia', not in 'Russian').

    Plain string search (no regex compiled per answer), so blanking 10,000 facts stays cheap.
    Returns the new text and the number of replacements.
    """
    haystack, needle = (text.lower(), phrase.lower()) if ignore_case else (text, phrase)
    if not needle or len(haystack) != len(text) or len(needle) != len(phrase):
        return text, 0  # lower() changed a length (rare letters): leave the text alone
    parts: list[str] = []
    count = start = 0
    at = haystack.find(needle)
    while at != -1:
        end = at + len(needle)
        before = text[at - 1] if at else ""
        after = text[end] if end < len(text) else ""
        whole = not (before and _is_word_char(before) and _is_word_char(text[at]))
        whole = whole and not (after and _is_word_char(after) and _is_word_char(text[end - 1]))
        if whole:
            parts += [text[start:at], new]
            start = end
            count += 1
            at = haystack.find(needle, end)
        else:
            at = haystack.find(needle, at + 1)
    parts.append(text[start:])
    return "".join(parts), count


def blank_out(fact: Fact) -> str | None:
    """The statement with every occurrence of the answer (and of any alias) blanked.

    Only whole-word occurrences are blanked ('Russia' in 'Russian' is left alone), and an
    article before the blank is written 'a(n)'. None when the statement would still give
    the answer away, or when the answer occurs only inside a longer word.
    """
    text, _ = replace_whole(fact.statement, fact.answer, BLANK)
    for alias in sorted(fact.aliases, key=len, reverse=True):
        text, _ = replace_whole(text, alias, BLANK, ignore_case=True)
    if BLANK not in text or any(contains_phrase(text, a) for a in fact.accepted):
        return None
    lowered = text.lower()
    if f"a {BLANK}" in lowered or f"an {BLANK}" in lowered:
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
    return _agree_article(fact.statement, fact.answer, text, wrong)


_A_BEFORE_VOWEL_LETTERS = ("eu", "uni", "use", "usu", "usa", "uti", "ure", "one", "once")
_AN_BEFORE_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
_AN_LETTER_NAMES = frozenset("AEFHILMNORSX")  # 'an FBI agent', 'a UN body'


def indefinite_article(phrase: str) -> str:
    """'a' or 'an' for a phrase, by its first sound as far as spelling tells (a heuristic)."""
    word = phrase.strip().strip("\"'“‘(").split(" ", 1)[0]
    if not word:
        return "a"
    if len(word) > 1 and word.isupper() and word.isalpha():
        return "an" if word[0] in _AN_LETTER_NAMES else "a"
    lower = word.lower()
    if lower.startswith(_AN_BEFORE_SILENT_H):
        return "an"
    if lower.startswith(_A_BEFORE_VOWEL_LETTERS):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def _agree_article(statement: str, answer: str, swapped: str, wrong: str) -> str:
    """Fix 'a'/'an' before the swapped value ('an military office' would say: false).

    Only where the statement's own article agrees with the rule for the answer, so an
    author's 'a UN body' or 'an historic' is never second-guessed.
    """
    before = re.search(rf"(?<!\w)([Aa]n?) [\"'“‘]?{re.escape(answer)}(?!\w)", statement)
    if before is None or before[1].lower() != indefinite_article(answer):
        return swapped
    article = indefinite_article(wrong)

    def fix(match: re.Match[str]) -> str:
        return (article.capitalize() if match[1][0] == "A" else article) + match[2]

    return re.sub(rf"(?<!\w)([Aa]n?)( [\"'“‘]?{re.escape(wrong)}(?!\w))", fix, swapped)
