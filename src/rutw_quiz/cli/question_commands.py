"""`rutw-quiz questions`: the question engine's output, readable or as JSON."""

from __future__ import annotations

from pathlib import Path

import click

from rutw_quiz.cli._app import cli
from rutw_quiz.cli._options import choices_option, deck_option, load_decks, selection_options


@cli.command()
@deck_option
@selection_options(default_count=10)
@choices_option("question")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of question objects.")
def questions(
    deck_paths: tuple[Path, ...],
    count: int,
    seed: int | None,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...],
    choices: int,
    as_json: bool,
) -> None:
    """Print quiz questions with their answers and sources.

    Without --seed a random seed is chosen and printed on stderr, so the same set can
    be made again.

    \b
    Examples:
      rutw-quiz questions -n 5 --seed 7
      rutw-quiz questions --type timeline --type matching --json
    """
    from rutw_quiz.cli._options import build_questions
    from rutw_quiz.questions import questions_to_json
    from rutw_quiz.questions.serialize import question_text

    loaded = load_decks(deck_paths)
    result = build_questions(
        loaded, count=count, seed=seed, types=types, topics=topics, difficulties=difficulties, choices=choices
    )
    if as_json:
        click.echo(questions_to_json(result.questions), nl=False)
        return
    click.echo("\n\n".join(question_text(i, q) for i, q in enumerate(result.questions, 1)))
