"""Questions stay fair on any deck (issue 18): what a strict teacher or a test-wise student would notice.

No cue in the form of the choices, no value the context rules out, swaps that fit the sentence,
matching sets of one class, no answer in another guise within a set, and the deck-format frictions
a new author met. Built on small decks made here, so each rule is seen on its own.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, RunCli
from rutw_quiz.deck.dates import parse_partial_date
from rutw_quiz.deck.numbers import read_figure
from rutw_quiz.questions import (
    MultipleChoiceQuestion,
    QuestionOptions,
    QuestionType,
    TimelineQuestion,
    builders,
    generate_questions,
    look_alike,
)
from rutw_quiz.questions.builders import DeckContext
from rutw_quiz.questions.deck_advice import choice_warnings
from rutw_quiz.questions.distractors import AnswerIndex
from rutw_quiz.questions.giveaways import SetGuard
from test_questions_engine import deck_with, fact, later_event

SEEDS = range(200)


def ctx_of(*facts: Any) -> DeckContext:
    deck = deck_with(*facts)
    return DeckContext(deck, AnswerIndex.of(deck))


def year_fact(**fields: Any) -> Any:
    record = {
        "id": "y",
        "kind": "year",
        "category": "year",
        "statement": "The bridge opened in 1873.",
        "answer": "1873",
        "prompt": "When did the bridge open?",
    }
    return fact(**(record | fields))


# --- made-up figures: the key's place, spacing and precision give nothing away ---------------------


def test_a_made_up_year_set_puts_the_key_at_every_rank_alike() -> None:
    ctx = ctx_of(year_fact(), later_event())
    ranks: Counter[int] = Counter()
    for seed in SEEDS:
        question = builders.multiple_choice(ctx, year_fact(), random.Random(seed))
        assert question is not None and len(question.choices) == 4
        ranks[question.choices.index("1873")] += 1  # choices of figures are in ascending order
    assert set(ranks) == {0, 1, 2, 3}
    assert all(30 <= n <= 70 for n in ranks.values()), ranks  # 50 each by chance


def test_no_choice_stands_apart_from_an_evenly_spaced_run_of_the_others() -> None:
    """Not 1980, 1983, 1986 and 1988, nor 5, 6, 7 and 9: the one off the others' step is picked."""
    count = fact(
        kind="number", category="count", statement="The crew had 9 officers.", answer="9", prompt="How many?"
    )
    cases = [(ctx_of(year_fact(), later_event()), year_fact()), (ctx_of(count), count)]
    for ctx, asked in cases:
        made = 0
        for seed in SEEDS:
            question = builders.multiple_choice(ctx, asked, random.Random(seed))
            if question is None:
                continue
            made += 1
            points = sorted(int(read_figure(c).mantissa) for c in question.choices)  # type: ignore[union-attr]
            for run, outer in ((points[1:], points[1] - points[0]), (points[:-1], points[-1] - points[-2])):
                steps = {b - a for a, b in itertools.pairwise(run)}
                assert not (len(steps) == 1 and outer not in steps), question.choices
        assert made > len(SEEDS) // 2


def test_a_round_year_gets_round_years_and_a_round_figure_no_unrounded_ones() -> None:
    ctx = ctx_of(year_fact(statement="It opened in 1870.", answer="1870"), later_event(2030))
    for seed in range(30):
        question = builders.multiple_choice(
            ctx, year_fact(statement="It opened in 1870.", answer="1870"), random.Random(seed)
        )
        assert question is not None and all(c.endswith("0") for c in question.choices), question.choices
    figure = fact(
        kind="number",
        category="length",
        statement="The line is 1,520 km long.",
        answer="1,520",
        prompt="How long?",
    )
    for seed in range(30):
        question = builders.multiple_choice(ctx_of(figure), figure, random.Random(seed))
        assert question is not None
        assert all(c.endswith("0") and not c.endswith("00") for c in question.choices), question.choices


