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
    ).text
    assert "    aliases: [Galle, J. G. Galle, 'Galle: the astronomer']  # the surname\n" in edited
    assert len(edited.splitlines()) == len(text.splitlines())


def test_answers_said_right_in_the_terminal_quiz_become_the_deck_files_aliases(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """The whole loop from a student's side: the real quiz in a terminal, 'r' after two refused
    answers, then `aliases --quiz` reads that progress file, `--add` writes the deck file after
    asking, and the answer is now graded right; the other answer, another fact's, is set aside."""
    from terminal_screen import Terminal, questions_json

    deck = deck_copy(tmp_path)
    before = deck.read_text(encoding="utf-8")
    home = tmp_path / "home"
    options = ["--deck", str(deck), "-n", "2", "--type", "short_answer", "--seed", "2"]
    asked = [q["fact_id"] for q in questions_json(None, *options)]
    assert asked == ["sputnik", "iau"]
    term = Terminal(["quiz", *options], home)
    for typed in ("PS-1", "European Space Agency"):  # the satellite's designation; another fact's answer
        term.expect("> ")
        term.sendline(typed)
        term.expect("if you were right")
        term.sendline("r")
    term.expect("Score: ")
    assert term.finish() == 0
    assert "2 typed answers counted as right on your word." in " ".join(" ".join(term.lines()).split())

    env = {"RUTW_QUIZ_HOME": str(home)}
    shown = run_cli("aliases", "--deck", deck, "--quiz", env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines() == ["# sputnik (Sputnik 1): PS-1 (1)", "aliases: [PS-1]"]
    assert shown.stderr == (
        "set aside: quiz progress: 'European Space Agency' for iau: that is another fact's answer "
        "('European Space Agency')\n"
    )
    assert deck.read_text(encoding="utf-8") == before  # printing writes nothing

    added = run_cli("aliases", "--deck", deck, "--quiz", "--add", env=env, stdin="y\n")
    assert added.returncode == 0, added.stderr
    assert "Add 1 alias to" in added.stdout and "it still validates" in added.stderr
    after = deck.read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if line not in before.splitlines()] == ["    aliases: [PS-1]"]
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    assert run_cli("validate", deck).returncode == 0
    graded = run_cli("grade", "--deck", deck, "solar-mini:sputnik:short_answer", "PS-1")
    assert graded.returncode == 0 and "correct: alias 'PS-1'" in graded.stdout, graded.stdout
    again = run_cli("aliases", "--deck", deck, "--quiz", env=env)
    assert again.stdout == "" and "No new aliases" in again.stderr


def test_the_readmes_loop_as_written(run_cli: RunCli, tmp_path: Path) -> None:
    """The commands of the README's 'Marking a class's answers', run as printed there on a class's
    CSV: mark, read the check rows, set the score of those accepted to 1, add the aliases, mark again."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Marking a class's answers", 1)[1].split("\n## ", 1)[0]
    mark = next(line.strip() for line in section.splitlines() if line.strip().startswith("rutw-quiz grade "))
    show = next(
        part.strip("` ")
        for line in section.splitlines()
        for part in line.split("`")
        if part.startswith("rutw-quiz aliases --deck")
    )
    assert mark == "rutw-quiz grade --deck mydeck.yaml --responses answers.csv -o marked.csv"
    assert show == "rutw-quiz aliases --deck mydeck.yaml --responses marked.csv"
    deck_copy(tmp_path).rename(tmp_path / "mydeck.yaml")
    with (tmp_path / "answers.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["student", "question_id", "answer"], ["ana", GALLE, "Johann Galla"], ["ben", MERCURY, "Hermes"]]
        )

    def run(command: str, stdin: str = "") -> str:
        result = run_cli(*command.split()[1:], cwd=tmp_path, stdin=stdin)
        assert result.returncode == 0, result.stderr
        return result.stdout

    run(mark)
    rows = list(csv.DictReader((tmp_path / "marked.csv").read_text(encoding="utf-8").splitlines()))
    assert [(r["answer"], r["outcome"]) for r in rows] == [("Johann Galla", "check"), ("Hermes", "wrong")]
    accept(tmp_path / "marked.csv", {"Johann Galla", "Hermes"})  # the teacher takes both
    assert run(show).splitlines() == [
        "# closest-planet (Mercury): Hermes (1)",
        "aliases: [Hermes]",
        "# neptune-discoverer (Johann Galle): Johann Galla (1)",
        "aliases: [Galle, Johann Galla]",
    ]
    run(f"{show} --add", stdin="y\n")
    run(mark)
    rows = list(csv.DictReader((tmp_path / "marked.csv").read_text(encoding="utf-8").splitlines()))
    assert [r["outcome"] for r in rows] == ["correct", "correct"]
    assert run(show) == ""


def test_a_progress_file_nested_too_deep_is_named_not_a_traceback(run_cli: RunCli, tmp_path: Path) -> None:
    progress = tmp_path / "deep.json"
    progress.write_text("[" * 100_000, encoding="utf-8")
    result = run_cli("aliases", "--deck", MINI, "--progress", progress)
    assert result.returncode == 1
    assert result.stderr == (
        f"{progress}: not a progress file exported by the practice page (its values are nested too deeply "
        "or are numbers too long to read)\n"
    )


def test_a_damaged_answer_in_the_quiz_progress_is_left_out_with_a_warning(
    run_cli: RunCli, tmp_path: Path
) -> None:
    import sqlite3

    from rutw_quiz.quiz import open_store
    from rutw_quiz.quiz.progress import DB_NAME

    home = tmp_path / "home"
    with open_store(home):
        pass
    db = sqlite3.connect(home / DB_NAME)
    for answer in ("x'ff00'", "CAST(x'ff00' AS TEXT)", "'Hermes'"):  # bytes, text not in UTF-8, text
        db.execute(
            "INSERT INTO overrides (answer_id, deck_id, fact_id, question_id, answer, overridden_at) "
            f"SELECT 1, 'solar-mini', 'closest-planet', 'q', {answer}, 0"
        )
    db.commit()
    db.close()
    result = run_cli("aliases", "--deck", MINI, "--quiz", env={"RUTW_QUIZ_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["# closest-planet (Mercury): Hermes (1)", "aliases: [Hermes]"]
    assert result.stderr == (
        f"warning: {home / DB_NAME}: an answer said to be right for fact 'closest-planet' (deck solar-mini) "
        "cannot be read (the file is damaged there); it is left out\n"
    )


def test_add_fills_a_fact_written_with_an_empty_aliases_list_keeping_the_rest_byte_for_byte(
    run_cli: RunCli, tmp_path: Path
) -> None:
    deck = deck_copy(tmp_path)
    empty = "    answer: Mercury  # the planet nearest the Sun\n    aliases: []  # none yet\n"
    text = deck.read_text(encoding="utf-8").replace(
        "    answer: Mercury  # the planet nearest the Sun\n", empty
    )
    deck.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))  # written on Windows
    assert run_cli("validate", deck).returncode == 0
    marked = marked_file(tmp_path, deck, run_cli, [(MERCURY, "Hermes"), (IAU, "Intl. Astronomical Union")])
    accept(marked, {"Hermes", "Intl. Astronomical Union"})
    result = run_cli("aliases", "--deck", deck, "--responses", marked, "--add", "--yes")
    assert result.returncode == 0, result.stderr
    expected = text.replace("aliases: []  # none yet", "aliases: [Hermes]  # none yet").replace(
        "    aliases: [IAU]\n", "    aliases: [IAU, Intl. Astronomical Union]\n"
    )
    assert deck.read_bytes() == expected.replace("\n", "\r\n").encode("utf-8")
    assert {f.id: f.aliases for f in read_deck_file(deck).deck.facts}["closest-planet"] == ["Hermes"]


def test_add_inserts_lines_with_the_files_own_line_ends(run_cli: RunCli, tmp_path: Path) -> None:
    deck = deck_copy(tmp_path)
    text = deck.read_text(encoding="utf-8")
    deck.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    marked = marked_file(tmp_path, deck, run_cli, [(MERCURY, "Hermes")])
    accept(marked, {"Hermes"})
    assert run_cli("aliases", "--deck", deck, "--responses", marked, "--add", "--yes").returncode == 0
    expected = text.replace(
        "# the planet nearest the Sun\n", "# the planet nearest the Sun\n    aliases: [Hermes]\n"
    )
    assert deck.read_bytes() == expected.replace("\n", "\r\n").encode("utf-8")


def test_an_answer_the_deck_would_not_validate_with_is_set_aside_and_the_others_are_added(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """'the Sun' stands in Mercury's statement (and question), 'Le Verrier' in Galle's, 'observation'
    in Galle's question, 'Mars rover' overlaps Mercury's wrong choice Mars: as aliases they would make
    the deck invalid, so they are never proposed, each with why; Hermes is, and is added."""
    deck = deck_copy(tmp_path)
    before = deck.read_text(encoding="utf-8")
    rows = [(MERCURY, "the Sun"), (GALLE, "Le Verrier"), (GALLE, "observation"), (MERCURY, "Mars rover")]
    marked = marked_file(tmp_path, deck, run_cli, [*rows, (MERCURY, "Hermes")])
    accept(marked, {"the Sun", "Le Verrier", "observation", "Mars rover", "Hermes"})
    result = run_cli("aliases", "--deck", deck, "--responses", marked, "--add", "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["# closest-planet (Mercury): Hermes (1)", "aliases: [Hermes]"]
    assert result.stderr.splitlines()[:-1] == [
        f"set aside: {marked}:2: 'the Sun' for closest-planet: it also stands in the statement apart from the "
        "answer, where it names something else: fill-in and true/false questions could not tell the two apart",
        f"set aside: {marked}:3: 'Le Verrier' for neptune-discoverer: it also stands in the statement apart "
        "from the answer, where it names something else: fill-in and true/false questions could not tell the "
        "two apart",
        f"set aside: {marked}:4: 'observation' for neptune-discoverer: the question 'Who discovered Neptune by "
        "observation?' contains it, so it would give its answer away",
        f"set aside: {marked}:5: 'Mars rover' for closest-planet: it overlaps the wrong choice 'Mars' (one "
        "contains the other), so that choice could pass as right",
    ]
    assert result.stderr.splitlines()[-1] == f"Added 1 alias to {deck}; it still validates."
    after = deck.read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if line not in before.splitlines()] == [
        "    aliases: [Hermes]"
    ]
    assert run_cli("validate", deck).returncode == 0


def test_a_list_the_edit_cannot_read_is_named_by_the_deck_files_line(run_cli: RunCli, tmp_path: Path) -> None:
    deck = deck_copy(tmp_path)
    text = deck.read_text(encoding="utf-8").replace(
        "    aliases: [Galle]\n", "    aliases: [\n      Galle]\n"
    )
    deck.write_text(text, encoding="utf-8")
    marked = marked_file(tmp_path, deck, run_cli, [(GALLE, "Hans Galle")])
    accept(marked, {"Hans Galle"})
    result = run_cli("aliases", "--deck", deck, "--responses", marked, "--add", "--yes")
    assert result.returncode == 1
    line = text.splitlines().index("      Galle]") + 1
    assert result.stderr.splitlines()[-1] == (
        f"{deck}:{line}: cannot tell how this deck writes its aliases; add them by hand"
    )
    assert deck.read_text(encoding="utf-8") == text


def test_lines_of_the_edited_text_are_placed_in_the_file_as_it_was(tmp_path: Path) -> None:
    """Were the edited deck not to validate, its problems name the lines of the file, which is unchanged."""
    from rutw_quiz.deck.edit import add_aliases

    path = deck_copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    loaded = read_deck_file(path)
    facts = loaded.deck.facts
    edited = add_aliases(
        text,
        loaded.lines,
        {f.id: i for i, f in enumerate(facts)},
        {f.id: f.aliases for f in facts},
        {"closest-planet": ["Hermes"], "largest-planet": ["Zeus"]},
    )
    old, new = text.splitlines(), edited.text.splitlines()
    for line, row in enumerate(new, start=1):
        if row.strip().startswith("aliases: [Hermes]"):
            assert old[edited.original_line(line) - 1].startswith("    answer: Mercury")
        elif row.strip().startswith("aliases: [Zeus]"):
            assert old[edited.original_line(line) - 1] == "    answer: Jupiter"
        else:
            assert old[edited.original_line(line) - 1] == row
