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
attribution. Categories are `rutw-quiz/<deck title>/<topic>`, created under the category chosen
at import.

Deck text is data: text fields are `format="html"` with the text HTML-escaped, so markup in a deck
shows as written and never runs. How Moodle reads the file decides the rest:
- Its XML reader (lib/xmlize.php, core_xml_parser::characterdata) drops every piece of character
  data that is only whitespace, and expat hands over the space between two entities, and each line
  break, as a piece of its own: `Q &amp; &lt;A&gt;` would arrive as `Q &<A>`. So text holding
  `& < >` is written as CDATA, as Moodle's own writer does (qformat_xml::xml_escape), with a
  `]]>` inside it split over two sections; and a line break is written as a space (in HTML it is
  one, and Moodle would lose it).
- Plain-text fields that Moodle shows through format_string(), which strips tags (matching
  answers), or cleans as PARAM_TEXT, which strips tags too (category names, in
  question/format.php split_category_path), are HTML-escaped when they hold something a tag
  stripper or a browser would eat (`<Understanding>` → `&lt;Understanding&gt;`, `&amp;` →
  `&amp;amp;`), so they show as written. A category name's `/` is doubled, as split_category_path reads `//` as a slash; at
  either end of a name, where a doubled slash would merge with the separator, it is `&#47;`.
- The file is written as it is made, a question at a time, so memory stays flat in the deck.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator

from rutw_quiz.questions.bank import Bank, QuestionBank, TopicGroup
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
from rutw_quiz.render.xml_stream import XmlWriter, declaration, xml_chars

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


_HTML_LIKE = re.compile(r"<|&[a-zA-Z0-9#]{1,8};")
"""A tag's start, or what format_string takes for an entity (replace_ampersands_not_followed_by_entity)."""
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")


def shown_plain(text: str) -> str:
    """Plain text Moodle shows through format_string (tags stripped, entities decoded): HTML-escaped
    when it holds `<` or an entity, so `<Understanding>` and `&amp;` show as written."""
    return html.escape(text, quote=False) if _HTML_LIKE.search(text) else text


def category_name(text: str) -> str:
    """One level of a category path: spaces normalised, shown as written (see `shown_plain`), a '/'
    doubled so it is not read as a level, and `&#47;` for a '/' at either end."""
    name = shown_plain(" ".join(text.split())).replace("/", "//")
    if name.startswith("//"):
        name = "&#47;" + name[2:]
    if name.endswith("//"):
        name = name[:-2] + "&#47;"
    return name


_PLAIN = re.compile("[^<>&\r\n\ud800-\udfff\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f]*")
"""Text Moodle's reader keeps whole as it is: no markup character, no line break, nothing XML refuses."""


def moodle_text(text: str) -> str:
    """Element text as Moodle's XML reader keeps it whole: CDATA when it holds `& < >` (a `]]>` split
    over two sections), line breaks as spaces, characters XML cannot hold left out."""
    if _PLAIN.fullmatch(text):
        return text
    text = _LINE_BREAK.sub(" ", xml_chars(text))
    if not any(char in text for char in "<>&"):
        return text
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


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


HTML = ' format="html"'
AUTO = ' format="moodle_auto_format"'


def _text(xml: XmlWriter, tag: str, text: str, attrs: str = HTML) -> None:
    xml.start(tag, attrs)
    xml.leaf("text", text)
    xml.end(tag)


def _answer(xml: XmlWriter, fraction: str, text: str, feedback: str = "", *, fmt: str = HTML) -> None:
    xml.start("answer", f' fraction="{fraction}"{fmt}')
    xml.leaf("text", text)
    _text(xml, "feedback", feedback)


def _combined_feedback(xml: XmlWriter, *, shownumcorrect: str = "") -> None:
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(xml, tag, "")
    xml.leaf("shownumcorrect", shownumcorrect)


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


def write_question(xml: XmlWriter, bank: Bank, question: Question) -> None:
    """One `<question>` element."""
    qtype = moodle_type(question)
    xml.start("question", f' type="{qtype}"')
    _text(xml, "name", question_name(question), "")
    _text(xml, "questiontext", _paragraphs([shown_prompt(question)]))
    feedback = feedback_lines(bank.deck_of(question), question)
    if isinstance(question, TimelineQuestion):
        dated = [f"{date}: {event}" for date, event in zip(question.dates, question.answer, strict=True)]
        feedback = ["In order: " + "; ".join(dated) + ".", *feedback]
    _text(xml, "generalfeedback", _paragraphs(feedback))
    xml.leaf("defaultgrade", "1")
    xml.leaf("penalty", "1" if qtype == "truefalse" else "0.3333333")
    xml.leaf("hidden", "0")
    xml.leaf("idnumber", idnumber(question.id))
    if isinstance(question, MultipleChoiceQuestion):
        _multichoice(xml, question)
    elif isinstance(question, TrueFalseQuestion):
        _truefalse(xml, question)
    elif isinstance(question, FillInQuestion | ShortAnswerQuestion):
        _typed(xml, question)
    elif isinstance(question, TimelineQuestion):
        _ordering(xml, question)
    else:
        _matching(xml, question)
    xml.end("question")


