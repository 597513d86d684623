"""The interactive quiz: questions in, one at a time, on plain text streams; a summary out.

The session knows nothing of click or of the terminal beyond the streams it is given, so
it runs the same with a keyboard, a pseudo-terminal or answers piped in line by line.
Ctrl-C (KeyboardInterrupt) and end of input end it cleanly with the summary, whose last
line is the score. At a keyboard it waits for Enter after a wrong answer, so the right
one stays on screen until the student has read it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TextIO

from rutw_quiz.deck.models import Deck
from rutw_quiz.errors import ProgressError
from rutw_quiz.grading.grade import AnswerKey, Grade, Outcome
from rutw_quiz.questions.models import (
    BLANK,
    FillInQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    Question,
    ShortAnswerQuestion,
    TimelineQuestion,
    TrueFalseQuestion,
    letter,
)
from rutw_quiz.quiz.answers import (
    COMMANDS_HINT,
    Answer,
    Command,
    Invalid,
    answer_hint,
    grade_response,
    parse_response,
)
from rutw_quiz.quiz.display import Style, safe, table
from rutw_quiz.quiz.scheduling import interval_text

Recorder = Callable[[Question, Grade], Mapping[str, dt.datetime] | None]
"""Saves one graded answer; returns when each fact it tested is due again (or None)."""


class Ending(StrEnum):
    """How a quiz ended."""

    FINISHED = "finished"
    QUIT = "quit"
    INTERRUPTED = "interrupted"  # Ctrl-C
    END_OF_INPUT = "end of input"  # Ctrl-D, or piped answers ran out


@dataclass(frozen=True)
class Asked:
    """A question put to the student and what came of it (`grade` None: skipped)."""

    number: int
    question: Question
    grade: Grade | None

    @property
    def score(self) -> float:
        """Points earned, 0 to 1 (partial for timeline and matching)."""
        return self.grade.score if self.grade else 0.0


@dataclass
class SessionResult:
    """Everything the summary needs."""

    planned: int
    asked: list[Asked] = field(default_factory=list)
    ending: Ending = Ending.FINISHED
    seconds: float = 0.0
    unsaved: int = 0  # graded answers that could not be saved

    @property
    def graded(self) -> int:
        """Questions answered (not skipped)."""
        return sum(1 for a in self.asked if a.grade is not None)

    @property
    def score(self) -> float:
        """Total points over the questions asked."""
        return sum(a.score for a in self.asked)

    @property
    def percent(self) -> float:
        """Score as a percentage of the questions asked (0 when none was)."""
        return 100.0 * self.score / len(self.asked) if self.asked else 0.0


class DeckFacts:
    """What the session needs from the decks: rival answers for grading, and topic labels."""

    def __init__(self, decks: Sequence[Deck]) -> None:
        self._decks = {d.id: d for d in decks}
        self._rivals: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._topics: dict[tuple[str, str], str] = {}
        self._answer_key: AnswerKey | None = None

    @property
    def answer_key(self) -> AnswerKey:
        """The grader of typed answers for these decks (the one `rutw-quiz grade` uses)."""
        if self._answer_key is None:
            self._answer_key = AnswerKey.of(list(self._decks.values()))
        return self._answer_key

    def known_wrong(self, question: FillInQuestion | ShortAnswerQuestion) -> list[str]:
        """The deck's other answers of the same kind: a near spelling of one of these is not a typo."""
        key = (question.deck_id, question.answer_kind)
        if key not in self._rivals:
            deck = self._decks.get(question.deck_id)
            facts = deck.facts if deck else []
            self._rivals[key] = [
                (f.id, text) for f in facts if f.kind.value == question.answer_kind for text in f.accepted
            ]
        return [text for fact_id, text in self._rivals[key] if fact_id != question.fact_id]

    def topic_of(self, deck_id: str, fact_id: str) -> str:
        """The label of the fact's main (first) topic."""
        if not self._topics:
            self._topics = {
                (d.id, f.id): d.topic_label(f.topics[0]) for d in self._decks.values() for f in d.facts
            }
        return self._topics.get((deck_id, fact_id), deck_id)


