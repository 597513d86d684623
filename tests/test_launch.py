"""Ctrl-C while the command is still loading ends it quietly, as it does later (no traceback)."""

from __future__ import annotations

import subprocess
import sys

# Ctrl-C arriving while the command line is imported: the import itself raises KeyboardInterrupt.
INTERRUPTED_WHILE_LOADING = """
import importlib.abc, sys

class CtrlC(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "rutw_quiz.cli":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, CtrlC())
from rutw_quiz.launch import main
main()
"""


def test_ctrl_c_while_the_command_loads_ends_it_without_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WHILE_LOADING],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 130
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr
    assert done.stdout == ""


def test_the_installed_command_starts_through_the_launcher() -> None:
    """The console script is the launcher (else the guard above would never run)."""
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "rutw-quiz"]
    assert script.value == "rutw_quiz.launch:main"
