"""The worksheet as a teacher prints it and previews it on a phone: headless Chromium (Playwright).

Printed pages are read back from the PDF with pypdf: the toolbar's page ranges are the printed
ones, "Print the versions" prints no key, a duplex padding page is blank but for its note, and
each key's grid reads row by row. At 390 px the sheets reflow to the screen, and still print as
on a desktop. Without Chromium or Playwright this skips with its reason; with CI=true it must run.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
FOOTER = re.compile(r"(Version [A-Z]|Answer key, version [A-Z]|Answers explained) · page (\d+) of (\d+)")


def _need(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true requires it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("Playwright not installed: `pip install -e '.[test]'` to run the browser tests")
    path = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if path is None:
        _need("Chromium not installed: `apt-get install chromium` (Debian) to run the browser tests")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, headless=True, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def worksheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled deck, 20 questions, 2 versions, duplex: every part, some padded."""
    path = tmp_path_factory.mktemp("worksheet") / "unit3.html"
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "rutw_quiz",
            "worksheet",
            "-n",
            "20",
            "--versions",
            "2",
            "--seed",
            "7",
            "--duplex",
            "-o",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    return path


def open_page(browser: Any, path: Path, width: int = 1280, height: int = 900) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(path.as_uri())
    page.wait_for_function("document.documentElement.classList.contains('paged')")
    return page


def footers(pdf: bytes) -> list[tuple[str, int, int]]:
    from pypdf import PdfReader

    found = []
    for number, sheet in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
        match = FOOTER.search(" ".join(sheet.extract_text().split()))
        assert match, f"page {number} has no footer"
        found.append((match[1], int(match[2]), int(match[3])))
    return found


def printed(page: Any) -> list[tuple[str, int, int]]:
    page.emulate_media(media="print")
    return footers(page.pdf(prefer_css_page_size=True))


def test_the_toolbar_gives_each_parts_pages_as_they_print(browser: Any, worksheet: Path) -> None:
    page = open_page(browser, worksheet)
    line = page.inner_text(".toolbar .pages")
    ranges = re.findall(r"(Version [A-Z]|Answer keys|Answers explained): pages? (\d+)(?:–(\d+))?", line)
    assert [r[0] for r in ranges] == ["Version A", "Version B", "Answer keys", "Answers explained"], line
    pages = printed(page)
    for name, first, last in ranges:
        covered = pages[int(first) - 1 : int(last or first)]
        part = "Answer key" if name == "Answer keys" else name
        assert covered and all(footer[0].startswith(part) for footer in covered), (name, covered)
    assert int(ranges[-1][2] or ranges[-1][1]) == len(pages), "the ranges cover every page"
    assert "Printing everything prints the keys too" in page.inner_text(".toolbar")
    page.close()


@pytest.mark.parametrize(
    ("button", "parts"), [("version", ("Version",)), ("key", ("Answer key", "Answers explained"))]
)
def test_a_print_button_prints_the_versions_or_the_keys_alone(
    browser: Any, worksheet: Path, button: str, parts: tuple[str, ...]
) -> None:
    page = open_page(browser, worksheet)
    page.evaluate(
        "window.print = () => { window.printed = document.documentElement.getAttribute('data-printing'); }"
    )
    label = page.inner_text(f"button[data-print='{button}']")
    first, last = map(int, re.search(r"pages (\d+)–(\d+)", label).groups())  # type: ignore[union-attr]
    page.click(f"button[data-print='{button}']")
    assert page.evaluate("window.printed") == button
    pages = printed(page)  # what the print dialog gets while the button's choice holds
    assert all(footer[0].startswith(parts) for footer in pages), pages
    assert len(pages) == last - first + 1, "as many pages as the button said"
    assert pages[0][1] == 1, "no blank page first"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert len(printed(page)) > len(pages), "after printing, Ctrl+P prints everything again"
    page.close()


def test_a_duplex_padding_page_shows_its_note_and_footer_and_no_rule(browser: Any, worksheet: Path) -> None:
    page = open_page(browser, worksheet)
    page.emulate_media(media="print")
    found = page.evaluate(
        """() => [...document.querySelectorAll('.sheet.padding-page')].map(sheet => ({
            text: sheet.innerText.replace(/\\s+/g, ' ').trim(),
            borders: [sheet, ...sheet.querySelectorAll('*')].flatMap(el => {
                const s = getComputedStyle(el);
                return ['Top', 'Right', 'Bottom', 'Left']
                    .filter(side => s['border' + side + 'Style'] !== 'none' && parseFloat(s['border' + side + 'Width']) > 0)
                    .map(side => el.className + ' ' + side);
            }),
        }))"""
    )
    assert found, "the duplex worksheet has padding pages"
    for sheet in found:
        assert sheet["borders"] == [], sheet
        assert re.fullmatch(
            r"This page is left blank for double-sided printing\. .+ · page \d+ of \d+.*", sheet["text"]
        )
    page.close()


def test_each_key_grid_reads_row_by_row_in_even_columns(browser: Any, worksheet: Path) -> None:
    page = open_page(browser, worksheet)
    page.emulate_media(media="print")
    grids = page.evaluate(
        """() => [...document.querySelectorAll('ol.grid')].map(grid => [...grid.children].map(li => {
            const r = li.getBoundingClientRect();
            return [Number(li.getAttribute('value')), Math.round(r.left), Math.round(r.top)];
        }))"""
    )
    assert grids
    for entries in grids:
        numbers = [n for n, _, _ in entries]
        assert numbers == sorted(numbers)
        lefts = sorted({left for _, left, _ in entries})
        assert len(lefts) == min(2, len(entries))
        for (_, left_a, top_a), (_, left_b, top_b) in zip(entries[::2], entries[1::2], strict=False):
            assert top_a == top_b and left_a < left_b, "13 | 14 on one row, then 15 | 16"
    page.close()


def test_on_a_390px_phone_the_sheets_reflow_and_still_print_as_on_a_desktop(
    browser: Any, worksheet: Path, tmp_path: Path
) -> None:
    phone = open_page(browser, worksheet, 390, 844)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    boxes = phone.evaluate(
        """() => [...document.querySelectorAll('li.question, li.question li, .grid-entry')]
            .map(el => el.getBoundingClientRect()).map(r => [r.left, r.right])"""
    )
    assert boxes and all(left >= 0 and right <= 390 for left, right in boxes), "every choice in sight"
    shot = tmp_path / "worksheet-390px.png"
    phone.screenshot(path=str(shot))
    evidence = os.environ.get("RUTW_QUIZ_EVIDENCE_DIR")
    if evidence:
        Path(evidence).mkdir(parents=True, exist_ok=True)
        shutil.copy2(shot, Path(evidence) / shot.name)
    desktop = open_page(browser, worksheet)
    assert printed(phone) == printed(desktop), "the phone prints the same pages"
    phone.close()
    desktop.close()
