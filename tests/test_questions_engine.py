"""The question engine, type by type and as a selection: what a teacher would notice in its output."""

from __future__ import annotations

import calendar
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from rutw_quiz.deck.dates import parse_partial_date
from rutw_quiz.deck.loader import read_deck_file
from rutw_quiz.deck.models import Deck, Fact
from rutw_quiz.errors import SelectionError
from rutw_quiz.questions import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    QuestionOptions,
    QuestionType,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
    builders,
    generate_questions,
    questions_to_json,
)
from rutw_quiz.questions.builders import DeckContext
from rutw_quiz.questions.cloze import blank_out, indefinite_article, swap_answer
from rutw_quiz.questions.distractors import AnswerIndex, pick_distractors

MINI = read_deck_file(Path(__file__).parent / "data" / "mini.yaml").deck
CTX = DeckContext(MINI, AnswerIndex.of(MINI))
FACTS = {f.id: f for f in MINI.facts}


def fact(**fields: Any) -> Fact:
    """A fact with sensible defaults for the fields a test does not care about."""
    record: dict[str, Any] = {
        "id": "f",
        "kind": "person",
        "category": "signatory",
        "topics": ["t"],
        "difficulty": 1,
        "source": {"id": "solar", "section": "Main", "quote": "q"},
    }
    record.update(fields)
    return Fact.model_validate(record)


def later_event(year: int = 2030) -> Fact:
    """A fact dated after the others, so made-up years and dates have room after the answer."""
    return fact(id="later", statement="Anna Petrova left.", answer="Anna Petrova", year=year)


def deck_with(*facts: Fact) -> Deck:
    data = MINI.model_dump()
    data["facts"] = [f.model_dump() for f in facts]
    data["topics"] = {"t": "T", **data["topics"]}
    return Deck.model_validate(data)


# --- one builder per type ------------------------------------------------------------------------


def test_multiple_choice_asks_in_words_with_four_same_category_choices() -> None:
    question = builders.multiple_choice(CTX, FACTS["closest-planet"], random.Random(1))
    assert isinstance(question, MultipleChoiceQuestion)
    assert question.prompt == "Which planet is closest to the Sun?"
    assert "_____" not in question.prompt
    assert len(question.choices) == 4 and len(set(question.choices)) == 4
    assert question.answer == "Mercury" and question.choices[question.answer_index] == "Mercury"
    places = {f.answer for f in MINI.facts if f.category == "planet"} | {"Venus", "Mars", "Earth"}
    assert set(question.choices) <= places
    assert question.id == "solar-mini:closest-planet:multiple_choice"


def test_multiple_choice_draws_on_own_distractors_and_varies_where_the_key_falls_by_length() -> None:
    """'Mercury' is longer than all its own distractors: with same-category answers beside them,
    it is sometimes the longest choice and sometimes not, so length gives nothing away."""
    own = set(FACTS["closest-planet"].distractors)
    ranks = Counter()
    for seed in range(40):
        question = builders.multiple_choice(CTX, FACTS["closest-planet"], random.Random(seed))
        assert question is not None
        assert own & set(question.choices)
        ranks[sorted(question.choices, key=len).index("Mercury")] += 1
    assert len(ranks) >= 2 and max(ranks.values()) < 30


@pytest.mark.parametrize("choices", [3, 4, 5, 6])
def test_multiple_choice_gives_the_number_of_choices_asked(choices: int) -> None:
    """Mercury has five wrong answers of its category; 1846 may get fewer made-up years when no
    set of that many leaves every year as much alike the others as the rest (see made_up)."""
    question = builders.multiple_choice(CTX, FACTS["closest-planet"], random.Random(0), choices)
    assert question is not None and len(question.choices) == choices
    year = builders.multiple_choice(CTX, FACTS["neptune-discovery"], random.Random(0), choices)
    assert year is not None and 3 <= len(year.choices) <= choices
    assert choices > 4 or len(year.choices) == choices


