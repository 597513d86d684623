"""`rutw-quiz draft` with option values and file names a deck cannot hold, run as an author runs it.

Every refusal is a usage error that says what a value must look like; whatever draft does write,
`validate` accepts, and the deck never lands on the text it quotes (nor the text on the deck or
on the source).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from rutw_quiz.cli import cli
from rutw_quiz.deck.models import Deck

COMMAND = str(Path(sys.executable).with_name("rutw-quiz"))
ARTICLE = Path(__file__).resolve().parents[1] / "decks" / "russia_taiwan.wikipedia.txt"


def run(*args: str | bytes, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COMMAND, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def validated(deck: Path) -> str:
    """What `validate` says of a drafted deck, asserting it accepts it."""
    checked = run("validate", deck.name, cwd=deck.parent)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "the quotes of 1 of 1 sources checked" in checked.stdout
    return checked.stdout


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("-o", "", "is empty; give the deck a file name"),
        ("-o", "-", "cannot go to standard output; give the deck a file name"),
        ("-o", "d\nlanguage: fr\n#.yaml", "holds U+000A"),
        ("--id", "Bad Id", "is not a deck id: a deck id is a slug, lowercase letters a-z and digits"),
        ("--id", "a--b", "e.g. 'a-b'"),
        ("--id", "x" * 81, "at most 80 characters"),
        ("--language", "", "is not a language tag as a deck writes it"),
        ("--language", "xx-!!", "e.g. 'en', 'fr' or 'pt-BR'"),
        ("--title", "a\x1bb", "control character U+001B (ESC) in the text; remove it"),
        ("--title", "   ", "it is blank; give a value or leave the option out"),
        ("--publisher", "a\x07b", "control character U+0007 in the text"),
        ("--publisher", "a\ufffeb", "U+FFFE in the text is not a character"),
        ("--license", "CC\x9bBY", "control character U+009B"),
    ],
)
def test_a_value_a_deck_cannot_hold_is_a_usage_error_saying_what_it_must_look_like(
    tmp_path: Path, option: str, value: str, said: str
) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.read_bytes())
    args = ["draft", "a.txt", "-o", "deck.yaml", option, value]
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert said in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no deck, no file called '-'


def test_a_value_that_is_not_utf8_is_refused_naming_the_byte(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.read_bytes())
    for option, said in [
        (b"--url", "not UTF-8 text (it holds the byte \\x85)"),
        (b"--title", "not UTF-8 text (it holds the byte \\x85)"),
        (b"-o", "not UTF-8 text (it holds the byte \\x85)"),
        (b"--id", "'a\\x85b' is not a deck id"),
        (b"--language", "'a\\x85b' is not a language tag"),
    ]:
        done = run("draft", "a.txt", "-o", "deck.yaml", option, b"a\x85b", cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert said in " ".join(done.stderr.split())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_ids_and_languages_the_draft_takes_are_those_validate_takes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.read_bytes())
    done = run("draft", "a.txt", "-o", "deck.yaml", "--id", "rt-2", "--language", "pt-BR", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load((tmp_path / "deck.yaml").read_text(encoding="utf-8"))
    assert (data["id"], data["language"]) == ("rt-2", "pt-BR")
    validated(tmp_path / "deck.yaml")


def _deck_accepts(key: str, value: str) -> bool:
    """Whether the deck model takes `value` as a deck's `key` (its other keys missing is no matter)."""
    try:
        Deck.model_validate({key: value})
    except ValidationError as error:
        return all(problem["loc"] != (key,) for problem in error.errors())
    return True


@settings(max_examples=150, deadline=None)
@given(
    value=st.one_of(
        st.from_regex(r"[a-zA-Z0-9 _-]{0,90}", fullmatch=True),
        st.from_regex(r"[a-z]{1,4}(-[A-Za-z0-9!]{1,9}){0,3}", fullmatch=True),
        st.text(max_size=12),
    )
)
def test_draft_refuses_an_id_or_language_exactly_when_the_deck_model_does(value: str) -> None:
    """Through the command on a missing source: a value it takes fails later, on the source (exit 1)."""
    runner = CliRunner()
    for option, key in (("--id", "id"), ("--language", "language")):
        done = runner.invoke(cli, ["draft", "no-such-text.txt", "-o", "d.yaml", option, value])
        assert isinstance(done.exception, SystemExit), done.exception
        assert done.exit_code in (1, 2), done.output
        assert (done.exit_code == 2) == (not _deck_accepts(key, value)), (option, value, done.output)