def _multichoice(xml: XmlWriter, question: MultipleChoiceQuestion) -> None:
    xml.leaf("single", "true")
    xml.leaf("shuffleanswers", "false" if question.answer_kind in NUMERIC_KINDS else "true")
    xml.leaf("answernumbering", "abc")
    xml.leaf("showstandardinstruction", "0")
    _combined_feedback(xml)
    for choice in question.choices:
        right = choice == question.answer
        _answer(xml, "100" if right else "0", _html(choice), "Right." if right else "")
        xml.end("answer")


def _truefalse(xml: XmlWriter, question: TrueFalseQuestion) -> None:
    if question.answer:
        wrong = "No: the statement is true."
    elif question.swapped:
        wrong = f"No: the statement is false ({question.swapped} is wrong)."
    else:
        wrong = "No: the statement is false."
    for value in (True, False):
        right = value is question.answer
        _answer(
            xml,
            "100" if right else "0",
            "true" if value else "false",
            "" if right else _html(wrong),
            fmt=AUTO,
        )
        xml.end("answer")


def _typed(xml: XmlWriter, question: FillInQuestion | ShortAnswerQuestion) -> None:
    number = plain_number(question)
    if number is not None:
        _answer(xml, "100", number, fmt=AUTO)
        xml.leaf("tolerance", "0")
        xml.end("answer")
        xml.leaf("unitgradingtype", "0")
        xml.leaf("unitpenalty", "0.1000000")
        xml.leaf("showunits", "3")
        xml.leaf("unitsleft", "0")
        return
    xml.leaf("usecase", "0")
    for text in typed_answers(question):
        _answer(xml, "100", shortanswer_text(text), fmt=AUTO)
        xml.end("answer")


def _ordering(xml: XmlWriter, question: TimelineQuestion) -> None:
    """qtype_ordering reads the items in the file's order as the right order (fraction is reset)."""
    xml.leaf("layouttype", "VERTICAL")
    xml.leaf("selecttype", "ALL")
    xml.leaf("selectcount", "0")
    xml.leaf("gradingtype", "ABSOLUTE_POSITION")
    xml.leaf("showgrading", "SHOW")
    xml.leaf("numberingstyle", "none")
    # qtype_ordering reads the element's value (its own export writes 1); an empty one means off.
    _combined_feedback(xml, shownumcorrect="1")
    for position, event in enumerate(question.answer, start=1):
        _answer(xml, str(position), _html(event))
        xml.end("answer")


def _matching(xml: XmlWriter, question: MatchingQuestion) -> None:
    xml.leaf("shuffleanswers", "true")
    _combined_feedback(xml)
    for pair in question.answer:
        xml.start("subquestion", HTML)
        xml.leaf("text", _html(pair.statement))
        _text(xml, "answer", shown_plain(pair.answer), "")
        xml.end("subquestion")


def write_category(xml: XmlWriter, group: TopicGroup) -> None:
    """The `<question type="category">` that files the questions after it under the topic."""
    xml.start("question", ' type="category"')
    _text(xml, "category", category_path(group), "")
    _text(xml, "info", _paragraphs([f"{group.deck.title}: {group.label}"]))
    xml.leaf("idnumber", f"{group.deck.id}:{group.topic}")
    xml.end("question")


def moodle_xml_pieces(bank: Bank) -> Iterator[str]:
    """The Moodle XML file as pieces of text, a category or a question each, made as they are asked
    for (from a `BankStream`, while the engine makes the rest)."""
    xml = XmlWriter(moodle_text, depth=1)
    yield declaration() + "<quiz>\n"
    for group in bank.groups:
        write_category(xml, group)
        yield xml.take()
        for question in group.questions:
            write_question(xml, bank, question)
            yield xml.take()
    yield "</quiz>\n"


def moodle_xml(bank: QuestionBank) -> bytes:
    """The bank as a Moodle XML file (UTF-8 bytes): a category element before each topic's questions."""
    return "".join(moodle_xml_pieces(bank)).encode("utf-8")
