"""A long deck read in two halves at once reads exactly as the whole text does: the same data, in
the same key order, the same lines and problems, or the same error."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rutw_quiz import parallel
from rutw_quiz.deck import yaml_source
from rutw_quiz.deck.yaml_halves import facts_halves
from rutw_quiz.deck.yaml_source import ParsedYaml, YamlSourceError, read_yaml

REPO = Path(__file__).resolve().parents[1]

# Fact items as a deck's author might write them, `{i}` the item's indent. Several hold lines that
# look like the start of an item but are not (inside quotes and [...] lists running over lines);
# some make the whole text fail (an alias, a second document), some give problems (a repeated
# key, an escaped control character), some values JSON would change (a date, NaN).
ITEMS = (
    "{i}- id: plain\n{i}  statement: The harbour opened.\n",
    '{i}- id: quoted\n{i}  statement: "A quoted value\n{i}- running over lines"\n',
    "{i}- id: single\n{i}  statement: 'single\n{i}- quoted'\n",
    "{i}- id: flow\n{i}  tags: [a,\n{i}- b]\n",
    "{i}- id: block\n{i}  statement: |\n{i}    first line\n{i}    - not an item\n\n{i}    # not a comment\n",
    "{i}- id: folded\n{i}  statement: >-\n{i}    folded\n{i}    text\n",
    "# a comment at the edge\n{i}- id: after-comment\n",
    "{i}  # an indented comment\n{i}- id: indented-comment\n",
    "{i}- id: twice\n{i}  id: again\n",
    '{i}- id: bell\n{i}  statement: "ring \\a"\n',
    "{i}- id: dated\n{i}  when: 2024-05-01\n",
    "{i}- id: nan\n{i}  figure: .nan\n",
    "{i}- id: number-key\n{i}  1: one\n",
    "{i}- id: anchor\n{i}  statement: &a anchored\n",
    "{i}- id: alias\n{i}  statement: *a\n",
    "{i}- id: tagged\n{i}  statement: !!str 12\n",
    "{i}- id: mapping-tag\n{i}  more: !!map {{a: 1}}\n",
    "{i}- id: a-set\n{i}  more: !!set {{a, b}}\n",
    "{i}-\n{i}  id: dash-alone\n",
    "{i}- - nested\n{i}  - list\n",
    "{i}- plain scalar item\n",
    '{i}- id: key-in-quotes\n{i}  statement: "a value\nfacts:\n{i}  - that looks like a list"\n',
    "{i}- id: nested-list\n{i}  tags:\n{i}  - a\n{i}  - b\n",
    "{i}- id: line-separator # a comment\u2028with a line end libyaml counts\n",
    '{i}- id: paragraph-separator\n{i}  statement: "one\u2029two"\n',
    "{i}- id: twice-again\n{i}  k: 1\n{i}  k: 2\n",
    '{i}- id: key-then-list\n{i}  statement: "a value\nfacts:\n{i}  - in quotes"\n{i}  tags:\n{i}  - a\n{i}  - b\n',
)
KEYS = ("facts: # the list\n", '"facts":\n')
AFTER = ("", "extra: 1\n", "---\nsecond: doc\n", "...\n", " bad: indent\n", "facts:\n- again\n")
HEAD = (
    "id: d\ntitle: T\n",
    "id: d\nfacts: [early]\ntitle: T\n",
    "%YAML 1.1\n---\nid: d\n",
    "%TAG !e! tag:example.com,2000:\n---\nid: !e!x d\n",
    "%TAG !! tag:example.com,2000:\n---\nid: d\n",
    'description: "a quoted value\nfacts:\n- inside it"\n',
)


def whole(text: str, record_lines: bool) -> ParsedYaml | str:
    """What reading the text in one piece makes, or its error."""
    try:
        return yaml_source._read_events(text, record_lines=record_lines)
    except (yaml_source._Unusual, YamlSourceError, yaml.YAMLError) as error:
        return type(error).__name__


def in_halves(text: str, share: float, record_lines: bool) -> ParsedYaml | str:
    """What the reader makes of the text cut at `share`, in this process, or its error."""
    with (
        mock.patch.object(yaml_source, "HEAD_SHARE", share),
        mock.patch.object(parallel, "MIN_FACTS", 0),
        mock.patch.object(yaml_source, "_halves_repay", lambda _: True),
        mock.patch.dict(os.environ, {parallel.ENV_WORKERS: "1"}),  # the tail read here, after the head
    ):
        try:
            return yaml_source._read_events_in_halves(text, record_lines)
        except (yaml_source._Unusual, YamlSourceError, yaml.YAMLError) as error:
            return type(error).__name__


def made(read: ParsedYaml, record_lines: bool) -> tuple[object, ...]:
    lines = read.lines.tree if record_lines else "not asked"
    return read.data, list(read.data), lines, read.problems, bool(read.plain_json)


@settings(max_examples=400, deadline=None)
@given(
    head=st.sampled_from(HEAD),
    key=st.sampled_from(KEYS),
    indent=st.sampled_from(("", "  ", "    ")),
    items=st.lists(st.sampled_from(ITEMS), min_size=2, max_size=8),
    after=st.sampled_from(AFTER),
    crlf=st.booleans(),
    share=st.floats(0.0, 1.0),
    record_lines=st.booleans(),
)
def test_a_deck_read_in_halves_reads_as_the_whole_text_does(
    head: str,
    key: str,
    indent: str,
    items: list[str],
    after: str,
    crlf: bool,
    share: float,
    record_lines: bool,
) -> None:
    text = head + key + "".join(item.format(i=indent) for item in items) + after
    if crlf:
        text = text.replace("\n", "\r\n")
    from_halves, from_whole = in_halves(text, share, record_lines), whole(text, record_lines)
    if isinstance(from_whole, str) or isinstance(from_halves, str):
        assert from_halves == from_whole
    else:
        assert made(from_halves, record_lines) == made(from_whole, record_lines)


def test_a_plain_deck_is_cut_at_a_fact_near_the_share_asked_for() -> None:
    text = "id: d\nfacts:\n" + "".join(f"- id: f{n}\n  statement: s{n}\n" for n in range(100))
    halves = facts_halves(text, 0.5)
    assert halves is not None and halves.items == 100
    assert halves.tail.lstrip("\n").startswith("facts:\n")
    assert halves.tail.split("facts:\n")[1].lstrip("\n").startswith("- id: f")
    assert abs(len(halves.head) - len(text) / 2) < 40
    assert halves.tail.count("\n") == text.count("\n")  # every line keeps its number
    assert halves.tail.splitlines()[halves.head.count("\n")] == text.splitlines()[halves.head.count("\n")]


@pytest.mark.parametrize(
    "text",
    [
        "id: d\nfacts:\n- a\n- b\nlater: key\n",  # a key after the list
        "id: d\nfacts:\n  - a\n  - b\n - c\n",  # a line left of the items
        "id: d\nfacts: [a,\n b]\n",  # no block list
        "id: d\nfacts:\n- a\n---\n- b\n",  # a second document
    ],
)
def test_a_text_whose_cut_could_change_its_meaning_is_not_cut(text: str) -> None:
    assert facts_halves(text, 0.0) is None


@pytest.mark.parametrize(
    "text",
    [
        # libyaml counts U+2028 as a line end: the tail's lines would all be one off.
        "id: d\nfacts:\n- a # x\u2028\n- {k: 1, k: 2}\n",
        # The directive makes !!str another tag in the tail too: the whole text is refused.
        "%TAG !! tag:example.com,2000:\n---\nid: d\nfacts:\n- a\n- !!str 12\n",
    ],
)
@pytest.mark.parametrize("record_lines", [False, True])
def test_what_a_cut_would_change_is_read_whole(text: str, record_lines: bool) -> None:
    """Two texts a helper's review found read differently in halves (found by its own fuzzing)."""
    assert facts_halves(text, 0.5) is None
    from_halves, from_whole = in_halves(text, 0.5, record_lines), whole(text, record_lines)
    if isinstance(from_whole, str) or isinstance(from_halves, str):
        assert from_halves == from_whole
    else:
        assert made(from_halves, record_lines) == made(from_whole, record_lines)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read even a small deck in halves, in two processes."""
    if not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2:
        pytest.skip("processes are forked on Linux only, and need two cores to be used here")
    if threading.active_count() > 1:
        pytest.skip("a thread runs in this test process: nothing is forked then")
    monkeypatch.setattr(parallel, "MIN_FACTS", 0)
    monkeypatch.setattr(yaml_source, "_MIN_HALVES_CHARS", 0)
    monkeypatch.setenv(parallel.ENV_WORKERS, "2")


def long_deck(facts: int) -> str:
    return (REPO / "decks" / "russia_taiwan.yaml").read_text(encoding="utf-8") + "".join(
        f"  - id: extra-{n}\n    statement: 'Extra fact {n}, with a colon: here'\n    answer: A{n}\n"
        for n in range(facts)
    )


@pytest.mark.parametrize("record_lines", [False, True])
def test_a_long_deck_is_read_in_a_worker_and_its_halves_joined(
    forking: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record_lines: bool
) -> None:
    text = long_deck(300)
    marks = tmp_path / "tails"
    read_tail = yaml_source._read_tail

    def marked(tail: str, lines: bool) -> object:
        marks.write_text(str(os.getpid()))
        return read_tail(tail, lines)

    monkeypatch.setattr(yaml_source, "_read_tail", marked)
    read = read_yaml(text, record_lines=record_lines)
    assert marks.read_text() != str(os.getpid()), "the tail was not read in a worker"
    assert made(read, record_lines) == made(
        yaml_source._read_events(text, record_lines=record_lines), record_lines
    )
    assert read.lines.line_of(("facts", len(read.data["facts"]) - 1, "answer")) == text.count("\n")


@pytest.mark.parametrize(("broken", "where"), [(0, "head"), (999, "tail")])
def test_an_error_in_either_half_is_reported_as_for_the_whole_text(
    forking: None, monkeypatch: pytest.MonkeyPatch, broken: int, where: str
) -> None:
    quoted = f"'Extra fact {broken}, with a colon: here'"
    text = long_deck(1000).replace(quoted, quoted[:-1], 1)  # the quote left open
    halves = facts_halves(text, yaml_source.HEAD_SHARE)
    assert halves is not None and quoted[:-1] + "\n" in getattr(halves, where)
    with pytest.raises(YamlSourceError) as in_halves:
        read_yaml(text)
    monkeypatch.setattr(yaml_source, "HEAD_SHARE", 2.0)  # no cut: the text is read whole
    with pytest.raises(YamlSourceError) as at_once:
        read_yaml(text)
    assert (in_halves.value.line, in_halves.value.message) == (at_once.value.line, at_once.value.message)


def test_a_tail_needing_pyyamls_composer_is_read_as_the_whole_text_is(forking: None) -> None:
    text = long_deck(300) + "  - id: a-set\n    more: !!set {a, b}\n"
    read = read_yaml(text)
    assert read.plain_json is None  # read by the composer, as a whole
    assert read.data["facts"][-1] == {"id": "a-set", "more": {"a", "b"}}