def test_a_half_round_figure_gets_half_round_ones() -> None:
    """'250,000' (a quarter of a million) and '85' end in a 5: among 180,000, 340,000 and 470,000,
    or 71, 93 and 112, the key was the only 'nice' figure (a teacher struck every such question)."""
    for answer, statement in (
        ("250,000", "Panama was paid 250,000 dollars a year."),
        ("85", "The lake is 85 feet high."),
    ):
        figure = fact(
            kind="number", category="amount", statement=statement, answer=answer, prompt="How much?"
        )
        made = 0
        for seed in range(30):
            question = builders.multiple_choice(ctx_of(figure), figure, random.Random(seed))
            if question is None:
                continue
            made += 1
            digits = [c.replace(",", "").rstrip("0") for c in question.choices]
            assert all(d.endswith("5") for d in digits), question.choices
        assert made == 30


def test_made_up_dates_leave_the_key_neither_most_nor_least_like_the_others() -> None:
    """Not 14 March 1921 among 14 March 1920, 14 March 1919 and 14 June 1921 (the key shares most)."""
    day = fact(
        kind="date",
        category="date",
        statement="It was signed on 14 March 1921.",
        answer="14 March 1921",
        prompt="When?",
    )
    ctx = ctx_of(day, later_event())
    for seed in range(60):
        question = builders.multiple_choice(ctx, day, random.Random(seed))
        assert question is not None
        dates = [parse_partial_date(c) for c in question.choices]
        shared = [
            sum((a.month == b.month) + (a.day == b.day) + (a.year == b.year) for b in dates if b is not a)
            for a in dates
        ]
        key = shared[question.choices.index("14 March 1921")]
        assert len(set(shared)) == 1 or min(shared) < key < max(shared), question.choices


def test_a_number_written_as_the_source_writes_it_gets_wrong_values_written_alike(
    run_cli: RunCli, tmp_path: Path
) -> None:
    people = fact(
        kind="number",
        category="population",
        statement="About 2.3 million people live in the province.",
        answer="2.3 million",
        prompt="About how many people live in the province?",
    )
    figure = read_figure("2.3 million")
    assert figure is not None and figure.value == 2_300_000
    for seed in range(30):
        question = builders.multiple_choice(ctx_of(people), people, random.Random(seed))
        assert question is not None
        for choice in question.choices:
            read = read_figure(choice)
            assert read is not None and read.scale == "million" and read.decimals == 1, choice
            if choice != "2.3 million":  # "about": at least 20% away
                assert abs(read.value - figure.value) >= figure.value / 5, choice


def test_a_more_than_figure_is_asked_only_typed() -> None:
    bounded = fact(
        kind="number",
        category="count",
        statement="More than 300 rivers flow into the lake.",
        answer="300",
        prompt="How many rivers?",
    )
    ctx = ctx_of(bounded)
    assert builders.multiple_choice(ctx, bounded, random.Random(1)) is None
    assert builders.true_false(ctx, bounded, random.Random(1), truth=False) is None
    assert builders.short_answer(ctx, bounded, random.Random(1)) is not None


# --- no value the context rules out -----------------------------------------------------------------


def test_made_up_years_keep_the_order_of_the_dates_the_statement_names() -> None:
    """'From 1945 until 1949': a wrong year for the end is after 1945."""
    end = year_fact(
        statement="The alliance lasted from 1945 until 1949.",
        answer="1949",
        prompt="Until when did the alliance last?",
    )
    ctx = ctx_of(end, later_event())
    for seed in range(60):
        question = builders.multiple_choice(ctx, end, random.Random(seed))
        if question is not None:
            assert all(int(c) > 1945 for c in question.choices), question.choices
        false = builders.true_false(ctx, end, random.Random(seed), truth=False)
        assert false is None  # a year beside another year is not swapped in a false statement


def test_made_up_years_keep_the_order_of_the_decks_other_dates_about_the_same_subject() -> None:
    """The Tuapse was seized in 1954: the year of its crew's release is never made up before it."""
    seized = fact(
        id="seized",
        kind="ship",
        statement="The tanker Tuapse was seized in 1954.",
        answer="Tuapse",
        year=1954,
    )
    released = year_fact(
        id="released",
        statement="The last of the Tuapse's crew were released in 1958.",
        answer="1958",
        prompt="When were the last of the crew released?",
    )
    ctx = ctx_of(seized, released, later_event())
    made = 0
    for seed in range(60):
        question = builders.multiple_choice(ctx, released, random.Random(seed))
        false = builders.true_false(ctx, released, random.Random(seed), truth=False)
        values = [
            *(question.choices if question else []),
            *([false.swapped] if false and false.swapped else []),
        ]
        made += bool(values)
        assert all(int(v) > 1954 for v in values), values
    assert made


