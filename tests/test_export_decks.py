"""The export test decks, and the question bank they make: every fact filed once per type, by topic.

HOSTILE_DECK is deck text that every export format must carry as data: HTML and script tags,
GIFT's specials (~ = # { } :), backslashes, `->`, commas, quotes, a tab, right-to-left scripts,
and every markup character (`< > & " '`, entities, `]]>`, slashes at the ends of a category
name) in the title, the topics, answers and notes; what an importer reads in a special way at
the start of an answer (`%100%`, `[html]`) or a spreadsheet at the start of a cell (`= + - @`,
a quotation mark). The other export tests import it from here.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from rutw_quiz.deck import Deck, read_deck_file
from rutw_quiz.errors import SelectionError
from rutw_quiz.questions import QuestionType
from rutw_quiz.questions.bank import build_bank, group_by_topic
from rutw_quiz.questions.builders import DeckContext, multiple_choice
from rutw_quiz.questions.distractors import AnswerIndex
from rutw_quiz.resources import bundled_deck_path

HOSTILE_DECK = r"""id: hostile
title: "Hostile <b>deck</b> / {braces} & \"quotes\" <relations> &amp; ]]> /"
description: Deck text that every format must carry as data.
language: en
topics:
  markup: "Markup <i>and</i> {GIFT} ~specials~"
  scripts: "Scripts: עברית / العربية"
  cells: "/Cells = +1 & @sum <cases> 'quoted' //"
sources:
  - id: src
    title: "Notes <script>alert(1)</script>, \"quoted\""
    publisher: "Press, Inc. \\ #1"
    date: "2026"
    url: "https://example.org/a?b=1&c=2"
    license: "CC BY-SA 4.0"
facts:
  - id: tag-fact
    statement: "The tag <script>alert('x')</script> is written by Ada {the = first} ~ #1: a\\b."
    answer: Ada
    kind: person
    category: poet
    aliases: ["A*da", "Ada, Countess"]
    year: 1843
    event: "Ada writes <script>alert('x')</script> {notes}"
    distractors: ["Bob <b>", "Eve {x}", "Mallory ~ = #"]
    prompt: "Who writes <script>alert('x')</script> {the = first} ~ #1: a\\b?"
    topics: [markup]
    difficulty: 1
    source: {id: src, section: "Intro <hr>", quote: "Ada {the = first} wrote, \"tabs\tand, commas\""}
  - id: rtl-fact
    statement: "The city שלום, also called مرحبا, was founded in 1846."
    answer: "1846"
    kind: year
    category: year
    year: 1846
    event: "שלום is founded -> مرحبا"
    prompt: "In which year was שלום (مرحبا) founded?"
    topics: [scripts]
    difficulty: 2
    source: {id: src, section: "Cities", quote: "founded in 1846"}
  - id: arrow-fact
    statement: "Grace -> Hopper named the bug {really} -> in 1947: a, b; \"c\"."
    answer: Grace -> Hopper
    kind: person
    category: admiral
    distractors: ["Alan = Turing", "Linus {T}", "Ken \\ Thompson"]
    prompt: "Who -> named the bug {really}?"
    date: September 1947
    event: "The bug {really} is named: #1"
    topics: [markup]
    difficulty: 1
    source: {id: src, section: "Bugs", quote: "named the bug"}
  - id: tab-fact
    statement: "Linus Torvalds released Linux in 1991, with \"tabs\" & <i>markup</i>."
    answer: Linus Torvalds
    kind: person
    category: programmer
    distractors: ["Alan = Turing", "Ken \\ Thompson", "Bob <b>"]
    prompt: "Who released Linux (with <i>markup</i> & \"tabs\")?"
    year: 1991
    event: "Linux is released \\ #2"
    topics: [markup]
    difficulty: 1
    source: {id: src, section: "Linux", quote: "released Linux"}
  - id: unix-fact
    statement: "Ken Thompson wrote Unix at Bell Labs in 1969 {x}."
    answer: Ken Thompson
    kind: person
    category: engineer
    distractors: ["Alan = Turing", "Linus {T}", "Eve {x}"]
    prompt: "Who wrote Unix at Bell Labs?"
    year: 1969
    event: "Unix is written ~ at Bell Labs"
    topics: [markup]
    difficulty: 2
    source: {id: src, section: "Unix", quote: "wrote Unix"}
  - id: amp-fact
    statement: "The firm Q & <A> & R sells <b>markup</b> & more."
    answer: "Q & <A> & R"
    kind: organization
    category: trading body
    aliases: ["Q &amp; A", "QAR"]
    distractors: ["%100%Trap choice", "[html]Plain <i>firm</i>", "Tom &amp; Jerry"]
    prompt: "Which firm sells <b>markup</b> & more?"
    note: "#### ]]> </text> &amp; <b>not bold</b> ]]]]>"
    topics: [cells]
    difficulty: 1
    source: {id: src, section: "Firms & <i>co</i>", quote: "=HYPERLINK(\"http://x.invalid\",\"@evil\")"}
  - id: port-fact
    statement: "The ship =1+1 docks at Sevastopol."
    answer: Sevastopol
    kind: place
    category: port
    aliases: ["%50%Sevastopol"]
    distractors: ["-Novorossiysk", "+Odessa", "@Port-Said"]
    prompt: "=1+1 — at which port does the ship dock?"
    topics: [cells]
    difficulty: 1
    source: {id: src, section: "Ports", quote: "docks at Sevastopol"}
  - id: pact-fact
    statement: "The treaty for \"Mutual\" <Understanding> was signed by the League."
    answer: "\"Mutual\" <Understanding>"
    kind: organization
    category: treaty body
    aliases: ["[html]Mutual", "@Mutual"]
    distractors: ["=SUM(1+1)", "<Trade> & \"Relations\"", "\"Quoted\" pact"]
    prompt: "\"Quoted\" start: which treaty did the League sign?"
    topics: [cells]
    difficulty: 2
    source: {id: src, section: "Pacts", quote: "the \"Mutual\" treaty"}
  - id: league-fact
    statement: "The League <of> Nations & friends met in Geneva."
    answer: "League <of> Nations & friends"
    kind: organization
    category: body
    distractors: ["+Council", "-Assembly", "&lt;Court&gt;"]
    prompt: "Who met in Geneva?"
    topics: [cells]
    difficulty: 2
    source: {id: src, section: "Leagues", quote: "met in Geneva"}
  - id: club-fact
    statement: "The society <Club> & \"Co\" meets on Fridays {weekly}."
    answer: "<Club> & \"Co\""
    kind: organization
    category: body
    distractors: ["+Society", "=Guild", "<Circle> & Friends"]
    prompt: "Which club meets on Fridays {weekly}?"
    topics: [cells]
    difficulty: 2
    source: {id: src, section: "Clubs", quote: "meets on Fridays"}
