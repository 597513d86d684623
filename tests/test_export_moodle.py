"""Moodle XML export: every element the importer reads, checked against the bank it came from.

What is checked follows Moodle's importer: question/format/xml/format.php (import_headers,
import_multichoice, import_truefalse, import_shortanswer, import_numerical, import_match,
import_category), question/type/ordering/questiontype.php (import_from_xml: the answers in the
file's order are the right order) and question/format.php (create_category_path and
split_category_path: `//` is a literal slash; a duplicate idnumber in a category is dropped).
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
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
from rutw_quiz.questions.bank import QuestionBank, build_bank
from rutw_quiz.render.export_common import shown_prompt
from rutw_quiz.render.moodle_xml import IDNUMBER_MAX, idnumber, moodle_xml
from test_export_decks import bundled_deck, hostile_deck, hostile_deck_file


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, f"missing {path}"
    return found.text or ""


def _html_text(element: ET.Element, path: str) -> str:
    """A format="html" text as a student reads it: paragraphs joined by newlines, entities decoded."""
    holder = element.find(path.rsplit("/", 1)[0]) if "/" in path else element
    assert holder is not None
    raw = _text(element, path)
    assert "<script" not in raw, "markup from the deck must arrive escaped"
    paragraphs = re.findall(r"<p>(.*?)</p>", raw, flags=re.DOTALL)
    assert "".join(f"<p>{p}</p>" for p in paragraphs) == raw or not paragraphs
    return "\n".join(html.unescape(p) for p in paragraphs) if paragraphs else html.unescape(raw)


def parse(data: bytes) -> ET.Element:
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(data)  # noqa: S314 - our own output, parsed to check it


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return hostile_deck(tmp_path_factory.mktemp("moodle"))


def check_question(element: ET.Element, question: Question, bank: QuestionBank) -> None:
    """One <question> against the engine's question: type, texts, answers, feedback."""
    assert _text(element, "idnumber") == idnumber(question.id)
    assert _text(element, "name/text") == f"{question.type.label}: {', '.join(question.fact_ids)}"
    assert element.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
    assert _html_text(element, "questiontext/text") == shown_prompt(question)
    feedback = _html_text(element, "generalfeedback/text")
    assert question.explanation in feedback
    deck = bank.deck_of(question)
    for ref in question.sources:
        assert ref.section in feedback
        assert deck.source(ref.id).title in feedback
    licensed = [deck.source(ref.id) for ref in question.sources if deck.source(ref.id).license]
    if licensed:
        source = licensed[0]
        assert f"Quotes from '{source.title}', {source.publisher}, {source.license}." in feedback
    qtype = element.get("type")
    answers = element.findall("answer")
    if isinstance(question, MultipleChoiceQuestion):
        assert qtype == "multichoice"
        assert _text(element, "single") == "true"
        shown = [html.unescape(_text(a, "text")) for a in answers]
        assert shown == question.choices
        right = [html.unescape(_text(a, "text")) for a in answers if a.get("fraction") == "100"]
        assert right == [question.answer]
        assert all(a.get("fraction") in {"0", "100"} for a in answers)
    elif isinstance(question, TrueFalseQuestion):
        assert qtype == "truefalse"
        by_text = {_text(a, "text"): a.get("fraction") for a in answers}
        assert by_text == (
            {"true": "100", "false": "0"} if question.answer else {"true": "0", "false": "100"}
        )
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        if qtype == "numerical":
            assert [_text(a, "text") for a in answers] == [question.answer.replace(",", "")]
            assert _text(answers[0], "tolerance") == "0"
        else:
            assert qtype == "shortanswer"
            assert _text(element, "usecase") == "0"
            texts = [_text(a, "text") for a in answers]
            expected = [question.answer, *question.accepted]
            assert [t.replace("\\*", "*") for t in texts] == expected
            assert all("*" not in t.replace("\\*", "") for t in texts), "a literal * must be escaped"
            assert {a.get("fraction") for a in answers} == {"100"}
    elif isinstance(question, TimelineQuestion):
        assert qtype == "ordering"
        assert [html.unescape(_text(a, "text")) for a in answers] == question.answer
        assert _text(element, "selecttype") == "ALL"
        assert _text(element, "layouttype") == "VERTICAL"
        for date in question.dates:
            assert date in feedback
    else:
        assert isinstance(question, MatchingQuestion)
        assert qtype == "matching"
        pairs = [
            (html.unescape(_text(sub, "text")), _text(sub, "answer/text"))
            for sub in element.findall("subquestion")
        ]
        assert pairs == [(p.statement, p.answer) for p in question.answer]


