"""Quizlet: the text its "Import" box reads, one card a line, term TAB definition.

A card is a fact's question and its answer: the short-answer question where the fact has one,
else its fill-in sentence (the blank followed by its hint). Quizlet splits a line at the tab and
the text at line breaks, so tabs and line breaks inside a field become single spaces; nothing
else is changed (Quizlet shows the text as written).
"""

from __future__ import annotations

import re

from rutw_quiz.questions.bank import QuestionBank
from rutw_quiz.questions.models import FillInQuestion, ShortAnswerQuestion
from rutw_quiz.render.export_common import shown_prompt

_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029\x85]+")


def field(text: str) -> str:
    """A card field: tabs and line breaks as single spaces, ends trimmed."""
    return _BREAKS.sub(" ", text).strip()


def cards(bank: QuestionBank) -> list[tuple[str, str]]:
    """(term, definition) per fact: its short-answer question, else its fill-in, in bank order."""
    chosen: dict[tuple[str, str], ShortAnswerQuestion | FillInQuestion] = {}
    for question in bank.questions:
        if isinstance(question, ShortAnswerQuestion | FillInQuestion):
            key = (question.deck_id, question.fact_id)
            if key not in chosen or (
                isinstance(question, ShortAnswerQuestion) and isinstance(chosen[key], FillInQuestion)
            ):
                chosen[key] = question
    return [(field(shown_prompt(q)), field(q.answer)) for q in chosen.values()]


def quizlet_text(bank: QuestionBank) -> str:
    """The import text: one `term<TAB>definition` line per card."""
    return "".join(f"{term}\t{definition}\n" for term, definition in cards(bank))
