"""The interactive quiz: questions in, one at a time, on plain text streams; a summary out.

The session knows nothing of click or of the terminal beyond the streams it is given, so
it runs the same with a keyboard, a pseudo-terminal or answers piped in line by line.
Ctrl-C (KeyboardInterrupt) and end of input end it cleanly with the summary, whose last
line is the score. At a keyboard it waits for Enter after a wrong answer, so the right
one stays on screen until the student has read it; after a refused typed answer the
student may say they were right there (one key), and have the last word.
"""

from __future__ import annotations

import contextlib
import dataclasses
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
from rutw_quiz.quiz.feedback import (
    RIGHT_MARK,
    WRONG_MARK,
    Detail,
    answer_details,
    expected_answer,
    format_duration,
    format_points,
    given_answer,
    is_typed,
    plural,
    source_line,
    statement_of,
)
from rutw_quiz.quiz.scheduling import interval_text

Recorder = Callable[[Question, Grade], Mapping[str, dt.datetime] | None]
"""Saves one graded answer; returns when each fact it tested is due again (or None)."""

Overrider = Callable[[Question, str], Mapping[str, dt.datetime] | None]
"""Saves that a refused typed answer (the text given) counts as right; returns the new due times."""

MIXED_TOPICS = "Mixed topics"
OVERRIDE_KEYS = frozenset({"r", "right"})
"""What the student types at the pause after a refused typed answer to say they were right."""


class Ending(StrEnum):
    """How a quiz ended."""

    FINISHED = "finished"
    QUIT = "quit"
    INTERRUPTED = "interrupted"  # Ctrl-C
    END_OF_INPUT = "end of input"  # Ctrl-D, or piped answers ran out


class Reply(StrEnum):
    """What the student said at the pause after an answer."""

    NEXT = "next"
    QUIT = "quit"
    RIGHT = "right"  # "I was right": a refused typed answer counts as right


