"""`rutw-quiz anki`: an Anki package (.apkg) of a deck, that updates in place when imported again."""

from __future__ import annotations

import os
from pathlib import Path

import click

from rutw_quiz.cli._app import cli
from rutw_quiz.cli._options import (
    OutputFile,
    choices_option,
    deck_files,
    deck_option,
    load_decks,
    refuse_overwriting_inputs,
)

# The engine's question types that make Anki notes (kept here so `--help` imports nothing heavy;
# rutw_quiz.render.anki.ANKI_QUESTION_TYPES is the same tuple, and a test checks they agree).
ANKI_TYPES = ("fill_in", "short_answer", "multiple_choice")


def _check_types(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    from rutw_quiz.cli._options import question_type_name

    what = "do not make Anki cards (fill_in makes a cloze, short_answer a question and answer)"
    return tuple(dict.fromkeys(question_type_name(name, ANKI_TYPES, what=what) for name in value))


@cli.command()
@deck_option
@click.option(
    "-o",
    "--output",
    type=OutputFile(),
    metavar="FILE",
    help="Where to write the package. Default: <deck id>.apkg in the current folder.",
)
@click.option(
    "--subdecks",
    is_flag=True,
    help='One subdeck per topic ("Title::Topic"); each fact goes to the subdeck of its first topic.',
)
@click.option(
    "--type",
    "types",
    multiple=True,
    metavar="TYPE",
    callback=_check_types,
    help="Only notes of this type (repeatable): fill_in (cloze), short_answer (question and answer), "
    "multiple_choice (question with the choices on the front). Default: fill_in and short_answer.",
)
@choices_option("note")
def anki(
    deck_paths: tuple[Path, ...],
    output: Path | None,
    subdecks: bool,
    types: tuple[str, ...],
    choices: int,
) -> None:
    """Build an Anki package (.apkg) to import in Anki desktop, AnkiDroid or AnkiMobile.

    Each fact gives a cloze note and a question-and-answer note, tagged by topic
    (rutw::TOPIC) and difficulty (rutw::difficulty::N). Importing a newer build of the
    same deck updates the notes in place and keeps your review history.

    Notes are stamped with the current time, so a later build counts as newer; set
    SOURCE_DATE_EPOCH (whole seconds, 0 to 4354819199: an .apkg cannot record a time
    after 2107) for a reproducible build. A fact's cards come up far apart in Anki's
    new-card order. To have several kinds, build one package with every --type you want;
    a package of one kind imported after another keeps a fact's cards apart too.
    Multiple-choice cards show their choices in a new order each time (a small script in
    the card; without it, a fixed order) and mark the right one on the back only.

    \b
    Examples:
      rutw-quiz anki
      rutw-quiz anki --subdecks -o ~/russia-taiwan.apkg
      rutw-quiz anki --type fill_in --type short_answer --type multiple_choice
      rutw-quiz anki --deck my_deck.yaml --type multiple_choice --choices 3
    """
    from rutw_quiz.render.anki import (
        AnkiOptions,
        build_anki_package,
        build_timestamp,
        default_file_name,
        kinds_for_types,
        write_anki_package,
    )

    if output is not None and str(output) == "-":
        raise click.BadParameter(
            "an Anki package is a binary file; give a file name instead of '-' "
            "(or /dev/stdout to pipe it on)",
            param_hint="'-o'",
        )
    refuse_overwriting_inputs(output, deck_files(deck_paths))
    try:
        timestamp = build_timestamp(os.environ.get("SOURCE_DATE_EPOCH"))
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    loaded = load_decks(deck_paths)
    decks = [item.deck for item in loaded]
    options = AnkiOptions(kinds=kinds_for_types(types), subdecks=subdecks, choices=choices)
    package = build_anki_package(decks, options, timestamp=timestamp)
    for notice in package.notices:
        click.echo(f"note: {notice}", err=True)
    path = output if output is not None else Path(default_file_name(decks))
    refuse_overwriting_inputs(path, deck_files(deck_paths))
    write_anki_package(path, package)
    deck_list = ", ".join(f"'{name}'" for name in package.deck_names if "::" not in name)
    subdeck_count = sum("::" in name for name in package.deck_names)
    if subdeck_count:
        deck_list += f" ({subdeck_count} topic subdecks)"
    click.echo(f"Wrote {path}: {package.notes} notes ({package.cards} cards) in {deck_list}.")
