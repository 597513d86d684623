"""`rutw-quiz grade`: grade typed answers given on the command line or collected in a CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from rutw_quiz.cli._app import EXIT_INVALID, cli
from rutw_quiz.cli._options import (
    OutputFile,
    asked_count,
    choices_option,
    deck_files,
    deck_option,
    load_decks,
    question_options,
    refuse_overwriting_inputs,
    resolve_topics,
    selection_options,
)

if TYPE_CHECKING:
    from rutw_quiz.deck.models import Deck
    from rutw_quiz.grading.responses import ResponseGrader


@cli.command()
@deck_option
@click.argument("question_id", required=False)
@click.argument("answers", nargs=-1)
@click.option(
    "--responses",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE.csv",
    help="Mark a CSV with columns question_id and answer (others are kept).",
)
@click.option(
    "-o",
    "--output",
    type=OutputFile(),
    metavar="OUT.csv",
    help="With --responses: write the marked CSV here (default: standard output).",
)
@selection_options(default_count=10)
@choices_option("question")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per answer.")
@click.pass_context
def grade(
    ctx: click.Context,
    deck_paths: tuple[Path, ...],
    question_id: str | None,
    answers: tuple[str, ...],
    responses: Path | None,
    output: Path | None,
    count: int,
    seed: int | None,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...],
    choices: int,
    as_json: bool,
) -> None:
    """Grade answers to a question, with the quiz's grader, and say why.

    QUESTION_ID is as `rutw-quiz questions --json` prints it (deck:fact:type):
    short_answer and fill_in take typed answers, multiple_choice the choice's text,
    true_false t or f: give the --seed and options of the quiz or worksheet that asked
    it, since they decide whether the statement shown was true or false.

    With --responses, every row of a CSV export is marked: outcome (correct, typo,
    check or wrong), score, expected and reason are appended (replaced when the file
    was marked before). `check` rows are close to the answer but not certainly right:
    read those, set the score of the ones you accept to 1, and `rutw-quiz aliases
    --responses` turns them into aliases. Per-student totals go to stderr when there is
    a student column; bad rows are reported by line (exit status 1).

    \b
    Examples:
      Q=russia-taiwan-relations:first-to-recognise-prc:short_answer
      rutw-quiz grade $Q "U.S.S.R." "USA"
      rutw-quiz grade --json $Q "Soviet Russia"
      rutw-quiz grade --responses answers.csv -o marked.csv
      rutw-quiz grade --responses answers.csv --seed 7 -n 20 -o marked.csv
    """
    from rutw_quiz.errors import RutwQuizError
    from rutw_quiz.text import shown_safely as safe

    if responses is not None and (question_id or answers):
        raise click.UsageError("give either QUESTION_ID ANSWER... or --responses FILE.csv, not both")
    if responses is None and (not question_id or not answers):
        raise click.UsageError("give QUESTION_ID and at least one ANSWER, or --responses FILE.csv")
    if output is not None and responses is None:
        raise click.UsageError("-o/--output goes with --responses")
    if seed is not None and ctx.get_parameter_source("count") is click.core.ParameterSource.DEFAULT:
        # A worksheet asks 20 unless told, a quiz 10: a guessed -n would make another set, and mark
        # true/false answers against statements the students never saw.
        raise click.UsageError(
            "--seed makes the set of the quiz or worksheet again, and -n decides which set: give its -n "
            "as well (a worksheet asks 20 unless told, a quiz or `questions` 10)"
        )
    refuse_overwriting_inputs(output, [*deck_files(deck_paths), responses])
    decks = [item.deck for item in load_decks(deck_paths)]
    topics = resolve_topics(decks, topics)
    asked_with = (
        None
        if seed is None
        else question_options(
            count=asked_count(count, sum(len(deck.facts) for deck in decks)),
            seed=seed,
            types=types,
            topics=topics,
            difficulties=difficulties,
            choices=choices,
        )
    )
    try:
        grader = _grader(decks, asked_with)
        if responses is not None:
            _mark_file(grader, responses, output)
            return
        assert question_id is not None
        for answer in answers:
            graded = grader.grade(question_id, answer)
            if as_json:
                click.echo(json.dumps(graded.as_json(), ensure_ascii=False))
            else:
                grade = graded.grade
                reason = f"check: {grade.reason.removeprefix('wrong: ')}" if grade.check else grade.reason
                click.echo(safe(f"{answer}: {reason} (expected: {grade.expected})"))
    except RutwQuizError as error:
        click.echo(safe(str(error)), err=True)
        raise SystemExit(EXIT_INVALID) from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _grader(decks: list[Deck], asked_with: object) -> ResponseGrader:
    from rutw_quiz.grading.responses import ResponseGrader
    from rutw_quiz.questions.selection import QuestionOptions

    assert asked_with is None or isinstance(asked_with, QuestionOptions)
    return ResponseGrader(decks, asked_with=asked_with)


class _VisibleControls:
    """A text stream that shows control characters escaped: the marked CSV on a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        from rutw_quiz.text import shown_safely as safe

        return self.stream.write(safe(text))


def _mark_file(grader: ResponseGrader, path: Path, output: Path | None) -> None:
    # A class's CSV makes many small objects on top of the decks' large, long-lived indexes: build
    # those first and set them aside from the cycle collector, which then need not walk them again.
    import gc

    from rutw_quiz.grading.marking import mark_file
    from rutw_quiz.output import open_atomic
    from rutw_quiz.text import shown_safely as safe

    for deck_id in grader.decks:
        grader.key.index(deck_id)
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)

    if output is None:
        stdout = sys.stdout
        sink: Any = stdout
        if stdout.isatty():
            sink = _VisibleControls(stdout)
        report = mark_file(path, grader, csv.writer(sink, lineterminator="\n").writerow)
        stdout.flush()
    else:
        with open_atomic(output) as handle:
            text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=False)
            report = mark_file(path, grader, csv.writer(text, lineterminator="\n").writerow)
            text.flush()
            text.detach()  # the file is closed (and put in place) by open_atomic
    for problem in report.problems:
        click.echo(safe(problem), err=True)
    if report.problem_count > len(report.problems):
        click.echo(f"... and {report.problem_count - len(report.problems)} more problems", err=True)
    for student, (score, count) in sorted(report.totals.items()):
        click.echo(safe(f"{student or '(no name)'}: {score:g} of {count}"), err=True)
    checks = report.outcomes.get("check", 0)
    if checks:
        click.echo(f"{checks} of {report.rows} answers to check (outcome 'check')", err=True)
    if report.problem_count:
        click.echo(f"{report.problem_count} of {report.rows} rows could not be marked", err=True)
        raise SystemExit(EXIT_INVALID)
