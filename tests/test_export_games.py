"""Quizlet, Blooket and Gimkit exports, read back with the csv module (and Quizlet's own rule:
a line per card, term and definition split at the tab), against the bank they came from."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import RunCli
from rutw_quiz.cli.export_commands import GAME_MAX_CHOICES, TIME_LIMITS
from rutw_quiz.deck import Deck
from rutw_quiz.questions import MultipleChoiceQuestion, QuestionType, TrueFalseQuestion
from rutw_quiz.questions.bank import build_bank
from rutw_quiz.render.class_games import (
    BLOOKET_HEADER,
    BLOOKET_MAX_SECONDS,
    GIMKIT_HEADER,
    MAX_ANSWERS,
    blooket_csv,
    blooket_file,
    game_questions,
    gimkit_csv,
    gimkit_file,
)
from rutw_quiz.render.export_common import shown_prompt
from rutw_quiz.render.flashcards import cards, field, quizlet_text
from rutw_quiz.spreadsheet import is_formula
from test_export_decks import bundled_deck, hostile_deck, hostile_deck_file

GAME_TYPES = [QuestionType.MULTIPLE_CHOICE, QuestionType.TRUE_FALSE]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return hostile_deck(tmp_path_factory.mktemp("games"))


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def expected_games(deck: Deck) -> list[tuple[str, list[str], int]]:
    """(text, answers, right index) of each MC and TF question of the deck's bank, in bank order."""
    made = []
    for q in build_bank([deck], types=GAME_TYPES).questions:
        if isinstance(q, MultipleChoiceQuestion):
            made.append((q.prompt, list(q.choices), q.answer_index))
        elif isinstance(q, TrueFalseQuestion):
            made.append((q.prompt, ["True", "False"], 0 if q.answer else 1))
    return made


@pytest.mark.parametrize("which", ["bundled", "hostile"])
def test_blooket_rows_read_back_to_the_banks_questions(which: str, hostile: Deck) -> None:
    deck = hostile if which == "hostile" else bundled_deck()
    rows = read_csv(blooket_csv(game_questions(build_bank([deck], types=GAME_TYPES)), time_limit=30))
    assert rows[0] == ["Blooket\nImport Template", "", "", "", "", "", "", ""]
    assert rows[1] == BLOOKET_HEADER
    expected = expected_games(deck)
    assert len(rows) - 2 == len(expected)
    for number, (row, (text, answers, right)) in enumerate(zip(rows[2:], expected, strict=True), start=1):
        assert len(row) == 8
        assert row[0] == str(number)
        assert row[1] == text
        assert row[2 : 2 + len(answers)] == answers
        assert row[2 + len(answers) : 6] == [""] * (MAX_ANSWERS - len(answers))
        assert row[6] == "30"
        assert row[7] == str(right + 1)


@pytest.mark.parametrize("which", ["bundled", "hostile"])
def test_gimkit_rows_read_back_to_the_banks_questions(which: str, hostile: Deck) -> None:
    deck = hostile if which == "hostile" else bundled_deck()
    rows = read_csv(gimkit_csv(game_questions(build_bank([deck], types=GAME_TYPES))))
    assert rows[0] == ["Gimkit Spreadsheet Import Template", "", "", "", ""]
    assert rows[1] == GIMKIT_HEADER
    expected = expected_games(deck)
    assert len(rows) - 2 == len(expected)
    for row, (text, answers, right) in zip(rows[2:], expected, strict=True):
        wrong = [a for i, a in enumerate(answers) if i != right]
        assert row == [text, answers[right], *wrong, *[""] * (3 - len(wrong))]


def test_hostile_text_survives_csv_quoting_exactly(hostile: Deck) -> None:
    """Commas, double quotes, braces, markup, a backslash and RTL text come back cell for cell."""
    bank = build_bank([hostile], types=GAME_TYPES)
    text = gimkit_csv(game_questions(bank))
    cells = {cell for row in read_csv(text) for cell in row}
    assert 'Who released Linux (with <i>markup</i> & "tabs")?' in cells
    assert "Ken \\ Thompson" in cells
    choices = {c for q in bank.questions if isinstance(q, MultipleChoiceQuestion) for c in q.choices}
    assert choices <= cells and any("{" in c for c in choices)
    assert "In which year was שלום (مرحبا) founded?" in cells
    assert '"Who released Linux (with <i>markup</i> & ""tabs"")?"' in text


def test_blooket_refuses_a_time_limit_over_its_maximum() -> None:
    with pytest.raises(ValueError, match="1 to 300 seconds"):
        blooket_csv([], time_limit=BLOOKET_MAX_SECONDS + 1)
    assert TIME_LIMITS["blooket"] == tuple(range(1, BLOOKET_MAX_SECONDS + 1))
    assert GAME_MAX_CHOICES == MAX_ANSWERS


