"""Canvas QTI 1.2 export: the zip read back with zipfile and ElementTree, every item checked against
the bank, and the multiple-choice, true/false, short-answer and numerical items compared element by
element with what text2qti (PyPI) writes for the same questions.

Where Canvas reads an item its own way, the check reads it so too (`platform_readers`): a choice's
plain-text copy (choice_interaction.rb get_answers, html_helper.rb clear_html) and a matching
option's match id, the first digit run of its ident after QTIMigrationTool has made the ident an
NMTOKEN (associate_interaction.rb get_canvas_matches; lib/imsqtiv1.py CheckNMTOKEN).
"""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import RunCli
from platform_readers import canvas_choice_text, canvas_match_id, qti_migration_ident
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
from rutw_quiz.render.qti import POSITIONS, canvas_type, ident, qti_zip
from test_export_decks import bundled_deck, hostile_deck, hostile_deck_file

NS = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
# Attributes whose values carry meaning (the rest are identifiers, compared by presence only).
MEANINGFUL = {
    "rcardinality",
    "fibtype",
    "texttype",
    "varname",
    "action",
    "vartype",
    "feedbacktype",
    "continue",
}


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)  # noqa: S314 - our own output, parsed to check it


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}


def paragraphs(mattext: ET.Element | None) -> list[str]:
    assert mattext is not None
    raw = mattext.text or ""
    if mattext.get("texttype") != "text/html":
        return [raw]
    assert "<script" not in raw, "deck markup must arrive escaped"
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", raw, flags=re.DOTALL)]


def field(item: ET.Element, label: str) -> str:
    for box in item.iterfind("q:itemmetadata/q:qtimetadata/q:qtimetadatafield", NS):
        if box.findtext("q:fieldlabel", namespaces=NS) == label:
            return box.findtext("q:fieldentry", default="", namespaces=NS)
    raise AssertionError(f"no {label}")


def skeleton(element: ET.Element, *, choice: bool = False) -> tuple[Any, ...]:
    """An element's shape: tag, attribute names (with meaningful values), children; no text or ids.

    A choice's text type is left out: text2qti writes every choice as HTML, Canvas's own exporter
    (and this one) a plain one as text/plain."""
    tag = element.tag.split("}")[-1]
    attributes = tuple(
        sorted(
            (k, v if k in MEANINGFUL and not (choice and k == "texttype") else "")
            for k, v in element.attrib.items()
        )
    )
    inside = choice or tag == "response_label"
    return (tag, attributes, tuple(skeleton(child, choice=inside) for child in element))


def labels(lid: ET.Element) -> dict[str, list[str]]:
    return {
        label.get("ident", ""): paragraphs(label.find("q:material/q:mattext", NS))
        for label in lid.iterfind("q:render_choice/q:response_label", NS)
    }


def canvas_texts(lid: ET.Element) -> list[str]:
    """The plain-text copy Canvas keeps of each choice."""
    texts = []
    for mattext in lid.iterfind("q:render_choice/q:response_label/q:material/q:mattext", NS):
        texts.append(canvas_choice_text(mattext.get("texttype", ""), mattext.text or ""))
    return texts


def canvas_matches(item: ET.Element) -> list[tuple[str, str]]:
    """(statement, option text) per statement of a matching item, as Canvas pairs them: by match id."""
    conditions = item.findall("q:resprocessing/q:respcondition", NS)[1:]
    pairs = []
    for lid in item.iterfind("q:presentation/q:response_lid", NS):
        options = {
            canvas_match_id(qti_migration_ident(label.get("ident", ""))): label.findtext(
                "q:material/q:mattext", namespaces=NS
            )
            for label in lid.iterfind("q:render_choice/q:response_label", NS)
        }
        assert None not in options and len(options) == len(labels(lid)), "each option its own match id"
        chosen = next(
            c.findtext("q:conditionvar/q:varequal", namespaces=NS) or ""
            for c in conditions
            if c.find("q:conditionvar/q:varequal", NS).get("respident") == lid.get("ident")  # type: ignore[union-attr]
        )
        statement = lid.findtext("q:material/q:mattext", namespaces=NS) or ""
        pairs.append((statement, options[canvas_match_id(qti_migration_ident(chosen))] or ""))
    return pairs


