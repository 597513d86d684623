"""Moodle XML: a question bank file for Moodle's "Import questions" (format: Moodle XML).

What the importer (question/format/xml/format.php, qformat_xml::import_*) reads, per type:
- multiple choice → `multichoice` (single answer; shuffled unless the choices are years, dates or
  numbers, which the engine puts in ascending order);
- true or false → `truefalse` (answers `true` and `false`, feedback on the wrong one);
- fill-in and short answer → `shortanswer` (the answer and every alias at 100 %; `*` is
  Moodle's wildcard there, so a literal one is written `\\*`), or `numerical` (tolerance 0) when
  the answer is a plain year or number;
- timeline → `ordering` (qtype_ordering, standard since Moodle 4.4): items in the right order,
  `fraction` = position;
- matching → `matching` (subquestion text is HTML, its answer plain text).

Every question carries `<idnumber>` from its question id, so the bank's questions can be found
again (Moodle allows 100 characters: longer ids keep their start and end with a hash), and a
general feedback with the explanation, the source of each fact with its quote, and the licence
attribution. Categories are `rutw-quiz/<deck title>/<topic>` (a `/` inside a name is doubled,
as Moodle's `split_category_path` expects), created under the category chosen at import.

Deck text is data: text fields are `format="html"` with the text HTML-escaped, then XML-escaped
by the serialiser, so markup in a deck shows as written and never runs.
"""

from __future__ import annotations

import hashlib
import html
import xml.etree.ElementTree as ET