"""


def hostile_deck_file(folder: Path) -> Path:
    """HOSTILE_DECK written to `folder`/hostile.yaml."""
    path = folder / "hostile.yaml"
    path.write_text(HOSTILE_DECK, encoding="utf-8")
    return path


def hostile_deck(folder: Path) -> Deck:
    """HOSTILE_DECK, loaded and validated."""
    return read_deck_file(hostile_deck_file(folder)).deck


def bundled_deck() -> Deck:
    """The bundled Russia–Taiwan deck."""
    return read_deck_file(bundled_deck_path()).deck


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return hostile_deck(tmp_path_factory.mktemp("hostile"))


def test_hostile_deck_makes_every_question_type(hostile: Deck) -> None:
    """The hostile deck reaches every writer's every branch: all six types are in its bank."""
    bank = build_bank([hostile])
    assert {q.type for q in bank.questions} == set(QuestionType)
    assert any("<script>" in q.prompt for q in bank.questions)


def test_bank_has_one_question_per_fact_and_single_fact_type() -> None:
    deck = bundled_deck()
    bank = build_bank([deck])
    counts = Counter((q.type, q.fact_ids[0]) for q in bank.questions if q.type.fact_count == 1)
    assert set(counts.values()) == {1}
    mc = {fact for (qtype, fact) in counts if qtype is QuestionType.MULTIPLE_CHOICE}
    # Every fact with a prompt, less those the engine cannot ask with a fair choice list.
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    fair = {
        f.id
        for f in deck.facts
        if multiple_choice(ctx, f, random.Random(f"0:{deck.id}:{f.id}:multiple_choice")) is not None
    }
    assert mc == fair and len(fair) > 0.8 * sum(f.prompt is not None for f in deck.facts)


def test_bank_files_each_question_under_its_first_facts_home_topic() -> None:
    deck = bundled_deck()
    bank = build_bank([deck])
    facts = {f.id: f for f in deck.facts}
    for group in bank.groups:
        for question in group.questions:
            if question.type is QuestionType.MATCHING:  # four of a class from the whole deck
                assert facts[question.fact_ids[0]].topics[0] == group.topic
            else:
                assert all(facts[fid].topics[0] == group.topic for fid in question.fact_ids)
    assert [g.topic for g in bank.groups] == [t for t in deck.topics if t in {g.topic for g in bank.groups}]


def test_bank_asks_no_fact_twice_in_timelines_or_matching() -> None:
    bank = build_bank([bundled_deck()], types=[QuestionType.TIMELINE, QuestionType.MATCHING])
    for qtype in (QuestionType.TIMELINE, QuestionType.MATCHING):
        used = [fid for q in bank.questions if q.type is qtype for fid in q.fact_ids]
        assert len(used) == len(set(used))
        assert all(len(q.fact_ids) == 4 for q in bank.questions if q.type is qtype)


def test_bank_is_the_same_on_every_run_and_changes_with_the_seed() -> None:
    deck = bundled_deck()
    first = [q.model_dump() for q in build_bank([deck]).questions]
    assert first == [q.model_dump() for q in build_bank([deck]).questions]
    assert first != [q.model_dump() for q in build_bank([deck], seed=5).questions]


def test_bank_filters_by_topic_and_difficulty() -> None:
    deck = bundled_deck()
    topic = next(iter(deck.topics))
    bank = build_bank([deck], topics=[topic], difficulties=[1])
    assert {g.topic for g in bank.groups} == {topic}
    facts = {f.id: f for f in deck.facts}
    assert all(facts[fid].difficulty == 1 for q in bank.questions for fid in q.fact_ids)


def test_bank_with_no_matching_fact_is_an_error() -> None:
    with pytest.raises(SelectionError, match="no fact matches"):
        build_bank([bundled_deck()], topics=["no-such-topic"])


def test_group_by_topic_keeps_a_chosen_sets_questions_and_order(hostile: Deck) -> None:
    questions = build_bank([hostile]).questions[::3]
    grouped = group_by_topic([hostile], questions)
    assert sorted(q.id for q in grouped.questions) == sorted(q.id for q in questions)
    for group in grouped.groups:
        order = [q.id for q in questions if q.topics[0] == group.topic]
        assert [q.id for q in group.questions] == order