def test_year_choices_are_nearby_years_in_ascending_order() -> None:
    question = builders.multiple_choice(CTX, FACTS["neptune-discovery"], random.Random(4))
    assert question is not None
    years = [int(c) for c in question.choices]
    assert years == sorted(years) and len(set(years)) == 4 and 1846 in years
    assert all(abs(y - 1846) <= 12 for y in years)


def test_date_choices_are_dates_of_the_same_precision_and_style() -> None:
    deck = deck_with(FACTS["pluto-reclassified"], later_event())
    question = builders.multiple_choice(
        DeckContext(deck, AnswerIndex.of(deck)), FACTS["pluto-reclassified"], random.Random(4)
    )
    assert question is not None
    for choice in question.choices:
        day, month, year = choice.split()
        assert day.isdigit() and month.isalpha() and year.isdigit()
    iso = fact(
        kind="date",
        statement="The office opened on 1992-09-15.",
        answer="1992-09-15",
        prompt="When did the office open?",
    )
    made = pick_distractors(iso, AnswerIndex.of(deck_with(iso, later_event())), 3, random.Random(0))
    assert len(made) == 3 and all(len(d) == 10 and d[4] == "-" for d in made)
    us = fact(
        kind="date", statement="It opened on September 15, 1992.", answer="September 15, 1992", prompt="When?"
    )
    made = pick_distractors(us, AnswerIndex.of(deck_with(us, later_event())), 3, random.Random(0))
    months = tuple(calendar.month_name[1:])
    assert made and all(d.startswith(months) and re.fullmatch(r"[A-Za-z]+ \d{1,2}, \d{4}", d) for d in made)


def test_number_distractors_keep_the_thousands_separator_style() -> None:
    n = fact(kind="number", statement="It had 27,000 members.", answer="27,000", prompt="How many members?")
    made = pick_distractors(n, AnswerIndex.of(deck_with(n)), 3, random.Random(0))
    assert len(made) == 3 and all("," in d and d != "27,000" for d in made)


def test_deck_years_far_from_the_answer_are_not_used_as_distractors() -> None:
    """A year of 1896 is no distractor for an event of 2011: nearby years are made instead."""
    old = [
        fact(
            id=f"y{y}",
            kind="year",
            statement=f"The port opened in {y}.",
            answer=str(y),
            year=y,
            prompt="When?",
        )
        for y in (1896, 1905, 1954)
    ]
    new = fact(
        id="new",
        kind="year",
        statement="The treaty was renewed in 2011.",
        answer="2011",
        prompt="When was it renewed?",
    )
    deck = deck_with(*old, new, later_event())
    for seed in range(20):
        question = builders.multiple_choice(DeckContext(deck, AnswerIndex.of(deck)), new, random.Random(seed))
        assert question is not None
        assert all(abs(int(c) - 2011) <= 12 for c in question.choices), question.choices


def test_made_up_years_and_dates_never_pass_the_decks_latest_year() -> None:
    recent = fact(kind="year", statement="It was renewed in 2024.", answer="2024", prompt="When?", year=2024)
    date = fact(
        id="d",
        kind="date",
        statement="It opened on 7 November 2025.",
        answer="7 November 2025",
        prompt="When?",
    )
    deck = deck_with(recent, date)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    for seed in range(20):
        # 2024 in a deck ending in 2025 has no room for three later years: a made-up set would always
        # put it near the top, so it is not asked as multiple choice; a false statement still is.
        assert builders.multiple_choice(ctx, recent, random.Random(seed)) is None
        year_tf = builders.true_false(ctx, recent, random.Random(seed), truth=False)
        assert year_tf is not None and year_tf.swapped is not None and int(year_tf.swapped) <= 2025
        assert builders.multiple_choice(ctx, date, random.Random(seed)) is None  # the deck's last date
        date_tf = builders.true_false(ctx, date, random.Random(seed), truth=False)
        assert date_tf is not None and date_tf.swapped is not None
        assert parse_partial_date(date_tf.swapped) <= parse_partial_date("7 November 2025")


