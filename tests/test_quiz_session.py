"""The real `rutw-quiz quiz` with answers piped on stdin: scores, hints, skip, quit, end of input, review.

The right answers come from `rutw-quiz questions --json` with the same options and seed,
which is also the promise under test: the quiz asks exactly those questions.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from rutw_quiz.deck import read_deck_file

MINI = Path(__file__).parent / "data" / "mini.yaml"
COMMAND = str(Path(sys.executable).with_name("rutw-quiz"))
Q = dict[str, Any]


def run(
    args: list[str], home: Path, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "RUTW_QUIZ_HOME": str(home), **(env or {})}
    environment.pop("NO_COLOR", None)
    return subprocess.run(
        [COMMAND, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )


def questions_json(*options: str) -> list[Q]:
    done = subprocess.run(
        [COMMAND, "questions", "--json", "--deck", str(MINI), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    data: list[Q] = json.loads(done.stdout)
    return data


def letter(i: int) -> str:
    return chr(65 + i)


def right_answer(q: Q) -> str:
    kind = q["type"]
    if kind == "multiple_choice":
        return letter(q["choices"].index(q["answer"]))
    if kind == "true_false":
        return "t" if q["answer"] else "f"
    if kind in ("fill_in", "short_answer"):
        return str(q["answer"])
    if kind == "timeline":
        return "".join(letter(q["choices"].index(a)) for a in q["answer"])
    answers = q["choices"]["answers"]
    return " ".join(f"{i + 1}{letter(answers.index(p['answer']))}" for i, p in enumerate(q["answer"]))


def wrong_answer(q: Q) -> str:
    kind = q["type"]
    if kind == "multiple_choice":
        return letter((q["choices"].index(q["answer"]) + 1) % len(q["choices"]))
    if kind == "true_false":
        return "f" if q["answer"] else "t"
    if kind in ("fill_in", "short_answer"):
        return "no idea at all"
    if kind == "timeline":
        return right_answer(q)[::-1]  # every event in a wrong place
    answers = q["choices"]["answers"]
    right = [answers.index(p["answer"]) for p in q["answer"]]
    return " ".join(f"{i + 1}{letter((a + 1) % len(answers))}" for i, a in enumerate(right))


def half_answer(q: Q) -> str:
    """Timeline or matching with the first two items swapped: half the points."""
    if q["type"] == "timeline":
        order = right_answer(q)
        return order[1] + order[0] + order[2:]
    answers = q["choices"]["answers"]
    right = [answers.index(p["answer"]) for p in q["answer"]]
    right[0], right[1] = right[1], right[0]
    return " ".join(f"{i + 1}{letter(a)}" for i, a in enumerate(right))


def fact_ids(q: Q) -> list[str]:
    return list(q["fact_ids"]) if "fact_ids" in q else [q["fact_id"]]


def stats(home: Path) -> Q:
    done = run(["stats", "--json", "--deck", str(MINI)], home)
    assert done.returncode == 0, done.stderr
    data: Q = json.loads(done.stdout)
    return data


def flat(text: str) -> str:
    return " ".join(text.split())


SEED = "1"
TYPED = ("fill_in", "short_answer")


def typo_of(answer: str) -> str | None:
    """The answer with one letter changed, when it is long enough to allow a typo."""
    if sum(ch.isalpha() for ch in answer) < 8 or any(ch.isdigit() for ch in answer):
        return None
    middle = len(answer) // 2
    while not answer[middle].isalpha():
        middle += 1
    return answer[:middle] + ("x" if answer[middle].lower() != "x" else "y") + answer[middle + 1 :]


@dataclass(frozen=True)
class Plan:
    """A seed's questions, and which to answer with a typo, wrongly, or half right."""

    questions: list[Q]
    typo: int
    wrong: tuple[int, int]
    half: int

    def lines(self) -> list[str]:
        lines = [right_answer(q) for q in self.questions]
        lines[self.typo] = typo_of(self.questions[self.typo]["answer"]) or ""
        for index in self.wrong:
            lines[index] = wrong_answer(self.questions[index])
        lines[self.half] = half_answer(self.questions[self.half])
        return lines


