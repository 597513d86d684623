"""Shared fixtures: the repository's folders, the test decks, and the real `rutw-quiz` command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT / "tests" / "data"
# The console script installed beside this interpreter: the command a user runs.
COMMAND = Path(sys.executable).parent / "rutw-quiz"
# No test reads or writes the user's cache of parsed decks; test_parse_cache names its own folder.
os.environ["RUTW_QUIZ_CACHE_DIR"] = "off"


class CliResult(NamedTuple):
    """What a run of the real command left: exit status, standard output, standard error."""

    returncode: int
    stdout: str
    stderr: str


RunCli = Callable[..., CliResult]
BadDeck = Callable[..., tuple[Path, int]]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout: the folder holding pyproject.toml."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def mini_deck_path() -> Path:
    """A small valid deck (tests/data/mini.yaml) whose quotes are in tests/data/sources/solar.txt."""
    return DATA / "mini.yaml"


@pytest.fixture(scope="session")
def mini_sources_dir() -> Path:
    """The source texts of the mini deck."""
    return DATA / "sources"


@pytest.fixture(scope="session")
def mini_text(mini_deck_path: Path) -> str:
    """The mini deck's YAML text, for deriving bad decks by replacing one piece of it."""
    return mini_deck_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The source documents of the bundled deck (`../shared/seeds` beside the checkout)."""
    folder = REPO_ROOT.parent / "shared" / "seeds"
    if not folder.is_dir():
        pytest.skip(f"the bundled deck's source texts are not here: {folder} does not exist")
    return folder


@pytest.fixture(scope="session")
def run_cli() -> RunCli:
    """Run the installed `rutw-quiz` command: run_cli(*args, cwd=None, env=None, stdin="")."""
    if not COMMAND.exists():
        pytest.fail(f"{COMMAND} is missing; install the package (pip install -e '.[test]')")

    def run(
        *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, stdin: str = ""
    ) -> CliResult:
        environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
        done = subprocess.run(
            [str(COMMAND), *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=cwd,
            env=environment,
            timeout=60,
            check=False,
        )
        return CliResult(done.returncode, done.stdout, done.stderr)

    return run


def line_of(text: str, needle: str) -> int:
    """The 1-based line where `needle` first occurs in `text`."""
    return text.count("\n", 0, text.index(needle)) + 1


Derive = Callable[..., tuple[str, int]]


@pytest.fixture(scope="session")
def derive(mini_text: str) -> Derive:
    """derive(old, new, at=None): mini.yaml's text with `old` (once in it) replaced by `new`.

    Returns the text and the line where `at` stands: found inside `new` when it is part of
    it (default: where `new` begins), else its first occurrence in the new text. Tests name
    the line an error must point at this way, without hard-coding the layout of mini.yaml.
    """

    def make(old: str, new: str, at: str | None = None) -> tuple[str, int]:
        assert mini_text.count(old) == 1, f"{old!r} must occur exactly once in mini.yaml"
        text = mini_text.replace(old, new)
        target = new if at is None else at
        if target in new:
            return text, text.count("\n", 0, mini_text.index(old) + new.index(target)) + 1
        return text, line_of(text, target)

    return make


@pytest.fixture
def bad_deck(derive: Derive, tmp_path: Path) -> BadDeck:
    """bad_deck(old, new, at=None, name="deck.yaml"): `derive`, written to a file in tmp_path."""

    def make(old: str, new: str, at: str | None = None, name: str = "deck.yaml") -> tuple[Path, int]:
        text, line = derive(old, new, at)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path, line

    return make
