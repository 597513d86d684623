"""The progress store: one SQLite file of FSRS cards and answers, keyed by deck id and fact id.

Each answer is written in its own transaction and committed at once, so a killed process
loses at most the answer in flight. A file in the store's place that is not a rutw-quiz
progress database (corrupt, another program's, or from a newer rutw-quiz) is reported with
a `ProgressError` and never written to, overwritten or deleted.

A store that can be read but not written (a read-only file or folder, a missing table) says
why in `unwritable_reason()`, so a quiz can say so before the first answer. Another process
holding the file is waited for (`BUSY_TIMEOUT`), then reported as in use, not as damaged.
Two first quizzes may create the schema at once: creation is one transaction that checks
again, under the write lock, whether the other got there first. A row that cannot be read
(bad card JSON, a due date that is no time) counts as a new card, with a warning naming the
fact in `take_warnings()`; an override whose answer is not text is left out, with a warning too.

Each answer keeps the card as it was before the answer, so that a refused typed answer the
student says was right (an override) can be re-scheduled as if it had been answered right;
overrides are kept with the text typed, for a teacher to turn into accepted answers. A file
of an older schema is brought up to date when opened, in one transaction (a read-only one is
only read).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rutw_quiz.errors import ProgressError
from rutw_quiz.grading.grade import Outcome

DB_NAME = "progress.sqlite3"
APPLICATION_ID = 0x72757477  # "rutw": marks the file as ours (PRAGMA application_id)
SCHEMA_VERSION = 2  # PRAGMA user_version and meta.schema_version; raise it with a migration (_MIGRATIONS)
ENV_HOME = "RUTW_QUIZ_HOME"
_SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT = 30.0  # seconds to wait for another process that holds the file
TABLES = ("meta", "cards", "answers")

_OVERRIDES_SCHEMA = """
CREATE TABLE IF NOT EXISTS overrides (
    id INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL,  -- the row of `answers` that the student said was right
    deck_id TEXT NOT NULL,
    fact_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    answer TEXT NOT NULL,        -- what the student typed
    overridden_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS overrides_by_deck ON overrides (deck_id, fact_id);
"""

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cards (
    deck_id TEXT NOT NULL,
    fact_id TEXT NOT NULL,
    card TEXT NOT NULL,          -- the FSRS card, as fsrs.Card.to_json() gives it
    due REAL NOT NULL,           -- next review, seconds since the epoch (UTC)
    answers INTEGER NOT NULL,    -- graded answers (skips are not counted)
    correct INTEGER NOT NULL,    -- of which right (a typo counts as right)
    last_answered REAL NOT NULL,
    PRIMARY KEY (deck_id, fact_id)
);
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY,
    deck_id TEXT NOT NULL,
    fact_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    question_type TEXT NOT NULL,
    outcome TEXT NOT NULL,       -- correct, typo or wrong (for this fact)
    rating TEXT NOT NULL,        -- the FSRS rating given: Good, Hard or Again
    answered_at REAL NOT NULL,
    card_before TEXT             -- the FSRS card before this answer (NULL: the fact was new)
);
CREATE INDEX IF NOT EXISTS answers_by_fact ON answers (deck_id, fact_id);
"""
    + _OVERRIDES_SCHEMA
)


@dataclass(frozen=True)
class CardState:
    """What the store knows of one fact."""

    fact_id: str
    due: dt.datetime
    answers: int
    correct: int


def default_data_dir() -> Path:
    """`$RUTW_QUIZ_HOME`, else the user's data directory (e.g. ~/.local/share/rutw-quiz)."""
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home)
    from platformdirs import user_data_dir

    return Path(user_data_dir("rutw-quiz", appauthor=False))


def _timestamp(moment: dt.datetime) -> float:
    return moment.timestamp()


def _moment(timestamp: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC)


