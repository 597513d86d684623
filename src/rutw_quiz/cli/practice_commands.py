"""`rutw-quiz practice`: the browser practice quiz, one self-contained offline HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from rutw_quiz.cli._app import cli
from rutw_quiz.cli._options import (
    OutputFile,
    deck_files,
    deck_option,
    load_decks,
    parse_difficulty,
    refuse_overwriting_inputs,
    topic_option,
    type_option,
)

MAX_ROUNDS = 10


@cli.command()
@deck_option
@click.option(
    "-o",
    "--output",
    type=OutputFile(allow_dash=True),
    default=Path("practice.html"),
    show_default=True,
    help="HTML file to write; '-' writes to standard output.",
)
@click.option("--seed", type=int, default=None, help="Seed for repeatable rounds (default: random, printed).")
@type_option
@topic_option
@click.option(
    "--difficulty",
    "difficulties",
    metavar="LEVELS",
    callback=parse_difficulty,
    help="Difficulty 1-3, a range (1-2) or a list (1,3).",
)
@click.option(
    "--rounds",
    type=click.IntRange(1, MAX_ROUNDS),
    default=3,
    show_default=True,
    help="Question sets the page holds; sessions take turns, each set asks every fact once.",
)
@click.option("--title", default=None, metavar="TEXT", help="Page title [default: the deck's title].")
def practice(
    deck_paths: tuple[Path, ...],
    output: Path,
    seed: int | None,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...],
    rounds: int,
    title: str | None,
) -> None:
    """Write a practice quiz for the browser: one HTML file that works offline.

    Email it, put it on a school site or an LMS, or open it from disk: it needs no server,
    no internet and no install. Students pick 10, 20 or all questions and get the
    terminal quiz's feedback (the answer, the source and its quote), a summary by topic
    and a round to review what they missed. Typed answers are graded exactly as
    `rutw-quiz grade` grades them, and "I was right" overrules a refusal. Progress stays
    in the browser (export and import it as a file); facts missed come back first. The
    page is for practice, not tests: its answers are inside the file.

    \b
    Examples:
      rutw-quiz practice -o practice.html
      rutw-quiz practice --topic tuapse --seed 7 -o tuapse.html
      rutw-quiz practice --deck my_deck.yaml --type short_answer --type fill_in
    """
    refuse_overwriting_inputs(output, deck_files(deck_paths))
    from rutw_quiz.cli._options import resolve_seed, resolve_topics
    from rutw_quiz.output import shown_path, write_atomic
    from rutw_quiz.questions import QuestionType
    from rutw_quiz.render.practice import PracticeOptions, practice_data, render_practice

    loaded = load_decks(deck_paths)
    decks = [item.deck for item in loaded]
    topics = resolve_topics(decks, topics)
    options = PracticeOptions(
        seed=resolve_seed(seed),
        types=tuple(QuestionType(t) for t in types),
        topics=topics,
        difficulties=difficulties,
        rounds=rounds,
    )
    data = practice_data(decks, options)
    html = render_practice(data, title=title or " · ".join(deck.title for deck in decks))
    if str(output) == "-":
        click.echo(html, nl=False)
        return
    write_atomic(output, html)
    click.echo(
        f"wrote {shown_path(output)}: {_contents(data, rounds)}, {len(html.encode('utf-8')) / 1024:.0f} KB",
        err=True,
    )


def _contents(data: dict[str, object], rounds: int) -> str:
    """'112 questions on 70 facts in 3 rounds', then the few asked apart for facts no round asks."""
    questions, facts, sets = data["questions"], data["facts"], data["rounds"]
    assert isinstance(questions, list) and isinstance(facts, dict) and isinstance(sets, list)
    text = (
        f"{_count(len(questions), 'question')} on {_count(len(facts), 'fact')} in {_count(rounds, 'round')}"
    )
    extra = sum(len(ids) for ids in sets[rounds:])
    return text + (f" (and {_count(extra, 'question')} for facts no round asks)" if extra else "")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
