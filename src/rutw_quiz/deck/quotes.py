"""Check that every evidence quote occurs verbatim in the text of its source.

A source's text is looked for under `validate --sources DIR` first, then beside the deck file,
so a deck can ship the texts its licence allows (the bundled deck ships its Wikipedia article)
and anyone can check those quotes without extra files. A `file` name never leads out of the
folder it is looked up in, and only regular files of a sane size are read.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from rutw_quiz.deck.loader import LoadedDeck
from rutw_quiz.deck.models import Source
from rutw_quiz.errors import Problem
from rutw_quiz.text import normalize_quote

MAX_SOURCE_BYTES = 50 * 1024 * 1024


@dataclass
class QuoteCheck:
    """What a quote check found: problems, and which sources were checked or could not be."""

    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, Path] = field(default_factory=dict)
    """Source id -> the text file its quotes were checked against."""
    unchecked: list[Source] = field(default_factory=list)
    """Sources whose text was found nowhere (only without `--sources`: with it, that is a problem)."""


class _Unusable(Exception):
    """A source text path that must not or cannot be read."""


def _inside(folder: Path, name: str) -> Path:
    """`folder/name`, refused when it leads out of `folder` (`../../etc/passwd`, an absolute path)."""
    base = folder.resolve()
    path = (base / name).resolve()
    if not path.is_relative_to(base):
        raise _Unusable(f"'{name}' leads out of {folder}; give the name of a file inside it")
    return path


def _read(path: Path) -> str:
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise _Unusable(f"{path} is not a regular file")
    if info.st_size > MAX_SOURCE_BYTES:
        raise _Unusable(f"{path} is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB")
    return path.read_text(encoding="utf-8")


def check_quotes(loaded: LoadedDeck, sources_dir: Path | None = None) -> QuoteCheck:
    """Check every quote whose source text is found (in `sources_dir`, then beside the deck)."""
    deck = loaded.deck
    result = QuoteCheck()
    texts: dict[str, str] = {}
    folders = [*([sources_dir] if sources_dir is not None else []), loaded.path.parent]
    for index, source in enumerate(deck.sources):
        if source.file is None:
            if sources_dir is not None:
                result.problems.append(
                    loaded.problem(
                        ("sources", index),
                        f"source '{source.id}' has no `file`, so its quotes cannot be checked; add the file name of its text",
                    )
                )
            else:
                result.unchecked.append(source)
            continue
        found = False
        for folder in folders:
            try:
                path = _inside(folder, source.file)
                if not path.exists():
                    continue
                texts[source.id] = normalize_quote(_read(path))
            except _Unusable as error:
                result.problems.append(loaded.problem(("sources", index, "file"), f"source text {error}"))
            except UnicodeDecodeError as error:
                result.problems.append(
                    loaded.problem(
                        ("sources", index, "file"),
                        f"source text {path} is not UTF-8 text ({error.reason} at byte {error.start}); "
                        "save it as UTF-8 (in a text editor: Save As, encoding UTF-8)",
                    )
                )
            except OSError as error:
                result.problems.append(
                    loaded.problem(("sources", index, "file"), f"source text {path} is unreadable ({error})")
                )
            else:
                result.checked[source.id] = path
            found = True
            break
        if not found:
            if sources_dir is not None:
                result.problems.append(
                    loaded.problem(
                        ("sources", index, "file"), f"source text {sources_dir / source.file} is not found"
                    )
                )
            else:
                result.unchecked.append(source)
    for index, fact in enumerate(deck.facts):
        text = texts.get(fact.source.id)
        if text is None:
            continue
        if normalize_quote(fact.source.quote) not in text:
            result.problems.append(
                loaded.problem(
                    ("facts", index, "source", "quote"),
                    f"quote of fact '{fact.id}' not found verbatim in {result.checked[fact.source.id]}; "
                    "copy it exactly from the source",
                )
            )
    return result


def quote_problems(loaded: LoadedDeck, sources_dir: Path) -> list[Problem]:
    """Problems for quotes not found in their source's text (and for texts that are missing)."""
    return check_quotes(loaded, sources_dir).problems
