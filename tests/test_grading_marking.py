"""Marking a class's CSV survives hostile rows: each bad row is reported as FILE:LINE and every other
row is still marked (the hostile review's D1–D7, D18–D20), and nothing from the CSV reaches the
teacher's terminal raw."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import DATA, RunCli
from rutw_quiz.deck.loader import read_deck_file
from rutw_quiz.grading.marking import MAX_RESPONSES_BYTES, ResponsesError, mark_file
from rutw_quiz.grading.responses import ResponseGrader

MINI = DATA / "mini.yaml"
GALLE = "solar-mini:neptune-discoverer:short_answer"
YEAR = "solar-mini:neptune-discovery:fill_in"
GRADER = ResponseGrader([read_deck_file(MINI).deck])


def mark(tmp_path: Path, text: str) -> tuple[list[list[str]], list[str]]:
    """The marked rows (as a spreadsheet reads them) and the problems."""
    path = tmp_path / "answers.csv"
    path.write_text(text, encoding="utf-8", newline="")
    out = io.StringIO()
    report = mark_file(path, GRADER, csv.writer(out, lineterminator="\n").writerow)
    return list(csv.reader(io.StringIO(out.getvalue()))), [p.replace(str(path), "F") for p in report.problems]


def test_a_four_thousand_digit_answer_is_a_different_number_not_a_crash(tmp_path: Path) -> None:
    """D1: Python refuses to convert 4,301 digits; the grader never tries."""
    rows, problems = mark(tmp_path, f"question_id,answer\n{YEAR},{'9' * 5000}\n{YEAR},1846\n")
    assert problems == []
    assert rows[1][2:5] == ["wrong", "0", "1846"]
    assert rows[2][2] == "correct"


def test_a_digit_string_typed_as_a_single_answer_is_graded(run_cli: RunCli) -> None:
    result = run_cli("grade", "--deck", MINI, YEAR, "9" * 5000)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("wrong: longer than any answer (5,000 characters) (expected: 1846)\n")
    result = run_cli("grade", "--deck", MINI, YEAR, "9" * 500)
    assert result.stdout.endswith(": wrong: a different year (expected: 1846)\n")


def test_a_cell_past_the_csv_field_limit_is_one_bad_row(tmp_path: Path) -> None:
    """D2: 200,000 characters in one cell: that row is reported, the others marked."""
    rows, problems = mark(tmp_path, f"question_id,answer\n{GALLE},{'x' * 200_000}\n{GALLE},Galle\n")
    assert problems == ["F:2: an answer of 200,000 characters; no answer is that long: is the row right?"]
    assert rows[1][2] == "" and rows[1][5].startswith("not marked")
    assert rows[2][2] == "correct"


def test_an_unclosed_quote_is_reported_and_the_rows_after_it_are_still_marked(tmp_path: Path) -> None:
    """D3: the quote never closed would swallow every later row; it is one bad row instead."""
    rows, problems = mark(
        tmp_path,
        f'student,question_id,answer\nann,{GALLE},"Chiang Ching-kuo\nbob,{GALLE},Galle\ncat,{GALLE},Galle\n',
    )
    assert problems == [
        "F:2: a quote opened in this row is never closed; close it (or double a quote inside a quoted cell)"
    ]
    assert [r[0] for r in rows] == ["student", "bob", "cat"]
    assert [r[3] for r in rows[1:]] == ["correct", "correct"]


def test_a_quote_in_the_middle_of_a_cell_is_one_bad_row(tmp_path: Path) -> None:
    rows, problems = mark(tmp_path, f'question_id,answer\n{GALLE},"Galle"x\n{GALLE},Galle\n')
    assert len(problems) == 1 and problems[0].startswith("F:2: a quote in the middle of a cell")
    assert rows[1] == [GALLE, "Galle", "correct", "1", "Johann Galle", "correct: alias 'Galle'"]


def test_more_cells_than_the_header_is_reported_and_not_graded(tmp_path: Path) -> None:
    """D4: an unquoted comma splits an answer; the marks stay under their own headings."""
    rows, problems = mark(tmp_path, f"student,question_id,answer\nbob,{GALLE},Johann, Galle\n")
    assert problems == [
        "F:2: 4 cells where the header has 3 (a comma in an answer needs the whole cell in quotes)"
    ]
    header = rows[0]
    marked = dict(zip(header, rows[1], strict=False))
    assert marked["outcome"] == "" and marked["score"] == ""
    assert marked["reason"].startswith("not marked: 4 cells")
    assert rows[1][len(header) :] == [" Galle"]  # the extra cell is kept, after the marks


def test_two_columns_of_one_name_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(f"question_id,answer,answer\n{GALLE},Galle,x\n", encoding="utf-8")
    with pytest.raises(ResponsesError, match=r"dup.csv:1: 2 columns named 'answer' \(columns 2, 3\)"):
        mark_file(path, GRADER, lambda row: None)


def test_marking_a_marked_file_replaces_its_marks(tmp_path: Path) -> None:
    """D18: the second run gives the same file, not a second set of columns."""
    first, _ = mark(tmp_path, f"question_id,answer\n{GALLE},Galle\n{GALLE},=1+1\n")
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(first)
    again, _ = mark(tmp_path, text.getvalue())
    assert again == first
    assert first[0] == ["question_id", "answer", "outcome", "score", "expected", "reason"]


def test_formulas_are_guarded_and_read_back_as_typed(tmp_path: Path) -> None:
    """D7: a student's '=HYPERLINK(…)' is text in the teacher's spreadsheet; marking again reads it as typed."""
    rows, _ = mark(
        tmp_path,
        f'question_id,answer\n{GALLE},"=HYPERLINK(""http://x"",""Click"")"\n{GALLE},@SUM(1)\n{GALLE},-5\n',
    )
    assert rows[1][1] == '\'=HYPERLINK("http://x","Click")'
    assert rows[2][1] == "'@SUM(1)"
    assert rows[3][1] == "-5"  # a plain number is no formula
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_a_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes("question_id,answer\n".encode("utf-16-le"))
    with pytest.raises(ResponsesError, match="the file is UTF-16 text; save it as CSV UTF-8"):
        mark_file(path, GRADER, lambda row: None)


def test_a_file_over_the_size_cap_gets_a_message(tmp_path: Path) -> None:
    """D20: like deck files, a responses file has a size cap (checked before reading)."""
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_RESPONSES_BYTES + 1)
    with pytest.raises(ResponsesError, match="larger than 50 MB"):
        mark_file(path, GRADER, lambda row: None)


def test_unknown_ids_are_suggested_once_each_and_only_a_few(tmp_path: Path) -> None:
    """D19: 'did you mean' is worked out once per distinct id, and for the first five only."""
    lines = ["question_id,answer"]
    for n in range(8):
        lines += [f"solar-mini:neptune-discovery{n}:fill_in,1846"] * 3
    _, problems = mark(tmp_path, "\n".join(lines) + "\n")
    assert len(problems) == 24
    suggested = [p for p in problems if "did you mean" in p]
    assert len(suggested) == 15  # 5 ids x 3 rows, the same message each time
    assert problems[-1].endswith("see `rutw-quiz questions --json`")


def test_control_characters_from_the_csv_never_reach_the_terminal_raw(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """D6: escape sequences (clear screen, OSC 52 clipboard, hyperlinks) and bare CRs in student
    names, ids and answers are shown escaped on stderr."""
    answers = tmp_path / "ansi.csv"
    answers.write_text(
        "student,question_id,answer\n"
        f"\x1b[2J\x1b]52;c;aGk=\x07eve,{GALLE},Galle\n"
        f'ann,"x\rFAKE LINE: all rows marked OK",Galle\n',
        encoding="utf-8",
    )
    result = run_cli("grade", "--deck", MINI, "--responses", answers, "-o", tmp_path / "out.csv")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\r" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J\\x1b]52;c;aGk=\\x07eve: 1 of 1" in result.stderr
    assert "unknown question id 'x\\x0dFAKE LINE" in result.stderr
    single = run_cli("grade", "--deck", MINI, GALLE, "\x1b]0;TITLE\x07")
    assert "\x1b" not in single.stdout and "\\x1b]0;TITLE\\x07" in single.stdout


def test_check_rows_are_marked_and_counted(run_cli: RunCli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text(f"question_id,answer\n{GALLE},Johann Galla\n{GALLE},Johann Galle\n", encoding="utf-8")
    out = tmp_path / "marked.csv"
    result = run_cli("grade", "--deck", MINI, "--responses", answers, "-o", out)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[1][2:4] == ["check", "0"]
    assert rows[1][5] == "wrong: close to 'Johann Galle', but a slip in the short word 'galle'"
    assert "1 of 2 answers to check (outcome 'check')" in result.stderr


def test_output_onto_the_deck_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_bytes(MINI.read_bytes())
    answers = tmp_path / "answers.csv"
    answers.write_text(f"question_id,answer\n{GALLE},Galle\n", encoding="utf-8")
    result = run_cli("grade", "--deck", deck, "--responses", answers, "-o", deck)
    assert result.returncode == 2
    assert "is a file this command reads" in result.stderr
    assert deck.read_bytes() == MINI.read_bytes()


def test_typed_answers_graded_without_the_question_get_the_questions_verdict() -> None:
    """`grade --responses` grades a typed answer by its fact's key without building the question;
    the engine must make exactly those questions, and the verdicts must be the question's."""
    import random

    from rutw_quiz.deck import read_deck_files
    from rutw_quiz.grading.responses import _typed_eligible
    from rutw_quiz.questions import builders
    from rutw_quiz.questions.distractors import AnswerIndex
    from rutw_quiz.questions.models import QuestionType
    from rutw_quiz.resources import bundled_deck_path

    paths = [bundled_deck_path(), DATA / "mini.yaml", DATA / "second_deck" / "trans_siberian.yaml"]
    for deck in (item.deck for item in read_deck_files(paths)):
        ctx = builders.DeckContext(deck, AnswerIndex.of(deck))
        grader = ResponseGrader([deck])
        for fact in deck.facts:
            for qtype, build in (
                (QuestionType.SHORT_ANSWER, builders.short_answer),
                (QuestionType.FILL_IN, builders.fill_in),
            ):
                question = build(ctx, fact, random.Random(0), to_mark=True)
                assert _typed_eligible(fact, qtype) == (question is not None), (deck.id, fact.id, qtype)
                if question is not None:
                    for typed in (fact.answer, fact.answer.upper() + "x", "nothing like it"):
                        fast = grader.grade(question.id, typed).grade
                        assert fast == grader.key.grade(question, typed), (question.id, typed)


