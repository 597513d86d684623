"""The deck models, partial dates and answer/quote normalisation, used directly as a library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from rutw_quiz.deck import AnswerKind, Deck, PartialDate, parse_partial_date
from rutw_quiz.text import contains_phrase, normalize_answer, normalize_quote


@pytest.fixture(scope="module")
def mini_data(mini_deck_path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(mini_deck_path.read_text(encoding="utf-8"))
    return data


# --- partial dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1895", PartialDate(1895)),
        ("September 1992", PartialDate(1992, 9)),
        ("15 September 1992", PartialDate(1992, 9, 15)),
        ("1992-09-15", PartialDate(1992, 9, 15)),
        ("1992-09", PartialDate(1992, 9)),
        ("Sep 1992", PartialDate(1992, 9)),
        ("Sep. 1992", PartialDate(1992, 9)),
        ("september 1992", PartialDate(1992, 9)),
        ("September 15, 1992", PartialDate(1992, 9, 15)),
        ("  15 September 1992 ", PartialDate(1992, 9, 15)),
        ("29 February 2000", PartialDate(2000, 2, 29)),
    ],
)
def test_partial_dates_are_read_to_the_precision_written(text: str, expected: PartialDate) -> None:
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1895", "1895"),
        ("1992-09", "September 1992"),
        ("1992-09-15", "15 September 1992"),
        ("Sep 1992", "September 1992"),
    ],
)
def test_partial_dates_print_in_one_english_style(text: str, expected: str) -> None:
    assert str(parse_partial_date(text)) == expected


def test_partial_dates_order_chronologically_with_coarser_dates_first() -> None:
    dates = ["15 December 1996", "1992", "12 July 1993", "September 1992", "15 September 1992"]
    ordered = sorted(dates, key=parse_partial_date)
    assert ordered == ["1992", "September 1992", "15 September 1992", "12 July 1993", "15 December 1996"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31 February 1990", "'31 February 1990' is not a real calendar day"),
        ("1990-02-31", "'1990-02-31' is not a real calendar day"),
        ("0 September 1992", "'0 September 1992' is not a real calendar day"),
        ("1992-09-00", "'1992-09-00' is not a real calendar day"),
        ("Smarch 1990", "'Smarch' is not a month name"),
        ("1992-13", "month 13 is out of range in '1992-13'"),
        ("1992-00", "month 0 is out of range in '1992-00'"),
        ("the nineties", "'the nineties' is not a date; write e.g. '1992', 'September 1992'"),
    ],
)
def test_impossible_or_unreadable_dates_are_refused_with_the_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_partial_date(text)


def test_shifting_29_february_to_a_common_year_falls_back_to_the_28th() -> None:
    assert PartialDate(2000, 2, 29).shifted(1) == PartialDate(2001, 2, 28)
    assert PartialDate(2000, 2, 29).shifted(4) == PartialDate(2004, 2, 29)


# --- the models --------------------------------------------------------------------------


def test_the_mini_deck_validates_into_typed_facts(mini_data: dict[str, Any]) -> None:
    deck = Deck.model_validate(mini_data)
    assert deck.id == "solar-mini"
    first = deck.facts[0]
    assert first.kind is AnswerKind.PLACE
    assert first.accepted == ["Mercury"]
    assert deck.source("solar").file == "solar.txt"
    assert deck.topic_label("spaceflight") == "Space flight"


def test_a_fact_is_dated_by_its_date_or_else_its_year(mini_data: dict[str, Any]) -> None:
    deck = Deck.model_validate(mini_data)
    by_id = {f.id: f for f in deck.facts}
    assert by_id["gagarin"].when == PartialDate(1961, 4, 12)
    assert by_id["neptune-discovery"].when == PartialDate(1846)
    assert by_id["closest-planet"].when is None


def test_an_unquoted_yaml_date_is_kept_as_the_authors_date_text(mini_data: dict[str, Any]) -> None:
    """YAML reads `date: 1969-07-20` as a date; it must still work (an unquoted year is refused: test_hardening)."""
    data = {**mini_data, "facts": [dict(f) for f in mini_data["facts"]]}
    data["facts"][10]["date"] = dt.date(1969, 7, 20)
    data["sources"] = [{**mini_data["sources"][0], "date": dt.date(2026, 1, 1)}]
    deck = Deck.model_validate(data)
    assert deck.facts[10].date == "1969-07-20"
    assert deck.facts[10].when == PartialDate(1969, 7, 20)
    assert deck.sources[0].date == "2026-01-01"


def test_text_values_are_stripped_and_empty_ones_refused(mini_data: dict[str, Any]) -> None:
    data = {**mini_data, "facts": [dict(f) for f in mini_data["facts"]]}
    data["facts"][0]["answer"] = "  Mercury "
    assert Deck.model_validate(data).facts[0].answer == "Mercury"
    data["facts"][0]["answer"] = "   "
    with pytest.raises(ValidationError, match="at least 1 character"):
        Deck.model_validate(data)


@pytest.mark.parametrize("slug", ["cold-war", "a", "1992", "yeltsin-decree-1992"])
def test_slugs_are_lowercase_words_joined_by_hyphens(mini_data: dict[str, Any], slug: str) -> None:
    data = {**mini_data, "id": slug}
    assert Deck.model_validate(data).id == slug


@pytest.mark.parametrize("slug", ["Cold-War", "cold_war", "cold war", "-cold", "cold-", "cold--war", ""])
def test_anything_else_is_not_a_slug(mini_data: dict[str, Any], slug: str) -> None:
    with pytest.raises(ValidationError):
        Deck.model_validate({**mini_data, "id": slug})


def test_unknown_keys_are_refused_rather_than_ignored(mini_data: dict[str, Any]) -> None:
    """A misspelt optional key (`prompts:`) must not silently drop the author's text."""
    data = {**mini_data, "facts": [{**mini_data["facts"][0], "prompts": "Which planet?"}]}
    with pytest.raises(ValidationError, match="prompts"):
        Deck.model_validate(data)


