"""Invalid decks: every kind of problem is reported by the real command as FILE:LINE: location: message.

Each bad deck is mini.yaml with one piece replaced; the expected line is found from the
replacement, so the tests say which value the message must point at. All bad decks of
the table are checked in one run of `rutw-quiz validate` (it reports each file on its
own), which keeps the suite fast; single-file runs check the exit status separately.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import BadDeck, CliResult, Derive, RunCli, line_of
from rutw_quiz.deck import read_deck_file
from rutw_quiz.deck.checks import MAX_QUOTE_WORDS
from rutw_quiz.errors import DeckError

NOT_A_SLUG = "is not a slug: use lowercase letters, digits and hyphens, e.g. 'cold-war'"
CODE_TAG = "tags that run code are not allowed in a deck; remove the tag"


@dataclass(frozen=True)
class Case:
    """A bad deck made from mini.yaml, and the one problem it must be reported with."""

    name: str
    old: str
    new: str
    location: str
    message: str
    at: str | None = None  # where the offending value is (default: where `new` begins)
    exact: bool = True  # False: `message` is a fragment of pydantic's own wording


CASES = [
    Case(
        "unknown-key",
        "    difficulty: 1\n    source: {id: solar, section: Intro, quote: Mercury",
        "    difficulty: 1\n    colour: red\n    source: {id: solar, section: Intro, quote: Mercury",
        "facts[0] (closest-planet).colour",
        "unknown key 'colour'; check its spelling (`rutw-quiz schema` lists the keys)",
        at="colour",
    ),
    Case(
        "missing-required-key",
        "    answer: Mercury\n",
        "",
        "facts[0] (closest-planet).answer",
        "missing required key 'answer'",
        at="  - id: closest-planet",
    ),
    Case(
        "missing-deck-key",
        "language: en\n",
        "",
        "language",
        "missing required key 'language'",
        at="id: solar-mini",
    ),
    Case(
        "wrong-type",
        "    difficulty: 1\n    source: {id: solar, section: Intro, quote: Mercury",
        "    difficulty: hard\n    source: {id: solar, section: Intro, quote: Mercury",
        "facts[0] (closest-planet).difficulty",
        "is the text 'hard'; write a whole number here",
    ),
    Case(
        "empty-answer",
        '    answer: "1846"',
        "    answer:",
        "facts[3] (neptune-discovery).answer",
        "is empty; write text here",
    ),
    Case(
        "empty-quoted-answer",
        '    answer: "1846"',
        '    answer: ""',
        "facts[3] (neptune-discovery).answer",
        "is empty; write text here",
    ),
    Case(
        "too-many-choices",
        "    source: {id: solar, section: Intro, quote: Neptune was discovered in 1846}",
        "    source: {id: solar, section: Intro, quote: Neptune was discovered in 1846}\n    choices: 9",
        "facts[3] (neptune-discovery).choices",
        "is the number 9; write a number up to 6",
        at="choices: 9",
    ),
    Case(
        "fractional-year",
        "    year: 1846",
        "    year: 1846.5",
        "facts[3] (neptune-discovery).year",
        "is the number 1846.5; write a whole number here",
    ),
    Case(
        "deck-topics-as-a-list",
        "topics:\n  planets: Planets\n  discovery: Discovery\n  spaceflight: Space flight",
        "topics: [planets, discovery, spaceflight]",
        "topics",
        "is a list of 3; write it as `name: value` lines below it, indented, one per line",
    ),
    Case(
        "topics-as-text",
        "    prompt: In which year was Neptune discovered?\n    topics: [discovery]",
        "    prompt: In which year was Neptune discovered?\n    topics: discovery",
        "facts[3] (neptune-discovery).topics",
        "must be a list: write [discovery] (in quotes inside the brackets if it holds a comma)",
        at="topics: discovery",
    ),
    Case(
        "no-topics",
        "    prompt: In which year was Neptune discovered?\n    topics: [discovery]",
        "    prompt: In which year was Neptune discovered?\n    topics: []",
        "facts[3] (neptune-discovery).topics",
        "is a list of 0; write at least 1 item in it",
        at="topics: []",
    ),
    Case(
        "source-as-text",
        "    source: {id: solar, section: Intro, quote: Neptune was discovered in 1846}",
        "    source: solar",
        "facts[3] (neptune-discovery).source",
        "is the text 'solar'; write its keys below it, indented, one per line (`rutw-quiz schema` lists them)",
        at="source: solar",
    ),
    Case(
        "unknown-kind",
        "    kind: place\n    category: planet\n    distractors: [Venus, Mars, Earth]",
        "    kind: planet\n    category: planet\n    distractors: [Venus, Mars, Earth]",
        "facts[0] (closest-planet).kind",
        "'planet' is not a known kind; use one of 'person', 'organization', 'place', 'country', 'date', "
        "'year', 'number', 'document', 'event', 'term', 'ship' or 'office'",
    ),
    Case(
        "bad-fact-slug",
        "  - id: closest-planet",
        "  - id: Closest_Planet",
        "facts[0] (Closest_Planet).id",
        f"'Closest_Planet' {NOT_A_SLUG}",
    ),
    Case(
        "bad-topic-slug",
        "  spaceflight: Space flight",
        "  Space Flight: Space flight",
        "topics.Space Flight",
        f"'Space Flight' {NOT_A_SLUG}",
    ),
    Case(
        "bad-language-tag",
        "language: en",
        "language: English",
        "language",
        "'English' is not a language tag like 'en' or 'pt-BR'",
    ),
    Case(
        "duplicate-fact-id",
        "  - id: largest-planet",
        "  - id: closest-planet",
        "facts[1] (closest-planet).id",
        "duplicate id 'closest-planet' (also at facts[0])",
    ),
    Case(
        "undeclared-source",
        "source: {id: solar, section: Intro, quote: Saturn",
        "source: {id: lunar, section: Intro, quote: Saturn",
        "facts[2] (ringed-planet).source.id",
        "source 'lunar' is not declared under sources (declared: solar)",
    ),
    Case(
        "undeclared-topic",
        "    topics: [discovery]\n    difficulty: 3",
        "    topics: [discovery, comets]\n    difficulty: 3",
        "facts[4] (neptune-discoverer).topics[1]",
        "topic 'comets' is not declared under the deck's topics",
    ),
    Case(
        "answer-not-in-statement",
        "    statement: Jupiter is the largest planet of the Solar System.\n    answer: Jupiter",
        "    statement: The largest planet of the Solar System is a gas giant.\n    answer: Jupiter",
        "facts[1] (largest-planet).answer",
        "the answer 'Jupiter' does not occur in the statement as whole words; "
        "write it in the statement exactly as in `answer`",
        at="answer: Jupiter",
    ),
    Case(
        "answer-only-inside-a-longer-word",
        "    answer: Galileo Galilei",
        "    answer: Galile",
        "facts[5] (galilean-moons).answer",
        "the answer 'Galile' does not occur in the statement as whole words; "
        "write it in the statement exactly as in `answer`",
    ),
    Case(
        "alias-equals-answer",
        "    aliases: [Galle]",
        "    aliases: [Galle, johann  GALLE.]",
        "facts[4] (neptune-discoverer).aliases[1]",
        "alias 'johann  GALLE.' is the answer itself (after ignoring case, accents and punctuation); remove it",
    ),
    Case(
        "distractor-equals-answer",
        "    distractors: [Saturn, Uranus, Neptune]",
        "    distractors: [Saturn, Uranus, Neptune, JUPITER]",
        "facts[1] (largest-planet).distractors[3]",
        "distractor 'JUPITER' equals the answer or an alias; a distractor must be wrong",
    ),
    Case(
        "distractor-equals-alias",
        "    distractors: [European Space Agency, Royal Society, Royal Astronomical Society, International Council for Science]",
        "    distractors: [European Space Agency, Royal Society, Royal Astronomical Society, iau]",
        "facts[7] (iau).distractors[3]",
        "distractor 'iau' equals the answer or an alias; a distractor must be wrong",
    ),
    Case(
        "distractor-split-from-the-answer",
        "    distractors: [European Space Agency, Royal Society, Royal Astronomical Society, International Council for Science]",
        "    distractors: [International Astronomical, Royal Society, Roscosmos]",
        "facts[7] (iau).distractors[0]",
        "distractor 'International Astronomical' overlaps the answer or an alias (one contains the other), so it "
        "could pass as right; use a clearly different wrong answer (in a list like [a, b], put quotes around an item "
        "that has a comma in it)",
    ),
    Case(
        "prompt-contains-answer",
        "    prompt: Which planet is the largest?",
        "    prompt: Is Jupiter the largest planet?",
        "facts[1] (largest-planet).prompt",
        "the prompt gives its answer away: it contains 'Jupiter'",
    ),
    Case(
        "date-and-year-disagree",
        "    date: January 1610\n",
        "    date: January 1610\n    year: 1611\n",
        "facts[5] (galilean-moons).year",
        "year 1611 disagrees with date 'January 1610'",
        at="year: 1611",
    ),
    Case(
        "year-answer-and-year-disagree",
        "    year: 1846",
        "    year: 1847",
        "facts[3] (neptune-discovery).answer",
        "the answer year 1846 disagrees with the fact's date '1847'",
        at='    answer: "1846"',
    ),
    Case(
        "year-out-of-range",
        "    year: 2004",
        "    year: 2204",
        "facts[12] (rosetta).year",
        "year 2204 is outside 1–2100",
    ),
    Case(
        "date-year-out-of-range",
        "    date: January 1610",
        "    date: January 2610",
        "facts[5] (galilean-moons).date",
        "year 2610 is outside 1–2100",
    ),
    Case(
        "unknown-month",
        "    date: January 1610",
        "    date: Smarch 1610",
        "facts[5] (galilean-moons).date",
        "'Smarch' is not a month name",
    ),
    Case(
        "impossible-day",
        "    date: 20 July 1969",
        "    date: 31 February 1969",
        "facts[10] (armstrong).date",
        "'31 February 1969' is not a real calendar day",
    ),
    Case(
        "answer-twice-in-statement",
        "    statement: Mercury is the planet closest to the Sun.",
        "    statement: Mercury is the planet closest to the Sun, and Mercury is the smallest.",
        "facts[0] (closest-planet).answer",
        "the answer 'Mercury' occurs 2 times in the statement; a blank must hide exactly one: reword so that it "
        "occurs once",
        at="    answer: Mercury",
    ),
    Case(
        "alias-names-something-else",
        "    aliases: [Galle]",
        "    aliases: [Galle, Le Verrier]",
        "facts[4] (neptune-discoverer).aliases[1]",
        "alias 'Le Verrier' also stands in the statement apart from the answer, where it names something else; "
        "remove the alias or reword the statement",
    ),
    Case(
        "quote-too-long",
        "quote: Mars has 2 small moons.}",
        "quote: " + " ".join(["moons"] * (MAX_QUOTE_WORDS + 1)) + "}",
        "facts[8] (mars-moons).source.quote",
        f"the quote has {MAX_QUOTE_WORDS + 1} words (more than {MAX_QUOTE_WORDS}); keep evidence to about 30 words",
    ),
    Case(
        "duplicate-key",
        "    answer: Mercury\n",
        "    answer: Mercury\n    answer: 'Mercury'\n",
        "file",
        "duplicate key 'answer' (first on line {previous})",
        at="answer: 'Mercury'",
    ),
    Case(
        "yaml-syntax-error",
        "    statement: Saturn is famous for its rings.",
        "    statement: Saturn: famous for its rings.",
        "file",
        "YAML syntax error: mapping values are not allowed",  # libyaml ends "in this context", PyYAML "here"
        exact=False,
    ),
    Case(
        "python-tag",
        "title: The Solar System (mini)",
        'title: !!python/object/apply:os.system ["touch {marker}"]',
        "file",
        "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system': "
        + CODE_TAG,
    ),
]


@dataclass(frozen=True)
class Batch:
    """One run of `rutw-quiz validate` over every bad deck of CASES."""

    result: CliResult
    files: dict[str, tuple[Path, int]]
    marker: Path


@pytest.fixture(scope="module")
def batch(derive: Derive, run_cli: RunCli, tmp_path_factory: pytest.TempPathFactory) -> Batch:
    folder = tmp_path_factory.mktemp("bad-decks")
    marker = folder / "code-was-run"
    files = {}
    for case in CASES:
        text, line = derive(case.old, case.new.replace("{marker}", str(marker)), case.at)
        path = folder / f"{case.name}.yaml"
        path.write_text(text, encoding="utf-8")
        files[case.name] = (path, line)
    result = run_cli("validate", *(path for path, _ in files.values()))
    return Batch(result, files, marker)


def errors_in(stderr: str) -> list[str]:
    """The lines of `validate`'s report that are errors (warnings come in the same run, by line)."""
    return [line for line in stderr.splitlines() if ": warning: " not in line]


