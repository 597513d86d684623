"""The documentation is tested: help examples and README commands are ones that work."""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from conftest import RunCli
from rutw_quiz.cli import cli
from rutw_quiz.deck import read_deck_file
from rutw_quiz.deck.models import AnswerKind, Deck, Evidence, Fact, Source
from rutw_quiz.resources import bundled_deck_path

README = Path(__file__).resolve().parents[1] / "README.md"
SHELL_ENDS = {"|", ">", ">>", "<", "&&", "||", ";", "2>"}


def all_commands(group: click.Group = cli, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    """Every command of the CLI, with its full name; subgroups are walked too."""
    for name, command in sorted(group.commands.items()):
        yield f"{prefix}{name}", command
        if isinstance(command, click.Group):
            yield from all_commands(command, f"{prefix}{name} ")


COMMANDS = dict(all_commands())


def invocations(text: str) -> Iterator[list[str]]:
    """The arguments after each `rutw-quiz` in `text`, up to the end of the shell command."""
    for line in text.splitlines():
        for match in re.finditer(r"(?:^|[\s/])rutw-quiz((?: [^\n]*)?)", line):
            args: list[str] = []
            for token in shlex.split(match.group(1).replace("[", "").replace("]", "").replace("...", "")):
                if token in SHELL_ENDS:
                    break
                args.append(token)
            yield args


def known_options(command: click.Command) -> set[str]:
    names = {"-h", "--help"}
    for param in command.params:
        names.update(param.opts)
        names.update(param.secondary_opts)
    return names


def bundled_topics() -> set[str]:
    return set(read_deck_file(bundled_deck_path()).deck.topics)


def check_invocation(args: list[str], where: str) -> None:
    """`args` name a real command, use only its options, and pick real topics and choices."""
    if not args or args[0].startswith("-"):
        return  # `rutw-quiz --version` and the like
    name = args[0]
    assert name in COMMANDS, f"{where}: `rutw-quiz {' '.join(args)}` names no command"
    command = COMMANDS[name]
    options = known_options(command)
    for i, arg in enumerate(args[1:], start=1):
        if not arg.startswith("-") or arg == "-":
            continue
        option = arg.split("=", 1)[0]
        assert option in options, f"{where}: `rutw-quiz {' '.join(args)}`: {name} has no option {option}"
        if option == "--topic" and "--deck" not in args:
            topic = args[i + 1] if "=" not in arg else arg.split("=", 1)[1]
            if topic.isupper():
                continue  # a placeholder such as TOPIC
            assert topic in bundled_topics(), f"{where}: topic '{topic}' is not in the bundled deck"


# --- help ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str) -> None:
    text = COMMANDS[name].help or ""
    assert re.search(r"^\s*Examples?:\s*$", text, re.MULTILINE), f"`rutw-quiz {name} --help` shows no example"
    assert f"rutw-quiz {name}" in text.split("Example", 1)[1]


@pytest.mark.parametrize("name", ["(group)", *sorted(COMMANDS)])
def test_help_examples_use_real_options_and_topics(name: str) -> None:
    command = cli if name == "(group)" else COMMANDS[name]
    for args in invocations((command.help or "").split("Example", 1)[-1]):
        check_invocation(args, f"`{name}` help")


@pytest.mark.parametrize("name", ["", *sorted(COMMANDS)])
def test_every_help_fits_80_columns(name: str, run_cli: RunCli) -> None:
    """As a terminal 80 columns wide shows it: no line wraps (examples are never re-wrapped by click)."""
    result = run_cli(*name.split(), "--help", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    long = [line for line in result.stdout.splitlines() if len(line) > 80]
    assert not long, f"`rutw-quiz {name} --help` at 80 columns: {long}"


def test_the_top_level_help_shows_each_audiences_entry_point() -> None:
    examples = (cli.help or "").split("Examples:", 1)[1]
    for command in ("quiz", "quiz --review", "practice", "worksheet", "anki", "validate"):
        assert re.search(rf"^\s+rutw-quiz {command}\b", examples, re.MULTILINE), command


def test_the_short_help_of_every_command_is_a_sentence(run_cli: RunCli) -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for name, command in COMMANDS.items():
        assert (command.help or "").split("\n", 1)[0].rstrip().endswith("."), name
        assert re.search(rf"^  {name}\s+\S", result.stdout, re.MULTILINE), name


# --- README ----------------------------------------------------------------------------------


def readme() -> str:
    return README.read_text(encoding="utf-8")


def section(title: str) -> str:
    """The README's text under `## title`, up to the next `## ` heading."""
    match = re.search(rf"^## {re.escape(title)}\s*\n(.*?)(?=^## |\Z)", readme(), re.MULTILINE | re.DOTALL)
    assert match, f"README.md has no '## {title}' section"
    return match.group(1)


def code_blocks(text: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def quick_start_commands() -> list[str]:
    """The commands of the first code block under Quick start (blank lines and comments skipped)."""
    blocks = code_blocks(section("Quick start"))
    assert blocks, "the Quick start section has no code block"
    return [line for line in blocks[0].splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_readme_sections_come_in_the_promised_order() -> None:
    headings = re.findall(r"^## (.+?)\s*$", readme(), re.MULTILINE)
    expected = [
        "Quick start",
        "For students",
        "For teachers",
        "For Anki users",
        "Commands",
        "Writing your own deck",
        "Development",
    ]
    assert [h for h in headings if h in expected] == expected
    assert readme().index("terminal") < readme().index("## Quick start"), "what it is comes first"


def test_quick_start_has_exactly_two_one_line_commands() -> None:
    setup, tests = quick_start_commands()
    assert re.match(
        r"python3 -m venv \.venv && \.venv/bin/pip install -q \. && \.venv/bin/rutw-quiz quiz$", setup
    )
    assert re.match(r"python3 -m venv \.venv && \.venv/bin/pip install -q -e '\.\[test\]' && .*pytest", tests)


def test_ci_runs_the_readmes_second_command(repo_root: Path) -> None:
    script = repo_root / ".ci" / "run"
    assert script.stat().st_mode & 0o111, ".ci/run must be executable"
    done = subprocess.run(
        ["bash", str(script), "--print-test-command"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == quick_start_commands()[1] + "\n"


def test_ci_refuses_a_quick_start_block_without_two_commands(repo_root: Path, tmp_path: Path) -> None:
    (tmp_path / ".ci").mkdir()
    (tmp_path / ".ci" / "run").write_bytes((repo_root / ".ci" / "run").read_bytes())
    (tmp_path / "README.md").write_text("# x\n\n## Quick start\n\n```sh\n# only a comment\nmake test\n```\n")
    done = subprocess.run(
        ["bash", str(tmp_path / ".ci" / "run"), "--print-test-command"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "exactly two commands (found 1)" in done.stderr


def test_ci_script_is_strict_and_runs_the_checks(repo_root: Path) -> None:
    text = (repo_root / ".ci" / "run").read_text()
    assert "set -euo pipefail" in text
    for check in ("ruff check src tests", "ruff format --check src tests", "mypy --strict src"):
        assert check in text


def readme_code() -> str:
    """The README's code: its code blocks and inline code spans, one per line."""
    text = readme()
    blocks = code_blocks(text)
    prose = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)
    return "\n".join([*blocks, *re.findall(r"`([^`\n]+)`", prose)])


def test_every_rutw_quiz_command_in_the_readme_is_real() -> None:
    found = 0
    for args in invocations(readme_code()):
        check_invocation(args, "README.md")
        found += 1
    assert found >= 10


@pytest.mark.parametrize(
    "name", ["facts", "validate", "schema", "questions", "quiz", "stats", "worksheet", "anki"]
)
def test_the_readme_mentions_each_command(name: str) -> None:
    assert f"rutw-quiz {name}" in readme()


@pytest.mark.parametrize("model", [Deck, Source, Fact, Evidence])
def test_the_readme_documents_every_key_of_the_deck_format(
    model: type[Deck | Source | Fact | Evidence],
) -> None:
    text = section("Writing your own deck")
    for key in model.model_fields:
        assert f"`{key}`" in text, f"README does not document {model.__name__}.{key}"


def test_the_readme_lists_every_answer_kind() -> None:
    text = section("Writing your own deck")
    for kind in AnswerKind:
        assert f"`{kind.value}`" in text


def test_the_readmes_example_deck_is_valid_and_its_quotes_are_in_the_mini_source(
    run_cli: RunCli, tmp_path: Path, mini_sources_dir: Path
) -> None:
    [example] = [
        b for b in code_blocks(section("Writing your own deck")) if b.startswith("# yaml-language-server")
    ]
    assert example.splitlines()[0] == "# yaml-language-server: $schema=deck.schema.json"
    deck = tmp_path / "example.yaml"
    deck.write_text(example)
    result = run_cli("validate", deck, "--sources", mini_sources_dir)
    assert result.returncode == 0, result.stderr
