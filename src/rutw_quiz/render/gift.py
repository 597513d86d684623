"""GIFT: the plain-text question format of Moodle's "Import questions" (format: GIFT).

Escaping follows Moodle's importer and exporter (question/format/gift/format.php): `repchar`
writes `\\` `\\~` `\\=` `\\#` `\\{` `\\}` `\\:` for the six specials and the backslash, and
`\\n` for a line break; `escapedchar_pre` and `escapedchar_post` read them back. Question text,
choices and feedback are `[html]` with the deck text HTML-escaped first, so markup in a deck
shows as written and a `->` there arrives as `-&gt;`. Two starts of an answer mean something to
the importer, whatever the escapes: `%50%` is a grade (`$giftanswerweightregex`) and `[html]`
a text format (`parse_text_with_format`), so in HTML text a leading `%` is `&#37;` and a leading
`[` is `&#91;`, which show as written. Typed answers are plain text, compared with what a student
types, escaped only for GIFT; in them `*` is Moodle's wildcard, so a literal one is written
`\\*`. Matching answers are plain text Moodle shows through format_string, which strips tags,
so one holding `<` or an entity is HTML-escaped (as in the Moodle XML file), and so are
category names, which Moodle cleans as PARAM_TEXT.

Per type: multiple choice `{=right ~wrong}`; true or false `{TRUE#feedback if answered wrong}`;
short answer `{=answer =alias}` (`{#1895:0}` when the answer is a plain year or number);
fill-in in the missing-word form, the answers where the blank is; matching
`{=statement -> answer}`. GIFT has no ordering question, so a timeline becomes matching of each
event to its position (1st … 4th), with a notice. General feedback (explanation, sources and
licence attribution) follows `####` inside the braces. Categories are `$CATEGORY:` lines with
the path `rutw-quiz/<deck title>/<topic>`.

What GIFT cannot say is left out with a notice, never garbled: a typed answer that contains
`->` (Moodle would read the question as matching), one that starts with a grade such as `%50%`,
or with a format name in brackets (`[html]`, `[plain]`, `[markdown]`, `[moodle]`): Moodle would
take those as the answer's grade or format and drop them from the answer. Such an alias is left
out of its question; such an answer leaves the question out. One that is exactly T, TRUE, F or
FALSE is safe only because every typed answer is written with its leading `=`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from rutw_quiz.questions.bank import Bank, QuestionBank, TopicGroup
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
from rutw_quiz.render.moodle_xml import category_name, shown_plain

SPECIALS = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:"}
POSITIONS = ("1st (earliest)", "2nd", "3rd", "4th", "5th", "6th")
HTML = "[html]"
GRADE = re.compile(r"\s*%-*[0-9]{1,2}\.?[0-9]*%")
"""What Moodle's GIFT importer reads as an answer's grade (`$giftanswerweightregex`, after trim)."""
FORMAT = re.compile(r"\s*\[(?:html|plain|markdown|moodle)\]")
"""What it reads as an answer's text format (`parse_text_with_format`, after trim)."""
_LEADING = {"%": "&#37;", "[": "&#91;"}


def escape(text: str) -> str:
    """Text as Moodle's GIFT importer reads it back: specials and backslash escaped, line breaks `\\n`."""
    out = "".join(SPECIALS.get(char, char) for char in text)
    return out.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def html_text(text: str) -> str:
    """Plain deck text as GIFT `[html]` text (without the prefix): HTML-escaped, a leading `%` or `[`
    as a character reference (so it is never a grade or a format), then GIFT-escaped."""
    text = html.escape(text, quote=False)
    start = len(text) - len(text.lstrip())
    if text[start : start + 1] in _LEADING:
        text = text[:start] + _LEADING[text[start]] + text[start + 1 :]
    return escape(text)


def _paragraphs(lines: list[str]) -> str:
    return escape("".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines))