def test_an_authors_range_bounds_the_made_up_values() -> None:
    consul = year_fact(
        statement="Russian consular activity on the island began in 1896.",
        answer="1896",
        range=["1895", "1945"],
        prompt="When did Russian consular activity begin?",
    )
    ctx = ctx_of(consul, later_event())
    for seed in range(40):
        false = builders.true_false(ctx, consul, random.Random(seed), truth=False)
        assert false is not None and false.swapped is not None and 1895 <= int(false.swapped) <= 1945
        # one year of room below the answer: never a list that only fits with the key near the bottom
        assert builders.multiple_choice(ctx, consul, random.Random(seed)) is None


# --- wrong choices in words that look like the key ---------------------------------------------------


def person(id: str, answer: str, **fields: Any) -> Any:
    return fact(
        id=id,
        statement=f"{answer} signed treaty {id}.",
        answer=answer,
        prompt=f"Who signed treaty {id}?",
        **fields,
    )


def test_a_key_repeating_the_prompts_word_needs_wrong_choices_that_repeat_it_too() -> None:
    war = fact(
        kind="event",
        category="war",
        statement="The treaty ended the First Sino-Japanese War.",
        answer="First Sino-Japanese War",
        prompt="Which war with Japan did the treaty end?",
        distractors=["Crimean War", "First Opium War", "Sino-French War"],
    )
    assert builders.multiple_choice(ctx_of(war), war, random.Random(1)) is None
    echoing = war.model_copy(
        update={
            "distractors": [
                "Russo-Japanese War",
                "Second Sino-Japanese War",
                "Japanese invasion of Korea",
                "Crimean War",
            ]
        }
    )
    for seed in range(20):
        question = builders.multiple_choice(ctx_of(echoing), echoing, random.Random(seed))
        assert question is not None and "Crimean War" not in question.choices
        assert all("Japan" in c for c in question.choices)


def test_a_key_that_is_the_odd_one_out_in_form_is_not_asked_as_multiple_choice() -> None:
    city = fact(
        kind="place",
        category="city",
        statement="The summit met in New Delhi.",
        answer="New Delhi",
        prompt="Where did the summit meet?",
        distractors=["Geneva", "Warsaw", "Colombo"],
    )
    assert builders.multiple_choice(ctx_of(city), city, random.Random(1)) is None
    fixed = city.model_copy(update={"distractors": ["Geneva", "Warsaw", "Phnom Penh", "Ulan Bator"]})
    assert builders.multiple_choice(ctx_of(fixed), fixed, random.Random(1)) is not None


def test_a_key_that_alone_starts_with_a_capital_is_not_asked_as_multiple_choice() -> None:
    """'Tritium' among 'deuterium', 'carbon-14' and 'strontium-90': the only capital picks the key."""
    paint = fact(
        kind="term",
        category="isotope",
        statement="Tritium replaced radium in luminous paint.",
        answer="Tritium",
        prompt="What replaced radium in luminous paint?",
        distractors=["deuterium", "carbon-14", "strontium-90"],
    )
    assert builders.multiple_choice(ctx_of(paint), paint, random.Random(1)) is None
    advice = [message for _, message in choice_warnings(deck_with(paint))]
    assert any("'Tritium' is the only choice that starts with a capital" in m for m in advice), advice
    fixed = paint.model_copy(update={"answer": "tritium"})
    assert builders.multiple_choice(ctx_of(fixed), fixed, random.Random(1)) is not None


def test_over_a_deck_the_longest_choice_is_the_key_no_more_often_than_chance() -> None:
    """Every answer is longer than its own distractors; the other people's names even that out."""
    names = [
        "Alexandra Kollontai",
        "Boris Pasternak",
        "Clara Zetkin",
        "Dmitri Shostakovich",
        "Elena Obraztsova",
        "Fyodor Chaliapin",
        "Galina Ulanova",
        "Ivan Pavlov",
    ]
    topics = ["harbour", "railway", "festival", "observatory", "garrison", "canal", "academy", "embassy"]
    facts = [
        fact(
            id=f"t{i}",
            statement=f"{name} wrote the report on the {topic}.",
            answer=name,
            prompt=f"Who wrote the report on the {topic}?",
            category="author",
            distractors=["Ann Lisova", "Bo Wutkin"],
        )
        for i, (name, topic) in enumerate(zip(names, topics, strict=True))
    ]
    ctx = ctx_of(*facts)
    longest = total = 0
    for seed in range(40):
        for f in facts:
            question = builders.multiple_choice(ctx, f, random.Random(seed))
            assert question is not None
            total += 1
            longest += max(question.choices, key=len) == f.answer
    assert longest / total < 0.35