def check_item(item: ET.Element, question: Question, bank: QuestionBank) -> None:
    assert item.get("ident") == ident(question.id)
    assert item.get("title") == question.id
    assert field(item, "question_type") == canvas_type(question)
    feedback = "\n".join(paragraphs(item.find("q:itemfeedback/q:flow_mat/q:material/q:mattext", NS)))
    assert question.explanation in feedback
    deck = bank.deck_of(question)
    for ref in question.sources:
        assert deck.source(ref.id).title in feedback and ref.section in feedback
    stem = paragraphs(item.find("q:presentation/q:material/q:mattext", NS))
    conditions = item.findall("q:resprocessing/q:respcondition", NS)
    if isinstance(question, MultipleChoiceQuestion | TrueFalseQuestion):
        assert stem == [question.prompt]
        lid = item.find("q:presentation/q:response_lid", NS)
        assert lid is not None
        shown = labels(lid)
        texts = question.choices if isinstance(question, MultipleChoiceQuestion) else ["True", "False"]
        assert [t[0] for t in shown.values()] == texts
        assert canvas_texts(lid) == [t.strip() for t in texts]
        right = [c.findtext("q:conditionvar/q:varequal", namespaces=NS) for c in conditions[1:]]
        expected = question.answer if isinstance(question, MultipleChoiceQuestion) else str(question.answer)
        assert [shown[r][0] for r in right if r] == [expected]
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        number = plain_number(question)
        values = [v.text for v in conditions[1].iter(f"{{{NS['q']}}}varequal")]
        if number is not None:
            assert values == [number]
            assert stem == [shown_prompt(question)]
        elif canvas_type(question) == "fill_in_multiple_blanks_question":
            assert stem == [shown_prompt(question).replace("_____", "[blank]", 1)]
            lid = item.find("q:presentation/q:response_lid", NS)
            assert lid is not None and lid.get("ident") == "response_blank"
            shown = labels(lid)
            assert [t[0] for t in shown.values()] == typed_answers(question)
            scored = [c.findtext("q:conditionvar/q:varequal", namespaces=NS) for c in conditions[1:]]
            assert scored == list(shown)
        else:
            assert stem == [shown_prompt(question)]
            assert values == typed_answers(question)
    else:
        if isinstance(question, TimelineQuestion):
            expected_pairs = [(e, POSITIONS[question.answer.index(e)]) for e in question.choices]
        else:
            assert isinstance(question, MatchingQuestion)
            expected_pairs = [(p.statement, p.answer) for p in question.answer]
        assert canvas_matches(item) == expected_pairs


def check_zip(data: bytes, bank: QuestionBank) -> None:
    files = unzip(data)
    aid = qti_zip(bank).assessment_id
    assert set(files) == {"imsmanifest.xml", f"{aid}/{aid}.xml", f"{aid}/assessment_meta.xml"}
    manifest = parse(files["imsmanifest.xml"])
    hrefs = {f.get("href") for f in manifest.iter("{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}file")}
    assert hrefs == {f"{aid}/{aid}.xml", f"{aid}/assessment_meta.xml"}
    root = parse(files[f"{aid}/{aid}.xml"])
    sections = root.findall("q:assessment/q:section/q:section", NS)
    assert len(sections) == len(bank.groups)
    for section, group in zip(sections, bank.groups, strict=True):
        assert section.get("title") == group.label
        assert section.findtext("q:selection_ordering/q:selection/q:selection_number", namespaces=NS) == str(
            len(group.questions)
        )
        items = section.findall("q:item", NS)
        assert len(items) == len(group.questions)
        for item, question in zip(items, group.questions, strict=True):
            check_item(item, question, bank)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Deck:
    return hostile_deck(tmp_path_factory.mktemp("qti"))


def test_bundled_bank_reads_back_item_by_item() -> None:
    bank = build_bank([bundled_deck()])
    check_zip(qti_zip(bank).data, bank)


