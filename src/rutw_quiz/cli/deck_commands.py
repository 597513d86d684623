"""Commands about decks themselves: facts, validate, schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from rutw_quiz.cli._app import EXIT_INVALID, cli
from rutw_quiz.cli._options import deck_option, load_decks, resolve_topics, settled_memory, topic_option


@cli.command()
@deck_option
@topic_option
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON array of fact objects: every key of each fact."
)
def facts(deck_paths: tuple[Path, ...], topics: tuple[str, ...], as_json: bool) -> None:
    """List the facts of the deck, with answers and sources.

    \b
    Examples:
      rutw-quiz facts
      rutw-quiz facts --topic tuapse --json
    """
    from rutw_quiz.deck.facts_view import fact_records
    from rutw_quiz.errors import SelectionError

    loaded = load_decks(deck_paths)
    topics = resolve_topics([item.deck for item in loaded], topics)
    records = fact_records([item.deck for item in loaded], topics)
    if not records:
        known = sorted({t for item in loaded for t in item.deck.topics})
        raise SelectionError(f"no fact has topic {', '.join(topics)}; topics are: {', '.join(known)}")
    if as_json:
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    for record in records:
        date = record["date"] or record["year"]
        when = f" [{date}]" if date else ""
        click.echo(f"{record['id']}{when} ({record['kind']}: {record['answer']})")
        click.echo(f"  {record['statement']}")
        source = record["source"]
        click.echo(f"  source: {source['title']}, {source['section']}: \u201c{source['quote']}\u201d")
        if record.get("note"):
            click.echo(f"  note: {record['note']}")


@cli.command()
@click.argument("decks", nargs=-1, type=click.Path(path_type=Path))
@deck_option
@click.option(
    "--sources",
    "sources_dir",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="Folder of source texts: every evidence quote must occur verbatim in its source's file.",
)
def validate(decks: tuple[Path, ...], deck_paths: tuple[Path, ...], sources_dir: Path | None) -> None:
    """Check deck files; report every problem as FILE:LINE: location: message.

    Decks are named as arguments or with --deck, like every other command. Exit status 0
    when all decks are valid, 1 otherwise. Without a deck, checks the bundled deck.
    Warnings (statements that lean on another sentence, facts with too few wrong answers of
    their category, choice lists whose form would point at the answer, notes about the deck
    itself) are printed too, with the errors, but do not fail the check.
    Decks checked together must have different ids, as for every command that reads them.

    \b
    Examples:
      rutw-quiz validate
      rutw-quiz validate my_deck.yaml --sources texts/
      rutw-quiz validate --deck my_deck.yaml --deck other_deck.yaml
    """
    from rutw_quiz.deck import LoadedDeck, read_deck_file
    from rutw_quiz.deck.loader import deck_id_clashes
    from rutw_quiz.deck.quotes import check_quotes
    from rutw_quiz.errors import DeckError
    from rutw_quiz.questions.deck_advice import choice_warnings
    from rutw_quiz.resources import bundled_deck_path

    failed = False
    valid: list[LoadedDeck] = []
    for path in (*decks, *deck_paths) or (bundled_deck_path(),):
        try:
            with settled_memory():
                loaded = read_deck_file(path, advise=choice_warnings, warn=True)
        except DeckError as error:
            # Errors and the warnings on the valid part, in one run, by line.
            for problem in sorted(error.problems + error.warnings):
                click.echo(str(problem), err=True)
            failed = True
            continue
        quotes = check_quotes(loaded, sources_dir)
        problems = quotes.problems + deck_id_clashes([*valid, loaded])
        warnings = loaded.warnings()
        if problems:
            for problem in sorted(problems + warnings):
                click.echo(str(problem), err=True)
            failed = True
            continue
        valid.append(loaded)
        for warning in warnings:
            click.echo(str(warning), err=True)
        if quotes.checked and quotes.unchecked:  # the deck ships some texts: say which quotes went unchecked
            for source in quotes.unchecked:
                click.echo(
                    f"{path}: the quotes of '{source.title}' ({source.publisher}) were not checked: its text "
                    f"{source.file or '(no file named)'} is not beside the deck; to check them, run "
                    f"`rutw-quiz validate {path} --sources DIR` with that file in DIR",
                    err=True,
                )
        if sources_dir:
            checked = f" and quotes checked against {sources_dir}"
        elif quotes.checked:
            names = ", ".join(sorted(p.name for p in quotes.checked.values()))
            checked = f" and the quotes of {len(quotes.checked)} of {len(loaded.deck.sources)} sources checked ({names})"
        else:
            checked = ""
        advice = f", {len(warnings)} warning(s)" if warnings else ""
        if not checked and loaded.deck.sources:  # no text beside the deck at all: not a bare "ok"
            advice += "; quotes not checked: no source text is beside the deck (`--sources DIR` checks them)"
        click.echo(f"{path}: ok, {len(loaded.deck.facts)} facts{checked}{advice}")
    if failed:
        raise SystemExit(EXIT_INVALID)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of deck files (for editor checking and completion).

    \b
    Example:
      rutw-quiz schema > deck.schema.json
    """
    from rutw_quiz.deck.schema import deck_json_schema_text

    click.echo(deck_json_schema_text(), nl=False)