def problems_of(stderr: str, path: Path) -> list[str]:
    return [line for line in errors_in(stderr) if line.startswith(f"{path}:")]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_kind_of_problem_is_reported_once_at_the_line_of_the_offending_value(
    batch: Batch, case: Case
) -> None:
    path, line = batch.files[case.name]
    message = case.message.replace("{previous}", str(line - 1))
    reported = problems_of(batch.result.stderr, path)
    prefix = f"{path}:{line}: {case.location}: "
    if case.exact:
        assert reported == [prefix + message]
    else:
        assert len(reported) == 1
        assert reported[0].startswith(prefix)
        assert message in reported[0]


def test_a_run_over_invalid_decks_exits_1_without_a_traceback_or_an_ok(batch: Batch) -> None:
    assert batch.result.returncode == 1
    assert "Traceback" not in batch.result.stderr
    assert batch.result.stdout == ""


def test_a_python_tag_in_a_deck_is_never_run(batch: Batch) -> None:
    assert batch.files["python-tag"][0].read_text().count(str(batch.marker)) == 1
    assert not batch.marker.exists()


# --- files that are not decks at all ----------------------------------------------------


def check_single(run_cli: RunCli, path: Path, expected: str) -> None:
    """Validating `path` alone prints exactly `expected` on stderr and exits 1."""
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [expected]