def test_hostile_deck_reads_back_as_data(hostile: Deck) -> None:
    bank = build_bank([hostile])
    made = qti_zip(bank)
    check_zip(made.data, bank)
    assert {canvas_type(q) for q in bank.questions} == {
        "multiple_choice_question",
        "true_false_question",
        "short_answer_question",
        "fill_in_multiple_blanks_question",
        "numerical_question",
        "matching_question",
    }
    assert made.notices == [
        "QTI 1.2 has no ordering question Canvas imports: 1 timeline(s) written as matching"
    ]


def test_the_same_bank_gives_the_same_zip(hostile: Deck) -> None:
    assert qti_zip(build_bank([hostile])).data == qti_zip(build_bank([hostile])).data


def _text2qti_items(quiz_text: str) -> list[ET.Element]:
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    config = Config()
    config.load()
    files = unzip(QTI(Quiz(quiz_text, config=config, source_name="<test>")).zip_bytes())
    name = next(n for n in files if n.endswith(".xml") and "meta" not in n and "manifest" not in n)
    return parse(files[name]).findall(".//q:item", NS)


def test_items_have_the_shape_text2qti_gives_the_same_questions(hostile: Deck) -> None:
    """Multiple choice, true/false, short answer and numerical items match text2qti's element for
    element (tags, attributes, nesting; identifiers and text aside)."""
    bank = build_bank([hostile])
    by_type = {canvas_type(q): q for q in reversed(bank.questions)}
    mc = by_type["multiple_choice_question"]
    tf = by_type["true_false_question"]
    sa = by_type["short_answer_question"]
    num = by_type["numerical_question"]
    assert isinstance(mc, MultipleChoiceQuestion) and isinstance(tf, TrueFalseQuestion)
    assert isinstance(sa, FillInQuestion | ShortAnswerQuestion)
    mc_choices = "\n".join(
        f"{'*' if c == mc.answer else ''}{chr(97 + i)}) choice {i}" for i, c in enumerate(mc.choices)
    )
    tf_choices = "*a) True\nb) False" if tf.answer else "a) True\n*b) False"
    sa_answers = "\n".join(f"* answer {i}" for i in range(len(typed_answers(sa))))
    quiz_text = (
        "Quiz title: T\nQuiz description: D\n\n"
        f"1. Question one\n... Feedback\n{mc_choices}\n\n"
        f"2. Question two\n... Feedback\n{tf_choices}\n\n"
        f"3. Question three\n... Feedback\n{sa_answers}\n\n"
        "4. Question four\n... Feedback\n= 1846\n"
    )
    theirs = _text2qti_items(quiz_text)
    ours_root = parse(
        unzip(qti_zip(bank).data)[f"{qti_zip(bank).assessment_id}/{qti_zip(bank).assessment_id}.xml"]
    )
    ours = {item.get("title"): item for item in ours_root.iter(f"{{{NS['q']}}}item")}
    for mine, reference in zip((mc, tf, sa, num), theirs, strict=True):
        assert skeleton(ours[mine.id]) == skeleton(reference), mine.id


def test_export_qti_through_the_command(run_cli: RunCli, tmp_path: Path) -> None:
    deck = hostile_deck_file(tmp_path)
    out = tmp_path / "bank.zip"
    done = run_cli("export", "qti", "--deck", deck, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "note: QTI 1.2 has no ordering question Canvas imports" in done.stderr
    check_zip(out.read_bytes(), build_bank([hostile_deck(tmp_path)]))


def test_qti_from_a_deck_made_in_code_with_noncharacters_is_well_formed(hostile: Deck) -> None:
    deck = hostile
    fact = deck.facts[0].model_copy(update={"prompt": "Who \ufffe\uffff writes?"})
    bank = build_bank([deck.model_copy(update={"facts": [fact, *deck.facts[1:]]})])
    made = qti_zip(bank)
    with zipfile.ZipFile(io.BytesIO(made.data)) as archive:
        for name in archive.namelist():
            ET.fromstring(archive.read(name))  # noqa: S314 - our own output, parsed to check it
        text = archive.read(f"{made.assessment_id}/{made.assessment_id}.xml").decode("utf-8")
    assert "Who  writes?" in text
