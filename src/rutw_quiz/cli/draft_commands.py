"""`rutw-quiz draft`: a first deck from a source text, for the author to edit and validate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from rutw_quiz.cli._app import cli
from rutw_quiz.cli._options import OutputFile

FORMATS = ("auto", "text", "markdown", "html")


def _read_source(source: Path) -> tuple[bytes, str]:
    """The source's bytes (at most one byte past the limit, so a huge file is refused, not read)."""
    from rutw_quiz.draft.source_text import MAX_SOURCE_BYTES, DraftError

    if str(source) == "-":
        return sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1), "standard input"
    if source.is_dir():
        raise DraftError(f"{source}: is a folder; give the file of the text to draft from")
    try:
        with source.open("rb") as handle:
            return handle.read(MAX_SOURCE_BYTES + 1), str(source)
    except FileNotFoundError:
        raise DraftError(f"{source}: no such file; check the path") from None
    except OSError as error:
        raise DraftError(f"{source}: cannot be read ({error.strerror or error})") from None


def _text_file_for(source: Path, fmt: str, output: Path) -> Path:
    """Where the quoted text lives beside the deck: the source itself when it is plain text there."""
    if fmt == "text" and str(source) != "-" and source.resolve().parent == output.resolve().parent:
        return source
    if fmt == "text" and str(source) != "-":
        return output.with_name(source.name)
    return output.with_suffix(".txt")


@cli.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=True, allow_dash=True))
@click.option(
    "-o", "--output", type=OutputFile(), required=True, help="Deck file to write (YAML), e.g. my_deck.yaml."
)
@click.option(
    "--max",
    "max_facts",
    type=click.IntRange(1, 500),
    default=40,
    show_default=True,
    help="Keep at most this many facts, the best candidates first.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="How to read SOURCE (auto: by its suffix, else by a look at it).",
)
@click.option("--id", "deck_id", metavar="SLUG", help="The deck's id (default: from its title).")
@click.option("--title", help="The deck's title (default: the text's first heading).")
@click.option("--language", default="en", show_default=True, help="BCP 47 tag of the text's language.")
@click.option("--url", help="Where the text comes from (default: an HTML page's own address).")
@click.option("--publisher", help="Who published the text, e.g. 'English Wikipedia'.")
@click.option("--license", "license_", metavar="LICENCE", help="The text's licence, e.g. 'CC BY-SA 4.0'.")
def draft(
    source: Path,
    output: Path,
    max_facts: int,
    fmt: str,
    deck_id: str | None,
    title: str | None,
    language: str,
    url: str | None,
    publisher: str | None,
    license_: str | None,
) -> None:
    """Draft a first deck from SOURCE (plain text, Markdown or HTML; '-' reads standard input).

    Each drafted fact quotes the text verbatim (the text is kept beside the deck, so `validate`
    checks every quote) and carries '# check:' comments saying what to look at. Read it, edit
    it, then validate it.

    \b
    Examples:
      rutw-quiz draft article.txt -o my_deck.yaml
      rutw-quiz draft page.html -o my_deck.yaml --max 30 --license "CC BY-SA 4.0"
      rutw-quiz validate my_deck.yaml
    """
    from rutw_quiz.draft import DraftOptions, decode_source, draft_deck, guess_format, read_source
    from rutw_quiz.draft.source_text import DraftError
    from rutw_quiz.output import write_atomic

    if str(source) != "-" and source.exists() and output.exists() and source.resolve() == output.resolve():
        raise click.UsageError("-o names the source text itself; give the deck a file name of its own")
    data, name = _read_source(source)
    text = decode_source(data, name)
    chosen = guess_format(name, text) if fmt == "auto" else fmt
    if chosen not in ("text", "markdown", "html"):
        raise click.UsageError(f"unknown format {chosen}")
    source_text = read_source(text, chosen)  # type: ignore[arg-type]
    text_path = _text_file_for(source, chosen, output)
    if text_path != source and text_path.exists():
        try:
            same = text_path.read_text(encoding="utf-8") == source_text.text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            raise DraftError(
                f"{text_path} exists and holds another text; the draft keeps the text it quotes there, "
                "so move that file or give the deck another name with -o"
            )
    options = DraftOptions(
        text_file=text_path.name,
        max_facts=max_facts,
        deck_id=deck_id,
        title=title,
        language=language,
        url=url,
        publisher=publisher,
        license=license_,
    )
    drafted = draft_deck(source_text, Path(name).name, options, deck_name=str(output))
    if text_path != source:
        write_atomic(text_path, source_text.text)
    write_atomic(output, drafted.yaml_text)
    kept, found = len(drafted.facts), drafted.candidates
    click.echo(
        f"Drafted {kept} fact{'s' if kept != 1 else ''} (the best of {found} candidates) into {output}; "
        f"the text they quote is {text_path}.\n"
        f"Next: read each fact and its '# check:' comments, then: rutw-quiz validate {output}",
        err=True,
    )
