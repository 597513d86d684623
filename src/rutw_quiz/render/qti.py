"""Canvas QTI 1.2: a .zip for Canvas's "Import Course Content → QTI .zip file" (Brightspace and
Schoology read QTI 1.2 too).

The zip holds what Canvas's own exports and text2qti hold: `imsmanifest.xml`, one assessment
`<id>/<id>.xml` (questestinterop, IMS QTI ASI 1.2) and Canvas's `<id>/assessment_meta.xml`.
Each topic is a section (a Canvas question group) that picks all its questions, so a teacher can
lower the number to draw a random quiz. Per type, in Canvas's `question_type` vocabulary:

- multiple choice → multiple_choice_question; true or false → true_false_question (response_lid,
  one right label scoring 100);
- short answer → short_answer_question (one varequal per accepted answer), or numerical_question
  (exact value) when the answer is a plain year or number;
- fill-in → fill_in_multiple_blanks_question with one blank `[blank]` whose accepted answers
  are the answer and its aliases (short_answer_question where the text has square brackets of its
  own, which Canvas would also read as blanks; numerical_question for plain numbers);
- matching → matching_question (a response_lid per statement, each scoring its share);
  a timeline → matching of each event to its position, with a notice.

Item idents are `rutw_` and a hash of the question id, so a re-export names each question the
same. The question id is the item's title. Question text and feedback are HTML
(`texttype="text/html"`) escaped from the deck's plain text; general feedback carries the
explanation, the sources and the licence attribution. How Canvas reads the file decides the rest
(canvas-lms gems/plugins/qti_exporter, after instructure/QTIMigrationTool turns the file into
QTI 2.1):
- Choices are plain text (`texttype="text/plain"`), as Canvas's own exporter writes a choice
  without markup: Canvas keeps a plain-text copy of every answer (for reports and item analysis)
  and makes it from HTML by deleting every named entity (html_helper.rb clear_html), so
  `A &amp; B` would become `A  B`; plain text it keeps as written.
- A matching option's ident is a whole number (1, 2, 3 …), as in Canvas's own export: Canvas
  takes an option's match id from the first run of digits in its ident
  (associate_interaction.rb get_canvas_matches), so idents sharing a hash prefix would all read
  as the same option.
- The assessment is written into the zip as it is made, an item at a time, so memory stays flat
  in the deck (the zip holds it compressed).
"""

from __future__ import annotations

