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
same. The question id is the item's title. Text is HTML (`texttype="text/html"`) escaped from the
deck's plain text, then XML-escaped; general feedback carries the explanation, the sources and
the licence attribution.
"""

from __future__ import annotations

import hashlib
import html
import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

from rutw_quiz.questions.bank import QuestionBank, TopicGroup
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


def _mattext(parent: ET.Element, text: str, texttype: str = "text/html") -> None:
    material = ET.SubElement(parent, "material")
    ET.SubElement(material, "mattext", {"texttype": texttype}).text = text


def _field(parent: ET.Element, label: str, entry: str) -> None:
    box = ET.SubElement(parent, "qtimetadatafield")
    ET.SubElement(box, "fieldlabel").text = label
    ET.SubElement(box, "fieldentry").text = entry


def _labels(parent: ET.Element, base: str, texts: list[str], *, texttype: str = "text/html") -> list[str]:
    render = ET.SubElement(parent, "render_choice")
    ids = []
    for i, text in enumerate(texts):
        label_id = f"{base}_{i + 1}"
        label = ET.SubElement(render, "response_label", {"ident": label_id})
        _mattext(label, _html([text]) if texttype == "text/html" else text, texttype)
        ids.append(label_id)
    return ids


def _condition(parent: ET.Element, respident: str, value: str, score: str, action: str = "Set") -> None:
    condition = ET.SubElement(parent, "respcondition", {"continue": "No" if action == "Set" else "Yes"})
    var = ET.SubElement(condition, "conditionvar")
    ET.SubElement(var, "varequal", {"respident": respident}).text = value
    ET.SubElement(condition, "setvar", {"action": action, "varname": "SCORE"}).text = score


def _resprocessing(item: ET.Element) -> ET.Element:
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(
        outcomes, "decvar", {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"}
    )
    general = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
    ET.SubElement(ET.SubElement(general, "conditionvar"), "other")
    ET.SubElement(general, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})
    return processing


def _item(bank: QuestionBank, question: Question) -> ET.Element:
    qtype = canvas_type(question)
    item_id = ident(question.id)
    item = ET.Element("item", {"ident": item_id, "title": question.id})
    meta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    feedback = feedback_lines(bank.deck_of(question), question)
    if isinstance(question, MultipleChoiceQuestion | TrueFalseQuestion):
        answer_ids = _choice(item, item_id, question)
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        answer_ids = _typed(item, item_id, question, qtype)
    else:
        if isinstance(question, TimelineQuestion):
            dated = [f"{d}: {e}" for d, e in zip(question.dates, question.answer, strict=True)]
            feedback = ["In order: " + "; ".join(dated) + ".", *feedback]
        answer_ids = _matching(item, item_id, question)
    _field(meta, "question_type", qtype)
    _field(meta, "points_possible", "1.0")
    _field(meta, "original_answer_ids", ",".join(answer_ids))
    _field(meta, "assessment_question_identifierref", f"{item_id}_ref")
    general = ET.SubElement(item, "itemfeedback", {"ident": "general_fb"})
    _mattext(ET.SubElement(general, "flow_mat"), _html(feedback))
    return item


def _choice(
    item: ET.Element, item_id: str, question: MultipleChoiceQuestion | TrueFalseQuestion
) -> list[str]:
    presentation = ET.SubElement(item, "presentation")
    _mattext(presentation, _html([question.prompt]))
    lid = ET.SubElement(presentation, "response_lid", {"ident": "response1", "rcardinality": "Single"})
    if isinstance(question, MultipleChoiceQuestion):
        answer_ids = _labels(lid, item_id, list(question.choices))
        right = question.answer_index
    else:
        answer_ids = _labels(lid, item_id, ["True", "False"])
        right = 0 if question.answer else 1
    processing = _resprocessing(item)
    _condition(processing, "response1", answer_ids[right], "100")
    return answer_ids


def _typed(
    item: ET.Element, item_id: str, question: FillInQuestion | ShortAnswerQuestion, qtype: str
) -> list[str]:
    presentation = ET.SubElement(item, "presentation")
    if qtype == "fill_in_multiple_blanks_question":
        _mattext(presentation, _html([shown_prompt(question).replace(BLANK, f"[{BLANK_ID}]", 1)]))
        lid = ET.SubElement(presentation, "response_lid", {"ident": f"response_{BLANK_ID}"})
        _mattext(lid, BLANK_ID, "text/plain")
        answer_ids = _labels(lid, item_id, typed_answers(question), texttype="text/plain")
        processing = _resprocessing(item)
        for answer_id in answer_ids:
            _condition(processing, f"response_{BLANK_ID}", answer_id, "100.00", action="Add")
        return answer_ids
    number = plain_number(question)
    _mattext(presentation, _html([shown_prompt(question)]))
    response = ET.SubElement(presentation, "response_str", {"ident": "response1", "rcardinality": "Single"})
    fib = ET.SubElement(response, "render_fib", {"fibtype": "Decimal"} if number is not None else {})
    extra = {} if number is not None else {"rshuffle": "No"}
    ET.SubElement(fib, "response_label", {"ident": "answer1", **extra})
    processing = _resprocessing(item)
    condition = ET.SubElement(processing, "respcondition", {"continue": "No"})
    var = ET.SubElement(condition, "conditionvar")
    if number is not None:  # exactly the number, written as Canvas and text2qti write an exact answer
        either = ET.SubElement(var, "or")
        ET.SubElement(either, "varequal", {"respident": "response1"}).text = number
        both = ET.SubElement(either, "and")
        ET.SubElement(both, "vargte", {"respident": "response1"}).text = number
        ET.SubElement(both, "varlte", {"respident": "response1"}).text = number
        values = [number]
    else:
        values = typed_answers(question)
        for value in values:
            ET.SubElement(var, "varequal", {"respident": "response1"}).text = value
    ET.SubElement(condition, "setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
    return [f"{item_id}_{i + 1}" for i in range(len(values))]


def _matching(item: ET.Element, item_id: str, question: Question) -> list[str]:
    if isinstance(question, TimelineQuestion):
        prompt = TIMELINE_PROMPT
        pairs = [(event, POSITIONS[question.answer.index(event)]) for event in question.choices]
        options = list(POSITIONS[: len(question.answer)])
    else:
        assert isinstance(question, MatchingQuestion)
        prompt = question.prompt
        pairs = [(p.statement, p.answer) for p in question.answer]
        options = list(question.choices.answers)
    presentation = ET.SubElement(item, "presentation")
    _mattext(presentation, _html([prompt]))
    option_ids = [f"{item_id}_a{i + 1}" for i in range(len(options))]
    lids = []
    for k, (statement, _) in enumerate(pairs, start=1):
        lid_id = f"response_{item_id}_s{k}"
        lid = ET.SubElement(presentation, "response_lid", {"ident": lid_id})
        _mattext(lid, statement, "text/plain")
        render = ET.SubElement(lid, "render_choice")
        for option_id, option in zip(option_ids, options, strict=True):
            _mattext(ET.SubElement(render, "response_label", {"ident": option_id}), option, "text/plain")
        lids.append(lid_id)
    processing = _resprocessing(item)
    share = f"{100 / len(pairs):.2f}"
    for lid_id, (_, answer) in zip(lids, pairs, strict=True):
        _condition(processing, lid_id, option_ids[options.index(answer)], share, action="Add")
    return [f"{item_id}_s{k}" for k in range(1, len(pairs) + 1)]


def _section(bank: QuestionBank, group: TopicGroup) -> ET.Element:
    section = ET.Element("section", {"ident": ident(f"{group.deck.id}:{group.topic}"), "title": group.label})
    selection = ET.SubElement(ET.SubElement(section, "selection_ordering"), "selection")
    ET.SubElement(selection, "selection_number").text = str(len(group.questions))
    extension = ET.SubElement(selection, "selection_extension")
    ET.SubElement(extension, "points_per_item").text = "1.0"
    for question in group.questions:
        section.append(_item(bank, question))
    return section


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()


@dataclass
class QtiResult:
    """The zip's bytes, the assessment's identifier, and notices."""

    data: bytes
    assessment_id: str
    notices: list[str] = field(default_factory=list)


def assessment_xml(bank: QuestionBank, assessment_id: str, title: str) -> bytes:
    """The questestinterop document: one assessment, a section per topic."""
    root = ET.Element(
        "questestinterop",
        {
            "xmlns": QTI_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd",
        },
    )
    assessment = ET.SubElement(root, "assessment", {"ident": assessment_id, "title": title})
    meta = ET.SubElement(assessment, "qtimetadata")
    _field(meta, "cc_maxattempts", "1")
    root_section = ET.SubElement(assessment, "section", {"ident": "root_section"})
    for group in bank.groups:
        root_section.append(_section(bank, group))
    return _xml(root)


def assessment_meta_xml(assessment_id: str, title: str, description: str, points: int) -> bytes:
    """Canvas's quiz settings beside the assessment (what Canvas's importer reads first)."""
    root = ET.Element(
        "quiz",
        {
            "identifier": assessment_id,
            "xmlns": CANVAS_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd",
        },
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
        ET.SubElement(root, tag).text = value
    return _xml(root)


def manifest_xml(assessment_id: str, title: str) -> bytes:
    """imsmanifest.xml: the assessment and its Canvas settings as resources."""
    root = ET.Element(
        "manifest",
        {"identifier": f"{assessment_id}_manifest", "xmlns": CP_NS, "xmlns:imsmd": IMSMD_NS},
    )
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    lom = ET.SubElement(metadata, "imsmd:lom")
    general = ET.SubElement(lom, "imsmd:general")
    ET.SubElement(ET.SubElement(general, "imsmd:title"), "imsmd:string").text = title
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    resource = ET.SubElement(resources, "resource", {"identifier": assessment_id, "type": "imsqti_xmlv1p2"})
    ET.SubElement(resource, "file", {"href": f"{assessment_id}/{assessment_id}.xml"})
    ET.SubElement(resource, "dependency", {"identifierref": f"{assessment_id}_meta"})
    meta = ET.SubElement(
        resources,
        "resource",
        {
            "identifier": f"{assessment_id}_meta",
            "type": "associatedcontent/imscc_xmlv1p1/learning-application-resource",
            "href": f"{assessment_id}/assessment_meta.xml",
        },
    )
    ET.SubElement(meta, "file", {"href": f"{assessment_id}/assessment_meta.xml"})
    return _xml(root)


def qti_zip(bank: QuestionBank) -> QtiResult:
    """The bank as a Canvas QTI 1.2 zip (entries dated 1980-01-01, so the same bank gives the same bytes)."""
    assessment_id = ident("\n".join(q.id for q in bank.questions))
    title = " · ".join(deck.title for deck in bank.decks)
    credit = licensed_attribution(all_sources(bank.decks))
    description = _html([" ".join(deck.description for deck in bank.decks), *([credit] if credit else [])])
    files = {
        "imsmanifest.xml": manifest_xml(assessment_id, title),
        f"{assessment_id}/{assessment_id}.xml": assessment_xml(bank, assessment_id, title),
        f"{assessment_id}/assessment_meta.xml": assessment_meta_xml(
            assessment_id, title, description, len(bank.questions)
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    timelines = sum(isinstance(q, TimelineQuestion) for q in bank.questions)
    notices = (
        [f"QTI 1.2 has no ordering question Canvas imports: {timelines} timeline(s) written as matching"]
        if timelines
        else []
    )
    return QtiResult(buffer.getvalue(), assessment_id, notices)
