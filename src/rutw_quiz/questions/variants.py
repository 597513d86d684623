"""Versions of one question list for printed tests: same questions, another order, shuffled choices.

Version 0 (printed as "A") is the engine's list unchanged, so version A of a worksheet is
exactly what `rutw-quiz questions --seed S` shows. Version k ≥ 1 is made by a generator
seeded from the text "seed:k", so it depends only on the seed and the version index (not
on the Python hash seed or on how many versions are made):

- the questions are reordered within each *group* (by default, one group per question
  type, because a worksheet prints them in sections by type);
- multiple choice: the choices are shuffled, except for years, dates and numbers, which
  stay in ascending order so that reading them stays easy;
- timeline: the events are shuffled (the answer stays the same chronological list);
- matching: the answers column is shuffled (the statements keep their order);
- true/false, fill-in and short answer: unchanged.

Where a group or a choice list has two or more different items, the version never keeps
the original order of it: a shuffle that happens to give it back is rotated by one.
(Two later versions can still coincide where a group has only two questions.)
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

from rutw_quiz.deck.models import AnswerKind
from rutw_quiz.questions.models import (
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    TimelineQuestion,
)

T = TypeVar("T")


def version_label(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', 27 -> 'AB' (like spreadsheet columns)."""
    if index < 0:
        raise ValueError(f"version index must be 0 or more, not {index}")
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def _moved(items: Sequence[T], rng: random.Random) -> list[T]:
    """`items` shuffled, never in the given order when they hold two different values."""
    shuffled = list(items)
    rng.shuffle(shuffled)
    if shuffled == list(items):
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


def _numeric(kind: str) -> bool:
    try:
        return AnswerKind(kind).is_numeric
    except ValueError:
        return False


def _shuffle_choices(question: Question, rng: random.Random) -> Question:
    if isinstance(question, MultipleChoiceQuestion):
        if _numeric(question.answer_kind):
            return question
        return question.model_copy(update={"choices": _moved(question.choices, rng)})
    if isinstance(question, TimelineQuestion):
        return question.model_copy(update={"choices": _moved(question.choices, rng)})
    if isinstance(question, MatchingQuestion):
        columns = question.choices.model_copy(update={"answers": _moved(question.choices.answers, rng)})
        return question.model_copy(update={"choices": columns})
    return question


def _by_type(question: Question) -> str:
    return question.type.value


def make_version(
    questions: Sequence[Question],
    *,
    seed: int,
    version: int,
    group: Callable[[Question], str] = _by_type,
) -> list[Question]:
    """Version `version` (0 = as given) of `questions`, deterministic from `seed` and `version`.

    The result holds the same questions (same ids); within each group the order differs
    from the input, and the questions of a group take the positions the group had, so a
    list already sorted by group stays sorted by group.
    """
    if version < 0:
        raise ValueError(f"version must be 0 or more, not {version}")
    if version == 0:
        return list(questions)
    rng = random.Random(f"{seed}:{version}")
    keys = [group(q) for q in questions]
    reordered: dict[str, list[Question]] = {}
    for key in dict.fromkeys(keys):
        members = [q for q, k in zip(questions, keys, strict=True) if k == key]
        reordered[key] = _moved(members, rng)
    taken = dict.fromkeys(reordered, 0)
    result: list[Question] = []
    for key in keys:
        result.append(_shuffle_choices(reordered[key][taken[key]], rng))
        taken[key] += 1
    return result
