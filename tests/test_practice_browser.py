"""The practice page in a real browser: headless Chromium driven by Playwright, keyboard only.

A whole session of every question type is answered by keyboard with right, wrong, typo,
partly right and skipped answers, and the score is checked; progress survives a reload, is
exported, reset and imported; no request leaves the page and nothing is logged to the
console; the page fits 390 px and 320 px (a 1280 px screen at 400% zoom) without sideways
scrolling, and prints without its buttons. Screenshots at 390×844 and 1280×800 are kept in
the test's tmp_path (and copied to $RUTW_QUIZ_EVIDENCE_DIR when set) for a human to look at.

Without Chromium or Playwright this skips with its reason; with CI=true it must run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from practice_page import Watched, browser, need
from rutw_quiz.deck import read_deck_files
from rutw_quiz.grading.responses import ResponseGrader
from rutw_quiz.questions.models import FillInQuestion, ShortAnswerQuestion
from rutw_quiz.render.practice import PracticeOptions, practice_html
from rutw_quiz.resources import bundled_deck_path

__all__ = ["browser"]  # the fixture, shared with the other browser tests of the page

pytestmark = pytest.mark.browser

SEED = 6  # its first round holds all six types of question
TYPES = {"multiple_choice", "true_false", "fill_in", "short_answer", "timeline", "matching"}


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    decks = [item.deck for item in read_deck_files([bundled_deck_path()])]
    path = tmp_path_factory.mktemp("practice") / "practice.html"
    path.write_text(practice_html(decks, PracticeOptions(seed=SEED)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def grader() -> ResponseGrader:
    return ResponseGrader([item.deck for item in read_deck_files([bundled_deck_path()])])


def typo_of(grader: ResponseGrader, question_id: str, answer: str) -> str | None:
    """A misspelling of `answer` that the grader forgives as a typo, if there is one."""
    question = grader.question(question_id)
    assert isinstance(question, FillInQuestion | ShortAnswerQuestion)
    for i in range(len(answer) - 2, 0, -1):
        if answer[i].isalpha() and answer[i + 1].isalpha() and answer[i] != answer[i + 1]:
            typed = answer[:i] + answer[i + 1] + answer[i] + answer[i + 2 :]
            if grader.key.grade(question, typed).outcome.value == "typo":
                return typed
    return None


def keyboard_answer(page: Any, q: dict[str, Any], how: str, typed: str | None = None) -> None:
    """Answer the question on screen by keyboard only: focus starts on its first control."""
    kind = q["type"]
    if how == "skip":
        page.focus("#skip-button")  # reached by Tab in use; focused directly to keep the test short
        page.keyboard.press("Enter")
        return
    if kind in ("multiple_choice", "true_false"):
        right = q["answer"] if kind == "multiple_choice" else (0 if q["answer"] else 1)
        count = len(q["choices"]) if kind == "multiple_choice" else 2
        pick = right if how == "right" else (right + 1) % count
        page.keyboard.press("Space")  # checks the first choice
        for _ in range(pick):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
    elif kind in ("fill_in", "short_answer"):
        text = typed if typed is not None else (q["answer"] if how == "right" else "Vladivostok Zzz")
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    else:
        n = len(q["answer"])
        if kind == "timeline":  # place of each shown event, 0 = earliest
            place = {shown: k for k, shown in enumerate(q["answer"])}
            values = [place[i] for i in range(n)]
        else:  # the answer chosen for each statement
            values = list(q["answer"])
        if how == "wrong":
            values = values[1:] + values[:1] if kind == "matching" else [n - 1 - v for v in values]
        elif how == "partial":
            if kind == "timeline":
                first, second = q["answer"][0], q["answer"][1]
                values[first], values[second] = values[second], values[first]
            else:
                values[0], values[1] = values[1], values[0]
        for value in values:
            for _ in range(value + 1):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Tab")  # to the next select; after the last one, to Check
        page.keyboard.press("Enter")


def points_text(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


POINTS = {"right": 1.0, "typo": 1.0, "wrong": 0.0, "skip": 0.0, "partial": 0.5}
VERDICTS = {
    "right": "Right!",
    "typo": "Right, with a typo.",
    "wrong": "Wrong.",
    "skip": "Skipped.",
    "partial": "Partly right: 2 of 4.",
}


def test_a_whole_session_by_keyboard_scores_right_and_keeps_progress(
    browser: Any, page_file: Path, grader: ResponseGrader, tmp_path: Path
) -> None:
    """All questions of a round, all six types, by keyboard; score, summary, reload, export, reset, import."""
    w = Watched(browser, page_file.as_uri())
    page = w.page
    assert w.js("document.documentElement.lang") == "en"
    ready = w.js("window.rutwPractice.readyAt")
    assert ready < 500, f"the start screen took {ready:.0f} ms"
    page.focus("#start-form input[value=all]")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_selector("#quiz:not([hidden])")
    plan = ["right", "wrong", "typo", "skip"]
    multi = 0
    expected_points = 0.0
    asked = 0
    types: set[str] = set()
    hows: set[str] = set()
    missed_facts: set[str] = set()
    while True:
        q = w.question()
        if q is None:
            break
        if q["type"] in ("timeline", "matching"):
            how = ("partial", "right", "wrong")[multi % 3]
            multi += 1
        else:
            how = plan[asked % len(plan)]
        typed = None
        if how == "typo":
            typed = (
                typo_of(grader, q["id"], q["answer"]) if q["type"] in ("fill_in", "short_answer") else None
            )
            if typed is None:
                how = "right"
        focused = w.js("document.activeElement.id || document.activeElement.name")
        assert focused, "focus is on a control of the question"
        assert not page.is_visible("#next-button")
        keyboard_answer(page, q, how, typed)
        feedback = page.inner_text("#feedback")
        assert feedback.startswith(("✓", "✗", "◐", "–")), feedback
        assert VERDICTS[how] in feedback, (q["id"], how, feedback)
        assert "Source:" in feedback
        assert "Why:" not in feedback and "alias" not in feedback, feedback  # no grader jargon
        assert w.js("document.activeElement.id") == "next-button"
        assert not page.is_visible("#check-button")
        assert not page.is_visible("#skip-button")
        expected_points += POINTS[how]
        if how in ("wrong", "partial"):
            missed_facts.update(q["facts"] if how == "wrong" else q["facts"][:2])
        types.add(q["type"])
        hows.add(how)
        asked += 1
        page.keyboard.press("Enter")
    assert types == TYPES
    assert hows == set(POINTS)
    print(f"session: {asked} questions by keyboard, {points_text(expected_points)} points")
    score = page.inner_text(".score")
    assert score.startswith(f"Score: {points_text(expected_points)}/{asked} ("), score
    summary = page.inner_text("#summary-body")
    assert "By topic" in summary and "Missed" in summary
    assert page.inner_text("#review-button").startswith("Review missed (")

    # the review round asks the missed questions again
    page.click("#review-button")
    assert "Question 1 of" in page.inner_text("#question-heading")
    w.end_session()

    # progress is kept: reload and the missed facts are due
    w.reload()
    text = page.inner_text("#progress-summary")
    assert f"Facts: {len(missed_facts)} due for review" in text, text

    # export, reset, import
    page.click("#progress-tools summary")
    with page.expect_download() as download:
        page.click("#export-button")
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "rutw-quiz-practice-progress" and data["version"] == 2
    facts = data["decks"]["russia-taiwan-relations"]["facts"]
    assert len(facts) >= len(missed_facts)
    page.click("#reset-button")
    page.click("#reset-yes")
    assert "0 due for review" in page.inner_text("#progress-summary")
    page.set_input_files("#import-file", str(exported))
    w.wait_until("document.querySelector('#tools-status').textContent.startsWith('Imported')")
    assert page.inner_text("#tools-status") == f"Imported progress for {len(facts)} facts."
    assert f"Facts: {len(missed_facts)} due for review" in page.inner_text("#progress-summary")
    page.set_input_files("#import-file", str(exported))  # the same file again: nothing new
    w.wait_until("document.querySelector('#tools-status').textContent.startsWith('Already')")
    assert page.inner_text("#tools-status").startswith("Already up to date")
    w.reload()
    assert f"Facts: {len(missed_facts)} due for review" in page.inner_text("#progress-summary")

    # a review session starts with what was missed
    page.click("#start-button")
    first = w.question()
    assert first is not None
    assert set(first["facts"]) & missed_facts

    assert w.requests == [page_file.as_uri()] * len(w.requests), w.requests
    assert not w.console, w.console
    w.close()


def test_the_page_makes_no_request_and_blocks_any_by_policy(browser: Any, page_file: Path) -> None:
    """Only the file itself is loaded; a script's fetch is refused by the Content-Security-Policy."""
    w = Watched(browser, page_file.as_uri())
    w.page.click("#start-button")
    blocked = w.js("fetch('https://example.org/x').then(() => 'sent', () => 'blocked')")
    assert blocked == "blocked"
    assert w.requests == [page_file.as_uri()], w.requests
    w.close()


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800), (320, 640)])
def test_the_page_fits_the_screen_and_is_kept_as_a_screenshot(
    browser: Any, page_file: Path, tmp_path: Path, width: int, height: int
) -> None:
    """No sideways scrolling at phone width and at 400% zoom (320 CSS px); screenshots kept."""
    w = Watched(browser, page_file.as_uri(), width, height)
    page = w.page
    page.click("#start-button")
    shots = []
    for n in range(6):
        q = w.question()
        assert q is not None
        assert w.js("document.documentElement.scrollWidth") <= width, (q["type"], width)
        if n == 0:
            shots.append(tmp_path / f"practice-{width}x{height}-question.png")
            page.screenshot(path=str(shots[-1]), full_page=True)
        page.click("#skip-button")
        assert w.js("document.documentElement.scrollWidth") <= width
        if n == 0:
            shots.append(tmp_path / f"practice-{width}x{height}-feedback.png")
            page.screenshot(path=str(shots[-1]), full_page=True)
        page.click("#next-button")
    w.end_session()
    assert w.js("document.documentElement.scrollWidth") <= width
    shots.append(tmp_path / f"practice-{width}x{height}-summary.png")
    page.screenshot(path=str(shots[-1]), full_page=True)
    evidence = os.environ.get("RUTW_QUIZ_EVIDENCE_DIR")
    if evidence:
        for shot in shots:
            shutil.copy(shot, Path(evidence) / shot.name)
    print("screenshots:", *shots)
    w.close()


