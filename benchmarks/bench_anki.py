"""Anki packages: what does building from a deck add to genanki's own cost of writing the notes?

Side by side, for the same number of notes on the same two note types:
- genanki alone: notes with ready-made field strings, tags and GUIDs, written by genanki's own
  `Package.write_to_file` (a stored zip; genanki works out each note's cards itself);
- rutw-quiz: `build_anki_package` from a validated synthetic deck (a cloze and a Q&A note per fact:
  escaping, clozes and the check that they hide the answer, citations, tags, GUIDs), a deflated zip,
  and the atomic write of the file. The engine's answer-normalising cache is emptied before each
  run, so every run costs what a first build in a fresh `rutw-quiz anki` costs.
The build pauses Python's cycle collector and tells genanki each note's single card; the second
line measures genanki alone with the collector paused too, for a like-for-like view of the rest.
The claim (issue 6): for 10,000 facts the build takes at most 1.3 times genanki alone.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthetic import synthetic_deck

from rutw_quiz.deck.models import Deck
from rutw_quiz.render.anki import (
    AnkiOptions,
    _models,
    _no_cycle_collection,
    build_anki_package,
    write_anki_package,
)
from rutw_quiz.text import normalize_answer

TIMESTAMP = 1_700_000_000.0


def _best_of_alternating(
    repeats: int, first: Callable[[], object], second: Callable[[], object]
) -> tuple[float, float]:
    """The best time of each, run in turn so that a busy moment of the machine hits both alike."""
    best = [float("inf"), float("inf")]
    for _ in range(repeats):
        for slot, func in enumerate((first, second)):
            start = time.perf_counter()
            func()
            best[slot] = min(best[slot], time.perf_counter() - start)
    return best[0], best[1]


def _genanki_alone(facts: int, path: Path) -> Callable[[], None]:
    """genanki writing `2 * facts` notes whose fields were made beforehand (not timed)."""
    import genanki

    qa_model, cloze_model = _models(genanki)
    source = "Source: <cite>Generated</cite> (rutw-quiz), Main: “record quote”"
    rows = []
    for i in range(facts):
        tags = [f"rutw::topic-{i % 20}", f"rutw::difficulty::{1 + i % 3}"]
        cloze = [
            f"In record {i} the key answer was {{{{c1::Place{i}ville::place}}}}.",
            "",
            source,
            f"fact-{i}",
        ]
        qa = [
            f"What was the key answer of record {i}?",
            "",
            f"Place{i}ville",
            "Explained.",
            source,
            f"fact-{i}",
        ]
        rows.append((cloze_model, cloze, tags, genanki.guid_for("c", i)))
        rows.append((qa_model, qa, tags, genanki.guid_for("q", i)))

    def write() -> None:
        deck = genanki.Deck(1_234_567_890_123, "Synthetic deck", "Baseline")
        for model, fields, tags, guid in rows:
            deck.add_note(genanki.Note(model=model, fields=fields, tags=tags, guid=guid))
        genanki.Package(deck).write_to_file(str(path), timestamp=TIMESTAMP)

    return write


def run() -> None:
    """Print genanki's time, ours and the ratio, for decks of growing size."""
    with tempfile.TemporaryDirectory(prefix="rutw-bench-anki-") as folder:
        out = Path(folder)
        # genanki 0.13 leaves its temporary SQLite file behind on every write: keep them in here.
        saved, tempfile.tempdir = tempfile.tempdir, folder
        try:
            _compare(out)
        finally:
            tempfile.tempdir = saved


def _compare(out: Path) -> None:
    for size in (1_000, 10_000):
        deck = synthetic_deck(size)

        def ours(deck: Deck = deck) -> None:
            normalize_answer.cache_clear()  # time a first build, as the command makes
            package = build_anki_package([deck], AnkiOptions(), timestamp=TIMESTAMP)
            write_anki_package(out / "ours.apkg", package)

        alone = _genanki_alone(size, out / "baseline.apkg")

        def alone_no_gc(alone: Callable[[], None] = alone) -> None:
            with _no_cycle_collection():
                alone()

        baseline, mine = _best_of_alternating(5, alone, ours)
        strict, _ = _best_of_alternating(5, alone_no_gc, lambda: None)
        notes = build_anki_package([deck], AnkiOptions(), timestamp=TIMESTAMP).notes
        megabytes = [(out / name).stat().st_size / 1e6 for name in ("baseline.apkg", "ours.apkg")]
        print(
            f"{size:>6} facts ({notes} notes): genanki alone {baseline * 1000:7.1f} ms; "
            f"rutw-quiz anki {mine * 1000:7.1f} ms; ratio {mine / baseline:4.2f} (limit 1.30); "
            f"files {megabytes[0]:.1f} MB vs {megabytes[1]:.1f} MB"
        )
        print(
            f"{'':>6}  genanki alone with the cycle collector paused too {strict * 1000:7.1f} ms; "
            f"ratio {mine / strict:4.2f}"
        )


if __name__ == "__main__":
    run()
