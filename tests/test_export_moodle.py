"""Moodle XML export: every element the importer reads, read as Moodle reads it, against the bank.

What is checked follows Moodle's importer: question/format/xml/format.php (import_headers,
import_multichoice, import_truefalse, import_shortanswer, import_numerical, import_match,
import_category), question/type/ordering/questiontype.php (import_from_xml: the answers in the
file's order are the right order) and question/format.php (create_category_path and
split_category_path: `//` is a literal slash; a duplicate idnumber in a category is dropped).
The file is read with `platform_readers.moodle_xmlize` (lib/xmlize.php: whitespace-only pieces of
text dropped), plain text shown through `moodle_format_string` (tags stripped), category names
through `moodle_category_names` (PARAM_TEXT), typed answers marked with
`moodle_shortanswer_matches` (compare_string_with_wildcard).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import RunCli
from platform_readers import (
    moodle_category_names,
    moodle_format_string,
    moodle_html_text,
    moodle_shortanswer_matches,
    moodle_xmlize,
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
from rutw_quiz.render.export_common import shown_prompt, typed_answers
from rutw_quiz.render.moodle_xml import IDNUMBER_MAX, idnumber, moodle_text, moodle_xml, moodle_xml_pieces
from test_export_decks import bundled_deck, hostile_deck, hostile_deck_file


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    assert found is not None, f"missing {path}"
    return found.text or ""


def _html_text(element: ET.Element, path: str) -> str:
    """A format="html" text as a student reads it: paragraphs joined by newlines, entities decoded."""
    return moodle_html_text(_text(element, path))


def parse(data: bytes) -> ET.Element:
    """The file as Moodle's XML reader reads it (and well-formed for any XML parser)."""
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    ET.fromstring(data)  # noqa: S314 - our own output, parsed to check it is well-formed
    return moodle_xmlize(data)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return hostile_deck(tmp_path_factory.mktemp("moodle"))


