"""`rutw-quiz aliases`: the answers teachers accepted and students said were right, as aliases."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from rutw_quiz.cli._app import EXIT_INVALID, cli
from rutw_quiz.cli._options import deck_option, load_decks
from rutw_quiz.cli.quiz_commands import _data_dir, _echo_warnings, _existing_store, data_dir_option

if TYPE_CHECKING:
    from rutw_quiz.deck.models import Deck

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@cli.command()
@deck_option
@click.option(
    "--responses",
    "marked",
    multiple=True,
    type=_FILE,
    metavar="MARKED.csv",
    help="A marked CSV (grade --responses -o) where you set the score of the answers you accept to 1.",
)
@click.option(
    "--progress",
    "exported",
    multiple=True,
    type=_FILE,
    metavar="PROGRESS.json",
    help="Progress exported from the practice page: the answers students said were right.",
)
@click.option(
    "--quiz", "from_quiz", is_flag=True, help="The answers students said were right in the terminal quiz."
)
@data_dir_option
@click.option("--add", is_flag=True, help="Add the aliases to the deck file (it asks first).")
@click.option("--yes", "-y", is_flag=True, help="With --add: add without asking.")
def aliases(
    deck_paths: tuple[Path, ...],
    marked: tuple[Path, ...],
    exported: tuple[Path, ...],
    from_quiz: bool,
    data_dir: Path | None,
    add: bool,
    yes: bool,
) -> None:
    """Print the answers people accepted that the grader refuses, as `aliases:` lines per fact.

    Sources: a marked CSV in which you gave an answer credit (set its score to 1;
    `check` rows are the ones to read), progress exported from the practice page, and
    the terminal quiz's progress (--quiz), where a student said "I was right". Answers
    the grader takes already are left out; an answer that is another fact's, or one of
    a fact's wrong choices, is set aside with a note. Each line lists the fact's old
    aliases and the new ones, ready to paste over its `aliases:` line; --add writes them
    into the deck file itself, keeping its comments and layout, after asking.

    \b
    Examples:
      rutw-quiz grade --deck mydeck.yaml --responses answers.csv -o marked.csv
      rutw-quiz aliases --deck mydeck.yaml --responses marked.csv
      rutw-quiz aliases --deck mydeck.yaml --progress progress.json --quiz --add
    """
    from rutw_quiz.errors import RutwQuizError
    from rutw_quiz.text import shown_safely as safe

    if not (marked or exported or from_quiz):
        raise click.UsageError("give --responses MARKED.csv, --progress PROGRESS.json or --quiz")
    if add and len(deck_paths) != 1:
        raise click.UsageError("--add edits one deck file: give it with --deck")
    try:
        _aliases(deck_paths, marked, exported, from_quiz, data_dir, add, yes)
    except RutwQuizError as error:
        click.echo(safe(str(error)), err=True)
        raise SystemExit(EXIT_INVALID) from None


def _aliases(
    deck_paths: tuple[Path, ...],
    marked: tuple[Path, ...],
    exported: tuple[Path, ...],
    from_quiz: bool,
    data_dir: Path | None,
    add: bool,
    yes: bool,
) -> None:
    from rutw_quiz.deck.edit import flow_list
    from rutw_quiz.grading.aliases import collect, from_marked_csv, from_progress_json
    from rutw_quiz.text import shown_safely as safe

    loaded = load_decks(deck_paths)
    decks = [item.deck for item in loaded]
    accepted: list[tuple[str, str, str, str]] = []
    for path in marked:
        accepted += from_marked_csv(path)
    for path in exported:
        accepted += from_progress_json(path, [d.id for d in decks])
    if from_quiz:
        accepted += _quiz_overrides(decks, _data_dir(data_dir))
    report = collect(decks, accepted)
    for note in report.set_aside:
        click.echo(safe(f"set aside: {note}"), err=True)
    count = sum(len(c) for facts in report.new.values() for c in facts.values())
    if not count:
        click.echo("No new aliases: the grader takes every answer accepted there.", err=True)
        return
    for deck in decks:
        for fact in deck.facts:
            new = report.new.get(deck.id, {}).get(fact.id)
            if not new:
                continue
            given = ", ".join(f"{c.text} ({c.count})" for c in new)
            click.echo(safe(f"# {fact.id} ({fact.answer}): {given}"))
            click.echo(safe(f"aliases: {flow_list([*fact.aliases, *(c.text for c in new)])}"))
    if add:
        _add(
            loaded[0],
            {fid: [c.text for c in new] for fid, new in report.new.get(decks[0].id, {}).items()},
            yes,
        )


def _quiz_overrides(decks: Sequence[Deck], data_dir: Path) -> list[tuple[str, str, str, str]]:
    """The terminal quiz's overrides ("I was right"), from its progress file, as (deck id, fact id,
    typed, source); none where the quiz was never taken here."""
    store = _existing_store(data_dir)
    if store is None:
        return []
    with store:
        found = [
            (deck.id, fact_id, typed, "quiz progress")
            for deck in decks
            for fact_id, typed in store.overrides(deck.id)
        ]
        _echo_warnings(store)  # rows it could not read, left out
    return found


def _add(loaded: object, additions: dict[str, list[str]], yes: bool) -> None:
    """Write the new aliases into the deck file (after asking), and check it still loads as the same deck."""
    import os
    import tempfile
    from dataclasses import replace

    from rutw_quiz.deck.edit import DeckEditError, add_aliases
    from rutw_quiz.deck.loader import LoadedDeck, read_deck_file
    from rutw_quiz.errors import DeckError
    from rutw_quiz.output import write_atomic
    from rutw_quiz.resources import bundled_deck_path

    assert isinstance(loaded, LoadedDeck)
    path = loaded.path
    if path.resolve() == bundled_deck_path().resolve():
        raise click.UsageError("--add does not edit the bundled deck: give your own deck file with --deck")
    count = sum(len(v) for v in additions.values())
    if not yes and not click.confirm(
        f"Add {count} alias{'es' if count != 1 else ''} to {path}?", default=False
    ):
        click.echo("Nothing written.", err=True)
        return
    deck = loaded.deck
    with path.open(encoding="utf-8", newline="") as handle:  # line ends as the file has them
        text = handle.read()
    try:
        edited = add_aliases(
            text,
            loaded.lines,
            {f.id: i for i, f in enumerate(deck.facts)},
            {f.id: f.aliases for f in deck.facts},
            additions,
        )
    except DeckEditError as error:
        raise DeckEditError(error.line, error.message, file=str(path)) from None
    fd, temp = tempfile.mkstemp(prefix=".aliases.", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(edited.text)
        check = read_deck_file(Path(temp)).deck
    except DeckError as error:  # placed in the file as it is, which stays unchanged
        raise DeckError(
            [
                replace(
                    p,
                    file=str(path),
                    line=edited.original_line(p.line),
                    message=f"{p.message} (with the new aliases; nothing written: add them by hand)",
                )
                for p in error.problems
            ]
        ) from None
    finally:
        Path(temp).unlink(missing_ok=True)
    want = {f.id: [*f.aliases, *additions.get(f.id, [])] for f in deck.facts}
    differs = [i for i, f in enumerate(check.facts) if list(f.aliases) != want.get(f.id)]
    if differs or len(check.facts) != len(deck.facts):
        raise DeckEditError(
            loaded.lines.line_of(("facts", differs[0] if differs else 0, "aliases")),
            "the edited file would not read back as intended; nothing written, add the aliases by hand",
            file=str(path),
        )
    write_atomic(path, edited.text)
    click.echo(f"Added {count} alias{'es' if count != 1 else ''} to {path}; it still validates.", err=True)
