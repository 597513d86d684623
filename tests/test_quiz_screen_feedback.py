"""The quiz's feedback and summary as a terminal draws them, at 80 and 40 columns, in colour and not."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rutw_quiz.deck import read_deck_file
from terminal_screen import COMMAND, Terminal, half_right, questions_json, right_answer

MINI = Path(__file__).parent / "data" / "mini.yaml"
SCREENS = [(80, False), (80, True), (40, False), (40, True)]


def flat(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def first_seed(deck: Path | None, types: list[str], *options: str) -> tuple[str, list[dict[str, Any]]]:
    """The first seed whose questions come in exactly this order of types."""
    for seed in range(1, 60):
        qs = questions_json(deck, "-n", str(len(types)), "--seed", str(seed), *options)
        if [q["type"] for q in qs] == types:
            return str(seed), qs
    raise AssertionError(f"no seed gives {types}")


@pytest.fixture
def short_home() -> Iterator[Path]:
    """A progress folder with a short path, so 'Progress saved in PATH' fits 40 columns."""
    folder = Path(tempfile.mkdtemp(prefix="rq", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def answer_all(term: Terminal, answers: list[str]) -> None:
    """Type each answer at its prompt, pressing Enter at every pause, to the end."""
    for text in answers:
        term.expect("> ")
        term.sendline(text)
        index = term.child.expect(["Press Enter for", "\n> |> ", "Score: "])
        term._feed()
        if index == 0:
            term.sendline("")
        elif index == 1:
            term.child.sendline("")  # pragma: no cover - an answer was refused; the test then fails below


@pytest.mark.parametrize(("columns", "colour"), SCREENS)
def test_a_partly_right_timeline_and_matching_mark_each_item_right_or_wrong(
    tmp_path: Path, columns: int, colour: bool
) -> None:
    seed, qs = first_seed(MINI, ["timeline", "matching"], "--type", "timeline", "--type", "matching")
    env = {} if colour else {"NO_COLOR": "1"}
    term = Terminal(
        ["quiz", "--deck", str(MINI), "-n", "2", "--seed", seed, "--type", "timeline", "--type", "matching"],
        tmp_path,
        columns=columns,
        **env,
    )
    for q in qs:
        term.expect("> ")
        term.sendline(half_right(q))
        term.expect("Press Enter for")
        term.sendline("")
    assert term.finish() == 0
    lines = term.lines()
    assert max(len(line) for line in lines) <= columns
    feedback = flat(lines[: lines.index("Summary")])
    timeline, matching = qs
    letters = right_answer(timeline)
    # Earliest first, each event marked: the first two swapped are wrong, the last two right.
    events = [
        f"{letters[i]}) {date}: {event}"
        for i, (date, event) in enumerate(zip(timeline["dates"], timeline["answer"], strict=True))
    ]
    assert f"✗ {events[0]} (you put {letters[1]} here)" in feedback
    assert f"✗ {events[1]} (you put {letters[0]} here)" in feedback
    assert f"✓ {events[2]}" in feedback and f"✓ {events[3]}" in feedback
    pairs = right_answer(matching).split()
    completed = [
        f"{pairs[i]} {p['statement'].replace('_____', p['answer'])}" for i, p in enumerate(matching["answer"])
    ]
    assert f"✗ {completed[0]} (you said {pairs[1][1]})" in feedback
    assert f"✗ {completed[1]} (you said {pairs[0][1]})" in feedback
    assert f"✓ {completed[2]}" in feedback and f"✓ {completed[3]}" in feedback
    if colour:
        assert term.colour_of("✗") == {"red"}
        assert term.colour_of("✓") == {"green"}
    else:
        assert term.colour_of("✗") == {"default"}


@pytest.mark.parametrize("columns", [80, 40])
def test_timeline_and_matching_headers_name_the_shared_topic_or_say_mixed_topics(
    tmp_path: Path, columns: int
) -> None:
    deck = read_deck_file(MINI).deck
    seed, qs = first_seed(MINI, ["timeline", "matching"], "--type", "timeline", "--type", "matching")
    term = Terminal(
        ["quiz", "--deck", str(MINI), "-n", "2", "--seed", seed, "--type", "timeline", "--type", "matching"],
        tmp_path,
        columns=columns,
    )
    term.expect("> ")
    term.sendline("quit")
    term.finish()
    topics = {f.id: f.topics for f in deck.facts}
    first, *others = (topics[f] for f in qs[0]["fact_ids"])
    shared = [t for t in first if all(t in o for o in others)]
    expected = deck.topic_label(shared[0]) if shared else "Mixed topics"
    assert f"1/2 Timeline · {expected}" in flat(term.lines())
    first_topic = deck.topic_label(first[0])
    if not shared:  # the first event's topic is not the header's
        assert f"Timeline · {first_topic}" not in flat(term.lines())


def test_mixed_topics_is_said_only_when_no_topic_is_shared() -> None:
    from rutw_quiz.questions import QuestionOptions, QuestionType, generate_questions
    from rutw_quiz.quiz import DeckFacts

    deck = read_deck_file(MINI).deck
    facts = DeckFacts([deck])
    by_id = {f.id: f for f in deck.facts}
    seen = set()
    for seed in range(40):
        made = generate_questions(
            [deck], QuestionOptions(count=2, seed=seed, types=(QuestionType.TIMELINE, QuestionType.MATCHING))
        ).questions
        for q in made:
            label = facts.topic_of_question(q)
            common = set.intersection(*(set(by_id[f].topics) for f in q.fact_ids))
            if common:
                assert label in {deck.topic_label(t) for t in common}
            else:
                assert label == "Mixed topics"
            seen.add(bool(common))
    assert seen == {True, False}, "both cases occur in the mini deck"


def right_then_second_question(
    tmp_path: Path, seed: str, q: dict[str, Any], types: list[str]
) -> tuple[bool, list[str], Terminal]:
    """Answer the first question right at 40×24; whether the quiz paused, and the screen at the next prompt."""
    term = Terminal(["quiz", "-n", "2", "--seed", seed, *types], tmp_path, columns=40, rows=24)
    term.expect("> ")
    term.sendline(right_answer(q))
    paused = term.child.expect(["Press Enter for the next question.", "2/2"]) == 0
    term._feed()
    if paused:
        assert any(line.startswith("Right! Answer:") for line in term.visible())
        term.sendline("")
    term.expect("> ")
    return paused, term.visible(), term


def test_at_40_by_24_a_right_answer_is_recapped_above_a_question_that_would_push_it_out_of_sight(
    tmp_path: Path,
) -> None:
    """Right answers go straight on; where the next question would hide 'Right!', a recap line says it."""
    types = ["--type", "multiple_choice", "--type", "timeline"]
    recapped = 0
    for seed in range(1, 40):
        qs = questions_json(None, "-n", "2", "--seed", str(seed), *types)
        if [q["type"] for q in qs] != ["multiple_choice", "timeline"]:
            continue
        paused, shown, term = right_then_second_question(tmp_path / str(seed), str(seed), qs[0], types)
        assert not paused
        verdict = any(line.startswith("Right! Answer:") for line in shown)
        assert verdict != ("Question 1: Right!" in shown), shown  # one or the other, never both
        if not verdict:
            assert term.colour_of("Question 1: Right!") == {"green"}
            recapped += 1
            break
    assert recapped, "some seed gives a timeline long enough to need the recap"


def test_at_40_by_24_a_question_taller_than_the_screen_waits_after_a_right_answer(tmp_path: Path) -> None:
    """The bundled deck's matching questions fill more than 24 lines at 40 columns."""
    types = ["--type", "multiple_choice", "--type", "matching"]
    seed, qs = first_seed(None, ["multiple_choice", "matching"], *types)
    paused, _shown, term = right_then_second_question(tmp_path, seed, qs[0], types)
    assert paused
    term.sendline("quit")
    assert term.finish() == 0


