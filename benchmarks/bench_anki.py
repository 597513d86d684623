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

Then the whole process (issue 22), as a user runs it: `rutw-quiz anki --deck deck.yaml` on a
valid 10,000-fact deck file, beside a script that imports only genanki and writes the very same
notes (fields, tags, GUIDs and note types read back from rutw-quiz's .apkg into a JSON file,
which the script loads): start-up, reading the deck and making the fields are what the
command adds. Best of 5, run in turn.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from synthetic import synthetic_deck

from rutw_quiz import collector
from rutw_quiz.deck.models import Deck
from rutw_quiz.render.anki import (
    AnkiOptions,
    _models,
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
    """Print genanki's time, ours and the ratio, for decks of growing size, in-process and whole."""
    with tempfile.TemporaryDirectory(prefix="rutw-bench-anki-") as folder:
        out = Path(folder)
        # genanki 0.13 leaves its temporary SQLite file behind on every write: keep them in here.
        saved, tempfile.tempdir = tempfile.tempdir, folder
        try:
            _compare(out)
            for size in (1_000, 10_000):
                _compare_processes(out, size)
        finally:
            tempfile.tempdir = saved


GENANKI_ONLY = """
import json, sys
import genanki

data = json.load(open(sys.argv[1], encoding="utf-8"))
models = {
    m["id"]: genanki.Model(
        m["id"], m["name"], fields=m["fields"], templates=m["templates"], css=m["css"], model_type=m["type"]
    )
    for m in data["models"]
}
deck = genanki.Deck(data["deck_id"], data["deck_name"], data["description"])
for mid, fields, tags, guid, due in data["notes"]:
    note = genanki.Note(model=models[mid], fields=fields, tags=tags, guid=guid, due=due)
    deck.add_note(note)
genanki.Package(deck).write_to_file(sys.argv[2], timestamp=1_700_000_000)
"""


def _notes_of(apkg: Path, target: Path) -> None:
    """The notes, note types and deck of an .apkg, as JSON the genanki-only script reads."""
    database = apkg.with_suffix(".anki2")
    database.write_bytes(zipfile.ZipFile(apkg).read("collection.anki2"))
    db = sqlite3.connect(database)
    models_json, decks_json = db.execute("SELECT models, decks FROM col").fetchone()
    due = dict(db.execute("SELECT nid, due FROM cards").fetchall())
    notes = [
        (mid, fields.split("\x1f"), tags.split(), guid, due[nid])
        for nid, mid, fields, tags, guid in db.execute(
            "SELECT id, mid, flds, tags, guid FROM notes ORDER BY id"
        )
    ]
    db.close()
    models = [
        {
            "id": int(m["id"]),
            "name": m["name"],
            "fields": [{"name": f["name"]} for f in m["flds"]],
            "templates": [{"name": t["name"], "qfmt": t["qfmt"], "afmt": t["afmt"]} for t in m["tmpls"]],
            "css": m["css"],
            "type": m["type"],
        }
        for m in json.loads(models_json).values()
    ]
    deck = next(d for d in json.loads(decks_json).values() if d["name"] != "Default")
    data = {
        "models": models,
        "deck_id": deck["id"],
        "deck_name": deck["name"],
        "description": deck["desc"],
        "notes": notes,
    }
    target.write_text(json.dumps(data), encoding="utf-8")


def _process_seconds(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def _compare_processes(out: Path, size: int) -> None:
    """`rutw-quiz anki` on a deck file beside a genanki-only script writing the same notes."""
    import yaml
    from bench_load import valid_deck_data

    deck_file = out / f"deck{size}.yaml"
    deck_file.write_text(
        yaml.safe_dump(valid_deck_data(size), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    command = str(Path(sys.executable).with_name("rutw-quiz"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    ours = [command, "anki", "--deck", str(deck_file), "-o", str(out / "process.apkg")]
    subprocess.run(ours, check=True, capture_output=True, env=env)
    _notes_of(out / "process.apkg", out / "notes.json")
    script = out / "genanki_only.py"
    script.write_text(GENANKI_ONLY, encoding="utf-8")
    alone = [sys.executable, str(script), str(out / "notes.json"), str(out / "alone.apkg")]
    best = [float("inf"), float("inf")]
    for _ in range(5):
        for slot, args in enumerate((alone, ours)):
            best[slot] = min(best[slot], _process_seconds(args, env))
    print(
        f"{size:>6} facts, whole process: genanki-only script {best[0]:.3f} s; "
        f"rutw-quiz anki {best[1]:.3f} s; ratio {best[1] / best[0]:4.2f} (goal 1.30)"
    )


def _compare(out: Path) -> None:
    for size in (1_000, 10_000):
        deck = synthetic_deck(size)

        def ours(deck: Deck = deck) -> None:
            normalize_answer.cache_clear()  # time a first build, as the command makes
            package = build_anki_package([deck], AnkiOptions(), timestamp=TIMESTAMP)
            write_anki_package(out / "ours.apkg", package)

        alone = _genanki_alone(size, out / "baseline.apkg")

        def alone_no_gc(alone: Callable[[], None] = alone) -> None:
            with collector.paused():
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
