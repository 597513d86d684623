"""`rutw-quiz aliases`: the loop a teacher runs — mark, read the `check` rows, accept some, add them
as aliases (into the real deck file, comments and layout kept), mark again and see them accepted."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from conftest import DATA, RunCli
from rutw_quiz.deck.loader import read_deck_file

MINI = DATA / "mini.yaml"
GALLE = "solar-mini:neptune-discoverer:short_answer"
MERCURY = "solar-mini:closest-planet:short_answer"
IAU = "solar-mini:iau:fill_in"


def deck_copy(tmp_path: Path, *, block_aliases: bool = False) -> Path:
    """A teacher's deck file: the mini deck with a comment, and (optionally) a block-style alias list."""
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("    answer: Mercury\n", "    answer: Mercury  # the planet nearest the Sun\n")
    if block_aliases:
        text = text.replace("    aliases: [Galle]\n", "    aliases:\n      - Galle\n")
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def marked_file(tmp_path: Path, deck: Path, run_cli: RunCli, rows: list[tuple[str, str]]) -> Path:
    answers = tmp_path / "answers.csv"
    with answers.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "question_id", "answer"])
        writer.writerows([f"s{i}", qid, answer] for i, (qid, answer) in enumerate(rows))
    marked = tmp_path / "marked.csv"
    result = run_cli("grade", "--deck", deck, "--responses", answers, "-o", marked)
    assert result.returncode == 0, result.stderr
    return marked


def accept(marked: Path, answers: set[str]) -> None:
    """What a teacher does in a spreadsheet: set the score of the answers they accept to 1."""
    rows = list(csv.reader(marked.read_text(encoding="utf-8").splitlines()))
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("answer")] in answers:
            row[header.index("score")] = "1"
    with marked.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_answers_a_teacher_accepted_are_printed_as_aliases_lines(run_cli: RunCli, tmp_path: Path) -> None:
    deck = deck_copy(tmp_path)
    marked = marked_file(
        tmp_path,
        deck,
        run_cli,
        [(GALLE, "Hans Galle"), (GALLE, "Johann Gottfried Galle"), (GALLE, "hans  galle"), (MERCURY, "Hermes"),
         (MERCURY, "Venus"), (GALLE, "Galle"), (GALLE, "J. G. Galle")],
    )  # fmt: skip
    # 'Hans' for 'Johann' is a nickname the grader leaves to the teacher; 'J. G. Galle' it takes already
    accept(marked, {"Hans Galle", "hans  galle", "Hermes", "Venus", "Galle", "J. G. Galle"})
    result = run_cli("aliases", "--deck", deck, "--responses", marked)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "# closest-planet (Mercury): Hermes (1)",
        "aliases: [Hermes]",
        "# neptune-discoverer (Johann Galle): Hans Galle (2)",
        "aliases: [Galle, Hans Galle]",
    ]
    # Venus is another fact's answer or a wrong choice: never an alias of Mercury
    assert "set aside" in result.stderr and "'Venus' for closest-planet" in result.stderr


def test_overrides_in_exported_practice_progress_become_aliases(run_cli: RunCli, tmp_path: Path) -> None:
    progress = tmp_path / "rutw-progress-solar-mini.json"
    progress.write_text(
        json.dumps(
            {
                "format": "rutw-quiz-practice-progress",
                "version": 1,
                "decks": {
                    "solar-mini": {
                        "facts": {},
                        "overrides": {"iau": ["Intl. Astronomical Union"], "closest-planet": ["Mercury"]},
                    },
                    "other-deck": {"overrides": {"iau": ["ignored"]}},
                },
            }
        ),
        encoding="utf-8",
    )
    result = run_cli("aliases", "--deck", MINI, "--progress", progress)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "# iau (International Astronomical Union): Intl. Astronomical Union (1)",
        "aliases: [IAU, Intl. Astronomical Union]",
    ]


def test_add_writes_the_aliases_into_the_deck_keeping_its_layout_and_the_loop_closes(
    run_cli: RunCli, tmp_path: Path
) -> None:
    deck = deck_copy(tmp_path, block_aliases=True)
    before = deck.read_text(encoding="utf-8")
    marked = marked_file(tmp_path, deck, run_cli, [(GALLE, "Hans Galle"), (MERCURY, "Hermes, the planet")])
    accept(marked, {"Hans Galle", "Hermes, the planet"})
    result = run_cli("aliases", "--deck", deck, "--responses", marked, "--add", "--yes")
    assert result.returncode == 0, result.stderr
    after = deck.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["    aliases: ['Hermes, the planet']", "      - Hans Galle"]
    assert "    answer: Mercury  # the planet nearest the Sun\n    aliases:" in after  # the comment kept
    assert len(after.splitlines()) == len(before.splitlines()) + 2  # nothing else moved
    facts = {f.id: f for f in read_deck_file(deck).deck.facts}
    assert facts["neptune-discoverer"].aliases == ["Galle", "Hans Galle"]
    assert facts["closest-planet"].aliases == ["Hermes, the planet"]
    assert run_cli("validate", deck).returncode == 0
    # mark again: the accepted answers are now correct, by alias
    again = marked_file(tmp_path, deck, run_cli, [(GALLE, "Hans Galle"), (MERCURY, "Hermes, the planet")])
    rows = list(csv.DictReader(again.read_text(encoding="utf-8").splitlines()))
    assert [r["outcome"] for r in rows] == ["correct", "correct"]
    assert rows[0]["reason"] == "correct: alias 'Hans Galle'"
    # and nothing is left to add
    assert run_cli("aliases", "--deck", deck, "--responses", again).stdout == ""


def test_add_asks_first_and_writes_nothing_when_told_no(run_cli: RunCli, tmp_path: Path) -> None:
    deck = deck_copy(tmp_path)
    before = deck.read_bytes()
    marked = marked_file(tmp_path, deck, run_cli, [(MERCURY, "Hermes")])
    accept(marked, {"Hermes"})
    result = run_cli("aliases", "--deck", deck, "--responses", marked, "--add", stdin="n\n")
    assert result.returncode == 0, result.stderr
    assert "Add 1 alias to" in result.stdout
    assert deck.read_bytes() == before


def test_a_flow_list_keeps_its_line_and_comment(tmp_path: Path) -> None:
    from rutw_quiz.deck.edit import add_aliases

    path = deck_copy(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "    aliases: [Galle]\n", "    aliases: [Galle]  # the surname\n"
    )
    path.write_text(text, encoding="utf-8")
    loaded = read_deck_file(path)
    facts = loaded.deck.facts
    edited = add_aliases(
        text,
        loaded.lines,
        {f.id: i for i, f in enumerate(facts)},
        {f.id: f.aliases for f in facts},
        {"neptune-discoverer": ["J. G. Galle", "Galle: the astronomer"]},
    )
    assert "    aliases: [Galle, J. G. Galle, 'Galle: the astronomer']  # the surname\n" in edited
    assert len(edited.splitlines()) == len(text.splitlines())
