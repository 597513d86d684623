"""The progress store: files that are not ours are refused and left alone; answers survive a kill."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from rutw_quiz.errors import ProgressError
from rutw_quiz.questions import Outcome
from rutw_quiz.quiz import open_store
from rutw_quiz.quiz.progress import APPLICATION_ID, DB_NAME, SCHEMA_VERSION

MINI = Path(__file__).parent / "data" / "mini.yaml"
COMMAND = str(Path(sys.executable).with_name("rutw-quiz"))


def run(args: list[str], home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RUTW_QUIZ_HOME": str(home)}
    return subprocess.run(
        [COMMAND, *args], input=stdin, capture_output=True, text=True, env=env, timeout=60, check=False
    )


def _foreign_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.execute("INSERT INTO recipes VALUES ('soup')")
    db.commit()
    db.close()


def _newer_store(path: Path) -> None:
    with open_store(path.parent):
        pass
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()


def _damaged_store(path: Path) -> None:
    """Our own database with its pages overwritten after the header."""
    with open_store(path.parent) as store:
        store.record("solar-mini", {"mercury": Outcome.CORRECT}, question_id="q", question_type="fill_in")
    data = bytearray(path.read_bytes())
    data[100:] = b"\xff" * (len(data) - 100)
    path.write_bytes(bytes(data))


CASES = {
    "text": (lambda p: p.write_text("these are my notes, not a database\n" * 50), "not an SQLite database"),
    "foreign": (_foreign_sqlite, "not one of rutw-quiz's"),
    "newer": (_newer_store, "newer rutw-quiz"),
    "damaged": (_damaged_store, "damaged"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", ["quiz", "stats"])
def test_a_file_that_is_not_our_database_gives_a_clear_error_and_is_left_byte_identical(
    tmp_path: Path, case: str, command: str
) -> None:
    path = tmp_path / DB_NAME
    make, reason = CASES[case]
    make(path)
    before = path.read_bytes()
    options = ["--seed", "1"] if command == "quiz" else []
    done = run([command, "--deck", str(MINI), *options], tmp_path, "t\n")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert str(path) in done.stderr
    assert reason in done.stderr
    assert "left untouched" in done.stderr
    assert "--data-dir" in done.stderr
    assert "1/10" not in done.stdout
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]  # no journal or copy left beside it


def test_the_store_carries_its_schema_version_and_application_id(tmp_path: Path) -> None:
    with open_store(tmp_path):
        pass
    db = sqlite3.connect(tmp_path / DB_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    assert meta["application"] == "rutw-quiz"
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    db.close()


def test_an_empty_file_becomes_a_fresh_store(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).touch()
    with open_store(tmp_path) as store:
        assert store.cards("solar-mini") == {}


def test_a_data_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ProgressError, match="progress folder is a file"):
        open_store(blocker)


def test_answers_are_scheduled_by_fsrs_right_good_typo_hard_wrong_again(tmp_path: Path) -> None:
    now = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.UTC)
    with open_store(tmp_path) as store:
        for fact, outcome in (("a", Outcome.CORRECT), ("b", Outcome.TYPO), ("c", Outcome.WRONG)):
            store.record("d", {fact: outcome}, question_id=fact, question_type="fill_in", now=now)
        cards = store.cards("d")
    delays = {f: cards[f].due - now for f in "abc"}
    assert delays["c"] < delays["b"] < delays["a"]  # Again (1 min) < Hard < Good (10 min)
    assert delays["c"] == dt.timedelta(minutes=1)
    assert delays["a"] == dt.timedelta(minutes=10)
    assert (cards["a"].answers, cards["a"].correct, cards["c"].correct) == (1, 1, 0)
    db = sqlite3.connect(tmp_path / DB_NAME)
    ratings = dict(db.execute("SELECT fact_id, rating FROM answers").fetchall())
    assert ratings == {"a": "Good", "b": "Hard", "c": "Again"}
    card = json.loads(db.execute("SELECT card FROM cards WHERE fact_id = 'a'").fetchone()[0])
    assert {"state", "stability", "difficulty", "due"} <= set(card)
    db.close()


def test_a_process_killed_between_answers_keeps_every_committed_answer(tmp_path: Path) -> None:
    env = {**os.environ, "RUTW_QUIZ_HOME": str(tmp_path), "NO_COLOR": "1"}
    options = ["-n", "10", "--seed", "1", "--type", "multiple_choice"]
    listed = subprocess.run(
        [COMMAND, "questions", "--json", "--deck", str(MINI), *options],
        capture_output=True,
        text=True,
        check=True,
    )
    questions = json.loads(listed.stdout)
    child = pexpect.spawn(
        COMMAND,
        ["quiz", "--deck", str(MINI), *options],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )
    for number, q in enumerate(questions[:3], 1):
        child.expect(f"{number}/10")
        child.expect("> ")
        child.sendline(chr(ord("a") + q["choices"].index(q["answer"])))
    child.expect("4/10")  # the third answer was committed before the fourth question was shown
    child.kill(signal.SIGKILL)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    done = run(["stats", "--json", "--deck", str(MINI)], tmp_path)
    assert done.returncode == 0, done.stderr
    total = json.loads(done.stdout)["decks"][0]["total"]
    assert (total["seen"], total["answers"], total["correct"]) == (3, 3, 3)


@pytest.mark.parametrize("command", ["quiz", "stats", "reset"])
def test_a_progress_folder_under_a_regular_file_is_a_clear_error_for_every_command(
    tmp_path: Path, command: str
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder\n")
    folder = blocker / "sub"
    done = run([command, "--deck", str(MINI), "--data-dir", str(folder)], tmp_path / "unused", "t\n")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{folder}: cannot use this path for the progress folder: a part of it is a file" in done.stderr
    assert "--data-dir" in done.stderr
    assert blocker.read_text() == "not a folder\n"


def _unsearchable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make `folder` behave as one the user may not search: what Path.exists() meets on 3.11."""
    real_stat = Path.stat

    def stat(self: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        if self.is_relative_to(folder) and self != folder:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(Path, "stat", stat)


def test_a_progress_folder_that_cannot_be_searched_is_a_progress_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rutw_quiz.quiz import store_exists

    locked = tmp_path / "locked"
    locked.mkdir()
    _unsearchable(monkeypatch, locked)
    for attempt in (lambda: open_store(locked), lambda: store_exists(locked)):
        with pytest.raises(ProgressError) as caught:
            attempt()
        message = str(caught.value)
        assert str(locked / DB_NAME) in message
        assert "Permission denied" in message
        assert "permissions" in message
        assert "--data-dir" in message


@pytest.mark.parametrize("command", ["quiz", "stats", "reset"])
def test_commands_report_an_unsearchable_progress_folder_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from click.testing import CliRunner

    from rutw_quiz.cli import cli

    locked = tmp_path / "locked"
    locked.mkdir()
    _unsearchable(monkeypatch, locked)
    args = [command, "--deck", str(MINI), "--data-dir", str(locked)]
    result = CliRunner().invoke(cli, args + (["--seed", "1"] if command == "quiz" else []))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{locked / DB_NAME}: cannot look for the progress file (Permission denied)" in result.stderr


def test_a_progress_file_sqlite_cannot_create_says_so_and_what_to_do(tmp_path: Path) -> None:
    """The file does not exist yet (here: a link to a missing folder), so nothing was 'left untouched'."""
    home = tmp_path / "home"
    home.mkdir()
    (home / DB_NAME).symlink_to(tmp_path / "missing" / DB_NAME)
    done = run(["quiz", "--deck", str(MINI), "--seed", "1"], home, "t\n")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{home / DB_NAME}: cannot create the progress file: " in done.stderr
    assert "choose another folder with --data-dir DIR" in done.stderr
    assert "left untouched" not in done.stderr
    assert "1/10" not in done.stdout
