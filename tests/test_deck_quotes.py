"""`validate --sources DIR`: every evidence quote must occur verbatim in its source's text file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import BadDeck, RunCli, line_of
from rutw_quiz.deck import quote_problems, read_deck_file


@pytest.fixture
def sources(mini_sources_dir: Path, tmp_path: Path) -> Path:
    """A writable copy of the mini deck's source texts."""
    folder = tmp_path / "texts"
    shutil.copytree(mini_sources_dir, folder)
    return folder


def test_the_mini_deck_quotes_are_all_found_in_its_source(
    run_cli: RunCli, mini_deck_path: Path, mini_sources_dir: Path
) -> None:
    result = run_cli("validate", mini_deck_path, "--sources", mini_sources_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{mini_deck_path}: ok, 17 facts and quotes checked against {mini_sources_dir}\n"


def test_a_changed_quote_is_reported_naming_the_fact_and_the_file(
    run_cli: RunCli, bad_deck: BadDeck, mini_sources_dir: Path
) -> None:
    path, line = bad_deck(
        "quote: Saturn is famous for its rings}", "quote: Saturn is famous for its many rings}", at="quote"
    )
    result = run_cli("validate", path, "--sources", mini_sources_dir)
    assert result.returncode == 1
    assert result.stderr == (
        f"{path}:{line}: facts[2] (ringed-planet).source.quote: quote of fact 'ringed-planet' not found "
        f"verbatim in {mini_sources_dir / 'solar.txt'}; copy it exactly from the source\n"
    )
    assert "Traceback" not in result.stderr


def test_without_sources_the_quotes_are_not_checked(run_cli: RunCli, bad_deck: BadDeck) -> None:
    path, _ = bad_deck(
        "quote: Saturn is famous for its rings}", "quote: Saturn is famous for its many rings}"
    )
    assert run_cli("validate", path).returncode == 0


SENTENCE = "Mercury is the planet closest to the Sun."


@pytest.mark.parametrize(
    ("in_source", "in_deck"),
    [
        (SENTENCE, "Mercury is the  planet\n   closest to the Sun. "),
        (
            "\u201cMercury\u201d is the planet closest to the Sun.",
            '"Mercury" is the planet closest to the Sun.',
        ),
        (
            '"Mercury" is the planet closest to the Sun.',
            "\u201cMercury\u201d is the planet closest to the Sun.",
        ),
        ("Mercury\u2019s orbit is the closest to the Sun.", "Mercury's orbit is the closest to the Sun."),
        ("Mercury \u2013 the planet closest to the Sun.", "Mercury - the planet closest to the Sun."),
        ("Mercury \u2014 the planet closest to the Sun.", "Mercury \u2013 the planet closest to the Sun."),
    ],
    ids=["whitespace", "curly-in-source", "curly-in-deck", "apostrophe", "en-dash", "em-dash"],
)
def test_spacing_dash_and_quote_mark_styles_do_not_matter(
    run_cli: RunCli, bad_deck: BadDeck, sources: Path, in_source: str, in_deck: str
) -> None:
    solar = sources / "solar.txt"
    solar.write_text(solar.read_text().replace(SENTENCE, in_source))
    # A JSON string is a YAML double-quoted scalar: escapes keep the marks exactly as written.
    path, _ = bad_deck(f"quote: {SENTENCE}}}", f"quote: {json.dumps(in_deck)}}}")
    result = run_cli("validate", path, "--sources", sources)
    assert result.returncode == 0, result.stderr


def test_a_quote_across_a_line_break_of_the_source_is_found(mini_text: str, mini_sources_dir: Path) -> None:
    """The mini deck relies on it: this quote spans two lines of solar.txt."""
    quote = "Galileo Galilei observed four moons of Jupiter in January 1610"
    assert f"quote: {quote}}}" in mini_text
    assert "observed four moons of\nJupiter" in (mini_sources_dir / "solar.txt").read_text()


def test_case_and_spelling_differences_are_not_tolerated(
    run_cli: RunCli, bad_deck: BadDeck, mini_sources_dir: Path
) -> None:
    path, line = bad_deck("quote: Neptune was discovered in 1846}", "quote: neptune was discovered in 1846}")
    result = run_cli("validate", path, "--sources", mini_sources_dir)
    assert result.returncode == 1
    assert f"{path}:{line}: facts[3] (neptune-discovery).source.quote: quote of fact 'neptune-discovery'" in (
        result.stderr
    )


def test_a_missing_source_file_is_reported_at_the_sources_file_key(
    run_cli: RunCli, mini_deck_path: Path, mini_text: str, tmp_path: Path
) -> None:
    empty = tmp_path / "texts"
    empty.mkdir()
    result = run_cli("validate", mini_deck_path, "--sources", empty)
    assert result.returncode == 1
    assert result.stderr == (
        f"{mini_deck_path}:{line_of(mini_text, 'file: solar.txt')}: "
        f"sources[0].file: source text {empty / 'solar.txt'} is not found\n"
    )


def test_a_source_text_saved_in_another_encoding_says_to_save_it_as_utf8(
    run_cli: RunCli, mini_deck_path: Path, mini_sources_dir: Path, mini_text: str, tmp_path: Path
) -> None:
    """A text saved as UTF-16 (Windows Notepad's 'Unicode') is named, with what to do about it."""
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "solar.txt").write_text(
        (mini_sources_dir / "solar.txt").read_text(encoding="utf-8"), encoding="utf-16"
    )
    result = run_cli("validate", mini_deck_path, "--sources", texts)
    assert result.returncode == 1
    assert result.stderr == (
        f"{mini_deck_path}:{line_of(mini_text, 'file: solar.txt')}: "
        f"sources[0].file: source text {texts / 'solar.txt'} is not UTF-8 text (invalid start byte at byte 0); "
        "save it as UTF-8 (in a text editor: Save As, encoding UTF-8)\n"
    )


