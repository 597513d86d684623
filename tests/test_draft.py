"""`rutw-quiz draft`: a first deck from a text, run as an author runs it, checked by `validate`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

COMMAND = str(Path(sys.executable).with_name("rutw-quiz"))
ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "decks" / "russia_taiwan.wikipedia.txt"
DRAFT_TEXTS = Path(__file__).parent / "data" / "draft"


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COMMAND, *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def drafted(tmp_path: Path, source: Path, *options: str, name: str = "deck.yaml") -> dict:
    done = run("draft", str(source), "-o", name, *options, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    data: dict = yaml.safe_load((tmp_path / name).read_text(encoding="utf-8"))
    return data


def test_a_drafted_deck_validates_with_every_quote_checked_and_makes_questions(tmp_path: Path) -> None:
    data = drafted(tmp_path, ARTICLE)
    assert 12 <= len(data["facts"]) <= 40
    checked = run("validate", "deck.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "the quotes of 1 of 1 sources checked" in checked.stdout
    asked = run("questions", "--deck", "deck.yaml", "-n", "8", "--seed", "3", cwd=tmp_path)
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.count("Answer:") == 8


def test_each_fact_quotes_its_source_and_carries_a_kind_topic_and_difficulty(tmp_path: Path) -> None:
    data = drafted(tmp_path, ARTICLE)
    text = " ".join(ARTICLE.read_text(encoding="utf-8").split())
    for fact in data["facts"]:
        assert " ".join(fact["source"]["quote"].split()) in text
        assert len(fact["source"]["quote"].split()) <= 30
        assert fact["answer"] in fact["statement"]
        assert fact["topics"] and set(fact["topics"]) <= set(data["topics"])
        assert fact["difficulty"] == 2
        if fact["kind"] in ("year", "date"):
            assert fact.get("year") or fact.get("date")
    kinds = {fact["kind"] for fact in data["facts"]}
    assert "person" in kinds
    assert kinds & {"year", "date"}


def test_statements_that_lean_on_the_sentence_before_are_marked_for_editing(tmp_path: Path) -> None:
    drafted(tmp_path, ARTICLE, "--max", "200")
    text = (tmp_path / "deck.yaml").read_text(encoding="utf-8")
    assert "# check:" in text
    assert "# check: edit: the statement opens with" in text


def test_max_keeps_the_best_candidates_and_the_same_text_drafts_the_same_deck(tmp_path: Path) -> None:
    five = drafted(tmp_path, ARTICLE, "--max", "5", name="five.yaml")
    forty = drafted(tmp_path, ARTICLE, name="forty.yaml")
    assert [f["id"] for f in five["facts"]] == [f["id"] for f in forty["facts"]][:5]
    again = run("draft", str(ARTICLE), "-o", "again.yaml", cwd=tmp_path)
    assert again.returncode == 0
    assert (tmp_path / "again.yaml").read_text().replace("again.yaml", "forty.yaml") == (
        tmp_path / "forty.yaml"
    ).read_text()


def test_a_text_elsewhere_is_kept_beside_the_deck_so_validate_finds_it(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    done = run("draft", str(ARTICLE), "-o", "decks/rt.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "decks" / ARTICLE.name).read_bytes() == ARTICLE.read_bytes()
    assert run("validate", "decks/rt.yaml", cwd=tmp_path).returncode == 0


def _paragraphs() -> list[str]:
    text = ARTICLE.read_text(encoding="utf-8")
    body = text.split("==Historical relations==")[1].split("==Current relations==")[0]
    return [" ".join(p.split()) for p in body.split("\n\n") if len(p.split()) > 20]


def test_markdown_is_read_as_its_reader_sees_it(tmp_path: Path) -> None:
    paragraphs = _paragraphs()
    md = "# Russia and Taiwan\n\n## Historical relations\n\n" + "\n\n".join(
        p.replace("Shimonoseki Treaty", "**Shimonoseki Treaty**").replace(
            "Korean War", "[Korean War](https://en.wikipedia.org/wiki/Korean_War)"
        )
        for p in paragraphs
    )
    (tmp_path / "notes.md").write_text(md, encoding="utf-8")
    data = drafted(tmp_path, tmp_path / "notes.md")
    plain = (tmp_path / "deck.txt").read_text(encoding="utf-8")
    assert "**" not in plain and "](" not in plain
    assert data["sources"][0]["file"] == "deck.txt"
    assert {f["source"]["section"] for f in data["facts"]} == {"Historical relations"}
    assert run("validate", "deck.yaml", cwd=tmp_path).returncode == 0


def test_html_is_read_without_markup_scripts_or_citation_marks(tmp_path: Path) -> None:
    paragraphs = _paragraphs()
    html = (
        "<!doctype html><html><head><title>Russia–Taiwan relations - Wikipedia</title>"
        '<link rel="canonical" href="https://en.wikipedia.org/wiki/Russia%E2%80%93Taiwan_relations">'
        "<script>var answer = 'Shimonoseki';</script></head><body><nav>Main page</nav>"
        "<h1>Russia–Taiwan relations</h1><h2>Historical relations</h2>"
        + "".join(f'<p>{p}<sup class="reference">[{n}]</sup></p>' for n, p in enumerate(paragraphs, 1))
        + "</body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    data = drafted(tmp_path, tmp_path / "page.html")
    plain = (tmp_path / "deck.txt").read_text(encoding="utf-8")
    assert "<" not in plain and "var answer" not in plain and "[1]" not in plain and "Main page" not in plain
    assert data["sources"][0]["url"] == "https://en.wikipedia.org/wiki/Russia%E2%80%93Taiwan_relations"
    assert data["title"] == "Russia–Taiwan relations"
    assert run("validate", "deck.yaml", cwd=tmp_path).returncode == 0


def test_standard_input_is_a_source_too(tmp_path: Path) -> None:
    done = run(
        "draft",
        "-",
        "-o",
        "deck.yaml",
        "--title",
        "Russia and Taiwan",
        cwd=tmp_path,
        stdin=ARTICLE.read_bytes(),
    )
    assert done.returncode == 0, done.stderr
    assert run("validate", "deck.yaml", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "not a text file"),
        (b"caf\xe9 au lait, une baguette et deux croissants pour le petit d\xe9jeuner.", "not UTF-8 text"),
        (b"- milk\n- eggs\n- flour\n\n| a | b |\n| 1 | 2 |\n", "no sentence to draft from"),
        (
            b"The weather is nice and the sky is very blue today. We walked along the quiet road for a while.\n",
            "no date, number or name",
        ),
    ],
)
def test_bad_sources_get_a_clear_message_and_no_file(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "source.txt").write_bytes(content)
    done = run("draft", "source.txt", "-o", "deck.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert message in done.stderr
    assert done.stderr.startswith("source.txt: ")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "deck.yaml").exists()


def test_a_50_megabyte_text_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    done = run("draft", "big.txt", "-o", "deck.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert "more than draft reads" in done.stderr
    assert "split the text" in done.stderr


def test_missing_source_folder_and_the_source_as_output_are_refused(tmp_path: Path) -> None:
    assert "no such file" in run("draft", "nope.txt", "-o", "d.yaml", cwd=tmp_path).stderr
    assert "is a folder" in run("draft", ".", "-o", "d.yaml", cwd=tmp_path).stderr
    (tmp_path / "a.txt").write_bytes(ARTICLE.read_bytes())
    same = run("draft", "a.txt", "-o", "a.txt", cwd=tmp_path)
    assert same.returncode == 2
    assert "source text itself" in same.stderr
    assert (tmp_path / "a.txt").read_bytes() == ARTICLE.read_bytes()


def test_a_different_text_already_beside_the_deck_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "deck.txt").write_text("my own notes\n", encoding="utf-8")
    (tmp_path / "page.md").write_text("# T\n\n" + "\n\n".join(_paragraphs()), encoding="utf-8")
    done = run("draft", "page.md", "-o", "deck.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert "exists and holds another text" in done.stderr
    assert (tmp_path / "deck.txt").read_text(encoding="utf-8") == "my own notes\n"


@pytest.mark.parametrize(
    "source",
    sorted(
        p for p in DRAFT_TEXTS.glob("*/*") if p.suffix in (".txt", ".md", ".html") and p.name != "SOURCE.md"
    ),
    ids=lambda p: p.name,
)
def test_real_texts_in_each_format_draft_decks_that_validate(tmp_path: Path, source: Path) -> None:
    """Wikipedia articles kept as plain text, Markdown and HTML (licences beside them)."""
    data = drafted(tmp_path, source, "--max", "30")
    assert len(data["facts"]) >= 10  # a short article (the Davy lamp, 1,900 words) gives 14
    checked = run("validate", "deck.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert "the quotes of 1 of 1 sources checked" in checked.stdout
    assert run("questions", "--deck", "deck.yaml", "-n", "10", "--seed", "1", cwd=tmp_path).returncode == 0
