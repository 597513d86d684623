"""`rutw-quiz worksheet`: a printable HTML worksheet with versions and answer keys."""

from __future__ import annotations

from pathlib import Path

import click

from rutw_quiz.cli._app import cli
from rutw_quiz.cli._options import (
    OutputFile,
    deck_files,
    deck_option,
    load_decks,
    refuse_overwriting_inputs,
    selection_options,
)

MAX_VERSIONS = 52


@cli.command()
@deck_option
@selection_options(default_count=20)
@click.option(
    "-o",
    "--output",
    type=OutputFile(allow_dash=True),
    default=Path("worksheet.html"),
    show_default=True,
    help="HTML file to write; '-' writes to standard output.",
)
@click.option(
    "--versions",
    type=click.IntRange(1, MAX_VERSIONS),
    default=1,
    show_default=True,
    help="Versions A, B, ...: the same questions in another order, with shuffled choices.",
)
@click.option(
    "--title", default=None, metavar="TEXT", help="Title printed on each version [default: the deck's title]."
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter"], case_sensitive=False),
    default="a4",
    show_default=True,
    help="Paper size for printing.",
)
@click.option(
    "--duplex",
    is_flag=True,
    help="Pad each version, key and the explanations to an even number of pages, for double-sided printing.",
)
@click.option("--no-key", "no_key", is_flag=True, help="Leave out the answer keys.")
@click.option("--key-only", "key_only", is_flag=True, help="Print only the answer keys.")
@click.option(
    "--no-explanations",
    "no_explanations",
    is_flag=True,
    help="Leave out 'Answers explained' (why each answer is right, and its source): the keys only.",
)
def worksheet(
    deck_paths: tuple[Path, ...],
    count: int,
    seed: int | None,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...],
    output: Path,
    versions: int,
    title: str | None,
    paper: str,
    duplex: bool,
    no_key: bool,
    key_only: bool,
    no_explanations: bool,
) -> None:
    """Write a printable worksheet (one self-contained HTML file) with answer keys.

    Open the file in a browser and print it: each version and each answer key starts on
    a new page, and its pages are numbered within it ("Version B · page 1 of 3"); the
    page's toolbar gives each part's pages and prints the versions, or the keys, alone.
    Each key is a grid of the answers for marking; the answers explained, with their
    sources, follow once for all versions. The students' versions name no answer, not even
    in the file's markup, so --no-key output can be handed out or posted as it is. Use the
    same --seed (printed when you give none) to make the same worksheet again, and
    --key-only with that seed to print the keys separately.

    \b
    Examples:
      rutw-quiz worksheet -n 20 --versions 3 --seed 7 -o unit3.html
      rutw-quiz worksheet -n 20 --versions 2 --duplex --paper letter
      rutw-quiz worksheet --topic tuapse --paper letter --no-key
      rutw-quiz worksheet --seed 7 --versions 3 --key-only -o unit3-keys.html
    """
    if no_key and key_only:
        raise click.UsageError("--no-key and --key-only exclude each other; give one of them.")
    refuse_overwriting_inputs(output, deck_files(deck_paths))
    from rutw_quiz.cli._options import announce_seed, build_questions, pick_seed, set_options
    from rutw_quiz.output import shown_path, write_atomic
    from rutw_quiz.render.worksheet import Content, worksheet_html

    loaded = load_decks(deck_paths)
    chosen_seed = pick_seed(seed)
    result = build_questions(
        loaded, count=count, seed=chosen_seed, types=types, topics=topics, difficulties=difficulties
    )
    if seed is None:
        announce_seed(chosen_seed)
    content = Content.QUESTIONS if no_key else Content.KEYS if key_only else Content.BOTH
    html = worksheet_html(
        [item.deck for item in loaded],
        result.questions,
        seed=chosen_seed,
        versions=versions,
        title=title,
        paper="letter" if paper.lower() == "letter" else "a4",
        content=content,
        duplex=duplex,
        explanations=not no_explanations,
        made_with=set_options(
            count=count, seed=chosen_seed, types=types, topics=topics, difficulties=difficulties
        ),
    )
    if str(output) == "-":
        click.echo(html, nl=False)
        return
    write_atomic(output, html)
    what = {
        Content.BOTH: "with answer keys",
        Content.QUESTIONS: "without keys",
        Content.KEYS: "answer keys only",
    }
    plural = "s" if versions != 1 else ""
    click.echo(
        f"wrote {shown_path(output)}: {len(result.questions)} questions, {versions} version{plural}, {what[content]}",
        err=True,
    )
    if content is Content.BOTH:
        click.echo(
            "note: the file holds the keys: print the versions alone with its 'Print the versions' "
            "button, or make the students' file with --no-key",
            err=True,
        )