def test_at_80_by_40_a_short_question_needs_no_recap(tmp_path: Path) -> None:
    seed, qs = first_seed(MINI, ["multiple_choice", "multiple_choice"], "--type", "multiple_choice")
    term = Terminal(
        ["quiz", "--deck", str(MINI), "-n", "2", "--seed", seed, "--type", "multiple_choice"],
        tmp_path,
        columns=80,
        rows=40,
    )
    term.expect("> ")
    term.sendline(right_answer(qs[0]))
    term.expect("2/2")
    term.expect("> ")
    assert any(line.startswith("Right! Answer:") for line in term.visible())
    assert not any(line.startswith("Question 1:") for line in term.lines())
    term.sendline("quit")
    term.finish()


@pytest.mark.parametrize("columns", [80, 40])
def test_a_missed_false_statement_is_followed_by_the_true_one_in_the_summary(
    tmp_path: Path, columns: int
) -> None:
    for seed in range(1, 60):
        (q,) = questions_json(MINI, "-n", "1", "--type", "true_false", "--seed", str(seed))
        if q["answer"] is False:
            break
    term = Terminal(
        ["quiz", "--deck", str(MINI), "-n", "1", "--type", "true_false", "--seed", str(seed)],
        tmp_path,
        columns=columns,
        NO_COLOR="1",
    )
    term.expect("> ")
    term.sendline("t")
    term.expect("Press Enter for the summary.")
    term.sendline("")
    term.finish()
    lines = term.lines()
    missed = flat(lines[lines.index("Missed:") :])
    statement = q["explanation"].split(" Note: ")[0]
    assert f"Answer: False In fact: {' '.join(statement.split())}" in missed


