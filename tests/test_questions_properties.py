"""Properties of the question engine over many seeds and generated valid decks (hypothesis).

Each test states one promise of the engine: exactly one right choice, distractors of the
answer's kind that are never the answer, no answer in its own prompt, one fact per
question, determinism, half-and-half true/false, well-ordered timelines, correct matching.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from question_audit import audit_set
from rutw_quiz.deck.checks import YEAR_RANGE
from rutw_quiz.deck.dates import parse_partial_date
from rutw_quiz.deck.loader import read_deck_file
from rutw_quiz.deck.models import AnswerKind, Deck, Fact
from rutw_quiz.deck.numbers import read_figure
from rutw_quiz.errors import SelectionError
from rutw_quiz.questions import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    QuestionOptions,
    QuestionSet,
    QuestionType,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
    generate_questions,
    questions_to_json,
)
from rutw_quiz.questions.builders import TYPED_MAX_WORDS, clearly_ordered, explanation
from rutw_quiz.questions.cloze import blank_out, indefinite_article
from rutw_quiz.questions.distractors import answer_key
from rutw_quiz.text import contains_phrase, normalize_answer, word_count
from strategies import valid_decks

MINI = read_deck_file(Path(__file__).parent / "data" / "mini.yaml").deck
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
seeds = st.integers(min_value=0, max_value=2**32)
type_lists = st.lists(st.sampled_from(list(QuestionType)), max_size=3, unique=True)


def _facts(deck: Deck) -> dict[str, Fact]:
    return {f.id: f for f in deck.facts}


def _fact_ids(question: Question) -> list[str]:
    return list(question.fact_ids)


def _keys(fact: Fact) -> set[str]:
    return {answer_key(fact.kind, a) for a in fact.accepted}


def _is_of_kind(fact: Fact, deck: Deck, value: str) -> bool:
    """A distractor is of the answer's kind: a year/date/number by parsing, else a same-kind answer or own distractor."""
    if fact.kind is AnswerKind.YEAR:
        return bool(re.fullmatch(r"\d{1,4}", value)) and int(value) in YEAR_RANGE
    if fact.kind is AnswerKind.NUMBER:
        return read_figure(value) is not None
    if fact.kind is AnswerKind.DATE:
        mine, theirs = parse_partial_date(fact.answer), parse_partial_date(value)
        return (bool(mine.month), bool(mine.day)) == (bool(theirs.month), bool(theirs.day))
    same_kind = {normalize_answer(f.answer) for f in deck.facts if f.kind is fact.kind}
    own = {normalize_answer(d) for d in fact.distractors}
    return normalize_answer(value) in same_kind | own


def _also_true(fact: Fact, deck: Deck) -> set[str]:
    """Answers of other facts of the kind that ask the same question (same prompt, or same statement frame)."""

    def frame(f: Fact) -> str:
        return normalize_answer(f.statement.replace(f.answer, "_____"))

    return {
        answer_key(fact.kind, a)
        for other in deck.facts
        if other.kind is fact.kind
        and other.id != fact.id
        and (
            frame(other) == frame(fact)
            or (
                other.prompt is not None
                and normalize_answer(other.prompt) == normalize_answer(fact.prompt or "")
            )
        )
        for a in other.accepted
    }


def _check_multiple_choice(q: MultipleChoiceQuestion, fact: Fact, deck: Deck, choices: int) -> None:
    assert 3 <= len(q.choices) <= choices
    right = [c for c in q.choices if answer_key(fact.kind, c) in _keys(fact)]
    assert right == [fact.answer], f"exactly one right choice expected: {q.choices}"
    assert q.choices.count(q.answer) == 1
    assert len({answer_key(fact.kind, c) for c in q.choices}) == len(q.choices), "duplicate choices"
    for wrong in (c for c in q.choices if c != q.answer):
        assert _is_of_kind(fact, deck, wrong), f"{wrong!r} is not a {fact.kind.value}"
        if fact.kind is AnswerKind.YEAR and wrong not in fact.distractors:
            latest = max([f.when.year for f in deck.facts if f.when is not None] + [int(fact.answer)])
            assert int(wrong) <= latest, wrong
        assert normalize_answer(wrong) not in {normalize_answer(a) for a in fact.accepted}
        assert answer_key(fact.kind, wrong) not in _also_true(fact, deck), f"{wrong!r} is also a true answer"
    for accepted in fact.accepted:
        assert not contains_phrase(q.prompt, accepted)
        assert sum(contains_phrase(c, accepted) for c in q.choices) <= 1, f"{accepted!r} in two choices"