# --- true/false swaps --------------------------------------------------------------------------------


def test_a_false_statement_never_takes_another_facts_answer() -> None:
    a = person("a", "Anna Petrova", category="signatory", distractors=["Olga Liu"])
    b = person("b", "Boris Volkov", category="signatory")
    ctx = ctx_of(a, b)
    for seed in range(30):
        false = builders.true_false(ctx, a, random.Random(seed), truth=False)
        assert false is not None and false.swapped == "Olga Liu"
    assert builders.true_false(ctx, b, random.Random(1), truth=False) is None


def test_a_false_statement_fixes_the_article_of_the_swapped_value() -> None:
    office = fact(
        kind="office",
        category="office",
        statement="He held an honorary office in the city.",
        answer="honorary office",
        distractors=["military office"],
    )
    false = builders.true_false(ctx_of(office), office, random.Random(1), truth=False)
    assert false is not None and false.prompt == "He held a military office in the city."


def test_a_false_statement_starts_with_a_capital_like_the_true_one() -> None:
    """'barium sulfate is the most dense …' would show where the swap was made."""
    sulfate = fact(
        kind="term",
        category="compound",
        statement="Radium sulfate is the most dense of its salts.",
        answer="Radium sulfate",
        distractors=["barium sulfate"],
    )
    false = builders.true_false(ctx_of(sulfate), sulfate, random.Random(1), truth=False)
    assert false is not None and false.prompt == "Barium sulfate is the most dense of its salts."


def test_no_false_statement_contradicts_the_words_left_in_it() -> None:
    """'Radium bromide is the most insoluble known sulfate': the sentence says which is meant."""
    sulfate = fact(
        kind="term",
        category="compound",
        statement="Radium sulfate is the most insoluble known sulfate.",
        answer="Radium sulfate",
        distractors=["radium bromide", "radium chloride", "radium nitrate"],
    )
    for seed in range(20):
        assert builders.true_false(ctx_of(sulfate), sulfate, random.Random(seed), truth=False) is None


# --- no answer in another guise --------------------------------------------------------------------


def test_a_text_showing_the_answers_own_words_is_not_asked_typed() -> None:
    """'Attalea belongs to the subtribe _____' shows 'Attaleinae'; 'Which boulevard …?' shows only
    what kind of thing 'Boulevard des Capucines' is."""
    subtribe = fact(
        kind="term",
        category="subtribe",
        statement="Attalea belongs to the subtribe Attaleinae.",
        answer="Attaleinae",
        prompt="To which subtribe does Attalea belong?",
    )
    ctx = ctx_of(subtribe)
    assert builders.fill_in(ctx, subtribe, random.Random(1)) is None
    assert builders.short_answer(ctx, subtribe, random.Random(1)) is None
    advice = [message for _, message in choice_warnings(deck_with(subtribe))]
    assert sum("shows the answer 'Attaleinae' in its own words (attal…)" in m for m in advice) == 2, advice
    street = fact(
        kind="place",
        category="street",
        statement="The first exhibition was held on the Boulevard des Capucines.",
        answer="Boulevard des Capucines",
        prompt="On which boulevard was the first exhibition held?",
    )
    assert builders.short_answer(ctx_of(street), street, random.Random(1)) is not None