def _text(sql_type: str, value: bytes | None) -> str | None:
    """A TEXT value read as bytes, decoded; None where it is not text (a BLOB, a number, no value) or not UTF-8."""
    if sql_type != "text" or value is None:
        return None
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _readable_moment(value: object) -> dt.datetime | None:
    """A stored due time as a datetime; None when it is no time at all (text, NaN, year 300000)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    try:
        return _moment(value)
    except (OverflowError, ValueError, OSError):
        return None


def _is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    name = getattr(error, "sqlite_errorname", "")
    return name in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in str(error)


def _in_use(path: Path, timeout: float) -> ProgressError:
    return ProgressError(
        f"{path}: the progress file is in use by another rutw-quiz (waited {timeout:g} s for it). "
        "Finish the other quiz, or wait for it to end, and try again."
    )


def _unusable(path: Path, reason: str) -> ProgressError:
    return ProgressError(
        f"{path}: cannot use this file for quiz progress: {reason}. It was left untouched. "
        f"Move or rename it to start a fresh progress file there, or keep progress elsewhere "
        f"with --data-dir DIR (or {ENV_HOME}=DIR)."
    )


class ProgressStore:
    """An open progress database. Use `open_store(data_dir)`; close it when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection, timeout: float = BUSY_TIMEOUT) -> None:
        self.path = path
        self._db = connection
        self._timeout = timeout
        self._warnings: list[str] = []

    def take_warnings(self) -> list[str]:
        """Warnings about unreadable rows met since the last call (each names its fact)."""
        taken, self._warnings = self._warnings, []
        return taken

    def _warn(self, deck_id: str, fact_id: str, problem: str) -> None:
        message = (
            f"warning: {self.path}: the progress of fact {fact_id!r} (deck {deck_id}) cannot be read "
            f"({problem}); it counts as a new fact"
        )
        if message not in self._warnings:
            self._warnings.append(message)

    def _tables(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def unwritable_reason(self) -> str | None:
        """Why answers cannot be saved here (a missing table, a read-only file or folder), or None.

        Tries a small write (the time of this visit, in the meta table) and rolls nothing back:
        the only sure test of a file system is to write to it.
        """
        try:
            missing = [t for t in TABLES if t not in self._tables()]
            if missing:
                return f"the progress file lacks its {' and '.join(missing)} table (damaged)"
            self._db.execute("BEGIN IMMEDIATE")
            try:
                now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('last_opened', ?)", (now,))
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            if _is_busy(error):
                raise _in_use(self.path, self._timeout) from None
            if "readonly" in str(error) or "read-only" in str(error):
                return "the file or its folder is read-only"
            return f"SQLite cannot write to it ({error})"
        return None

    def close(self) -> None:
        """Close the database (every answer is already committed)."""
        self._db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            if _is_busy(error):
                raise _in_use(self.path, self._timeout) from None
            raise ProgressError(f"{self.path}: could not save progress: {error}") from None

    def record(
        self,
        deck_id: str,
        facts: Mapping[str, Outcome],
        *,
        question_id: str,
        question_type: str,
        now: dt.datetime | None = None,
    ) -> dict[str, dt.datetime]:
        """Record one answer (each fact it tested, with its outcome) in one committed transaction.

        Returns when each fact is due again. A stored card that cannot be read starts afresh.
        """
        from rutw_quiz.quiz.scheduling import UnreadableCardError, review

        moment = now or dt.datetime.now(dt.UTC)
        due: dict[str, dt.datetime] = {}
        with self._transaction() as db:
            for fact_id, outcome in facts.items():
                row = db.execute(
                    "SELECT card FROM cards WHERE deck_id = ? AND fact_id = ?", (deck_id, fact_id)
                ).fetchone()
                try:
                    reviewed = review(row[0] if row else None, outcome, moment)
                except UnreadableCardError as error:
                    self._warn(deck_id, fact_id, str(error))
                    reviewed = review(None, outcome, moment)
                due[fact_id] = reviewed.due
                right = int(outcome.is_correct)
                db.execute(
                    """INSERT INTO cards (deck_id, fact_id, card, due, answers, correct, last_answered)
                       VALUES (?, ?, ?, ?, 1, ?, ?)
                       ON CONFLICT (deck_id, fact_id) DO UPDATE SET
                         card = excluded.card, due = excluded.due, answers = answers + 1,
                         correct = correct + excluded.correct, last_answered = excluded.last_answered""",
                    (
                        deck_id,
                        fact_id,
                        reviewed.card_json,
                        _timestamp(reviewed.due),
                        right,
                        _timestamp(moment),
                    ),
                )
                db.execute(
                    """INSERT INTO answers
                       (deck_id, fact_id, question_id, question_type, outcome, rating, answered_at, card_before)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        deck_id,
                        fact_id,
                        question_id,
                        question_type,
                        outcome.value,
                        reviewed.rating,
                        _timestamp(moment),
                        row[0] if row else None,
                    ),
                )
        return due

    def override(
        self, deck_id: str, fact_id: str, *, question_id: str, answer: str, now: dt.datetime | None = None
    ) -> dt.datetime:
        """Count the last refused answer to `question_id` as right: the student has the last word.

        The card is scheduled again from what it was before that answer, as if the answer had been
        right (FSRS Good, at the time it was given); the answer counts as right in the figures, and
        the override is kept with the text typed (`overrides`). One committed transaction. Returns
        when the fact is due again. ProgressError when there is no such answer to override.
        """
        from rutw_quiz.quiz.scheduling import UnreadableCardError, review

        moment = now or dt.datetime.now(dt.UTC)
        with self._transaction() as db:
            row = db.execute(
                """SELECT id, answered_at, card_before, outcome FROM answers
                   WHERE deck_id = ? AND fact_id = ? AND question_id = ? ORDER BY id DESC LIMIT 1""",
                (deck_id, fact_id, question_id),
            ).fetchone()
            if row is None:
                raise ProgressError(
                    f"{self.path}: no answer to {question_id} is stored, so none can be counted as right"
                )
            answer_id, answered_at, card_before, outcome = row
            done = db.execute("SELECT 1 FROM overrides WHERE answer_id = ?", (answer_id,)).fetchone()
            if done or Outcome(outcome).is_correct:  # already right: nothing to change
                due = db.execute(
                    "SELECT due FROM cards WHERE deck_id = ? AND fact_id = ?", (deck_id, fact_id)
                ).fetchone()
                return _moment(due[0])
            when = _moment(answered_at)
            try:
                reviewed = review(card_before, Outcome.CORRECT, when)
            except UnreadableCardError as error:
                self._warn(deck_id, fact_id, str(error))
                reviewed = review(None, Outcome.CORRECT, when)
            db.execute(
                """UPDATE cards SET card = ?, due = ?, correct = min(answers, correct + 1)
                   WHERE deck_id = ? AND fact_id = ?""",
                (reviewed.card_json, _timestamp(reviewed.due), deck_id, fact_id),
            )
            db.execute("UPDATE answers SET rating = ? WHERE id = ?", (reviewed.rating, answer_id))
            db.execute(
                """INSERT INTO overrides (answer_id, deck_id, fact_id, question_id, answer, overridden_at)
                   VALUES (?, ?, ?, ?, ?, ?)""",
                (answer_id, deck_id, fact_id, question_id, answer, _timestamp(moment)),
            )
        return reviewed.due

    def overrides(self, deck_id: str) -> list[tuple[str, str]]:
        """The deck's overridden answers as (fact id, answer typed), oldest first.

        What students said was right though the grader refused it: the raw material of new aliases.
        """
        try:
            if "overrides" not in self._tables():  # an older file that could not be brought up to date
                return []
            rows = self._db.execute(  # as bytes: a damaged row must not stop the others being read
                "SELECT typeof(fact_id), CAST(fact_id AS BLOB), typeof(answer), CAST(answer AS BLOB)"
                " FROM overrides WHERE deck_id = ? ORDER BY id",
                (deck_id,),
            ).fetchall()
        except sqlite3.Error as error:
            if _is_busy(error):
                raise _in_use(self.path, self._timeout) from None
            raise ProgressError(f"{self.path}: could not read progress: {error}") from None
        readable = []
        for fact_type, fact_bytes, answer_type, answer_bytes in rows:
            fact_id = _text(fact_type, fact_bytes)
            answer = _text(answer_type, answer_bytes)
            if fact_id is not None and answer is not None:
                readable.append((fact_id, answer))
                continue
            message = (
                f"warning: {self.path}: an answer said to be right for fact {fact_id or '?'!r} (deck {deck_id}) "
                "cannot be read (the file is damaged there); it is left out"
            )
            if message not in self._warnings:
                self._warnings.append(message)
        return readable

    def override_counts(self, deck_id: str) -> dict[str, int]:
        """How many answers of each fact of the deck were counted as right on the student's word."""
        counts: dict[str, int] = {}
        for fact_id, _answer in self.overrides(deck_id):
            counts[fact_id] = counts.get(fact_id, 0) + 1
        return counts

    def cards(self, deck_id: str) -> dict[str, CardState]:
        """Every fact of the deck that has been answered, by fact id."""
        try:
            rows = self._db.execute(
                "SELECT fact_id, due, answers, correct, card FROM cards WHERE deck_id = ? ORDER BY fact_id",
                (deck_id,),
            ).fetchall()
        except sqlite3.Error as error:
            if _is_busy(error):
                raise _in_use(self.path, self._timeout) from None
            raise ProgressError(f"{self.path}: could not read progress: {error}") from None
        states = {}
        for fact_id, due_value, answers, correct, card in rows:
            due = _readable_moment(due_value)
            if due is None:
                self._warn(deck_id, fact_id, f"its due date {due_value!r} is not a time")
            elif not _card_json_readable(card):
                self._warn(deck_id, fact_id, "its card is not readable JSON")
            elif not (isinstance(answers, int) and isinstance(correct, int) and 0 <= correct <= answers):
                self._warn(
                    deck_id, fact_id, f"its counts {answers!r} and {correct!r} are not numbers of answers"
                )
            else:
                states[fact_id] = CardState(fact_id, due, answers, correct)
        return states

    def reset(self, deck_id: str) -> int:
        """Forget the deck's progress; returns how many facts had some."""
        with self._transaction() as db:
            count = db.execute("SELECT count(*) FROM cards WHERE deck_id = ?", (deck_id,)).fetchone()[0]
            db.execute("DELETE FROM cards WHERE deck_id = ?", (deck_id,))
            db.execute("DELETE FROM answers WHERE deck_id = ?", (deck_id,))
            if "overrides" in self._tables():
                db.execute("DELETE FROM overrides WHERE deck_id = ?", (deck_id,))
        return int(count)


_CARD_FIELDS = frozenset({"card_id", "state", "step", "stability", "difficulty", "due", "last_review"})


def _card_json_readable(card: object) -> bool:
    """Whether a stored card is a JSON object with the fields of an FSRS card.

    A cheap check that needs no `fsrs` import; the values are checked when the card is reviewed.
    """
    if not isinstance(card, str):
        return False
    try:
        data = json.loads(card)
    except ValueError:
        return False
    return isinstance(data, dict) and data.keys() >= _CARD_FIELDS


def _check_existing(path: Path) -> None:
    """Refuse, before SQLite touches it, a file that is not an SQLite database at all."""
    if not path.is_file():
        raise _unusable(path, "it is not a regular file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise _unusable(path, f"it cannot be read ({error.strerror})") from None
    if header and header != _SQLITE_MAGIC:
        raise _unusable(path, "it is not an SQLite database (corrupt, or another program's file)")


def _create_schema(db: sqlite3.Connection) -> None:
    """Create the tables in one transaction, unless another process did while this one waited.

    Two first quizzes started at once both see an empty file; the second to take the write lock
    finds the first one's tables and leaves them be.
    """
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db.execute("BEGIN IMMEDIATE")
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('application', 'rutw-quiz'), "
                "('schema_version', ?), ('created', ?)",
                (str(SCHEMA_VERSION), created),
            )
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _to_version_2(db: sqlite3.Connection, tables: set[str]) -> None:
    """Version 2: each answer keeps the card before it; overrides are kept with the text typed."""
    if "answers" in tables:
        columns = {r[1] for r in db.execute("PRAGMA table_info(answers)")}
        if "card_before" not in columns:
            db.execute("ALTER TABLE answers ADD COLUMN card_before TEXT")
    for statement in _OVERRIDES_SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


_MIGRATIONS = {2: _to_version_2}
"""Schema version -> the step that brings a file of the version before up to it."""


def _migrate(db: sqlite3.Connection) -> None:
    """Bring an older progress file up to SCHEMA_VERSION, in one transaction.

    The version is read again under the write lock: another rutw-quiz may have migrated the file
    meanwhile. A read-only file stays as it is (sqlite3.OperationalError, which the caller handles).
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for target in range(version + 1, SCHEMA_VERSION + 1):
            _MIGRATIONS[target](db, tables)
        if version < SCHEMA_VERSION:
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _identity(db: sqlite3.Connection) -> tuple[int, int, set[str]]:
    """The file's application id, schema version and tables."""
    application_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return application_id, version, tables


def _exists(path: Path, what: str) -> bool:
    """Whether `path` exists; ProgressError (naming it and what to do) when that cannot be known.

    `Path.exists()` raises PermissionError on Python 3.11 for a folder that cannot be searched,
    and answers False for a path under a regular file: both are reported here.
    """
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        raise ProgressError(
            f"{path}: cannot use this path for the {what}: a part of it is a file, not a folder; "
            f"choose a folder with --data-dir DIR or {ENV_HOME}=DIR"
        ) from None
    except OSError as error:
        raise ProgressError(
            f"{path}: cannot look for the {what} ({error.strerror}); check the permissions of the "
            f"folders above it, or choose another folder with --data-dir DIR or {ENV_HOME}=DIR"
        ) from None
    return True


def store_exists(data_dir: Path) -> bool:
    """Whether `data_dir` holds a progress database (ProgressError when that cannot be known)."""
    if _exists(data_dir, "progress folder") and not data_dir.is_dir():
        raise _folder_is_a_file(data_dir)
    return _exists(data_dir / DB_NAME, "progress file")


def _folder_is_a_file(data_dir: Path) -> ProgressError:
    return ProgressError(
        f"{data_dir}: the progress folder is a file; give a folder with --data-dir DIR or {ENV_HOME}=DIR"
    )


def open_store(data_dir: Path, *, timeout: float = BUSY_TIMEOUT) -> ProgressStore:
    """Open (creating if need be) the progress database in `data_dir`.

    Waits up to `timeout` seconds for another process holding the file. Raises ProgressError,
    naming the file and what to do, when it cannot be used.
    """
    if _exists(data_dir, "progress folder") and not data_dir.is_dir():
        raise _folder_is_a_file(data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ProgressError(
            f"{data_dir}: cannot create the progress folder ({error.strerror}); "
            f"choose another with --data-dir DIR or {ENV_HOME}=DIR"
        ) from None
    path = data_dir / DB_NAME
    existed = _exists(path, "progress file")
    if existed:
        _check_existing(path)
    mode = "rw" if existed else "rwc"
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=timeout)
    except sqlite3.Error as error:
        if existed:
            raise _unusable(path, f"SQLite cannot open it ({error})") from None
        raise ProgressError(
            f"{path}: cannot create the progress file: {error}; "
            f"choose another folder with --data-dir DIR or {ENV_HOME}=DIR"
        ) from None
    db.isolation_level = None  # transactions are explicit: one per answer
    try:
        application_id, version, tables = _identity(db)
        if not tables and application_id == 0 and version == 0:
            _create_schema(db)
        # Read again in any case: another first quiz may have committed its schema between the
        # reads above, which then saw half of it (tables, but not yet its application id).
        application_id, version, tables = _identity(db)
        if application_id != APPLICATION_ID or "meta" not in tables:
            raise _unusable(path, "it is an SQLite database, but not one of rutw-quiz's")
        elif version > SCHEMA_VERSION:
            raise _unusable(
                path,
                f"it was written by a newer rutw-quiz (schema {version}; this one knows {SCHEMA_VERSION}); "
                "upgrade rutw-quiz",
            )
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise _unusable(path, f"the database is damaged ({check})")
        if version < SCHEMA_VERSION:
            try:
                _migrate(db)
            except sqlite3.OperationalError as error:
                if _is_busy(error):
                    raise
                # Read-only: the file is read as it is; unwritable_reason() says why nothing is saved.
    except sqlite3.DatabaseError as error:
        db.close()
        if _is_busy(error):
            raise _in_use(path, timeout) from None
        raise _unusable(path, f"the database is damaged ({error})") from None
    except ProgressError:
        db.close()
        raise
    return ProgressStore(path, db, timeout)
