"""Hostile and unlucky deck files (issue 12): bounded time and memory, the right line, a clear message.

Each case runs the real command on mini.yaml with one piece changed, or on a file that
is not a deck at all, and checks the whole message a user sees.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BadDeck, RunCli, line_of
from rutw_quiz.deck.yaml_source import MAX_DEPTH, _compose, parse_yaml, read_yaml

ALIASES = "aliases (*name) are not allowed in a deck; write the value out in full"
CONTROL = "in the text; remove it (only tab and newline are allowed: others reach terminals and Anki raw)"


def only_problem(run_cli: RunCli, path: Path) -> str:
    """The single line `validate` prints for `path` (it must fail, without a traceback)."""
    result = run_cli("validate", path)
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# --- memory and time bounded by the input's real size ---------------------------------


def test_an_alias_bomb_is_refused_at_its_first_alias_at_once(run_cli: RunCli, tmp_path: Path) -> None:
    """Nine levels of nine aliases: 400 bytes that expand to 387 million values."""
    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(8):
        name, previous = chr(ord("b") + level), chr(ord("a") + level)
        rows.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    started = time.monotonic()
    assert only_problem(run_cli, path) == f"{path}:2: file: {ALIASES}"
    assert time.monotonic() - started < 10


def test_a_single_alias_in_a_deck_is_refused_at_its_line(run_cli: RunCli, bad_deck: BadDeck) -> None:
    path, _ = bad_deck(
        "    topics: [planets]\n    difficulty: 1\n    source: {id: solar, section: Intro, quote: Mercury",
        "    topics: &t [planets]\n    difficulty: 1\n    source: {id: solar, section: Intro, quote: Mercury",
    )
    text = path.read_text(encoding="utf-8").replace("topics: [planets]", "topics: *t", 1)
    path.write_text(text, encoding="utf-8")
    assert only_problem(run_cli, path) == f"{path}:{line_of(text, '*t')}: file: {ALIASES}"


@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_is_refused_with_a_message_not_a_recursion_error(
    run_cli: RunCli, tmp_path: Path, style: str
) -> None:
    depth = 990
    if style == "flow":
        text = "id: x\nfacts: " + "[" * depth + "]" * depth + "\n"
        line = 2
    else:
        text = "id: x\nfacts:\n" + "".join(" " * i + "-\n" for i in range(depth)) + " " * depth + "- x\n"
        line = 3 + MAX_DEPTH - 1
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    assert only_problem(run_cli, path) == (
        f"{path}:{line}: file: nested more than {MAX_DEPTH} levels deep; "
        "a deck's lists and mappings nest about five levels"
    )


NOT_REGULAR = "is not a regular file (a device, pipe or socket); give the path of a deck .yaml file"


def test_a_device_as_deck_is_refused_without_reading_it(run_cli: RunCli) -> None:
    assert only_problem(run_cli, Path("/dev/zero")) == f"/dev/zero:1: file: {NOT_REGULAR}"


def test_a_fifo_as_deck_is_refused_without_waiting_for_a_writer(run_cli: RunCli, tmp_path: Path) -> None:
    fifo = tmp_path / "deck.yaml"
    os.mkfifo(fifo)
    assert only_problem(run_cli, fifo) == f"{fifo}:1: file: {NOT_REGULAR}"


@pytest.mark.parametrize("command", ["questions", "anki", "worksheet", "facts"])
def test_every_command_refuses_a_device_as_deck(run_cli: RunCli, command: str, tmp_path: Path) -> None:
    result = run_cli(command, "--deck", "/dev/zero", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == f"/dev/zero:1: file: {NOT_REGULAR}"


def test_a_deck_over_50_mb_is_refused_before_it_is_read(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(51 * 1024 * 1024)
    assert only_problem(run_cli, path) == (
        f"{path}:1: file: larger than 50 MB; a deck file is a few megabytes at most"
    )


def test_n_beyond_what_the_deck_can_give_allocates_nothing(run_cli: RunCli, mini_deck_path: Path) -> None:
    """`-n 10**29` was an OverflowError traceback and `-n 1000000000` grew to 8 GB."""
    for count in (str(10**29), "1000000000"):
        result = run_cli("questions", "--deck", mini_deck_path, "-n", count, "--seed", "1", "--json")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert f"note: -n {count}: the deck has 17 facts, so at most 17 questions" in result.stderr
        assert len(json.loads(result.stdout)) <= 17


# --- deck text that reaches terminals and Anki -----------------------------------------


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x00", "U+0000 (NUL)"), ("\x1f", "U+001F (unit separator, which Anki uses between fields)")],
)
def test_a_raw_control_byte_is_reported_at_its_own_line(
    run_cli: RunCli, bad_deck: BadDeck, char: str, name: str
) -> None:
    path, line = bad_deck("statement: Mercury is the planet", f"statement: Mercury is{char} the planet")
    assert line == 19
    assert only_problem(run_cli, path) == f"{path}:19: file: control character {name} {CONTROL}"


def test_escaped_control_characters_are_refused_and_never_printed_raw(
    run_cli: RunCli, bad_deck: BadDeck
) -> None:
    """An ESC sequence that would retitle the terminal, written as a YAML escape."""
    path, line = bad_deck("\ntitle: ", '\ntitle: "\\e]0;pwned\\a" # ', at="title")
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert f"{path}:{line}: file: control character U+001B (ESC) {CONTROL}" in result.stderr.splitlines()
    assert "\x1b" not in result.stderr
    shown = run_cli("questions", "--deck", path, "-n", "3", "--seed", "1")
    assert shown.returncode == 1
    assert "\x1b" not in shown.stdout + shown.stderr


def test_a_unit_separator_written_as_an_escape_is_refused(run_cli: RunCli, bad_deck: BadDeck) -> None:
    path, line = bad_deck("answer: Mercury\n", 'answer: "Mer\\x1Fcury"\n')
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert f"{path}:{line}: file: control character U+001F" in result.stderr
    assert "\x1f" not in result.stderr


# --- smaller ------------------------------------------------------------------------------


def test_validate_reports_two_decks_with_the_same_id(
    run_cli: RunCli, mini_deck_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(mini_deck_path.read_bytes())
    result = run_cli("validate", mini_deck_path, copy)
    assert result.returncode == 1
    assert f"{mini_deck_path}: ok, 17 facts" in result.stdout
    line = line_of(copy.read_text(encoding="utf-8"), "id: solar-mini")
    assert result.stderr.splitlines() == [
        f"{copy}:{line}: id: deck id 'solar-mini' is also used by {mini_deck_path}; give each deck its own id"
    ]


@pytest.mark.parametrize("value", ["true", "yes", "on"])
def test_a_boolean_difficulty_is_refused(run_cli: RunCli, bad_deck: BadDeck, value: str) -> None:
    path, line = bad_deck(
        "    difficulty: 2\n    source: {id: solar, section: Intro, quote: Neptune",
        f"    difficulty: {value}\n    source: {{id: solar, section: Intro, quote: Neptune",
        at="difficulty",
    )
    assert only_problem(run_cli, path) == (
        f"{path}:{line}: facts[3] (neptune-discovery).difficulty: YAML reads true, false, yes, no, on and off "
        "as booleans, and a boolean is not a number here; write a number"
    )


def test_an_event_label_with_a_longer_number_holding_the_year_is_fine(
    run_cli: RunCli, bad_deck: BadDeck
) -> None:
    """'observatory 18461' does not contain the year 1846 as a number."""
    path, _ = bad_deck("event: Neptune is discovered", "event: Neptune is seen from observatory 18461")
    result = run_cli("validate", path)
    assert result.returncode == 0, result.stderr


def test_an_event_label_with_its_year_as_a_number_is_still_refused(
    run_cli: RunCli, bad_deck: BadDeck
) -> None:
    path, line = bad_deck("event: Neptune is discovered", "event: Neptune is discovered (1846)")
    assert only_problem(run_cli, path) == (
        f"{path}:{line}: facts[3] (neptune-discovery).event: the event label contains its own year 1846; "
        "timeline questions would give the order away"
    )


# --- issue 11: validate like every other command, everything in one run ---------------------


def test_an_unquoted_year_as_date_is_an_error_that_says_to_quote_it(
    run_cli: RunCli, bad_deck: BadDeck
) -> None:
    path, line = bad_deck("date: 24 August 2006", "date: 2006")
    assert only_problem(run_cli, path) == (
        f"{path}:{line}: facts[6] (pluto-reclassified).date: date 2006 is a number to YAML: "
        'put it in quotes (date: "2006") or write year: 2006'
    )


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("2006-13-45", "'2006-13-45' reads as a date, and is not one (month must be in 1..12)"),
        ("!!timestamp 2006-08-24 noon", "'2006-08-24 noon' reads as a date, and is not one"),
        ("!!int twenty", "'twenty' reads as a whole number, and is not one"),
        ("!!bool maybe", "'maybe' reads as true or false, and is not one"),
        ("!!int", "'' reads as a whole number, and is not one"),
        ("!!float '-'", "'-' reads as a number, and is not one"),
    ],
)
def test_a_value_that_reads_as_what_it_is_not_is_reported_at_its_line(
    run_cli: RunCli, bad_deck: BadDeck, value: str, says: str
) -> None:
    """PyYAML raises a bare ValueError or AttributeError for these: they were a traceback."""
    path, line = bad_deck("date: 24 August 2006", f"date: {value}")
    assert only_problem(run_cli, path) == (
        f"{path}:{line}: file: {says}; put it in quotes to keep it as text, or correct it"
    )


def test_a_number_with_more_digits_than_python_reads_is_reported_not_misnamed(
    run_cli: RunCli, bad_deck: BadDeck
) -> None:
    path, line = bad_deck("date: 24 August 2006", "date: " + "1" * 5000)
    assert only_problem(run_cli, path) == (
        f"{path}:{line}: file: '{'1' * 57}...' has more digits than a number may have here; "
        "put it in quotes to keep it as text"
    )


def test_validate_takes_decks_with_deck_like_every_other_command(
    run_cli: RunCli, mini_deck_path: Path, bad_deck: BadDeck
) -> None:
    bad, line = bad_deck(
        "difficulty: 2\n    source: {id: solar, section: Intro, quote: Neptune",
        "difficulty: 9\n    source: {id: solar, section: Intro, quote: Neptune",
    )
    result = run_cli("validate", "--deck", mini_deck_path, "--deck", bad)
    assert result.returncode == 1
    assert (
        result.stdout
        == f"{mini_deck_path}: ok, 17 facts; quotes not checked: no source text is beside the deck (`--sources DIR` checks them)\n"
    )
    assert result.stderr.startswith(f"{bad}:{line}: facts[3] (neptune-discovery).difficulty: ")


def test_a_deck_level_type_error_does_not_hide_the_problems_of_the_facts(
    run_cli: RunCli, tmp_path: Path, mini_text: str
) -> None:
    """A new deck with a wrong language tag, a misnamed source key and a fact problem: all in one run."""
    text = (
        mini_text.replace("language: en", "language: English")
        .replace("    url: urn:test:solar\n", "    link: urn:test:solar\n")
        .replace("distractors: [Venus, Mars, Earth]", "distractors: [Venus, Mars, Mercury]")
    )
    path = tmp_path / "new.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", path)
    assert result.returncode == 1
    found = [line.split(": ", 2)[1] for line in result.stderr.splitlines() if ": warning: " not in line]
    assert found == [
        "language",
        "sources[0].url",
        "sources[0].link",
        "facts[0] (closest-planet).distractors[2]",
    ]


# --- the fast reader reads every deck as PyYAML does ------------------------------------------

SNIPPETS = [
    "a: yes\nb: No\nc: on\nd: ~\ne: null\nf:\n",
    "a: 0755\nb: 0x1F\nc: 1_000\nd: 1:30\ne: 1.5e3\nf: .inf\ng: -.NaN\nh: +12\n",
    "a: 1992-09-15\nb: 2001-12-14t21:59:43.10-05:00\nc: '1992-09-15'\nd: \"1891\"\n",
    "a: !!str 1891\nb: !!int '12'\nc: !!float 1\nd: !!bool yes\n",
    "a: |\n  two\n  lines\nb: >\n  folded\n  text\nc: 'it''s'\nd: \"tab\\there\"\n",
    "a: [1, [2, {b: c}], {}]\nb: {x: [], y: {z: ''}}\n",
    "a: &anchor 1\nb: 2\n",
    "1: one\ntrue: yes\n2001-01-01: date\nnull: none\n",
    "- a\n- b: c\n  d: e\n- - f\n",
    "plain\n",
    "a: 1\na: 2\n",
    "a: ''\nb: ! 12\nc:\n  -\n  - ~\nd: \"\"\ne: !!null ''\n",
    "Yes: true\nNO: n\n.5: x\n-1: +.inf\n0o17: 0b101\n",
    "a: !!set {x, y}\nb: !!omap [c: 1]\n",
    "base: {a: 1}\nmerged: {<<: {b: 2}, c: 3}\n",
    "---\na: 1\n...\n",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_the_fast_reader_builds_the_same_data_as_pyyaml(text: str) -> None:
    data, _, _ = parse_yaml(text)
    expected = yaml.load(text, Loader=yaml.SafeLoader)
    assert data == expected
    assert [type(v) for v in _values(data)] == [type(v) for v in _values(expected)]


def _values(data: object) -> list[object]:
    if isinstance(data, dict):
        return [x for k, v in data.items() for x in (k, *_values(v))]
    if isinstance(data, list):
        return [x for v in data for x in _values(v)]
    return [data]


def test_the_fast_reader_records_the_line_of_every_value_and_each_duplicate_key() -> None:
    text = "a:\n  - x\n  - {b: 1,\n     c: 2}\nd: 3\n"
    for lines in (parse_yaml(text, record_lines=True)[1], parse_yaml(text)[1], _compose(text)[1]):
        found = {path: lines.line_of(path) for path in [(), ("a",), ("a", 0), ("a", 1), ("a", 1, "b")]}
        assert found == {(): 1, ("a",): 2, ("a", 0): 2, ("a", 1): 3, ("a", 1, "b"): 3}
        assert lines.line_of(("a", 1, "c")) == 4
        assert lines.line_of(("d",)) == 5
        assert lines.line_of(("a", 1, "no-such-key")) == 3, (
            "a path beyond the values: its nearest value's line"
        )
    data, lines, problems = parse_yaml("a:\n  - x\n  - {b: 1,\n     c: 2}\na: 3\n", record_lines=True)
    assert data == {"a": 3}
    assert lines.line_of(("a",)) == 5, "the value kept, the last"
    assert problems == [(5, "duplicate key 'a' (first on line 1)")]


# Deck text has no control characters and no noncharacters (both are refused on purpose; tested above).
TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")).filter(
        lambda ch: not (0xFDD0 <= ord(ch) <= 0xFDEF or ord(ch) & 0xFFFE == 0xFFFE)
    ),
    max_size=12,
)
SCALARS = st.one_of(
    TEXT,
    st.sampled_from(
        ["yes", "No", "on", "~", "null", "0755", "1_000", "1:30", ".inf", "1e3", "2001-01-01", "<<", "="]
    ),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.dates(),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(TEXT, st.integers()), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(data=DOCUMENTS, flow=st.sampled_from([None, True, False]))
def test_any_dumped_document_reads_as_pyyaml_reads_it(data: object, flow: bool | None) -> None:
    """The event reader and PyYAML's composer agree on every document PyYAML writes."""
    text = yaml.safe_dump({"root": data}, default_flow_style=flow, allow_unicode=True)
    expected = yaml.load(text, Loader=yaml.SafeLoader)
    read, lines, _ = parse_yaml(text, record_lines=True)
    assert read == expected
    composed = _compose(text)[1]
    for path in _paths_in(read):
        assert lines.line_of(path) == composed.line_of(path), path


