"""Printable worksheets: the HTML a teacher opens and prints, checked with a real HTML parser."""

from __future__ import annotations

import csv as csv_module
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rutw_quiz.deck import read_deck_file
from rutw_quiz.questions import QuestionOptions, QuestionType, generate_questions
from rutw_quiz.questions.variants import make_version, version_label
from rutw_quiz.render.worksheet import Content, worksheet_html
from rutw_quiz.resources import bundled_deck_path, templates_dir

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.yaml"
CLI = [sys.executable, "-m", "rutw_quiz"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# -- a small DOM from the standard library's HTML parser -------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in (node.attrs.get("class") or "").split())
            and all(node.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def children_nodes(self, tag: str | None = None) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and (tag is None or c.tag == tag)]

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def texts(self) -> Iterator[str]:
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child.texts()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.doctype: str | None = None
        self.problems: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if self.stack[-1].tag != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1].tag}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> tuple[Node, _Builder]:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root, builder


# -- helpers ---------------------------------------------------------------------------


SEED_WITH_FOUR_ORDERS = 2
"""A seed whose sections allow four different orders (a section of two questions has only two)."""


def mini_html(**options: object) -> tuple[str, list]:
    """A worksheet of the mini deck, and the engine's questions it was made from."""
    deck = read_deck_file(MINI).deck
    count = options.pop("count", 10)
    types = options.pop("types", ())
    seed = options.pop("seed", 3)
    questions = generate_questions(
        [deck],
        QuestionOptions(count=count, seed=seed, types=types),  # type: ignore[arg-type]
    ).questions
    return worksheet_html([deck], questions, seed=seed, **options), questions  # type: ignore[arg-type]


def versions_of(root: Node) -> list[Node]:
    return root.find_all("article", cls="version")


def keys_of(root: Node) -> list[Node]:
    return root.find_all("article", cls="key")


def question_ids(key: Node) -> list[str]:
    """A key's question ids, in its version's order (only keys carry ids)."""
    return [str(li.attrs["data-question-id"]) for li in key.find_all("li", cls="grid-entry")]


def ids_in(root: Node, version: Node) -> dict[str, str]:
    """Question id by printed number for a version, read from its key: the students' sheet names none."""
    [key] = [k for k in keys_of(root) if k.attrs["data-version"] == version.attrs["data-version"]]
    return {
        str(li.attrs["value"]): str(li.attrs["data-question-id"])
        for li in key.find_all("li", cls="grid-entry")
    }


def version_ids(root: Node, version: Node) -> list[str]:
    ids = ids_in(root, version)
    return [ids[str(li.attrs["value"])] for li in version.find_all("li", cls="question")]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60, check=False
    )


# -- the page ----------------------------------------------------------------------------


def test_each_version_holds_every_question_once_in_sections_numbered_through() -> None:
    html, questions = mini_html(versions=3)
    root, _ = parse(html)
    versions = versions_of(root)
    assert [v.attrs["data-version"] for v in versions] == ["A", "B", "C"]
    expected_per_type = {t.value: sum(q.type is t for q in questions) for t in QuestionType}
    for version in versions:
        items = version.find_all("li", cls="question")
        assert len(items) == len(questions) == 10
        assert [int(str(li.attrs["value"])) for li in items] == list(range(1, 11))
        for section in version.find_all("section"):
            qtype = str(section.attrs["data-type"])
            in_section = section.find_all("li", cls="question")
            assert len(in_section) == expected_per_type[qtype]
            assert {li.attrs["data-type"] for li in in_section} == {qtype}
            assert section.find_all("h2")[0].text()
            assert section.find_all("p", cls="instructions")[0].text()
        # sections appear in a fixed order, multiple choice first
        order = [str(s.attrs["data-type"]) for s in version.find_all("section")]
        assert order == [t.value for t in QuestionType if expected_per_type[t.value]]


def test_versions_hold_the_same_questions_in_different_orders() -> None:
    html, questions = mini_html(versions=4, seed=SEED_WITH_FOUR_ORDERS)
    root, _ = parse(html)
    orders = [version_ids(root, v) for v in versions_of(root)]
    assert all(sorted(order) == sorted(q.id for q in questions) for order in orders)
    assert len({tuple(order) for order in orders}) == 4, "every version has its own order"


def test_version_a_keeps_the_engine_order_within_each_section() -> None:
    html, questions = mini_html()
    root, _ = parse(html)
    printed = version_ids(root, versions_of(root)[0])
    by_type = [q.id for t in QuestionType for q in questions if q.type is t]
    assert printed == by_type


