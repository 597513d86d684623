"""Grading answers collected anywhere: a question id and the text a student gave.

`ResponseGrader` resolves ids as `questions --json` prints them (`deck:fact:type`) and
grades with the deck's `AnswerKey`, the same grader the quiz uses. The deck's indexes are built
once, each question once, and each (question, answer) pair is graded once: a class's answers
repeat. Marking a whole CSV is `marking.py`'s. No terminal here: the CLI prints what these return.
"""

from __future__ import annotations

import difflib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from rutw_quiz.deck.models import Deck, Fact
from rutw_quiz.errors import RutwQuizError
from rutw_quiz.grading.forms import grading_words
from rutw_quiz.grading.key import AnswerKey
from rutw_quiz.grading.verdict import Grade, Outcome, single
from rutw_quiz.questions import builders
from rutw_quiz.questions.cloze import blank_out
from rutw_quiz.questions.distractors import AnswerIndex
from rutw_quiz.questions.models import (
    FillInQuestion,
    MultipleChoiceQuestion,
    Question,
    QuestionType,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.questions.selection import QuestionOptions, generate_questions
from rutw_quiz.text import normalize_typed

GRADED_TYPES = (
    QuestionType.SHORT_ANSWER,
    QuestionType.FILL_IN,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.TRUE_FALSE,
)
SUGGESTED_IDS = 5
"""Unknown ids that get a 'did you mean' (worked out once each); later ones are only named."""
MEMO_SIZE = 1 << 14
"""Answer-and-question pairs whose grade is kept for when they come again (a class types the same
answers): a class's CSV repeats within far fewer, and the memory stays flat in the rows (at 2^17,
100,000 rows of a 10,000-fact deck took 20 MB more and ran no faster)."""
_TRUE = frozenset({"t", "true", "y", "yes"})
_FALSE = frozenset({"f", "false", "n", "no"})


class GradingError(RutwQuizError):
    """A question id or an answer that cannot be graded; the message says why and what would do."""


@dataclass(frozen=True)
class GradedAnswer:
    """One answer and its grade."""

    question_id: str
    answer: str
    grade: Grade

    def as_json(self) -> dict[str, object]:
        """The fields `grade --json` prints."""
        return {
            "question_id": self.question_id,
            "answer": self.answer,
            "outcome": self.grade.label,
            "score": self.grade.score,
            "expected": self.grade.expected,
            "reason": self.grade.reason,
        }


class ResponseGrader:
    """Resolve question ids of some decks and grade answers to them."""

    def __init__(self, decks: Sequence[Deck], *, asked_with: QuestionOptions | None = None) -> None:
        """`asked_with`: the options of the quiz or worksheet (its seed decides true/false statements)."""
        self.decks = {d.id: d for d in decks}
        self.key = AnswerKey.of(decks)
        self.asked_with = asked_with
        self._ids: dict[str, tuple[Deck, str, QuestionType]] = {}
        self._questions: dict[str, Question] = {}
        self._unknown: dict[str, GradingError] = {}
        self._contexts: dict[str, builders.DeckContext] = {}
        self._facts = {(d.id, f.id): f for d in decks for f in d.facts}
        self._true_false: dict[str, Question] | None = None
        self._memo: dict[tuple[str, str], Grade] = {}
        self._eligible: dict[str, bool] = {}
        for deck in decks:
            for fact in deck.facts:
                for qtype in QuestionType:
                    if qtype.fact_count == 1:
                        self._ids[f"{deck.id}:{fact.id}:{qtype.value}"] = (deck, fact.id, qtype)

    def question(self, question_id: str) -> Question:
        """The question with this id; GradingError for an unknown id or one that cannot be graded
        (each unknown id's error is worked out once)."""
        if question_id in self._questions:
            return self._questions[question_id]
        known = self._unknown.get(question_id)
        if known is not None:
            raise known
        try:
            question = self._resolve(question_id)
        except GradingError as error:
            self._unknown[question_id] = error
            raise
        self._questions[question_id] = question
        return question

    def _resolve(self, question_id: str) -> Question:
        found = self._ids.get(question_id)
        qtype_text = question_id.rpartition(":")[2]
        if found is None and qtype_text in (QuestionType.TIMELINE.value, QuestionType.MATCHING.value):
            raise GradingError(
                f"'{question_id}' is a {qtype_text} question; grade takes short_answer, fill_in, "
                "multiple_choice and true_false ids"
            )
        if found is None:
            close: list[str] = []
            if len(self._unknown) < SUGGESTED_IDS and len(question_id) <= 200:
                close = difflib.get_close_matches(question_id, list(self._ids), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else "; see `rutw-quiz questions --json`"
            raise GradingError(f"unknown question id '{question_id}'{hint}")
        deck, fact_id, qtype = found
        if qtype not in GRADED_TYPES:
            raise GradingError(
                f"'{question_id}' is a {qtype.value} question; grade takes short_answer, fill_in, "
                "multiple_choice and true_false ids"
            )
        return self._build(deck, fact_id, qtype, question_id)

    def _without_question(self, question_id: str, answer: str) -> Grade | None:
        """A typed answer graded by its fact's key, and a choice given as text, without building the
        question: a class's CSV costs no question engine."""
        found = self._ids.get(question_id)
        if found is None or question_id in self._questions:
            return None
        deck, fact_id, qtype = found
        fact = self._facts[(deck.id, fact_id)]
        if qtype in (QuestionType.SHORT_ANSWER, QuestionType.FILL_IN):
            eligible = self._eligible.get(question_id)
            if eligible is None:
                eligible = self._eligible[question_id] = _typed_eligible(fact, qtype)
            return self.key.for_fact(deck.id, fact_id).grade(answer) if eligible else None
        if qtype is QuestionType.MULTIPLE_CHOICE and fact.prompt is not None:
            return self._choice_text(deck, fact, answer)
        return None

    def _choice_text(self, deck: Deck, fact: Fact, answer: str) -> Grade:
        """A multiple-choice answer given as text. The choices a student saw depend on the seed of
        the quiz or worksheet, so a wrong text is 'another choice' when it could have been one: a
        wrong choice of the fact, or another answer of the deck."""
        typed = normalize_typed(answer)
        if typed == normalize_typed(fact.answer):
            return single(fact.id, Outcome.CORRECT, fact.answer, "correct")
        index = self.key.index(deck.id)
        others = index.exact.get(grading_words(answer), []) if index is not None else []
        if any(typed == normalize_typed(d) for d in fact.distractors) or any(
            index is not None and index.refusals[i][0] != fact.id for i in others
        ):
            return single(fact.id, Outcome.WRONG, fact.answer, "wrong: another choice")
        return single(fact.id, Outcome.WRONG, fact.answer, "wrong: not the right choice's text")

    def _build(self, deck: Deck, fact_id: str, qtype: QuestionType, question_id: str) -> Question:
        if qtype is QuestionType.TRUE_FALSE:
            return self._true_false_question(deck, question_id)
        fact = self._facts[(deck.id, fact_id)]
        ctx = self._contexts.get(deck.id)
        if ctx is None:
            ctx = self._contexts[deck.id] = builders.DeckContext(deck, AnswerIndex.of(deck))
        rng = random.Random(0)
        built: Question | None
        if qtype is QuestionType.SHORT_ANSWER:
            built = builders.short_answer(ctx, fact, rng, to_mark=True)
        elif qtype is QuestionType.FILL_IN:
            built = builders.fill_in(ctx, fact, rng, to_mark=True)
        else:
            built = builders.multiple_choice(ctx, fact, rng)
        if built is None:
            raise GradingError(f"'{question_id}': the deck makes no {qtype.value} question of this fact")
        return built

    def _true_false_question(self, deck: Deck, question_id: str) -> Question:
        if self.asked_with is None:
            raise GradingError(
                f"'{question_id}' is a true_false question: give the --seed (and -n, --type, ...) of the "
                "quiz or worksheet, which decide whether the statement shown was true or false"
            )
        if self._true_false is None:
            made = generate_questions(list(self.decks.values()), self.asked_with).questions
            self._true_false = {q.id: q for q in made if isinstance(q, TrueFalseQuestion)}
        question = self._true_false.get(question_id)
        if question is None:
            raise GradingError(
                f"'{question_id}' is not among the true/false questions of seed {self.asked_with.seed} "
                "with these options"
            )
        return question

    def grade(self, question_id: str, answer: str) -> GradedAnswer:
        """Grade one answer to the question with this id (a pair seen before is not graded again)."""
        return GradedAnswer(question_id, answer, self.grade_answer(question_id, answer))

    def grade_answer(self, question_id: str, answer: str) -> Grade:
        """The grade alone: a pair seen before gets the same `Grade` object, not graded again."""
        grade = self._memo.get((question_id, answer))
        if grade is None:
            grade = self._grade(question_id, answer)
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[(question_id, answer)] = grade
        return grade

    def _grade(self, question_id: str, answer: str) -> Grade:
        quick = self._without_question(question_id, answer)
        if quick is not None:
            return quick
        question = self.question(question_id)
        if isinstance(question, FillInQuestion | ShortAnswerQuestion):
            grade = self.key.grade(question, answer)
        elif isinstance(question, MultipleChoiceQuestion):
            grade = _grade_choice_text(question, answer)
        elif isinstance(question, TrueFalseQuestion):
            grade = _grade_truth(question, answer)
        else:  # pragma: no cover - question() refuses the other types
            raise GradingError(f"'{question_id}' cannot be graded")
        return grade


def _typed_eligible(fact: Fact, qtype: QuestionType) -> bool:
    """Whether the engine makes a typed question of this type from the fact (as `builders` decides)."""
    if not builders.typeable(fact):
        return False
    if qtype is QuestionType.SHORT_ANSWER:
        return fact.prompt is not None
    return blank_out(fact) is not None


def _grade_choice_text(question: MultipleChoiceQuestion, answer: str) -> Grade:
    typed = normalize_typed(answer)
    if typed == normalize_typed(question.answer):
        return single(question.fact_id, Outcome.CORRECT, question.answer, "correct")
    if any(typed == normalize_typed(c) for c in question.choices):
        return single(question.fact_id, Outcome.WRONG, question.answer, "wrong: another choice")
    return single(question.fact_id, Outcome.WRONG, question.answer, "wrong: not the right choice's text")


def _grade_truth(question: TrueFalseQuestion, answer: str) -> Grade:
    key = answer.strip().casefold()
    if key not in _TRUE | _FALSE:
        shown = answer if len(answer) <= 40 else answer[:40] + "…"
        raise GradingError(f"'{shown}' is not an answer to a true/false question; use t, f, true or false")
    expected = "True" if question.answer else "False"
    right = (key in _TRUE) is question.answer
    return single(
        question.fact_id,
        Outcome.CORRECT if right else Outcome.WRONG,
        expected,
        "correct" if right else f"wrong: the statement is {expected.lower()}",
    )
