"""`rutw-quiz draft`: a first deck from a source text, for the author to edit and validate."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from rutw_quiz.cli._app import cli
from rutw_quiz.cli._options import OutputFile

FORMATS = ("auto", "text", "markdown", "html")


def _read_source(source: Path) -> tuple[bytes, str]:
    """The source's bytes (at most one byte past the limit, so a huge file is refused, not read), and
    its name as messages show it: control characters escaped, so a file name cannot drive the terminal.
    """
    from rutw_quiz.draft.source_text import MAX_SOURCE_BYTES, DraftError
    from rutw_quiz.text import shown_safely

    if str(source) == "-":
        return sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1), "standard input"
    name = shown_safely(str(source))
    if source.is_dir():
        raise DraftError(f"{name}: is a folder; give the file of the text to draft from")
    try:
        with source.open("rb") as handle:
            return handle.read(MAX_SOURCE_BYTES + 1), name
    except FileNotFoundError:
        raise DraftError(f"{name}: no such file; check the path") from None
    except OSError as error:
        raise DraftError(f"{name}: cannot be read ({error.strerror or error})") from None


def _resolved(path: Path) -> Path:
    """The path followed through links; as given where links lead round in a loop (the write says so)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11 and 3.12's "Symlink loop"
        return path.absolute()


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file, followed through links (a file not there yet by its path)."""
    if _resolved(one) == _resolved(other):
        return True
    try:
        return one.samefile(other)
    except OSError:
        return False


def _text_file_for(source: Path | None, fmt: str, output: Path) -> Path:
    """Where the quoted text lives beside the deck: the source itself when it is plain text there.

    Otherwise a copy, under the source's own name when it is plain text, else the deck's name with
    `.txt`; when that name is the deck's own or the source's (`draft art.md -o art.txt`), or one a
    deck cannot write in `file:`, the copy is DECK.source.txt: the deck goes where `-o` says, and
    the copy is named in the notice and in the deck's `file:`, so nothing else has to change.
    """
    from rutw_quiz.draft.deck_file import file_name_problem

    plain = source if fmt == "text" else None
    here = plain is not None and _resolved(plain).parent == _resolved(output).parent
    if plain is not None and here and file_name_problem(plain.name) is None:
        return plain
    names = [plain.name] if plain is not None else []
    names += [output.with_suffix(".txt").name, f"{output.stem}.source.txt"]
    names += [f"{output.stem}.source-{n}.txt" for n in (2, 3)]  # two files to avoid: one of these is free
    for name in names:
        path = output.with_name(name)
        clashes = _same_file(path, output) or (source is not None and _same_file(path, source))
        if not clashes and file_name_problem(name) is None:
            return path
    raise AssertionError("one of three free names is taken by neither of two files")


class _DeckFile(OutputFile):
    """`-o` of draft: a file name the deck can write in its own lines, never '-' or empty."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from rutw_quiz.draft.deck_file import file_name_problem, shown_in_comment

        text = os.fsdecode(value) if isinstance(value, bytes | os.PathLike) else str(value)
        if not text:
            self.fail("is empty; give the deck a file name, e.g. my_deck.yaml", param, ctx)
        if text == "-":
            self.fail(
                "a draft is two files, the deck and the text it quotes beside it, so it cannot go to "
                "standard output; give the deck a file name, e.g. my_deck.yaml",
                param,
                ctx,
            )
        path: Path = super().convert(value, param, ctx)
        problem = file_name_problem(path.name)
        if problem:
            self.fail(
                f"the file name '{shown_in_comment(path.name)}' {problem}; the deck names it in its "
                "own lines, so give it a plain name, e.g. my_deck.yaml",
                param,
                ctx,
            )
        return path


def _text_value_problem(value: str) -> str | None:
    """What `validate` would refuse in an option's value written into the deck, or None."""
    from rutw_quiz.deck.yaml_source import CONTROL_CHARACTERS, control_character_message

    undecodable = next((c for c in value if 0xDC80 <= ord(c) <= 0xDCFF), None)
    if undecodable is not None:
        return f"it is not UTF-8 text (it holds the byte \\x{ord(undecodable) - 0xDC00:02x}); type it again"
    if not value.strip():
        return "it is blank; give a value or leave the option out"
    control = CONTROL_CHARACTERS.search(value)
    return control_character_message(control.group()) if control else None