def test_made_up_dates_never_pass_the_decks_latest_date_within_its_last_year() -> None:
    """A deck whose last event is in January 2026 offers no 'November 2026' as a wrong date."""
    remark = fact(
        id="remark",
        kind="date",
        statement="She spoke on 7 November 2025.",
        answer="7 November 2025",
        prompt="When did she speak?",
    )
    latest = fact(
        id="latest", statement="Shoigu spoke in January 2026.", answer="Shoigu", date="January 2026"
    )
    deck = deck_with(remark, latest)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    for seed in range(30):
        question = builders.multiple_choice(ctx, remark, random.Random(seed))
        assert question is not None
        dates = [parse_partial_date(c) for c in question.choices]
        assert all(d <= parse_partial_date("January 2026") for d in dates), question.choices


def test_an_article_before_a_quoted_blank_is_written_a_n() -> None:
    quoted = fact(kind="term", statement='Lavrov called it a "well-known" stance.', answer="well-known")
    assert blank_out(quoted) == 'Lavrov called it a(n) "_____" stance.'


def test_acronyms_with_a_hyphen_take_the_article_of_their_letters() -> None:
    assert indefinite_article("US-led coalition") == "a"
    assert indefinite_article("FBI-style raid") == "an"
    assert indefinite_article("usual suspect") == "a"


def test_deck_numbers_far_from_the_answer_are_not_used_as_distractors() -> None:
    crew = fact(id="crew", kind="number", statement="It had 49 crew.", answer="49", prompt="How many crew?")
    visitors = fact(
        id="v", kind="number", statement="About 1,000 visit.", answer="1,000", prompt="How many visit?"
    )
    deck = deck_with(crew, visitors)
    for seed in range(20):
        question = builders.multiple_choice(
            DeckContext(deck, AnswerIndex.of(deck)), crew, random.Random(seed)
        )
        assert question is not None and "1,000" not in question.choices and "1000" not in question.choices


def test_answers_too_long_to_type_are_not_asked_as_fill_in_or_short_answer() -> None:
    long_name = "Moscow-Taipei Coordination Commission on Economic and Cultural Cooperation"
    long = fact(
        kind="organization",
        statement=f"The office is run by the {long_name}.",
        answer=long_name,
        prompt="Who runs it?",
    )
    assert builders.fill_in(CTX, long, random.Random(0)) is None
    assert builders.short_answer(CTX, long, random.Random(0)) is None
    with_acronym = long.model_copy(update={"aliases": ["MTC"]})
    assert builders.fill_in(CTX, with_acronym, random.Random(0)) is not None


def test_multiple_choice_never_offers_another_true_answer_to_the_same_question() -> None:
    """Two people signed the treaty: neither may be the 'wrong' choice in the other's question."""
    a = fact(
        id="a",
        statement="Anna Petrova signed the treaty.",
        answer="Anna Petrova",
        prompt="Who signed the treaty?",
    )
    b = fact(
        id="b",
        statement="Boris Volkov signed the treaty.",
        answer="Boris Volkov",
        prompt="Who signed the treaty?",
    )
    others = [
        fact(
            id=f"o{i}", statement=f"{name} opened office {i}.", answer=name, prompt=f"Who opened office {i}?"
        )
        for i, name in enumerate(["Olga Liu", "Ivan Wang", "Mei Tsai", "Chen Huang"])
    ]
    deck = deck_with(a, b, *others)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    for seed in range(30):
        question = builders.multiple_choice(ctx, a, random.Random(seed))
        assert question is not None and "Boris Volkov" not in question.choices
        # A false statement takes only the fact's own distractors: another fact's answer is the real
        # name of someone else, and may (as here) be true of the statement too.
        assert builders.true_false(ctx, a, random.Random(seed), truth=False) is None