def test_a_missing_file_is_reported_with_its_path(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    check_single(run_cli, path, f"{path}:1: file: no such file; check the path")


def test_a_directory_is_reported_as_not_a_deck_file(run_cli: RunCli, tmp_path: Path) -> None:
    check_single(run_cli, tmp_path, f"{tmp_path}:1: file: is a directory; give the path of a deck .yaml file")


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_an_empty_file_says_what_a_deck_needs(run_cli: RunCli, tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(content)
    check_single(
        run_cli,
        path,
        f"{path}:1: file: the file is empty; a deck needs id, title, description, language, topics, sources and facts",
    )


def test_a_file_of_only_comments_holds_no_document(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "comments.yaml"
    path.write_text("# a deck, some day\n# not yet\n")
    check_single(run_cli, path, f"{path}:1: file: the file holds no YAML document")


def test_a_top_level_list_is_not_a_deck(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- id: solar-mini\n- title: The Solar System\n")
    check_single(
        run_cli,
        path,
        f"{path}:1: deck: the top level must be a mapping with keys id, title, description, language, topics, sources, facts",
    )


def test_invalid_utf8_is_reported_at_the_line_of_the_bad_byte(
    run_cli: RunCli, derive: Derive, tmp_path: Path
) -> None:
    text, line = derive(
        "    statement: Saturn is famous for its rings.",
        "    statement: Saturn is famous for its rings, café.",
    )
    path = tmp_path / "latin1.yaml"
    path.write_bytes(text.encode("latin-1"))
    check_single(run_cli, path, f"{path}:{line}: file: not valid UTF-8 (byte 0xe9); save the file as UTF-8")


def test_a_utf8_byte_order_mark_is_accepted(run_cli: RunCli, mini_text: str, tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + mini_text.encode("utf-8"))
    result = run_cli("validate", path)
    assert (result.returncode, result.stdout) == (
        0,
        f"{path}: ok, 17 facts; quotes not checked: no source text is beside the deck (`--sources DIR` checks them)\n",
    )


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        '!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
    ],
)
def test_python_tags_are_reported_and_not_run(
    run_cli: RunCli, bad_deck: BadDeck, tmp_path: Path, tag: str
) -> None:
    marker = tmp_path / "code-was-run"
    path, line = bad_deck("title: The Solar System (mini)", "title: " + tag.replace("{marker}", str(marker)))
    result = run_cli("validate", path, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [reported] = result.stderr.splitlines()
    assert reported.startswith(f"{path}:{line}: file: ")
    assert reported.endswith(CODE_TAG)
    assert not marker.exists()


# --- several problems, several files -------------------------------------------------------


def test_all_problems_of_a_file_are_reported_in_one_run_sorted_by_line(
    run_cli: RunCli, mini_text: str, tmp_path: Path
) -> None:
    text = (
        mini_text.replace(
            "    topics: [discovery]\n    difficulty: 3", "    topics: [comets]\n    difficulty: 3"
        )
        .replace("    prompt: Which planet is the largest?", "    prompt: Is Jupiter the largest?")
        .replace("quote: Mars has 2 small moons.}", "quote: " + "moons " * (MAX_QUOTE_WORDS + 5) + "}")
        .replace("  - id: rosetta", "  - id: nasa")
    )
    path = tmp_path / "many.yaml"
    path.write_text(text)
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert errors_in(result.stderr) == [
        f"{path}:{line_of(text, 'Is Jupiter')}: facts[1] (largest-planet).prompt: "
        "the prompt gives its answer away: it contains 'Jupiter'",
        f"{path}:{line_of(text, '[comets]')}: facts[4] (neptune-discoverer).topics[0]: "
        "topic 'comets' is not declared under the deck's topics",
        f"{path}:{line_of(text, 'moons moons')}: facts[8] (mars-moons).source.quote: "
        f"the quote has {MAX_QUOTE_WORDS + 5} words (more than {MAX_QUOTE_WORDS}); keep evidence to about 30 words",
        f"{path}:{line_of(mini_text, '- id: rosetta')}: facts[12] (nasa).id: duplicate id 'nasa' (also at facts[11])",
    ]


def test_all_type_errors_of_a_file_are_reported_in_one_run(
    run_cli: RunCli, mini_text: str, tmp_path: Path
) -> None:
    text = mini_text.replace(
        "    difficulty: 2\n    source: {id: solar, section: Intro, quote: Neptune",
        "    difficulty: two\n    source: {id: solar, section: Intro, quote: Neptune",
    ).replace(
        "    kind: person\n    category: space traveller\n    aliases: [Gagarin]",
        "    kind: astronaut\n    category: space traveller\n    aliases: [Gagarin]",
    )
    path = tmp_path / "types.yaml"
    path.write_text(text)
    result = run_cli("validate", path)
    assert result.returncode == 1
    lines = errors_in(result.stderr)
    assert [line.split(": ")[0:2] for line in lines] == [
        [f"{path}:{line_of(text, 'difficulty: two')}", "facts[3] (neptune-discovery).difficulty"],
        [f"{path}:{line_of(text, 'kind: astronaut')}", "facts[9] (gagarin).kind"],
    ]


def test_type_errors_and_other_problems_of_a_file_are_reported_in_one_run(
    run_cli: RunCli, mini_text: str, tmp_path: Path
) -> None:
    """A wrong type in one fact does not hide the problems of the well-typed facts."""
    text = mini_text.replace(
        "    difficulty: 2\n    source: {id: solar, section: Intro, quote: Neptune",
        "    difficulty: two\n    source: {id: solar, section: Intro, quote: Neptune",
    ).replace("    prompt: Which planet is the largest?", "    prompt: Is Jupiter the largest?")
    path = tmp_path / "mixed.yaml"
    path.write_text(text)
    result = run_cli("validate", path)
    assert result.returncode == 1
    assert [line.split(": ")[0:2] for line in errors_in(result.stderr)] == [
        [f"{path}:{line_of(text, 'Is Jupiter')}", "facts[1] (largest-planet).prompt"],
        [f"{path}:{line_of(text, 'difficulty: two')}", "facts[3] (neptune-discovery).difficulty"],
    ]


def test_problems_of_two_files_are_both_reported(run_cli: RunCli, derive: Derive, tmp_path: Path) -> None:
    first, first_line = derive("    answer: Jupiter", "    answer: Zeus")
    second, second_line = derive("    year: 2004", "    year: 3004")
    (tmp_path / "a.yaml").write_text(first)
    (tmp_path / "b.yaml").write_text(second)
    result = run_cli("validate", "a.yaml", "b.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert f"a.yaml:{first_line}: facts[1] (largest-planet).answer: the answer 'Zeus'" in result.stderr
    assert f"b.yaml:{second_line}: facts[12] (rosetta).year: year 3004 is outside 1–2100" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_valid_deck_beside_an_invalid_one_is_still_confirmed(
    run_cli: RunCli, mini_deck_path: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    result = run_cli("validate", missing, mini_deck_path)
    assert result.returncode == 1
    assert (
        result.stdout
        == f"{mini_deck_path}: ok, 17 facts; quotes not checked: no source text is beside the deck (`--sources DIR` checks them)\n"
    )
    assert result.stderr.startswith(f"{missing}:1: file: no such file")


def test_a_valid_deck_exits_0_and_says_ok_with_its_fact_count(run_cli: RunCli, mini_deck_path: Path) -> None:
    result = run_cli("validate", mini_deck_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{mini_deck_path}: ok, 17 facts; quotes not checked: no source text is beside the deck (`--sources DIR` checks them)\n",
        "",
    )


def test_every_command_that_reads_a_deck_reports_its_problems_the_same_way(
    run_cli: RunCli, bad_deck: BadDeck
) -> None:
    path, line = bad_deck("    year: 2004", "    year: 3004")
    result = run_cli("facts", "--deck", path)
    assert result.returncode == 1
    assert result.stderr == f"{path}:{line}: facts[12] (rosetta).year: year 3004 is outside 1–2100\n"
    assert result.stdout == ""


def test_two_decks_with_one_id_cannot_be_used_together(
    run_cli: RunCli, mini_deck_path: Path, mini_text: str, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text(mini_text)
    result = run_cli("facts", "--deck", mini_deck_path, "--deck", copy)
    assert result.returncode == 1
    assert result.stderr == (
        f"{copy}:{line_of(mini_text, 'id: solar-mini')}: id: deck id 'solar-mini' is also used by "
        f"{mini_deck_path}; give each deck its own id\n"
    )


# --- the library ---------------------------------------------------------------------------


def test_the_library_raises_one_deck_error_carrying_every_problem(
    bad_deck: BadDeck,
) -> None:
    path, line = bad_deck("    year: 2004", "    year: 3004")
    with pytest.raises(DeckError) as raised:
        read_deck_file(path)
    [problem] = raised.value.problems
    assert (problem.file, problem.line, problem.location) == (str(path), line, "facts[12] (rosetta).year")
    assert str(raised.value) == str(problem)


def test_a_loaded_deck_knows_the_line_of_each_value(mini_deck_path: Path, mini_text: str) -> None:
    loaded = read_deck_file(mini_deck_path)
    assert loaded.lines.line_of(("facts", 9, "answer")) == line_of(mini_text, "answer: Yuri Gagarin")
    assert loaded.lines.line_of(("facts", 9, "no-such-key")) == line_of(mini_text, "- id: gagarin")


def test_reading_a_deck_leaves_the_cycle_collector_as_it_found_it(
    mini_deck_path: Path, bad_deck: BadDeck
) -> None:
    """The collector is paused only while a deck is read: after a valid deck and after a refused
    one it runs again, and a caller that had it off finds it off."""
    import gc

    path, _ = bad_deck("    answer: Mercury\n", "    answer:\n")
    assert gc.isenabled()
    read_deck_file(mini_deck_path)
    assert gc.isenabled()
    with pytest.raises(DeckError):
        read_deck_file(path)
    assert gc.isenabled()
    gc.disable()
    try:
        read_deck_file(mini_deck_path)
        assert not gc.isenabled()
    finally:
        gc.enable()
