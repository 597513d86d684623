"""The progress store: files that are not ours are refused and left alone; answers survive a kill."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from rutw_quiz.errors import ProgressError
from rutw_quiz.grading.verdict import Outcome
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


# -- Progress that cannot be saved is said so at the start, never claimed, and fails the exit status --


def _readonly_runner(folder: Path) -> list[str]:
    """A command prefix that runs a command with `folder` read-only, even for root.

    Not root: the folder's write bits are taken away. Root ignores those, so the command runs in
    a user namespace where the folder is a read-only bind mount; skipped where that is refused.
    """
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, str(folder), "true"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        pytest.skip("cannot make a read-only folder here (root, and no user namespaces)")
    return ["unshare", "-rm", "sh", "-c", script, str(folder)]


def _store_with_an_answer(home: Path) -> None:
    with open_store(home) as store:
        store.record("solar-mini", {"mercury": Outcome.CORRECT}, question_id="q", question_type="fill_in")


def _assert_not_saved_said_plainly(done: subprocess.CompletedProcess[str], why: str) -> None:
    out = done.stdout
    assert "Traceback" not in done.stderr
    warning = " ".join(out[: out.index("\n1/2  ")].split())
    assert "Progress cannot be saved in" in warning
    assert why in warning
    assert "Progress saved" not in out
    assert "could not be saved" in out
    assert out.rstrip("\n").splitlines()[-1].startswith("Score: ")
    assert done.returncode == 1  # answers were lost


def test_a_read_only_progress_folder_is_said_at_the_start_and_the_exit_status_fails(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _store_with_an_answer(home)
    prefix = _readonly_runner(home)
    env = {**os.environ, "RUTW_QUIZ_HOME": str(home), "NO_COLOR": "1"}
    done = subprocess.run(
        [*prefix, COMMAND, "quiz", "--deck", str(MINI), "--seed", "1", "-n", "2", "--type", "true_false"],
        input="t\nt\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    home.chmod(0o755)
    _assert_not_saved_said_plainly(done, "read-only")
    with open_store(home) as store:
        assert store.cards("solar-mini")["mercury"].answers == 1  # untouched


@pytest.mark.parametrize("table", ["answers", "cards"])
def test_a_database_missing_a_table_is_said_at_the_start_and_the_exit_status_fails(
    tmp_path: Path, table: str
) -> None:
    _store_with_an_answer(tmp_path)
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute(f"DROP TABLE {table}")
    db.commit()
    db.close()
    done = run(
        ["quiz", "--deck", str(MINI), "--seed", "1", "-n", "2", "--type", "true_false"], tmp_path, "t\nt\n"
    )
    _assert_not_saved_said_plainly(done, f"lacks its {table} table")


def test_a_quiz_whose_answers_are_all_saved_exits_zero_and_says_where(tmp_path: Path) -> None:
    done = run(
        ["quiz", "--deck", str(MINI), "--seed", "1", "-n", "2", "--type", "true_false"], tmp_path, "t\nt\n"
    )
    assert done.returncode == 0
    assert "Progress saved in" in done.stdout
    assert "cannot be saved" not in done.stdout


# -- Another process holding the file: wait, then say it is in use, never "damaged" --


def _locked(path: Path) -> sqlite3.Connection:
    """Another connection holding the file's exclusive lock (readers and writers must wait)."""
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_store_locked_by_another_process_is_in_use_not_damaged(tmp_path: Path) -> None:
    _store_with_an_answer(tmp_path)
    holder = _locked(tmp_path / DB_NAME)
    try:
        with pytest.raises(ProgressError) as caught:
            open_store(tmp_path, timeout=0.2)
    finally:
        holder.close()
    message = str(caught.value)
    assert "in use by another rutw-quiz" in message
    assert "damaged" not in message


def test_an_answer_saved_while_another_process_holds_the_file_is_in_use_not_damaged(tmp_path: Path) -> None:
    with open_store(tmp_path, timeout=0.2) as store:
        holder = _locked(tmp_path / DB_NAME)
        try:
            with pytest.raises(ProgressError, match="in use by another rutw-quiz"):
                store.record("d", {"a": Outcome.CORRECT}, question_id="q", question_type="fill_in")
        finally:
            holder.close()


