"""Questions as JSON and as readable text (with answers), for `rutw-quiz questions`."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pydantic import TypeAdapter

from rutw_quiz.questions.models import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
    letter,
)

_ADAPTER: TypeAdapter[list[Question]] = TypeAdapter(list[Question])
_KEY_ORDER = ("id", "type", "deck_id", "fact_id", "fact_ids", "prompt", "choices", "answer", "accepted")


def questions_to_json(questions: Sequence[Question]) -> str:
    """A JSON array of the question objects; byte-identical for identical questions."""
    data = [
        {**{k: item[k] for k in _KEY_ORDER if k in item}, **item}
        for item in _ADAPTER.dump_python(list(questions), mode="json")
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def questions_from_json(text: str) -> list[Question]:
    """Read questions written by `questions_to_json`."""
    return _ADAPTER.validate_json(text)


def question_text(number: int, question: Question) -> str:
    """One question, its choices, the answer and the source, as plain text."""
    lines = [f"{number}. [{question.type.label}] {question.prompt}"]
    if isinstance(question, MultipleChoiceQuestion):
        lines += [f"   {letter(i)}) {c}" for i, c in enumerate(question.choices)]
        lines.append(f"   Answer: {letter(question.answer_index)}) {question.answer}")
    elif isinstance(question, TrueFalseQuestion):
        lines.append(f"   Answer: {'True' if question.answer else 'False'}")
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        also = f" (also: {', '.join(question.accepted)})" if question.accepted else ""
        lines.append(f"   Answer: {question.answer}{also}")
    elif isinstance(question, TimelineQuestion):
        lines += [f"   {letter(i)}) {c}" for i, c in enumerate(question.choices)]
        order = "".join(question.answer_letters)
        lines.append(f"   Answer: {order}")
        lines += [f"      {d}: {a}" for d, a in zip(question.dates, question.answer, strict=True)]
    elif isinstance(question, MatchingQuestion):
        lines += [f"   {i + 1}. {s}" for i, s in enumerate(question.choices.statements)]
        lines += [f"   {letter(i)}) {a}" for i, a in enumerate(question.choices.answers)]
        pairs = " ".join(f"{i}{label}" for i, label in enumerate(question.answer_letters, 1))
        lines.append(f"   Answer: {pairs}")
    lines.append(f"   Why: {question.explanation}")
    for source in question.sources:
        lines.append(f"   Source: {source.title}, {source.section}: \u201c{source.quote}\u201d")
    return "\n".join(lines)