def check_file(data: bytes, bank: QuestionBank) -> None:
    root = parse(data)
    assert root.tag == "quiz"
    expected = iter(bank.groups)
    questions: dict[str, Question] = {idnumber(q.id): q for q in bank.questions}
    seen: list[str] = []
    for element in root:
        if element.get("type") == "category":
            group = next(expected)
            path = _text(element, "category/text")
            title, topic = (name.replace("/", "//") for name in (group.deck.title, group.label))
            assert path == f"rutw-quiz/{title}/{topic}"
            continue
        key = _text(element, "idnumber")
        seen.append(key)
        check_question(element, questions[key], bank)
    assert next(expected, None) is None
    assert sorted(seen) == sorted(questions)
    assert len(seen) == len(set(seen)), "idnumbers must be unique"
    assert all(len(key) <= IDNUMBER_MAX for key in seen)


def test_bundled_bank_round_trips_every_question() -> None:
    bank = build_bank([bundled_deck()])
    check_file(moodle_xml(bank), bank)


def test_hostile_deck_round_trips_as_data(hostile: Deck) -> None:
    """Markup, GIFT specials, backslashes, tabs and RTL text arrive as written, escaped, never as markup."""
    bank = build_bank([hostile])
    data = moodle_xml(bank)
    check_file(data, bank)
    text = data.decode("utf-8")
    assert "<script" not in text and "&lt;script" not in text  # escaped twice: XML, then HTML
    assert "&amp;lt;script&amp;gt;alert('x')&amp;lt;/script&amp;gt;" in text
    assert "Scripts: עברית // العربية" in text  # the topic's '/' doubled in the category path
    assert "<text>A\\*da</text>" in text  # Moodle's shortanswer wildcard escaped
    types = {e.get("type") for e in parse(data)}
    assert types == {
        "category",
        "multichoice",
        "truefalse",
        "shortanswer",
        "numerical",
        "ordering",
        "matching",
    }


def test_numerical_only_for_plain_years_and_numbers(hostile: Deck) -> None:
    bank = build_bank([hostile])
    root = parse(moodle_xml(bank))
    numerical = [e for e in root if e.get("type") == "numerical"]
    assert {_text(e, "answer/text") for e in numerical} == {"1846"}


def test_long_question_ids_get_a_hashed_idnumber_within_moodles_limit() -> None:
    long_id = "deck:" + "+".join(f"fact-number-{i}-with-a-long-slug" for i in range(4)) + ":timeline"
    short = idnumber(long_id)
    assert len(long_id) > IDNUMBER_MAX and len(short) == IDNUMBER_MAX
    assert short.startswith(long_id[:80]) and short != idnumber(long_id.replace("0", "9"))
    assert idnumber("deck:fact:multiple_choice") == "deck:fact:multiple_choice"


def test_export_moodle_writes_the_bank_and_is_the_same_on_every_run(run_cli: RunCli, tmp_path: Path) -> None:
    first, second = tmp_path / "a.xml", tmp_path / "b.xml"
    done = run_cli("export", "moodle", "-o", first)
    assert done.returncode == 0, done.stderr
    assert re.search(r"wrote .*a\.xml: \d+ questions in \d+ topics \(Moodle XML\)", done.stderr)
    assert run_cli("export", "moodle", "-o", second).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    bank = build_bank([bundled_deck()])
    check_file(first.read_bytes(), bank)


def test_export_moodle_with_n_writes_the_questions_command_set(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("export", "moodle", "-n", "6", "--seed", "3", "-o", "-")
    assert done.returncode == 0, done.stderr
    listed = run_cli("questions", "-n", "6", "--seed", "3", "--json")
    ids = [item["id"] for item in json.loads(listed.stdout)]
    root = parse(done.stdout.encode("utf-8"))
    assert sorted(_text(e, "idnumber") for e in root if e.get("type") != "category") == sorted(
        idnumber(i) for i in ids
    )


def test_export_moodle_of_a_deck_file_defaults_to_the_deck_id(run_cli: RunCli, tmp_path: Path) -> None:
    deck = hostile_deck_file(tmp_path)
    done = run_cli("export", "moodle", "--deck", deck, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "hostile.xml").is_file()
    assert not list(tmp_path.glob(".hostile.xml.*")), "no temporary file left behind"
