"""Anki cards as Anki shows them: imported with the official `anki` library, rendered by it, and
their multiple-choice script run in headless Chromium the way Anki desktop runs card scripts.

The front of a multiple-choice card names no answer in its HTML (Anki's Browse window shows it
without CSS); the back marks the right choice; the choices come in a new order at each showing,
the same on both sides, and in the note's fixed order without JavaScript. Aliases are small print
and never on multiple-choice backs. Packages built one kind at a time keep a fact's cards apart.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection

from rutw_quiz.deck import read_deck_file
from rutw_quiz.render.anki import AnkiOptions, build_anki_package, kinds_for_types
from rutw_quiz.resources import bundled_deck_path
from test_anki import EPOCH, MINI, RUTW_QUIZ, col, import_package

__all__ = ["col"]  # the fixture, shared with test_anki

QA = "rutw-quiz Q&A"


def build(tmp_path: Path, name: str, types: tuple[str, ...], deck_path: Path = MINI) -> Path:
    deck = read_deck_file(deck_path).deck
    path = tmp_path / name
    path.write_bytes(
        build_anki_package([deck], AnkiOptions(kinds=kinds_for_types(types)), timestamp=EPOCH).data
    )
    return path


def choice_cards(col: Collection) -> list[Any]:
    cards = []
    for note_id in col.find_notes(f'"note:{QA}"'):
        note = col.get_note(note_id)
        if note["Choices"]:
            cards.append(note.cards()[0])
    return cards


def browse_columns(col: Collection, card_id: int) -> list[str]:
    """The Question and Answer columns of Anki's Browse window: the card's text without CSS."""
    col.set_browser_card_columns(["question", "answer"])
    cells, *_ = col.browser_row_for_id(card_id)
    return [text for text, _, _ in cells]


def test_no_multiple_choice_front_holds_its_answer_anywhere_in_its_html(
    tmp_path: Path, col: Collection
) -> None:
    import_package(col, build(tmp_path, "mc.apkg", ("multiple_choice",), bundled_deck_path()))
    cards = choice_cards(col)
    assert len(cards) > 40
    for card in cards:
        front = card.question()
        body = front[front.index("</style>") :]
        assert 'class="right' not in body and "right-mark" not in body, (
            "no class or mark for the right choice"
        )
        assert "✓" not in front
        items = re.findall(r"<li\b[^>]*>", body)
        assert len(items) >= 3 and set(items) == {"<li>"}, "every choice's markup alike"
        question, answer = browse_columns(col, card.id)
        assert "✓" not in question
        assert re.search(r"\w; \S", question), f"the choices are told apart without CSS: {question}"
        assert "✓" in answer
        back = card.answer()
        marked = re.findall(r'<li class="right">(.*?)<span class="right-mark">', back)
        assert marked == [card.note()["Answer"].split('<li class="right">')[1].split("<span")[0]]


def test_aliases_are_small_print_and_never_on_a_multiple_choice_back(tmp_path: Path, col: Collection) -> None:
    import_package(col, build(tmp_path, "all.apkg", ("short_answer", "multiple_choice"), bundled_deck_path()))
    css = col.models.by_name(QA)["css"]  # type: ignore[index]
    rule = re.search(r"\.aliases \{([^}]*)\}", css)
    assert rule, "the note type styles .aliases"
    assert "font-weight: normal" in rule[1]
    size = re.search(r"font-size: ([\d.]+)em", rule[1])
    assert size and float(size[1]) < 0.8
    with_aliases = 0
    for note_id in col.find_notes(f'"note:{QA}"'):
        note = col.get_note(note_id)
        back = note.cards()[0].answer()
        back = back[back.index("</style>") :]
        if note["Choices"]:
            assert "aliases" not in back and "(also:" not in back
        elif "(also:" in back:
            with_aliases += 1
            assert '<span class="aliases">(also:' in back
    assert with_aliases > 5


def test_separate_packages_per_type_keep_a_facts_cards_apart_as_one_package_does(
    tmp_path: Path, col: Collection
) -> None:
    """deck.apkg (cloze and questions), then deck_mc.apkg (multiple choice), as the README once showed."""
    deck = read_deck_file(bundled_deck_path()).deck
    import_package(col, build(tmp_path, "deck.apkg", (), bundled_deck_path()))
    import_package(col, build(tmp_path, "deck_mc.apkg", ("multiple_choice",), bundled_deck_path()))
    order = new_card_order(col, deck.title)
    assert len(order) == sum(1 for _ in col.find_cards(""))
    assert [a for a, b in itertools.pairwise(order) if a == b] == [], "never back to back"
    gaps = [
        later - earlier
        for fact in set(order)
        for earlier, later in itertools.pairwise(positions(order, fact))
    ]
    assert min(gaps) >= len(deck.facts) // 3, min(gaps)

    one = Collection(str(tmp_path / "one.anki2"))
    try:
        every = ("fill_in", "short_answer", "multiple_choice")
        import_package(one, build(tmp_path, "every.apkg", every, bundled_deck_path()))
        assert new_card_order(one, deck.title) == order, "the same order as one package of every type"
    finally:
        one.close()


def positions(order: list[str], fact: str) -> list[int]:
    return [i for i, f in enumerate(order) if f == fact]


def new_card_order(col: Collection, deck_name: str) -> list[str]:
    """The FactId of each card in the order Anki introduces new cards (no daily limit)."""
    did = col.decks.id_for_name(deck_name)
    assert did is not None
    col.decks.select(did)
    config = col.decks.config_dict_for_deck_id(did)
    config["new"]["perDay"] = config["rev"]["perDay"] = 9999
    col.decks.save(config)
    queued = col.sched.get_queued_cards(fetch_limit=5000)
    return [col.get_note(card.card.note_id)["FactId"] for card in queued.cards]


def test_the_command_says_which_facts_get_fewer_choices_than_asked(tmp_path: Path, col: Collection) -> None:
    """The notice counts and names the notes that show fewer choices in Anki than were asked for."""
    package = tmp_path / "x.apkg"
    done = subprocess.run(
        [
            RUTW_QUIZ,
            "anki",
            "--deck",
            str(MINI),
            "--type",
            "multiple_choice",
            "--choices",
            "6",
            "-o",
            str(package),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)},
    )
    assert done.returncode == 0, done.stderr
    notice = next(line for line in done.stderr.splitlines() if "fewer than the 6 choices" in line)
    assert notice.startswith("note: solar-mini: ") and "(--choices)" in notice and "distractors" in notice
    import_package(col, package)
    short = set()
    for card in choice_cards(col):
        note = col.get_note(card.nid)
        if note["Choices"].count("<li") < 6:
            short.add(note["FactId"])
    named = re.search(r"category \(([^)]*)\)", notice)[1].split(", ")  # type: ignore[index]
    assert short and f": {len(short)} multiple-choice note(s) have fewer" in notice
    assert set(named) - {"..."} <= short


# ---------------------------------------------------------------- the shuffle, in a browser

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("Playwright not installed: `pip install -e '.[test]'` to run the browser tests")
    path = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if path is None:
        _need("Chromium not installed: `apt-get install chromium` (Debian) to run the browser tests")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


def _need(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true requires it")
    pytest.skip(reason)


# As Anki desktop's reviewer shows a side: the card's HTML put into #qa, its scripts then run.
SHOW = """html => {
    const qa = document.getElementById('qa');
    qa.innerHTML = html;
    for (const old of qa.querySelectorAll('script')) {
        const script = document.createElement('script');
        script.textContent = old.textContent;
        old.replaceWith(script);
    }
}"""
SHOWN = """() => [...document.querySelectorAll('ol.rutw-choices')]
    .filter(list => list.offsetParent !== null)
    .map(list => [...list.children].map(li => [li.childNodes[0].textContent, li.classList.contains('right')]))"""


@pytest.fixture(scope="module")
def choice_card(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, list[str], str]:
    """A multiple-choice card of the mini deck as Anki renders it: front, back, the note's order, the answer."""
    folder = tmp_path_factory.mktemp("anki")
    col = Collection(str(folder / "c.anki2"))
    try:
        import_package(col, build(folder, "mc.apkg", ("multiple_choice",)))
        card = next(c for c in choice_cards(col) if c.note()["FactId"] == "closest-planet")
        fixed = re.findall(r"<li(?: class=\"right\")?>([^<]*)<", card.note()["Answer"])
        right = re.findall(r'<li class="right">([^<]*)<', card.note()["Answer"])[0]
        return card.question(), card.answer(), fixed, right
    finally:
        col.close()


