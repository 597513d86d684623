"""Statements with the key answer blanked out, for fill-in and matching questions."""

from __future__ import annotations

import re

from rutw_quiz.deck.models import Fact
from rutw_quiz.questions.models import BLANK
from rutw_quiz.text import contains_phrase


def blank_out(fact: Fact) -> str | None:
    """The statement with every occurrence of the answer (and of any alias) blanked.

    None when the statement would still give the answer away.
    """
    text = fact.statement.replace(fact.answer, BLANK)
    for alias in sorted(fact.aliases, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(alias)}(?!\w)", BLANK, text, flags=re.IGNORECASE)
    if BLANK not in text or any(contains_phrase(text, a) for a in fact.accepted):
        return None
    return text


def swap_answer(fact: Fact, wrong: str) -> str:
    """The statement made false by putting `wrong` where the answer stands."""
    return fact.statement.replace(fact.answer, wrong)