def test_true_statement_is_the_fact_and_false_one_swaps_the_answer() -> None:
    true = builders.true_false(CTX, FACTS["largest-planet"], random.Random(0), truth=True)
    assert isinstance(true, TrueFalseQuestion) and true.answer is True
    assert true.prompt == "Jupiter is the largest planet of the Solar System."
    false = builders.true_false(CTX, FACTS["largest-planet"], random.Random(0), truth=False)
    assert false is not None and false.answer is False and false.swapped
    assert false.prompt == f"{false.swapped} is the largest planet of the Solar System."
    assert false.explanation == "Jupiter is the largest planet of the Solar System."


def test_a_false_statement_swaps_every_whole_word_occurrence_of_the_answer() -> None:
    twice = fact(
        statement="Russia sent envoys, and Russia's Russian envoys stayed.", answer="Russia", kind="country"
    )
    assert swap_answer(twice, "Japan") == "Japan sent envoys, and Japan's Russian envoys stayed."


@pytest.mark.parametrize(
    ("statement", "answer", "wrong", "expected"),
    [
        (
            "Each set up an embassy there.",
            "embassy",
            "military office",
            "Each set up a military office there.",
        ),
        (
            "Yeltsin signed a decree.",
            "decree",
            "international treaty",
            "Yeltsin signed an international treaty.",
        ),
        ("An embassy opened.", "embassy", "trade office", "A trade office opened."),
        ("It is an internal matter.", "internal matter", "European affair", "It is a European affair."),
        ("It was a UN body.", "UN body", "agency", "It was an agency."),
        # The author's article disagrees with the rule for the answer: left as written.
        ("It was an historic pact.", "historic pact", "trade pact", "It was an trade pact."),
    ],
)
def test_a_false_statement_keeps_a_and_an_in_agreement(
    statement: str, answer: str, wrong: str, expected: str
) -> None:
    """'an military office' would tell the student the statement is false."""
    assert swap_answer(fact(statement=statement, answer=answer, kind="term"), wrong) == expected


def test_a_false_statement_is_refused_when_an_alias_would_remain() -> None:
    both = fact(
        statement="Yuri Gagarin flew; later Gagarin spoke.", answer="Yuri Gagarin", aliases=["Gagarin"]
    )
    assert swap_answer(both, "Neil Armstrong") is None


def test_a_false_statement_never_names_the_swapped_value_twice() -> None:
    """'Le Verrier discovered Neptune, using predictions by Le Verrier' would be silly."""
    galle = FACTS["neptune-discoverer"]
    deck = deck_with(
        galle.model_copy(update={"distractors": ["Urbain Le Verrier", "William Herschel", "Clyde Tombaugh"]})
    )
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    for seed in range(30):
        question = builders.true_false(ctx, deck.facts[0], random.Random(seed), truth=False)
        assert question is not None and question.swapped != "Urbain Le Verrier"


def test_fill_in_blanks_the_answer_and_its_aliases() -> None:
    question = builders.fill_in(CTX, FACTS["closest-planet"], random.Random(0))
    assert isinstance(question, FillInQuestion)
    assert question.prompt == "_____ is the planet closest to the Sun."
    assert question.answer == "Mercury" and question.accepted == []
    galileo = builders.fill_in(CTX, FACTS["galilean-moons"], random.Random(0))
    assert galileo is not None and galileo.accepted == ["Galileo"]


def test_fill_in_blanks_whole_words_only_and_hides_the_article() -> None:
    russian = fact(statement="Russia and the Russian envoy met.", answer="Russia", kind="country")
    assert blank_out(russian) == "_____ and the Russian envoy met."
    inside = fact(statement="The Russian envoy met.", answer="Russia", kind="country")
    assert blank_out(inside) is None
    vowel = fact(statement="It was an embargo on grain.", answer="embargo", kind="term")
    assert blank_out(vowel) == "It was a(n) _____ on grain."
    start = fact(statement="An embargo was declared.", answer="embargo", kind="term")
    assert blank_out(start) == "A(n) _____ was declared."