def test_choices_are_shuffled_between_versions_but_years_and_numbers_stay_ascending() -> None:
    html, questions = mini_html(count=12, types=(QuestionType.MULTIPLE_CHOICE,), versions=2)
    root, _ = parse(html)
    a, b = versions_of(root)

    def choices(version: Node) -> dict[str, list[str]]:
        ids = ids_in(root, version)
        return {
            ids[str(li.attrs["value"])]: [c.text()[2:] for c in li.find_all("ol")[0].children_nodes("li")]
            for li in version.find_all("li", cls="question")
        }

    in_a, in_b = choices(a), choices(b)
    numeric = {q.id for q in questions if q.answer_kind in {"year", "date", "number"}}  # type: ignore[union-attr]
    assert numeric, "the mini deck has numeric multiple-choice questions (years, dates, counts)"
    for qid, texts in in_a.items():
        assert sorted(texts) == sorted(in_b[qid])
        if qid in numeric:
            assert in_b[qid] == texts
        else:
            assert in_b[qid] != texts


def explained_of(root: Node) -> list[Node]:
    return root.find_all("article", cls="explained")


def test_each_answer_key_is_a_grid_that_matches_its_version_item_by_item() -> None:
    html, _ = mini_html(count=14, versions=3)
    root, _ = parse(html)
    versions, keys = versions_of(root), keys_of(root)
    assert [k.attrs["data-version"] for k in keys] == ["A", "B", "C"]
    for version, key in zip(versions, keys, strict=True):
        items = version.find_all("li", cls="question")
        entries = key.find_all("li", cls="grid-entry")
        assert [e.attrs["value"] for e in entries] == [i.attrs["value"] for i in items]
        for item, entry in zip(items, entries, strict=True):
            assert str(entry.attrs["data-question-id"]).endswith(f":{item.attrs['data-type']}")
            number, answer = entry.find_all("span", cls="num")[0].text(), entry.find_all("strong")[0].text()
            assert number == item.attrs["value"]
            if item.attrs["data-type"] == "multiple_choice":
                # the key's letter points at the right choice in *this* version
                shown = {c.text()[0]: c.text()[2:] for c in item.find_all("ol")[0].children_nodes("li")}
                assert re.fullmatch("[A-F]", answer) and answer in shown
            if item.attrs["data-type"] == "matching":
                assert re.fullmatch(r"1[A-E] 2[A-E] 3[A-E] 4[A-E]", answer), answer
            if item.attrs["data-type"] == "true_false":
                assert answer in {"True", "False"}


def test_multiple_choice_grid_letters_name_the_right_answer_in_each_version() -> None:
    html, questions = mini_html(count=12, types=(QuestionType.MULTIPLE_CHOICE,), versions=3)
    root, _ = parse(html)
    answers = {q.id: q.answer for q in questions}
    for version, key in zip(versions_of(root), keys_of(root), strict=True):
        ids = ids_in(root, version)
        grid = {
            str(li.attrs["value"]): li.find_all("strong")[0].text()
            for li in key.find_all("li", cls="grid-entry")
        }
        for item in version.find_all("li", cls="question"):
            shown = {c.text()[0]: c.text()[2:] for c in item.find_all("ol")[0].children_nodes("li")}
            number = str(item.attrs["value"])
            assert shown[grid[number]] == answers[ids[number]]


def test_explanations_and_sources_come_once_for_all_versions_with_each_versions_number() -> None:
    html, questions = mini_html(versions=3)
    root, _ = parse(html)
    [explained] = explained_of(root)
    entries = explained.find_all("li", cls="key-item")
    assert sorted(str(li.attrs["data-question-id"]) for li in entries) == sorted(q.id for q in questions)
    for key in keys_of(root):
        assert key.find_all("p", cls="why") == [], "no explanation repeated in a version's key"
        assert "Answers explained" in key.find_all("p", cls="where")[0].text()
    position = {
        (str(v.attrs["data-version"]), qid): n
        for v in versions_of(root)
        for n, qid in enumerate(version_ids(root, v), 1)
    }
    by_id = {q.id: q for q in questions}
    deck = read_deck_file(MINI).deck
    facts = {f.id: f for f in deck.facts}
    cited = explained.find_all("ol", cls="cited-sources")[0].children_nodes("li")
    assert [c.text() for c in cited] == [
        f"[1] {deck.sources[0].title}, {deck.sources[0].publisher}, {deck.sources[0].date}"
    ]
    for li in entries:
        qid = str(li.attrs["data-question-id"])
        numbers = [n.text() for n in li.find_all("span", cls="qnum")]
        assert numbers == [f"{label} {position[(label, qid)]}" for label in "ABC"]
        text = li.text()
        for fact_id, ref in zip(by_id[qid].fact_ids, by_id[qid].sources, strict=True):
            assert facts[fact_id].statement in text
            assert f"[1] {ref.section}: “" in text
        assert deck.sources[0].title not in text, "each source's reference once, at the top"