def test_a_text_never_shows_an_answer_with_no_distinctive_words() -> None:
    """`validate` leaves out the blanked statement (a costly cloze check) of a figure, or of an answer
    whose words all name its kind: whatever a text holds, it shows no such answer. Any text: its
    own statement and answer, those of other facts, and made-up ones."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rutw_quiz.deck import Fact, read_deck_file
    from rutw_quiz.questions.builders import distinctive_stems, shown_stems

    root = Path(__file__).parent.parent
    paths = [*root.glob("decks/*.yaml"), *root.glob("tests/data/decks/*/*.yaml")]
    assert len(paths) >= 4
    decks = [read_deck_file(p).deck for p in paths]
    facts = [f for deck in decks for f in deck.facts]
    plain = [f for f in facts if not distinctive_stems(f)]
    worded = [
        fact(kind="term", category="treaty", statement="The Treaty was signed.", answer="Treaty"),
        fact(
            kind="place", category="river basin", statement="It drains the River Basin.", answer="river basin"
        ),
    ]
    assert all(not distinctive_stems(f) for f in worded)
    plain += worded
    assert any(f.kind.is_numeric for f in plain) and any(not f.kind.is_numeric for f in plain)
    texts = [t for f in facts for t in (f.statement, f.answer, f.prompt or "")]

    @settings(max_examples=300, deadline=None)
    @given(st.sampled_from(plain), st.lists(st.sampled_from(texts), max_size=3), st.text(max_size=40))
    def shows_nothing(subject: Fact, others: list[str], extra: str) -> None:
        for text in (subject.statement, subject.answer, " ".join([*others, extra])):
            assert shown_stems(subject, text) == frozenset()

    shows_nothing()


def test_a_prompt_naming_a_persons_surname_is_not_asked() -> None:
    curie = fact(
        statement="Marie Curie founded the institute.",
        answer="Marie Curie",
        prompt="Who founded the Curie Institute?",
        distractors=["Lise Meitner", "Irene Joliot", "Emmy Noether"],
    )
    ctx = ctx_of(curie)
    assert builders.multiple_choice(ctx, curie, random.Random(1)) is None
    assert builders.short_answer(ctx, curie, random.Random(1)) is None


def test_a_surname_the_grader_accepts_gives_its_person_away_in_a_set() -> None:
    khrushchev = person(
        "k", "Nikita Khrushchev", category="leader", distractors=["Leonid Brezhnev", "Georgy Malenkov"]
    )
    visit = fact(
        id="v",
        kind="place",
        category="city",
        statement="Khrushchev visited Beijing in 1954.",
        answer="Beijing",
        prompt="Which city did Khrushchev visit in 1954?",
    )
    deck = deck_with(khrushchev, visit)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    guard = SetGuard([deck])
    asked = builders.short_answer(ctx, visit, random.Random(1))
    assert asked is not None
    guard.add(asked, [visit])
    typed = builders.short_answer(ctx, khrushchev, random.Random(1))
    assert typed is not None and guard.gives_away(typed, [khrushchev])


def test_a_key_printed_among_another_questions_choices_gives_it_away() -> None:
    a = person("a", "Anna Petrova", category="signatory", distractors=["Olga Liu", "Mei Tsai", "Ivan Wang"])
    b = person("b", "Olga Liu", category="signatory")
    deck = deck_with(a, b)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    guard = SetGuard([deck])
    shown = builders.multiple_choice(ctx, a, random.Random(1))
    assert isinstance(shown, MultipleChoiceQuestion) and "Olga Liu" in shown.choices
    guard.add(shown, [a])
    typed = builders.short_answer(ctx, b, random.Random(1))
    assert typed is not None and guard.gives_away(typed, [b])


def test_a_word_of_the_answers_family_gives_it_away() -> None:
    """'When was the electrification of the line completed?' answers 'The line is _____ along its
    whole length' (electrified), whichever is asked first; 'electric' alone does not."""
    line = fact(
        id="line",
        kind="term",
        category="traction",
        statement="The main line is electrified along its whole length.",
        answer="electrified",
    )
    done = year_fact(
        id="done",
        statement="The electrification of the main line was completed in 2002.",
        answer="2002",
        prompt="When was the electrification of the main line completed?",
    )
    other = year_fact(
        id="other", statement="The first electric lamp was lit in 1879.", answer="1879", prompt="When?"
    )
    deck = deck_with(line, done, other)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    blank = builders.fill_in(ctx, line, random.Random(1))
    year = builders.short_answer(ctx, done, random.Random(1))
    lamp = builders.short_answer(ctx, other, random.Random(1))
    assert blank is not None and year is not None and lamp is not None
    for first, then in (((blank, line), (year, done)), ((year, done), (blank, line))):
        guard = SetGuard([deck])
        guard.add(first[0], [first[1]])
        assert guard.gives_away(then[0], [then[1]])
    guard = SetGuard([deck])
    guard.add(blank, [line])
    assert not guard.gives_away(lamp, [other])