def typed_answer(text: str) -> str:
    """A typed (shortanswer) answer: `*` is a wildcard in Moodle, so a literal one is `\\*`."""
    return escape(text).replace("*", "\\*")


def category_line(group: TopicGroup) -> str:
    """`$CATEGORY: rutw-quiz/<title>/<topic>`; the importer does not unescape it, except `\\\\`."""
    path = "/".join(["rutw-quiz", category_name(group.deck.title), category_name(group.label)])
    return "$CATEGORY: " + path.replace("\\", "\\\\")


@dataclass
class GiftResult:
    """The GIFT file of a bank, made as it is written (`pieces`), and what could not be written
    as asked (for a `BankStream`, known once the pieces are written)."""

    bank: Bank
    written: int = 0
    notices: list[str] = field(default_factory=list)

    def pieces(self) -> Iterator[str]:
        """The file's text a question at a time, so a large bank's file never sits whole in memory;
        `written` and `notices` are counted as it goes."""
        bank = self.bank
        credit = licensed_attribution(all_sources(bank.decks))
        titles = ", ".join(f"'{deck.title}'" for deck in bank.decks)
        tally = _Tally()
        yield f"// rutw-quiz export of {' '.join(titles.split())} (GIFT, for Moodle's question import)"
        if credit:
            yield "\n// " + " ".join(credit.split())
        for group in bank.groups:
            yield "\n\n" + category_line(group)
            for question in group.questions:
                if tally.count(question):
                    yield "\n\n" + gift_question(bank, question)
        yield "\n"
        self.written, self.notices = tally.written, tally.notices()

    @property
    def text(self) -> str:
        """The whole file's text."""
        return "".join(self.pieces())


def _general(bank: Bank, question: Question, extra: list[str] | None = None) -> str:
    return "\t####" + _paragraphs([*(extra or []), *feedback_lines(bank.deck_of(question), question)])


def _head(question: Question) -> str:
    return f"// {escape(question.id)}\n::{escape(question.id)}::"


def _typed_block(question: FillInQuestion | ShortAnswerQuestion, general: str) -> str:
    number = plain_number(question)
    if number is not None:
        return "{#" + number + ":0\n" + general + "\n}"
    answers = "".join(f"\t={typed_answer(a)}\n" for a in typed_answers(question) if unsayable(a) is None)
    return "{\n" + answers + general + "\n}"


def gift_question(bank: Bank, question: Question) -> str:
    """One question in GIFT (without the blank line that ends it)."""
    head = _head(question)
    if isinstance(question, MultipleChoiceQuestion):
        lines = [
            f"\t={html_text(c)}#Right." if c == question.answer else f"\t~{html_text(c)}"
            for c in question.choices
        ]
        body = "{\n" + "\n".join(lines) + "\n" + _general(bank, question) + "\n}"
        return f"{head}{HTML}{_paragraphs([question.prompt])}{body}"
    if isinstance(question, TrueFalseQuestion):
        if question.answer:
            wrong = "No: the statement is true."
        elif question.swapped:
            wrong = f"No: the statement is false ({question.swapped} is wrong)."
        else:
            wrong = "No: the statement is false."
        verdict = "TRUE" if question.answer else "FALSE"
        body = "{" + verdict + "#" + html_text(wrong) + "\n" + _general(bank, question) + "\n}"
        return f"{head}{HTML}{_paragraphs([question.prompt])}{body}"
    if isinstance(question, FillInQuestion):
        before, _, after = shown_prompt(question).partition(BLANK)
        block = _typed_block(question, _general(bank, question))
        if before.strip() and after.strip():  # the missing-word form: the answers where the blank is
            return f"{head}{HTML}{html_text(before)}{block}{html_text(after)}"
        # A blank first or last: the blank stays in the text and the answers follow it (Moodle draws
        # no second blank when the answers end the text; gift-pegjs wants a stem before them).
        return f"{head}{HTML}{html_text(shown_prompt(question))}{block}"
    if isinstance(question, ShortAnswerQuestion):
        return (
            f"{head}{HTML}{_paragraphs([question.prompt])}{_typed_block(question, _general(bank, question))}"
        )
    if isinstance(question, TimelineQuestion):
        pairs = [
            f"\t={html_text(event)} -> {escape(POSITIONS[question.answer.index(event)])}"
            for event in question.choices
        ]
        prompt = "Match each event with its place in time, 1st being the earliest."
        dated = [f"{d}: {e}" for d, e in zip(question.dates, question.answer, strict=True)]
        general = _general(bank, question, ["In order: " + "; ".join(dated) + "."])
        return f"{head}{HTML}{_paragraphs([prompt])}" + "{\n" + "\n".join(pairs) + "\n" + general + "\n}"
    assert isinstance(question, MatchingQuestion)
    pairs = [f"\t={html_text(p.statement)} -> {escape(shown_plain(p.answer))}" for p in question.answer]
    return (
        f"{head}{HTML}{_paragraphs([question.prompt])}"
        + "{\n"
        + "\n".join(pairs)
        + "\n"
        + _general(bank, question)
        + "\n}"
    )


