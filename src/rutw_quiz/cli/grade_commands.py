"""`rutw-quiz grade`: grade typed answers given on the command line or collected in a CSV."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rutw_quiz.cli._app import EXIT_INVALID, cli
from rutw_quiz.cli._options import (
    OutputFile,
    choices_option,
    deck_files,
    deck_option,
    load_decks,
    question_options,
    refuse_overwriting_inputs,
    resolve_topics,
    selection_options,
)


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
def grade(
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
    it, since they decide whether the statement shown was true or false. With --responses, every row of a CSV export is
    marked: outcome, score and expected are appended; per-student totals go to stderr
    when there is a student column; bad rows are reported by line (exit status 1).

    \b
    Examples:
      Q=russia-taiwan-relations:first-to-recognise-prc:short_answer
      rutw-quiz grade $Q "U.S.S.R." "USA"
      rutw-quiz grade --json $Q "Soviet Russia"
      rutw-quiz grade --responses answers.csv -o marked.csv
      rutw-quiz grade --responses answers.csv --seed 7 -n 20 -o marked.csv
    """
    from rutw_quiz.grading.responses import ResponseGrader

    if responses is not None and (question_id or answers):
        raise click.UsageError("give either QUESTION_ID ANSWER... or --responses FILE.csv, not both")
    if responses is None and (not question_id or not answers):
        raise click.UsageError("give QUESTION_ID and at least one ANSWER, or --responses FILE.csv")
    if output is not None and responses is None:
        raise click.UsageError("-o/--output goes with --responses")
    refuse_overwriting_inputs(output, [*deck_files(deck_paths), responses])
    decks = [item.deck for item in load_decks(deck_paths)]
    topics = resolve_topics(decks, topics)
    asked_with = (
        None
        if seed is None
        else question_options(
            count=count, seed=seed, types=types, topics=topics, difficulties=difficulties, choices=choices
        )
    )
    grader = ResponseGrader(decks, asked_with=asked_with)
    if responses is not None:
        _mark_file(grader, responses, output)
        return
    assert question_id is not None
    for answer in answers:
        graded = grader.grade(question_id, answer)
        if as_json:
            click.echo(json.dumps(graded.as_json(), ensure_ascii=False))
        else:
            click.echo(f"{answer}: {graded.grade.reason} (expected: {graded.grade.expected})")


def _mark_file(grader: object, path: Path, output: Path | None) -> None:
    from rutw_quiz.grading.responses import ResponseGrader, decode_responses, grade_csv
    from rutw_quiz.output import write_atomic

    assert isinstance(grader, ResponseGrader)
    marked = grade_csv(decode_responses(path.read_bytes(), str(path)), str(path), grader)
    if output is None:
        click.echo(marked.csv_text, nl=False)
    else:
        write_atomic(output, marked.csv_text)
    for problem in marked.problems:
        click.echo(problem, err=True)
    for student, (score, count) in sorted(marked.totals.items()):
        click.echo(f"{student or '(no name)'}: {score:g} of {count}", err=True)
    if marked.problems:
        click.echo(f"{len(marked.problems)} of {marked.rows} rows could not be marked", err=True)
        raise SystemExit(EXIT_INVALID)