def test_the_choices_come_in_a_new_order_each_time_the_same_on_both_sides(
    chromium: Any, choice_card: tuple[str, str, list[str], str]
) -> None:
    front, back, fixed, right = choice_card
    page = chromium.new_page()
    page.set_content("<!DOCTYPE html><html><body><div id='qa'></div></body></html>")
    orders = set()
    for _ in range(12):
        page.evaluate(SHOW, front)
        [shown_front] = page.evaluate(SHOWN)
        page.evaluate(SHOW, back)
        [shown_back] = page.evaluate(SHOWN)  # the marked list; the front's copy is hidden
        assert [text for text, _ in shown_back] == [text for text, _ in shown_front], (
            "the back keeps the order"
        )
        assert [text for text, is_right in shown_back if is_right] == [right]
        assert sorted(text for text, _ in shown_front) == sorted(fixed)
        orders.add(tuple(text for text, _ in shown_front))
    assert len(orders) > 3, "shuffled at each showing"
    page.close()


def test_without_javascript_the_choices_keep_the_notes_fixed_order(
    chromium: Any, choice_card: tuple[str, str, list[str], str]
) -> None:
    front, back, fixed, right = choice_card
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    for side in (front, back):
        page.set_content(f"<!DOCTYPE html><html><body>{side}</body></html>")
        lists = [lst for lst in page.query_selector_all("ol.rutw-choices") if lst.is_visible()]
        assert len(lists) == 1
        texts = [li.inner_text().replace("✓", "").strip() for li in lists[0].query_selector_all("li")]
        assert texts == fixed
    assert page.query_selector("li.right").inner_text().startswith(right)
    context.close()


def test_a_back_shown_without_its_front_keeps_the_fixed_order(
    chromium: Any, choice_card: tuple[str, str, list[str], str]
) -> None:
    """No order kept (another card's, or none): the back falls back to the note's order, still marked."""
    _front, back, fixed, right = choice_card
    page = chromium.new_page()
    page.set_content("<!DOCTYPE html><html><body><div id='qa'></div></body></html>")
    page.evaluate("window.rutwQuizChoiceOrder = {card: 'another card', order: [3, 2, 1, 0]}")
    page.evaluate(SHOW, back)
    [shown] = page.evaluate(SHOWN)
    assert [text for text, _ in shown] == fixed
    assert [text for text, is_right in shown if is_right] == [right]
    page.close()