def test_a_matching_statement_naming_another_answers_surname_makes_no_set() -> None:
    """'Kunth based the genus on a Colombian plant' beside '_____ first described the genus'."""
    kunth = person("k1", "Carl Kunth", category="botanist")
    based = person("k2", "Karl Sprengel", category="botanist")
    based = based.model_copy(update={"statement": "Karl Sprengel revised the genus that Kunth had named."})
    others = [
        person("c", "Odoardo Beccari", category="botanist"),
        person("d", "Liberty Bailey", category="botanist"),
    ]
    deck = deck_with(kunth, based, *others)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    assert builders.matching(ctx, [kunth, based, *others], random.Random(1)) is None
    fair = based.model_copy(update={"statement": "Karl Sprengel revised the genus in 1825."})
    assert builders.matching(ctx, [kunth, fair, *others], random.Random(1)) is not None


def test_a_year_in_one_question_gives_away_a_timeline_event_beside_its_context() -> None:
    """Review item 15: 'the 1895 treaty that handed Taiwan to Japan' dates 'Taiwan is transferred to Japan'."""
    war = fact(
        id="war",
        kind="event",
        category="war",
        statement="The Treaty of Shimonoseki ended the First Sino-Japanese War.",
        answer="First Sino-Japanese War",
        prompt="Which war was ended by the 1895 treaty that handed Taiwan to Japan?",
    )
    events = [
        fact(
            id="cession",
            kind="document",
            statement="The Treaty of Shimonoseki handed Taiwan over to Japan.",
            answer="Treaty of Shimonoseki",
            date="1895",
            event="Taiwan is transferred to Japan",
        ),
        fact(
            id="un",
            kind="organization",
            statement="The Soviet Union was a founding member of the United Nations.",
            answer="United Nations",
            date="1945",
            event="The United Nations is founded",
        ),
        fact(
            id="prc",
            kind="country",
            statement="The Soviet Union recognised the People's Republic of China first.",
            answer="Soviet Union",
            date="October 1949",
            event="The first recognition of the PRC",
        ),
        fact(
            id="crisis",
            kind="event",
            statement="The first Taiwan Strait crisis began with a bombardment.",
            answer="bombardment",
            date="September 1954",
            event="The first Taiwan Strait crisis begins",
        ),
    ]
    deck = deck_with(war, *events)
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    timeline = builders.timeline(ctx, events, random.Random(1))
    asked = builders.multiple_choice(ctx, war, random.Random(1)) or builders.short_answer(
        ctx, war, random.Random(1)
    )
    assert isinstance(timeline, TimelineQuestion) and asked is not None
    guard = SetGuard([deck])
    guard.add(asked, [war])
    assert guard.gives_away(timeline, events)
    other = SetGuard([deck])
    other.add(timeline, events)
    assert other.gives_away(asked, [war])


# --- deck format -------------------------------------------------------------------------------------


def test_choices_three_silences_the_fewer_choices_notice() -> None:
    two = person("a", "Anna Petrova", distractors=["Olga Lisova", "Mei Tsaikova"], category="signatory")
    deck = deck_with(two)
    noted = generate_questions(
        [deck], QuestionOptions(count=1, seed=1, types=(QuestionType.MULTIPLE_CHOICE,))
    )
    assert any("fewer than the 4 choices" in n for n in noted.advice)
    meant = deck_with(two.model_copy(update={"choices": 3}))
    quiet = generate_questions(
        [meant], QuestionOptions(count=1, seed=1, types=(QuestionType.MULTIPLE_CHOICE,))
    )
    assert len(quiet.questions[0].choices) == 3 and not any("fewer than" in n for n in quiet.advice)  # type: ignore[union-attr]


def _write(tmp_path: Path, mini_text: str, old: str, new: str) -> Path:
    assert old in mini_text
    path = tmp_path / "deck.yaml"
    path.write_text(mini_text.replace(old, new), encoding="utf-8")
    return path


