"""Kahoot export: the .xlsx read back with openpyxl and checked against Kahoot's template and limits."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import RunCli
from rutw_quiz.cli.export_commands import TIME_LIMITS
from rutw_quiz.deck import Deck
from rutw_quiz.questions import QuestionType
from rutw_quiz.questions.bank import build_bank
from rutw_quiz.render.class_games import GameQuestion, game_questions
from rutw_quiz.render.kahoot import ANSWER_MAX, HEADER, QUESTION_MAX, kahoot_length, kahoot_xlsx, misfit
from rutw_quiz.render.kahoot import TIME_LIMITS as KAHOOT_TIME_LIMITS
from test_export_decks import bundled_deck, hostile_deck, hostile_deck_file

GAME_TYPES = [QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE]


def sheet_rows(data: bytes) -> list[tuple[Any, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows(max_col=8)]


def check_workbook(data: bytes, questions: list[GameQuestion], time_limit: int) -> int:
    """Rows 1–8 as Kahoot's template, then every fitting question in order; returns how many."""
    rows = sheet_rows(data)
    assert rows[1][1] == "Quiz template"
    assert list(rows[7]) == HEADER
    fitting = [q for q in questions if misfit(q) is None]
    body = rows[8:]
    assert len(body) == len(fitting)
    for number, (row, question) in enumerate(zip(body, fitting, strict=True), start=1):
        answers = [*question.answers, *[None] * (4 - len(question.answers))]
        assert row == (number, question.text, *answers, time_limit, question.correct + 1)
        assert kahoot_length(question.text) <= QUESTION_MAX
        assert all(kahoot_length(a) <= ANSWER_MAX for a in question.answers)
    return len(fitting)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return hostile_deck(tmp_path_factory.mktemp("kahoot"))


@pytest.mark.parametrize("which", ["bundled", "hostile"])
def test_workbook_reads_back_to_the_questions_that_fit(which: str, hostile: Deck) -> None:
    deck = hostile if which == "hostile" else bundled_deck()
    questions = game_questions(build_bank([deck], types=GAME_TYPES))
    made = kahoot_xlsx(questions, title=deck.title, time_limit=30)
    assert made.written == check_workbook(made.data, questions, 30)
    left_out = [q for q in questions if misfit(q) is not None]
    if left_out:
        assert made.notices and f"{len(left_out)} question(s) left out of the Kahoot file" in made.notices[0]
        assert all(q.id in made.notices[0] for q in left_out)
    else:
        assert made.notices == []


def test_questions_over_the_limits_are_left_out_and_named_never_cut() -> None:
    fits = GameQuestion("d:ok:multiple_choice", "x" * QUESTION_MAX, ["a" * ANSWER_MAX, "b", "c", "d"], 0)
    long_question = GameQuestion("d:long:multiple_choice", "y " * 61, ["a", "b"], 1)
    long_answer = GameQuestion("d:wide:true_false", "ok?", ["a" * (ANSWER_MAX + 1), "b"], 0)
    too_many = GameQuestion("d:five:multiple_choice", "five?", ["a", "b", "c", "d", "e"], 4)
    made = kahoot_xlsx([fits, long_question, long_answer, too_many], title="T", time_limit=20)
    assert made.written == 1
    notice = made.notices[0]
    assert notice.startswith("3 question(s) left out of the Kahoot file")
    assert "d:long:multiple_choice (question 122 > 120 characters)" in notice
    assert "d:wide:true_false (answer 76 > 75 characters)" in notice
    assert "d:five:multiple_choice (5 > 4 answers)" in notice
    assert sheet_rows(made.data)[8][1] == "x" * QUESTION_MAX


def test_deck_text_is_written_as_text_never_as_a_formula() -> None:
    formula = GameQuestion("d:f:multiple_choice", '=HYPERLINK("http://x","y")', ["=1+1", "+2", "-3", "@4"], 0)
    made = kahoot_xlsx([formula], title="=cmd", time_limit=20)
    sheet = openpyxl.load_workbook(io.BytesIO(made.data)).active
    assert sheet is not None
    cells = [sheet.cell(row=9, column=c) for c in range(2, 7)]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x","y")', "=1+1", "+2", "-3", "@4"]
    assert {c.data_type for c in cells} == {"s"}


def test_time_limit_must_be_one_kahoot_offers() -> None:
    assert TIME_LIMITS["kahoot"] == KAHOOT_TIME_LIMITS == (5, 10, 20, 30, 60, 90, 120, 240)
    with pytest.raises(ValueError, match="5, 10, 20, 30, 60, 90, 120, 240 seconds, not 25"):
        kahoot_xlsx([], title="T", time_limit=25)


def test_the_same_bank_gives_the_same_bytes(hostile: Deck) -> None:
    questions = game_questions(build_bank([hostile], types=GAME_TYPES))
    first = kahoot_xlsx(questions, title="T", time_limit=20).data
    assert first == kahoot_xlsx(questions, title="T", time_limit=20).data


def test_export_kahoot_through_the_command(run_cli: RunCli, tmp_path: Path) -> None:
    deck = hostile_deck_file(tmp_path)
    out = tmp_path / "k.xlsx"
    done = run_cli("export", "kahoot", "--deck", deck, "--time-limit", "60", "-o", out)
    assert done.returncode == 0, done.stderr
    questions = game_questions(build_bank([hostile_deck(tmp_path)], types=GAME_TYPES))
    check_workbook(out.read_bytes(), questions, 60)
    credit = sheet_rows(out.read_bytes())[3][1]
    assert (
        credit
        == "Quotes from 'Notes <script>alert(1)</script>, \"quoted\"', Press, Inc. \\ #1, CC BY-SA 4.0."
    )
    done = run_cli("export", "kahoot", "--deck", deck, "-o", "-")
    assert done.returncode == 2
    assert "Kahoot is a binary file; give a file name instead of '-'" in done.stderr
    done = run_cli("export", "kahoot", "--deck", deck, "--time-limit", "25", "-o", out)
    assert done.returncode == 2
    assert "Kahoot allows a time limit of 5, 10, 20, 30, 60, 90, 120, 240 seconds, not 25" in done.stderr


def test_limits_are_counted_as_javascript_counts_an_emoji_as_two() -> None:
    """Kahoot's editor is JavaScript, whose string length counts UTF-16 units: 61 emoji are 122."""
    assert kahoot_length("Россия 台湾") == 9
    assert kahoot_length("🇷🇺") == 4 and kahoot_length("🙂") == 2
    emoji = GameQuestion("d:emoji:multiple_choice", "🙂" * 61, ["a", "b"], 0)
    wide_answer = GameQuestion("d:wide:multiple_choice", "ok?", ["𝒜" * 38, "b"], 0)
    fits = GameQuestion("d:fits:multiple_choice", "🙂" * 60, ["𝒜" * 37 + "a", "b"], 0)
    made = kahoot_xlsx([emoji, wide_answer, fits], title="T", time_limit=20)
    assert made.written == 1
    assert "d:emoji:multiple_choice (question 122 > 120 characters)" in made.notices[0]
    assert "d:wide:multiple_choice (answer 76 > 75 characters)" in made.notices[0]
    assert "an emoji counting 2" in made.notices[0]
    assert sheet_rows(made.data)[8][1] == "🙂" * 60
