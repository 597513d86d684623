"""Anki packages: built by `rutw-quiz anki`, imported with the official `anki` library (what Anki desktop runs on)."""

from __future__ import annotations

import html
import io
import itertools
import random
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import genanki
import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition
from click.testing import CliRunner

from conftest import RunCli
from rutw_quiz.cli import cli
from rutw_quiz.cli.anki_commands import ANKI_TYPES
from rutw_quiz.deck import read_deck_file
from rutw_quiz.deck.models import Deck, Fact
from rutw_quiz.questions.builders import DeckContext, multiple_choice
from rutw_quiz.questions.cloze import blank_out
from rutw_quiz.questions.distractors import AnswerIndex
from rutw_quiz.render import anki_ids
from rutw_quiz.render.anki import (
    ANKI_QUESTION_TYPES,
    AnkiOptions,
    NoteKind,
    build_anki_package,
    cloze_text,
    kinds_for_types,
)
from rutw_quiz.resources import bundled_deck_path

MINI = Path(__file__).parent / "data" / "mini.yaml"
RUTW_QUIZ = str(Path(sys.executable).with_name("rutw-quiz"))
EPOCH = 1_700_000_000
QA, CLOZE = "rutw-quiz Q&A", "rutw-quiz Cloze"


# ---------------------------------------------------------------- helpers


def mini_deck() -> Deck:
    return read_deck_file(MINI).deck


def edited_mini(tmp_path: Path, old: str, new: str, name: str = "mini.yaml") -> Path:
    """A copy of mini.yaml with one piece of text replaced."""
    text = MINI.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def write_package(
    path: Path, decks: list[Deck], options: AnkiOptions | None = None, timestamp: int = EPOCH
) -> Path:
    path.write_bytes(build_anki_package(decks, options or AnkiOptions(), timestamp=timestamp).data)
    return path


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    """A fresh, empty Anki collection."""
    collection = Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def import_package(col: Collection, path: Path) -> Any:
    """Import as Anki desktop does by default: update notes and note types only when the file's are newer."""
    options = ImportAnkiPackageOptions(
        merge_notetypes=False,
        update_notes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        update_notetypes=ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        with_scheduling=False,
        with_deck_configs=False,
    )
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options)).log


def visible(card_html: str) -> str:
    """What a student sees: no stylesheet, no tags, entities decoded, spaces collapsed."""
    text = re.sub(r"<style>.*?</style>", " ", card_html, flags=re.DOTALL)
    text = re.sub(r"</?(?:span|b|i|cite|a)\b[^>]*>", "", text)  # inline: no break in the text
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).split())


def notes_by_fact(col: Collection, model: str) -> dict[str, Any]:
    found = {}
    for note_id in col.find_notes(f'"note:{model}"'):
        note = col.get_note(note_id)
        found[note["FactId"]] = note
    return found