def test_a_source_without_a_web_address_is_cited_by_title_publisher_and_date(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    text = MINI.read_text(encoding="utf-8")
    url = re.search(r"url: (\S+)", text)
    assert url
    path.write_text(text.replace(url[0], "url: SOLAR0042NOTES"), encoding="utf-8")
    deck = read_deck_file(path).deck
    questions = generate_questions([deck], QuestionOptions(count=6, seed=1)).questions
    root, _ = parse(worksheet_html([deck], questions, seed=1))
    sources = explained_of(root)[0].find_all("ol", cls="cited-sources")[0].text()
    assert "SOLAR0042NOTES" not in sources
    source = deck.sources[0]
    assert f"{source.title}, {source.publisher}, {source.date}" in sources


def test_quotes_keep_the_sources_quotation_marks_as_written() -> None:
    from rutw_quiz.render.citation import quote_text

    assert (
        quote_text('considered a "survival-threatening situation,"')
        == 'considered a "survival-threatening situation,"'
    )
    assert quote_text('=HYPERLINK("http://x.invalid","@evil")') == '=HYPERLINK("http://x.invalid","@evil")'
    assert quote_text('"a whole quote"') == "a whole quote"
    assert quote_text("no quotes") == "no quotes"
    deck = read_deck_file(bundled_deck_path()).deck
    questions = generate_questions([deck], QuestionOptions(count=60, seed=7)).questions
    html = worksheet_html([deck], questions, seed=7)
    shown = " ".join(li.text() for li in explained_of(parse(html)[0])[0].find_all("li", cls="key-item"))
    quoted = [f.source.quote for f in deck.facts if '"' in f.source.quote and f.source.quote in shown]
    assert quoted, "quotes that hold quotation marks are shown as the source writes them"


def test_attribution_names_the_sources_and_their_licence_in_every_key() -> None:
    deck = read_deck_file(bundled_deck_path()).deck
    questions = generate_questions([deck], QuestionOptions(count=20, seed=7)).questions
    root, _ = parse(worksheet_html([deck], questions, seed=7, versions=2))
    line = "Quotes from 'Russia–Taiwan relations', English Wikipedia, CC BY-SA 4.0"
    for article in [*keys_of(root), *explained_of(root)]:
        assert line in article.find_all("p", cls="attribution")[0].text()
        assert line in str(article.attrs["data-note"]), "the printed footer of every key page carries it"


def test_fill_in_blanks_and_answer_lines_do_not_hint_at_the_answers_length() -> None:
    html, questions = mini_html(count=13, types=(QuestionType.FILL_IN, QuestionType.SHORT_ANSWER))
    root, _ = parse(html)
    widths = {str(n.attrs["style"]) for n in root.find_all("span", cls="blank")}
    assert len(widths) == 1, widths
    lines = {len(n.find_all("span", cls="rule")) for n in root.find_all("div", cls="ruled")}
    assert lines == {2}
    hints = {q.id: q.hint for q in questions if q.type is QuestionType.FILL_IN}
    assert any(hints.values()), "the mini deck has categories"
    [version] = versions_of(root)
    ids = ids_in(root, version)
    for li in root.find_all("li", cls="question", data_type="fill_in"):
        hint = hints[ids[str(li.attrs["value"])]]
        shown = [n.text() for n in li.find_all("span", cls="hint")]
        assert shown == ([f"({hint})"] if hint else [])


def test_each_section_has_a_score_box_and_the_first_page_the_total() -> None:
    html, questions = mini_html(count=14)
    root, _ = parse(html)
    [version] = versions_of(root)
    sections = version.find_all("section")
    outs = [int(re.search(r"/ (\d+)", s.find_all("h2")[0].text())[1]) for s in sections]  # type: ignore[index]
    assert len(outs) == len(sections) and all(s.find_all("span", cls="scorebox") for s in sections)
    expected = sum(len(q.choices.statements) if q.type is QuestionType.MATCHING else 1 for q in questions)  # type: ignore[union-attr]
    assert sum(outs) == expected
    total = version.find_all("header")[0].find_all("p", cls="total")[0].text()
    assert f"/ {expected} points" in total


def test_matching_offers_one_answer_more_than_statements_that_fits_none() -> None:
    from rutw_quiz.deck.dates import parse_partial_date
    from rutw_quiz.text import contains_phrase

    deck = read_deck_file(bundled_deck_path()).deck
    facts = {f.id: f for f in deck.facts}
    seen = 0
    for seed in range(12):
        questions = generate_questions(
            [deck], QuestionOptions(count=2, seed=seed, types=(QuestionType.MATCHING,))
        ).questions
        root, _ = parse(worksheet_html([deck], questions, seed=seed, versions=2))
        by_id = {q.id: q for q in questions}
        ids = {
            str(v.attrs["data-version"]) + str(n): qid
            for v in versions_of(root)
            for n, qid in ids_in(root, v).items()
        }
        for version in versions_of(root):
            for item in version.find_all("li", cls="question", data_type="matching"):
                question = by_id[ids[str(version.attrs["data-version"]) + str(item.attrs["value"])]]
                answers = [a.text()[2:] for a in item.find_all("ol", cls="answers")[0].children_nodes("li")]
                statements = item.find_all("ol", cls="statements")[0].children_nodes("li")
                assert len(answers) == len(statements) + 1
                [extra] = [a for a in answers if a not in question.choices.answers]  # type: ignore[union-attr]
                seen += 1
                own = [facts[fid] for fid in question.fact_ids]  # type: ignore[union-attr]
                kinds = {fact.kind for fact in own}
                same_kind = {f.answer for f in deck.facts if f.kind in kinds} | {
                    d for f in own for d in f.distractors
                }
                if any(kind.is_numeric for kind in kinds):  # a made-up date of the same precision
                    made = parse_partial_date(extra)
                    key = parse_partial_date(own[0].answer)
                    assert (bool(made.month), bool(made.day)) == (bool(key.month), bool(key.day)), extra
                else:
                    assert extra in same_kind, "a plausible answer of the same kind, from the deck"
                for fact in own:  # it completes no statement and is named in none
                    assert not any(
                        contains_phrase(extra, a) or contains_phrase(a, extra) for a in fact.accepted
                    )
                for statement in question.choices.statements:  # type: ignore[union-attr]
                    assert not contains_phrase(statement, extra)
    assert seen >= 5


def test_page_is_well_formed_html5_with_lang_headings_and_unique_ids() -> None:
    html, _ = mini_html(versions=2)
    root, builder = parse(html)
    assert builder.doctype is not None and builder.doctype.lower() == "doctype html"
    assert builder.problems == []
    assert len(builder.stack) == 1, "every element is closed"
    assert root.find_all("html")[0].attrs["lang"] == "en"
    assert root.find_all("meta", charset="utf-8")
    ids = [node.attrs["id"] for node in root.iter() if "id" in node.attrs]
    assert len(ids) == len(set(ids))
    for article in versions_of(root) + keys_of(root) + explained_of(root):
        assert len(article.find_all("h1")) == 1
        assert article.find_all("h2") or article.find_all("h3")
        assert article.find_all("ol")
    # writing spots are announced to screen readers; tick boxes are decoration beside visible text
    blanks = [n for n in root.iter() if n.attrs.get("aria-label", "").startswith("answer blank")]  # type: ignore[union-attr]
    assert blanks
    for node in root.iter():
        if (
            "bubble" in (node.attrs.get("class") or "").split()
            or "box" in (node.attrs.get("class") or "").split()
        ):
            assert node.attrs.get("aria-hidden") == "true"


def test_page_references_nothing_on_the_network() -> None:
    html, _ = mini_html(count=14, versions=2)
    root, _ = parse(html)
    for node in root.iter():
        for name in ("src", "href", "action", "poster", "data"):
            value = node.attrs.get(name)
            assert value is None or not re.match(r"\s*(https?:|//)", value), (node.tag, name, value)
        assert node.tag not in {"link", "img", "iframe", "object"}
        if node.tag == "script":
            assert "src" not in node.attrs, "the paginator is inlined"
    styles = "".join("".join(s.texts()) for s in root.find_all("style"))
    assert "@import" not in styles
    assert "url(" not in styles
    assert "@font-face" not in styles


def test_page_size_follows_paper_option() -> None:
    a4, _ = mini_html()
    letter, _ = mini_html(paper="letter")
    assert "@page { size: A4; margin: 0; }" in a4 and "--page-h: 297.0mm" in a4
    assert "@page { size: letter; margin: 0; }" in letter and "--page-h: 279.4mm" in letter


def test_each_part_names_its_footer_and_duplex_is_passed_to_the_paginator() -> None:
    html, _ = mini_html(versions=2, duplex=True)
    root, _ = parse(html)
    footers = [str(a.attrs["data-footer"]) for a in root.find_all("article", cls="part")]
    assert footers == [
        "Version A",
        "Version B",
        "Answer key, version A",
        "Answer key, version B",
        "Answers explained",
    ]
    assert root.find_all("body")[0].attrs["data-duplex"] == "true"
    assert parse(mini_html()[0])[0].find_all("body")[0].attrs["data-duplex"] == "false"


def test_content_option_leaves_out_keys_or_questions() -> None:
    questions_only, _ = mini_html(versions=2, content=Content.QUESTIONS)
    keys_only, _ = mini_html(versions=2, content=Content.KEYS)
    root, _ = parse(questions_only)
    assert len(versions_of(root)) == 2 and keys_of(root) == []
    root, _ = parse(keys_only)
    assert versions_of(root) == [] and len(keys_of(root)) == 2
    assert len(explained_of(root)) == 1


HOSTILE = {
    "title: The Solar System (mini)": 'title: "Planets <script>alert(1)</script> & \\"moons\\""',
    "prompt: Which planet is closest to the Sun?": "prompt: 'Which planet is closest to the Sun? <b>bold</b> & \"quoted\" <script>alert(2)</script>'",
    "statement: Saturn is famous for its rings.": "statement: 'Saturn is famous for its rings & <i>its</i> \"moons\".'",
    "title: The Solar System\n": "title: 'The {{ Solar }} System {% if x %}'\n",
}


def hostile_deck(tmp_path: Path) -> Path:
    text = MINI.read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "solar.txt").write_text("", encoding="utf-8")
    return path