def test_fill_in_is_refused_when_the_statement_still_gives_the_answer_away() -> None:
    leak = fact(statement="Yuri Gagarin, later called Yuri, flew.", answer="Yuri Gagarin", aliases=["Yuri"])
    assert blank_out(leak) == "_____, later called _____, flew."
    partial = fact(statement="Galileo Galilei observed moons.", answer="Galileo Galilei", aliases=["Galilei"])
    assert blank_out(partial) == "_____ observed moons."


def test_short_answer_is_the_question_in_words() -> None:
    question = builders.short_answer(CTX, FACTS["iau"], random.Random(0))
    assert isinstance(question, ShortAnswerQuestion)
    assert question.prompt == "Which body reclassified Pluto as a dwarf planet?"
    assert question.answer == "International Astronomical Union" and question.accepted == ["IAU"]
    no_prompt = fact(statement="Anna Petrova signed.", answer="Anna Petrova")
    assert builders.short_answer(CTX, no_prompt, random.Random(0)) is None
    assert builders.multiple_choice(CTX, no_prompt, random.Random(0)) is None


def test_timeline_shows_four_events_shuffled_and_answers_them_in_order() -> None:
    facts = [FACTS[i] for i in ("gagarin", "armstrong", "neptune-discovery", "galilean-moons")]
    question = builders.timeline(CTX, facts, random.Random(0))
    assert isinstance(question, TimelineQuestion)
    assert question.answer == [
        "Four moons of Jupiter are first observed",
        "Neptune is discovered",
        "The first human flies in space",
        "A human first walks on the Moon",
    ]
    assert question.dates == ["January 1610", "1846", "12 April 1961", "20 July 1969"]
    assert sorted(question.choices) == sorted(question.answer) and question.choices != question.answer
    assert len(question.source) == 4


def test_timeline_refuses_events_with_the_same_label() -> None:
    same = [
        fact(
            id=f"e{i}",
            statement=f"Anna Petrova acted {i}.",
            answer="Anna Petrova",
            year=1900 + i,
            event="A meeting",
        )
        for i in range(4)
    ]
    assert builders.timeline(CTX, same, random.Random(0)) is None


def test_a_matching_set_holds_one_class_of_answer_only() -> None:
    """A planet, a person and an agency in one set: each blank is filled by its grammar alone."""
    mixed = [FACTS[i] for i in ("largest-planet", "neptune-discoverer", "armstrong", "nasa")]
    assert builders.matching(CTX, mixed, random.Random(0)) is None
    result = generate_questions([MINI], QuestionOptions(count=20, seed=1, types=(QuestionType.MATCHING,)))
    for question in result.questions:
        assert isinstance(question, MatchingQuestion)
        assert len({builders.matching_class(FACTS[i]) for i in question.fact_ids}) == 1


def test_a_deck_without_four_of_one_class_makes_no_matching_and_says_why() -> None:
    few = [f for f in MINI.facts if f.kind.value not in ("person", "place")]  # no four of one class
    deck = deck_with(*few)
    with pytest.raises(SelectionError, match="four facts of one class"):
        generate_questions([deck], QuestionOptions(count=5, seed=1, types=(QuestionType.MATCHING,)))
    mixed = generate_questions(
        [deck], QuestionOptions(count=5, seed=1, types=(QuestionType.MATCHING, QuestionType.SHORT_ANSWER))
    )
    assert any("no matching question" in n and "four facts of one class" in n for n in mixed.notices)