def unsayable(answer: str) -> str | None:
    """Why GIFT cannot carry this typed answer as written, or None."""
    if "->" in answer:
        return "contains '->', which makes Moodle read the question as matching"
    if GRADE.match(answer):
        return "starts like a grade ('%50%'), which Moodle would take as its grade"
    if FORMAT.match(answer):
        return "starts with a text format ('[html]'), which Moodle would take as its format"
    return None


def _typed(question: Question) -> bool:
    return isinstance(question, FillInQuestion | ShortAnswerQuestion) and plain_number(question) is None


def unwritable(question: Question) -> str | None:
    """Why GIFT cannot carry this question faithfully (its answer cannot be said), or None."""
    if not _typed(question):
        return None
    assert isinstance(question, FillInQuestion | ShortAnswerQuestion)
    reason = unsayable(question.answer)
    return None if reason is None else f"its answer {reason}"


def dropped_aliases(question: Question) -> list[str]:
    """The aliases GIFT cannot carry, each with why; they are left out of the question."""
    if not _typed(question):
        return []
    assert isinstance(question, FillInQuestion | ShortAnswerQuestion)
    return [f"'{a}' {reason}" for a in typed_answers(question)[1:] if (reason := unsayable(a)) is not None]


def gift(bank: Bank) -> GiftResult:
    """The bank as a GIFT file: a header comment, then each topic's category and questions.

    A whole `QuestionBank`'s notices are counted at once; a `BankStream`'s as it is written."""
    result = GiftResult(bank)
    if isinstance(bank, QuestionBank):
        tally = _Tally()
        for question in bank.questions:
            tally.count(question)
        result.written, result.notices = tally.written, tally.notices()
    return result


class _Tally:
    """What a GIFT file leaves out or changes, counted question by question."""

    def __init__(self) -> None:
        self.written = 0
        self.left_out: list[str] = []
        self.aliases: list[str] = []
        self.timelines = 0

    def count(self, question: Question) -> bool:
        """Count the question in; whether it is written."""
        reason = unwritable(question)
        if reason is not None:
            self.left_out.append(f"{question.id} ({reason})")
            return False
        self.written += 1
        self.timelines += isinstance(question, TimelineQuestion)
        self.aliases.extend(f"{question.id}: {alias}" for alias in dropped_aliases(question))
        return True

    def notices(self) -> list[str]:
        notices = []
        if self.timelines:
            notices.append(
                f"GIFT has no ordering question: {self.timelines} timeline(s) written as matching "
                "(event → position)"
            )
        if self.left_out:
            notices.append(f"left out of the GIFT file: {'; '.join(self.left_out)}")
        if self.aliases:
            notices.append(f"accepted answers left out of their GIFT questions: {'; '.join(self.aliases)}")
        return notices