import hashlib
import html
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from rutw_quiz.questions.bank import QuestionBank
from rutw_quiz.questions.models import (
    BLANK,
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.render.export_common import (
    all_sources,
    feedback_lines,
    licensed_attribution,
    plain_number,
    shown_prompt,
    typed_answers,
)
from rutw_quiz.render.xml_stream import XmlWriter, attributes, declaration

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
IMSMD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
BLANK_ID = "blank"
POSITIONS = ("1st (earliest)", "2nd", "3rd", "4th", "5th", "6th")
TIMELINE_PROMPT = "Match each event with its place in time, 1st being the earliest."
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def ident(text: str) -> str:
    """A QTI identifier for `text`: `rutw_` and 32 hex digits of its SHA-256."""
    return "rutw_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def canvas_type(question: Question) -> str:
    """The Canvas question_type a question is written as."""
    if isinstance(question, MultipleChoiceQuestion):
        return "multiple_choice_question"
    if isinstance(question, TrueFalseQuestion):
        return "true_false_question"
    if isinstance(question, FillInQuestion | ShortAnswerQuestion):
        if plain_number(question) is not None:
            return "numerical_question"
        if isinstance(question, FillInQuestion) and "[" not in shown_prompt(question):
            return "fill_in_multiple_blanks_question"
        return "short_answer_question"
    return "matching_question"


def _html(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)


HTML = ' texttype="text/html"'
PLAIN = ' texttype="text/plain"'


def _mattext(xml: XmlWriter, text: str, texttype: str = HTML) -> None:
    xml.start("material")
    xml.leaf("mattext", text, texttype)
    xml.end("material")


def _field(xml: XmlWriter, label: str, entry: str) -> None:
    xml.start("qtimetadatafield")
    xml.leaf("fieldlabel", label)
    xml.leaf("fieldentry", entry)
    xml.end("qtimetadatafield")


def _labels(xml: XmlWriter, idents: list[str], texts: list[str]) -> None:
    xml.start("render_choice")
    for label_id, text in zip(idents, texts, strict=True):
        xml.start("response_label", attributes(ident=label_id))
        _mattext(xml, text, PLAIN)
        xml.end("response_label")
    xml.end("render_choice")


def _condition(xml: XmlWriter, respident: str, value: str, score: str, action: str = "Set") -> None:
    xml.start("respcondition", f' continue="{"No" if action == "Set" else "Yes"}"')
    xml.start("conditionvar")
    xml.leaf("varequal", value, attributes(respident=respident))
    xml.end("conditionvar")
    xml.leaf("setvar", score, f' action="{action}" varname="SCORE"')
    xml.end("respcondition")


def _resprocessing(xml: XmlWriter) -> None:
    """Opens `<resprocessing>` with the score and the general feedback; the caller closes it."""
    xml.start("resprocessing")
    xml.start("outcomes")
    xml.leaf("decvar", "", ' maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"')
    xml.end("outcomes")
    xml.start("respcondition", ' continue="Yes"')
    xml.start("conditionvar")
    xml.leaf("other")
    xml.end("conditionvar")
    xml.leaf("displayfeedback", "", ' feedbacktype="Response" linkrefid="general_fb"')
    xml.end("respcondition")


def answer_ids(question: Question, item_id: str) -> list[str]:
    """The idents of the item's answers: its choices, accepted answers or matching statements."""
    if isinstance(question, MultipleChoiceQuestion):
        count = len(question.choices)
    elif isinstance(question, TrueFalseQuestion):
        count = 2
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        count = 1 if plain_number(question) is not None else len(typed_answers(question))
    else:
        count = len(question.answer)
        return [f"{item_id}_s{k}" for k in range(1, count + 1)]
    return [f"{item_id}_{i}" for i in range(1, count + 1)]


def write_item(xml: XmlWriter, bank: QuestionBank, question: Question) -> None:
    """One `<item>`: the question, its scoring and its general feedback."""
    qtype = canvas_type(question)
    item_id = ident(question.id)
    ids = answer_ids(question, item_id)
    xml.start("item", attributes(ident=item_id, title=question.id))
    xml.start("itemmetadata")
    xml.start("qtimetadata")
    _field(xml, "question_type", qtype)
    _field(xml, "points_possible", "1.0")
    _field(xml, "original_answer_ids", ",".join(ids))
    _field(xml, "assessment_question_identifierref", f"{item_id}_ref")
    xml.end("qtimetadata")
    xml.end("itemmetadata")
    feedback = feedback_lines(bank.deck_of(question), question)
    if isinstance(question, MultipleChoiceQuestion | TrueFalseQuestion):
        _choice(xml, ids, question)
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        _typed(xml, ids, question, qtype)
    else:
        if isinstance(question, TimelineQuestion):
            dated = [f"{d}: {e}" for d, e in zip(question.dates, question.answer, strict=True)]
            feedback = ["In order: " + "; ".join(dated) + ".", *feedback]
        _matching(xml, ids, question)
    xml.start("itemfeedback", ' ident="general_fb"')
    xml.start("flow_mat")
    _mattext(xml, _html(feedback))
    xml.end("flow_mat")
    xml.end("itemfeedback")
    xml.end("item")


def _choice(xml: XmlWriter, ids: list[str], question: MultipleChoiceQuestion | TrueFalseQuestion) -> None:
    xml.start("presentation")
    _mattext(xml, _html([question.prompt]))
    xml.start("response_lid", ' ident="response1" rcardinality="Single"')
    if isinstance(question, MultipleChoiceQuestion):
        texts = list(question.choices)
        right = question.answer_index
    else:
        texts = ["True", "False"]
        right = 0 if question.answer else 1
    _labels(xml, ids, texts)
    xml.end("response_lid")
    xml.end("presentation")
    _resprocessing(xml)
    _condition(xml, "response1", ids[right], "100")
    xml.end("resprocessing")


def _typed(
    xml: XmlWriter, ids: list[str], question: FillInQuestion | ShortAnswerQuestion, qtype: str
) -> None:
    xml.start("presentation")
    if qtype == "fill_in_multiple_blanks_question":
        _mattext(xml, _html([shown_prompt(question).replace(BLANK, f"[{BLANK_ID}]", 1)]))
        xml.start("response_lid", f' ident="response_{BLANK_ID}"')
        _mattext(xml, BLANK_ID, PLAIN)
        _labels(xml, ids, typed_answers(question))
        xml.end("response_lid")
        xml.end("presentation")
        _resprocessing(xml)
        for answer_id in ids:
            _condition(xml, f"response_{BLANK_ID}", answer_id, "100.00", action="Add")
        xml.end("resprocessing")
        return
    number = plain_number(question)
    _mattext(xml, _html([shown_prompt(question)]))
    xml.start("response_str", ' ident="response1" rcardinality="Single"')
    xml.start("render_fib", ' fibtype="Decimal"' if number is not None else "")
    xml.leaf(
        "response_label", "", ' ident="answer1"' if number is not None else ' ident="answer1" rshuffle="No"'
    )
    xml.end("render_fib")
    xml.end("response_str")
    xml.end("presentation")
    _resprocessing(xml)
    xml.start("respcondition", ' continue="No"')
    xml.start("conditionvar")
    if number is not None:  # exactly the number, written as Canvas and text2qti write an exact answer
        xml.start("or")
        xml.leaf("varequal", number, ' respident="response1"')
        xml.start("and")
        xml.leaf("vargte", number, ' respident="response1"')
        xml.leaf("varlte", number, ' respident="response1"')
        xml.end("and")
        xml.end("or")
    else:
        for value in typed_answers(question):
            xml.leaf("varequal", value, ' respident="response1"')
    xml.end("conditionvar")
    xml.leaf("setvar", "100", ' action="Set" varname="SCORE"')
    xml.end("respcondition")
    xml.end("resprocessing")


def _matching(xml: XmlWriter, ids: list[str], question: Question) -> None:
    if isinstance(question, TimelineQuestion):
        prompt = TIMELINE_PROMPT
        pairs = [(event, POSITIONS[question.answer.index(event)]) for event in question.choices]
        options = list(POSITIONS[: len(question.answer)])
    else:
        assert isinstance(question, MatchingQuestion)
        prompt = question.prompt
        pairs = [(p.statement, p.answer) for p in question.answer]
        options = list(question.choices.answers)
    xml.start("presentation")
    _mattext(xml, _html([prompt]))
    option_ids = [str(i + 1) for i in range(len(options))]  # whole numbers: Canvas's match ids
    lids = [f"response_{statement_id}" for statement_id in ids]
    for lid_id, (statement, _) in zip(lids, pairs, strict=True):
        xml.start("response_lid", f' ident="{lid_id}"')
        _mattext(xml, statement, PLAIN)
        _labels(xml, option_ids, options)
        xml.end("response_lid")
    xml.end("presentation")
    _resprocessing(xml)
    share = f"{100 / len(pairs):.2f}"
    for lid_id, (_, answer) in zip(lids, pairs, strict=True):
        _condition(xml, lid_id, option_ids[options.index(answer)], share, action="Add")
    xml.end("resprocessing")


def _xml(write: XmlWriter) -> bytes:
    """A small document (the manifest, the settings) in one piece."""
    return (declaration() + write.take()).encode("utf-8")


@dataclass
class QtiResult:
    """The zip's bytes, the assessment's identifier, and notices."""

    data: bytes
    assessment_id: str
    notices: list[str] = field(default_factory=list)


def assessment_pieces(bank: QuestionBank, assessment_id: str, title: str) -> Iterator[str]:
    """The questestinterop document (one assessment, a section per topic), an item at a time."""
    xml = XmlWriter()
    xml.start(
        "questestinterop",
        attributes(xmlns=QTI_NS)
        + attributes(**{"xmlns:xsi": XSI_NS})
        + attributes(**{"xsi:schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"}),
    )
    xml.start("assessment", attributes(ident=assessment_id, title=title))
    xml.start("qtimetadata")
    _field(xml, "cc_maxattempts", "1")
    xml.end("qtimetadata")
    xml.start("section", ' ident="root_section"')
    yield declaration() + xml.take()
    for group in bank.groups:
        xml.start("section", attributes(ident=ident(f"{group.deck.id}:{group.topic}"), title=group.label))
        xml.start("selection_ordering")
        xml.start("selection")
        xml.leaf("selection_number", str(len(group.questions)))
        xml.start("selection_extension")
        xml.leaf("points_per_item", "1.0")
        xml.end("selection_extension")
        xml.end("selection")
        xml.end("selection_ordering")
        for question in group.questions:
            write_item(xml, bank, question)
            yield xml.take()
        xml.end("section")
    xml.end("section")
    xml.end("assessment")
    xml.end("questestinterop")
    yield xml.take()


def assessment_meta_xml(assessment_id: str, title: str, description: str, points: int) -> bytes:
    """Canvas's quiz settings beside the assessment (what Canvas's importer reads first)."""
    xml = XmlWriter()
    xml.start(
        "quiz",
        attributes(identifier=assessment_id, xmlns=CANVAS_NS)
        + attributes(**{"xmlns:xsi": XSI_NS})
        + attributes(**{"xsi:schemaLocation": f"{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd"}),
    )
    for tag, value in (
        ("title", title),
        ("description", description),
        ("shuffle_answers", "false"),
        ("scoring_policy", "keep_highest"),
        ("quiz_type", "assignment"),
        ("points_possible", f"{points:.1f}"),
        ("show_correct_answers", "true"),
        ("allowed_attempts", "1"),
        ("available", "false"),
    ):
        xml.leaf(tag, value)
    xml.end("quiz")
    return _xml(xml)


def manifest_xml(assessment_id: str, title: str) -> bytes:
    """imsmanifest.xml: the assessment and its Canvas settings as resources."""
    xml = XmlWriter()
    xml.start(
        "manifest",
        attributes(identifier=f"{assessment_id}_manifest", xmlns=CP_NS)
        + attributes(**{"xmlns:imsmd": IMSMD_NS}),
    )
    xml.start("metadata")
    xml.leaf("schema", "IMS Content")
    xml.leaf("schemaversion", "1.1.3")
    for tag in ("imsmd:lom", "imsmd:general", "imsmd:title"):
        xml.start(tag)
    xml.leaf("imsmd:string", title)
    for tag in ("imsmd:title", "imsmd:general", "imsmd:lom", "metadata"):
        xml.end(tag)
    xml.leaf("organizations")
    xml.start("resources")
    xml.start("resource", attributes(identifier=assessment_id, type="imsqti_xmlv1p2"))
    xml.leaf("file", "", attributes(href=f"{assessment_id}/{assessment_id}.xml"))
    xml.leaf("dependency", "", attributes(identifierref=f"{assessment_id}_meta"))
    xml.end("resource")
    xml.start(
        "resource",
        attributes(
            identifier=f"{assessment_id}_meta",
            type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
            href=f"{assessment_id}/assessment_meta.xml",
        ),
    )
    xml.leaf("file", "", attributes(href=f"{assessment_id}/assessment_meta.xml"))
    xml.end("resource")
    xml.end("resources")
    xml.end("manifest")
    return _xml(xml)


def qti_zip(bank: QuestionBank) -> QtiResult:
    """The bank as a Canvas QTI 1.2 zip (entries dated 1980-01-01, so the same bank gives the same bytes)."""
    questions = [q for group in bank.groups for q in group.questions]
    assessment_id = ident("\n".join(q.id for q in questions))
    title = " · ".join(deck.title for deck in bank.decks)
    credit = licensed_attribution(all_sources(bank.decks))
    description = _html([" ".join(deck.description for deck in bank.decks), *([credit] if credit else [])])
    files: dict[str, bytes | Iterator[str]] = {
        "imsmanifest.xml": manifest_xml(assessment_id, title),
        f"{assessment_id}/{assessment_id}.xml": assessment_pieces(bank, assessment_id, title),
        f"{assessment_id}/assessment_meta.xml": assessment_meta_xml(
            assessment_id, title, description, len(questions)
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as entry:
                for piece in [data] if isinstance(data, bytes) else data:
                    entry.write(piece if isinstance(piece, bytes) else piece.encode("utf-8"))
    timelines = sum(isinstance(q, TimelineQuestion) for q in questions)
    notices = (
        [f"QTI 1.2 has no ordering question Canvas imports: {timelines} timeline(s) written as matching"]
        if timelines
        else []
    )
    return QtiResult(buffer.getvalue(), assessment_id, notices)