def test_the_quiz_waits_for_a_lock_held_longer_than_five_seconds(tmp_path: Path) -> None:
    """Today's busy timeout waits; the old 5 s called a healthy file damaged."""
    _store_with_an_answer(tmp_path)
    holder = _locked(tmp_path / DB_NAME)
    env = {**os.environ, "RUTW_QUIZ_HOME": str(tmp_path), "NO_COLOR": "1"}
    child = subprocess.Popen(
        [COMMAND, "quiz", "--deck", str(MINI), "--seed", "1", "-n", "1", "--type", "true_false"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        time.sleep(6)
    finally:
        holder.close()
    out, err = child.communicate("t\n", timeout=60)
    assert child.returncode == 0, err
    assert "damaged" not in err
    assert "Progress saved in" in out


# -- Two first quizzes at once on an empty folder --


def test_creating_the_schema_again_after_another_process_did_is_harmless(tmp_path: Path) -> None:
    """The race: both saw an empty file; the second takes the lock after the first created the tables."""
    from rutw_quiz.quiz.progress import _create_schema

    _store_with_an_answer(tmp_path)
    db = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None)
    _create_schema(db)
    db.close()
    with open_store(tmp_path) as store:
        assert store.cards("solar-mini")["mercury"].answers == 1


def test_first_quizzes_started_together_on_an_empty_folder_all_open_the_store(tmp_path: Path) -> None:
    code = "import sys, pathlib; from rutw_quiz.quiz import open_store; open_store(pathlib.Path(sys.argv[1])).close()"
    for round_ in range(4):
        folder = tmp_path / f"round{round_}"
        starts = [
            subprocess.Popen([sys.executable, "-c", code, str(folder)], stderr=subprocess.PIPE, text=True)
            for _ in range(6)
        ]
        errors = [p.communicate(timeout=60)[1] for p in starts]
        assert [p.returncode for p in starts] == [0] * 6, errors


# -- Rows that cannot be read count as new, with a warning naming the fact --


@pytest.mark.parametrize(
    ("column", "value"),
    [("card", "not json {"), ("card", '{"state": 2}'), ("due", "tomorrow"), ("due", 1e300)],
)
def test_an_unreadable_row_counts_as_new_with_a_warning_naming_the_fact(
    tmp_path: Path, column: str, value: object
) -> None:
    with open_store(tmp_path) as store:
        for fact in ("mercury", "venus"):
            store.record("solar-mini", {fact: Outcome.WRONG}, question_id="q", question_type="fill_in")
    db = sqlite3.connect(tmp_path / DB_NAME)
    db.execute(f"UPDATE cards SET {column} = ? WHERE fact_id = 'mercury'", (value,))  # noqa: S608 (a test's own column names)
    db.commit()
    db.close()
    for args, stdin in (
        (["stats"], ""),
        (["stats", "--json"], ""),
        (["quiz", "--review", "-n", "18"], "t\n" * 18),
        (["quiz", "--seed", "1", "--type", "true_false"], "t\n" * 10),
    ):
        done = run([*args, "--deck", str(MINI)], tmp_path, stdin)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        assert done.returncode == 0, (args, done.stderr)
        if args[:2] != [
            "quiz",
            "--seed",
        ]:  # a plain quiz reads no card before it is answered (and then rewrites it)
            assert "'mercury'" in done.stderr and "counts as a new fact" in done.stderr, (args, done.stderr)
    with open_store(tmp_path) as store:
        assert "venus" in store.cards("solar-mini")


@pytest.mark.parametrize("stability", ["0", "-5", "null", "NaN"])
def test_a_card_that_reads_but_fsrs_cannot_review_counts_as_new_when_answered(
    tmp_path: Path, stability: str
) -> None:
    """A card FSRS reads but cannot compute with (no stability, or none it can use) failed only
    when the fact was answered: the quiz ended in a traceback after the student's answer."""
    with open_store(tmp_path) as store:
        store.record(
            "solar-mini", {"closest-planet": Outcome.CORRECT}, question_id="q", question_type="fill_in"
        )
    db = sqlite3.connect(tmp_path / DB_NAME)
    (card,) = db.execute("SELECT card FROM cards WHERE fact_id = 'closest-planet'").fetchone()
    damaged = json.loads(card) | {"state": 2, "step": None, "stability": "STABILITY"}
    text = json.dumps(damaged).replace('"STABILITY"', stability)
    db.execute("UPDATE cards SET card = ?, due = 0 WHERE fact_id = 'closest-planet'", (text,))
    db.commit()
    db.close()
    done = run(["quiz", "--review", "--type", "true_false", "--deck", str(MINI)], tmp_path, "t\n" * 18)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert "'closest-planet'" in done.stderr and "counts as a new fact" in done.stderr, done.stderr
    assert "Score:" in done.stdout
    db = sqlite3.connect(tmp_path / DB_NAME)
    (card,) = db.execute("SELECT card FROM cards WHERE fact_id = 'closest-planet'").fetchone()
    db.close()
    assert json.loads(card)["stability"] > 0  # reviewed afresh


def test_answers_piped_with_bare_carriage_returns_are_read_one_per_line(tmp_path: Path) -> None:
    """A file of answers saved with old Mac line ends (CR alone) was read as one answer."""
    done = run(["quiz", "-n", "2", "--seed", "3", "--deck", str(MINI)], tmp_path, "t\rb\r")
    assert done.returncode == 0, done.stderr
    assert "Input ended" not in done.stdout
    assert "Score: " in done.stdout and "/2 " in done.stdout
