"""`rutw-quiz export FORMAT`: the deck's questions for an LMS or a class game.

The table of formats lives here, as plain data, so `--help` and `--list` import no writer; each
writer (`rutw_quiz.render.<module>`) is imported only when its format is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from rutw_quiz.cli._app import cli
from rutw_quiz.cli._options import (
    QUESTION_TYPES,
    OutputFile,
    choices_option,
    deck_files,
    deck_option,
    load_decks,
    refuse_overwriting_inputs,
    selection_options,
)

if TYPE_CHECKING:
    from rutw_quiz.deck.models import Deck
    from rutw_quiz.questions.bank import BankStream, QuestionBank


@dataclass(frozen=True)
class Format:
    """One export format: its writer, what it carries and how it is written."""

    name: str
    title: str
    types: tuple[str, ...]
    extension: str
    text: bool
    """Whether the output is text (so `-o -` may write it to standard output)."""
    where: str
    """Where a teacher imports the file."""


GAME_TYPES = ("multiple_choice", "true_false")
GAME_MAX_CHOICES = 4
"""Kahoot, Blooket and Gimkit show at most four answers."""
DEFAULT_TIME_LIMIT = 20
TIME_LIMITS: dict[str, tuple[int, ...]] = {
    "blooket": tuple(range(1, 301)),
    "kahoot": (5, 10, 20, 30, 60, 90, 120, 240),
}
"""The time limits each class game accepts (the writers hold the same; a test checks they agree)."""

EVERY_TYPE = ("multiple_choice", "true_false", "fill_in", "short_answer", "timeline", "matching")

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "moodle",
            "Moodle XML",
            EVERY_TYPE,
            ".xml",
            text=True,
            where="Moodle: Question bank → Import → Moodle XML format",
        ),
        Format(
            "gift",
            "GIFT",
            EVERY_TYPE,
            ".gift.txt",
            text=True,
            where="Moodle: Question bank → Import → GIFT format (timelines become matching)",
        ),
        Format(
            "qti",
            "Canvas QTI 1.2",
            EVERY_TYPE,
            ".qti.zip",
            text=False,
            where="Canvas: Settings → Import Course Content → QTI .zip file (timelines become matching)",
        ),
        Format(
            "blackboard",
            "Blackboard",
            EVERY_TYPE,
            ".blackboard.txt",
            text=True,
            where="Blackboard: a test or pool → Upload Questions → the .txt file (no feedback in this format)",
        ),
        Format(
            "quizlet",
            "Quizlet",
            ("short_answer", "fill_in"),
            ".quizlet.txt",
            text=True,
            where="Quizlet: Create → Study set → Import, paste the file (between term and definition: Tab)",
        ),
        Format(
            "kahoot",
            "Kahoot",
            GAME_TYPES,
            ".kahoot.xlsx",
            text=False,
            where="Kahoot: Create → Kahoot → Add question → Import spreadsheet → upload the .xlsx",
        ),
        Format(
            "blooket",
            "Blooket",
            GAME_TYPES,
            ".blooket.csv",
            text=True,
            where="Blooket: Create → Spreadsheet Import → upload the CSV",
        ),
        Format(
            "gimkit",
            "Gimkit",
            GAME_TYPES,
            ".gimkit.csv",
            text=True,
            where="Gimkit: New Kit → Import from Spreadsheet → upload the CSV",
        ),
    )
}

BANK_NOTE = "Without -n, the whole question bank: every question per fact and type, grouped by topic."


def _list_formats(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    width = max(len(name) for name in FORMATS)
    for fmt in FORMATS.values():
        click.echo(f"{fmt.name:<{width}}  {fmt.title} ({fmt.extension}): {', '.join(fmt.types)}")
    ctx.exit(0)


def _bank_help(func: click.decorators.FC) -> click.decorators.FC:
    """`-n` of the shared selection options, described for export: absent means the whole bank."""
    for param in getattr(func, "__click_params__", []):
        if param.name == "count":
            param.show_default = False
            param.help = (
                "Number of questions, chosen as `questions` chooses them among the format's types. "
                "Default: the whole bank."
            )
    return func


@cli.command()
@click.argument("format_name", metavar="FORMAT", type=click.Choice(sorted(FORMATS)), required=False)
@click.option(
    "-o",
    "--output",
    type=OutputFile(allow_dash=True),
    metavar="FILE",
    help="File to write ('-' writes a text format to standard output). Default: <deck id><extension>.",
)
@click.option(
    "--list",
    "list_formats",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_formats,
    help="List the formats with the question types each carries, and exit.",
)
@deck_option
@_bank_help
@selection_options(default_count=10)
@choices_option("question")
@click.option(
    "--time-limit",
    type=click.IntRange(min=1),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    metavar="SECONDS",
    help="Seconds per question in class games (Kahoot: 5, 10, 20, 30, 60, 90, 120 or 240; Blooket: up to 300).",
)
@click.pass_context
def export(
    ctx: click.Context,
    format_name: str | None,
    output: Path | None,
    deck_paths: tuple[Path, ...],
    count: int,
    seed: int | None,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...],
    choices: int,
    time_limit: int,
) -> None:
    """Export questions for an LMS or a class game.

    Without -n, the file holds the question bank: every question the engine can make, one
    per fact and type (timelines and matching: four facts of a topic each), grouped by
    topic, so the LMS can draw random quizzes from it; the bank is the same on every run.
    With -n, the same questions `rutw-quiz questions` makes with those options, of the
    types the format carries (Kahoot, Blooket, Gimkit: multiple choice and true/false;
    Quizlet: short answer and fill-in).
    Each question keeps its answers, accepted aliases, explanation and source citation.

    \b
    Examples:
      rutw-quiz export --list
      rutw-quiz export moodle -o russia-taiwan.xml
      rutw-quiz export moodle -n 20 --seed 7 --type multiple_choice -o quiz.xml
      rutw-quiz export gift -o - --topic tuapse
      rutw-quiz export qti -o canvas-bank.zip
      rutw-quiz export quizlet -o cards.txt
      rutw-quiz export blooket -n 15 --seed 4 --time-limit 30 -o blooket.csv
    """
    if format_name is None:
        raise click.UsageError("give a FORMAT (see `rutw-quiz export --list`)")
    fmt = FORMATS[format_name]
    unsupported = [t for t in types if t not in fmt.types]
    if unsupported:
        raise click.BadParameter(
            f"{fmt.title} does not carry {', '.join(unsupported)} questions; it carries {', '.join(fmt.types)}",
            param_hint="'--type'",
        )
    if fmt.types == GAME_TYPES and choices > GAME_MAX_CHOICES:
        raise click.BadParameter(
            f"{fmt.title} shows at most {GAME_MAX_CHOICES} answers; use --choices 3 or 4",
            param_hint="'--choices'",
        )
    limits = TIME_LIMITS.get(fmt.name)
    if limits is not None and time_limit not in limits:
        allowed = f"1 to {limits[-1]}" if len(limits) > 10 else ", ".join(map(str, limits))
        raise click.BadParameter(
            f"{fmt.title} allows a time limit of {allowed} seconds, not {time_limit}",
            param_hint="'--time-limit'",
        )
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and not fmt.text:
        raise click.BadParameter(
            f"{fmt.title} is a binary file; give a file name instead of '-'", param_hint="'-o'"
        )
    refuse_overwriting_inputs(output, deck_files(deck_paths))
    from rutw_quiz.cli._options import resolve_topics
    from rutw_quiz.questions import QuestionType
    from rutw_quiz.questions.bank import build_bank, group_by_topic, stream_bank

    loaded = load_decks(deck_paths)
    decks = [item.deck for item in loaded]
    topics = resolve_topics(decks, topics)
    path = None if to_stdout else output if output is not None else Path(f"{decks[0].id}{fmt.extension}")
    if path is not None:
        refuse_overwriting_inputs(path, deck_files(deck_paths))
    # All six types given explicitly would weigh them equally: a format that carries every type
    # leaves the engine's default mix, so `-n 20 --seed 7` asks what `questions` asks.
    wanted = types or (() if set(fmt.types) == set(QUESTION_TYPES) else fmt.types)
    bank: QuestionBank | BankStream
    if ctx.get_parameter_source("count") is ParameterSource.DEFAULT:
        make_bank = stream_bank if _streamed(fmt, path, decks) else build_bank
        bank = make_bank(
            decks,
            types=[QuestionType(t) for t in wanted or fmt.types],
            topics=topics,
            difficulties=difficulties,
            choices=choices,
            **({} if seed is None else {"seed": seed}),
        )
    else:
        from rutw_quiz.cli._options import build_questions

        result = build_questions(
            loaded,
            count=count,
            seed=seed,
            types=wanted,
            topics=topics,
            difficulties=difficulties,
            choices=choices,
        )
        bank = group_by_topic(decks, result.questions)
    _write(fmt, bank, path, time_limit=time_limit)


STREAMED = ("moodle", "gift", "blackboard")
"""Formats written while their bank is made (see `questions.bank.BankStream`)."""


def _streamed(fmt: Format, path: Path | None, decks: Sequence[Deck]) -> bool:
    """Whether to write the bank while it is made, a topic at a time: only to a file put in place
    whole (a bank that fails half-way then leaves the old file as it was, where standard output
    or a pipe would hold half a file), and GIFT from one deck only (its header names the decks
    that gave questions, known only at the end)."""
    from rutw_quiz.output import replaced_whole

    if fmt.name not in STREAMED or path is None or not replaced_whole(path):
        return False
    return fmt.name != "gift" or len(decks) == 1


def _write(fmt: Format, bank: QuestionBank | BankStream, path: Path | None, *, time_limit: int) -> None:
    """Write the bank in the format to `path` (None: standard output), with the notices and a
    last line saying what was written; a streamed bank's notices come once it is written."""
    import gc

    from rutw_quiz.output import write_atomic
    from rutw_quiz.questions.bank import BankStream, QuestionBank

    if isinstance(bank, QuestionBank):
        for notice in bank.notices:
            click.echo(f"note: {notice}", err=True)
        # The bank lives as long as the command: the collector need not walk it again and again
        # while a writer makes and drops its text (a third of the Kahoot writer's time at 10,000 facts).
        gc.freeze()
    rendered = _render(fmt, bank, time_limit=time_limit)
    if isinstance(bank, QuestionBank):
        _echo_notices(rendered.notices())
    try:
        if path is None:
            for piece in [rendered.data] if isinstance(rendered.data, bytes) else rendered.data:
                click.echo(piece.decode("utf-8") if isinstance(piece, bytes) else piece, nl=False)
        else:
            write_atomic(path, rendered.data)
    finally:
        if isinstance(bank, BankStream):
            bank.close()  # a write that failed half-way stops the workers now
    if isinstance(bank, BankStream):
        _echo_notices([*bank.notices, *rendered.notices()])
    if path is not None:
        topics = bank.topic_count if isinstance(bank, BankStream) else len(bank.groups)
        click.echo(f"wrote {path}: {rendered.written()} questions in {topics} topics ({fmt.title})", err=True)