@pytest.mark.parametrize("columns", [80, 40])
def test_wording_plurals_no_seed_for_a_review_and_a_path_never_split_from_its_full_stop(
    short_home: Path, columns: int
) -> None:
    (q,) = questions_json(MINI, "-n", "1", "--seed", "3", "--type", "multiple_choice")
    term = Terminal(
        ["quiz", "--deck", str(MINI), "-n", "1", "--seed", "3", "--type", "multiple_choice"],
        short_home,
        columns=columns,
    )
    term.expect("> ")
    term.sendline(right_answer(q))
    assert term.finish() == 0
    lines = term.lines()
    assert lines[0].startswith("Quiz: 1 question from"), lines[0]
    path = str(short_home / "progress.sqlite3")
    saved = [line for line in lines if line.startswith("Progress saved in")]
    assert saved in (["Progress saved in " + path], ["Progress saved in"]), saved
    assert f"Progress saved in {path}" in flat(lines), "the progress file's path whole, to be copied"
    if columns == 40:
        assert path in lines, "on a line of its own when it does not fit beside the words"
    assert "." not in [line.strip() for line in lines]
    assert not [line for line in lines if line.endswith(path + ".")]

    review = Terminal(["quiz", "--review", "--deck", str(MINI), "-n", "1"], short_home, columns=columns)
    review.expect("> ")
    review.sendline("quit")
    review.finish()
    assert not [line for line in review.lines() if "seed" in line], "a review cannot be repeated by seed"


def piped_quiz(home: Path, answers: str, *options: str) -> None:
    env = {"RUTW_QUIZ_HOME": str(home), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [COMMAND, "quiz", *options], input=answers, text=True, capture_output=True, env=env, check=True
    )


def test_stats_at_40_columns_gives_each_topic_a_block_and_at_80_a_table(short_home: Path) -> None:
    from rutw_quiz.resources import bundled_deck_path

    deck = read_deck_file(bundled_deck_path()).deck
    piped_quiz(short_home, "a\n" * 10, "-n", "10", "--seed", "4", "--type", "multiple_choice")
    narrow = Terminal(["stats"], short_home, columns=40)
    assert narrow.finish() == 0
    lines = narrow.lines()
    assert max(len(line) for line in lines) <= 40
    figures = [line for line in lines if line.startswith("  Seen ")]
    assert len(figures) == len(deck.topics) + 1  # each topic and the total
    text = flat(lines)
    for label in deck.topics.values():
        assert f"{label} Seen " in text  # the label whole (wrapped at words), then its figures
    assert "Total Seen 10 of 70" in text
    assert str(short_home / "progress.sqlite3") in lines
    piece = r"(Seen \d+ of \d+|\d+% right|\d+ due now|next due .+|all new)"
    figure_lines = [line for line in lines if line.startswith("  ")]
    split = [line for line in figure_lines if not re.fullmatch(rf"  {piece}( · {piece})*", line)]
    assert not split, f"no figure is split from its words: {split}"

    wide = Terminal(["stats"], short_home, columns=80)
    wide.finish()
    header = next(line for line in wide.lines() if line.strip().startswith("Topic"))
    assert header.split() == ["Topic", "Seen", "Accuracy", "Due", "now", "Next", "due"]