def test_a_text_named_like_the_deck_gets_a_copy_of_its_own(tmp_path: Path) -> None:
    """`draft src/deck.yaml --format text -o out/deck.yaml`: a copy named deck.yaml would be the deck."""
    (tmp_path / "src").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "src" / "deck.yaml").write_bytes(ARTICLE.read_bytes())
    done = run("draft", "src/deck.yaml", "--format", "text", "-o", "out/deck.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load((tmp_path / "out" / "deck.yaml").read_text(encoding="utf-8"))
    assert data["facts"]
    copy = data["sources"][0]["file"]
    assert copy == "deck.txt"
    assert "the text they quote is out/deck.txt" in done.stderr
    assert (tmp_path / "out" / copy).read_bytes() == ARTICLE.read_bytes()
    assert (tmp_path / "src" / "deck.yaml").read_bytes() == ARTICLE.read_bytes()
    validated(tmp_path / "out" / "deck.yaml")


def test_a_deck_named_like_its_text_copy_keeps_both(tmp_path: Path) -> None:
    """`draft art.md -o art.txt`: the deck goes where -o says, the text to art.source.txt."""
    (tmp_path / "art.md").write_text("# Russia and Taiwan\n\n" + ARTICLE.read_text(encoding="utf-8"))
    done = run("draft", "art.md", "-o", "art.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load((tmp_path / "art.txt").read_text(encoding="utf-8"))
    assert data["sources"][0]["file"] == "art.source.txt"
    assert "**" not in (tmp_path / "art.source.txt").read_text(encoding="utf-8")
    assert "Traceback" not in validated(tmp_path / "art.txt")


def test_the_plain_text_of_a_markdown_source_is_never_its_source(tmp_path: Path) -> None:
    """Markdown in notes.txt, read as Markdown: its plain text cannot be notes.txt, the file it came from."""
    text = ARTICLE.read_text(encoding="utf-8").replace("Korean War", "**Korean War**")
    (tmp_path / "notes.txt").write_text(text, encoding="utf-8")
    done = run("draft", "notes.txt", "--format", "markdown", "-o", "notes.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == text
    data = yaml.safe_load((tmp_path / "notes.yaml").read_text(encoding="utf-8"))
    assert data["sources"][0]["file"] == "notes.source.txt"
    assert any("Korean War" in f["source"]["quote"] for f in data["facts"])
    validated(tmp_path / "notes.yaml")


def test_a_file_name_with_line_breaks_stays_inside_the_comment(tmp_path: Path) -> None:
    name = "x\nlanguage: fr\n#\u2028id: y.txt"
    (tmp_path / name).write_bytes(ARTICLE.read_bytes())
    done = run("draft", name, "-o", "nl.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "nl.yaml").read_text(encoding="utf-8")
    first = written.splitlines()[0]
    assert first.startswith(
        "# A first deck drafted by `rutw-quiz draft` from x\\x0alanguage: fr\\x0a#\\u2028id"
    )
    data = yaml.safe_load(written)
    assert (data["id"], data["language"]) == ("russia-taiwan-relations", "en")
    assert data["sources"][0]["file"] == "nl.txt"  # a deck cannot name the text by its own name
    assert (tmp_path / "nl.txt").read_bytes() == ARTICLE.read_bytes()
    validated(tmp_path / "nl.yaml")


def test_a_deck_name_whose_links_lead_round_in_a_loop_is_refused_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE.read_bytes())
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    done = run("draft", "a.txt", "-o", "loop.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert "loop.yaml: cannot write: Too many levels of symbolic links" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_source_name_with_escape_sequences_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    missing = run("draft", "q\x1b[2Jz.txt", "-o", "d.yaml", cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.startswith("q\\x1b[2Jz.txt: no such file")
    (tmp_path / "q\x1b[2Jz.txt").write_bytes(ARTICLE.read_bytes())
    done = run("draft", "q\x1b[2Jz.txt", "-o", "d.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stderr and "\x1b" not in (tmp_path / "d.yaml").read_text(encoding="utf-8")
    validated(tmp_path / "d.yaml")
