"""'I was right': after a refused typed answer the student has the last word, at one key.

Driven through the real terminal (pty, read back with pyte) against a real progress file.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from rutw_quiz.grading.verdict import Outcome
from rutw_quiz.quiz import open_store
from rutw_quiz.quiz.progress import DB_NAME, SCHEMA_VERSION
from rutw_quiz.quiz.scheduling import review
from terminal_screen import COMMAND, Terminal, questions_json, right_answer

MINI = Path(__file__).parent / "data" / "mini.yaml"
SHORT = ["--deck", str(MINI), "--type", "short_answer", "--seed", "2"]
TYPED_WRONG = "no idea, but sure"


def flat(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


def stats_json(home: Path) -> dict[str, Any]:
    done = subprocess.run(
        [COMMAND, "stats", "--json", "--deck", str(MINI)],
        capture_output=True,
        text=True,
        env={"RUTW_QUIZ_HOME": str(home), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    data: dict[str, Any] = json.loads(done.stdout)
    return data


@pytest.mark.parametrize(("columns", "colour"), [(80, True), (40, False)])
def test_r_at_the_pause_counts_a_refused_typed_answer_as_right_and_keeps_it(
    tmp_path: Path, columns: int, colour: bool
) -> None:
    (q,) = questions_json(MINI, "-n", "1", *SHORT[2:])
    env = {} if colour else {"NO_COLOR": "1"}
    term = Terminal(["quiz", "-n", "1", *SHORT], tmp_path, columns=columns, **env)
    term.expect("> ")
    term.sendline(TYPED_WRONG)
    term.expect("right\\.")
    assert "Press Enter for the summary, or r if you were right." in flat(term.lines())
    term.sendline("r")
    term.expect("Score: ")
    assert term.finish() == 0
    lines = term.lines()
    assert max(len(line) for line in lines) <= columns
    shown = flat(lines)
    assert "Counted as right, on your word." in shown
    assert "1 typed answer counted as right on your word." in shown
    assert "Missed:" not in shown
    assert lines[-1].startswith("Score: 1/1 (100%)")
    if colour:
        assert term.colour_of("Counted as right") == {"green"}

    with open_store(tmp_path) as store:
        assert store.overrides("solar-mini") == [(q["fact_id"], TYPED_WRONG)]
        card = store.cards("solar-mini")[q["fact_id"]]
        assert (card.answers, card.correct) == (1, 1)
    db = sqlite3.connect(tmp_path / DB_NAME)
    answered_at, rating, outcome = db.execute("SELECT answered_at, rating, outcome FROM answers").fetchone()
    db.close()
    assert (outcome, rating) == ("wrong", "Good"), "the grader's verdict kept, the rating as if right"
    as_if_right = review(None, Outcome.CORRECT, dt.datetime.fromtimestamp(answered_at, dt.UTC))
    assert card.due == as_if_right.due, "scheduled exactly as a right answer at that moment"

    total = stats_json(tmp_path)["decks"][0]["total"]
    assert (total["overridden"], total["correct"], total["answers"]) == (1, 1, 1)
    text = subprocess.run(
        [COMMAND, "stats", "--deck", str(MINI)],
        capture_output=True,
        text=True,
        env={"RUTW_QUIZ_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
    ).stdout
    assert "1 typed answer counted as right on your word." in text


def test_enter_keeps_the_verdict_and_other_types_are_not_offered_the_last_word(tmp_path: Path) -> None:
    (q,) = questions_json(MINI, "-n", "1", "--type", "multiple_choice", "--seed", "2")
    wrong = "abcd"[(q["choices"].index(q["answer"]) + 1) % 4]
    term = Terminal(
        ["quiz", "--deck", str(MINI), "-n", "1", "--type", "multiple_choice", "--seed", "2"],
        tmp_path,
        NO_COLOR="1",
    )
    term.expect("> ")
    term.sendline(wrong)
    term.expect("Press Enter for the summary.")
    assert "if you were right" not in flat(term.lines())
    term.sendline("r")  # not an option here: just goes on
    term.finish()
    assert "Counted as right" not in flat(term.lines())

    home = tmp_path / "typed"
    term = Terminal(["quiz", "-n", "1", *SHORT], home, NO_COLOR="1")
    term.expect("> ")
    term.sendline(TYPED_WRONG)
    term.expect("right\\.")
    term.sendline("")
    term.finish()
    assert "Score: 0/1" in flat(term.lines())
    with open_store(home) as store:
        assert store.overrides("solar-mini") == []


def test_an_override_survives_the_quiz_being_killed_straight_after(tmp_path: Path) -> None:
    term = Terminal(["quiz", "-n", "2", *SHORT], tmp_path, NO_COLOR="1")
    term.expect("> ")
    term.sendline(TYPED_WRONG)
    term.expect("right\\.")
    term.sendline("r")
    term.expect("Counted as right")
    term.expect("> ")
    term.kill()
    with open_store(tmp_path) as store:
        assert [typed for _, typed in store.overrides("solar-mini")] == [TYPED_WRONG]


def test_with_no_pause_nothing_waits_and_nothing_is_offered(tmp_path: Path) -> None:
    qs = questions_json(MINI, "-n", "2", *SHORT[2:])
    term = Terminal(["quiz", "-n", "2", "--no-pause", *SHORT], tmp_path, NO_COLOR="1")
    term.expect("> ")
    term.sendline(TYPED_WRONG)
    term.expect("> ")
    term.sendline(right_answer(qs[1]))
    term.finish()
    assert "Press Enter" not in flat(term.lines())


V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cards (deck_id TEXT NOT NULL, fact_id TEXT NOT NULL, card TEXT NOT NULL, due REAL NOT NULL,
    answers INTEGER NOT NULL, correct INTEGER NOT NULL, last_answered REAL NOT NULL,
    PRIMARY KEY (deck_id, fact_id));
CREATE TABLE answers (id INTEGER PRIMARY KEY, deck_id TEXT NOT NULL, fact_id TEXT NOT NULL,
    question_id TEXT NOT NULL, question_type TEXT NOT NULL, outcome TEXT NOT NULL, rating TEXT NOT NULL,
    answered_at REAL NOT NULL);
CREATE INDEX answers_by_fact ON answers (deck_id, fact_id);
"""