def test_printing_hides_the_buttons_and_keeps_the_feedback(browser: Any, page_file: Path) -> None:
    w = Watched(browser, page_file.as_uri())
    page = w.page
    page.click("#start-button")
    page.click("#skip-button")
    page.emulate_media(media="print")
    assert not page.is_visible("#next-button")
    assert not page.is_visible("#quit-button")
    assert page.is_visible("#feedback")
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    w.close()


AXE_VERSION = "4"
AXE_CACHE = Path.home() / ".cache" / "rutw-quiz-tests" / "axe-core"


def axe_source() -> str:
    """axe-core's script: $RUTW_AXE_JS, tests/js/node_modules, or installed once from npm into a cache."""
    candidates = [
        Path(os.environ.get("RUTW_AXE_JS", "/nonexistent")),
        Path(__file__).parent / "js" / "node_modules" / "axe-core" / "axe.min.js",
        AXE_CACHE / "node_modules" / "axe-core" / "axe.min.js",
    ]
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    npm = shutil.which("npm")
    if npm is None:
        need("axe-core not found and npm not installed: set RUTW_AXE_JS to axe.min.js or install npm")
    AXE_CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [
            npm,
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(AXE_CACHE),
            f"axe-core@{AXE_VERSION}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not candidates[-1].is_file():
        need(f"could not install axe-core from npm: {done.stderr.strip()[-500:]}")
    return candidates[-1].read_text(encoding="utf-8")


def serious_violations(w: Watched, source: str, where: str) -> list[str]:
    if not w.js("typeof window.axe !== 'undefined'"):
        w.js(source)  # evaluated by the test harness, not a request of the page
    result = w.js("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
    return [
        f"{where}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_axe_finds_no_serious_or_critical_violation_on_any_screen(
    browser: Any, page_file: Path, width: int, height: int
) -> None:
    """The start screen, a question of each type and its feedback, and the summary."""
    source = axe_source()
    w = Watched(browser, page_file.as_uri(), width, height)
    page = w.page
    page.click("#progress-tools summary")
    found = serious_violations(w, source, "start")
    page.check("#start-form input[value=all]")
    page.click("#start-button")
    seen: set[str] = set()
    while (q := w.question()) is not None and seen != TYPES:
        if q["type"] not in seen:
            seen.add(q["type"])
            found += serious_violations(w, source, q["type"])
            page.click("#skip-button")
            found += serious_violations(w, source, f"{q['type']} feedback")
        else:
            page.click("#skip-button")
        page.click("#next-button")
    assert seen == TYPES
    w.end_session()
    found += serious_violations(w, source, "summary")
    assert not found, "\n".join(found)
    assert w.requests == [page_file.as_uri()], w.requests
    w.close()


def test_every_control_reached_by_tab_shows_a_visible_focus(browser: Any, page_file: Path) -> None:
    """Tab through the start screen and a question: each focused control has an outline."""
    w = Watched(browser, page_file.as_uri())
    page = w.page
    page.click("#progress-tools summary")
    stops = []
    for screen in ("start", "question"):
        if screen == "question":
            page.click("#start-button")
            page.focus("#question-heading")
        for _ in range(12):
            page.keyboard.press("Tab")
            info = w.js(
                "(() => { const e = document.activeElement, s = getComputedStyle(e);"
                " const label = e.id && document.querySelector(`label[for='${e.id}']`);"
                " const ls = label ? getComputedStyle(label) : null;"
                " return [e.id || e.name || e.tagName, s.outlineStyle !== 'none' && s.outlineWidth !== '0px'"
                " || (ls !== null && ls.outlineStyle !== 'none')]; })()"
            )
            if info[0] != "BODY":  # past the last control focus leaves the page
                stops.append(info)
    assert len(stops) >= 12 and all(visible for _, visible in stops), stops
    w.close()