@settings(max_examples=200, deadline=None)
@given(
    data=DOCUMENTS,
    flow=st.sampled_from([None, True, False]),
    number=st.sampled_from([1.5, float("inf"), float("nan"), "text"]),
)
def test_the_reader_knows_whether_json_gives_a_document_back(
    data: object, flow: bool | None, number: object
) -> None:
    """The parse cache keeps a deck only when JSON gives its data back unchanged; the reader says
    so as it reads (dates, keys that are not text, NaN), instead of a round trip through JSON."""
    text = yaml.safe_dump({"root": data, "number": number}, default_flow_style=flow, allow_unicode=True)
    read = read_yaml(text)
    if read.plain_json is None:
        return  # read by PyYAML's composer: the cache makes the round trip itself
    try:
        back = json.loads(json.dumps(read.data, ensure_ascii=False))
    except (TypeError, ValueError):
        back = None
    assert read.plain_json == (back is not None and back == read.data)


def _paths_in(value: object, at: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The path of every value (keys as YAML wrote them), and one beyond each."""
    found = [at, (*at, 0)]
    if isinstance(value, dict):
        found += [p for k, v in value.items() for p in _paths_in(v, (*at, _as_written(k)))]
    elif isinstance(value, list):
        found += [p for i, v in enumerate(value) for p in _paths_in(v, (*at, i))]
    return found


def _as_written(key: object) -> str:
    return key if isinstance(key, str) else yaml.safe_dump(key).removesuffix("\n...\n").strip()


def test_in_a_crlf_deck_a_lone_carriage_return_is_reported_at_its_line(
    run_cli: RunCli, mini_deck_path: Path, tmp_path: Path
) -> None:
    """CRLF line ends are fine; a CR alone is not, and is found at its line counting CRLF lines
    (the scan once recounted every line for each CR: a big Windows-saved deck took minutes)."""
    text = mini_deck_path.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if "statement:" in line)
    lines[at] = lines[at].replace("statement: ", "statement: A\rB ", 1)
    path = tmp_path / "crlf.yaml"
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert f"{path}:{at + 1}: file: control character U+000D" in result.stdout + result.stderr
    path.write_bytes("\r\n".join(mini_deck_path.read_text(encoding="utf-8").split("\n")).encode("utf-8"))
    assert run_cli("validate", path).returncode == 0


@pytest.mark.parametrize(
    ("key", "read"),
    [
        ("2", "as the number 2"),
        ("1.5", "as the number 1.5"),
        ("yes", "as true (YAML reads yes, no, on, off, true and false so)"),
        ("null", "as nothing (YAML reads null, ~ and an empty key so)"),
        ("2026-12-07", "as the date 2026-12-07"),
    ],
)
def test_a_key_yaml_reads_as_no_name_is_placed_at_its_fact_and_named(
    run_cli: RunCli, bad_deck: BadDeck, key: str, read: str
) -> None:
    """Not 'None: Keys should be strings': where the stray key stands, and what YAML made of it."""
    path, _ = bad_deck(
        "    event: Neptune is discovered\n", f"    event: Neptune is discovered\n    {key}: x\n"
    )
    fact_line = path.read_text().splitlines().index("  - id: neptune-discovery") + 1
    assert only_problem(run_cli, path) == (
        f"{path}:{fact_line}: facts[3] (neptune-discovery): a key here is read {read}, not as a name: keys "
        "are names such as 'answer' (`rutw-quiz schema` lists them); remove it, or correct its spelling"
    )