def _deck_text(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --title, --url, --publisher or --license as `validate` accepts it in a deck."""
    from rutw_quiz.draft.deck_file import shown_in_comment

    if value is None:
        return None
    problem = _text_value_problem(value)
    if problem:
        raise click.BadParameter(f"'{shown_in_comment(value)}': {problem}")
    return value.strip()


def _deck_id(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--id as a deck id: the deck model's slug rule, said in words, with a slug of the value to use."""
    if value is None:
        return None
    from pydantic import TypeAdapter, ValidationError

    from rutw_quiz.deck.models import Slug
    from rutw_quiz.draft.deck_file import shown_in_comment, slug

    given = value.strip()
    try:
        return TypeAdapter(Slug).validate_python(given)
    except ValidationError:
        suggestion = slug(given, max_words=12)
        raise click.BadParameter(
            f"'{shown_in_comment(value)}' is not a deck id: a deck id is a slug, lowercase letters "
            "a-z and digits in words joined by single hyphens, at most 80 characters"
            + (f", e.g. {suggestion!r}" if suggestion else ", e.g. 'treaty-of-shimonoseki'")
        ) from None


def _language(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """--language as the deck model's language tag rule has it, said in words."""
    from pydantic import TypeAdapter, ValidationError

    from rutw_quiz.deck.models import LanguageTag
    from rutw_quiz.draft.deck_file import shown_in_comment

    given = value.strip()
    try:
        return TypeAdapter(LanguageTag).validate_python(given)
    except ValidationError:
        raise click.BadParameter(
            f"'{shown_in_comment(value)}' is not a language tag as a deck writes it: two or three "
            "lowercase letters, then any parts of 2 to 8 letters or digits after hyphens, "
            "e.g. 'en', 'fr' or 'pt-BR'"
        ) from None


@cli.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=True, allow_dash=True))
@click.option(
    "-o", "--output", type=_DeckFile(), required=True, help="Deck file to write (YAML), e.g. my_deck.yaml."
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
@click.option(
    "--id", "deck_id", metavar="SLUG", callback=_deck_id, help="The deck's id (default: from its title)."
)
@click.option("--title", callback=_deck_text, help="The deck's title (default: the text's first heading).")
@click.option(
    "--language",
    default="en",
    show_default=True,
    callback=_language,
    help="BCP 47 tag of the text's language.",
)
@click.option(
    "--url", callback=_deck_text, help="Where the text comes from (default: an HTML page's own address)."
)
@click.option("--publisher", callback=_deck_text, help="Who published the text, e.g. 'English Wikipedia'.")
@click.option(
    "--license",
    "license_",
    metavar="LICENCE",
    callback=_deck_text,
    help="The text's licence, e.g. 'CC BY-SA 4.0'.",
)
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
    from rutw_quiz.text import shown_safely

    from_file = None if str(source) == "-" else source
    if from_file is not None and from_file.exists() and _same_file(from_file, output):
        raise click.UsageError("-o names the source text itself; give the deck a file name of its own")
    data, name = _read_source(source)
    text = decode_source(data, name)
    chosen = guess_format(name, text) if fmt == "auto" else fmt
    if chosen not in ("text", "markdown", "html"):
        raise click.UsageError(f"unknown format {chosen}")
    source_text = read_source(text, chosen)  # type: ignore[arg-type]
    text_path = _text_file_for(from_file, chosen, output)
    copied = text_path is not from_file
    if copied and text_path.exists():
        try:
            same = text_path.read_text(encoding="utf-8") == source_text.text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            raise DraftError(
                f"{shown_safely(str(text_path))} exists and holds another text; the draft keeps the text it quotes there, "
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
    if copied:
        write_atomic(text_path, source_text.text)
    write_atomic(output, drafted.yaml_text)
    kept, found = len(drafted.facts), drafted.candidates
    click.echo(
        f"Drafted {kept} fact{'s' if kept != 1 else ''} (the best of {found} candidates) into "
        f"{shown_safely(str(output))}; the text they quote is {shown_safely(str(text_path))}.\n"
        f"Next: read each fact and its '# check:' comments, then: rutw-quiz validate {shown_safely(str(output))}",
        err=True,
    )