@pytest.fixture(scope="module")
def seed1() -> list[Q]:
    return questions_json("-n", "10", "--seed", SEED)


@pytest.fixture(scope="module")
def plan() -> tuple[str, Plan]:
    """The first seed whose 10 questions include a typed answer long enough for a typo and a
    matching or timeline question (the engine decides; the test does not hard-code its choices)."""
    for seed in range(1, 40):
        questions = questions_json("-n", "10", "--seed", str(seed))
        if len(questions) < 10:
            continue
        typo = [i for i, q in enumerate(questions) if q["type"] in TYPED and typo_of(q["answer"])]
        half = [i for i, q in enumerate(questions) if q["type"] in ("matching", "timeline")]
        single = [
            i
            for i, q in enumerate(questions)
            if i not in typo[:1] and q["type"] not in ("matching", "timeline")
        ]
        if typo and half and len(single) >= 2:
            return str(seed), Plan(questions, typo[0], (single[0], single[1]), half[0])
    raise AssertionError("no seed gives the mix of questions this test needs")


def test_full_run_scores_right_wrong_and_partial_answers_exactly(
    tmp_path: Path, plan: tuple[str, Plan]
) -> None:
    """Seven right (one with a typo), two wrong, one half right: 7.5/10."""
    seed, p = plan
    done = run(["quiz", "--deck", str(MINI), "--seed", seed], tmp_path, "\n".join(p.lines()) + "\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"seed {seed} (repeat with --seed {seed})" in out
    typo = p.questions[p.typo]
    assert (
        f"Right, with a typo. Answer: {flat(typo['answer'])} You answered: {typo_of(typo['answer'])}"
        in flat(out)
    )
    assert out.count("Wrong. Answer: ") == 2
    assert "Partly right: 2 of 4. Answer: " in out
    assert flat(out).count("You answered: ") == 4  # the typo, the two wrong, the half right
    assert out.rstrip("\n").splitlines()[-1].startswith("Score: 7.5/10 (75%)")
    assert "Input ended" not in out
    assert "Traceback" not in done.stderr
    summary = out[out.index("Summary") :]
    assert "Facts you knew, by topic, weakest first:" in summary
    table = summary.split("weakest first:\n")[1].split("Missed:")[0].splitlines()
    shares = [int(a) / int(b) for a, b in (re.search(r"(\d+) of (\d+)$", row).groups() for row in table)]
    assert shares == sorted(shares), table  # the weakest topic first
    missed = flat(summary[summary.index("Missed:") :])
    for index in p.wrong:
        q = p.questions[index]
        assert f"{index + 1}. {flat(q['prompt'])} (wrong)" in missed
    assert f"{p.half + 1}. {flat(p.questions[p.half]['prompt'])} (2 of 4 right)" in missed
    assert missed.count("Answer:") == 3


def test_the_quiz_asks_exactly_what_questions_prints_for_the_same_seed(tmp_path: Path) -> None:
    for seed in ("2", "7"):
        expected = questions_json("-n", "10", "--seed", seed)
        done = run(["quiz", "--deck", str(MINI), "--seed", seed], tmp_path, "skip\n" * 10)
        out = flat(done.stdout)
        position = 0
        for number, q in enumerate(expected, 1):
            position = out.index(f"{number}/10 ", position)
            position = out.index(flat(q["prompt"]), position)
            if q["type"] in ("multiple_choice", "timeline"):
                for i, choice in enumerate(q["choices"]):
                    position = out.index(f"{letter(i)}) {flat(choice)}", position)
            if q["type"] == "matching":
                for i, statement in enumerate(q["choices"]["statements"]):
                    position = out.index(f"{i + 1}. {flat(statement)}", position)
                for i, answer in enumerate(q["choices"]["answers"]):
                    position = out.index(f"{letter(i)}) {flat(answer)}", position)
        assert "Score: 0/10 (0%)" in out


MC3 = ["-n", "3", "--seed", "1", "--type", "multiple_choice"]


def test_invalid_input_is_asked_again_with_a_hint_and_not_counted(tmp_path: Path) -> None:
    qs = questions_json(*MC3)
    lines = [right_answer(qs[0]), "Z", "", "7", right_answer(qs[1]), right_answer(qs[2])]
    done = run(["quiz", "--deck", str(MINI), *MC3], tmp_path, "\n".join(lines) + "\n")
    out = flat(done.stdout)
    assert "'Z' is not one of the choices. Type a letter from A to D (or a number from 1 to 4)." in out
    assert "Nothing typed." in out
    assert "'7' is not one of the choices." in out
    assert out.count("2/3 ") == 1  # asked again, not moved on
    assert "Score: 3/3 (100%)" in out
    assert stats(tmp_path)["decks"][0]["total"]["answers"] == 3


def test_skip_shows_the_answer_is_not_graded_and_quit_ends_with_the_summary(tmp_path: Path) -> None:
    qs = questions_json(*MC3)
    lines = ["skip", right_answer(qs[1]), "quit"]
    done = run(["quiz", "--deck", str(MINI), *MC3], tmp_path, "\n".join(lines) + "\n")
    assert done.returncode == 0
    out = done.stdout
    assert f"Skipped. Answer: {right_answer(qs[0])}) {qs[0]['answer']}" in out
    assert "You quit after 2 of 3 questions." in out
    assert "Score: 1/2 (50%)" in out
    assert f"1. {qs[0]['prompt']} (skipped)" in flat(out)
    assert "3/3" in out
    total = stats(tmp_path)["decks"][0]["total"]
    assert (total["seen"], total["answers"], total["correct"]) == (1, 1, 1)  # the skip is not graded


def test_question_mark_explains_the_answer_format_and_commands(tmp_path: Path) -> None:
    done = run(["quiz", "--deck", str(MINI), "--type", "true_false"], tmp_path, "?\nquit\n")
    assert "Type t for true or f for false. At any prompt: skip (next question), quit" in flat(done.stdout)


def test_end_of_input_ends_cleanly_with_summary_and_saved_progress(tmp_path: Path, seed1: list[Q]) -> None:
    lines = [right_answer(seed1[0]), wrong_answer(seed1[1])]
    done = run(["quiz", "--deck", str(MINI), "--seed", SEED], tmp_path, "\n".join(lines))  # no final newline
    assert done.returncode == 0
    assert f"Input ended after 2 of {len(seed1)} questions." in done.stdout
    assert "Score: 1/2 (50%)" in done.stdout
    assert done.stderr == ""
    total = stats(tmp_path)["decks"][0]["total"]
    assert total["seen"] == total["answers"] == len(fact_ids(seed1[0]) + fact_ids(seed1[1]))
    assert total["correct"] == len(fact_ids(seed1[0]))


def test_empty_input_asks_nothing_and_exits_zero(tmp_path: Path) -> None:
    done = run(["quiz", "--deck", str(MINI), "--seed", SEED], tmp_path, "")
    assert done.returncode == 0
    assert "No question was answered." in done.stdout
    assert "Traceback" not in done.stderr


def test_stats_json_numbers_match_the_answers_given(tmp_path: Path, plan: tuple[str, Plan]) -> None:
    seed, p = plan
    run(["quiz", "--deck", str(MINI), "--seed", seed], tmp_path, "\n".join(p.lines()) + "\n")
    data = stats(tmp_path)
    assert data["database"] == str(tmp_path / "progress.sqlite3")
    deck = data["decks"][0]
    assert deck["deck_id"] == "solar-mini"
    asked = [f for q in p.questions for f in fact_ids(q)]
    wrong = len(p.wrong) + 2  # two wrong questions, and two of the four items of the half-right one
    right = len(asked) - wrong
    assert deck["total"] == {
        "facts": 17,
        "seen": len(asked),
        "answers": len(asked),
        "correct": right,
        "accuracy": round(right / len(asked), 4),
        "due_now": len(asked),  # just answered: in their learning steps, within the learn-ahead limit
        "next_due": None,
        "overridden": 0,
    }
    facts = read_deck_file(MINI).deck.facts
    for entry in deck["topics"]:
        in_topic = [f.id for f in facts if f.topics[0] == entry["topic"]]
        assert entry["facts"] == len(in_topic)
        assert entry["seen"] == entry["answers"] == len(set(in_topic) & set(asked))
    assert sum(t["correct"] for t in deck["topics"]) == right
    for index in p.wrong:
        (fact,) = fact_ids(p.questions[index])
        topic = next(f.topics[0] for f in facts if f.id == fact)
        entry = next(t for t in deck["topics"] if t["topic"] == topic)
        assert entry["correct"] < entry["answers"]
    text = run(["stats", "--deck", str(MINI)], tmp_path).stdout
    assert f"{len(asked)}/17" in text
    assert f"{right / len(asked):.0%}" in text


def test_review_after_a_run_asks_the_missed_facts_first_then_the_others_then_new_ones(tmp_path: Path) -> None:
    deck = read_deck_file(MINI).deck
    by_prompt = {f.prompt: f.id for f in deck.facts if f.prompt}
    first = questions_json("-n", "4", "--seed", "3", "--type", "multiple_choice")
    lines = [right_answer(first[0]), wrong_answer(first[1]), right_answer(first[2]), wrong_answer(first[3])]
    run(
        ["quiz", "--deck", str(MINI), "-n", "4", "--seed", "3", "--type", "multiple_choice"],
        tmp_path,
        "\n".join(lines) + "\n",
    )

    done = run(
        ["quiz", "--review", "--deck", str(MINI), "-n", "6", "--seed", "5", "--type", "short_answer"],
        tmp_path,
        "skip\n" * 6,
    )
    assert done.returncode == 0, done.stderr
    assert "Review: 4 due, 2 new" in done.stdout
    asked = [by_prompt[p] for p in re.findall(r"^\d/6 .*\n(.*)$", done.stdout, flags=re.MULTILINE)]
    assert asked[:2] == [first[1]["fact_id"], first[3]["fact_id"]]  # missed, in the order they were missed
    assert set(asked[2:4]) == {first[0]["fact_id"], first[2]["fact_id"]}
    assert not set(asked[4:]) & {q["fact_id"] for q in first}


def test_review_with_nothing_due_or_new_says_when_the_next_review_is(tmp_path: Path) -> None:
    import datetime as dt

    from rutw_quiz.grading.verdict import Outcome
    from rutw_quiz.quiz import open_store

    deck = read_deck_file(MINI).deck
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    with open_store(tmp_path) as store:
        for fact in deck.facts:  # right twice, ten minutes apart: out of the learning steps, due in days
            for minutes in (0, 10):
                store.record(
                    deck.id,
                    {fact.id: Outcome.CORRECT},
                    question_id="q",
                    question_type="short_answer",
                    now=an_hour_ago + dt.timedelta(minutes=minutes),
                )
    done = run(["quiz", "--review", "--deck", str(MINI)], tmp_path)
    assert done.returncode == 0
    assert re.search(  # in days: tomorrow, or later (which one depends on the hour the test runs)
        r"Nothing to review: no fact is due and none is new\. "
        r"Next review (tomorrow at \d\d:\d\d|in \d+ days \(\d+ \w+ \d\d:\d\d\))\.",
        done.stdout,
    )
    assert "1/" not in done.stdout


def test_a_review_of_one_topic_with_nothing_due_says_when_that_topic_comes_back(tmp_path: Path) -> None:
    """Every fact answered; the spaceflight facts come back in 90 days, the others in half an hour:
    `--topic spaceflight` named the half hour, another topic's time."""
    import datetime as dt
    import sqlite3

    from rutw_quiz.grading.verdict import Outcome
    from rutw_quiz.quiz import open_store

    deck = read_deck_file(MINI).deck
    now = dt.datetime.now(dt.UTC)
    with open_store(tmp_path) as store:
        for fact in deck.facts:
            store.record(
                deck.id, {fact.id: Outcome.CORRECT}, question_id="q", question_type="short_answer", now=now
            )
    spaceflight = [f.id for f in deck.facts if "spaceflight" in f.topics]
    with sqlite3.connect(tmp_path / "progress.sqlite3") as db:
        db.execute("UPDATE cards SET due = ?", ((now + dt.timedelta(minutes=30)).timestamp(),))
        db.executemany(
            "UPDATE cards SET due = ? WHERE fact_id = ?",
            [((now + dt.timedelta(days=90)).timestamp(), fact_id) for fact_id in spaceflight],
        )
    whole = run(["quiz", "--review", "--deck", str(MINI), "--type", "short_answer"], tmp_path)
    assert re.search(r"Next review in (29|30) min \(", whole.stdout), whole.stdout
    one = run(["quiz", "--review", "--deck", str(MINI), "--topic", "spaceflight"], tmp_path)
    assert one.returncode == 0, one.stderr
    assert re.search(r"Next review in (2|3) months \(", one.stdout), one.stdout


def test_piped_output_has_no_colour(tmp_path: Path) -> None:
    done = run(["quiz", "--deck", str(MINI), "--seed", SEED], tmp_path, "t\nquit\n")
    assert "\x1b[" not in done.stdout


def test_a_random_seed_is_printed_so_the_run_can_be_repeated(tmp_path: Path) -> None:
    done = run(["quiz", "--deck", str(MINI)], tmp_path, "quit\n")
    match = re.search(r"seed (\d+) \(repeat with --seed \1\)", done.stdout)
    assert match
    again = run(["quiz", "--deck", str(MINI), "--seed", match.group(1)], tmp_path, "quit\n")
    first_question = re.search(r"^1/\d+ [^>]*", done.stdout, flags=re.MULTILINE)
    assert first_question
    assert first_question.group(0) in again.stdout


def test_reset_asks_first_then_forgets_the_decks_progress(tmp_path: Path, seed1: list[Q]) -> None:
    run(["quiz", "--deck", str(MINI), "--seed", SEED], tmp_path, right_answer(seed1[0]) + "\n")
    refused = run(["reset", "--deck", str(MINI)], tmp_path, "n\n")
    assert refused.returncode == 0, "declining is an answer, not an error"
    assert "Forget your progress on 1 fact of The Solar System (mini)" in refused.stdout
    assert refused.stdout.rstrip().endswith("Nothing was reset.")
    assert "Aborted" not in refused.stdout + refused.stderr
    assert stats(tmp_path)["decks"][0]["total"]["seen"] == 1
    done = run(["reset", "--deck", str(MINI)], tmp_path, "y\n")
    assert done.returncode == 0
    assert "Cleared the progress on 1 fact of" in done.stdout
    assert stats(tmp_path)["decks"][0]["total"]["seen"] == 0
    assert "No progress stored" in run(["reset", "--deck", str(MINI), "--yes"], tmp_path).stdout


def test_data_dir_option_wins_over_the_environment_and_is_created(tmp_path: Path) -> None:
    chosen = tmp_path / "new" / "folder"
    done = run(
        ["quiz", "--deck", str(MINI), "--seed", SEED, "--data-dir", str(chosen)], tmp_path / "env", "t\n"
    )
    assert done.returncode == 0
    assert (chosen / "progress.sqlite3").is_file()
    assert not (tmp_path / "env").exists()


def test_the_quiz_imports_neither_genanki_nor_jinja2_and_fsrs_only_once_an_answer_is_saved(
    tmp_path: Path,
) -> None:
    """Start-up speed: the heavy renderers are never loaded, the scheduler only when needed."""

    def imported(stdin: str) -> set[str]:
        done = subprocess.run(
            [
                sys.executable,
                "-X",
                "importtime",
                "-m",
                "rutw_quiz",
                "quiz",
                "--deck",
                str(MINI),
                "--seed",
                SEED,
            ],
            input=stdin,
            capture_output=True,
            text=True,
            env={**os.environ, "RUTW_QUIZ_HOME": str(tmp_path)},
            check=True,
        )
        return {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}

    before_answer = imported("quit\n")
    assert not before_answer & {"genanki", "jinja2", "fsrs"}
    after_answer = imported("t\nquit\n")
    assert "fsrs" in after_answer
    assert not after_answer & {"genanki", "jinja2"}


def run_without_stdin(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """The real command with its standard input closed (`<&-`), not merely empty."""
    return subprocess.run(
        ["bash", "-c", 'exec "$@" <&-', "bash", COMMAND, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "RUTW_QUIZ_HOME": str(home)},
        timeout=60,
        check=False,
    )


def _record_answers(home: Path, answers: dict[str, tuple[str, float]]) -> None:
    """Store answers on the mini deck: fact id -> (outcome, hours ago), through the store's API."""
    import datetime as dt

    from rutw_quiz.grading.verdict import Outcome
    from rutw_quiz.quiz import open_store

    now = dt.datetime.now(dt.UTC)
    with open_store(home) as store:
        for fact_id, (outcome, hours_ago) in answers.items():
            store.record(
                "solar-mini",
                {fact_id: Outcome(outcome)},
                question_id=fact_id,
                question_type="short_answer",
                now=now - dt.timedelta(hours=hours_ago),
            )


def test_a_quiz_with_standard_input_closed_ends_with_the_summary_and_exit_zero(tmp_path: Path) -> None:
    done = run_without_stdin(["quiz", "--deck", str(MINI), "--seed", SEED], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Input ended after 0 of 10 questions." in done.stdout
    assert "No question was answered." in done.stdout


def test_a_quiz_with_standard_output_closed_says_why_it_cannot_run(tmp_path: Path) -> None:
    done = subprocess.run(
        ["bash", "-c", 'exec "$@" >&-', "bash", COMMAND, "quiz", "--deck", str(MINI), "--seed", SEED],
        input="t\n",
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "RUTW_QUIZ_HOME": str(tmp_path / "home")},
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "standard output is closed" in done.stderr
    assert not (tmp_path / "home").exists()


def test_reset_with_standard_input_closed_asks_for_yes_and_keeps_the_progress(tmp_path: Path) -> None:
    _record_answers(tmp_path, {"gagarin": ("correct", 1)})
    done = run_without_stdin(["reset", "--deck", str(MINI)], tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "add --yes to reset without asking" in done.stderr
    assert stats(tmp_path)["decks"][0]["total"]["seen"] == 1
    assert run_without_stdin(["reset", "--deck", str(MINI), "--yes"], tmp_path).returncode == 0
    assert stats(tmp_path)["decks"][0]["total"]["seen"] == 0


@pytest.mark.parametrize("review", [False, True])
def test_a_quiz_that_cannot_start_creates_no_progress_file(tmp_path: Path, review: bool) -> None:
    home = tmp_path / "home"
    options = ["--review"] if review else []
    done = run(["quiz", "--deck", str(MINI), "--topic", "typo", *options, "--data-dir", str(home)], tmp_path)
    assert done.returncode == 2
    assert "Error: Invalid value for '--topic': no topic 'typo'" in done.stderr
    assert not home.exists()


def test_review_with_a_topic_that_matches_nothing_says_so_and_names_the_topics(tmp_path: Path) -> None:
    _record_answers(tmp_path, {"gagarin": ("wrong", 1)})
    done = run(["quiz", "--review", "--deck", str(MINI), "--topic", "zzz"], tmp_path)
    assert done.returncode == 2
    assert "no topic 'zzz'; Topics, by name (label): discovery (Discovery);" in done.stderr
    assert "Nothing to review" not in done.stdout
    valid = run(
        ["quiz", "--review", "--deck", str(MINI), "--topic", "planets", "-n", "2"], tmp_path, "quit\n"
    )
    assert valid.returncode == 0, valid.stderr
    assert "Review: 0 due, 2 new" in valid.stdout  # the due fact is about spaceflight


def test_review_asks_the_most_overdue_facts_first_when_more_are_due_than_asked(tmp_path: Path) -> None:
    deck = read_deck_file(MINI).deck
    by_prompt = {f.prompt: f.id for f in deck.facts if f.prompt}
    # Every fact answered wrong (due again a minute later), each at a different time: the
    # most overdue are the ones answered longest ago, in an order unlike the deck's.
    hours = {fact.id: 1 + (7 * i) % 13 for i, fact in enumerate(deck.facts)}
    _record_answers(tmp_path, {fact_id: ("wrong", h) for fact_id, h in hours.items()})
    most_overdue = sorted(hours, key=hours.__getitem__, reverse=True)[:3]
    for seed in ("1", "2", "3"):
        done = run(
            ["quiz", "--review", "--deck", str(MINI), "-n", "3", "--seed", seed, "--type", "short_answer"],
            tmp_path,
            "skip\n" * 3,
        )
        assert done.returncode == 0, done.stderr
        assert "Review: 3 due, 0 new" in done.stdout
        asked = [by_prompt[p] for p in re.findall(r"^\d/3 .*\n(.*)$", done.stdout, flags=re.MULTILINE)]
        assert asked == most_overdue


def test_each_answer_is_saved_before_its_feedback_is_shown() -> None:
    """What the student has seen graded is already in the store, even if the quiz dies right after."""
    import io

    from rutw_quiz.questions import QuestionOptions, QuestionType, generate_questions
    from rutw_quiz.quiz import DeckFacts, QuizSession, Style

    deck = read_deck_file(MINI).deck
    options = QuestionOptions(count=2, seed=1, types=(QuestionType.TRUE_FALSE,))
    questions = generate_questions([deck], options).questions
    out = io.StringIO()
    seen_when_saved: list[str] = []
    session = QuizSession(
        questions,
        facts=DeckFacts([deck]),
        inp=io.StringIO("t\nf\n"),
        out=out,
        style=Style(),
        record=lambda question, grade: seen_when_saved.append(out.getvalue()),
    )
    session.run()
    assert len(seen_when_saved) == 2
    for number, screen in enumerate(seen_when_saved, 1):
        answered = screen[screen.rindex(f"{number}/2 ") :]
        assert "Right!" not in answered
        assert "Wrong." not in answered
    assert out.getvalue().count("Right!") + out.getvalue().count("Wrong.") == 2


def test_the_closing_hint_is_a_whole_command_that_reviews_the_same_deck_and_folder(tmp_path: Path) -> None:
    folder = tmp_path / "a rather long folder name" / "for the progress of this quiz"
    done = run(
        ["quiz", "--deck", str(MINI), "-n", "1", "--type", "true_false", "--data-dir", str(folder)],
        tmp_path / "env",
        "t\n",
        env={"COLUMNS": "40"},
    )
    assert done.returncode == 0, done.stderr
    hint = [line for line in done.stdout.splitlines() if line.startswith("Next: ")]
    assert len(hint) == 1
    command = shlex.split(hint[0].removeprefix("Next: "))
    assert command[:3] == ["rutw-quiz", "quiz", "--review"]
    review = run([*command[1:], "-n", "1"], tmp_path / "other", "quit\n")
    assert review.returncode == 0, review.stderr
    assert "Review: 1 due, 0 new from The Solar System (mini)" in review.stdout


def feedback_blocks(out: str) -> list[str]:
    """The text between one question's prompt line and the next question or the summary."""
    return re.split(r"\n(?=\d+/\d+  |Summary\n)", out)[1:]


def test_review_says_when_each_answered_fact_comes_back(tmp_path: Path) -> None:
    """Like Anki's intervals: wrong (Again) is back in a minute, right (Good) in ten."""
    done = run(
        ["quiz", "--review", "--deck", str(MINI), "-n", "4", "--type", "true_false"], tmp_path, "t\n" * 4
    )
    assert done.returncode == 0, done.stderr
    blocks = [b for b in feedback_blocks(done.stdout) if not b.startswith("Summary")]
    assert len(blocks) == 4
    for block in blocks:
        expected = "Back in 10 min." if "Right! Answer:" in block else "Back in 1 min."
        assert expected in block, block


def test_an_ordinary_quiz_does_not_announce_intervals(tmp_path: Path) -> None:
    done = run(["quiz", "--deck", str(MINI), "-n", "2", "--type", "true_false"], tmp_path, "t\nt\n")
    assert "Back in" not in done.stdout


def test_timeline_feedback_gives_each_event_with_its_letter_and_date(tmp_path: Path) -> None:
    q = questions_json("-n", "1", "--type", "timeline", "--seed", "2")[0]
    done = run(["quiz", "--deck", str(MINI), "-n", "1", "--type", "timeline", "--seed", "2"], tmp_path, "x\n")
    assert "Input ended" in done.stdout  # "x" was not an answer: nothing graded
    done = run(
        ["quiz", "--deck", str(MINI), "-n", "1", "--type", "timeline", "--seed", "2"],
        tmp_path,
        wrong_answer(q) + "\n",
    )
    out = flat(done.stdout)
    assert f"You answered: {wrong_answer(q).upper()}" in out
    for date, event in zip(q["dates"], q["answer"], strict=True):
        assert f"{letter(q['choices'].index(event))}) {flat(date)}: {flat(event)}" in out


def test_the_summary_shows_a_missed_matching_question_with_its_statements(tmp_path: Path) -> None:
    q = questions_json("-n", "1", "--type", "matching", "--seed", "3")[0]
    done = run(
        ["quiz", "--deck", str(MINI), "-n", "1", "--type", "matching", "--seed", "3"],
        tmp_path,
        wrong_answer(q) + "\n",
    )
    missed = flat(done.stdout[done.stdout.index("Missed:") :])
    answers = q["choices"]["answers"]
    for i, pair in enumerate(q["answer"], 1):
        completed = pair["statement"].replace("_____", pair["answer"])
        assert f"{i}{letter(answers.index(pair['answer']))} {flat(completed)}" in missed


def test_feedback_is_short_the_statement_one_source_line_and_the_note_only_when_wrong(tmp_path: Path) -> None:
    qs = questions_json("-n", "2", "--type", "multiple_choice", "--seed", "1")
    done = run(
        ["quiz", "--deck", str(MINI), "-n", "2", "--type", "multiple_choice", "--seed", "1"],
        tmp_path,
        f"{right_answer(qs[0])}\n{wrong_answer(qs[1])}\n",
    )
    right, wrong = feedback_blocks(done.stdout)[:2]
    for q, block in ((qs[0], right), (qs[1], wrong)):
        feedback = block[block.index("Answer: ") :]
        assert feedback.count("Source: ") == 1
        assert f"Source: {q['source']['title']}, {q['source']['section']}" in flat(feedback)
        assert "\u201c" not in feedback  # the quote is in the answer key and `facts`, not here
        assert len(feedback.strip().splitlines()) <= 12
    if qs[1]["note"]:
        assert f"Note: {flat(qs[1]['note'])}" in flat(wrong)
    assert "Note:" not in right


def test_control_characters_in_deck_text_are_never_printed_raw() -> None:
    import io

    from rutw_quiz.questions import QuestionOptions, QuestionType, generate_questions
    from rutw_quiz.quiz import DeckFacts, QuizSession, Style

    deck = read_deck_file(MINI).deck
    question = generate_questions(
        [deck], QuestionOptions(count=1, seed=1, types=(QuestionType.TRUE_FALSE,))
    ).questions[0]
    hostile = question.model_copy(
        update={
            "prompt": "Set title\x1b]0;owned\x07 and clear\x1b[2J",
            "explanation": "Hidden\x1b[8m text\x9b",
        }
    )
    out = io.StringIO()
    session = QuizSession(
        [hostile], facts=DeckFacts([deck]), inp=io.StringIO("t\x1b[1m\n"), out=out, style=Style(width=60)
    )
    session.run()
    text = out.getvalue()
    assert not any(ch in text for ch in "\x1b\x07\x9b")
    assert "\\x1b]0;owned\\x07" in text
    assert "\\x1b[2J" in text


def test_stats_fits_in_80_columns_and_says_now_for_topics_due_now() -> None:
    """The bundled deck's long topic names wrap inside their column; due topics say 'now'."""
    import datetime as dt

    from rutw_quiz.quiz import CardState, deck_stats, stats_text
    from rutw_quiz.resources import bundled_deck_path

    deck = read_deck_file(bundled_deck_path()).deck
    now = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)
    first = deck.facts[0]
    later = next(f for f in deck.facts if f.topics[0] != first.topics[0])
    cards = {
        first.id: CardState(first.id, now - dt.timedelta(minutes=5), 1, 0),
        later.id: CardState(later.id, now + dt.timedelta(days=3), 2, 2),
    }
    lines = stats_text([deck_stats(deck, cards, now)], Path("/p/progress.sqlite3"), now).splitlines()
    assert max(len(line) for line in lines) <= 80
    rows = {line.split("  ")[1]: line for line in lines if line.startswith("  ") and "/" in line}
    assert rows[deck.topic_label(first.topics[0])].endswith("now")
    assert not rows["Total"].endswith("-")
    assert any(line.rstrip().endswith("new") for line in lines)