def test_validate_reads_a_number_as_the_source_writes_it(
    run_cli: RunCli, mini_text: str, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        mini_text,
        '    statement: Mars has 2 small moons.\n    answer: "2"',
        '    statement: Mars has 2.0 million small moons.\n    answer: "2.0 million"',
    )
    result = run_cli("validate", path)
    assert "a number answer must be" not in result.stderr


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ('range: ["1950", "1980"]', "the answer '1990' lies outside its range 1950 to 1980"),
        ('range: ["2020", "1950"]', "the range must go from the lower value to the higher"),
        ('range: ["1950", "soon"]', "'soon' is not a year like the answer '1990'"),
    ],
)
def test_validate_checks_a_range(
    run_cli: RunCli, mini_text: str, tmp_path: Path, new: str, message: str
) -> None:
    path = _write(tmp_path, mini_text, 'range: ["1950", "2020"]', new)
    result = run_cli("validate", path)
    assert result.returncode == 1 and message in result.stderr


def test_validate_shows_the_warnings_in_the_same_run_as_the_errors(
    run_cli: RunCli, mini_text: str, tmp_path: Path
) -> None:
    text = mini_text.replace(
        "    prompt: Which planet is the largest?", "    prompt: Is Jupiter the largest?"
    ).replace("    statement: Saturn is famous for its rings.", "    statement: It is famous for its rings.")
    path = tmp_path / "both.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any("the prompt gives its answer away" in line for line in lines)
    assert any("warning: the statement opens with 'It'" in line for line in lines)
    numbers = [int(line.split(":")[1]) for line in lines]
    assert numbers == sorted(numbers)


def test_the_fast_path_for_plain_text_normalises_as_the_full_rule_does() -> None:
    """ASCII text skips the per-character Unicode lookup (for speed on large decks): same result."""
    import re
    import unicodedata

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rutw_quiz.text import DIGIT_GROUP_SEPARATOR, normalize_answer

    def full_rule(text: str) -> str:
        text = unicodedata.normalize("NFKD", DIGIT_GROUP_SEPARATOR.sub("", text))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
        out = "".join(" " if unicodedata.category(ch)[0] in "PSZ" else ch for ch in text)
        return re.sub(r"\s+", " ", out).strip()

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
    def same(text: str) -> None:
        assert normalize_answer(text) == full_rule(text)

    same()


def test_no_timeline_holds_the_beginning_and_the_end_of_one_thing() -> None:
    """'Claude Monet is born' and 'Claude Monet dies' in one timeline leave one order to find; a
    teacher struck every such timeline (and those with 'the eruption begins' and 'is over')."""
    from rutw_quiz.deck.loader import read_deck_file
    from rutw_quiz.questions.bank import build_bank
    from rutw_quiz.questions.models import QuestionType, TimelineQuestion
    from rutw_quiz.questions.selection import QuestionOptions, generate_questions

    deck = read_deck_file(DATA / "decks" / "claude-monet" / "claude-monet.yaml").deck
    both = {"Claude Monet is born", "Claude Monet dies"}
    seen = set()
    for seed in range(40):
        made = generate_questions(
            [deck], QuestionOptions(count=40, seed=seed, types=(QuestionType.TIMELINE,))
        )
        for question in made.questions:
            assert isinstance(question, TimelineQuestion)
            assert not both <= set(question.choices), question.choices
            seen.update(both & set(question.choices))
    assert seen == both  # each is still asked, only never beside the other
    bank = build_bank([deck], types=[QuestionType.TIMELINE])
    assert all(not both <= set(q.choices) for q in bank.questions if isinstance(q, TimelineQuestion))


def test_a_three_letter_word_the_question_asks_for_is_in_every_choice() -> None:
    """'What is the name of the cut …?' among a lake and two channels leaves one cut: a teacher
    struck it. Words of three letters ('cut', 'war', 'sea') count as the question's words too."""
    prompt = "What is the name of the cut through the hills between Bas Obispo and Pedro Miguel?"
    statement = "Between Bas Obispo and Pedro Miguel the canal runs through the Culebra cut."
    alone = fact(
        statement=statement,
        answer="Culebra cut",
        kind="place",
        category="canal section",
        distractors=["Gatun Lake", "Limon Bay channel", "Panama Bay channel"],
        prompt=prompt,
    )
    for seed in range(20):
        assert builders.multiple_choice(ctx_of(alone), alone, random.Random(seed)) is None
    cuts = fact(
        statement=statement,
        answer="Culebra cut",
        kind="place",
        category="canal section",
        distractors=["Gaillard cut", "Gatun Lake", "Emperador cut", "Matachin cut"],
        prompt=prompt,
    )
    for seed in range(20):
        question = builders.multiple_choice(ctx_of(cuts), cuts, random.Random(seed))
        assert question is not None and all(c.endswith(" cut") for c in question.choices), question