def test_quizlet_has_one_card_per_fact_short_answer_first(hostile: Deck) -> None:
    bank = build_bank([hostile])
    text = quizlet_text(bank)
    lines = text.split("\n")
    assert lines[-1] == ""
    pairs = [line.split("\t") for line in lines[:-1]]
    assert all(len(pair) == 2 for pair in pairs)
    short = {q.fact_ids[0]: q for q in bank.questions if q.type is QuestionType.SHORT_ANSWER}
    fill = {q.fact_ids[0]: q for q in bank.questions if q.type is QuestionType.FILL_IN}
    expected = []
    for fact in hostile.facts:
        question = short.get(fact.id) or fill.get(fact.id)
        if question is not None:
            expected.append([field(shown_prompt(question)), fact.answer])
    assert sorted(pairs) == sorted(expected)
    assert ["Who writes <script>alert('x')</script> {the = first} ~ #1: a\\b?", "Ada"] in pairs


def test_quizlet_fields_lose_tabs_and_line_breaks_only() -> None:
    assert field("a\tb\nc\r\nd  e\u2028f") == "a b c d  e f"
    assert field('  <b>, "q" </b> ') == '<b>, "q" </b>'


def test_quizlet_without_short_answers_uses_fill_ins(hostile: Deck) -> None:
    bank = build_bank([hostile], types=[QuestionType.FILL_IN])
    assert cards(bank) and all("_____" in term for term, _ in cards(bank))


def test_export_class_games_through_the_command(run_cli: RunCli, tmp_path: Path) -> None:
    deck = hostile_deck_file(tmp_path)
    for name, suffix in (("blooket", ".blooket.csv"), ("gimkit", ".gimkit.csv"), ("quizlet", ".quizlet.txt")):
        done = run_cli("export", name, "--deck", deck, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / f"hostile{suffix}").is_file()
    done = run_cli("export", "blooket", "--deck", deck, "--choices", "5", "-o", "-")
    assert done.returncode == 2
    assert "Blooket shows at most 4 answers; use --choices 3 or 4" in done.stderr
    done = run_cli("export", "blooket", "--deck", deck, "--time-limit", "301", "-o", "-")
    assert done.returncode == 2
    assert "Blooket allows a time limit of 1 to 300 seconds, not 301" in done.stderr
    done = run_cli("export", "gimkit", "--deck", deck, "--type", "matching", "-o", "-")
    assert done.returncode == 2
    assert "Gimkit does not carry matching questions; it carries multiple_choice, true_false" in done.stderr


def test_export_with_n_keeps_only_the_formats_types(run_cli: RunCli) -> None:
    done = run_cli("export", "gimkit", "-n", "8", "--seed", "2", "-o", "-")
    assert done.returncode == 0, done.stderr
    rows = read_csv(done.stdout)
    assert len(rows) == 2 + 8


@pytest.mark.parametrize("which", ["blooket", "gimkit"])
def test_cells_a_spreadsheet_would_run_are_written_as_they_are_and_named(which: str, hostile: Deck) -> None:
    """The games import `=1+1 …` as text, so it is written as it is; a teacher who opens the
    template in a spreadsheet is told which cells it would read as formulas."""
    questions = game_questions(build_bank([hostile], types=GAME_TYPES))
    made = blooket_file(questions, time_limit=20) if which == "blooket" else gimkit_file(questions)
    rows = read_csv(made.text)
    formulas = [(n, c) for n, row in enumerate(rows, 1) for c, cell in enumerate(row, 1) if is_formula(cell)]
    assert formulas, "the hostile deck has cells that start with = + - @"
    assert any(cell == "=1+1 — at which port does the ship dock?" for row in rows for cell in row)
    assert {"-Novorossiysk", "+Odessa", "@Port-Said", "=SUM(1+1)"} <= {cell for row in rows for cell in row}
    assert made.notice is not None
    assert made.notice.startswith(
        f"the {which.capitalize()} file: {len(formulas)} cells start with = + - or @"
    )
    row, column = formulas[0]
    assert f"line {row} column {column}" in made.notice, "numbered as the spreadsheet numbers its rows"


def test_a_file_with_no_formula_cells_has_no_notice() -> None:
    questions = game_questions(build_bank([bundled_deck()], types=GAME_TYPES))
    assert blooket_file(questions, time_limit=20).notice is None
    assert gimkit_file(questions).notice is None


def test_the_formula_notice_reaches_the_teacher(run_cli: RunCli, tmp_path: Path) -> None:
    deck = hostile_deck_file(tmp_path)
    done = run_cli("export", "blooket", "--deck", deck, "-o", tmp_path / "b.csv")
    assert done.returncode == 0, done.stderr
    assert "note: the Blooket file: " in done.stderr and "upload the file as it is" in done.stderr
