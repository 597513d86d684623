"""Blackboard export: the upload file read back line by line, field by field (split at tabs, as
Blackboard splits it), against the bank it came from."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

import pytest

from conftest import RunCli
from rutw_quiz.deck import Deck
from rutw_quiz.questions import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.questions.bank import build_bank
from rutw_quiz.render.blackboard import blackboard, blackboard_text, plain, rich
from rutw_quiz.render.export_common import plain_number, shown_prompt, typed_answers
from rutw_quiz.spreadsheet import is_formula
from test_export_decks import bundled_deck, hostile_deck, hostile_deck_file


def unrich(text: str) -> str:
    assert "<" not in text and ">" not in text, "deck markup must arrive escaped"
    return html.unescape(text)


def check_line(fields: list[str], question: Question) -> None:
    kind, text, *rest = fields
    if isinstance(question, MultipleChoiceQuestion):
        assert kind == "MC" and unrich(text) == question.prompt
        assert [unrich(c) for c in rest[::2]] == question.choices
        assert rest[1::2] == ["correct" if c == question.answer else "incorrect" for c in question.choices]
    elif isinstance(question, TrueFalseQuestion):
        assert (kind, unrich(text), rest) == ("TF", question.prompt, ["true" if question.answer else "false"])
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        assert unrich(text) == shown_prompt(question)
        number = plain_number(question)
        if number is not None:
            assert (kind, rest) == ("NUM", [number, "0"])
        else:
            assert (kind, rest) == ("FIB", typed_answers(question))
    elif isinstance(question, TimelineQuestion):
        assert kind == "ORD" and [unrich(e) for e in rest] == question.answer
    else:
        assert isinstance(question, MatchingQuestion)
        assert kind == "MAT"
        assert list(zip([unrich(s) for s in rest[::2]], [unrich(a) for a in rest[1::2]], strict=True)) == [
            (p.statement, p.answer) for p in question.answer
        ]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return hostile_deck(tmp_path_factory.mktemp("blackboard"))


@pytest.mark.parametrize("which", ["bundled", "hostile"])
def test_every_line_reads_back_to_its_question(which: str, hostile: Deck) -> None:
    deck = hostile if which == "hostile" else bundled_deck()
    bank = build_bank([deck])
    text = blackboard_text(bank)
    assert text.endswith("\n")
    lines = text[:-1].split("\n")
    assert len(lines) == len(bank.questions)
    for line, question in zip(lines, bank.questions, strict=True):
        check_line(line.split("\t"), question)
    kinds = {line.split("\t")[0] for line in lines}
    assert kinds == {"MC", "TF", "FIB", "NUM", "ORD", "MAT"}


def test_fields_never_hold_a_tab_or_a_line_break() -> None:
    assert plain("a\tb\nc\r\nd\u2028e") == "a b c d e"
    assert rich("<b>\tx & y</b>") == "&lt;b&gt; x &amp; y&lt;/b&gt;"


def test_typed_answers_stay_plain_text(hostile: Deck) -> None:
    text = blackboard_text(build_bank([hostile]))
    assert "\tAda\tA*da\tAda, Countess\n" in text
    assert "\tGrace -> Hopper\n" in text  # compared with what a student types: not HTML-escaped


def test_export_blackboard_through_the_command(run_cli: RunCli, tmp_path: Path) -> None:
    deck = hostile_deck_file(tmp_path)
    done = run_cli("export", "blackboard", "--deck", deck, "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout == blackboard_text(build_bank([hostile_deck(tmp_path)]))


def test_what_a_spreadsheet_would_change_is_named_or_avoided(hostile: Deck) -> None:
    """Blackboard says the file may be edited in a spreadsheet. A spreadsheet reads a tab-separated
    file with `"` as its quote (Python's excel-tab dialect reads as Excel does): an HTML field that
    starts with `"` is written `&quot;`, so the spreadsheet reads it as Blackboard does; a typed
    answer that starts with `"`, and every field a spreadsheet would run as a formula, is named."""
    made = blackboard(build_bank([hostile]))
    lines = [line.split("\t") for line in made.text[:-1].split("\n")]
    spreadsheet = list(csv.reader(io.StringIO(made.text, newline=""), dialect="excel-tab"))
    quoted = {
        (n, c) for n, line in enumerate(lines, 1) for c, cell in enumerate(line, 1) if cell.startswith('"')
    }
    formulas = [
        (n, c) for n, line in enumerate(lines, 1) for c, cell in enumerate(line, 1) if is_formula(cell)
    ]
    assert quoted and formulas
    assert all(lines[n - 1][0] == "FIB" and c > 2 for n, c in quoted), "only typed answers start with a quote"
    assert '\t&quot;Quoted" start: which treaty did the League sign?\t' in made.text
    for n, (ours, theirs) in enumerate(zip(lines, spreadsheet, strict=True), 1):
        if not any(line == n for line, _ in quoted):
            assert theirs == ours, "a spreadsheet reads every other line field for field"
    formula_notice, quote_notice = made.notices
    assert formula_notice.startswith(f"the Blackboard file: {len(formulas)} cells start with = + - or @")
    assert quote_notice.startswith(
        f"the Blackboard file: {len(quoted)} typed answer(s) start with a quotation mark"
    )
    assert "=1+1 — at which port does the ship dock?" in made.text, "written as it is"


def test_the_bundled_deck_needs_no_notice() -> None:
    assert blackboard(build_bank([bundled_deck()])).notices == []
