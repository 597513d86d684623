"""`rutw-quiz questions` through the real installed command: readable output, JSON fields, options, errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

RUTW_QUIZ = Path(sys.executable).parent / "rutw-quiz"
MINI = Path(__file__).parent / "data" / "mini.yaml"


def run(*args: str, deck: Path | None = MINI) -> subprocess.CompletedProcess[str]:
    command = [str(RUTW_QUIZ), "questions", *(["--deck", str(deck)] if deck else []), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def questions_json(*args: str) -> list[dict[str, Any]]:
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    return data


def test_readable_output_shows_questions_answers_and_sources() -> None:
    result = run("-n", "6", "--seed", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"^1\. \[", out, re.MULTILINE) and re.search(r"^6\. \[", out, re.MULTILINE)
    assert out.count("   Answer: ") == 6
    assert out.count("   Why: ") == 6
    assert "   Source: The Solar System, " in out
    assert result.stderr == ""


def test_json_has_the_field_names_of_the_issue_for_every_type() -> None:
    common = {"id", "type", "prompt", "choices", "answer", "explanation", "source", "topics", "difficulty"}
    seen = set()
    for qtype in ("multiple_choice", "true_false", "fill_in", "short_answer", "timeline", "matching"):
        for item in questions_json("-n", "2", "--seed", "3", "--type", qtype):
            seen.add(item["type"])
            assert item["type"] == qtype
            assert common <= set(item), f"{qtype} lacks {common - set(item)}"
            assert item["id"].startswith("solar-mini:") and item["id"].endswith(f":{qtype}")
            assert isinstance(item["topics"], list) and item["difficulty"] in (1, 2, 3)
            sources = item["source"] if isinstance(item["source"], list) else [item["source"]]
            for source in sources:
                assert {"id", "title", "section", "quote"} <= set(source)
            if qtype in ("timeline", "matching"):
                assert len(item["fact_ids"]) == 4 and "fact_id" not in item
                assert isinstance(item["source"], list) and len(item["source"]) == 4
            else:
                assert isinstance(item["fact_id"], str) and isinstance(item["source"], dict)
            _check_type_fields(item)
    assert seen == {"multiple_choice", "true_false", "fill_in", "short_answer", "timeline", "matching"}


def _check_type_fields(item: dict[str, Any]) -> None:
    kind = item["type"]
    if kind == "multiple_choice":
        assert isinstance(item["choices"], list) and item["answer"] in item["choices"]
    elif kind == "true_false":
        assert item["answer"] is True or item["answer"] is False
    elif kind in ("fill_in", "short_answer"):
        assert isinstance(item["answer"], str) and isinstance(item["accepted"], list)
        if kind == "fill_in":
            assert "_____" in item["prompt"]
    elif kind == "timeline":
        assert len(item["choices"]) == 4 and sorted(item["choices"]) == sorted(item["answer"])
    else:
        columns = item["choices"]
        assert set(columns) == {"statements", "answers"} and len(columns["statements"]) == 4
        assert [p["statement"] for p in item["answer"]] == columns["statements"]
        assert sorted(p["answer"] for p in item["answer"]) == sorted(columns["answers"])


def test_json_timeline_answer_is_the_choices_in_chronological_order() -> None:
    from rutw_quiz.deck.dates import parse_partial_date

    for seed in ("1", "2", "3"):
        (item,) = questions_json("-n", "1", "--seed", seed, "--type", "timeline")
        assert sorted(item["choices"]) == sorted(item["answer"]) and item["choices"] != item["answer"]
        dates = [parse_partial_date(d) for d in item["dates"]]
        assert dates == sorted(dates) and len(set(dates)) == 4


def test_json_true_false_answer_is_a_boolean_and_fill_in_lists_aliases() -> None:
    items = questions_json("-n", "13", "--seed", "2", "--type", "true_false", "--type", "fill_in")
    assert {type(i["answer"]) for i in items if i["type"] == "true_false"} == {bool}
    galileo = [i for i in items if i["type"] == "fill_in" and i["fact_id"] == "galilean-moons"]
    for item in galileo:
        assert item["answer"] == "Galileo Galilei" and item["accepted"] == ["Galileo"]


@pytest.mark.parametrize("choices", [3, 4])
def test_choices_option_sets_the_number_of_choices(choices: int) -> None:
    items = questions_json("-n", "4", "--seed", "1", "--type", "multiple_choice", "--choices", str(choices))
    assert len(items) == 4 and all(len(i["choices"]) == choices for i in items)


def test_facts_with_too_few_wrong_answers_of_their_category_get_fewer_choices_and_a_notice() -> None:
    result = run("-n", "9", "--seed", "1", "--type", "multiple_choice", "--choices", "6", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    short = [i for i in items if len(i["choices"]) < 6]
    assert short and all(len(i["choices"]) >= 3 for i in items)
    assert (
        "fewer than the 6 choices asked for (--choices): too few wrong answers that look like the answer"
        in (result.stderr)
    )
    assert all(i["fact_id"] in result.stderr for i in short)


@pytest.mark.parametrize("value", ["7", "2"])
def test_choices_outside_3_to_6_is_rejected_by_the_option(value: str) -> None:
    result = run("--choices", value, "--seed", "1")
    assert result.returncode == 2
    assert "Invalid value for '--choices'" in result.stderr and "3<=x<=6" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_type_topic_and_difficulty_filter_the_questions() -> None:
    items = questions_json(
        "-n", "3", "--seed", "1", "--type", "short_answer", "--topic", "spaceflight", "--difficulty", "1"
    )
    assert items and {i["type"] for i in items} == {"short_answer"}
    assert all("spaceflight" in i["topics"] and i["difficulty"] == 1 for i in items)


def test_an_unknown_type_is_rejected_with_the_choices_listed() -> None:
    result = run("--type", "essay", "--seed", "1")
    assert result.returncode == 2 and "'essay' is not a question type" in result.stderr
    assert "timeline" in result.stderr


def test_an_empty_selection_is_a_clear_message_and_exit_1() -> None:
    result = run("--topic", "nosuch")
    assert result.returncode == 2
    assert "Error: Invalid value for '--topic': no topic 'nosuch'" in result.stderr
    assert "discovery (Discovery); planets (Planets); spaceflight (Space flight)" in result.stderr
    assert "seed" not in result.stderr, "no seed is announced for a set that cannot be made"
    assert "Traceback" not in result.stderr and result.stdout == ""
    empty = run("--topic", "spaceflight", "--difficulty", "3")
    assert empty.returncode == 1
    assert empty.stderr.startswith("Error: no fact matches topic spaceflight")


@pytest.mark.parametrize("value", ["1-", "-2", "1,,3", "\u0661", "1-\u0663", "x"])
def test_a_difficulty_that_is_no_level_or_range_is_refused(value: str) -> None:
    """'1-' was read as 1, and an Arabic-Indic '١' as 1: a typo is no filter."""
    result = run("--difficulty", value)
    assert result.returncode == 2
    assert f"'{value}' is not a difficulty; use 1, 2, 3, a range like 1-2 or a list like 1,3" in result.stderr


def test_no_question_of_the_type_is_a_clear_message_and_exit_1() -> None:
    result = run("--type", "timeline", "--difficulty", "3", "--seed", "1")
    assert result.returncode == 1
    assert "no timeline question can be made" in result.stderr and "difficulty 3" in result.stderr
    assert "Traceback" not in result.stderr


def test_asking_for_too_many_prints_what_it_can_with_a_note() -> None:
    result = run("-n", "40", "--seed", "1", "--json")
    assert result.returncode == 0
    made = json.loads(result.stdout)
    assert 0 < len(made) < 40
    assert f"note: asked for 40 questions, but only {len(made)} can be made" in result.stderr


def test_without_seed_the_seed_is_printed_and_reproduces_the_set() -> None:
    first = run("-n", "5", "--json")
    assert first.returncode == 0
    found = re.search(r"seed: (\d+) \(repeat this set with --seed \1\)", first.stderr)
    assert found, first.stderr
    again = run("-n", "5", "--json", "--seed", found[1])
    assert again.stdout == first.stdout and again.stderr == ""


def test_another_seed_gives_another_selection_or_order() -> None:
    outputs = {run("-n", "5", "--json", "--seed", str(seed)).stdout for seed in (1, 2, 3)}
    assert len(outputs) == 3


def test_the_same_seed_gives_byte_identical_json() -> None:
    assert run("-n", "8", "--seed", "9", "--json").stdout == run("-n", "8", "--seed", "9", "--json").stdout


def test_help_has_an_example() -> None:
    result = subprocess.run(
        [str(RUTW_QUIZ), "questions", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "Example" in result.stdout and "--choices" in result.stdout


@pytest.mark.parametrize(
    "spelling", ["multiple-choice", "Multiple choice", "MULTIPLE_CHOICE", "multiplechoice", "multiple choice"]
)
def test_a_type_is_taken_in_any_common_spelling(spelling: str) -> None:
    items = questions_json("-n", "2", "--seed", "1", "--type", spelling)
    assert {i["type"] for i in items} == {"multiple_choice"}


@pytest.mark.parametrize(
    ("spelling", "meant"),
    [("true/false", "true_false"), ("True or false", "true_false"), ("fill in the blank", "fill_in")],
)
def test_the_types_names_as_the_quiz_shows_them_are_taken_too(spelling: str, meant: str) -> None:
    assert {i["type"] for i in questions_json("-n", "2", "--seed", "1", "--type", spelling)} == {meant}


def test_a_misspelt_type_gets_a_did_you_mean() -> None:
    result = run("--type", "multiple-chioce", "--seed", "1")
    assert result.returncode == 2
    assert "'multiple-chioce' is not a question type; did you mean 'multiple_choice'?" in result.stderr


@pytest.mark.parametrize(
    "given", ["spaceflight", "Spaceflight", "Space flight", "space-flight", "SPACE FLIGHT"]
)
def test_a_topic_is_taken_by_its_name_or_its_label_in_any_case(given: str) -> None:
    items = questions_json("-n", "3", "--seed", "1", "--topic", given)
    assert items and all("spaceflight" in i["topics"] for i in items)


def test_a_topic_named_in_part_gets_a_did_you_mean_before_any_seed() -> None:
    result = run("--topic", "space")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(
        "Error: Invalid value for '--topic': no topic 'space'; did you mean 'spaceflight' (Space flight)?"
    )
    assert "seed" not in result.stderr