def check_question(element: ET.Element, question: Question, bank: QuestionBank) -> None:
    """One <question> against the engine's question: type, texts, answers, feedback."""
    assert _text(element, "idnumber") == idnumber(question.id)
    assert _text(element, "name/text") == f"{question.type.label}: {', '.join(question.fact_ids)}"
    assert element.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
    assert _html_text(element, "questiontext/text") == " ".join(shown_prompt(question).split("\n"))
    feedback = _html_text(element, "generalfeedback/text")
    assert " ".join(question.explanation.split("\n")) in feedback
    deck = bank.deck_of(question)
    for ref in question.sources:
        assert ref.section in feedback
        assert deck.source(ref.id).title in feedback
        assert ref.quote.strip('"') in feedback, "the quote as the source writes it"
    licensed = [deck.source(ref.id) for ref in question.sources if deck.source(ref.id).license]
    if licensed:
        source = licensed[0]
        assert f"Quotes from '{source.title}', {source.publisher}, {source.license}." in feedback
    qtype = element.get("type")
    answers = element.findall("answer")
    if isinstance(question, MultipleChoiceQuestion):
        assert qtype == "multichoice"
        assert _text(element, "single") == "true"
        shown = [_html_text(a, "text") for a in answers]
        assert shown == question.choices
        right = [_html_text(a, "text") for a in answers if a.get("fraction") == "100"]
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
            stored = [_text(a, "text").strip() for a in answers]
            assert {a.get("fraction") for a in answers} == {"100"}
            for typed, pattern in zip(typed_answers(question), stored, strict=True):
                assert moodle_shortanswer_matches(pattern, typed), (typed, pattern)
                if "*" not in typed:
                    assert not moodle_shortanswer_matches(pattern, typed + "x")
    elif isinstance(question, TimelineQuestion):
        assert qtype == "ordering"
        assert [_html_text(a, "text") for a in answers] == question.answer
        assert _text(element, "selecttype") == "ALL"
        assert _text(element, "layouttype") == "VERTICAL"
        assert _text(element, "shownumcorrect") == "1"
        for date in question.dates:
            assert date in feedback
    else:
        assert isinstance(question, MatchingQuestion)
        assert qtype == "matching"
        pairs = [
            (_html_text(sub, "text"), moodle_format_string(_text(sub, "answer/text")))
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
            names = moodle_category_names(_text(element, "category/text"))
            assert names == ["rutw-quiz", " ".join(group.deck.title.split()), " ".join(group.label.split())]
            continue
        key = _text(element, "idnumber")
        seen.append(key)
        check_question(element, questions[key], bank)
    assert next(expected, None) is None
    assert sorted(seen) == sorted(questions)
    assert len(seen) == len(set(seen)), "idnumbers must be unique"
    assert all(len(key) <= IDNUMBER_MAX for key in seen)


def test_the_emulated_reader_loses_what_moodle_loses() -> None:
    """The reader the tests use drops a space between two escaped characters, as Moodle's does."""
    plain = b"<quiz><text>Q &amp; &lt;A&gt; &amp; R</text></quiz>"
    assert moodle_xmlize(plain).findtext("text") == "Q &<A>& R"
    written = f"<quiz><text>{moodle_text('Q & <A> & R')}</text></quiz>".encode()
    assert moodle_xmlize(written).findtext("text") == "Q & <A> & R"
    assert moodle_format_string("a <Understanding> b") == "a  b"
    assert moodle_category_names("rutw-quiz/A <relations> & B") == ["rutw-quiz", "A  & B"]


def test_text_with_markup_is_cdata_and_a_cdata_end_inside_it_is_split() -> None:
    assert moodle_text("plain text") == "plain text"
    assert moodle_text("Q & <A>") == "<![CDATA[Q & <A>]]>"
    assert moodle_text("a ]]> b") == "<![CDATA[a ]]]]><![CDATA[> b]]>"
    assert moodle_text("line\nbreak\ufffe") == "line break"
    wrapped = f"<t>{moodle_text('x ]]> & ]]]]> y')}</t>".encode()
    assert moodle_xmlize(wrapped).text == "x ]]> & ]]]]> y"


def test_bundled_bank_round_trips_every_question() -> None:
    bank = build_bank([bundled_deck()])
    check_file(moodle_xml(bank), bank)


def test_hostile_deck_round_trips_as_data(hostile: Deck) -> None:
    """Markup, GIFT specials, backslashes, tabs and RTL text arrive as written, escaped, never as markup."""
    bank = build_bank([hostile])
    data = moodle_xml(bank)
    check_file(data, bank)
    text = data.decode("utf-8")
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in text  # HTML-escaped inside CDATA
    assert "<script>" not in re.sub(r"<!\[CDATA\[.*?\]\]>", "", text, flags=re.DOTALL)
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


def test_a_typed_answer_with_markup_characters_is_marked_right_after_import(hostile: Deck) -> None:
    """`Q & <A> & R` keeps both spaces through Moodle's reader, so the exact answer is accepted."""
    root = parse(moodle_xml(build_bank([hostile])))
    element = next(e for e in root if e.findtext("idnumber") == "hostile:amp-fact:short_answer")
    stored = [a.findtext("text") or "" for a in element.findall("answer")]
    assert moodle_shortanswer_matches(stored[0], "Q & <A> & R")
    assert moodle_shortanswer_matches(stored[1], "Q &amp; A")


def test_matching_answers_and_category_names_keep_text_that_looks_like_a_tag(hostile: Deck) -> None:
    root = parse(moodle_xml(build_bank([hostile])))
    shown = {moodle_format_string(a.text or "") for a in root.iter("answer") if a.find("feedback") is None}
    shown |= {moodle_format_string(t.text or "") for s in root.iter("subquestion") for t in s.iter("text")}
    assert {
        '"Mutual" <Understanding>',
        "League <of> Nations & friends",
        "Q & <A> & R",
        '<Club> & "Co"',
    } <= shown
    paths = [moodle_category_names(c.findtext("text") or "") for c in root.iter("category")]
    assert [
        "rutw-quiz",
        'Hostile <b>deck</b> / {braces} & "quotes" <relations> &amp; ]]> /',
        "/Cells = +1 & @sum <cases> 'quoted' //",
    ] in paths


def test_the_file_is_written_a_question_at_a_time(hostile: Deck) -> None:
    """One piece per category and question, so the whole document never sits in memory."""
    bank = build_bank([hostile])
    pieces = list(moodle_xml_pieces(bank))
    assert len(pieces) == len(bank.questions) + len(bank.groups) + 2
    assert "".join(pieces).encode("utf-8") == moodle_xml(bank)


def test_characters_xml_cannot_hold_never_reach_the_file(hostile: Deck) -> None:
    """A deck made in code (not read from a file, where `validate` refuses them) with U+FFFE,
    U+FFFF or a lone surrogate still gives a well-formed file."""
    fact = hostile.facts[0]
    odd = fact.model_copy(update={"prompt": "Who writes \ufffe\uffff\ud800 the notes?"})
    deck = hostile.model_copy(update={"facts": [odd, *hostile.facts[1:]]})
    data = moodle_xml(build_bank([deck]))
    root = parse(data)
    texts = [
        e.findtext("questiontext/text") or ""
        for e in root
        if e.findtext("idnumber", "").startswith("hostile:tag-fact:short_answer")
    ]
    assert texts == ["<p>Who writes  the notes?</p>"]


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