def format_points(value: float) -> str:
    """7.0 -> '7', 7.5 -> '7.5', 7.25 -> '7.25'."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_duration(seconds: float) -> str:
    """'42 s', '3 min 05 s', '1 h 02 min'."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def expected_answer(question: Question) -> str:
    """The right answer as the student would have typed it, with what it stands for."""
    if isinstance(question, MultipleChoiceQuestion):
        return f"{letter(question.answer_index)}) {question.answer}"
    if isinstance(question, TrueFalseQuestion):
        return "True" if question.answer else "False"
    if isinstance(question, FillInQuestion | ShortAnswerQuestion):
        return question.answer
    if isinstance(question, TimelineQuestion):
        return "".join(question.answer_letters)
    return " ".join(f"{i}{label}" for i, label in enumerate(question.answer_letters, 1))


def given_answer(question: Question, answer: Answer) -> str:
    """What the student answered, in the form `expected_answer` gives the right one."""
    value = answer.value
    if isinstance(question, MultipleChoiceQuestion) and isinstance(value, int):
        return f"{letter(value)}) {question.choices[value]}"
    if isinstance(question, TrueFalseQuestion):
        return "True" if value else "False"
    if isinstance(question, TimelineQuestion) and isinstance(value, tuple):
        return "".join(letter(i) for i in value)
    if isinstance(question, MatchingQuestion) and isinstance(value, Mapping):
        return " ".join(f"{s + 1}{letter(a)}" for s, a in sorted(value.items()))
    return answer.text


def answer_details(question: Question) -> list[tuple[str, str]]:
    """The lines that explain a multi-fact answer: (label, text) for each event or statement.

    A timeline gives each event with its letter and date, earliest first; matching gives each
    statement completed by its answer, with its number and letter.
    """
    if isinstance(question, TimelineQuestion):
        return [
            (f"{label})", f"{date}: {event}")
            for label, date, event in zip(
                question.answer_letters, question.dates, question.answer, strict=True
            )
        ]
    if isinstance(question, MatchingQuestion):
        return [
            (f"{i}{label}", pair.statement.replace(BLANK, pair.answer, 1))
            for i, (label, pair) in enumerate(zip(question.answer_letters, question.answer, strict=True), 1)
        ]
    return []


def statement_of(question: Question) -> str:
    """The true statement a single-fact question rests on, without its note."""
    note = question.note
    return question.explanation.removesuffix(f" Note: {note}") if note else question.explanation


def source_line(question: Question) -> str:
    """One line for the sources: 'Title, Section', or the titles of a multi-fact question's sources."""
    sources = question.sources
    if len(sources) == 1:
        return f"Source: {sources[0].title}, {sources[0].section}"
    titles = list(dict.fromkeys(source.title for source in sources))
    return ("Source: " if len(titles) == 1 else "Sources: ") + "; ".join(titles)