@pytest.mark.parametrize("piece", [1, 2, 3, 7, 64])
def test_lines_are_read_alike_whatever_the_block_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    """Line ends (\\n, \\r\\n, a lone \\r) and multi-byte characters cut between blocks read as one."""
    import random
    import re

    from rutw_quiz.grading import marking

    monkeypatch.setattr(marking, "_PIECE", piece)
    rng = random.Random(piece)
    for _ in range(40):
        text = "".join(
            rng.choice(["a", "é", "€", "𝄞", ",", '"', "\n", "\r\n", "\r", " "])
            for _ in range(rng.randint(0, 40))
        )
        path = tmp_path / "lines.csv"
        path.write_bytes(("\ufeff" if rng.random() < 0.3 else "").encode() + text.encode("utf-8"))
        want = [m.group() for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text) if m.group()]
        got = list(marking.physical_lines(path))
        assert [line for _, line in got] == want, repr(text)
        assert [n for n, _ in got] == list(range(1, len(want) + 1))


def test_the_marked_csv_shown_on_a_terminal_has_its_control_characters_escaped(tmp_path: Path) -> None:
    """D6 on stdout: without -o on a terminal, a student's escape sequence is shown, not run; piped to
    a file, the CSV keeps its text as typed."""
    import sys

    import pexpect

    answers = tmp_path / "ansi.csv"
    answers.write_text(f"question_id,answer\n{GALLE},\x1b]0;PWNED\x07Galle\x1b[2J\n", encoding="utf-8")
    command = str(Path(sys.executable).parent / "rutw-quiz")
    child = pexpect.spawn(
        command, ["grade", "--deck", str(MINI), "--responses", str(answers)], encoding="utf-8", timeout=30
    )
    shown = child.read()
    child.close()
    assert "\x1b" not in shown and "\x07" not in shown
    assert "\\x1b]0;PWNED\\x07Galle\\x1b[2J" in shown
    piped = subprocess_output([command, "grade", "--deck", str(MINI), "--responses", str(answers)])
    assert "\x1b]0;PWNED\x07Galle\x1b[2J" in piped


def subprocess_output(args: list[str]) -> str:
    import subprocess

    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=60).stdout


def test_a_choice_given_as_text_is_graded_without_the_seed_of_its_choices() -> None:
    """The choices a student saw depend on the worksheet's seed: a wrong text is 'another choice' when
    it could have been one (a wrong choice of the fact or another answer of the deck)."""
    from rutw_quiz.deck.loader import read_deck_file

    deck = read_deck_file(MINI).deck
    fact = next(f for f in deck.facts if f.id == "gagarin")
    qid = "solar-mini:gagarin:multiple_choice"
    reasons = {
        typed: GRADER.grade(qid, typed).grade.reason
        for typed in ("yuri gagarin", fact.distractors[0], "Neil Armstrong", "Somebody Else")
    }
    assert reasons == {
        "yuri gagarin": "correct",
        fact.distractors[0]: "wrong: another choice",
        "Neil Armstrong": "wrong: another choice",
        "Somebody Else": "wrong: not the right choice's text",
    }