@pytest.mark.parametrize("difficulty", [0, 4])
def test_difficulty_is_1_to_3(mini_data: dict[str, Any], difficulty: int) -> None:
    data = {**mini_data, "facts": [{**mini_data["facts"][0], "difficulty": difficulty}]}
    with pytest.raises(ValidationError, match="difficulty"):
        Deck.model_validate(data)


def test_the_numeric_kinds_are_year_date_and_number() -> None:
    assert {k for k in AnswerKind if k.is_numeric} == {AnswerKind.YEAR, AnswerKind.DATE, AnswerKind.NUMBER}


# --- normalisation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("mercury", "Mercury"),
        ("MERCURY", "Mercury"),
        ("Sevres", "Sévres"),
        ("sèvres", "Sévres"),
        ("Chiang Ching kuo", "Chiang Ching-kuo"),
        ("  Oleg   Lobov ", "Oleg Lobov"),
        ("Tuapse!", "Tuapse"),
        ("1000", "1,000"),
        ("25000", "25\u202f000"),
        ("'one China'", "\u201cone China\u201d"),
    ],
)
def test_answers_compare_equal_ignoring_case_accents_punctuation_and_spacing(typed: str, answer: str) -> None:
    assert normalize_answer(typed) == normalize_answer(answer)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Mercury", "Mars"), ("1946", "1964"), ("12,5", "125"), ("Russia", "Russian")],
)
def test_different_answers_stay_different(one: str, other: str) -> None:
    assert normalize_answer(one) != normalize_answer(other)


def test_phrases_match_only_as_whole_words() -> None:
    assert contains_phrase("Which treaty did Russia sign?", "russia")
    assert not contains_phrase("Which Russian treaty?", "Russia")
    assert not contains_phrase("anything", "")


@pytest.mark.parametrize(
    ("copied", "in_deck"),
    [
        ("the US \u201cacknowledges\u201d it", 'the US "acknowledges" it'),
        ("Taiwan\u2019s independence", "Taiwan's independence"),
        ("Russia\u2013Taiwan relations", "Russia-Taiwan relations"),
        ("Sino\u2014Soviet", "Sino-Soviet"),
        ("one\n  China\tpolicy ", "one China policy"),
        ("\u00abone China\u00bb", '"one China"'),
    ],
)
def test_quotes_compare_equal_across_spacing_dash_and_quote_mark_styles(copied: str, in_deck: str) -> None:
    assert normalize_quote(copied) == normalize_quote(in_deck)


@pytest.mark.parametrize(
    ("source", "changed"),
    [("Yeltsin issued a decree", "yeltsin issued a decree"), ("naphta", "naphtha"), ("in 1954,", "in 1954")],
)
def test_quote_normalisation_keeps_case_spelling_and_punctuation(source: str, changed: str) -> None:
    assert normalize_quote(source) != normalize_quote(changed)
