"""`rutw-quiz quiz`, `stats` and `reset`: the terminal quiz and the progress it keeps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from rutw_quiz.cli._app import cli
from rutw_quiz.cli._options import choices_option, deck_option, load_decks, selection_options

if TYPE_CHECKING:
    import datetime as dt

    from rutw_quiz.deck import Deck
    from rutw_quiz.grading.verdict import Grade
    from rutw_quiz.questions import Question, QuestionOptions
    from rutw_quiz.quiz import ProgressStore, SessionResult

F = TypeVar("F", bound=Callable[..., Any])


def data_dir_option(func: F) -> F:
    """`--data-dir DIR`: where the progress database lives (else $RUTW_QUIZ_HOME, else the user's data folder)."""
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        metavar="DIR",
        help=(
            "Folder of the progress database (default: $RUTW_QUIZ_HOME if set, "
            "else your data folder, e.g. ~/.local/share/rutw-quiz)."
        ),
    )(func)


def _data_dir(given: Path | None) -> Path:
    from rutw_quiz.quiz import default_data_dir  # reads $RUTW_QUIZ_HOME

    return given if given is not None else default_data_dir()


def _existing_store(data_dir: Path) -> ProgressStore | None:
    """The store if its file exists (stats, reset and review planning never create one)."""
    from rutw_quiz.quiz import open_store, store_exists

    return open_store(data_dir) if store_exists(data_dir) else None


def _review_questions(
    decks: list[Deck], store: ProgressStore | None, options: QuestionOptions, filtered: bool
) -> tuple[list[Question], str]:
    """The review's questions and its intro line; no questions: says why (and when the next is due)."""
    import datetime as dt

    from rutw_quiz.quiz import plan_review, review_questions
    from rutw_quiz.quiz.stats import next_review_text

    now = dt.datetime.now(dt.UTC)
    cards = {d.id: store.cards(d.id) for d in decks} if store is not None else {}
    if store is not None:
        _echo_warnings(store)
    plan = plan_review(decks, cards, now)
    questions = review_questions(decks, plan, options)
    if not questions:
        next_due = plan.next_due_among(decks, options)
        when = f" {next_review_text(next_due, now)}" if next_due else ""
        click.echo(
            "Nothing to review: no fact is due and none is new"
            + (" for these options" if filtered else "")
            + (f". Next review{when}." if when else ".")
        )
        return [], ""
    due = sum(1 for q in questions if any((q.deck_id, f) in plan.due for f in q.fact_ids))
    return questions, f"Review: {due} due, {len(questions) - due} new"


EXIT_UNSAVED = 1  # the quiz ran, but some answers could not be saved


def _echo_warnings(store: ProgressStore) -> None:
    """Print (on stderr) the store's warnings about progress rows it could not read."""
    for warning in store.take_warnings():
        click.echo(warning, err=True)


def path_line(label: str, path: Path, width: int) -> str:
    """'Label /the/path' on one line, or the path on a line of its own when both do not fit.

    A path is never broken or followed by punctuation, so it can be copied whole.
    """
    from rutw_quiz.quiz.display import safe

    shown = safe(str(path))
    return f"{label} {shown}" if len(label) + 1 + len(shown) <= width else f"{label}\n{shown}"


def _review_command(deck_paths: tuple[Path, ...], data_dir: Path | None) -> str:
    """`rutw-quiz quiz --review` with the --deck and --data-dir this quiz was given."""
    import shlex

    words = ["rutw-quiz", "quiz", "--review"]
    for path in deck_paths:
        words += ["--deck", str(path)]
    if data_dir is not None:
        words += ["--data-dir", str(data_dir)]
    return shlex.join(words)