def test_a_source_without_a_file_key_cannot_be_checked(
    run_cli: RunCli, bad_deck: BadDeck, sources: Path
) -> None:
    path, line = bad_deck("    file: solar.txt\n", "", at="  - id: solar")
    result = run_cli("validate", path, "--sources", sources)
    assert result.returncode == 1
    assert result.stderr == (
        f"{path}:{line}: sources[0]: source 'solar' has no `file`, so its quotes cannot be checked; "
        "add the file name of its text\n"
    )


def test_a_sources_folder_that_does_not_exist_is_refused_by_the_option(
    run_cli: RunCli, mini_deck_path: Path, tmp_path: Path
) -> None:
    result = run_cli("validate", mini_deck_path, "--sources", tmp_path / "nowhere")
    assert result.returncode == 2
    assert "--sources" in result.stderr
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_library_check_returns_the_same_problems(bad_deck: BadDeck, mini_sources_dir: Path) -> None:
    path, line = bad_deck("quote: Mars has 2 small moons.}", "quote: Mars has two small moons.}", at="quote")
    [problem] = quote_problems(read_deck_file(path), mini_sources_dir)
    assert (problem.line, problem.location) == (line, "facts[8] (mars-moons).source.quote")


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd"])
def test_a_source_file_outside_the_sources_folder_is_never_read(
    run_cli: RunCli, bad_deck: BadDeck, sources: Path, name: str
) -> None:
    path, line = bad_deck("file: solar.txt", f"file: {name}", at="file")
    result = run_cli("validate", path, "--sources", sources)
    assert result.returncode == 1
    assert f"{path}:{line}: sources[0].file: source text '{name}' leads out of {sources}" in result.stderr
    assert "Traceback" not in result.stderr and "ok" not in result.stdout


def test_a_source_file_that_is_not_a_regular_file_is_refused(
    run_cli: RunCli, bad_deck: BadDeck, sources: Path
) -> None:
    (sources / "fifo.txt").unlink(missing_ok=True)
    import os

    os.mkfifo(sources / "fifo.txt")
    path, _ = bad_deck("file: solar.txt", "file: fifo.txt")
    result = run_cli("validate", path, "--sources", sources)
    assert result.returncode == 1
    assert f"{sources.resolve() / 'fifo.txt'} is not a regular file" in result.stderr


def test_a_text_beside_the_deck_is_checked_without_sources(
    run_cli: RunCli, bad_deck: BadDeck, mini_sources_dir: Path
) -> None:
    path, line = bad_deck(
        "quote: Saturn is famous for its rings}", "quote: Saturn is famous for its many rings}", at="quote"
    )
    shutil.copy(mini_sources_dir / "solar.txt", path.parent / "solar.txt")
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert (
        f"{path}:{line}: facts[2] (ringed-planet).source.quote: quote of fact 'ringed-planet' not found"
        in (result.stderr)
    )
