"""GIFT export: Moodle's escapes exactly, and every question parsed back by a real GIFT reader.

The reader is gift-pegjs (npm, pinned in tests/js/package-lock.json), run under node. When its
node_modules are missing they are installed with `npm ci`; without node and npm the parser tests
skip, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import RunCli
from platform_readers import (
    moodle_category_names,
    moodle_format_string,
    moodle_gift_answer,
    moodle_gift_unescape,
)
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
from rutw_quiz.questions.bank import QuestionBank, build_bank
from rutw_quiz.render.export_common import plain_number, shown_prompt, typed_answers
from rutw_quiz.render.gift import POSITIONS, escape, gift, typed_answer, unsayable
from test_export_decks import bundled_deck, hostile_deck, hostile_deck_file

JS = Path(__file__).resolve().parent / "js"


def moodle_unescape(text: str) -> str:
    """Moodle's escapedchar_pre then escapedchar_post (question/format/gift/format.php), ported."""
    escaped = ["\\:", "\\#", "\\=", "\\{", "\\}", "\\~", "\\n"]
    holders = ["&&058;", "&&035;", "&&061;", "&&123;", "&&125;", "&&126;", "&&010"]
    text = text.replace("\\\\", "&&092;")
    for e, h in zip(escaped, holders, strict=True):
        text = text.replace(e, h)
    text = text.replace("&&092;", "\\")
    for h, c in zip(holders, [":", "#", "=", "{", "}", "~", "\n"], strict=True):
        text = text.replace(h, c)
    return text


def test_escape_writes_moodles_escapes_exactly() -> None:
    assert escape("a\\b ~ = # { } : c") == "a\\\\b \\~ \\= \\# \\{ \\} \\: c"
    assert escape("line\nbreak\r\nand") == "line\\nbreak\\nand"
    assert escape("->") == "->"  # neither - nor > can be escaped in GIFT
    assert typed_answer("A*da = x") == "A\\*da \\= x"


@given(st.text(alphabet=st.sampled_from(list("ab \\~=#{}:n\n&;0123456789"))))
def test_moodle_reads_back_exactly_what_was_escaped(text: str) -> None:
    assert moodle_unescape(escape(text)) == text


@pytest.fixture(scope="session")
def gift_parser() -> Path:
    """tests/js/parse_gift.js, with gift-pegjs installed beside it."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node and npm are needed to check GIFT with gift-pegjs (apt-get install nodejs npm)")
        pytest.skip("node and npm are not installed: the GIFT files are not checked with gift-pegjs")
    if not (JS / "node_modules" / "gift-pegjs").is_dir():
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(JS)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(f"`npm ci --prefix tests/js` failed:\n{done.stderr}")
    return JS / "parse_gift.js"


def parse_gift(parser: Path, text: str, folder: Path) -> list[dict[str, Any]]:
    path = folder / "export.gift"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(["node", str(parser), str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    parsed: list[dict[str, Any]] = json.loads(done.stdout)
    return parsed


def _unpadded(text: str) -> str:
    return re.sub(r"\s*_____\s*", "_____", text)


def _h(text: str) -> str:
    return html.escape(text, quote=False)


def check_parsed(item: dict[str, Any], question: Question, bank: QuestionBank) -> None:
    """One question as gift-pegjs read it, against the engine's question."""
    assert item["title"] == question.id
    assert item["stem"]["format"] == "html"
    feedback = item["globalFeedback"]["text"]
    assert _h(question.explanation) in feedback
    deck = bank.deck_of(question)
    for ref in question.sources:
        assert _h(deck.source(ref.id).title) in feedback
    if isinstance(question, MultipleChoiceQuestion):
        assert item["type"] == "MC"
        assert item["stem"]["text"] == f"<p>{_h(question.prompt)}</p>"
        assert [html.unescape(c["text"]["text"]) for c in item["choices"]] == question.choices
        assert [c["isCorrect"] for c in item["choices"]] == [c == question.answer for c in question.choices]
    elif isinstance(question, TrueFalseQuestion):
        assert item["type"] == "TF"
        assert item["stem"]["text"] == f"<p>{_h(question.prompt)}</p>"
        assert item["isTrue"] is question.answer
        # Moodle reads the first feedback as the one for a wrong answer (gift-pegjs calls it trueFeedback).
        assert item["trueFeedback"]["text"].startswith("No: the statement is")
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        expected_stem = (
            _h(shown_prompt(question))
            if isinstance(question, FillInQuestion)
            else f"<p>{_h(question.prompt)}</p>"
        )
        # Moodle puts "_____" exactly where the answers were; gift-pegjs pads it with spaces.
        assert _unpadded(item["stem"]["text"]) == _unpadded(expected_stem)
        number = plain_number(question)
        if number is not None:
            assert item["type"] == "Numerical"
            assert item["choices"]["number"] == float(number)
            assert item["choices"]["range"] == 0
        else:
            assert item["type"] == "Short"
            # Like Moodle, gift-pegjs keeps `\*`: Moodle's shortanswer reads it as a literal *.
            texts = [c["text"]["text"] for c in item["choices"]]
            carried = [a for a in typed_answers(question) if unsayable(a) is None]
            assert texts == [a.replace("*", "\\*") for a in carried]
            assert all(c["isCorrect"] for c in item["choices"])
    elif isinstance(question, TimelineQuestion):
        assert item["type"] == "Matching"
        pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in item["matchPairs"]]
        assert pairs == [(_h(e), POSITIONS[question.answer.index(e)]) for e in question.choices]
        for date in question.dates:
            assert date in feedback
    else:
        assert isinstance(question, MatchingQuestion)
        assert item["type"] == "Matching"
        pairs = [(p["subquestion"]["text"], moodle_format_string(p["subanswer"])) for p in item["matchPairs"]]
        assert pairs == [(_h(p.statement), p.answer) for p in question.answer]