def first_version_file(folder: Path) -> Path:
    """A progress file as the first rutw-quiz wrote it (schema 1), with one answer in it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_NAME
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute("INSERT INTO meta VALUES ('application', 'rutw-quiz'), ('schema_version', '1')")
    moment = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    card = review(None, Outcome.CORRECT, moment)
    db.execute(
        "INSERT INTO cards VALUES ('solar-mini', 'sputnik', ?, ?, 1, 1, ?)",
        (card.card_json, card.due.timestamp(), moment.timestamp()),
    )
    db.execute(
        "INSERT INTO answers (deck_id, fact_id, question_id, question_type, outcome, rating, answered_at) "
        "VALUES ('solar-mini', 'sputnik', 'solar-mini:sputnik:fill_in', 'fill_in', 'correct', 'Good', ?)",
        (moment.timestamp(),),
    )
    db.execute("PRAGMA application_id = 1920300151")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    return path


def test_a_first_version_progress_file_is_brought_up_to_date_keeping_every_answer(tmp_path: Path) -> None:
    path = first_version_file(tmp_path)
    with open_store(tmp_path) as store:
        assert store.overrides("solar-mini") == []
        assert store.cards("solar-mini")["sputnik"].correct == 1
        assert store.unwritable_reason() is None
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    assert dict(db.execute("SELECT key, value FROM meta").fetchall())["schema_version"] == "2"
    assert "card_before" in {row[1] for row in db.execute("PRAGMA table_info(answers)")}
    assert db.execute("SELECT count(*) FROM answers").fetchone()[0] == 1
    db.close()

    # The migrated file takes the quiz's answers and overrides like a new one: here to the fact
    # answered before, whose card is scheduled again from what it was before the refused answer.
    (q,) = questions_json(MINI, "-n", "1", *SHORT[2:])
    assert q["fact_id"] == "sputnik"
    term = Terminal(["quiz", "-n", "1", *SHORT], tmp_path, NO_COLOR="1")
    term.expect("> ")
    term.sendline(TYPED_WRONG)
    term.expect("right\\.")
    term.sendline("r")
    assert term.finish() == 0
    with open_store(tmp_path) as store:
        assert store.overrides("solar-mini") == [("sputnik", TYPED_WRONG)]
        card = store.cards("solar-mini")["sputnik"]
    assert (card.answers, card.correct) == (2, 2)
    db = sqlite3.connect(path)
    before, answered_at = db.execute(
        "SELECT card_before, answered_at FROM answers ORDER BY id DESC"
    ).fetchone()
    db.close()
    assert before is not None, "the card before the answer was kept"
    assert card.due == review(before, Outcome.CORRECT, dt.datetime.fromtimestamp(answered_at, dt.UTC)).due


def test_reset_forgets_the_overrides_too(tmp_path: Path) -> None:
    term = Terminal(["quiz", "-n", "1", *SHORT], tmp_path, NO_COLOR="1")
    term.expect("> ")
    term.sendline(TYPED_WRONG)
    term.expect("right\\.")
    term.sendline("r")
    term.finish()
    subprocess.run(
        [COMMAND, "reset", "--yes", "--deck", str(MINI)],
        env={"RUTW_QUIZ_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    with open_store(tmp_path) as store:
        assert store.overrides("solar-mini") == []
