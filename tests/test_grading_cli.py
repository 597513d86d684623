"""`rutw-quiz grade`: single answers with reasons and --json, marking a responses CSV, and its errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from conftest import DATA, RunCli

MINI = DATA / "mini.yaml"
GALLE = "solar-mini:neptune-discoverer:short_answer"
YEAR = "solar-mini:neptune-discovery:fill_in"


def test_each_answer_gets_a_verdict_and_a_reason(run_cli: RunCli) -> None:
    result = run_cli(
        "grade", "--deck", MINI, GALLE, "Johan Galle", "Galle", "Clyde Tombaugh", "Neil Armstrong"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Johan Galle: correct, with a typo: Johann Galle (expected: Johann Galle)",
        "Galle: correct: alias 'Galle' (expected: Johann Galle)",
        "Clyde Tombaugh: wrong: that is one of this question's wrong choices (expected: Johann Galle)",
        "Neil Armstrong: wrong: that is another fact's answer ('Neil Armstrong') (expected: Johann Galle)",
    ]


def test_json_prints_one_object_per_answer(run_cli: RunCli) -> None:
    result = run_cli("grade", "--deck", MINI, "--json", YEAR, "in 1846", "1847")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert objects == [
        {
            "question_id": YEAR,
            "answer": "in 1846",
            "outcome": "correct",
            "score": 1.0,
            "expected": "1846",
            "reason": "correct: the same year",
        },
        {
            "question_id": YEAR,
            "answer": "1847",
            "outcome": "wrong",
            "score": 0.0,
            "expected": "1846",
            "reason": "wrong: a different year",
        },
    ]


def test_an_unknown_id_suggests_the_closest(run_cli: RunCli) -> None:
    result = run_cli("grade", "--deck", MINI, "solar-mini:neptune-discovery:short_answr", "1846")
    assert result.returncode == 1
    assert result.stderr == (
        "unknown question id 'solar-mini:neptune-discovery:short_answr'; did you mean "
        "solar-mini:neptune-discovery:short_answer, solar-mini:neptune-discoverer:short_answer, "
        "solar-mini:neptune-discovery:fill_in?\n"
    )


def test_timeline_and_matching_ids_are_a_clear_error(run_cli: RunCli) -> None:
    result = run_cli("grade", "--deck", MINI, "solar-mini:gagarin+nasa:timeline", "ab")
    assert result.returncode == 1
    assert result.stderr == (
        "'solar-mini:gagarin+nasa:timeline' is a timeline question; grade takes short_answer, "
        "fill_in, multiple_choice and true_false ids\n"
    )


def test_a_multiple_choice_id_takes_the_choice_text(run_cli: RunCli) -> None:
    result = run_cli(
        "grade", "--deck", MINI, "solar-mini:gagarin:multiple_choice", "yuri gagarin", "Neil Armstrong"
    )
    assert result.returncode == 0, result.stderr
    assert [line.split(":")[1].strip() for line in result.stdout.splitlines()] == [
        "correct (expected",
        "wrong",
    ]


def test_a_true_false_id_needs_the_seed_of_the_quiz(run_cli: RunCli) -> None:
    result = run_cli("grade", "--deck", MINI, "solar-mini:gagarin:true_false", "t")
    assert result.returncode == 1
    assert "give the --seed (and -n, --type, ...) of the quiz or worksheet" in result.stderr


def test_answers_and_responses_file_together_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    answers = tmp_path / "a.csv"
    answers.write_text("question_id,answer\n", encoding="utf-8")
    result = run_cli("grade", "--deck", MINI, "--responses", answers, GALLE, "x")
    assert result.returncode == 2
    assert "give either QUESTION_ID ANSWER... or --responses FILE.csv, not both" in result.stderr


def test_a_responses_csv_is_marked_keeping_its_columns(run_cli: RunCli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "\ufefftime,student,question_id,answer\n"
        f"09:00,Ann,{GALLE},Galle\n"
        f"09:01,Ann,{YEAR},1846\n"
        f'09:02,Bob,{YEAR},"1,847"\n',
        encoding="utf-8",
    )
    result = run_cli("grade", "--deck", MINI, "--responses", answers)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "time,student,question_id,answer,outcome,score,expected,reason\n"
        f"09:00,Ann,{GALLE},Galle,correct,1,Johann Galle,correct: alias 'Galle'\n"
        f"09:01,Ann,{YEAR},1846,correct,1,1846,correct\n"
        f'09:02,Bob,{YEAR},"1,847",wrong,0,1846,wrong: a different year\n'
    )
    assert result.stderr == "Ann: 2 of 2\nBob: 0 of 1\n"


def test_bad_rows_are_reported_by_line_and_the_rest_still_marked(run_cli: RunCli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text(
        f"question_id,answer\nsolar-mini:nope:short_answer,x\n{GALLE},Galle\n", encoding="utf-8"
    )
    out = tmp_path / "marked.csv"
    result = run_cli("grade", "--deck", MINI, "--responses", answers, "-o", out)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(
        f"{answers}:2: unknown question id 'solar-mini:nope:short_answer'"
    )
    assert result.stderr.splitlines()[-1] == "1 of 2 rows could not be marked"
    marked = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert marked[0] == ["question_id", "answer", "outcome", "score", "expected", "reason"]
    assert marked[1][:5] == ["solar-mini:nope:short_answer", "x", "", "", ""]
    assert marked[1][5].startswith("not marked: unknown question id")
    assert marked[2] == [GALLE, "Galle", "correct", "1", "Johann Galle", "correct: alias 'Galle'"]


def test_a_missing_column_is_a_clear_error(run_cli: RunCli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text("id,response\nx,y\n", encoding="utf-8")
    result = run_cli("grade", "--deck", MINI, "--responses", answers)
    assert result.returncode == 1
    assert result.stderr == (
        f"{answers}:1: no column 'question_id' or 'answer' in the header (id, response); "
        "the header needs question_id and answer\n"
    )


def test_a_file_that_is_not_utf8_gets_a_clear_message(run_cli: RunCli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_bytes(f"question_id,answer\n{GALLE},S\xe8vres\n".encode("latin-1"))
    result = run_cli("grade", "--deck", MINI, "--responses", answers)
    assert result.returncode == 1
    assert result.stderr == (
        f"{answers}:2: not UTF-8 (byte 0xe8); save the file as CSV UTF-8 and try again\n"
    )


def test_a_seed_without_the_count_is_refused_rather_than_guessed(run_cli: RunCli) -> None:
    """`worksheet --seed 0` asks 20 questions; `grade --seed 0` made the 10-question set, where the
    same true/false id can stand for another statement: 42 of 200 seeds marked answers wrongly."""
    result = run_cli("grade", "--deck", MINI, "--seed", "0", "solar-mini:gagarin:true_false", "t")
    assert result.returncode == 2
    assert "give its -n as well (a worksheet asks 20 unless told" in result.stderr


def test_grade_makes_the_worksheets_set_for_a_count_beyond_the_largest(run_cli: RunCli) -> None:
    """-n 2000000 is capped at the deck's facts for the worksheet; grade capped it elsewhere and
    found none of its true/false questions."""
    asked = ["--deck", MINI, "--seed", "0", "-n", "2000000"]
    shown = run_cli("questions", *asked, "--json", "--type", "true_false")
    assert shown.returncode == 0, shown.stderr
    statements = {q["id"]: q["answer"] for q in json.loads(shown.stdout)}
    assert statements
    for question, truth in statements.items():
        marked = run_cli("grade", *asked, "--type", "true_false", question, "t" if truth else "f")
        assert marked.returncode == 0, marked.stderr
        assert ": correct" in marked.stdout, marked.stdout
