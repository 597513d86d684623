"""The benchmark scripts still run against the code they measure: each imports, so a renamed
function fails here rather than on the day someone needs the numbers."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize("script", sorted(p.stem for p in BENCHMARKS.glob("*.py")))
def test_every_benchmark_script_imports(script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "path", [str(BENCHMARKS), *sys.path])  # put back as it was after
    module = importlib.import_module(script)
    assert module.__doc__, f"{script}.py says what it measures"
    monkeypatch.delitem(sys.modules, script)
