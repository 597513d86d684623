"""The progress store: one SQLite file of FSRS cards and answers, keyed by deck id and fact id.

Each answer is written in its own transaction and committed at once, so a killed process
loses at most the answer in flight. A file in the store's place that is not a rutw-quiz
progress database (corrupt, another program's, or from a newer rutw-quiz) is reported with
a `ProgressError` and never written to, overwritten or deleted.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rutw_quiz.errors import ProgressError
from rutw_quiz.questions.grading import Outcome

DB_NAME = "progress.sqlite3"
APPLICATION_ID = 0x72757477  # "rutw": marks the file as ours (PRAGMA application_id)
SCHEMA_VERSION = 1  # PRAGMA user_version and meta.schema_version; raise it with a migration
ENV_HOME = "RUTW_QUIZ_HOME"
_SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE cards (
    deck_id TEXT NOT NULL,
    fact_id TEXT NOT NULL,
    card TEXT NOT NULL,          -- the FSRS card, as fsrs.Card.to_json() gives it
    due REAL NOT NULL,           -- next review, seconds since the epoch (UTC)
    answers INTEGER NOT NULL,    -- graded answers (skips are not counted)
    correct INTEGER NOT NULL,    -- of which right (a typo counts as right)
    last_answered REAL NOT NULL,
    PRIMARY KEY (deck_id, fact_id)
);
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    deck_id TEXT NOT NULL,
    fact_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    question_type TEXT NOT NULL,
    outcome TEXT NOT NULL,       -- correct, typo or wrong (for this fact)
    rating TEXT NOT NULL,        -- the FSRS rating given: Good, Hard or Again
    answered_at REAL NOT NULL
);
CREATE INDEX answers_by_fact ON answers (deck_id, fact_id);
"""


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


def _unusable(path: Path, reason: str) -> ProgressError:
    return ProgressError(
        f"{path}: cannot use this file for quiz progress: {reason}. It was left untouched. "
        f"Move or rename it to start a fresh progress file there, or keep progress elsewhere "
        f"with --data-dir DIR (or {ENV_HOME}=DIR)."
    )


class ProgressStore:
    """An open progress database. Use `open_store(data_dir)`; close it when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

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
            raise ProgressError(f"{self.path}: could not save progress: {error}") from None

    def record(
        self,
        deck_id: str,
        facts: Mapping[str, Outcome],
        *,
        question_id: str,
        question_type: str,
        now: dt.datetime | None = None,
    ) -> None:
        """Record one answer (each fact it tested, with its outcome) in one committed transaction."""
        from rutw_quiz.quiz.scheduling import review

        moment = now or dt.datetime.now(dt.UTC)
        with self._transaction() as db:
            for fact_id, outcome in facts.items():
                row = db.execute(
                    "SELECT card FROM cards WHERE deck_id = ? AND fact_id = ?", (deck_id, fact_id)
                ).fetchone()
                reviewed = review(row[0] if row else None, outcome, moment)
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
                       (deck_id, fact_id, question_id, question_type, outcome, rating, answered_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    (
                        deck_id,
                        fact_id,
                        question_id,
                        question_type,
                        outcome.value,
                        reviewed.rating,
                        _timestamp(moment),
                    ),
                )

    def cards(self, deck_id: str) -> dict[str, CardState]:
        """Every fact of the deck that has been answered, by fact id."""
        try:
            rows = self._db.execute(
                "SELECT fact_id, due, answers, correct FROM cards WHERE deck_id = ? ORDER BY fact_id",
                (deck_id,),
            ).fetchall()
        except sqlite3.Error as error:
            raise ProgressError(f"{self.path}: could not read progress: {error}") from None
        return {r[0]: CardState(r[0], _moment(r[1]), r[2], r[3]) for r in rows}

    def reset(self, deck_id: str) -> int:
        """Forget the deck's progress; returns how many facts had some."""
        with self._transaction() as db:
            count = db.execute("SELECT count(*) FROM cards WHERE deck_id = ?", (deck_id,)).fetchone()[0]
            db.execute("DELETE FROM cards WHERE deck_id = ?", (deck_id,))
            db.execute("DELETE FROM answers WHERE deck_id = ?", (deck_id,))
        return int(count)


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
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    db.executescript(
        "BEGIN IMMEDIATE;\n"
        + _SCHEMA
        + f"\nINSERT INTO meta (key, value) VALUES ('application', 'rutw-quiz'), "
        f"('schema_version', '{SCHEMA_VERSION}'), ('created', '{created}');\n"
        f"PRAGMA application_id = {APPLICATION_ID};\n"
        f"PRAGMA user_version = {SCHEMA_VERSION};\n"
        "COMMIT;"
    )


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


def open_store(data_dir: Path) -> ProgressStore:
    """Open (creating if need be) the progress database in `data_dir`.

    Raises ProgressError, naming the file and what to do, when it cannot be used.
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
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=5.0)
    except sqlite3.Error as error:
        if existed:
            raise _unusable(path, f"SQLite cannot open it ({error})") from None
        raise ProgressError(
            f"{path}: cannot create the progress file: {error}; "
            f"choose another folder with --data-dir DIR or {ENV_HOME}=DIR"
        ) from None
    db.isolation_level = None  # transactions are explicit: one per answer
    try:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and application_id == 0 and version == 0:
            _create_schema(db)
        elif application_id != APPLICATION_ID or "meta" not in tables:
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
    except sqlite3.DatabaseError as error:
        db.close()
        raise _unusable(path, f"the database is damaged ({error})") from None
    except ProgressError:
        db.close()
        raise
    return ProgressStore(path, db)