from rutw_quiz.questions.bank import QuestionBank, TopicGroup
from rutw_quiz.questions.models import (
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.render.export_common import (
    cut_at_word,
    feedback_lines,
    plain_number,
    shown_prompt,
    typed_answers,
)

IDNUMBER_MAX = 100
"""question_bank_entries.idnumber is varchar(100)."""
NAME_MAX = 255
"""question.name is varchar(255)."""
CATEGORY_ROOT = "rutw-quiz"
NUMERIC_KINDS = frozenset({"year", "date", "number"})


def idnumber(question_id: str) -> str:
    """The question id, or for one longer than Moodle allows, its start and a hash of the whole."""
    if len(question_id) <= IDNUMBER_MAX:
        return question_id
    digest = hashlib.sha256(question_id.encode("utf-8")).hexdigest()[:16]
    return f"{question_id[: IDNUMBER_MAX - len(digest) - 1]}~{digest}"


def category_name(text: str) -> str:
    """One level of a category path: a '/' in it doubled, so it is not read as a level."""
    return " ".join(text.split()).replace("/", "//")


def category_path(group: TopicGroup) -> str:
    """'rutw-quiz/<deck title>/<topic label>'."""
    return "/".join([CATEGORY_ROOT, category_name(group.deck.title), category_name(group.label)])


def shortanswer_text(answer: str) -> str:
    """A shortanswer answer as Moodle matches it: `*` is a wildcard, so a literal one is `\\*`."""
    return answer.replace("*", "\\*")


def question_name(question: Question) -> str:
    """'<type>: <fact ids>', what the question bank list shows.

    Made of slugs only: Moodle cleans names as PARAM_TEXT (tags stripped), so deck text there
    would lose its markup-like parts.
    """
    return cut_at_word(f"{question.type.label}: {', '.join(question.fact_ids)}", NAME_MAX)


def _html(text: str) -> str:
    return html.escape(text, quote=False)


def _paragraphs(lines: list[str]) -> str:
    return "".join(f"<p>{_html(line)}</p>" for line in lines)


def _text(parent: ET.Element, tag: str, text: str, *, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _value(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _answer(
    parent: ET.Element, fraction: str, text: str, feedback: str = "", *, fmt: str = "html"
) -> ET.Element:
    answer = ET.SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(answer, "text").text = text
    _text(answer, "feedback", feedback)
    return answer


def _combined_feedback(element: ET.Element) -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(element, tag, "")
    ET.SubElement(element, "shownumcorrect")


def moodle_type(question: Question) -> str:
    """The Moodle question type a question is written as."""
    if isinstance(question, MultipleChoiceQuestion):
        return "multichoice"
    if isinstance(question, TrueFalseQuestion):
        return "truefalse"
    if isinstance(question, FillInQuestion | ShortAnswerQuestion):
        return "numerical" if plain_number(question) is not None else "shortanswer"
    if isinstance(question, TimelineQuestion):
        return "ordering"
    return "matching"


def _question(bank: QuestionBank, question: Question) -> ET.Element:
    qtype = moodle_type(question)
    element = ET.Element("question", {"type": qtype})
    name = ET.SubElement(element, "name")
    ET.SubElement(name, "text").text = question_name(question)
    _text(element, "questiontext", _paragraphs([shown_prompt(question)]))
    feedback = feedback_lines(bank.deck_of(question), question)
    if isinstance(question, TimelineQuestion):
        dated = [f"{date}: {event}" for date, event in zip(question.dates, question.answer, strict=True)]
        feedback = ["In order: " + "; ".join(dated) + ".", *feedback]
    _text(element, "generalfeedback", _paragraphs(feedback))
    _value(element, "defaultgrade", "1")
    _value(element, "penalty", "1" if qtype == "truefalse" else "0.3333333")
    _value(element, "hidden", "0")
    _value(element, "idnumber", idnumber(question.id))
    if isinstance(question, MultipleChoiceQuestion):
        _multichoice(element, question)
    elif isinstance(question, TrueFalseQuestion):
        _truefalse(element, question)
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        _typed(element, question)
    elif isinstance(question, TimelineQuestion):
        _ordering(element, question)
    else:
        _matching(element, question)
    return element


def _multichoice(element: ET.Element, question: MultipleChoiceQuestion) -> None:
    _value(element, "single", "true")
    _value(element, "shuffleanswers", "false" if question.answer_kind in NUMERIC_KINDS else "true")
    _value(element, "answernumbering", "abc")
    _value(element, "showstandardinstruction", "0")
    _combined_feedback(element)
    for choice in question.choices:
        right = choice == question.answer
        _answer(element, "100" if right else "0", _html(choice), "Right." if right else "")


def _truefalse(element: ET.Element, question: TrueFalseQuestion) -> None:
    if question.answer:
        wrong = "No: the statement is true."
    elif question.swapped:
        wrong = f"No: the statement is false ({question.swapped} is wrong)."
    else:
        wrong = "No: the statement is false."
    for value in (True, False):
        right = value is question.answer
        _answer(
            element,
            "100" if right else "0",
            "true" if value else "false",
            "" if right else _html(wrong),
            fmt="moodle_auto_format",
        )


def _typed(element: ET.Element, question: FillInQuestion | ShortAnswerQuestion) -> None:
    number = plain_number(question)
    if number is not None:
        answer = _answer(element, "100", number, fmt="moodle_auto_format")
        _value(answer, "tolerance", "0")
        _value(element, "unitgradingtype", "0")
        _value(element, "unitpenalty", "0.1000000")
        _value(element, "showunits", "3")
        _value(element, "unitsleft", "0")
        return
    _value(element, "usecase", "0")
    for text in typed_answers(question):
        _answer(element, "100", shortanswer_text(text), fmt="moodle_auto_format")


def _ordering(element: ET.Element, question: TimelineQuestion) -> None:
    """qtype_ordering reads the items in the file's order as the right order (fraction is reset)."""
    _value(element, "layouttype", "VERTICAL")
    _value(element, "selecttype", "ALL")
    _value(element, "selectcount", "0")
    _value(element, "gradingtype", "ABSOLUTE_POSITION")
    _value(element, "showgrading", "SHOW")
    _value(element, "numberingstyle", "none")
    _combined_feedback(element)
    for position, event in enumerate(question.answer, start=1):
        _answer(element, str(position), _html(event))


def _matching(element: ET.Element, question: MatchingQuestion) -> None:
    _value(element, "shuffleanswers", "true")
    _combined_feedback(element)
    for pair in question.answer:
        sub = ET.SubElement(element, "subquestion", {"format": "html"})
        ET.SubElement(sub, "text").text = _html(pair.statement)
        answer = ET.SubElement(sub, "answer")
        ET.SubElement(answer, "text").text = pair.answer


def _category(group: TopicGroup) -> ET.Element:
    element = ET.Element("question", {"type": "category"})
    category = ET.SubElement(element, "category")
    ET.SubElement(category, "text").text = category_path(group)
    _text(element, "info", _paragraphs([f"{group.deck.title}: {group.label}"]))
    _value(element, "idnumber", f"{group.deck.id}:{group.topic}")
    return element


def moodle_xml(bank: QuestionBank) -> bytes:
    """The bank as a Moodle XML file (UTF-8 bytes): a category element before each topic's questions."""
    quiz = ET.Element("quiz")
    for group in bank.groups:
        quiz.append(_category(group))
        for question in group.questions:
            quiz.append(_question(bank, question))
    ET.indent(quiz)
    body = ET.tostring(quiz, encoding="unicode", short_empty_elements=False)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()
