"""What a student sees on the practice page, read from the page as drawn (issue 20, items 21-27).

In headless Chromium, on the bundled deck: blanks are read out as "blank"; matching refuses one
answer for several statements, as the terminal does; timeline and matching feedback marks each
item in the page's own notation; no grader jargon; the choice picked stays visible after
checking, in light and dark mode; at 390 px the prompt sits above its box, every target is
44 px tall and "End session" is away from Check and asks first; and "I was right" (issue 19)
counts a refused typed answer as right, keeps it as an override, exports and imports it.
Screenshots go to the test's tmp_path (and $RUTW_QUIZ_EVIDENCE_DIR when set).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from practice_page import Watched, answer, browser, build_page, values_for
from rutw_quiz.deck import read_deck_files
from rutw_quiz.render.practice import PracticeOptions
from rutw_quiz.resources import bundled_deck_path

__all__ = ["browser"]

pytestmark = pytest.mark.browser

DECK = "russia-taiwan-relations"
TYPED = ("fill_in", "short_answer")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    decks = [item.deck for item in read_deck_files([bundled_deck_path()])]
    return build_page(decks, tmp_path_factory.mktemp("feedback") / "practice.html", PracticeOptions(seed=6))


@pytest.fixture(scope="module")
def aliases() -> dict[str, list[str]]:
    deck = read_deck_files([bundled_deck_path()])[0].deck
    return {f.id: list(f.aliases) for f in deck.facts}


def go_to(w: Watched, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """Start a session of all questions and skip to the first one `wanted` accepts."""
    if w.page.is_visible("#start-button"):
        w.page.check("#start-form input[value=all]")
        w.page.click("#start-button")
    while (q := w.question()) is not None:
        if wanted(q):
            return q
        w.page.click("#skip-button")
        w.page.click("#next-button")
    raise AssertionError("no such question in the session")


def keep(shot: Path) -> None:
    evidence = os.environ.get("RUTW_QUIZ_EVIDENCE_DIR")
    if evidence:
        shutil.copy(shot, Path(evidence) / shot.name)


# --- major item 10: nothing in the page names an answer before it is given -----------------------------


def test_before_an_answer_the_page_holds_nothing_that_names_it(browser: Any, page_file: Path) -> None:
    """For every question of a session: no fact id anywhere in the document's markup (its own
    scripts and the packed data aside), no typed answer in an attribute or comment, and the
    right choice's markup is the same as the others' but for its position."""
    w = Watched(browser, page_file.as_uri())
    w.page.check("#start-form input[value=all]")
    w.page.click("#start-button")
    asked = 0
    while (q := w.question()) is not None:
        html = w.js(
            "(() => { const c = document.documentElement.cloneNode(true);"
            " c.querySelectorAll('script, style').forEach(e => e.remove()); return c.outerHTML; })()"
        )
        for fact in q["facts"]:
            assert fact not in html, (q["type"], fact)
        hidden = w.js(
            "(() => { const out = [], walk = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);"
            " while (walk.nextNode()) out.push(walk.currentNode.data);"
            " document.querySelectorAll('body *').forEach(e => { for (const a of e.attributes) out.push(a.value); });"
            " return out; })()"
        )
        if q["type"] in TYPED:  # what is not drawn: attributes and comments
            assert not [h for h in hidden if q["answer"].casefold() in h.casefold()], q["answer"]
        if q["type"] in ("multiple_choice", "true_false"):
            rows = w.js("[...document.querySelectorAll('#answer-area .choice')].map(r => r.outerHTML)")
            shapes = {re.sub(r"-\d+|\"\d+\"|>[^<]*<", "#", row) for row in rows}
            assert len(shapes) == 1, shapes
        w.page.click("#skip-button")
        w.page.click("#next-button")
        asked += 1
    assert asked > 30
    assert (
        w.js("JSON.stringify(window.rutwPractice)")
        == '{"readyAt":' + str(w.js("window.rutwPractice.readyAt")) + "}"
    )
    w.close()


# --- item 21: blanks ---------------------------------------------------------------------------------


def test_a_blank_is_read_out_as_blank(browser: Any, page_file: Path) -> None:
    from playwright.sync_api import expect

    w = Watched(browser, page_file.as_uri())
    go_to(w, lambda q: q["type"] == "fill_in")
    typed = w.page.locator("#typed")
    expect(typed).to_have_accessible_description(re.compile(r"\bblank\b"))
    expect(typed).not_to_have_accessible_description(re.compile("_"))
    assert "_____" in w.page.inner_text("#prompt")  # still drawn as a line
    w.page.click("#skip-button")
    w.page.click("#next-button")
    go_to(w, lambda q: q["type"] == "matching")
    name = w.js("document.querySelector('label[for=match-0]').innerText")
    assert "_____" in name
    expect(w.page.locator("#match-0")).to_have_accessible_name(re.compile(r"\bblank\b"))
    w.close()


# --- item 22: matching, one answer per statement ---------------------------------------------------


def test_matching_refuses_one_answer_for_several_statements(browser: Any, page_file: Path) -> None:
    w = Watched(browser, page_file.as_uri())
    q = go_to(w, lambda q: q["type"] == "matching")
    for i in range(len(q["statements"])):
        w.page.select_option(f"#match-{i}", index=2)  # B for every statement
    w.page.click("#check-button")
    assert w.page.inner_text("#answer-problem") == "Each answer fits one statement only; B is given twice."
    assert w.page.inner_text("#feedback") == ""
    assert w.page.is_visible("#check-button")
    w.close()


# --- items 23 and 4: each item marked, in the page's notation -----------------------------------------


def test_a_partly_right_timeline_marks_each_event_with_its_place(browser: Any, page_file: Path) -> None:
    w = Watched(browser, page_file.as_uri())
    q = go_to(w, lambda q: q["type"] == "timeline")
    answer(w.page, q, "partial")
    feedback = w.page.inner_text("#feedback")
    assert feedback.startswith("◐ Partly right: ")
    assert not re.search(r"\b[A-F]{3,}\b", feedback), feedback  # no 'DBAC' letter strings
    given = values_for(q, "partial")
    rows = w.js("[...document.querySelectorAll('#feedback .details li')].map(li => li.innerText)")
    assert len(rows) == len(q["choices"])
    for shown, row in enumerate(rows):
        place = q["answer"].index(shown)
        assert row.startswith(
            f"{chr(65 + shown)}) {q['choices'][shown]} ({q['dates'][place]}) · place {place + 1}"
        ), row
        if given[shown] == place:
            assert row.endswith("✓"), row
        else:
            assert row.endswith(f"✗ you said {given[shown] + 1}"), row
    w.close()


def test_a_partly_right_matching_marks_each_statement(browser: Any, page_file: Path) -> None:
    w = Watched(browser, page_file.as_uri())
    q = go_to(w, lambda q: q["type"] == "matching")
    answer(w.page, q, "partial")
    rows = w.js("[...document.querySelectorAll('#feedback .details li')].map(li => li.innerText)")
    given = values_for(q, "partial")
    for i, row in enumerate(rows):
        right = q["answer"][i]
        assert row.startswith(f"{i + 1}. {q['completed'][i]} ({chr(65 + right)})"), row
        assert row.endswith("✓" if given[i] == right else f"✗ you chose {chr(65 + given[i])}"), row
    assert "Answer:" not in w.page.inner_text("#feedback .verdict")
    w.close()


# --- item 24: no grader jargon ------------------------------------------------------------------------


def test_an_accepted_alias_gets_no_grader_words(
    browser: Any, page_file: Path, aliases: dict[str, list[str]]
) -> None:
    w = Watched(browser, page_file.as_uri())
    q = go_to(w, lambda q: q["type"] in TYPED and bool(aliases[q["facts"][0]]))
    typed = aliases[q["facts"][0]][0]
    answer(w.page, q, "right", typed)
    feedback = w.page.inner_text("#feedback")
    assert feedback.startswith("✓ Right!"), feedback
    assert f"You answered: {typed}" in feedback
    assert "alias" not in feedback and "Why" not in feedback and "correct:" not in feedback, feedback
    w.close()


# --- item 25: the choice picked stays visible ----------------------------------------------------------


def luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_choice_picked_stays_visible_after_checking(
    browser: Any, page_file: Path, tmp_path: Path, dark: bool
) -> None:
    w = Watched(browser, page_file.as_uri(), 390, 844, dark=dark)
    q = go_to(w, lambda q: q["type"] == "multiple_choice")
    answer(w.page, q, "wrong")
    picked = (q["answer"] + 1) % len(q["choices"])
    rows = w.js(
        """() => [...document.querySelectorAll('#answer-area .choice')].map(row => {
             const s = getComputedStyle(row), l = getComputedStyle(row.querySelector('label'));
             return {text: row.innerText, classes: row.className, background: s.backgroundColor,
                     border: s.borderTopColor, color: l.color, weight: l.fontWeight};
           })"""
    )
    page_background = w.js("getComputedStyle(document.body).backgroundColor")
    assert rows[picked]["text"].endswith("✗ your answer"), rows[picked]
    assert rows[q["answer"]]["text"].endswith("✓ the answer"), rows[q["answer"]]
    others = [r for i, r in enumerate(rows) if i not in (picked, q["answer"])]
    assert all("your answer" not in r["text"] and "the answer" not in r["text"] for r in others)
    mine = rows[picked]
    assert int(mine["weight"]) >= 700
    assert mine["background"] != page_background or mine["border"] != others[0]["border"]
    background = mine["background"] if "rgba(0, 0, 0, 0)" not in mine["background"] else page_background
    assert contrast(mine["color"], background) >= 4.5, (mine, dark)
    assert contrast(mine["border"], page_background) >= 3, (mine, dark)
    shot = tmp_path / f"practice-picked-{'dark' if dark else 'light'}.png"
    w.page.screenshot(path=str(shot), full_page=True)
    keep(shot)
    w.page.click("#next-button")
    q = go_to(w, lambda q: q["type"] == "multiple_choice")
    answer(w.page, q, "right")
    assert w.js(f"document.querySelectorAll('#answer-area .choice')[{q['answer']}].innerText").endswith(
        "✓ your answer"
    )
    assert f"You answered: {chr(65 + q['answer'])})" in w.page.inner_text("#feedback")
    w.close()


# --- item 26: phone layout ------------------------------------------------------------------------------


def box(w: Watched, selector: str) -> dict[str, float]:
    found = w.page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def test_on_a_phone_the_prompt_is_above_its_box_and_every_target_is_44_px(
    browser: Any, page_file: Path
) -> None:
    w = Watched(browser, page_file.as_uri(), 390, 844)
    w.page.check("#start-form input[value=all]")
    w.page.click("#start-button")
    seen: set[str] = set()
    while (q := w.question()) is not None and len(seen) < 6:
        seen.add(q["type"])
        prompt = box(w, "#prompt")
        if q["type"] not in TYPED:
            fieldset = box(w, "#answer-area fieldset")
            assert prompt["y"] + prompt["height"] <= fieldset["y"], q["type"]  # the border cuts nothing
        small = w.js(
            """() => [...document.querySelectorAll('#quiz button, #quiz select, #quiz input[type=text], #quiz .choice label')]
                 .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
                 .map(e => e.id || e.htmlFor || e.tagName)"""
        )
        assert not small, (q["type"], small)
        w.page.click("#skip-button")
        w.page.click("#next-button")
    assert len(seen) == 6
    w.close()


def test_end_session_is_away_from_check_and_asks_first(browser: Any, page_file: Path) -> None:
    w = Watched(browser, page_file.as_uri(), 390, 844)
    w.page.click("#start-button")
    check, end = box(w, "#check-button"), box(w, "#quit-button")
    assert end["y"] + end["height"] < box(w, "#prompt")["y"] < check["y"], "End sits above the question"
    w.page.click("#quit-button")
    assert w.page.is_visible("#quit-confirm")
    assert w.js("document.activeElement.id") == "quit-no"
    w.page.click("#quit-no")
    assert not w.page.is_visible("#quit-confirm") and w.page.is_visible("#quiz")
    assert w.js("document.activeElement.closest('#answer-area') !== null")
    w.end_session()
    assert w.page.is_visible("#summary")
    assert w.page.inner_text("#summary-body").startswith("You ended after 0 of 10 questions.")
    w.close()


# --- issue 19: "I was right" --------------------------------------------------------------------------


def test_i_was_right_counts_as_right_and_is_kept_exported_and_imported(
    browser: Any, page_file: Path, tmp_path: Path
) -> None:
    w = Watched(browser, page_file.as_uri())
    page = w.page
    q = go_to(w, lambda q: q["type"] == "multiple_choice")
    answer(page, q, "wrong")
    assert not page.is_visible("#override-button"), "only refused typed answers can be overruled"
    page.click("#next-button")
    q = go_to(w, lambda q: q["type"] in TYPED)
    fact = q["facts"][0]
    answer(page, q, "wrong", "  Lake   Baikal ")
    assert page.inner_text("#feedback").startswith("✗ Wrong.")
    page.click("#override-button")
    feedback = page.inner_text("#feedback")
    assert feedback.startswith("✓ Counted as right: you said so."), feedback
    assert "You answered: Lake   Baikal" in feedback or "You answered: Lake Baikal" in feedback
    assert not page.is_visible("#override-button")
    assert w.js("document.activeElement.id") == "next-button"
    stored = json.loads(w.js(f"localStorage.getItem('rutw-quiz-practice:{DECK}')"))
    record = stored["facts"][fact]
    assert record["right"] == 1 and record["streak"] == 1
    assert record["due"] - record["last"] == 86_400_000  # a right answer's first interval, a day
    assert stored["overrides"] == {fact: ["Lake Baikal"]}
    page.click("#next-button")
    w.end_session()
    summary = page.inner_text("#summary-body")
    asked = re.match(r"You ended after (\d+) of ", summary)
    assert asked, summary
    assert f"Score: 1/{asked[1]} (" in summary  # the overruled answer is the one point
    assert "Of these, 1 answer counted right on your word (“I was right”)." in summary
    page.click("#again-button")
    assert "1 answer counted right on your word" in page.inner_text("#progress-summary")

    page.click("#progress-tools summary")
    with page.expect_download() as download:
        page.click("#export-button")
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["version"] == 2
    assert data["decks"][DECK]["overrides"] == {fact: ["Lake Baikal"]}
    page.click("#reset-button")
    page.click("#reset-yes")
    assert "counted right" not in page.inner_text("#progress-summary")
    page.set_input_files("#import-file", str(exported))
    w.wait_until("document.querySelector('#tools-status').textContent.startsWith('Imported')")
    assert page.inner_text("#tools-status") == "Imported progress for 2 facts and 1 answer you counted right."
    assert "1 answer counted right on your word" in page.inner_text("#progress-summary")
    assert not w.console, w.console
    w.close()