def check_file(parser: Path, bank: QuestionBank, folder: Path) -> list[dict[str, Any]]:
    result = gift(bank)
    parsed = parse_gift(parser, result.text, folder)
    left_out = [n for n in result.notices if n.startswith("left out of the GIFT file")]
    written = [q for q in bank.questions if not any(f"{q.id} (" in n for n in left_out)]
    items = [item for item in parsed if item["type"] != "Category"]
    categories = [item["title"] for item in parsed if item["type"] == "Category"]
    assert len(categories) == len(bank.groups)
    assert len(items) == len(written) == result.written
    for item, question in zip(items, written, strict=True):
        check_parsed(item, question, bank)
    return parsed


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return hostile_deck(tmp_path_factory.mktemp("gift"))


def test_bundled_bank_parses_back_question_by_question(gift_parser: Path, tmp_path: Path) -> None:
    bank = build_bank([bundled_deck()])
    parsed = check_file(gift_parser, bank, tmp_path)
    assert sum(item["type"] == "Matching" for item in parsed) == sum(
        q.type in {"timeline", "matching"} for q in bank.questions
    )


def test_hostile_deck_parses_back_as_data(gift_parser: Path, hostile: Deck, tmp_path: Path) -> None:
    """Markup, GIFT specials, backslashes, a tab and RTL text come back exactly, as text."""
    bank = build_bank([hostile])
    parsed = check_file(gift_parser, bank, tmp_path)
    assert {item["type"] for item in parsed} == {"Category", "MC", "TF", "Short", "Numerical", "Matching"}
    text = gift(bank).text
    assert "<script" not in text.replace("// Quotes from 'Notes <script>", "")  # only the comment line
    assert "\\{the \\= first\\} \\~ \\#1\\: a\\\\b" in text


def test_typed_answers_with_an_arrow_are_left_out_with_a_notice(hostile: Deck) -> None:
    """`{=Grace -> Hopper}` would import as a matching question: GIFT cannot carry it, so it is named."""
    result = gift(build_bank([hostile]))
    left_out = [n for n in result.notices if n.startswith("left out of the GIFT file")]
    assert left_out and "hostile:arrow-fact:fill_in" in left_out[0] and "'->'" in left_out[0]
    assert "::hostile\\:arrow-fact\\:fill_in::" not in result.text
    assert "::hostile\\:arrow-fact\\:short_answer::" not in result.text
    assert "-> Grace -> Hopper" in result.text  # in matching, Moodle splits at the first '->': safe
    assert any("timeline(s) written as matching" in n for n in result.notices)