def _check_true_false(q: TrueFalseQuestion, fact: Fact, deck: Deck) -> None:
    assert q.explanation == explanation(fact)
    assert q.explanation.startswith(fact.statement)
    if q.answer:
        assert q.prompt == fact.statement and q.swapped is None
        return
    assert q.swapped is not None
    assert q.prompt != fact.statement
    assert answer_key(fact.kind, q.swapped) not in _keys(fact)
    assert _is_of_kind(fact, deck, q.swapped)
    assert answer_key(fact.kind, q.swapped) not in _also_true(fact, deck), f"{q.swapped!r} makes it true"
    whole = rf"(?<!\w){re.escape(fact.answer)}(?!\w)"
    swapped = re.sub(whole, lambda _: q.swapped or "", fact.statement)

    def articles(text: str) -> str:  # 'a'/'an' may be fixed to agree with the swapped value
        return re.sub(r"(?<!\w)[Aa]n? ", "a ", text)

    assert articles(swapped) == articles(q.prompt)
    authored = re.search(rf"(?<!\w)([Aa]n?) {re.escape(fact.answer)}(?!\w)", fact.statement)
    if authored and authored[1].lower() == indefinite_article(fact.answer):
        shown = re.search(rf"(?<!\w)([Aa]n?) {re.escape(q.swapped)}(?!\w)", q.prompt)
        assert shown and shown[1].lower() == indefinite_article(q.swapped), q.prompt


def _check_typed(q: FillInQuestion | ShortAnswerQuestion, fact: Fact) -> None:
    assert q.answer == fact.answer and q.accepted == fact.aliases
    assert min(word_count(a) for a in fact.accepted) <= TYPED_MAX_WORDS
    for accepted in fact.accepted:
        assert not contains_phrase(q.prompt, accepted), f"{accepted!r} gives itself away in {q.prompt!r}"
    if isinstance(q, FillInQuestion):
        assert "_____" in q.prompt
        assert not re.search(r"\w_____|_____\w", q.prompt), f"blank inside a word: {q.prompt!r}"
        assert not re.search(r"(?i)\ban? _____", q.prompt), f"article gives the blank away: {q.prompt!r}"
    else:
        assert q.prompt == fact.prompt


def _check_timeline(q: TimelineQuestion, facts: dict[str, Fact]) -> None:
    members = [facts[i] for i in q.fact_ids]
    assert len(set(q.fact_ids)) == 4 and len(q.answer) == 4
    dates = [f.when for f in members]
    assert all(d is not None for d in dates)
    for i, a in enumerate(dates):
        for b in dates[i + 1 :]:
            assert a is not None and b is not None and clearly_ordered(a, b)
    assert dates == sorted(dates), "answer is not chronological"  # type: ignore[type-var]
    assert sorted(q.choices) == sorted(q.answer) and len(set(q.choices)) == 4
    assert q.choices != q.answer, "events shown already in order"
    assert q.dates == [str(d) for d in dates]
    for label, fact in zip(q.answer, members, strict=True):
        assert fact.when is not None and str(fact.when.year) not in label, "label reveals its year"


def _check_matching(q: MatchingQuestion, facts: dict[str, Fact]) -> None:
    members = [facts[i] for i in q.fact_ids]
    assert len({answer_key(f.kind, f.answer) for f in members}) == 4
    assert [p.answer for p in q.answer] == [f.answer for f in members]
    assert [p.statement for p in q.answer] == q.choices.statements
    assert sorted(q.choices.answers) == sorted(f.answer for f in members)
    for pair, fact in zip(q.answer, members, strict=True):
        assert pair.statement == blank_out(fact)
        for other in members:
            for accepted in other.accepted:
                assert not contains_phrase(pair.statement, accepted), f"{accepted!r} in {pair.statement!r}"


def check_question(q: Question, deck: Deck, choices: int = 4) -> None:
    """Every promise a single question must keep."""
    facts = _facts(deck)
    assert q.id.startswith(f"{deck.id}:") and q.id.endswith(f":{q.type.value}")
    if isinstance(q, MultipleChoiceQuestion):
        _check_multiple_choice(q, facts[q.fact_id], deck, choices)
    elif isinstance(q, TrueFalseQuestion):
        _check_true_false(q, facts[q.fact_id], deck)
    elif isinstance(q, FillInQuestion | ShortAnswerQuestion):
        _check_typed(q, facts[q.fact_id])
    elif isinstance(q, TimelineQuestion):
        _check_timeline(q, facts)
    else:
        _check_matching(q, facts)


