"""Options and helpers shared by several commands."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from rutw_quiz.deck import LoadedDeck
    from rutw_quiz.questions import QuestionOptions, QuestionSet

F = TypeVar("F", bound=Callable[..., Any])


def deck_option(func: F) -> F:
    """`--deck PATH`, repeatable; without it the bundled deck."""
    return click.option(
        "--deck",
        "deck_paths",
        multiple=True,
        type=click.Path(path_type=Path, dir_okay=True),
        metavar="PATH",
        help="Deck file to use (repeatable). Default: the bundled Russia–Taiwan deck.",
    )(func)


class OutputFile(click.Path):
    """An output file's path (`-o`), where a trailing slash means a folder, as the shell reads it.

    `-o newdir/` is "no such folder" (or "is a folder"), never a file called `newdir`.
    """

    def __init__(self, *, allow_dash: bool = False) -> None:
        super().__init__(path_type=Path, dir_okay=False, allow_dash=allow_dash)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = os.fsdecode(value) if isinstance(value, bytes | os.PathLike) else str(value)
        if text.endswith(("/", os.sep)) and text != "-":
            folder = text.rstrip("/" + os.sep) or text
            if Path(folder).is_dir():
                self.fail(
                    f"'{text}' is a folder; give a file name, e.g. {Path(folder) / 'output'}", param, ctx
                )
            self.fail(
                f"'{text}' ends in a slash, so it names a folder, and there is no such folder: {folder}",
                param,
                ctx,
            )
        return super().convert(value, param, ctx)


def refuse_overwriting_inputs(output: Path | None, inputs: Iterable[Path | None]) -> None:
    """Refuse `-o` naming a file the command reads (a deck, the responses), followed through links.

    Writing it would replace the input, perhaps a teacher's only copy, as compilers refuse `-o`
    onto their source. A file is the same when it is the same inode (a symbolic or hard link to it
    counts); only regular files are compared, so `-o /dev/stdout` with a deck on /dev/stdin is fine.
    """
    if output is None or str(output) == "-":
        return
    try:
        written = output.stat()
    except OSError:
        return  # nothing there yet, so no input
    if not stat.S_ISREG(written.st_mode):
        return
    for path in inputs:
        if path is None:
            continue
        try:
            read = path.stat()
        except OSError:
            continue
        if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
            same = "" if output.absolute() == path.absolute() else f" (it is {path})"
            raise click.BadParameter(
                f"'{output}' is a file this command reads{same}; writing it would replace it: "
                "give another file name",
                param_hint="'-o' / '--output'",
            )


def deck_files(paths: tuple[Path, ...] | list[Path]) -> list[Path]:
    """The deck files a command reads: the ones named, or the bundled one."""
    from rutw_quiz.resources import bundled_deck_path

    return list(paths) or [bundled_deck_path()]


def load_decks(paths: tuple[Path, ...] | list[Path]) -> list[LoadedDeck]:
    """The decks named, or the bundled one; raises DeckError (reported by the group)."""
    from rutw_quiz.deck import read_deck_files

    return read_deck_files(deck_files(paths))


MAX_QUESTIONS = 1_000_000
"""No set is larger than this, whatever `-n` says: the engine allocates per asked question."""

QUESTION_TYPES = ("multiple_choice", "true_false", "fill_in", "short_answer", "timeline", "matching")


def parse_difficulty(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, ...]:
    """'2', '1-2' or '1,3' -> the difficulty levels to include (none given: all)."""
    if value is None:
        return ()
    levels: set[int] = set()
    for part in value.replace(" ", "").split(","):
        low, _, high = part.partition("-")
        if not (low.isdecimal() and (not high or high.isdecimal())):
            raise click.BadParameter(
                f"'{value}' is not a difficulty; use 1, 2, 3, a range like 1-2 or a list like 1,3"
            )
        start, end = int(low), int(high or low)
        if not 1 <= start <= end <= 3:
            raise click.BadParameter(f"'{value}' is outside the difficulties 1 to 3")
        levels.update(range(start, end + 1))
    return tuple(sorted(levels))


def selection_options(default_count: int) -> Callable[[F], F]:
    """-n, --seed, --type, --topic, --difficulty: which questions to make."""

    def decorate(func: F) -> F:
        options = [
            click.option(
                "-n",
                "count",
                type=click.IntRange(min=1),
                default=default_count,
                show_default=True,
                help="Number of questions.",
            ),
            click.option(
                "--seed",
                type=int,
                default=None,
                help="Seed for a repeatable selection (default: random, printed).",
            ),
            click.option(
                "--type",
                "types",
                multiple=True,
                type=click.Choice(QUESTION_TYPES),
                help="Only this question type (repeatable).",
            ),
            click.option(
                "--topic",
                "topics",
                multiple=True,
                metavar="TOPIC",
                help="Only facts with this topic (repeatable).",
            ),
            click.option(
                "--difficulty",
                "difficulties",
                metavar="LEVELS",
                callback=parse_difficulty,
                help="Difficulty 1-3, a range (1-2) or a list (1,3).",
            ),
        ]
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def choices_option(what: str) -> Callable[[F], F]:
    """`--choices K`: options per multiple-choice question (3 to 6)."""
    return click.option(
        "--choices",
        type=click.IntRange(3, 6),
        default=4,
        show_default=True,
        help=f"Options per multiple-choice {what}.",
    )


def pick_seed(seed: int | None) -> int:
    """The given seed, or a fresh random one (the caller shows it, so the run can be repeated)."""
    if seed is not None:
        return seed
    import secrets

    return secrets.randbelow(1_000_000)


def resolve_seed(seed: int | None) -> int:
    """The given seed, or a fresh random one announced on stderr so the run can be repeated."""
    chosen = pick_seed(seed)
    if seed is None:
        click.echo(f"seed: {chosen} (repeat this set with --seed {chosen})", err=True)
    return chosen


def question_options(
    *,
    count: int,
    seed: int,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...] | None,
    choices: int = 4,
) -> QuestionOptions:
    """The engine's options from the values of `selection_options` and `choices_option`.

    The count is capped at MAX_QUESTIONS, so a huge `-n` allocates nothing (`build_questions`
    caps it at the decks' facts first).
    """
    from rutw_quiz.questions import QuestionOptions, QuestionType

    return QuestionOptions(
        count=min(count, MAX_QUESTIONS),
        seed=seed,
        types=tuple(QuestionType(t) for t in types),
        topics=topics,
        difficulties=difficulties or (),
        choices=choices,
    )


def build_questions(
    loaded: list[LoadedDeck],
    *,
    count: int,
    seed: int | None,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...] | None,
    choices: int = 4,
) -> QuestionSet:
    """Run the engine for a command, printing its notices on stderr."""
    from rutw_quiz.questions import generate_questions

    facts = sum(len(item.deck.facts) for item in loaded)
    if count > max(facts, MAX_QUESTIONS):
        has = f"the deck has {facts} facts" if len(loaded) == 1 else f"the decks have {facts} facts"
        click.echo(f"note: -n {count}: {has}, so at most {facts} questions", err=True)
        count = facts
    options = question_options(
        count=count,
        seed=resolve_seed(seed),
        types=types,
        topics=topics,
        difficulties=difficulties,
        choices=choices,
    )
    result = generate_questions([item.deck for item in loaded], options)
    for notice in result.notices:
        click.echo(f"note: {notice}", err=True)
    return result