def test_a_default_set_says_no_matching_can_be_made_only_of_facts_that_make_none() -> None:
    """A student's default quiz on a deck that makes matching sets is told nothing about them when
    this set's matching slot went to another type: on 5 seeds in 40 the bundled deck's 10-question
    quiz opened with "no matching question could be made from these facts", which was untrue."""
    from rutw_quiz.deck import read_deck_file
    from rutw_quiz.resources import bundled_deck_path

    bundled = read_deck_file(bundled_deck_path()).deck
    for seed in range(1, 41):
        made = generate_questions([bundled], QuestionOptions(count=10, seed=seed))
        notes = made.notices + made.advice
        assert not any("no matching question" in n for n in notes), (seed, notes)
    few = deck_with(*[f for f in MINI.facts if f.kind.value not in ("person", "place")])
    told = generate_questions([few], QuestionOptions(count=12, seed=1))
    assert any("no matching question" in n and "four facts of one class" in n for n in told.advice)


def test_only_a_fact_with_an_event_label_goes_into_a_timeline() -> None:
    """A bare statement may carry no clue of its period ("Lavrov spoke on a Sunday")."""
    assert (
        builders.timeline_label(fact(statement="Anna Petrova left.", answer="Anna Petrova", year=1990))
        is None
    )
    labelled = fact(statement="Anna Petrova left.", answer="Anna Petrova", year=1990, event="Petrova leaves")
    assert builders.timeline_label(labelled) == "Petrova leaves"
    assert (
        builders.timeline_label(fact(statement="Anna Petrova left.", answer="Anna Petrova", event="x"))
        is None
    )


def test_matching_pairs_each_statement_with_the_answer_that_completes_it() -> None:
    people = [f for f in MINI.facts if f.kind.value == "person"][:4]
    question = builders.matching(CTX, people, random.Random(0))
    assert isinstance(question, MatchingQuestion)
    assert question.choices.statements == [blank_out(f) for f in people]
    facts = people
    assert sorted(question.choices.answers) == sorted(f.answer for f in facts)
    assert [(p.statement, p.answer) for p in question.answer] == [
        (s, f.answer) for s, f in zip(question.choices.statements, facts, strict=True)
    ]


def test_matching_refuses_a_statement_that_names_another_answer() -> None:
    facts = [FACTS[i] for i in ("largest-planet", "galilean-moons", "armstrong", "nasa")]
    # "Galileo Galilei observed four moons of Jupiter" names Jupiter, another answer.
    assert builders.matching(CTX, facts, random.Random(0)) is None


# --- selection --------------------------------------------------------------------------------


def test_asking_for_more_than_the_deck_can_give_returns_what_it_can_with_a_notice() -> None:
    result = generate_questions([MINI], QuestionOptions(count=50, seed=1))
    assert 0 < len(result.questions) < 50
    used = [i for q in result.questions for i in q.fact_ids]
    assert len(used) == len(set(used)) and len(used) <= len(MINI.facts)
    assert any("asked for 50 questions" in n and f"only {len(result.questions)}" in n for n in result.notices)


def test_type_filter_gives_only_that_type() -> None:
    for qtype in (QuestionType.MULTIPLE_CHOICE, QuestionType.FILL_IN, QuestionType.TRUE_FALSE):
        result = generate_questions([MINI], QuestionOptions(count=5, seed=2, types=(qtype,)))
        assert len(result.questions) == 5 and {q.type for q in result.questions} == {qtype}


def test_several_types_are_mixed_evenly() -> None:
    types = (QuestionType.MULTIPLE_CHOICE, QuestionType.SHORT_ANSWER)
    result = generate_questions([MINI], QuestionOptions(count=6, seed=3, types=types))
    assert Counter(q.type for q in result.questions) == dict.fromkeys(types, 3)


def test_a_type_the_deck_cannot_make_is_reported() -> None:
    result = generate_questions(
        [MINI], QuestionOptions(count=4, seed=1, types=(QuestionType.TIMELINE, QuestionType.FILL_IN))
    )
    assert result.questions
    timelines = [q for q in result.questions if q.type is QuestionType.TIMELINE]
    if not timelines:
        assert "no timeline question could be made from these facts" in result.notices


def test_topic_filter_keeps_only_facts_of_that_topic() -> None:
    result = generate_questions([MINI], QuestionOptions(count=20, seed=1, topics=("spaceflight",)))
    assert result.questions
    for question in result.questions:
        assert all("spaceflight" in FACTS[i].topics for i in question.fact_ids)