class QuizSession:
    """Asks `questions` on `inp`/`out`, grades, reports, records each graded answer."""

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        facts: DeckFacts,
        inp: TextIO,
        out: TextIO,
        style: Style,
        record: Recorder | None = None,
        pause: bool = True,
        show_intervals: bool = False,
        footer: Callable[[SessionResult], Sequence[str]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        """`pause`: wait for Enter after a wrong answer (only ever when `inp` is a terminal);
        `show_intervals`: say when each answered fact comes back; `footer`: lines printed at the
        end of the summary, just above the score line (e.g. where progress was saved)."""
        self.questions = list(questions)
        self.facts = facts
        self.inp = inp
        self.out = out
        self.style = style
        self.record = record
        self.clock = clock
        self.wall_clock = wall_clock
        self.echo = not _isatty(inp)  # piped answers are echoed so the transcript reads as a dialogue
        self.pause = pause and not self.echo  # piped answers never wait for an Enter nobody will press
        self.show_intervals = show_intervals
        self.footer = footer
        self._result = SessionResult(planned=len(self.questions))

    # -- output helpers -------------------------------------------------------------------------

    def _say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def _wrap(self, text: str, indent: str = "", hanging: str | None = None) -> str:
        return self.style.wrap(text, indent, hanging)

    # -- the session ------------------------------------------------------------------------------

    def run(self) -> SessionResult:
        """Ask every question (until quit, Ctrl-C or end of input); print and return the summary."""
        result = self._result
        start = self.clock()
        try:
            for number, question in enumerate(self.questions, 1):
                asked = self._ask(number, question)
                if asked is None:
                    result.ending = Ending.QUIT
                    break
                result.asked.append(asked)
                if self._wants_pause(asked) and not self._wait(last=number == len(self.questions)):
                    result.ending = Ending.QUIT
                    break
        except KeyboardInterrupt:
            self._say()
            result.ending = Ending.INTERRUPTED
        except EOFError:
            self._say()
            result.ending = Ending.END_OF_INPUT
        result.seconds = self.clock() - start
        with contextlib.suppress(KeyboardInterrupt):  # a second Ctrl-C while the summary prints
            self._summary(result)
        self.out.flush()
        return result

    def _read_line(self) -> str:
        self.out.write(self.style.paint("> ", "bold"))
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise EOFError
        if self.echo:
            self.out.write(safe(line.rstrip("\r\n")) + "\n")
        return line.rstrip("\r\n")

    def _wants_pause(self, asked: Asked) -> bool:
        return self.pause and (asked.grade is None or not asked.grade.is_correct)

    def _wait(self, *, last: bool) -> bool:
        """Wait for Enter before the next screen; False when the student typed quit instead."""
        what = "the summary" if last else "the next question"
        self.out.write(self.style.paint(f"Press Enter for {what}.", "dim") + " ")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise EOFError
        if self.echo:
            self.out.write("\n")
        return line.strip().casefold() not in ("quit", "exit")

    def _ask(self, number: int, question: Question) -> Asked | None:
        """One question until a well-formed answer or skip; None on quit."""
        self._show_question(number, question)
        while True:
            response = parse_response(question, self._read_line())
            if isinstance(response, Invalid):
                self._say(self.style.paint(self._wrap(response.hint), "yellow"))
                continue
            if response is Command.HELP:
                self._say(self._wrap(f"{answer_hint(question)} {COMMANDS_HINT}"))
                continue
            if response is Command.QUIT:
                return None
            if response is Command.SKIP:
                self._verdict("Skipped.", ("yellow", "bold"), question)
                self._explain(question, with_note=True)
                return Asked(number, question, None)
            assert isinstance(response, Answer)
            grade = grade_response(question, response, key=self.facts.answer_key)
            due = self._save(question, grade)  # saved before it is shown: an answer seen as given is kept
            self._feedback(question, grade, response, due)
            return Asked(number, question, grade)

    def _save(self, question: Question, grade: Grade) -> Mapping[str, dt.datetime] | None:
        if self.record is None:
            self._result.unsaved += 1
            return None
        try:
            return self.record(question, grade)
        except ProgressError as error:
            self._say(self.style.paint(f"warning: {error}; answers from here on are not saved", "red"))
            self.record = None
            self._result.unsaved += 1
            return None

    def _show_question(self, number: int, question: Question) -> None:
        topic = self.facts.topic_of(question.deck_id, question.fact_ids[0])
        counter = f"{number}/{len(self.questions)}  "
        header = self._wrap(f"{counter}{question.type.label} · {topic}", "", " " * len(counter))
        self._say()
        self._say(self.style.paint(header, "bold", "cyan"))
        if isinstance(question, TrueFalseQuestion):
            self._say(self._wrap(f"True or false? {question.prompt}"))
        else:
            self._say(self._wrap(question.prompt))
        if isinstance(question, MultipleChoiceQuestion | TimelineQuestion):
            for i, choice in enumerate(question.choices):
                self._say(self._wrap(choice, f"  {letter(i)}) ", "     "))
        elif isinstance(question, MatchingQuestion):
            for i, statement in enumerate(question.choices.statements):
                self._say(self._wrap(statement, f"  {i + 1}. ", "     "))
            for i, answer in enumerate(question.choices.answers):
                self._say(self._wrap(answer, f"  {letter(i)}) ", "     "))
        self._say(self.style.paint(self._wrap(answer_hint(question)), "dim"))

    def _answer_line(self, question: Question) -> str:
        return f"Answer: {expected_answer(question)}"

    def _verdict(self, verdict: str, colours: tuple[str, ...], question: Question) -> None:
        """'Right! Answer: …', 'Wrong. Answer: …': every verdict on one line with the answer.

        The plain line is wrapped first, so widths count only what the terminal shows; then only
        the verdict words at its start are painted (they are shorter than the narrowest width).
        """
        lines = self._wrap(f"{verdict} {self._answer_line(question)}", "", "  ").split("\n")
        words = safe(verdict)
        lines[0] = self.style.paint(words, *colours) + lines[0][len(words) :]
        self._say("\n".join(lines))

    def _feedback(
        self, question: Question, grade: Grade, answer: Answer, due: Mapping[str, dt.datetime] | None
    ) -> None:
        if grade.outcome is Outcome.CORRECT:
            self._verdict("Right!", ("green", "bold"), question)
        elif grade.outcome is Outcome.TYPO:
            self._verdict("Right, with a typo.", ("green", "bold"), question)
        elif grade.outcome is Outcome.PARTIAL:
            self._verdict(
                f"Partly right: {grade.items_right} of {grade.items_total}.", ("yellow", "bold"), question
            )
        else:
            self._verdict("Wrong.", ("red", "bold"), question)
        given = given_answer(question, answer)
        same = given.casefold() == expected_answer(question).casefold()
        if not (grade.outcome is Outcome.CORRECT and (same or not isinstance(answer.value, str))):
            self._say(self._wrap(f"You answered: {given}", "", "  "))
        self._explain(question, with_note=not grade.is_correct)
        if self.show_intervals and due:
            self._say(self.style.paint(self._wrap(self._comes_back(grade, due)), "dim"))

    def _comes_back(self, grade: Grade, due: Mapping[str, dt.datetime]) -> str:
        """'Back in 1 min.', 'Back tomorrow.'; for several facts, the missed ones first."""
        now = self.wall_clock()
        missed = [when for fact, when in due.items() if not grade.facts.get(fact, Outcome.WRONG).is_correct]
        known = [when for fact, when in due.items() if grade.facts.get(fact, Outcome.WRONG).is_correct]
        if missed and known:
            first, rest = interval_text(min(missed), now), interval_text(min(known), now)
            if first != rest:
                return f"Back: what you missed {first}, the rest {rest}."
        return f"Back {interval_text(min(due.values()), now)}."

    def _explain(self, question: Question, *, with_note: bool) -> None:
        """The statement (or the events or statements of a multi-fact answer), the note, one source line."""
        details = answer_details(question)
        if details:
            for label, text in details:
                self._say(self._wrap(text, f"  {label} ", " " * (len(label) + 3)))
        else:
            self._say(self._wrap(statement_of(question)))
            if with_note and question.note:
                self._say(self._wrap(f"Note: {question.note}", "", "  "))
        self._say(self.style.paint(self._wrap(source_line(question), "", "  "), "dim"))

    def _summary(self, result: SessionResult) -> None:
        """How it ended, score by topic, the questions missed, the footer; the score line last."""
        style = self.style
        self._say()
        self._say(style.paint("Summary", "bold"))
        if result.ending is not Ending.FINISHED:
            how = {
                Ending.QUIT: "You quit",
                Ending.INTERRUPTED: "Interrupted",
                Ending.END_OF_INPUT: "Input ended",
            }[result.ending]
            self._say(f"{how} after {len(result.asked)} of {result.planned} questions.")
        if not result.asked:
            self._say("No question was answered.")
            return
        by_topic = topic_scores(result.asked, self.facts)
        if by_topic:
            self._say(self._wrap("By topic (facts right of facts asked):"))
            rows = [(topic, f"{right}/{total}") for topic, (right, total) in by_topic.items()]
            for line in table(rows, style.width):
                self._say(line)
        missed = [a for a in result.asked if a.grade is None or not a.grade.is_correct]
        if missed:
            self._say("Missed:")
            for item in missed:
                if item.grade is None:
                    mark = "skipped"
                elif item.grade.outcome is Outcome.PARTIAL:
                    mark = f"{item.grade.items_right} of {item.grade.items_total} right"
                else:
                    mark = "wrong"
                prompt = item.question.prompt
                indent = " " * len(f"  {item.number}. ")
                self._say(self._wrap(f"{prompt} ({mark})", f"  {item.number}. ", indent))
                self._say(self._wrap(self._answer_line(item.question), indent, indent + "  "))
                for label, text in answer_details(item.question):
                    self._say(self._wrap(text, f"{indent}{label} ", indent + " " * (len(label) + 1)))
        for line in self.footer(result) if self.footer else ():
            self._say(line)
        self._say(
            style.paint(
                f"Score: {format_points(result.score)}/{len(result.asked)} ({result.percent:.0f}%)"
                f" in {format_duration(result.seconds)}",
                "bold",
            )
        )


def topic_scores(asked: Sequence[Asked], facts: DeckFacts) -> Mapping[str, tuple[int, int]]:
    """Per topic label: facts known and facts asked (a matching or timeline question asks four)."""
    scores: dict[str, list[int]] = {}
    for item in asked:
        outcomes = item.grade.facts if item.grade else {}
        for fact_id in item.question.fact_ids:
            entry = scores.setdefault(facts.topic_of(item.question.deck_id, fact_id), [0, 0])
            entry[0] += outcomes.get(fact_id, Outcome.WRONG).is_correct
            entry[1] += 1
    return {topic: (right, total) for topic, (right, total) in sorted(scores.items())}


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
