"""Check that every evidence quote occurs verbatim in the text of its source."""

from __future__ import annotations

from pathlib import Path

from rutw_quiz.deck.loader import LoadedDeck
from rutw_quiz.errors import Problem
from rutw_quiz.text import normalize_quote


def quote_problems(loaded: LoadedDeck, sources_dir: Path) -> list[Problem]:
    """Problems for quotes not found in their source file under `sources_dir` (and for missing files)."""
    deck = loaded.deck
    texts: dict[str, str | None] = {}
    problems: list[Problem] = []
    for index, source in enumerate(deck.sources):
        if source.file is None:
            texts[source.id] = None
            problems.append(
                loaded.problem(
                    ("sources", index),
                    f"source '{source.id}' has no `file`, so its quotes cannot be checked; add the file name of its text",
                )
            )
            continue
        path = sources_dir / source.file
        try:
            texts[source.id] = normalize_quote(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            texts[source.id] = None
            reason = "not found" if isinstance(error, FileNotFoundError) else f"unreadable ({error})"
            problems.append(loaded.problem(("sources", index, "file"), f"source text {path} is {reason}"))
    for index, fact in enumerate(deck.facts):
        text = texts.get(fact.source.id)
        if text is None:
            continue
        if normalize_quote(fact.source.quote) not in text:
            file = deck.source(fact.source.id).file
            problems.append(
                loaded.problem(
                    ("facts", index, "source", "quote"),
                    f"quote of fact '{fact.id}' not found verbatim in {sources_dir / str(file)}; copy it exactly from the source",
                )
            )
    return problems