def check_set(questions: list[Question], deck: Deck, choices: int = 4) -> None:
    """Every question's promises, no fact asked twice, and nothing the audit of a teacher's rules finds."""
    used = Counter(i for q in questions for i in _fact_ids(q))
    assert all(n == 1 for n in used.values()), f"facts used twice: {[i for i, n in used.items() if n > 1]}"
    for q in questions:
        check_question(q, deck, choices)
    assert audit_set(questions, [deck], choices) == []


def _generate_or_explain(deck: Deck, options: QuestionOptions) -> QuestionSet | None:
    """The questions, or None when the requested types cannot be made from this deck (said clearly)."""
    try:
        result = generate_questions([deck], options)
    except SelectionError as error:
        # Only a type filter can leave nothing.
        assert options.types
        assert str(error).startswith("no ") and "question can be made" in str(error)
        return None
    assert result.questions
    return result


@SETTINGS
@given(deck=valid_decks(), seed=seeds, types=type_lists, choices=st.integers(3, 6))
def test_generated_decks_give_questions_that_keep_every_promise(
    deck: Deck, seed: int, types: list[QuestionType], choices: int
) -> None:
    """One right choice, same-kind distractors, no answer in a prompt, distinct facts, good timelines/matching."""
    options = QuestionOptions(count=8, seed=seed, types=tuple(types), choices=choices)
    result = _generate_or_explain(deck, options)
    if result is not None:
        check_set(result.questions, deck, choices)


@SETTINGS
@given(seed=seeds, types=type_lists, count=st.integers(1, 13), choices=st.integers(3, 6))
def test_mini_deck_questions_keep_every_promise_for_any_seed(
    seed: int, types: list[QuestionType], count: int, choices: int
) -> None:
    result = generate_questions(
        [MINI], QuestionOptions(count=count, seed=seed, types=tuple(types), choices=choices)
    )
    check_set(result.questions, MINI, choices)


@SETTINGS
@given(deck=valid_decks(), seed=seeds, types=type_lists)
def test_same_deck_options_and_seed_give_byte_identical_json(
    deck: Deck, seed: int, types: list[QuestionType]
) -> None:
    options = QuestionOptions(count=10, seed=seed, types=tuple(types))
    again = Deck.model_validate(deck.model_dump())  # an equal deck, not the same objects
    first = _generate_or_explain(deck, options)
    if first is not None:
        second = generate_questions([again], options)
        assert questions_to_json(first.questions) == questions_to_json(second.questions)
        assert first.notices == second.notices


@SETTINGS
@given(deck=valid_decks(min_facts=12, max_facts=24), seed=seeds, count=st.integers(1, 3))
def test_n_questions_use_n_distinct_facts_when_the_deck_has_enough(deck: Deck, seed: int, count: int) -> None:
    """With at least 4 facts per question (timeline and matching use 4), every slot is filled."""
    result = generate_questions([deck], QuestionOptions(count=count, seed=seed))
    assert len(result.questions) == count
    assert not any(n.startswith("asked for") for n in result.notices)
    used = [i for q in result.questions for i in _fact_ids(q)]
    assert len(used) == len(set(used))


@SETTINGS
@given(deck=valid_decks(min_facts=10), seed=seeds)
def test_true_false_questions_are_about_half_true(deck: Deck, seed: int) -> None:
    count = len(deck.facts)
    try:
        questions = generate_questions(
            [deck], QuestionOptions(count=count, seed=seed, types=(QuestionType.TRUE_FALSE,))
        )
    except SelectionError:
        return  # no fact of this deck has a clearly false version
    truths = [q.answer for q in questions.questions if isinstance(q, TrueFalseQuestion)]
    assert len(truths) == len(questions.questions)
    if len(truths) == count:  # a set cut short (every fact given away by another) may end unevenly
        assert abs(truths.count(True) - truths.count(False)) <= 1


def test_true_false_over_a_large_deck_is_half_true() -> None:
    """Over 150 questions from the synthetic deck (its figures: its names have no distractors of
    their own, so no false version), true and false differ by at most one."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from synthetic import synthetic_deck  # type: ignore[import-not-found]

    deck = synthetic_deck(400)
    for seed in (1, 2, 3):
        result = generate_questions(
            [deck], QuestionOptions(count=150, seed=seed, types=(QuestionType.TRUE_FALSE,))
        )
        truths = Counter(q.answer for q in result.questions if isinstance(q, TrueFalseQuestion))
        assert truths[True] + truths[False] == 150
        assert abs(truths[True] - truths[False]) <= 1
