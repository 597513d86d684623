"""Parsed deck files kept between runs, so a large deck is read as YAML once per edit.

A 10,000-fact deck takes most of a second to parse and a twentieth of that to read back as
JSON; a teacher runs `validate`, then `worksheet`, `anki` and `export` on the same file. The
cache keeps what parsing made (plain data, and the problems that do not stop reading), under a
hash of the text and of the parser itself: an edited deck or a changed parser parses afresh.
Each value's line is kept beside it once a run has needed them (a deck with warnings or
problems): reading the text again for them takes longer than reading the parse back.
A deck whose checks (`deck.checks`) found nothing is marked so, and is not checked again: the
checks read the deck alone, and the key covers their code too (`rutw_quiz.deck` and `rutw_quiz.text`).

It is derived data, written atomically: an entry that cannot be read is parsed again and
replaced, and a folder that cannot be written leaves every command working without it. Small
decks (most) parse in milliseconds and are never cached. `$RUTW_QUIZ_CACHE_DIR` names the
folder, or `off` turns the cache off; else the user's cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from rutw_quiz.deck import yaml_source
from rutw_quiz.deck.yaml_source import LineMap, LineTree, Path_, line_in_tree, parse_yaml, read_yaml

ENV_FOLDER = "RUTW_QUIZ_CACHE_DIR"
MIN_CACHED_CHARS = 256 * 1024
"""Decks shorter than this (the bundled one is a tenth of it) parse in a few milliseconds."""
KEPT_ENTRIES = 8
"""The newest entries kept: a teacher's few large decks, each at its latest edit."""
STALE_SECONDS = 3600
"""A temporary file older than this was left by a run that was killed while writing it."""
_FORMAT = "1"

_CHECKED = ".checked"
_LINES = ".lines"


@dataclass
class ParsedDeck:
    """What parsing a deck's text made, and where the cache keeps it (None: not cached)."""

    data: Any
    lines: LineMap
    problems: list[tuple[int, str]]
    entry: Path | None = None
    unstored: bool = False
    """Parsed now and not kept yet (see `store`)."""
    plain_json: bool | None = None
    """Whether JSON gives `data` back unchanged, when the reader knows (see `ParsedYaml`)."""

    def store(self) -> None:
        """Keep a parse made now in the cache, once; a parse read back from it is left alone. When
        it cannot be kept (a date in the data, a folder that cannot be written), it is not cached."""
        if not self.unstored:
            return
        self.unstored = False
        assert self.entry is not None
        stored = _as_json(self.data, self.problems, self.plain_json)
        if stored is None or not _write(self.entry, stored):
            self.entry = None

    @property
    def checked(self) -> bool:
        """Whether this very text was checked before and nothing was found."""
        return self.entry is not None and self.entry.with_suffix(_CHECKED).exists()

    def mark_checked(self) -> None:
        """Remember that the checks found nothing in this text (any failure is left silent)."""
        if self.entry is not None and self.entry.exists():
            with contextlib.suppress(OSError):
                self.entry.with_suffix(_CHECKED).touch()


def parse_deck_text(text: str, *, record_lines: bool = False) -> ParsedDeck:
    """`parse_yaml`, read from the cache when this text was parsed before (see the module).

    A parse made now is kept when the caller calls `ParsedDeck.store`, which it must do before it
    marks the deck checked or asks for a line: `validate` first starts the advice's worker
    processes, and keeps the parse while they work.
    """
    folder = cache_folder() if len(text) >= MIN_CACHED_CHARS else None
    if folder is None:
        return ParsedDeck(*parse_yaml(text, record_lines=record_lines))
    entry = folder / f"{_key(text)}.json"
    found = _read(entry)
    if found is not None:
        data, problems = found
        return ParsedDeck(data, _KeptLineMap(text, entry.with_suffix(_LINES)), problems, entry)
    data, lines, problems, plain_json = read_yaml(text, record_lines=record_lines)
    made = lines.tree if record_lines else None  # kept only if a problem or warning needs them
    kept_lines = _KeptLineMap(text, entry.with_suffix(_LINES), made)
    return ParsedDeck(data, kept_lines, problems, entry, unstored=True, plain_json=plain_json)


