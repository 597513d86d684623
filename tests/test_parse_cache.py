"""A large deck is parsed once per edit: later runs read the parse back, and see the same deck."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import RunCli
from rutw_quiz.deck import parse_cache
from rutw_quiz.deck.loader import read_deck_file

PADDING = "# " + "a note the teacher kept " * 40 + "\n"


def large(mini_text: str) -> str:
    """mini.yaml grown past the cache's threshold by comments, so its lines stay meaningful."""
    lines = PADDING * (parse_cache.MIN_CACHED_CHARS // len(PADDING) + 1)
    return mini_text.replace("facts:\n", "facts:\n" + lines, 1)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(parse_cache.ENV_FOLDER, str(folder))
    return folder


def refused(what: str) -> Callable[..., None]:
    """A stand-in for a step a cached deck must skip: the test fails, saying `what`, if it runs."""

    def step(*_: object, **__: object) -> None:
        raise AssertionError(what)

    return step


@pytest.fixture
def deck_file(tmp_path: Path, mini_text: str, mini_deck_path: Path) -> Path:
    path = tmp_path / "large.yaml"  # its quotes are checked against the mini deck's sources
    path.write_text(large(mini_text), encoding="utf-8")
    (tmp_path / "sources").symlink_to(mini_deck_path.parent / "sources")
    return path


def test_a_second_load_reads_the_parse_back_and_gives_the_same_deck(
    cache: Path, deck_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_deck_file(deck_file).deck
    assert len(list(cache.glob("*.json"))) == 1
    monkeypatch.setattr(parse_cache, "parse_yaml", refused("parsed again"))
    monkeypatch.setattr(parse_cache, "read_yaml", refused("parsed again"))
    assert read_deck_file(deck_file).deck == first


def test_an_edited_deck_is_parsed_afresh(cache: Path, deck_file: Path) -> None:
    read_deck_file(deck_file)
    deck_file.write_text(deck_file.read_text().replace("(mini)", "(edited)", 1))
    assert read_deck_file(deck_file).deck.title == "The Solar System (edited)"
    assert len(list(cache.glob("*.json"))) == 2


def test_a_damaged_entry_is_parsed_again_and_replaced(cache: Path, deck_file: Path) -> None:
    expected = read_deck_file(deck_file).deck
    (entry,) = cache.glob("*.json")
    for damage in ("{not json", '{"data": 3}', "[]", "", "[" * 100_000):
        entry.write_text(damage)
        assert read_deck_file(deck_file).deck == expected
        assert json.loads(entry.read_text())["data"]["id"] == "solar-mini"


def test_a_cache_that_cannot_be_written_leaves_loading_working(
    tmp_path: Path, deck_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv(parse_cache.ENV_FOLDER, str(blocker / "decks"))
    assert read_deck_file(deck_file).deck.id == "solar-mini"


def test_off_turns_the_cache_off(tmp_path: Path, deck_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parse_cache.ENV_FOLDER, "off")
    monkeypatch.chdir(tmp_path)
    read_deck_file(deck_file)
    assert parse_cache.cache_folder() is None
    assert not list(tmp_path.rglob("*.json"))


def test_only_the_newest_entries_are_kept(cache: Path, deck_file: Path) -> None:
    text = deck_file.read_text()
    for n in range(parse_cache.KEPT_ENTRIES + 3):
        deck_file.write_text(text.replace("(mini)", f"(mini {n})"))
        read_deck_file(deck_file)
    assert len(list(cache.glob("*.json"))) == parse_cache.KEPT_ENTRIES


def test_kept_lines_go_with_their_entry(cache: Path, deck_file: Path) -> None:
    with_problem(deck_file)
    problem_lines(deck_file)
    problem_lines(deck_file)
    (kept,) = cache.glob("*.lines")
    text = deck_file.read_text()
    for n in range(parse_cache.KEPT_ENTRIES):
        deck_file.write_text(text.replace("(mini)", f"(mini {n})"))
        problem_lines(deck_file)
    assert not kept.exists(), "the oldest entry was dropped with its lines"


def test_a_small_deck_is_never_cached(cache: Path, mini_deck_path: Path) -> None:
    read_deck_file(mini_deck_path)
    assert not cache.exists()


def test_a_deck_read_back_reports_its_problems_at_the_same_lines(
    run_cli: RunCli, tmp_path: Path, deck_file: Path
) -> None:
    """A problem found after a cached parse is placed where the text has it."""
    text = deck_file.read_text()
    deck_file.write_text(text.replace("answer: Jupiter", "answer: Jupiter\n    kind_of: planet", 1))
    env = {parse_cache.ENV_FOLDER: str(tmp_path / "cache")}
    first = run_cli("validate", deck_file, env=env)
    assert list((tmp_path / "cache").glob("*.json")), "the first run keeps the parse"
    second = run_cli("validate", deck_file, env=env)
    assert first.returncode == second.returncode == 1
    assert first.stderr == second.stderr
    line = deck_file.read_text().splitlines().index("    kind_of: planet") + 1
    assert f"large.yaml:{line}:" in second.stderr


def with_problem(deck_file: Path) -> int:
    """Give the deck a fact with an unknown field; the line it is on."""
    text = deck_file.read_text().replace("answer: Jupiter", "answer: Jupiter\n    kind_of: planet", 1)
    deck_file.write_text(text)
    return text.splitlines().index("    kind_of: planet") + 1


def problem_lines(deck_file: Path) -> list[int]:
    from rutw_quiz.errors import DeckError

    with pytest.raises(DeckError) as raised:
        read_deck_file(deck_file)
    return [p.line for p in raised.value.problems]


def test_the_lines_of_a_deck_with_problems_are_kept_beside_its_parse(
    cache: Path, deck_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A teacher fixing a large deck runs validate again and again: its lines are read back too."""
    line = with_problem(deck_file)
    first = problem_lines(deck_file)
    assert line in first
    assert len(list(cache.glob("*.lines"))) == 1, "the first run, which needed the lines, kept them"
    from rutw_quiz.deck import yaml_source

    monkeypatch.setattr(yaml_source, "_read_events", refused("the text read again for its lines"))
    monkeypatch.setattr(yaml_source, "_compose", refused("the text read again for its lines"))
    assert problem_lines(deck_file) == first


@pytest.mark.parametrize(
    "extra",
    [
        "updated: 2026-12-07",
        "1: one",
        "true: yes",
        "null: none",
        "1.5: half",
        "ratio: .nan",
        "raw: !!binary aGk=",
    ],
)
def test_a_parse_json_would_change_is_not_kept(cache: Path, deck_file: Path, extra: str) -> None:
    """A date, or a number, true/false or null as a key, would come back from JSON as text; NaN
    as a number not equal to itself; bytes (read by PyYAML's composer) not at all."""
    from rutw_quiz.errors import DeckError

    deck_file.write_text(f"{extra}\n{deck_file.read_text()}")
    messages = []
    for _ in range(2):
        with pytest.raises(DeckError) as raised:
            read_deck_file(deck_file)
        messages.append([p.message for p in raised.value.problems])
    assert messages[0] == messages[1]
    assert not list(cache.glob("*.json"))


def test_a_deck_that_is_no_mapping_is_read_back_too(
    cache: Path, deck_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its one problem is found again without reading the YAML again."""
    from rutw_quiz.errors import DeckError

    deck_file.write_text("- " + deck_file.read_text().replace("\n", "\n  "))
    messages = []
    for _ in range(2):
        with pytest.raises(DeckError) as raised:
            read_deck_file(deck_file)
        messages.append([str(p) for p in raised.value.problems])
        monkeypatch.setattr(parse_cache, "read_yaml", refused("parsed again"))
    assert messages[0] == messages[1]
    assert "the top level must be a mapping" in messages[0][0]


def test_lines_are_kept_only_when_a_run_needs_them(cache: Path, deck_file: Path) -> None:
    read_deck_file(deck_file, warn=True)  # what validate reads a deck with, before any message
    assert list(cache.glob("*.json"))
    assert not list(cache.glob("*.lines")), "a deck with nothing to report needs no lines"


@pytest.mark.parametrize(
    "damage",
    ["{not json", "3", '"text"', '[1, {"facts": "x"}]', "[]", "", "[" * 100_000, "KIND_OF:[]", "KIND_OF:{}"],
)
def test_damaged_kept_lines_are_made_again_and_replaced(cache: Path, deck_file: Path, damage: str) -> None:
    with_problem(deck_file)
    first = problem_lines(deck_file)
    problem_lines(deck_file)
    (kept,) = cache.glob("*.lines")
    whole = kept.read_text()
    if damage.startswith("KIND_OF:"):  # the very value a problem names made a list or mapping
        damage = re.sub(r'"kind_of":\d+', '"kind_of":' + damage.removeprefix("KIND_OF:"), whole)
        assert damage != whole
    kept.write_text(damage)
    assert problem_lines(deck_file) == first
    assert kept.read_text() == whole


def test_a_deck_checked_once_without_problems_is_not_checked_again(
    cache: Path, deck_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rutw_quiz.deck import loader

    first = read_deck_file(deck_file).deck
    assert len(list(cache.glob("*.checked"))) == 1
    monkeypatch.setattr(loader, "deck_findings", refused("checked again"))
    assert read_deck_file(deck_file).deck == first


def test_a_deck_with_a_problem_is_checked_every_time(cache: Path, deck_file: Path) -> None:
    from rutw_quiz.errors import DeckError

    deck_file.write_text(deck_file.read_text().replace("topics: [planets]", "topics: [moons]", 1))
    for _ in range(2):
        with pytest.raises(DeckError, match="topic 'moons' is not declared"):
            read_deck_file(deck_file)
    assert list(cache.glob("*.json"))
    assert not list(cache.glob("*.checked"))


def test_a_write_cut_short_by_a_kill_is_cleared_away_later(cache: Path, deck_file: Path) -> None:
    cache.mkdir()
    left = cache / ".abandoned.tmp"
    left.write_text('{"data": ')
    os.utime(left, (1, 1))  # long ago
    fresh = cache / ".being-written.tmp"
    fresh.write_text('{"data": ')
    read_deck_file(deck_file)
    assert not left.exists()
    assert fresh.exists(), "another run may be writing it now"


def _paths(value: object, at: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every value's path in parsed data, with a few beyond each: where problems may point."""
    found = [at, (*at, "nope"), (*at, 0), (*at, 99)]
    if isinstance(value, dict):
        found += [p for k, v in value.items() for p in _paths(v, (*at, k))]
    elif isinstance(value, list):
        found += [p for i, v in enumerate(value) for p in _paths(v, (*at, i))]
    return found


def test_kept_lines_place_every_value_as_the_text_does(mini_text: str) -> None:
    """The lines read back from the cache, those the reader records and those it finds later
    from the text, and PyYAML's composer's: the same line for every value and beyond."""
    from rutw_quiz.deck.yaml_source import LineMap, _compose, line_in_tree, parse_yaml

    text = large(mini_text)
    data, recorded, _ = parse_yaml(text, record_lines=True)
    kept = json.loads(json.dumps(recorded.tree))
    later, composed = LineMap(text=text), _compose(text)[1]
    paths = _paths(data)
    assert len(paths) > 500
    for path in paths:
        line = recorded.line_of(path)
        assert line_in_tree(kept, path) == later.line_of(path) == composed.line_of(path) == line, path
    assert recorded.line_of(("facts", 3, "answer")) == text.splitlines().index('    answer: "1846"') + 1
