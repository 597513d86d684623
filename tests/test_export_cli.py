"""`rutw-quiz export` as a command: --list, the errors at the edge, atomic writes, fast start-up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import RunCli
from rutw_quiz.cli.export_commands import FORMATS

ALL_TYPES = "multiple_choice, true_false, fill_in, short_answer, timeline, matching"


def test_list_names_each_format_with_the_types_it_carries(run_cli: RunCli) -> None:
    done = run_cli("export", "--list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(FORMATS)
    assert set(FORMATS) == {"moodle", "gift", "qti", "blackboard", "kahoot", "quizlet", "blooket", "gimkit"}
    by_name = {line.split()[0]: line for line in lines}
    assert by_name["moodle"].endswith(f"Moodle XML (.xml): {ALL_TYPES}")
    assert by_name["kahoot"].endswith("Kahoot (.kahoot.xlsx): multiple_choice, true_false")
    assert by_name["quizlet"].endswith("Quizlet (.quizlet.txt): short_answer, fill_in")


def test_a_format_is_required_and_must_be_known(run_cli: RunCli) -> None:
    done = run_cli("export")
    assert done.returncode == 2
    assert "give a FORMAT (see `rutw-quiz export --list`)" in done.stderr
    done = run_cli("export", "word")
    assert done.returncode == 2
    assert "'word' is not one of" in done.stderr


def test_an_unwritable_output_is_reported_with_its_path(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "bank.xml"
    done = run_cli("export", "moodle", "-o", target)
    assert done.returncode == 1
    assert f"{target}: cannot write: folder {target.parent} does not exist" in done.stderr
    assert not target.parent.exists()


def test_an_unknown_topic_is_a_message_not_a_traceback(run_cli: RunCli) -> None:
    done = run_cli("export", "moodle", "--topic", "no-such-topic", "-o", "-")
    assert done.returncode == 2
    assert "Error: Invalid value for '--topic': no topic 'no-such-topic'" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_the_command_module_imports_no_writer_or_library() -> None:
    """`rutw-quiz --help` stays fast: writers, XlsxWriter and pydantic load only when a file is made."""
    code = (
        "import sys, rutw_quiz.cli.export_commands\n"
        "heavy = [m for m in sys.modules if m.startswith(('rutw_quiz.render', 'rutw_quiz.questions', "
        "'xlsxwriter', 'pydantic', 'xml.etree'))]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_streamed_bank_file_is_the_whole_bank_written_at_once(run_cli: RunCli, tmp_path: Path) -> None:
    """Moodle XML, GIFT and Blackboard files are written while the bank is made: the same file,
    notices and count."""
    from rutw_quiz.deck import read_deck_file
    from rutw_quiz.questions.bank import build_bank
    from rutw_quiz.render.blackboard import blackboard
    from rutw_quiz.render.gift import gift
    from rutw_quiz.render.moodle_xml import moodle_xml
    from rutw_quiz.resources import bundled_deck_path

    bank = build_bank([read_deck_file(bundled_deck_path()).deck])
    done = run_cli("export", "moodle", "-o", tmp_path / "bank.xml")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "bank.xml").read_bytes() == moodle_xml(bank)
    assert f"{len(bank.questions)} questions in {len(bank.groups)} topics (Moodle XML)" in done.stderr
    done = run_cli("export", "gift", "-o", tmp_path / "bank.gift")
    whole = gift(bank)
    assert (tmp_path / "bank.gift").read_text(encoding="utf-8") == whole.text
    assert [line for line in done.stderr.splitlines() if line.startswith("note: ")] == [
        f"note: {notice}" for notice in whole.notices
    ]
    assert f"{whole.written} questions in {len(bank.groups)} topics (GIFT)" in done.stderr
    done = run_cli("export", "blackboard", "-o", tmp_path / "bank.txt")
    board = blackboard(bank)
    assert (tmp_path / "bank.txt").read_text(encoding="utf-8") == board.text
    assert f"{len(bank.questions)} questions in {len(bank.groups)} topics (Blackboard)" in done.stderr


def test_a_streamed_bank_that_makes_no_question_leaves_the_old_file(run_cli: RunCli, tmp_path: Path) -> None:
    """That no question can be made is known only once the engine has tried every topic: nothing
    is written before, and the old file is kept."""
    target = tmp_path / "bank.xml"
    target.write_text("the old bank", encoding="utf-8")
    for fmt in ("moodle", "gift", "blackboard"):
        done = run_cli("export", fmt, "--type", "timeline", "--topic", "tuapse", "-o", target)
        assert done.returncode == 1
        assert "no timeline question can be made from the facts matching these options" in done.stderr
        assert "Traceback" not in done.stderr
        assert target.read_text(encoding="utf-8") == "the old bank"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.xml"]
        done = run_cli("export", fmt, "--type", "timeline", "--topic", "tuapse", "-o", "-")
        assert done.returncode == 1 and done.stdout == "", "nothing is written before the bank fails"


def test_only_a_file_put_in_place_whole_is_written_while_its_bank_is_made(
    tmp_path: Path, mini_deck_path: Path
) -> None:
    """A bank that fails half-way must leave nothing half-written: standard output, a pipe or a
    device would hold part of a file, so those are written once the bank is whole; so is GIFT
    from several decks, whose header names only the decks that gave questions."""
    import os

    from rutw_quiz.cli.export_commands import _streamed
    from rutw_quiz.deck import read_deck_file
    from rutw_quiz.resources import bundled_deck_path

    deck, mini = read_deck_file(bundled_deck_path()).deck, read_deck_file(mini_deck_path).deck
    moodle = FORMATS["moodle"]
    assert _streamed(moodle, tmp_path / "bank.xml", [deck])
    assert _streamed(FORMATS["blackboard"], tmp_path / "bank.txt", [deck, mini])
    assert not _streamed(moodle, None, [deck])
    assert not _streamed(moodle, Path("/dev/null"), [deck])
    os.mkfifo(tmp_path / "pipe")
    assert not _streamed(moodle, tmp_path / "pipe", [deck])
    assert _streamed(FORMATS["gift"], tmp_path / "bank.gift", [deck])
    assert not _streamed(FORMATS["gift"], tmp_path / "bank.gift", [deck, mini])
    assert not _streamed(FORMATS["qti"], tmp_path / "bank.zip", [deck])