def test_deck_text_with_markup_ampersands_and_quotes_shows_as_text(tmp_path: Path) -> None:
    """Deck text is data: HTML and template syntax in it print as the characters typed."""
    deck = read_deck_file(hostile_deck(tmp_path)).deck
    options = QuestionOptions(count=13, seed=1, types=(QuestionType.MULTIPLE_CHOICE,))
    questions = generate_questions([deck], options).questions
    html = worksheet_html([deck], questions, seed=1)
    root, builder = parse(html)
    assert builder.problems == []
    assert [n.tag for n in root.iter() if n.tag in {"b", "i"}] == []
    [script] = root.find_all("script")  # only the paginator, inlined from templates/
    assert (
        "".join(script.texts()).strip()
        == (templates_dir() / "worksheet.js").read_text(encoding="utf-8").strip()
    )
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&amp;" in html
    texts = "\n".join(root.texts())
    assert 'Planets <script>alert(1)</script> & "moons"' in texts
    assert 'closest to the Sun? <b>bold</b> & "quoted" <script>alert(2)</script>' in texts
    assert 'rings & <i>its</i> "moons".' in texts
    assert "The {{ Solar }} System {% if x %}" in texts


def test_version_labels_go_on_past_z() -> None:
    assert [version_label(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_make_version_is_deterministic_and_keeps_version_a() -> None:
    deck = read_deck_file(MINI).deck
    questions = generate_questions([deck], QuestionOptions(count=10, seed=5)).questions
    assert make_version(questions, seed=5, version=0) == questions
    first = make_version(questions, seed=5, version=2)
    assert first == make_version(questions, seed=5, version=2)
    assert first != make_version(questions, seed=6, version=2)
    assert sorted(q.id for q in first) == sorted(q.id for q in questions)
    # a list sorted by type stays sorted by type: questions move only within their group
    assert [q.type for q in first] == [q.type for q in questions]


def test_rendering_is_deterministic() -> None:
    assert mini_html(versions=3)[0] == mini_html(versions=3)[0]


def test_other_deck_language_sets_lang(tmp_path: Path) -> None:
    path = tmp_path / "de.yaml"
    path.write_text(
        MINI.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8"
    )
    deck = read_deck_file(path).deck
    questions = generate_questions([deck], QuestionOptions(count=3, seed=1)).questions
    root, _ = parse(worksheet_html([deck], questions, seed=1))
    assert root.find_all("html")[0].attrs["lang"] == "de"


# -- the command -----------------------------------------------------------------------------


def test_command_writes_the_file_and_says_where(tmp_path: Path) -> None:
    result = run_cli(
        "worksheet", "--deck", str(MINI), "-n", "8", "--seed", "2", "--versions", "2", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    written = tmp_path / "worksheet.html"
    assert written.is_file()
    assert "worksheet.html" in result.stderr and "2 versions" in result.stderr
    root, _ = parse(written.read_text(encoding="utf-8"))
    assert len(versions_of(root)) == 2 and len(keys_of(root)) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_command_is_byte_identical_for_the_same_seed(tmp_path: Path) -> None:
    args = (
        "worksheet",
        "--deck",
        str(MINI),
        "-n",
        "10",
        "--seed",
        "9",
        "--versions",
        "3",
        "--title",
        "Unit 3",
    )
    first = run_cli(*args, "-o", "one.html", cwd=tmp_path)
    second = run_cli(*args, "-o", "two.html", cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert (tmp_path / "one.html").read_bytes() == (tmp_path / "two.html").read_bytes()
    assert b"Unit 3" in (tmp_path / "one.html").read_bytes()


def test_command_without_seed_prints_the_seed_that_repeats_it(tmp_path: Path) -> None:
    result = run_cli("worksheet", "--deck", str(MINI), "-n", "5", "-o", "a.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    seed = re.search(r"--seed (\d+)", result.stderr)
    assert seed, result.stderr
    again = run_cli(
        "worksheet", "--deck", str(MINI), "-n", "5", "--seed", seed[1], "-o", "b.html", cwd=tmp_path
    )
    assert again.returncode == 0
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_command_dash_writes_html_to_stdout(tmp_path: Path) -> None:
    result = run_cli("worksheet", "--deck", str(MINI), "-n", "5", "--seed", "1", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>")
    assert "wrote" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_command_no_key_and_key_only(tmp_path: Path) -> None:
    common = ("worksheet", "--deck", str(MINI), "-n", "6", "--seed", "4", "--versions", "2", "-o", "-")
    no_key = parse(run_cli(*common, "--no-key", cwd=tmp_path).stdout)[0]
    key_only = parse(run_cli(*common, "--key-only", cwd=tmp_path).stdout)[0]
    both = parse(run_cli(*common, cwd=tmp_path).stdout)[0]
    assert len(versions_of(no_key)) == 2 and keys_of(no_key) == []
    assert versions_of(key_only) == [] and len(keys_of(key_only)) == 2
    # the separate keys are those of the worksheet made with the same seed
    assert [question_ids(k) for k in keys_of(key_only)] == [question_ids(k) for k in keys_of(both)]
    assert [v.text() for v in versions_of(no_key)] == [v.text() for v in versions_of(both)]
    clash = run_cli(*common, "--no-key", "--key-only", cwd=tmp_path)
    assert clash.returncode == 2
    assert "--no-key and --key-only" in clash.stderr


def test_command_paper_letter_sets_page_size(tmp_path: Path) -> None:
    result = run_cli(
        "worksheet",
        "--deck",
        str(MINI),
        "-n",
        "4",
        "--seed",
        "1",
        "--paper",
        "letter",
        "-o",
        "-",
        cwd=tmp_path,
    )
    assert "@page { size: letter; margin: 0; }" in result.stdout


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (lambda tmp: tmp / "missing" / "w.html", "does not exist"),
        (lambda tmp: tmp, "directory"),
    ],
    ids=["missing-folder", "a-directory"],
)
def test_command_unwritable_output_fails_with_a_clear_message(
    tmp_path: Path, target: Callable[[Path], Path], expected: str
) -> None:
    out = target(tmp_path)
    result = run_cli("worksheet", "--deck", str(MINI), "-n", "4", "--seed", "1", "-o", str(out), cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert str(out) in result.stderr or "'-o'" in result.stderr


def test_command_output_under_a_file_fails_with_exit_1_and_the_old_file_intact(tmp_path: Path) -> None:
    """Even root cannot write below a regular file: the error names it and nothing is overwritten."""
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me", encoding="utf-8")
    out = blocker / "w.html"
    result = run_cli("worksheet", "--deck", str(MINI), "-n", "4", "--seed", "1", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{blocker} is a file, not a folder" in result.stderr and "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "keep me"


def test_command_missing_folder_exits_1(tmp_path: Path) -> None:
    out = tmp_path / "nope" / "w.html"
    result = run_cli("worksheet", "--deck", str(MINI), "-n", "4", "--seed", "1", "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{out}: cannot write: folder" in result.stderr


def test_command_help_has_an_example(tmp_path: Path) -> None:
    result = run_cli("worksheet", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Example" in result.stdout and "--versions" in result.stdout and "--key-only" in result.stdout


@settings(max_examples=60, deadline=None)
@given(
    engine_seed=st.integers(0, 10_000),
    seed=st.integers(-(2**40), 2**40),
    version=st.integers(1, 60),
    count=st.integers(2, 13),
)
def test_any_version_keeps_every_question_and_answer_and_moves_each_group(
    engine_seed: int, seed: int, version: int, count: int
) -> None:
    """Property: a version is a reordering with shuffled choices; nothing is lost or changed."""
    deck = read_deck_file(MINI).deck
    made = generate_questions([deck], QuestionOptions(count=count, seed=engine_seed)).questions
    questions = sorted(made, key=lambda q: list(QuestionType).index(q.type))
    other = make_version(questions, seed=seed, version=version)
    assert [q.type for q in other] == [q.type for q in questions]
    by_id = {q.id: q for q in questions}
    assert sorted(by_id) == sorted(q.id for q in other)
    for moved in other:
        original = by_id[moved.id]
        assert moved.prompt == original.prompt and moved.answer == original.answer
        if isinstance(moved.choices, list):
            assert sorted(moved.choices) == sorted(original.choices)  # type: ignore[arg-type]
        else:
            assert moved.choices.statements == original.choices.statements  # type: ignore[union-attr]
            assert sorted(moved.choices.answers) == sorted(original.choices.answers)  # type: ignore[union-attr]
        if moved.type is QuestionType.MULTIPLE_CHOICE:
            assert moved.answer in moved.choices
            if moved.answer_kind in {"year", "date", "number"}:  # type: ignore[union-attr]
                assert moved.choices == original.choices
    for qtype in QuestionType:
        before = [q.id for q in questions if q.type is qtype]
        if len(before) >= 2:
            assert [q.id for q in other if q.type is qtype] != before


# -- what the students' copy gives away: nothing ---------------------------------------


class _Markup(HTMLParser):
    """Every attribute value, comment and script of a page, and the element each attribute is on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.comments: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def students_markup(html: str) -> _Markup:
    """The markup of the students' part only: everything outside the keys and explanations."""
    cut = re.sub(r'<article class="part (?:key|explained)[^"]*".*?</article>', "", html, flags=re.DOTALL)
    found = _Markup()
    found.feed(cut)
    return found


@pytest.mark.parametrize("content", [Content.QUESTIONS, Content.BOTH], ids=["no-key", "combined"])
def test_the_students_copy_names_no_answer_in_any_attribute_comment_or_script(content: Content) -> None:
    """Ctrl+U on a handed-out sheet shows no fact id (they read like answers: tuapse-crew-49)."""
    deck = read_deck_file(bundled_deck_path()).deck
    questions = generate_questions([deck], QuestionOptions(count=30, seed=7)).questions
    html = worksheet_html([deck], questions, seed=7, versions=2, content=content)
    markup = students_markup(html)
    asked = {f for q in questions for f in q.fact_ids}
    hidden = [*(value for _, _, value in markup.attributes), *markup.comments, *markup.scripts]
    for fact_id in asked:
        leaks = [text for text in hidden if re.search(rf"(?<![\w-]){re.escape(fact_id)}(?![\w-])", text)]
        assert not leaks, (fact_id, leaks[:3])
    assert not [t for t in hidden if f"{deck.id}:" in t], "no question id"
    # A question's markup is the same whatever its answer: only its number, type and language.
    on_questions = {
        name for tag, name, value in markup.attributes if tag == "li" and "question" in value.split()
    } | {name for tag, name, _ in markup.attributes if tag == "li" and name.startswith("data-")}
    assert on_questions <= {"class", "value", "data-type", "lang"}, on_questions
    true_false = [q for q in questions if q.type is QuestionType.TRUE_FALSE]
    assert {q.answer for q in true_false} == {True, False}, "the set has true and false statements"  # type: ignore[union-attr]
    items = re.findall(r'<li class="question"[^>]*data-type="true_false"[^>]*>', html)
    assert len({re.sub(r'value="\d+"', "", item) for item in items}) == 1, "no true/false marker"


def test_the_keys_keep_the_question_ids_that_grade_responses_reads(tmp_path: Path) -> None:
    html, questions = mini_html(versions=2, seed=5)
    root, _ = parse(html)
    for key in keys_of(root):
        assert sorted(question_ids(key)) == sorted(q.id for q in questions)
    # The ids in a key mark that version's answers: a CSV of them marks as the key says.
    key_a = keys_of(root)[0]
    rows = ["question_id,answer"]
    for li in key_a.find_all("li", cls="grid-entry"):
        qid = str(li.attrs["data-question-id"])
        if qid.endswith((":fill_in", ":short_answer")):
            rows.append(f"{qid},{li.find_all('strong')[0].text()}")
    assert len(rows) > 1
    csv = tmp_path / "answers.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    done = run_cli("grade", "--deck", str(MINI), "--responses", str(csv), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    marked = list(csv_module.DictReader(io.StringIO(done.stdout)))
    assert marked
    assert all(row["outcome"] == "correct" for row in marked), marked


def test_answers_explained_lists_each_source_once_and_each_timeline_event_on_its_own_line() -> None:
    deck = read_deck_file(bundled_deck_path()).deck
    questions = generate_questions([deck], QuestionOptions(count=38, seed=2)).questions
    root, _ = parse(worksheet_html([deck], questions, seed=2, versions=3))
    [explained] = explained_of(root)
    cited = [li.text() for li in explained.find_all("ol", cls="cited-sources")[0].children_nodes("li")]
    assert len(cited) == len({s.id for q in questions for s in q.sources})
    entries = " ".join(li.text() for li in explained.find_all("li", cls="key-item"))
    for source in deck.sources:  # cited by number in the entries, never written out again
        assert f"{source.title}, {source.publisher}" not in entries
        assert source.url not in entries and "https://" not in entries
    facts = {f.id: f for f in deck.facts}
    timelines = [q for q in questions if q.type is QuestionType.TIMELINE]
    assert timelines
    for q in timelines:
        [li] = [li for li in explained.find_all("li", cls="key-item") if li.attrs["data-question-id"] == q.id]
        events = li.find_all("ol", cls="facts")[0].children_nodes("li")
        assert len(events) == 4
        for place, (event, fact_id, date) in enumerate(zip(events, q.fact_ids, q.dates, strict=True), 1):  # type: ignore[union-attr]
            assert event.find_all("strong", cls="lead")[0].text() == f"{place}. {date}"
            assert facts[fact_id].statement in event.text()
            if facts[fact_id].note:
                assert facts[fact_id].note in event.text()


def test_no_explanations_keeps_the_keys_and_leaves_answers_explained_out() -> None:
    html, _ = mini_html(versions=2, explanations=False)
    root, _ = parse(html)
    assert len(keys_of(root)) == 2 and explained_of(root) == []
    assert all("Answers explained" not in key.text() for key in keys_of(root)), (
        "no pointer to what is not there"
    )


def test_the_title_is_the_decks_unless_one_is_given() -> None:
    root, _ = parse(mini_html()[0])
    deck = read_deck_file(MINI).deck
    assert root.find_all("title")[0].text() == deck.title
    assert versions_of(root)[0].find_all("h1")[0].text() == deck.title
    assert keys_of(root)[0].find_all("h1")[0].text() == f"Answer key: {deck.title}"
    shown = [
        c
        for n in root.find_all()
        if n.tag not in ("script", "style")
        for c in n.children
        if isinstance(c, str)
    ]
    assert not [text for text in shown if "Worksheet" in text], "no generic title anywhere on the page"
    titled, _ = parse(mini_html(title="Unit 3 test")[0])
    assert titled.find_all("title")[0].text() == f"Unit 3 test – {deck.title}"
    assert versions_of(titled)[0].find_all("span", cls="deck-title")[0].text() == deck.title


def test_the_key_gives_grade_the_options_that_make_its_set_again(tmp_path: Path) -> None:
    """A worksheet made without -n asks 20 questions, and grade needs that to know which true/false
    statements were shown false: the key says how the set was made, and grade marks by it."""
    made = run_cli("worksheet", "--seed", "5", "--topic", "lavrov-2025", "-o", "sheet.html", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    page = (tmp_path / "sheet.html").read_text(encoding="utf-8")
    shown = re.search(r'<code class="made-with">([^<]*)</code>', page)
    assert shown is not None and shown.group(1) == "--seed 5 -n 20 --topic lavrov-2025"
    keyed = re.findall(
        r'data-question-id="([^"]+:true_false)"><span class="num">\d+</span> '
        r'<strong class="grid-answer">(True|False)</strong>',
        page,
    )
    assert keyed
    for question, truth in keyed:
        marked = run_cli("grade", *shown.group(1).split(), question, truth[0].lower(), cwd=tmp_path)
        assert marked.returncode == 0, marked.stderr
        assert ": correct" in marked.stdout, marked.stdout