def _run_session(
    store: ProgressStore,
    questions: list[Question],
    decks: list[Deck],
    *,
    intro: str,
    seed: int,
    review: bool,
    pause: bool,
    next_command: str,
) -> SessionResult:
    """The quiz screen: the intro (and a warning first when progress cannot be saved), the session."""
    import sys

    from rutw_quiz.quiz import DeckFacts, QuizSession, Style, colour_wanted, terminal_height, terminal_width

    _echo_warnings(store)
    unwritable = store.unwritable_reason()
    on_screen = sys.stdout is not None and sys.stdout.isatty()
    style = Style(
        width=terminal_width(), colour=colour_wanted(sys.stdout), height=terminal_height() if on_screen else 0
    )
    titles = ", ".join(d.title for d in decks)
    click.echo(style.wrap(f"{intro} from {titles}"))
    if not review:  # a review follows progress, not a seed: it cannot be repeated by one
        click.echo(f"seed {seed} (repeat with --seed {seed})")
    if unwritable:
        warning = (
            f"Progress cannot be saved in {store.path}: {unwritable}. You can take the quiz, "
            "but your answers will not be kept; use --data-dir DIR to keep them elsewhere."
        )
        click.echo(style.paint(style.wrap(warning), "red", "bold"))
    click.echo(style.wrap("Type ? for help, skip to pass, quit to stop."))

    def record(question: Question, grade: Grade) -> dict[str, dt.datetime]:
        due = store.record(
            question.deck_id, grade.facts, question_id=question.id, question_type=question.type.value
        )
        _echo_warnings(store)
        return due

    def override(question: Question, typed: str) -> dict[str, dt.datetime]:
        fact_id = question.fact_ids[0]
        due = store.override(question.deck_id, fact_id, question_id=question.id, answer=typed)
        _echo_warnings(store)
        return {fact_id: due}

    def footer(result: SessionResult) -> list[str]:
        lines = []
        if result.unsaved:
            lost = f"{result.unsaved} of {result.graded} answers" if result.graded > 1 else "Your answer"
            lines.append(style.paint(style.wrap(f"{lost} could not be saved."), "red", "bold"))
        if result.graded > result.unsaved:
            lines.append(path_line("Progress saved in", store.path, style.width))
            lines.append(f"Next: {next_command}")  # never wrapped, so it can be copied whole
        return lines

    answers = _answers_in()
    session = QuizSession(
        questions,
        facts=DeckFacts(decks),
        inp=answers,
        out=sys.stdout,
        style=style,
        record=None if unwritable else record,
        override=None if unwritable else override,
        pause=pause,
        show_intervals=review,
        footer=footer,
    )
    return session.run()


@cli.command()
@deck_option
@selection_options(default_count=10)
@choices_option("question")
@click.option(
    "--review",
    is_flag=True,
    help="Spaced-repetition review: the facts due first (most overdue first), then new ones, up to -n.",
)
@click.option(
    "--no-pause",
    is_flag=True,
    help="Go straight on to the next question after a wrong answer (at a terminal the quiz waits for Enter).",
)
@data_dir_option
def quiz(
    deck_paths: tuple[Path, ...],
    count: int,
    seed: int | None,
    types: tuple[str, ...],
    topics: tuple[str, ...],
    difficulties: tuple[int, ...],
    choices: int,
    review: bool,
    no_pause: bool,
    data_dir: Path | None,
) -> None:
    """Take a quiz in the terminal, one question at a time; every answer is saved for review.

    Answer multiple choice by letter (or number), true/false with t or f, fill-in and
    short answer by typing, a timeline with letters earliest first (CADB), matching with
    pairs (1B 2A 3D 4C). At any prompt: skip, quit, or ? for help. Ctrl-C or Ctrl-D end
    the quiz with the summary; progress is kept. After a wrong answer the quiz waits for
    Enter (not when answers are piped in, nor with --no-pause); after a refused typed
    answer, type r there if you were right, and it counts as right. If progress cannot be
    saved the quiz says so first, and exits with status 1 when answers were lost.

    With the same options and --seed, the quiz asks exactly the questions that
    `rutw-quiz questions` prints, in the same order.

    \b
    Examples:
      rutw-quiz quiz
      rutw-quiz quiz -n 5 --topic tuapse --seed 42
      rutw-quiz quiz --review
      echo "b" | rutw-quiz quiz -n 1 --type multiple_choice --seed 3
    """
    from contextlib import ExitStack

    from rutw_quiz.cli._app import stdout_closed
    from rutw_quiz.cli._options import build_questions, pick_seed, question_options, resolve_topics
    from rutw_quiz.quiz import open_store

    if stdout_closed():  # started with `>&-`
        raise click.UsageError("standard output is closed: the quiz has nowhere to show its questions")
    loaded = load_decks(deck_paths)
    decks = [item.deck for item in loaded]
    topics = resolve_topics(decks, topics)
    folder = _data_dir(data_dir)
    used_seed = pick_seed(seed)  # shown below on the quiz screen, not on stderr
    with ExitStack() as closing:
        # The questions come first: a quiz that cannot start leaves no progress file behind.
        store = _existing_store(folder) if review else None
        if store is not None:
            closing.enter_context(store)
        if review:
            options = question_options(
                count=count,
                seed=used_seed,
                types=types,
                topics=topics,
                difficulties=difficulties,
                choices=choices,
            )
            filtered = bool(topics or difficulties or types)
            questions, intro = _review_questions(decks, store, options, filtered)
            if not questions:
                return
        else:
            questions = build_questions(
                loaded,
                count=count,
                seed=used_seed,
                types=types,
                topics=topics,
                difficulties=difficulties,
                choices=choices,
                for_student=True,
            ).questions
            intro = f"Quiz: {len(questions)} question{'' if len(questions) == 1 else 's'}"
        if store is None:
            store = closing.enter_context(open_store(folder))
        outcome = _run_session(
            store,
            questions,
            decks,
            intro=intro,
            seed=used_seed,
            review=review,
            pause=not no_pause,
            next_command=_review_command(deck_paths, data_dir),
        )
    if outcome.unsaved:
        click.get_current_context().exit(EXIT_UNSAVED)


