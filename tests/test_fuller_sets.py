"""A set that comes out short because its questions would give each other away tries other orders
and keeps the fullest; a set that is whole at once is the seed's own, exactly as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import RunCli
from rutw_quiz.deck.loader import read_deck_file
from rutw_quiz.deck.models import Deck
from rutw_quiz.questions import selection
from rutw_quiz.questions.selection import FULLER_SET_ATTEMPTS, QuestionOptions, generate_questions

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "decks" / "russia_taiwan.yaml"
DECKS = [BUNDLED, *sorted((REPO / "tests" / "data" / "decks").glob("*/*.yaml"))]


def deck_of(path: Path) -> Deck:
    return read_deck_file(path).deck


def sizes(deck: Deck, topic: str, attempts: int) -> set[int]:
    return {
        len(
            generate_questions(
                [deck], QuestionOptions(count=20, seed=seed, topics=(topic,), attempts=attempts)
            ).questions
        )
        for seed in range(1, 21)
    }


def test_a_topic_whose_statements_all_name_one_answer_gives_its_fullest_set_on_every_seed() -> None:
    """Every Tuapse statement names the tanker: asking its name first turned the rest away (seed 3
    made one question of seven facts)."""
    deck = deck_of(BUNDLED)
    assert min(sizes(deck, "tuapse", 1)) == 1
    assert sizes(deck, "tuapse", FULLER_SET_ATTEMPTS) == {6}


def test_a_student_asking_for_one_topic_gets_the_fuller_set(run_cli: RunCli) -> None:
    done = run_cli("questions", "-n", "20", "--seed", "3", "--topic", "tuapse", "--json", "--deck", BUNDLED)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 6
    assert "only 6 can be made from 7 matching facts" in done.stderr


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.parent.name)
def test_a_fuller_set_is_never_shorter_and_a_whole_set_is_the_seeds_own(path: Path) -> None:
    deck = deck_of(path)
    topics: list[tuple[str, ...]] = [(), *((t,) for t in sorted({t for f in deck.facts for t in f.topics}))]
    for topic in topics:
        for seed in range(1, 11):
            options = QuestionOptions(count=20, seed=seed, topics=topic, attempts=1)
            own = generate_questions([deck], options).questions
            fuller = generate_questions([deck], QuestionOptions(**{**vars(options), "attempts": 8})).questions
            assert len(fuller) >= len(own), (topic, seed)
            if len(own) == options.count:
                assert fuller == own, (topic, seed)


def test_a_set_over_more_facts_than_the_budget_is_not_tried_again(monkeypatch: pytest.MonkeyPatch) -> None:
    deck = deck_of(BUNDLED)
    monkeypatch.setattr(selection, "FULLER_SET_FACT_ORDERS", 6)  # tuapse has seven facts: no order more
    options = QuestionOptions(count=20, seed=3, topics=("tuapse",), attempts=FULLER_SET_ATTEMPTS)
    assert len(generate_questions([deck], options).questions) == 1


def test_the_grader_finds_the_true_false_questions_of_a_fuller_set(run_cli: RunCli) -> None:
    """`grade --seed` makes the set again to know which statements were shown false: it must make
    the fuller set the worksheet showed, not the seed's own order (here one question, no true/false)."""
    asked = ["-n", "20", "--seed", "8", "--topic", "missions", "--deck", BUNDLED]
    shown = run_cli("questions", *asked, "--json")
    assert shown.returncode == 0, shown.stderr
    statements = {q["id"]: q["answer"] for q in json.loads(shown.stdout) if q["type"] == "true_false"}
    question = "russia-taiwan-relations:moscow-office-opened:true_false"
    assert question in statements
    marked = run_cli("grade", *asked, question, "true" if statements[question] else "false")
    assert marked.returncode == 0, marked.stderr
    assert ": correct" in marked.stdout


def test_the_other_orders_plan_no_more_slots_than_a_set_could_fill(monkeypatch: pytest.MonkeyPatch) -> None:
    """-n 1000000 planned a million slots for every order tried (4.7 s to a topic quiz's first
    question); only the seed's own order plans what was asked for, as it always did."""
    planned: list[int] = []
    plan_types = selection.plan_types

    def counted(count: int, *args: object) -> object:
        planned.append(count)
        return plan_types(count, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(selection, "plan_types", counted)
    options = QuestionOptions(count=1_000_000, seed=3, topics=("tuapse",), attempts=FULLER_SET_ATTEMPTS)
    assert len(generate_questions([deck_of(BUNDLED)], options).questions) == 6
    assert planned[0] == 1_000_000
    assert len(planned) > 1 and max(planned[1:]) <= selection.FULLER_SET_FACT_ORDERS
