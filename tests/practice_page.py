"""The practice page in headless Chromium: launching it, opening a built page and watching it.

Shared by the browser tests of the page (test_practice_browser.py, test_practice_storage.py,
test_practice_feedback.py). Without Chromium or Playwright a test skips with its reason; with
CI=true it fails instead.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from rutw_quiz.deck import read_deck_files
from rutw_quiz.deck.models import Deck
from rutw_quiz.render.practice import PracticeOptions, page_data, practice_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def need(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true requires it")
    pytest.skip(reason)


def chromium_path() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    need("Chromium not installed: `apt-get install chromium` (Debian) to run the browser tests")
    raise AssertionError  # unreachable


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("Playwright not installed: `pip install -e '.[test]'` to run the browser tests")
    path = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True, args=ARGS)
        yield launched
        launched.close()


def questions_of(path: Path) -> list[dict[str, Any]]:
    """The questions packed in a built page (the page itself never hands them out)."""
    questions = page_data(path.read_text(encoding="utf-8"))["questions"]
    assert isinstance(questions, list)
    return questions


class Watched:
    """A page with every request, console message and page error recorded, opened and ready."""

    def __init__(
        self,
        browser: Any,
        url: str,
        width: int = 1280,
        height: int = 800,
        *,
        dark: bool = False,
        init_script: str | None = None,
    ) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": height},
            accept_downloads=True,
            color_scheme="dark" if dark else "light",
        )
        if init_script:
            self.context.add_init_script(init_script)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.url = url
        self.questions = questions_of(Path(url.removeprefix("file://"))) if url.startswith("file://") else []
        self.page.goto(url)
        self.ready()

    def ready(self) -> None:
        self.wait_until("window.rutwPractice !== undefined")

    def wait_until(self, expression: str, timeout: float = 15.0) -> None:
        """Poll from outside the page: Playwright's wait_for_function evaluates strings in the page,
        which the page's policy (no 'unsafe-eval') rightly refuses."""
        deadline = time.monotonic() + timeout
        while not self.page.evaluate(expression):
            if time.monotonic() > deadline:
                raise AssertionError(f"still false after {timeout} s: {expression}")
            time.sleep(0.02)

    def reload(self) -> None:
        self.page.reload()
        self.ready()

    def question(self) -> dict[str, Any] | None:
        """The question on screen, from the page's packed data (the page hook gives only its index)."""
        index = self.js("window.rutwPractice.current()")
        return None if index is None else self.questions[index]

    def end_session(self) -> None:
        """'End session', then confirm: the page asks first."""
        self.page.click("#quit-button")
        self.page.click("#quit-yes")

    def js(self, script: str, arg: object = None) -> Any:
        return self.page.evaluate(script, arg)

    def close(self) -> None:
        self.context.close()


def build_page(decks: Sequence[Deck], path: Path, options: PracticeOptions | None = None) -> Path:
    """Write the practice page of these decks to `path`."""
    path.write_text(practice_html(decks, options or PracticeOptions(seed=1)), encoding="utf-8")
    return path


def deck_from_text(text: str, folder: Path, name: str = "deck.yaml") -> list[Deck]:
    """A deck read from YAML text, as a teacher's file would be."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return [item.deck for item in read_deck_files([path])]


def values_for(q: dict[str, Any], how: str) -> list[int]:
    """Timeline: the place (0 = earliest) given to each shown event; matching: the answer chosen
    per statement. `how`: right, wrong (every item) or partial (the first two swapped)."""
    n = len(q["answer"])
    if q["type"] == "timeline":
        place = {shown: k for k, shown in enumerate(q["answer"])}
        values = [place[i] for i in range(n)]
    else:
        values = list(q["answer"])
    if how == "wrong":
        return values[1:] + values[:1] if q["type"] == "matching" else [n - 1 - v for v in values]
    if how == "partial":
        if q["type"] == "timeline":
            first, second = q["answer"][0], q["answer"][1]
            values[first], values[second] = values[second], values[first]
        else:
            values[0], values[1] = values[1], values[0]
    return values


def answer(page: Any, q: dict[str, Any], how: str, typed: str | None = None) -> None:
    """Answer the question on screen with the mouse: right, wrong or partial; then Check."""
    kind = q["type"]
    if kind in ("multiple_choice", "true_false"):
        right = q["answer"] if kind == "multiple_choice" else (0 if q["answer"] else 1)
        count = len(q["choices"]) if kind == "multiple_choice" else 2
        pick = right if how == "right" else (right + 1) % count
        page.check(f"#{'choice' if kind == 'multiple_choice' else 'truth'}-{pick}")
    elif kind in ("fill_in", "short_answer"):
        page.fill(
            "#typed", typed if typed is not None else (q["answer"] if how == "right" else "Zzyzx Qwerty")
        )
    else:
        prefix = "order" if kind == "timeline" else "match"
        for i, value in enumerate(values_for(q, how)):
            page.select_option(f"#{prefix}-{i}", index=value + 1)  # option 0 is the placeholder
    page.click("#check-button")


def answer_all(w: Watched, how: str) -> int:
    """Answer every question of the session the same way, then see the summary; returns how many."""
    asked = 0
    while (q := w.question()) is not None:
        if how == "skip":
            w.page.click("#skip-button")
        else:
            answer(w.page, q, how)
        asked += 1
        w.page.click("#next-button")
    return asked