@dataclass(frozen=True)
class _Rendered:
    """A format's bytes, or its text in pieces made as they are written; how many questions they
    hold and the notices, both asked for once the data is written (a streamed bank counts as it goes)."""

    data: bytes | Iterable[str]
    written: Callable[[], int]
    notices: Callable[[], list[str]]


def _echo_notices(notices: list[str]) -> None:
    for notice in notices:
        click.echo(f"note: {notice}", err=True)


def _render(fmt: Format, bank: QuestionBank | BankStream, *, time_limit: int) -> _Rendered:
    """The format's bytes for the bank (or its text in pieces, made as they are written), how many
    questions they hold, and notices (the writer imported only now)."""
    from rutw_quiz.questions.bank import BankStream

    if fmt.name == "moodle":
        from rutw_quiz.render.moodle_xml import moodle_xml_pieces

        def count() -> int:
            return bank.count if isinstance(bank, BankStream) else len(bank.questions)

        return _Rendered(moodle_xml_pieces(bank), count, lambda: [])
    if fmt.name == "gift":
        from rutw_quiz.render.gift import gift

        result = gift(bank)
        return _Rendered(result.pieces(), lambda: result.written, lambda: result.notices)
    if fmt.name == "blackboard":
        from rutw_quiz.render.blackboard import blackboard

        board = blackboard(bank)
        return _Rendered(board.pieces(), lambda: board.written, lambda: board.notices)
    data, written, notices = _render_whole(fmt, bank, time_limit=time_limit)
    return _Rendered(data, lambda: written, lambda: notices)