@cli.command()
@deck_option
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(deck_paths: tuple[Path, ...], data_dir: Path | None, as_json: bool) -> None:
    """Show your progress per topic: facts seen, accuracy, facts due now and the next due date.

    It also says how many typed answers were counted as right on your word (r at the
    quiz's pause). Narrower than 60 columns, each topic gets two lines instead of a row.

    \b
    Examples:
      rutw-quiz stats
      rutw-quiz stats --deck my_deck.yaml --json
    """
    import datetime as dt

    from rutw_quiz.quiz import deck_stats, stats_json, stats_text, terminal_width
    from rutw_quiz.quiz.progress import DB_NAME

    decks = [item.deck for item in load_decks(deck_paths)]
    folder = _data_dir(data_dir)
    store = _existing_store(folder)
    now = dt.datetime.now(dt.UTC)
    if store is None:
        figures = [deck_stats(d, {}, now) for d in decks]
        path = folder / DB_NAME
    else:
        with store:
            figures = [deck_stats(d, store.cards(d.id), now, store.override_counts(d.id)) for d in decks]
            path = store.path
            _echo_warnings(store)
    text = stats_json(figures, path) if as_json else stats_text(figures, path, now, width=terminal_width())
    click.echo(text, nl=False)


@cli.command()
@deck_option
@data_dir_option
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def reset(deck_paths: tuple[Path, ...], data_dir: Path | None, yes: bool) -> None:
    """Forget your quiz progress on a deck (after asking), so every fact is new again.

    \b
    Examples:
      rutw-quiz reset
      rutw-quiz reset --deck my_deck.yaml --yes
    """
    import sys

    decks = [item.deck for item in load_decks(deck_paths)]
    store = _existing_store(_data_dir(data_dir))
    if store is None:
        click.echo("No progress is stored yet; nothing to reset.")
        return
    with store:
        for deck in decks:
            seen = len(store.cards(deck.id))
            if not seen:
                click.echo(f"No progress stored for {deck.title} ({deck.id}).")
                continue
            if not yes:
                if sys.stdin is None:  # started with `<&-`: nobody can answer the question
                    raise click.UsageError(
                        "there is no input to confirm the reset with; add --yes to reset without asking"
                    )
                facts_seen = f"{seen} fact{'' if seen == 1 else 's'}"
                if not click.confirm(
                    f"Forget your progress on {facts_seen} of {deck.title} ({deck.id}) in {store.path}?"
                ):
                    click.echo("Nothing was reset.")
                    continue
            store.reset(deck.id)
            click.echo(
                f"Cleared the progress on {seen} fact{'' if seen == 1 else 's'} of {deck.title} ({deck.id})."
            )


def _answers_in() -> TextIO:
    """Where the answers come from: standard input, its lines ended by any line end when they are
    piped in (a file saved with the old Mac line ends, a bare CR, would otherwise be one answer).

    No standard input at all (started with `<&-`) reads as empty.
    """
    import io
    import sys

    if sys.stdin is None:
        return io.StringIO("")
    try:
        piped = not sys.stdin.isatty()
        raw = sys.stdin.buffer
    except (AttributeError, ValueError, OSError):
        return sys.stdin
    if not piped:
        return sys.stdin
    return io.TextIOWrapper(raw, encoding=sys.stdin.encoding, errors=sys.stdin.errors, newline=None)
