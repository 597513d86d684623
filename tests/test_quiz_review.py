"""Which questions `quiz --review` asks: the most overdue facts first, gaps filled from the next ones."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from rutw_quiz.deck import Deck, read_deck_file
from rutw_quiz.errors import SelectionError
from rutw_quiz.questions import Question, QuestionOptions, QuestionType
from rutw_quiz.quiz import ReviewPlan, plan_review, review_questions
from rutw_quiz.quiz.progress import CardState

MINI = Path(__file__).parent / "data" / "mini.yaml"
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def deck() -> Deck:
    return read_deck_file(MINI).deck


def overdue_plan(deck: Deck, most_overdue_first: list[str], new: tuple[str, ...] = ()) -> ReviewPlan:
    """Every fact of `most_overdue_first` due, the first one the longest ago."""
    due = {
        (deck.id, fact_id): NOW - dt.timedelta(hours=len(most_overdue_first) - i)
        for i, fact_id in enumerate(most_overdue_first)
    }
    return ReviewPlan(due, frozenset((deck.id, f) for f in new), {})


def asked(questions: list[Question]) -> list[list[str]]:
    return [list(q.fact_ids) for q in questions]


def test_with_one_fact_per_question_exactly_the_most_overdue_facts_are_asked_in_that_order(
    deck: Deck,
) -> None:
    ranked = [f.id for f in reversed(deck.facts)]
    ranked = ranked[5:] + ranked[:5]  # unlike the deck's order
    plan = overdue_plan(deck, ranked)
    for qtype in (QuestionType.SHORT_ANSWER, QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE):
        for seed in range(1, 16):
            for count in (1, 3, 5, 12):
                options = QuestionOptions(count=count, seed=seed, types=(qtype,))
                got = [ids[0] for ids in asked(review_questions([deck], plan, options))]
                # Most overdue first; a fact whose answer another question names waits for a later quiz.
                assert got[0] == ranked[0] and got == sorted(got, key=ranked.index)
                assert len(got) == min(count, len(ranked)) or count == 12


def test_with_every_type_the_most_overdue_fact_comes_first(deck: Deck) -> None:
    ranked = ["rosetta", "iau", "closest-planet", *[f.id for f in deck.facts][3:]]
    ranked = list(dict.fromkeys(ranked))
    plan = overdue_plan(deck, ranked)
    for seed in range(1, 31):
        questions = review_questions([deck], plan, QuestionOptions(count=4, seed=seed))
        assert len(questions) == 4
        assert "rosetta" in questions[0].fact_ids
        first_ranks = [min(ranked.index(f) for f in q.fact_ids) for q in questions]
        assert first_ranks == sorted(first_ranks)


def test_a_timeline_review_groups_the_most_overdue_dated_facts_across_undated_ones(deck: Deck) -> None:
    """The four most overdue facts hold two dates: the next ones complete the timeline."""
    ranked = [
        "closest-planet",
        "neptune-discovery",
        "largest-planet",
        "galilean-moons",
        "ringed-planet",
        "pluto-reclassified",
        "neptune-discoverer",
        "gagarin",
        "iau",
        "armstrong",
        "mars-moons",
        "rosetta",
        "nasa",
    ]
    plan = overdue_plan(deck, ranked)
    questions = review_questions(
        [deck], plan, QuestionOptions(count=1, seed=1, types=(QuestionType.TIMELINE,))
    )
    assert [sorted(ids) for ids in asked(questions)] == [
        sorted(["neptune-discovery", "galilean-moons", "pluto-reclassified", "gagarin"])
    ]


def test_new_facts_fill_the_review_after_the_due_ones(deck: Deck) -> None:
    plan = overdue_plan(deck, ["gagarin", "nasa"], new=("iau", "mars-moons", "rosetta"))
    options = QuestionOptions(count=4, seed=2, types=(QuestionType.SHORT_ANSWER,))
    ids = asked(review_questions([deck], plan, options))
    assert ids[:2] == [["gagarin"], ["nasa"]]
    assert len(ids) == 4
    assert {f for (f,) in ids[2:]} < {"iau", "mars-moons", "rosetta"}


def test_filters_apply_to_due_facts_and_nothing_left_is_an_empty_review(deck: Deck) -> None:
    plan = overdue_plan(deck, ["gagarin", "closest-planet", "nasa"])
    options = QuestionOptions(count=3, seed=1, types=(QuestionType.SHORT_ANSWER,), topics=("planets",))
    assert asked(review_questions([deck], plan, options)) == [["closest-planet"]]
    assert review_questions([deck], overdue_plan(deck, []), options) == []


def test_a_review_of_one_topic_says_when_that_topic_comes_back(deck: Deck) -> None:
    """With nothing of 'spaceflight' due, the next review named a 'planets' fact due within the hour;
    the next spaceflight fact was months away."""
    soon = next(f for f in deck.facts if f.topics == ["planets"])
    later = [f for f in deck.facts if "spaceflight" in f.topics]
    when = {(deck.id, soon.id): NOW + dt.timedelta(minutes=59)}
    when |= {(deck.id, f.id): NOW + dt.timedelta(days=90 + i) for i, f in enumerate(later)}
    plan = plan_review(
        [deck],
        {deck.id: {f: CardState(fact_id=f, due=due, answers=2, correct=2) for (_, f), due in when.items()}},
        NOW,
    )
    assert plan.next_due_among([deck], QuestionOptions()) == NOW + dt.timedelta(minutes=59)
    assert plan.next_due_among([deck], QuestionOptions(topics=("spaceflight",))) == NOW + dt.timedelta(
        days=90
    )


def test_a_topic_no_fact_has_is_the_engines_error_naming_the_topics(deck: Deck) -> None:
    plan = overdue_plan(deck, ["gagarin"])
    with pytest.raises(SelectionError, match=r"no fact matches topic zzz \(topics: discovery, planets"):
        review_questions([deck], plan, QuestionOptions(count=3, topics=("zzz",)))


@pytest.mark.parametrize(
    ("delay", "text"),
    [
        (dt.timedelta(minutes=10), "in 10 min (today 09:10)"),
        (dt.timedelta(hours=3), "in 3 h (today 12:00)"),
        (dt.timedelta(days=1), "tomorrow at 09:00"),
        (dt.timedelta(days=4), "in 4 days (5 Jun 09:00)"),
    ],
)
def test_the_next_review_names_its_day_once(
    delay: dt.timedelta, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Next review tomorrow (tomorrow 09:00)' said the day twice."""
    from rutw_quiz.quiz.stats import next_review_text

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        now = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
        assert next_review_text(now + delay, now) == text
    finally:
        monkeypatch.undo()
        time.tzset()


@pytest.mark.parametrize(
    ("delay", "text"),
    [
        (dt.timedelta(seconds=50), "in 1 min"),
        (dt.timedelta(minutes=10), "in 10 min"),
        (dt.timedelta(days=1), "tomorrow"),
        (dt.timedelta(days=4), "in 4 days"),
        (dt.timedelta(days=90), "in 3 months"),
        (dt.timedelta(days=400), "in 1 year"),
        (dt.timedelta(minutes=59, seconds=45), "in 1 h"),
        (dt.timedelta(days=364), "in 1 year"),
    ],
)
def test_intervals_read_as_anki_shows_them(delay: dt.timedelta, text: str) -> None:
    from rutw_quiz.quiz.scheduling import interval_text

    now = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
    assert interval_text(now + delay, now) == text