@dataclass(frozen=True)
class Asked:
    """A question put to the student and what came of it (`grade` None: skipped).

    `overridden`: the grader refused the typed answer, and the student said it was right.
    """

    number: int
    question: Question
    grade: Grade | None
    answer: Answer | None = None
    overridden: bool = False

    @property
    def score(self) -> float:
        """Points earned, 0 to 1 (partial for timeline and matching)."""
        if self.overridden:
            return 1.0
        return self.grade.score if self.grade else 0.0

    @property
    def is_right(self) -> bool:
        """Fully right: by the grader, or on the student's word."""
        return self.overridden or (self.grade is not None and self.grade.is_correct)

    def fact_known(self, fact_id: str) -> bool:
        """Whether the student knew this fact of the question."""
        if self.overridden:
            return True
        return self.grade is not None and self.grade.facts.get(fact_id, Outcome.WRONG).is_correct


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
    def overridden(self) -> int:
        """Refused typed answers the student said were right."""
        return sum(1 for a in self.asked if a.overridden)

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
        self._fact_topics: dict[tuple[str, str], list[str]] = {}
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

    def _topics_of(self, deck_id: str, fact_id: str) -> list[str]:
        if not self._fact_topics:
            self._fact_topics = {(d.id, f.id): list(f.topics) for d in self._decks.values() for f in d.facts}
        return self._fact_topics.get((deck_id, fact_id), [])

    def _label(self, deck_id: str, topic: str) -> str:
        deck = self._decks.get(deck_id)
        return deck.topic_label(topic) if deck else topic

    def topic_of(self, deck_id: str, fact_id: str) -> str:
        """The label of the fact's main (first) topic."""
        topics = self._topics_of(deck_id, fact_id)
        return self._label(deck_id, topics[0]) if topics else deck_id

    def topic_of_question(self, question: Question) -> str:
        """The topic a question is about: its fact's, the one all its facts share, or 'Mixed topics'."""
        fact_ids = question.fact_ids
        if len(fact_ids) == 1:
            return self.topic_of(question.deck_id, fact_ids[0])
        first, *others = (self._topics_of(question.deck_id, f) for f in fact_ids)
        shared = [t for t in first if all(t in topics for topics in others)]
        return self._label(question.deck_id, shared[0]) if shared else MIXED_TOPICS


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
        override: Overrider | None = None,
        pause: bool = True,
        show_intervals: bool = False,
        footer: Callable[[SessionResult], Sequence[str]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        """`pause`: wait for Enter after a wrong answer (only ever when `inp` is a terminal), where
        a refused typed answer can be counted as right (`override` saves that); `show_intervals`:
        say when each answered fact comes back; `footer`: lines printed at the end of the summary,
        just above the score line (e.g. where progress was saved)."""
        self.questions = list(questions)
        self.facts = facts
        self.inp = inp
        self.out = out
        self.style = style
        self.record = record
        self.override = override
        self.clock = clock
        self.wall_clock = wall_clock
        self.echo = not _isatty(inp)  # piped answers are echoed so the transcript reads as a dialogue
        self.pause = pause and not self.echo  # piped answers never wait for an Enter nobody will press
        self.show_intervals = show_intervals
        self.footer = footer
        self._result = SessionResult(planned=len(self.questions))
        self._lines = 0  # lines written so far, to know what is still on a screen `style.height` high
        self._unseen: tuple[int, str, tuple[str, ...]] | None = None
        """The last verdict nobody paused on: (line it was written on, recap text, colours)."""

    # -- output helpers -------------------------------------------------------------------------

    def _say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self._lines += text.count("\n") + 1

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
                if not (self._wants_pause(asked) or self._next_would_hide_verdict(number)):
                    continue
                reply = self._wait(last=number == len(self.questions), offer_right=self._may_override(asked))
                if reply is Reply.QUIT:
                    result.ending = Ending.QUIT
                    break
                if reply is Reply.RIGHT:
                    result.asked[-1] = self._count_as_right(asked)
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
        typed = line.rstrip("\r\n")
        if self.echo:
            self.out.write(safe(typed) + "\n")
        # The line typed after the prompt; a long one runs on over the terminal's width + 1 columns.
        self._lines += 1 + (2 + len(typed)) // (self.style.width + 1)
        return typed

    def _wants_pause(self, asked: Asked) -> bool:
        return self.pause and (asked.grade is None or not asked.grade.is_correct)

    def _next_would_hide_verdict(self, number: int) -> bool:
        """Whether the next question is too tall for the screen to keep even a recap of the verdict
        above it (then the quiz waits for Enter after a right answer too, only at a keyboard)."""
        if not (self.pause and self.style.height and self._unseen) or number >= len(self.questions):
            return False
        lines = self._question_lines(number + 1, self.questions[number])
        at = self._unseen[0]
        fits_whole = self._lines - at + 1 + len(lines) + 1 <= self.style.height
        fits_with_recap = 1 + 1 + len(lines) + 1 <= self.style.height
        return not fits_whole and not fits_with_recap

    def _may_override(self, asked: Asked) -> bool:
        """Only a typed answer the grader refused can be counted as right on the student's word."""
        return (
            is_typed(asked.question)
            and asked.grade is not None
            and asked.grade.outcome is Outcome.WRONG
            and asked.answer is not None
        )

    def _wait(self, *, last: bool, offer_right: bool) -> Reply:
        """Wait for Enter before the next screen; the student may type quit, or r to say they were right."""
        what = "the summary" if last else "the next question"
        prompt = f"Press Enter for {what}" + (", or r if you were right." if offer_right else ".")
        self.out.write(self.style.paint(self._wrap(prompt), "dim") + " ")
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise EOFError
        if self.echo:
            self.out.write("\n")
        self._lines += prompt.count("\n") + 1
        self._unseen = None  # the student has read the feedback
        word = line.strip().casefold()
        if word in ("quit", "exit"):
            return Reply.QUIT
        if offer_right and word in OVERRIDE_KEYS:
            return Reply.RIGHT
        return Reply.NEXT

    def _count_as_right(self, asked: Asked) -> Asked:
        """Save that the refused typed answer counts as right, and say so."""
        assert asked.answer is not None
        due = None
        if self.override is not None:
            try:
                due = self.override(asked.question, asked.answer.text)
            except ProgressError as error:
                self._say(self.style.paint(f"warning: {error}; this answer is not counted as right", "red"))
                return asked
        text = "Counted as right, on your word."
        if self.show_intervals and due:
            text += f" Back {interval_text(min(due.values()), self.wall_clock())}."
        self._say(self.style.paint(self._wrap(text), "green"))
        return dataclasses.replace(asked, overridden=True)

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
                self._verdict(number, "Skipped.", ("yellow", "bold"), question)
                self._explain(question, with_note=True)
                return Asked(number, question, None)
            assert isinstance(response, Answer)
            grade = grade_response(question, response, key=self.facts.answer_key)
            due = self._save(question, grade)  # saved before it is shown: an answer seen as given is kept
            self._feedback(number, question, grade, response, due)
            return Asked(number, question, grade, response)

    def _save(self, question: Question, grade: Grade) -> Mapping[str, dt.datetime] | None:
        if self.record is None:
            self._result.unsaved += 1
            return None
        try:
            return self.record(question, grade)
        except ProgressError as error:
            self._say(self.style.paint(f"warning: {error}; answers from here on are not saved", "red"))
            self.record = None
            self.override = None
            self._result.unsaved += 1
            return None

    def _question_lines(self, number: int, question: Question) -> list[str]:
        """The question as shown: header, prompt, choices (or statements and answers), the hint."""
        topic = self.facts.topic_of_question(question)
        counter = f"{number}/{len(self.questions)}  "
        header = self._wrap(f"{counter}{question.type.label} · {topic}", "", " " * len(counter))
        lines = [self.style.paint(header, "bold", "cyan")]
        if isinstance(question, TrueFalseQuestion):
            lines.append(self._wrap(f"True or false? {question.prompt}"))
        else:
            lines.append(self._wrap(question.prompt))
        if isinstance(question, MultipleChoiceQuestion | TimelineQuestion):
            lines += [
                self._wrap(choice, f"  {letter(i)}) ", "     ") for i, choice in enumerate(question.choices)
            ]
        elif isinstance(question, MatchingQuestion):
            statements = question.choices.statements
            lines += [self._wrap(s, f"  {i + 1}. ", "     ") for i, s in enumerate(statements)]
            answers = question.choices.answers
            lines += [self._wrap(a, f"  {letter(i)}) ", "     ") for i, a in enumerate(answers)]
        lines.append(self.style.paint(self._wrap(answer_hint(question)), "dim"))
        return "\n".join(lines).split("\n")

    def _show_question(self, number: int, question: Question) -> None:
        """The question; first a one-line recap of the last verdict when this question would push it
        off a screen of `style.height` lines unseen (it came without a pause)."""
        lines = self._question_lines(number, question)
        self._say()
        if self._unseen is not None and self.style.height:
            at, recap, colours = self._unseen
            # What stays on screen when the prompt is reached: the lines from the verdict on.
            if self._lines - at + len(lines) + 1 > self.style.height:
                self._say(self.style.paint(self._wrap(recap), *colours))
        self._unseen = None
        for line in lines:
            self._say(line)

    def _answer_line(self, question: Question) -> str:
        return f"Answer: {expected_answer(question)}"

    def _verdict(
        self, number: int, verdict: str, colours: tuple[str, ...], question: Question, *, right: bool = False
    ) -> None:
        """'Right! Answer: …', 'Wrong. Answer: …': every verdict on one line with the answer.

        The plain line is wrapped first, so widths count only what the terminal shows; then only
        the verdict words at its start are painted (they are shorter than the narrowest width).
        """
        line = f"{verdict} {self._answer_line(question)}"
        self._unseen = (self._lines, f"Question {number}: {verdict if right else line}", colours)
        lines = self._wrap(line, "", "  ").split("\n")
        words = safe(verdict)
        lines[0] = self.style.paint(words, *colours) + lines[0][len(words) :]
        self._say("\n".join(lines))

    def _feedback(
        self,
        number: int,
        question: Question,
        grade: Grade,
        answer: Answer,
        due: Mapping[str, dt.datetime] | None,
    ) -> None:
        if grade.outcome is Outcome.CORRECT:
            self._verdict(number, "Right!", ("green", "bold"), question, right=True)
        elif grade.outcome is Outcome.TYPO:
            self._verdict(number, "Right, with a typo.", ("green", "bold"), question, right=True)
        elif grade.outcome is Outcome.PARTIAL:
            verdict = f"Partly right: {grade.items_right} of {grade.items_total}."
            self._verdict(number, verdict, ("yellow", "bold"), question)
        else:
            self._verdict(number, "Wrong.", ("red", "bold"), question)
        given = given_answer(question, answer)
        same = given.casefold() == expected_answer(question).casefold()
        if not (grade.outcome is Outcome.CORRECT and (same or not isinstance(answer.value, str))):
            self._say(self._wrap(f"You answered: {given}", "", "  "))
        self._explain(question, with_note=not grade.is_correct, answer=None if grade.is_correct else answer)
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

    def _detail_lines(self, details: Sequence[Detail], indent: str) -> list[str]:
        """Each event or statement on its own lines, with ✓ or ✗ (in colour) where it is marked."""
        lines = []
        for detail in details:
            lead = f"{indent}{detail.mark}{detail.label} "
            wrapped = self._wrap(detail.line, lead, " " * len(lead)).split("\n")
            if detail.right is not None:
                mark = RIGHT_MARK if detail.right else WRONG_MARK
                painted = self.style.paint(mark, "green" if detail.right else "red", "bold")
                wrapped[0] = indent + painted + wrapped[0][len(indent) + len(mark) :]
            lines += wrapped
        return lines

    def _explain(self, question: Question, *, with_note: bool, answer: Answer | None = None) -> None:
        """The statement (or the events or statements of a multi-fact answer, each marked when the
        answer was partly wrong), the note, one source line."""
        details = answer_details(question, answer)
        if details:
            for line in self._detail_lines(details, "  "):
                self._say(line)
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
            self._say(f"{how} after {len(result.asked)} of {plural(result.planned, 'question')}.")
        if not result.asked:
            self._say("No question was answered.")
            return
        by_topic = topic_scores(result.asked, self.facts)
        if by_topic:
            self._say(self._wrap("Facts you knew, by topic, weakest first:"))
            rows = [(topic, f"{right} of {total}") for topic, (right, total) in by_topic.items()]
            for line in table(rows, style.width):
                self._say(line)
        if result.overridden:
            counted = plural(result.overridden, "typed answer")
            self._say(self._wrap(f"{counted} counted as right on your word."))
        missed = [a for a in result.asked if not a.is_right]
        if missed:
            self._say("Missed:")
            for item in missed:
                self._missed(item)
        for line in self.footer(result) if self.footer else ():
            self._say(line)
        self._say(
            style.paint(
                f"Score: {format_points(result.score)}/{len(result.asked)} ({result.percent:.0f}%)"
                f" in {format_duration(result.seconds)}",
                "bold",
            )
        )

    def _missed(self, item: Asked) -> None:
        """A missed question in the summary: its prompt, the answer, and what makes it right."""
        if item.grade is None:
            mark = "skipped"
        elif item.grade.outcome is Outcome.PARTIAL:
            mark = f"{item.grade.items_right} of {item.grade.items_total} right"
        else:
            mark = "wrong"
        question = item.question
        indent = " " * len(f"  {item.number}. ")
        self._say(self._wrap(f"{question.prompt} ({mark})", f"  {item.number}. ", indent))
        self._say(self._wrap(self._answer_line(question), indent, indent + "  "))
        if isinstance(question, TrueFalseQuestion) and not question.answer:
            self._say(self._wrap(f"In fact: {statement_of(question)}", indent, indent + "  "))
        for line in self._detail_lines(answer_details(question, item.answer if item.grade else None), indent):
            self._say(line)


def topic_scores(asked: Sequence[Asked], facts: DeckFacts) -> Mapping[str, tuple[int, int]]:
    """Per topic label: facts known and facts asked (a matching or timeline question asks four),
    the weakest topic first (lowest share known, then most facts asked, then by name)."""
    scores: dict[str, list[int]] = {}
    for item in asked:
        for fact_id in item.question.fact_ids:
            entry = scores.setdefault(facts.topic_of(item.question.deck_id, fact_id), [0, 0])
            entry[0] += item.fact_known(fact_id)
            entry[1] += 1
    order = sorted(scores.items(), key=lambda kv: (kv[1][0] / kv[1][1], -kv[1][1], kv[0]))
    return {topic: (right, total) for topic, (right, total) in order}


def _isatty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