def test_fill_in_puts_the_answers_where_the_blank_is(hostile: Deck) -> None:
    text = gift(build_bank([hostile])).text
    assert "::hostile\\:tag-fact\\:fill_in::[html]The tag &lt;script&gt;" in text
    assert "is written by {\n\t=Ada\n\t=A\\*da\n\t=Ada, Countess\n\t####" in text


def test_export_gift_to_stdout_and_file(run_cli: RunCli, tmp_path: Path, gift_parser: Path) -> None:
    deck = hostile_deck_file(tmp_path)
    done = run_cli("export", "gift", "--deck", deck, "-o", "-")
    assert done.returncode == 0, done.stderr
    assert "note: left out of the GIFT file: hostile:arrow-fact:fill_in" in done.stderr
    assert done.stdout == gift(build_bank([hostile_deck(tmp_path)])).text
    out = tmp_path / "quiz.txt"
    done = run_cli("export", "gift", "--deck", deck, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stderr and "(GIFT)" in done.stderr
    parse_gift(gift_parser, out.read_text(encoding="utf-8"), tmp_path)


def _block(text: str, question_id: str) -> str:
    start = text.index(f"::{escape(question_id)}::")
    return text[start : text.index("\n}", start)]


def test_choices_that_start_like_a_grade_or_a_format_keep_it_in_moodle(hostile: Deck) -> None:
    """`%100%Trap choice` would be a wrong answer worth full marks, `[html]Plain` would lose its
    start: Moodle's GIFT importer reads them as written."""
    bank = build_bank([hostile])
    question = next(q for q in bank.questions if q.id == "hostile:amp-fact:multiple_choice")
    assert isinstance(question, MultipleChoiceQuestion)
    lines = [
        line[1:] for line in _block(gift(bank).text, question.id).split("\n") if line[:2] in ("\t~", "\t=")
    ]
    read = [moodle_gift_answer(line[1:]) for line in lines]
    assert [grade for grade, _, _ in read] == [None] * len(read), "no answer carries a grade"
    assert [html.unescape(text) for _, _, text in read] == question.choices
    assert {fmt for _, fmt, _ in read} == {"html"}
    assert [line[0] == "=" for line in lines] == [c == question.answer for c in question.choices]


def test_aliases_that_start_like_a_grade_or_a_format_are_left_out_with_a_notice(hostile: Deck) -> None:
    result = gift(build_bank([hostile]))
    notice = next(n for n in result.notices if n.startswith("accepted answers left out"))
    assert "hostile:port-fact:short_answer: '%50%Sevastopol' starts like a grade" in notice
    assert "hostile:pact-fact:fill_in: '[html]Mutual' starts with a text format" in notice
    block = _block(result.text, "hostile:port-fact:short_answer")
    answers = [
        moodle_gift_answer(line[2:], default_format="html")
        for line in block.split("\n")
        if line.startswith("\t=")
    ]
    assert answers == [(None, "html", "Sevastopol")], "the question keeps its answer, no grade"


def test_category_names_and_matching_answers_show_as_written_in_moodle(hostile: Deck) -> None:
    """Moodle cleans category names as PARAM_TEXT and shows matching answers through format_string,
    both stripping tags: `<cases>` and `<Understanding>` survive."""
    bank = build_bank([hostile])
    text = gift(bank).text
    paths = [
        moodle_category_names(moodle_gift_unescape(line)[len("$CATEGORY:") :].strip())
        for line in text.split("\n")
        if line.startswith("$CATEGORY:")
    ]
    title = " ".join(hostile.title.split())
    assert paths == [["rutw-quiz", title, " ".join(g.label.split())] for g in bank.groups]
    block = _block(text, "hostile:amp-fact+club-fact+league-fact+pact-fact:matching")
    shown = [
        moodle_format_string(moodle_gift_unescape(line.split("->", 1)[1]).strip())
        for line in block.split("\n")
        if line.startswith("\t=")
    ]
    assert sorted(shown) == sorted(
        ['"Mutual" <Understanding>', "League <of> Nations & friends", "Q & <A> & R", '<Club> & "Co"']
    )