def run_anki(
    *args: str, cwd: Path, epoch: int | None = EPOCH, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", **(extra_env or {})}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    return subprocess.run(
        [RUTW_QUIZ, "anki", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


# ---------------------------------------------------------------- import into Anki


def test_import_gives_a_cloze_and_a_qa_note_per_fact_in_the_titled_deck(
    tmp_path: Path, col: Collection
) -> None:
    deck = mini_deck()
    log = import_package(col, write_package(tmp_path / "mini.apkg", [deck]))

    assert len(log.new) == 2 * len(deck.facts)
    assert col.note_count() == col.card_count() == 2 * len(deck.facts)
    assert set(notes_by_fact(col, CLOZE)) == set(notes_by_fact(col, QA)) == {f.id for f in deck.facts}

    qa, cloze = col.models.by_name(QA), col.models.by_name(CLOZE)
    assert qa is not None and cloze is not None
    assert (qa["id"], cloze["id"]) == (anki_ids.QA_MODEL_ID, anki_ids.CLOZE_MODEL_ID)
    assert cloze["type"] == 1 and qa["type"] == 0  # Anki's cloze and standard kinds
    assert [f["name"] for f in qa["flds"]] == [
        "Question",
        "Choices",
        "Answer",
        "Explanation",
        "Source",
        "FactId",
    ]
    assert [f["name"] for f in cloze["flds"]] == ["Text", "Extra", "Source", "FactId"]
    # The fixed field and template ids reach Anki (it merges changed note types by them).
    assert [f["id"] for f in qa["flds"]] == list(anki_ids.QA_FIELDS.values())
    assert [f["id"] for f in cloze["flds"]] == list(anki_ids.CLOZE_FIELDS.values())
    assert [t["id"] for t in qa["tmpls"]] == [anki_ids.QA_TEMPLATE_ID]
    assert [t["id"] for t in cloze["tmpls"]] == [anki_ids.CLOZE_TEMPLATE_ID]
    # The one script (the choices' shuffle) sits in the front template, inside {{#Choices}}: a
    # question-and-answer or cloze card runs none.
    qfmt = qa["tmpls"][0]["qfmt"]
    assert qfmt.count("<script") == 1 and qfmt.index("{{#Choices}}") < qfmt.index("<script") < qfmt.index(
        "{{/Choices}}"
    )
    assert "<script" not in qa["tmpls"][0]["afmt"] + cloze["tmpls"][0]["qfmt"] + cloze["tmpls"][0]["afmt"]
    assert ".nightMode" in qa["css"] and ".night_mode" in qa["css"]

    anki_deck = col.decks.by_name(deck.title)
    assert anki_deck is not None
    assert anki_deck["desc"].startswith(deck.description)
    assert {col.get_card(cid).did for cid in col.find_cards("")} == {anki_deck["id"]}


def test_tags_are_hierarchical_topics_and_difficulty_without_spaces(tmp_path: Path, col: Collection) -> None:
    import_package(col, write_package(tmp_path / "mini.apkg", [mini_deck()]))

    pluto = notes_by_fact(col, CLOZE)["pluto-reclassified"]
    assert sorted(pluto.tags) == ["rutw::difficulty::3", "rutw::discovery", "rutw::planets"]
    assert all(" " not in tag for tag in col.tags.all())
    assert {"rutw::spaceflight", "rutw::difficulty::1"} <= set(col.tags.all())


def test_every_card_renders_the_cloze_hidden_in_front_and_shown_with_its_source_on_the_back(
    tmp_path: Path, col: Collection
) -> None:
    deck = mini_deck()
    import_package(col, write_package(tmp_path / "mini.apkg", [deck]))
    facts = {fact.id: fact for fact in deck.facts}

    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        front, back = card.question(), card.answer()
        assert "{{" not in front and "{{" not in back
        fact = facts[card.note()["FactId"]]
        shown_front, shown_back = visible(front), visible(back)
        assert fact.source.quote in shown_back and "Source: The Solar System" in shown_back
        if card.note_type()["name"] == CLOZE:
            assert fact.answer not in shown_front
            assert f"[{fact.category or fact.kind.value}]" in shown_front
            assert fact.statement in shown_back  # the cloze filled in: the whole sentence
        else:
            assert fact.prompt is not None and fact.prompt in shown_front
            assert fact.answer not in shown_front
            assert fact.answer in shown_back and fact.statement in shown_back


def test_reimporting_the_same_file_adds_no_notes(tmp_path: Path, col: Collection) -> None:
    package = write_package(tmp_path / "mini.apkg", [mini_deck()])
    import_package(col, package)
    before = col.note_count()

    log = import_package(col, package)

    assert len(log.new) == 0
    assert col.note_count() == before


def test_a_corrected_statement_updates_the_note_in_place_and_keeps_its_review_history(
    tmp_path: Path, col: Collection
) -> None:
    """The whole student workflow through the real command: build, import, study, rebuild, import."""
    first = run_anki("--deck", str(MINI), "-o", "v1.apkg", cwd=tmp_path, epoch=EPOCH)
    assert first.returncode == 0, first.stderr
    import_package(col, tmp_path / "v1.apkg")
    count = col.note_count()
    old = notes_by_fact(col, CLOZE)["ringed-planet"]
    studied = col.get_card(old.card_ids()[0])
    studied.type, studied.queue, studied.ivl, studied.due = 2, 2, 17, 100  # a review card, 17-day interval
    col.update_card(studied)

    corrected = edited_mini(
        tmp_path,
        "statement: Saturn is famous for its rings.",
        "statement: Saturn is famous for its bright rings.",
    )
    second = run_anki("--deck", str(corrected), "-o", "v2.apkg", cwd=tmp_path, epoch=EPOCH + 3600)
    assert second.returncode == 0, second.stderr
    log = import_package(col, tmp_path / "v2.apkg")

    assert len(log.new) == 0
    assert col.note_count() == count
    new = notes_by_fact(col, CLOZE)["ringed-planet"]
    assert new.id == old.id
    assert "bright rings" in new["Text"] and "bright rings" not in old["Text"]
    assert "bright rings" in notes_by_fact(col, QA)["ringed-planet"]["Explanation"]
    kept = col.get_card(studied.id)
    assert (kept.ivl, kept.type, kept.nid) == (17, 2, old.id)


def test_an_older_or_equal_build_does_not_overwrite_the_note(tmp_path: Path, col: Collection) -> None:
    import_package(col, write_package(tmp_path / "v1.apkg", [mini_deck()], timestamp=EPOCH))
    corrected = read_deck_file(
        edited_mini(tmp_path, "statement: Saturn is famous for its rings.", "statement: Saturn has rings.")
    ).deck

    import_package(col, write_package(tmp_path / "v2.apkg", [corrected], timestamp=EPOCH))

    assert "famous" in notes_by_fact(col, CLOZE)["ringed-planet"]["Text"]


# ---------------------------------------------------------------- reproducibility and ids


def _note_rows(data: bytes) -> list[tuple[Any, ...]]:
    database = zipfile.ZipFile(io.BytesIO(data)).read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(database)
    rows = connection.execute("SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id").fetchall()
    connection.close()
    return rows


def test_two_builds_with_the_same_source_date_epoch_are_identical(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = run_anki("--deck", str(MINI), "-o", f"{name}.apkg", cwd=tmp_path, epoch=EPOCH)
        assert result.returncode == 0, result.stderr
    first, second = (tmp_path / "a.apkg").read_bytes(), (tmp_path / "b.apkg").read_bytes()

    assert _note_rows(first) == _note_rows(second)
    assert first == second  # the whole file, byte for byte


def test_guids_come_from_deck_fact_and_kind_not_from_the_text(tmp_path: Path) -> None:
    deck = mini_deck()
    corrected = read_deck_file(
        edited_mini(tmp_path, "statement: Saturn is famous for its rings.", "statement: Saturn has rings.")
    ).deck
    before = _note_rows(build_anki_package([deck], AnkiOptions(), timestamp=EPOCH).data)
    after = _note_rows(build_anki_package([corrected], AnkiOptions(), timestamp=EPOCH + 60).data)

    assert [row[1] for row in before] == [row[1] for row in after]
    assert len({row[1] for row in before}) == len(before)
    assert {row[3] for row in after} == {EPOCH + 60}  # every note stamped with the build time
    assert anki_ids.note_guid(deck.id, "ringed-planet", "cloze") in {row[1] for row in before}


def test_note_guid_is_genankis_guid_for_of_the_record_ids() -> None:
    for fact_id in ("closest-planet", "fact-9", "x"):
        for kind in NoteKind:
            expected = genanki.guid_for("rutw-quiz", "solar-mini", fact_id, kind.value)
            assert anki_ids.note_guid("solar-mini", fact_id, kind.value) == expected


def test_fixed_ids_never_change() -> None:
    """Students' collections are matched to these values: changing one breaks updates in place."""
    assert (anki_ids.QA_MODEL_ID, anki_ids.CLOZE_MODEL_ID) == (2550849746716614, 4089057474744302)
    assert anki_ids.anki_deck_id("russia-taiwan-relations") == anki_ids.anki_deck_id(
        "russia-taiwan-relations"
    )
    assert anki_ids.anki_deck_id("solar-mini") == 3444957960255715
    assert anki_ids.anki_deck_id("solar-mini", "planets") != anki_ids.anki_deck_id("solar-mini")
    every_id = [
        anki_ids.QA_MODEL_ID,
        anki_ids.CLOZE_MODEL_ID,
        *anki_ids.QA_FIELDS.values(),
        *anki_ids.CLOZE_FIELDS.values(),
        anki_ids.QA_TEMPLATE_ID,
        anki_ids.CLOZE_TEMPLATE_ID,
    ]
    assert len(set(every_id)) == len(every_id)
    assert all(1 << 40 <= value < 1 << 52 for value in every_id)


# ---------------------------------------------------------------- deck text is data


def test_markup_and_braces_in_deck_text_show_as_typed(tmp_path: Path, col: Collection) -> None:
    typed = "Saturn is famous for <b>its</b> rings & {{c2::moons}} }}."
    path = edited_mini(tmp_path, "statement: Saturn is famous for its rings.", f'statement: "{typed}"')
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "description: A small test deck", "description: <script>alert(1)</script> A small test deck"
        ),
        encoding="utf-8",
    )
    deck = read_deck_file(path).deck
    import_package(col, write_package(tmp_path / "odd.apkg", [deck]))

    assert col.card_count() == 2 * len(deck.facts)  # the {{c2::...}} typed in the deck made no extra card
    note = notes_by_fact(col, CLOZE)["ringed-planet"]
    card = col.get_card(note.card_ids()[0])
    assert visible(card.answer()).startswith(typed)
    assert typed.replace("Saturn", "[planet]") in visible(card.question())
    assert "<b>" not in card.answer()
    described = col.decks.by_name(deck.title)
    assert described is not None and "&lt;script&gt;" in described["desc"]


def test_ankis_media_speech_and_maths_syntax_in_deck_text_show_as_typed(
    tmp_path: Path, col: Collection
) -> None:
    r"""A deck about sound files or maths may write `[sound:x.mp3]`, `[latex]` or `\(x^2\)`: Anki
    would play, speak, compile or typeset them. They show as typed (a word joiner, invisible,
    keeps MathJax from reading `\(` as the start of a formula)."""
    typed = r"Saturn [sound:evil.mp3] is famous [anki:tts lang=en_US]spoken[/anki:tts] for [$]y[/$] its [latex]x[/latex] rings \(x^2\) and \[z^3\]."
    path = edited_mini(tmp_path, "statement: Saturn is famous for its rings.", f"statement: '{typed}'")
    deck = read_deck_file(path).deck
    import_package(col, write_package(tmp_path / "syntax.apkg", [deck]))

    note = notes_by_fact(col, CLOZE)["ringed-planet"]
    card = col.get_card(note.card_ids()[0])
    assert card.question_av_tags() == [] and card.answer_av_tags() == []  # nothing to play or speak
    answer = card.answer()
    assert "latex-" not in answer and "<img" not in answer  # no LaTeX image made
    assert "\\(" not in answer and "\\[" not in answer  # no MathJax delimiter to typeset
    assert visible(answer).replace("\u2060", "").startswith(typed)
    assert typed.replace("Saturn", "[planet]") in visible(card.question()).replace("\u2060", "")


def test_cloze_hides_the_answer_and_every_alias() -> None:
    fact = Fact.model_validate(
        {
            "id": "galle",
            "statement": "Johann Galle saw Neptune; galle wrote to Le Verrier.",
            "answer": "Johann Galle",
            "kind": "person",
            "aliases": ["Galle"],
            "topics": ["discovery"],
            "difficulty": 2,
            "source": {"id": "solar", "section": "Intro", "quote": "Johann Galle"},
        }
    )
    text = cloze_text(fact)
    assert text == "{{c1::Johann Galle::person}} saw Neptune; {{c1::galle::person}} wrote to Le Verrier."


def test_cloze_leaves_the_article_outside_and_hints_with_the_category() -> None:
    fact = Fact.model_validate(
        {
            "id": "colony",
            "statement": "Japan made the island an overseas colony.",
            "answer": "overseas colony",
            "kind": "term",
            "category": "political status",
            "topics": ["t"],
            "difficulty": 1,
            "source": {"id": "s", "section": "S", "quote": "q"},
        }
    )
    assert cloze_text(fact) == "Japan made the island an {{c1::overseas colony::political status}}."


def test_an_article_before_a_quoted_answer_stays_outside_and_the_quotes_stay_whole() -> None:
    fact = Fact.model_validate(
        {
            "id": "stance",
            "statement": 'Lavrov called it a "well-known" stance.',
            "answer": "well-known",
            "kind": "term",
            "topics": ["t"],
            "difficulty": 1,
            "source": {"id": "s", "section": "S", "quote": "q"},
        }
    )
    assert cloze_text(fact) == 'Lavrov called it a "{{c1::well-known::term}}" stance.'


def test_cloze_is_made_exactly_when_the_engine_makes_a_fill_in() -> None:
    base = {"id": "f", "kind": "person", "topics": ["t"], "difficulty": 1}
    base["source"] = {"id": "s", "section": "S", "quote": "q"}
    cases = [
        ("Émile Zola wrote it; Emile Zola was French.", "Émile Zola", []),  # accent variant gives it away
        ("Yuri Gagarin flew; GAGARIN landed.", "Yuri Gagarin", ["Gagarin"]),
        ("Yuri Gagarin flew; Gagarin's capsule landed.", "Yuri Gagarin", []),
        ("The 1,000 ships met 1000 more.", "1000", []),
        ("Neil Armstrong walked.", "Neil Armstrong", ["Armstrong"]),
        ("Russian ships left Russia.", "Russia", []),
        ("Russian ships left.", "Russia", []),  # only inside a longer word: nothing to hide
    ]
    for statement, answer, aliases in cases:
        fact = Fact.model_validate({**base, "statement": statement, "answer": answer, "aliases": aliases})
        assert (cloze_text(fact) is None) == (blank_out(fact) is None), statement
    for fact in [*mini_deck().facts, *read_deck_file(bundled_deck_path()).deck.facts]:
        assert (cloze_text(fact) is None) == (blank_out(fact) is None), fact.id


def test_the_bundled_deck_builds_by_default_and_every_card_renders(tmp_path: Path, col: Collection) -> None:
    result = run_anki(cwd=tmp_path, epoch=None)
    assert result.returncode == 0, result.stderr
    package = tmp_path / "russia-taiwan-relations.apkg"
    assert result.stdout.startswith(f"Wrote {package.name}: ")

    import_package(col, package)

    assert col.note_count() > 0
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        front, back = visible(card.question()), visible(card.answer())
        assert "{{" not in front + back and "Source: " in back and "Source: " not in front
        if card.note_type()["name"] == CLOZE:
            assert "[" in front and card.note()["Text"].count("{{c1::") >= 1


# ---------------------------------------------------------------- options


def test_subdecks_put_each_fact_in_its_first_topics_subdeck(tmp_path: Path, col: Collection) -> None:
    deck = mini_deck()
    import_package(col, write_package(tmp_path / "sub.apkg", [deck], AnkiOptions(subdecks=True)))

    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {f"{deck.title}::{label}" for label in deck.topics.values()} <= names
    planets = col.decks.by_name(f"{deck.title}::Planets")
    assert planets is not None
    pluto_cards = notes_by_fact(col, QA)["pluto-reclassified"].cards()  # topics: [discovery, planets]
    discovery = col.decks.by_name(f"{deck.title}::Discovery")
    assert discovery is not None and {c.did for c in pluto_cards} == {discovery["id"]}
    closest = notes_by_fact(col, QA)["closest-planet"].cards()
    assert {c.did for c in closest} == {planets["id"]}


def test_multiple_choice_lists_the_choices_on_the_front_and_the_letter_on_the_back(
    tmp_path: Path, col: Collection
) -> None:
    deck = mini_deck()
    options = AnkiOptions(kinds=kinds_for_types(["multiple_choice"]))
    import_package(col, write_package(tmp_path / "mc.apkg", [deck], options))

    # One note per fact the engine asks as multiple choice (not, e.g., a count too small for made-up values below it).
    ctx = DeckContext(deck, AnswerIndex.of(deck))
    assert col.note_count() == sum(multiple_choice(ctx, f, random.Random(0)) is not None for f in deck.facts)
    note = notes_by_fact(col, QA)["neptune-discovery"]
    card = col.get_card(note.card_ids()[0])
    front = visible(card.question())
    assert front.startswith("In which year was Neptune discovered?")
    assert "1846" in front and front.count("18") == 4  # four years to choose from
    assert '<ol type="A" class="rutw-choices">' in card.question()
    back = card.answer()
    marked = back[back.index('id="answer"') :]
    assert re.search(r'<li class="right">1846<span class="right-mark"> ✓</span>', marked)


def test_choices_are_the_same_in_every_build() -> None:
    options = AnkiOptions(kinds=(NoteKind.CHOICE,))
    first = _note_rows(build_anki_package([mini_deck()], options, timestamp=EPOCH).data)
    later = _note_rows(build_anki_package([mini_deck()], options, timestamp=EPOCH + 1).data)
    assert [row[5] for row in first] == [row[5] for row in later]


def test_type_names_agree_between_command_and_library() -> None:
    assert ANKI_TYPES == ANKI_QUESTION_TYPES
    assert kinds_for_types([]) == (NoteKind.CLOZE, NoteKind.QA)
    assert kinds_for_types(["short_answer", "fill_in"]) == (NoteKind.CLOZE, NoteKind.QA)
    with pytest.raises(ValueError, match="timeline"):
        kinds_for_types(["timeline"])


# ---------------------------------------------------------------- the command


def test_command_names_the_file_after_the_deck_and_says_what_it_wrote(tmp_path: Path) -> None:
    result = run_anki("--deck", str(MINI), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "solar-mini.apkg").is_file()
    assert result.stdout.strip() == "Wrote solar-mini.apkg: 34 notes (34 cards) in 'The Solar System (mini)'."
    assert [p.name for p in tmp_path.iterdir()] == ["solar-mini.apkg"]  # no temporary file left


def test_command_rejects_question_types_that_make_no_cards() -> None:
    result = CliRunner().invoke(cli, ["anki", "--deck", str(MINI), "--type", "timeline"])

    assert result.exit_code == 2
    assert "'timeline' questions do not make Anki cards" in result.output
    assert "fill_in makes a cloze" in result.output


def test_command_rejects_a_malformed_source_date_epoch(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["anki", "--deck", str(MINI), "-o", str(tmp_path / "x.apkg")],
        env={"SOURCE_DATE_EPOCH": "yesterday"},
    )

    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH='yesterday' is not a time" in result.output
    assert not (tmp_path / "x.apkg").exists()


def test_command_reports_an_unwritable_output_without_a_traceback(tmp_path: Path) -> None:
    result = run_anki("--deck", str(MINI), "-o", str(tmp_path / "missing" / "x.apkg"), cwd=tmp_path)

    assert result.returncode == 1
    assert "folder" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- what learners see (issue 11)


def new_card_facts(col: Collection, deck_name: str) -> list[str]:
    """The FactId of each card in the order Anki introduces new cards (no daily limit)."""
    did = col.decks.id_for_name(deck_name)
    assert did is not None
    col.decks.select(did)
    for deck_id in [did, *(child for _, child in col.decks.children(did))]:
        config = col.decks.config_dict_for_deck_id(deck_id)
        config["new"]["perDay"] = 9999
        config["rev"]["perDay"] = 9999  # Anki also caps new cards at the review limit
        col.decks.save(config)
    queued = col.sched.get_queued_cards(fetch_limit=5000)
    return [col.get_note(card.card.note_id)["FactId"] for card in queued.cards]


@pytest.mark.parametrize(
    ("types", "subdecks"),
    [((), False), ((), True), (("fill_in", "short_answer", "multiple_choice"), False)],
    ids=["cloze+qa", "subdecks", "three-kinds"],
)
def test_no_two_cards_of_one_fact_come_up_back_to_back(
    tmp_path: Path, col: Collection, types: tuple[str, ...], subdecks: bool
) -> None:
    """Anki's own new-card queue, after import: a fact's cards are never neighbours."""
    deck = read_deck_file(bundled_deck_path()).deck
    options = AnkiOptions(kinds=kinds_for_types(types), subdecks=subdecks)
    package = build_anki_package([deck], options, timestamp=EPOCH)
    import_package(col, write_package(tmp_path / "b.apkg", [deck], options))
    order = new_card_facts(col, deck.title)
    assert len(order) == package.cards
    neighbours = [a for a, b in itertools.pairwise(order) if a == b]
    assert neighbours == []
    if not subdecks:  # far apart, not merely apart: about a deck's length
        first = {fact: order.index(fact) for fact in set(order)}
        last = {fact: len(order) - 1 - order[::-1].index(fact) for fact in set(order)}
        gaps = [last[f] - first[f] for f in first if order.count(f) > 1]
        assert min(gaps) >= len(deck.facts) // 3, min(gaps)


def test_spacing_keeps_the_note_guids(tmp_path: Path, col: Collection) -> None:
    """A collection from an earlier build updates in place: same GUIDs, no new notes."""
    deck = mini_deck()
    import_package(col, write_package(tmp_path / "one.apkg", [deck]))
    guids = {col.get_note(n).guid for n in col.find_notes("")}
    assert guids == {
        anki_ids.note_guid(deck.id, fact.id, kind) for fact in deck.facts for kind in ("cloze", "qa")
    }
    log = import_package(col, write_package(tmp_path / "two.apkg", [deck], timestamp=EPOCH + 60))
    assert len(log.new) == 0 and len(log.updated) == 2 * len(deck.facts)


def test_multiple_choice_back_marks_the_right_choice_and_the_front_hides_the_mark(
    tmp_path: Path, col: Collection
) -> None:
    deck = mini_deck()
    options = AnkiOptions(kinds=(NoteKind.CHOICE,))
    import_package(col, write_package(tmp_path / "mc.apkg", [deck], options))
    note = notes_by_fact(col, QA)["neptune-discovery"]
    card = col.get_card(note.card_ids()[0])
    marked = re.findall(r'<li class="right">([^<]*)<span class="right-mark">', card.answer())
    assert marked == ["1846"], "exactly the right choice is marked"
    back = card.answer()
    assert back.index('id="answer"') < back.index('class="right"'), "marked after the line, on the back only"
    front = card.question()
    assert 'class="right' not in front and "right-mark" not in front and "✓" not in front, (
        "the front names no answer"
    )
    css = card.css()
    assert re.search(r"\.rutw-back \.choices \{\s*display: none;", css), (
        "the front's copy gives way to the marked list"
    )
    assert '<div class="rutw-back">' not in card.question()


def test_the_note_is_set_apart_from_the_answer(tmp_path: Path, col: Collection) -> None:
    deck = read_deck_file(bundled_deck_path()).deck
    with_note = next(f for f in deck.facts if f.note and f.prompt)
    import_package(col, write_package(tmp_path / "m.apkg", [deck]))
    qa = col.get_card(notes_by_fact(col, QA)[with_note.id].card_ids()[0]).answer()
    assert re.search(r'<div class="note"><span class="note-label">Note:</span> ', qa)
    assert f'<div class="statement">{html.escape(with_note.statement, quote=False)}</div>' in qa
    cloze = col.get_card(notes_by_fact(col, CLOZE)[with_note.id].card_ids()[0]).answer()
    assert '<div class="note">' in cloze
    css = col.models.by_name(QA)["css"]  # type: ignore[index]
    assert re.search(r"\.note \{[^}]*border-left", css)


def test_deck_description_says_where_the_quotes_come_from_and_their_licence(
    tmp_path: Path, col: Collection
) -> None:
    deck = read_deck_file(bundled_deck_path()).deck
    import_package(col, write_package(tmp_path / "b.apkg", [deck]))
    desc = col.decks.by_name(deck.title)["desc"]  # type: ignore[index]
    assert "Quotes from &#x27;Russia–Taiwan relations&#x27;, English Wikipedia, CC BY-SA 4.0" in desc.replace(
        "'", "&#x27;"
    )


def test_a_source_without_a_web_address_is_cited_by_title_publisher_and_date(
    tmp_path: Path, col: Collection
) -> None:
    deck = read_deck_file(bundled_deck_path()).deck
    news = next(s for s in deck.sources if not s.url.startswith("http"))
    import_package(col, write_package(tmp_path / "b.apkg", [deck]))
    sources = [col.get_note(n)["Source"] for n in col.find_notes("")]
    cited = [s for s in sources if html.unescape(news.title) in html.unescape(s)]
    assert cited
    for source in cited:
        assert news.url not in source
        assert f"{news.title}, {news.publisher}, {news.date}" in html.unescape(source)
        quotes = [f.source.quote.strip('"') for f in deck.facts if f.source.id == news.id]
        assert any(q in html.unescape(source) for q in quotes), "the quote as the source writes it"


def test_the_field_separator_never_reaches_an_anki_field(tmp_path: Path, col: Collection) -> None:
    """U+001F in any deck text (the loader may not stop it) still gives notes Anki can import."""
    deck = mini_deck()
    sep = "\x1f"
    fact = deck.facts[0]
    evil = fact.model_copy(
        update={
            "statement": fact.statement.replace(" ", f" {sep}", 1),
            "note": f"a{sep}b",
            "prompt": f"{fact.prompt}{sep}" if fact.prompt else None,
            "aliases": [f"x{sep}y"],
            "source": fact.source.model_copy(update={"quote": f"q{sep}q", "section": f"s{sep}"}),
        }
    )
    sources = [deck.sources[0].model_copy(update={"title": f"T{sep}", "publisher": f"P{sep}"})]
    hostile = deck.model_copy(
        update={"facts": [evil, *deck.facts[1:]], "sources": sources, "description": f"d{sep}"}
    )
    options = AnkiOptions(kinds=tuple(NoteKind))
    package = build_anki_package([hostile], options, timestamp=EPOCH)
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        database = tmp_path / "c.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    rows = sqlite3.connect(database).execute("SELECT mid, flds FROM notes").fetchall()
    for mid, flds in rows:
        expected = len(anki_ids.CLOZE_FIELDS if mid == anki_ids.CLOZE_MODEL_ID else anki_ids.QA_FIELDS)
        assert flds.count(sep) == expected - 1
    import_package(col, write_package(tmp_path / "h.apkg", [hostile], options))
    assert col.note_count() == len(rows)


@pytest.mark.parametrize("value", ["4354819200", "99999999999999999999999", "1e12"])
def test_command_refuses_a_source_date_epoch_an_apkg_cannot_hold(tmp_path: Path, value: str) -> None:
    result = run_anki(
        "--deck", str(MINI), "-o", "x.apkg", cwd=tmp_path, epoch=None, extra_env={"SOURCE_DATE_EPOCH": value}
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "struct.error" not in result.stderr
    if value.isdecimal():
        assert "use a value from 0 to 4354819199 (31 December 2107" in result.stderr
    assert not (tmp_path / "x.apkg").exists()


def test_the_latest_source_date_epoch_an_apkg_holds_builds_and_imports(
    tmp_path: Path, col: Collection
) -> None:
    result = run_anki("--deck", str(MINI), "-o", "x.apkg", cwd=tmp_path, epoch=4_354_819_199)
    assert result.returncode == 0, result.stderr
    log = import_package(col, tmp_path / "x.apkg")
    assert len(log.new) == 2 * len(mini_deck().facts)


def test_dash_for_the_package_is_refused_rather_than_written_as_a_file_named_dash(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """'-o -' means standard output elsewhere; a package is binary, and a file named '-' is no answer."""
    done = run_cli("anki", "-o", "-", cwd=tmp_path)
    assert done.returncode == 2
    assert "an Anki package is a binary file; give a file name instead of '-'" in done.stderr
    assert not (tmp_path / "-").exists()
