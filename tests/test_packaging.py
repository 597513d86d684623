"""The wheel is self-contained: installed anywhere, the commands work from any folder; --help is light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from rutw_quiz.cli import cli

HEAVY = {"pydantic", "pydantic_core", "yaml", "jinja2", "markupsafe", "genanki", "anki", "fsrs"}


@dataclass(frozen=True)
class Installed:
    wheel: Path
    site: Path


@pytest.fixture(scope="module")
def installed(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel built from this checkout and installed (without dependencies) into its own folder."""
    out = tmp_path_factory.mktemp("dist")
    # The way `pip install .` builds it: in an isolated environment with the declared build backend.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), "."],
        cwd=repo_root,
        check=True,
        capture_output=True,
        timeout=120,
    )
    [wheel] = out.glob("rutw_quiz-*.whl")
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Installed(wheel, site)


def run_installed(installed: Installed, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m rutw_quiz ARGS` with only the installed wheel (and the venv's dependencies) importable."""
    env = {**os.environ, "PYTHONPATH": str(installed.site), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_the_wheel_ships_the_bundled_deck_and_the_templates(installed: Installed, repo_root: Path) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    assert "rutw_quiz/decks/russia_taiwan.yaml" in names
    templates = {n for n in names if n.startswith("rutw_quiz/templates/")}
    expected = {
        "rutw_quiz/" + p.relative_to(repo_root).as_posix()
        for p in (repo_root / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert templates == expected


def test_the_wheel_holds_no_tests_or_caches(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert not [n for n in names if n.startswith("tests/") or "__pycache__" in n or n.endswith(".pyc")]


def test_the_wheel_declares_the_console_script(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        [entry_points] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = wheel.read(entry_points).decode()
    assert "rutw-quiz = rutw_quiz.launch:main" in text


def test_the_installed_package_is_the_one_that_runs(installed: Installed, tmp_path: Path) -> None:
    done = run_installed(
        installed,
        tmp_path,
        "-c",
        "import rutw_quiz, rutw_quiz.resources as r; print(rutw_quiz.__file__); "
        "print(r.bundled_deck_path()); print(r.templates_dir())",
    )
    assert done.returncode == 0, done.stderr
    package, deck, templates = (Path(line) for line in done.stdout.splitlines())
    for path in (package, deck, templates):
        assert path.is_relative_to(installed.site), path
    assert deck.is_file()
    assert (templates / "worksheet.html.j2").is_file()


def test_validate_works_from_another_folder(installed: Installed, tmp_path: Path) -> None:
    done = run_installed(installed, tmp_path, "-m", "rutw_quiz", "validate")
    assert done.returncode == 0, done.stderr
    deck = installed.site / "rutw_quiz" / "decks" / "russia_taiwan.yaml"
    assert done.stdout.startswith(f"{deck}: ok, ")
    # The Wikipedia article ships beside the deck, so its quotes are checked anywhere; the news
    # item (copyrighted) does not, and validate says how to check it.
    assert "the quotes of 1 of 2 sources checked (russia_taiwan.wikipedia.txt)" in done.stdout
    assert "'Russia Reiterates Opposition to Taiwan's Independence' (MENAFN) were not checked" in done.stderr
    assert "--sources DIR" in done.stderr


def test_the_wheel_ships_the_licence_and_the_article_text_with_its_licence_notice(
    installed: Installed,
) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = wheel.namelist()
        [licence] = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        assert "MIT License" in wheel.read(licence).decode()
        article = wheel.read("rutw_quiz/decks/russia_taiwan.wikipedia.txt").decode()
    assert "CC BY-SA 4.0" in article and "https://creativecommons.org/licenses/by-sa/4.0/" in article
    assert "https://en.wikipedia.org/wiki/Russia%E2%80%93Taiwan_relations" in article
    assert not any(n.endswith("002_a9d25d24a0dd6e93.txt") for n in names), "the news item is not ours to ship"


def test_facts_json_works_from_another_folder(installed: Installed, tmp_path: Path) -> None:
    done = run_installed(installed, tmp_path, "-m", "rutw_quiz", "facts", "--json")
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert len(facts) >= 45
    assert {"id", "statement", "answer", "kind", "topics", "difficulty", "source"} <= facts[0].keys()


def test_the_version_of_the_installed_wheel_is_its_metadata_version(
    installed: Installed, tmp_path: Path
) -> None:
    version = installed.wheel.name.split("-")[1]
    done = run_installed(installed, tmp_path, "-m", "rutw_quiz", "--version")
    assert done.stdout == f"rutw-quiz, version {version}\n"


@pytest.mark.parametrize(
    "args", [[], *([name] for name in sorted(cli.commands))], ids=["(group)", *sorted(cli.commands)]
)
def test_help_imports_nothing_heavy(tmp_path: Path, args: list[str]) -> None:
    """`rutw-quiz [COMMAND] --help` starts fast: no pydantic, YAML, jinja2, Anki or FSRS."""
    code = (
        "import json, sys\n"
        "from rutw_quiz.cli import cli\n"
        f"cli.main({[*args, '--help']!r}, prog_name='rutw-quiz', standalone_mode=False)\n"
        f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(HEAVY)!r}))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: rutw-quiz")
    assert json.loads(done.stdout.splitlines()[-1]) == []