def test_the_key_is_never_where_the_other_choices_meet() -> None:
    """'pancreatic ducts' among 'bile ducts', 'pancreatic arteries' and 'islets of Langerhans' is
    the choice the others' words meet in: a test-wise student picked it every time (insulin deck)."""
    ducts = fact(
        statement="Banting's note told him to ligate the pancreatic ducts of a dog.",
        answer="pancreatic ducts",
        kind="term",
        category="part of the pancreas",
        distractors=["islets of Langerhans", "bile ducts", "pancreatic arteries"],
        prompt="What did Banting's note of 1920 tell him to ligate in a dog?",
    )
    for seed in range(20):
        assert builders.multiple_choice(ctx_of(ducts), ducts, random.Random(seed)) is None
    assert look_alike.converges_on(
        "pancreatic ducts", ["bile ducts", "pancreatic arteries", "islets of Langerhans"]
    )
    assert not look_alike.converges_on(
        "Second Opium War", ["First Opium War", "Crimean War", "Sino-French War"]
    )
    assert not look_alike.converges_on(
        "Treaty of Paris", ["Treaty of Aigun", "Treaty of Nanking", "Treaty of Kiakhta"]
    )


def test_a_false_statement_says_an_institution_as_its_name_is_said() -> None:
    """'sold to the McGill University' showed the swap at once (a teacher struck three such
    statements on the insulin deck): 'the' goes where the name put in takes none, and comes where
    it takes one."""
    from rutw_quiz.questions.cloze import swap_answer

    toronto = fact(
        statement="The patent for insulin was sold to the University of Toronto for one dollar.",
        answer="University of Toronto",
        kind="organization",
    )
    assert (
        swap_answer(toronto, "McGill University")
        == "The patent for insulin was sold to McGill University for one dollar."
    )
    assert swap_answer(toronto, "University of Chicago") == (
        "The patent for insulin was sold to the University of Chicago for one dollar."
    )
    hospital = fact(
        statement="Leonard Thompson received the first injection at the Toronto General Hospital.",
        answer="Toronto General Hospital",
        kind="organization",
    )
    assert swap_answer(hospital, "St. Michael's Hospital") == (
        "Leonard Thompson received the first injection at St. Michael's Hospital."
    )
    assert swap_answer(hospital, "Massachusetts General Hospital") == (
        "Leonard Thompson received the first injection at the Massachusetts General Hospital."
    )
    mcgill = fact(
        statement="Collip later worked at McGill University.", answer="McGill University", kind="organization"
    )
    assert swap_answer(mcgill, "University of Alberta") == "Collip later worked at the University of Alberta."


def test_no_matching_statement_names_a_year_nearest_its_own_answer() -> None:
    """'The conflagration of April 1872 ended an eruption begun in ___' among 1631, 1822, 1855 and
    1871: the year it names points at 1871 (a test-wise guesser's 'era fit' beat chance by 10
    points on the vesuvius deck). Such a statement joins no matching set whose years let it."""
    from rutw_quiz.questions.models import MatchingQuestion, QuestionType
    from rutw_quiz.questions.selection import QuestionOptions, generate_questions

    def year(fid: str, statement: str, answer: str) -> Any:
        return fact(id=fid, kind="year", statement=statement, answer=answer, year=int(answer), prompt=None)

    facts = [
        year("repose", "The eruption of 1631 surprised people who had forgotten the volcano.", "1631"),
        year("trench", "A trench was dug after the lava flow of 1855 to divert it.", "1855"),
        year("church", "The older church had been covered by the lava of 1868.", "1868"),
        year("great", "The most violent eruption of the century came in 1822.", "1822"),
        year("began", "The conflagration of April 1872 ended an eruption that had begun in 1871.", "1871"),
    ]
    deck = deck_with(*facts)
    made_any = False
    for seed in range(30):
        made = generate_questions([deck], QuestionOptions(count=5, seed=seed, types=(QuestionType.MATCHING,)))
        for question in made.questions:
            assert isinstance(question, MatchingQuestion)
            made_any = True
            assert "began" not in question.fact_ids, question.choices
    assert made_any