def test_difficulty_filter_keeps_only_those_levels() -> None:
    result = generate_questions([MINI], QuestionOptions(count=20, seed=1, difficulties=(2, 3)))
    assert result.questions
    assert all(FACTS[i].difficulty in (2, 3) for q in result.questions for i in q.fact_ids)


def test_only_facts_restricts_the_selection() -> None:
    wanted = frozenset({("solar-mini", "gagarin"), ("solar-mini", "nasa")})
    result = generate_questions([MINI], QuestionOptions(count=5, seed=1, only_facts=wanted))
    assert {i for q in result.questions for i in q.fact_ids} == {"gagarin", "nasa"}


def test_an_unknown_topic_is_a_clear_selection_error_naming_the_topics() -> None:
    with pytest.raises(
        SelectionError, match=r"no fact matches topic nosuch \(topics: discovery, planets, spaceflight\)"
    ):
        generate_questions([MINI], QuestionOptions(count=3, seed=1, topics=("nosuch",)))


def test_filters_that_leave_no_question_of_the_type_are_a_selection_error() -> None:
    """Difficulty 3 leaves three facts: too few for a timeline of four."""
    with pytest.raises(SelectionError, match="no timeline question can be made"):
        generate_questions(
            [MINI], QuestionOptions(count=2, seed=1, types=(QuestionType.TIMELINE,), difficulties=(3,))
        )


@pytest.mark.parametrize(("count", "choices", "message"), [(0, 4, "at least 1"), (5, 7, "between 3 and 6")])
def test_impossible_options_are_a_selection_error(count: int, choices: int, message: str) -> None:
    with pytest.raises(SelectionError, match=message):
        QuestionOptions(count=count, choices=choices)


def test_default_mix_has_several_types_and_spreads_over_topics() -> None:
    result = generate_questions([MINI], QuestionOptions(count=8, seed=5))
    types = Counter(q.type for q in result.questions)
    assert len(types) >= 3
    first_topics = Counter(FACTS[q.fact_ids[0]].topics[0] for q in result.questions)
    assert set(first_topics) == {"planets", "discovery", "spaceflight"}


def test_default_mix_over_many_seeds_uses_every_type() -> None:
    seen = Counter(
        q.type
        for seed in range(20)
        for q in generate_questions([MINI], QuestionOptions(count=10, seed=seed)).questions
    )
    assert set(seen) == set(QuestionType)
    assert seen[QuestionType.MULTIPLE_CHOICE] > seen[QuestionType.SHORT_ANSWER]


def test_the_same_seed_gives_the_same_questions_and_another_seed_another_set() -> None:
    def run(seed: int) -> str:
        return questions_to_json(generate_questions([MINI], QuestionOptions(count=6, seed=seed)).questions)

    assert run(1) == run(1)
    assert len({run(seed) for seed in range(6)}) == 6


def test_question_ids_do_not_depend_on_the_seed() -> None:
    ids: dict[tuple[str, str], set[str]] = {}
    for seed in range(10):
        for q in generate_questions([MINI], QuestionOptions(count=6, seed=seed)).questions:
            ids.setdefault((q.type.value, "+".join(sorted(q.fact_ids))), set()).add(q.id)
    assert all(len(found) == 1 for found in ids.values())
    assert all(next(iter(v)) == f"solar-mini:{k[1]}:{k[0]}" for k, v in ids.items())


def test_two_decks_are_asked_together_with_ids_from_each_deck() -> None:
    other = Deck.model_validate({**MINI.model_dump(), "id": "solar-copy"})
    result = generate_questions([MINI, other], QuestionOptions(count=20, seed=1))
    assert {q.deck_id for q in result.questions} == {"solar-mini", "solar-copy"}
    for question in result.questions:
        assert question.id.startswith(f"{question.deck_id}:")
