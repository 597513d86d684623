"""Blackboard: the tab-delimited question upload file (Tests → Upload Questions).

One question a line, no header; the first field is the type:
- `MC  text  choice  correct|incorrect  choice  correct|incorrect …` for multiple choice;
- `TF  text  true|false` for true or false;
- `FIB  text  answer  alias …` for fill-in and short answer (the answer and every alias);
- `NUM  text  answer  0` where the answer is a plain year or number (tolerance 0);
- `ORD  text  item  item …` for a timeline, the events in the right order;
- `MAT  text  statement  answer  statement  answer …` for matching.

Blackboard reads question and choice text as HTML, so the deck text is HTML-escaped there and
markup shows as written; typed answers (FIB, NUM) are compared with what a student types and stay
plain. A field cannot hold a tab or a line break (they end the field or the question), so those
become spaces. The upload format has no feedback fields: explanations and sources are not carried.
"""

from __future__ import annotations

import html
import re

from rutw_quiz.questions.bank import QuestionBank
from rutw_quiz.questions.models import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.render.export_common import plain_number, shown_prompt, typed_answers

_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029\x85]+")


def plain(text: str) -> str:
    """A plain field: tabs and line breaks as single spaces."""
    return _BREAKS.sub(" ", text).strip()


def rich(text: str) -> str:
    """An HTML field: the plain field, HTML-escaped."""
    return html.escape(plain(text), quote=False)


def blackboard_line(question: Question) -> list[str]:
    """The fields of one question's line."""
    if isinstance(question, MultipleChoiceQuestion):
        fields = ["MC", rich(question.prompt)]
        for choice in question.choices:
            fields += [rich(choice), "correct" if choice == question.answer else "incorrect"]
        return fields
    if isinstance(question, TrueFalseQuestion):
        return ["TF", rich(question.prompt), "true" if question.answer else "false"]
    if isinstance(question, FillInQuestion | ShortAnswerQuestion):
        number = plain_number(question)
        if number is not None:
            return ["NUM", rich(shown_prompt(question)), number, "0"]
        return ["FIB", rich(shown_prompt(question)), *(plain(a) for a in typed_answers(question))]
    if isinstance(question, TimelineQuestion):
        return ["ORD", rich(question.prompt), *(rich(event) for event in question.answer)]
    assert isinstance(question, MatchingQuestion)
    fields = ["MAT", rich(question.prompt)]
    for pair in question.answer:
        fields += [rich(pair.statement), rich(pair.answer)]
    return fields


def blackboard_text(bank: QuestionBank) -> str:
    """The upload file: one tab-separated line per question, in bank order."""
    return "".join("\t".join(blackboard_line(q)) + "\n" for q in bank.questions)