def _render_whole(fmt: Format, bank: object, *, time_limit: int) -> tuple[bytes, int, list[str]]:
    """The bytes of a format written from a whole bank, how many questions they hold, and notices."""
    from rutw_quiz.questions.bank import QuestionBank

    assert isinstance(bank, QuestionBank)
    if fmt.name == "qti":
        from rutw_quiz.render.qti import qti_zip

        zipped = qti_zip(bank)
        return zipped.data, len(bank.questions), zipped.notices
    if fmt.name == "quizlet":
        from rutw_quiz.render.flashcards import cards, quizlet_text

        return quizlet_text(bank).encode("utf-8"), len(cards(bank)), []
    if fmt.name == "kahoot":
        from rutw_quiz.render.class_games import game_questions
        from rutw_quiz.render.export_common import all_sources, licensed_attribution
        from rutw_quiz.render.kahoot import kahoot_xlsx

        title = " · ".join(deck.title for deck in bank.decks)
        credit = licensed_attribution(all_sources(bank.decks))
        made = kahoot_xlsx(game_questions(bank), title=title, time_limit=time_limit, credit=credit)
        return made.data, made.written, made.notices
    if fmt.name in ("blooket", "gimkit"):
        from rutw_quiz.render.class_games import blooket_file, game_questions, gimkit_file

        questions = game_questions(bank)
        game = (
            blooket_file(questions, time_limit=time_limit)
            if fmt.name == "blooket"
            else gimkit_file(questions)
        )
        return game.text.encode("utf-8"), len(questions), [game.notice] if game.notice else []
    raise AssertionError(fmt.name)  # pragma: no cover - every listed format has a writer