class _KeptLineMap(LineMap):
    """A cached deck's lines: read back from `place`, else made from the text (or taken as `made`)
    and stored there, on first use."""

    def __init__(self, text: str, place: Path, made: LineTree | None = None) -> None:
        super().__init__(made, text=None if made is not None else text)
        self._place = place
        self._kept: Any = None  # what `place` held: a LineTree unless the file was damaged
        self._state = "stored" if made is not None else "unread"

    def line_of(self, path: Path_) -> int:
        if self._state == "unread":
            self._kept, self._state = _read_json(self._place), "read"
        if self._state == "read":
            try:
                if type(self._kept) is list and type(line := line_in_tree(self._kept, path)) is int:
                    return line  # a deck is a mapping: its tree is [line, {key: tree}]
            except (TypeError, ValueError, LookupError):
                pass
            self._kept, self._state = None, "stored"  # absent or damaged: made from the text
        if self._state == "stored":
            self._state = "made"
            _store_lines(self._place, self.tree)
        return super().line_of(path)


def _store_lines(place: Path, tree: LineTree) -> None:
    """Store `tree` at `place`, beside its entry (any failure is left silent)."""
    if place.with_suffix(".json").exists():
        _write(place, json.dumps(tree, separators=(",", ":")))


def cache_folder() -> Path | None:
    """Where parsed decks are kept, or None when the cache is off."""
    named = os.environ.get(ENV_FOLDER)
    if named is not None:
        return None if named.strip().lower() in ("", "off") else Path(named)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("rutw-quiz", appauthor=False)) / "decks"


def _key(text: str) -> str:
    """The text's hash with the reading code's: the deck package's modules and PyYAML's version."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (_FORMAT, yaml.__version__, *_code_stamps()):
        digest.update(part.encode() + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _code_stamps() -> list[str]:
    """Each module of `rutw_quiz.deck`, and `rutw_quiz.text` its checks use, by name, size and time
    of change: an edited or updated program reads every deck afresh."""
    package = Path(yaml_source.__file__).parent
    stamps = []
    for module in [*sorted(package.glob("*.py")), package.parent / "text.py"]:
        info = module.stat()
        stamps.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return stamps


def _read(entry: Path) -> tuple[Any, list[tuple[int, str]]] | None:
    try:
        stored = _read_json(entry)
        data, problems = stored["data"], [(int(line), str(message)) for line, message in stored["problems"]]
    except (ValueError, KeyError, TypeError):
        return None  # absent, or unreadable: parsed again and replaced
    with contextlib.suppress(OSError):
        os.utime(entry)  # the newest used entries are the ones kept
    return data, problems


def _read_json(place: Path) -> Any:
    """What `place` holds, or None when it is absent or unreadable."""
    try:
        return json.loads(place.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: nested past the parser's depth
        return None


def _as_json(data: Any, problems: list[tuple[int, str]], plain_json: bool | None = None) -> str | None:
    """The entry for this parse as JSON text; None when JSON would not give `data` back unchanged
    (a date, or a number as a key: such a deck is parsed each time instead). `plain_json` is
    what the reader saw of that; when it does not know (None), the text is read back to see.

    Written (and read back) in C: a tenth of walking the data in Python to check its types first.
    """
    if plain_json is False:
        return None
    try:
        # dumps, not dump to the file: only the one-shot encoder is written in C
        stored = json.dumps({"data": data, "problems": problems}, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):  # a date, a set
        return None
    if plain_json:
        return stored
    # JSON keeps text, numbers, true/false and null as they are, so any change is a key made text
    return stored if json.loads(stored)["data"] == data else None


def _write(entry: Path, stored: str) -> bool:
    """Store the JSON text `stored` at `entry` atomically and drop the oldest entries beyond
    KEPT_ENTRIES; whether it was stored (any failure is left silent)."""
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(stored)
            Path(temporary).replace(entry)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(entry.parent)
    except (OSError, ValueError):
        return False
    return True


def _prune(folder: Path) -> None:
    """Keep the newest KEPT_ENTRIES entries, and no half-written file of a run that was killed."""
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEPT_ENTRIES:]:
        old.unlink(missing_ok=True)
        for beside in (_CHECKED, _LINES):
            old.with_suffix(beside).unlink(missing_ok=True)
    for beside in (_CHECKED, _LINES):
        for kept in folder.glob("*" + beside):
            if not kept.with_suffix(".json").exists():
                kept.unlink(missing_ok=True)
    stale = time.time() - STALE_SECONDS
    for partial in folder.glob(".*.tmp"):
        if partial.stat().st_mtime < stale:
            partial.unlink(missing_ok=True)
