"""Options and helpers shared by several commands."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from rutw_quiz.deck import Deck, LoadedDeck
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
        if not text:
            self.fail("the file name is empty; give a file name", param, ctx)
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

    with settled_memory():
        return read_deck_files(deck_files(paths))


@contextmanager
def settled_memory() -> Iterator[None]:
    """What the block loads is left out of the garbage collector's passes.

    A command is one short run that keeps its decks to the end; a 10,000-fact deck's objects
    would otherwise be walked again at every full collection the work after it triggers (a
    sixth of `validate`'s time). The collector is paused while the block reads, and what it made
    is set aside before the collector runs again, so it never walks them at all. Garbage made
    afterwards is collected as usual, in larger batches: the engine makes many small objects and
    almost no cycles (a full round of a 10,000-fact deck: 7% faster, nothing left to collect
    either way).
    """
    import gc

    from rutw_quiz import collector

    with collector.paused():
        yield
        gc.freeze()
        gc.set_threshold(*YOUNG_COLLECTION_THRESHOLDS)


YOUNG_COLLECTION_THRESHOLDS = (50_000, 20, 20)
"""Objects made before the youngest generation is collected (CPython's default is 700), and how
many collections of each generation before the next is: a few megabytes more at most."""


MAX_QUESTIONS = 1_000_000
"""No set is larger than this, whatever `-n` says: the engine allocates per asked question."""

QUESTION_TYPES = ("multiple_choice", "true_false", "fill_in", "short_answer", "timeline", "matching")
_TYPE_SPELLINGS = {
    "multiple_choice": "multiple_choice",
    "true_false": "true_false",
    "true_or_false": "true_false",
    "fill_in": "fill_in",
    "fill_in_the_blank": "fill_in",
    "fill_in_blank": "fill_in",
    "cloze": "fill_in",
    "short_answer": "short_answer",
    "timeline": "timeline",
    "matching": "matching",
}
"""A type's name as people write it (any case; hyphens, spaces, slashes or none between the
words: multiple-choice, Multiple choice, truefalse, true/false) -> the name `--type` stands for."""


def _spelling_key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.casefold()).strip("_")


_TYPE_KEYS = {_spelling_key(k): v for k, v in _TYPE_SPELLINGS.items()} | {
    k.replace("_", ""): v for k, v in _TYPE_SPELLINGS.items()
}


def question_type_name(text: str, allowed: Sequence[str] = QUESTION_TYPES, *, what: str = "") -> str:
    """The question type `text` names, as `--type` takes it; click.BadParameter (with "did you mean")
    for a name that is no type or not one of `allowed` (`what` says what the others lack)."""
    key = _spelling_key(text)
    found = _TYPE_KEYS.get(key) or _TYPE_KEYS.get(key.replace("_", ""))
    if found is not None and found in allowed:
        return found
    import difflib

    listed = ", ".join(allowed)
    if found is not None:
        raise click.BadParameter(f"'{text}' questions {what or 'cannot be used here'}; use {listed}.")
    close = difflib.get_close_matches(key, list(_TYPE_KEYS), n=1, cutoff=0.6)
    guess = _TYPE_KEYS[close[0]] if close else None
    hint = f"did you mean '{guess}'? " if guess in allowed else ""
    raise click.BadParameter(f"'{text}' is not a question type; {hint}The types are {listed}.")


def _question_types(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(question_type_name(text) for text in value))


def type_option(func: F) -> F:
    """`--type TYPE`, repeatable, in any common spelling (multiple-choice, "True or false")."""
    return click.option(
        "--type",
        "types",
        multiple=True,
        metavar="TYPE",
        callback=_question_types,
        help=f"Only this question type (repeatable): {', '.join(QUESTION_TYPES)}.",
    )(func)


def _topic_key(text: str) -> str:
    """A topic's slug or label as compared: case, accents, spaces and punctuation aside."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]+", "-", plain.casefold()).strip("-")


def resolve_topics(decks: Sequence[Deck], given: Sequence[str]) -> tuple[str, ...]:
    """The slugs of the topics `given` names, each by its slug or its label, in any case.

    click.BadParameter for `--topic`, with the likeliest topics ("did you mean") and the list of
    topics, before any question is made (or seed printed).
    """
    if not given:
        return ()
    labels: dict[str, str] = {}
    by_key: dict[str, str] = {}
    for deck in decks:
        for slug, label in deck.topics.items():
            labels.setdefault(slug, label)
            by_key.setdefault(_topic_key(slug), slug)
            by_key.setdefault(_topic_key(label), slug)
    slugs = []
    for text in given:
        found = by_key.get(_topic_key(text))
        if found is None:
            raise click.BadParameter(_unknown_topic(text, labels, by_key), param_hint="'--topic'")
        slugs.append(found)
    return tuple(dict.fromkeys(slugs))


def _unknown_topic(text: str, labels: dict[str, str], by_key: dict[str, str]) -> str:
    import difflib

    words = set(_topic_key(text).split("-")) - {""}
    partial = [
        slug
        for slug, label in labels.items()
        if words and words <= set(_topic_key(f"{slug} {label}").split("-"))
    ]
    close = partial or list(
        dict.fromkeys(
            by_key[k] for k in difflib.get_close_matches(_topic_key(text), list(by_key), n=3, cutoff=0.6)
        )
    )
    hint = ""
    if close:
        hint = "did you mean " + " or ".join(f"'{slug}' ({labels[slug]})" for slug in close[:3]) + "? "
    listed = "; ".join(f"{slug} ({label})" for slug, label in sorted(labels.items()))
    return f"no topic '{text}'; {hint}Topics, by name (label): {listed}."


def parse_difficulty(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, ...]:
    """'2', '1-2' or '1,3' -> the difficulty levels to include (none given: all)."""
    if value is None:
        return ()
    levels: set[int] = set()
    for part in value.replace(" ", "").split(","):
        # ASCII digits only: '1-' is no range, and '١' (Arabic-Indic) no level of a deck
        found = re.fullmatch(r"([0-9]+)(?:-([0-9]+))?", part)
        if found is None:
            raise click.BadParameter(
                f"'{value}' is not a difficulty; use 1, 2, 3, a range like 1-2 or a list like 1,3"
            )
        start, end = int(found[1]), int(found[2] or found[1])
        if not 1 <= start <= end <= 3:
            raise click.BadParameter(f"'{value}' is outside the difficulties 1 to 3")
        levels.update(range(start, end + 1))
    return tuple(sorted(levels))


def topic_option(func: F) -> F:
    """`--topic TOPIC`, repeatable: a topic's name (slug) or its label, in any case."""
    return click.option(
        "--topic",
        "topics",
        multiple=True,
        metavar="TOPIC",
        help="Only facts with this topic (repeatable): its name or its label, e.g. tuapse or 'The tanker Tuapse'.",
    )(func)


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
            type_option,
            topic_option,
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


def announce_seed(seed: int) -> None:
    """Say on stderr which seed was chosen, so the run can be repeated."""
    click.echo(f"seed: {seed} (repeat this set with --seed {seed})", err=True)


def resolve_seed(seed: int | None) -> int:
    """The given seed, or a fresh random one announced on stderr so the run can be repeated."""
    chosen = pick_seed(seed)
    if seed is None:
        announce_seed(chosen)
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
    and `grade` cap it at the decks' facts first, with `asked_count`).
    """
    from rutw_quiz.questions import QuestionOptions, QuestionType
    from rutw_quiz.questions.selection import FULLER_SET_ATTEMPTS

    return QuestionOptions(
        count=min(count, MAX_QUESTIONS),
        seed=seed,
        types=tuple(QuestionType(t) for t in types),
        topics=topics,
        difficulties=difficulties or (),
        choices=choices,
        attempts=FULLER_SET_ATTEMPTS,
    )


def asked_count(count: int, facts: int) -> int:
    """The -n a set is made with: beyond MAX_QUESTIONS, and beyond the facts, the number of facts
    (no set holds more). `grade --seed` makes its set with the same, so it finds the set shown."""
    return facts if count > max(facts, MAX_QUESTIONS) else count


def set_options(
    *,
    count: int,
    seed: int,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...] | None,
) -> str:
    """The options that make this set again, as `grade --seed` needs them: '--seed 7 -n 20 --topic x'."""
    import shlex

    words = ["--seed", str(seed), "-n", str(count)]
    words += [word for qtype in types for word in ("--type", qtype)]
    words += [word for topic in topics for word in ("--topic", topic)]
    if difficulties:
        words += ["--difficulty", ",".join(map(str, difficulties))]
    return shlex.join(words)


def build_questions(
    loaded: list[LoadedDeck],
    *,
    count: int,
    seed: int | None,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...] | None,
    choices: int = 4,
    for_student: bool = False,
) -> QuestionSet:
    """Run the engine for a command, printing its notices on stderr, and its advice to the deck's
    author unless a student is the one reading (the quiz)."""
    from rutw_quiz.questions import generate_questions

    topics = resolve_topics([item.deck for item in loaded], topics)  # before the seed is printed
    facts = sum(len(item.deck.facts) for item in loaded)
    if (capped := asked_count(count, facts)) != count:
        has = f"the deck has {facts} facts" if len(loaded) == 1 else f"the decks have {facts} facts"
        click.echo(f"note: -n {count}: {has}, so at most {facts} questions", err=True)
        count = capped
    options = question_options(
        count=count,
        seed=pick_seed(seed),
        types=types,
        topics=topics,
        difficulties=difficulties,
        choices=choices,
    )
    result = generate_questions([item.deck for item in loaded], options)
    if seed is None:  # announced once the set is made: a set that cannot be made has no seed to repeat
        announce_seed(options.seed)
    for notice in [*result.notices, *([] if for_student else result.advice)]:
        click.echo(f"note: {notice}", err=True)
    return result
