"""The practice page: build time and size for the bundled deck and a synthetic one; in Chromium
(when Playwright and Chromium are here), the time to the start screen and to the first question,
and the browser grader's time per typed answer."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from synthetic import synthetic_deck
from timing import best_of

from rutw_quiz.deck import read_deck_file
from rutw_quiz.render.practice import PracticeOptions, practice_data, practice_html, render_practice
from rutw_quiz.resources import bundled_deck_path

HERE = Path(__file__).resolve().parent
LIMIT_BYTES = 300 * 1024
LIMIT_FIRST_QUESTION_MS = 500


def _browser_figures(page: Path) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("browser: skipped (playwright not installed)")
        return
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("browser: skipped (chromium not installed)")
        return
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=[*args, "--no-first-run"]
        )
        best_ready = best_first = float("inf")
        for _ in range(5):
            tab = browser.new_page()
            start = time.perf_counter()
            tab.goto(page.as_uri())
            ready = tab.evaluate("window.rutwPractice.readyAt")
            tab.click("#start-button")
            tab.wait_for_selector("#quiz:not([hidden])")
            first = (time.perf_counter() - start) * 1000
            best_ready, best_first = min(best_ready, ready), min(best_first, first)
            tab.close()
        verdict = "OK" if best_first < LIMIT_FIRST_QUESTION_MS else "TOO SLOW"
        print(f"browser: start screen ready {best_ready:.0f} ms after navigation (in-page clock)")
        print(f"browser: open + click Start + first question shown: {best_first:.0f} ms: {verdict}")
        tab = browser.new_page()
        tab.goto(page.as_uri())
        # every typed question of the page against 40 answers of other questions
        ms = tab.evaluate(
            """() => {
              const d = window.rutwPractice.data, T = new RutwGrader.Tables(d.tables);
              const ids = Object.keys(d.tables.keys), answers = d.questions.map(q => String(q.answer));
              const t0 = performance.now(); let n = 0;
              for (const id of ids) for (const a of answers.slice(0, 40)) { T.key(id).grade(a); n++; }
              return [performance.now() - t0, n];
            }"""
        )
        print(f"browser: {ms[1]} typed answers graded in {ms[0]:.0f} ms ({1000 * ms[0] / ms[1]:.0f} µs each)")
        browser.close()


def run() -> None:
    """Print build time and size of the page, and browser timings when a browser is here."""
    deck = read_deck_file(bundled_deck_path()).deck
    options = PracticeOptions(seed=1)
    build = best_of(3, lambda: practice_data([deck], options))
    data = practice_data([deck], options)
    render = best_of(3, lambda: render_practice(data, title=deck.title))
    html = practice_html([deck], options)
    size = len(html.encode("utf-8"))
    questions = data["questions"]
    assert isinstance(questions, list)
    verdict = "OK" if size < LIMIT_BYTES else "TOO BIG"
    print(
        f"bundled deck: {len(questions)} questions, data {build * 1000:.0f} ms, render {render * 1000:.0f} ms"
    )
    print(f"bundled deck page: {size / 1024:.0f} KB (limit {LIMIT_BYTES // 1024} KB): {verdict}")
    for facts in (200, 1000):
        synthetic = synthetic_deck(facts)
        start = time.perf_counter()
        big = practice_html([synthetic], PracticeOptions(seed=1, rounds=1))
        print(
            f"synthetic deck, {facts} facts, 1 round: {(time.perf_counter() - start) * 1000:.0f} ms, "
            f"{len(big.encode('utf-8')) / 1024:.0f} KB"
        )
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "practice.html"
        page.write_text(html, encoding="utf-8")
        _browser_figures(page)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(HERE))
    run()
