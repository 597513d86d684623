"""A real browser prints the worksheet: headless Chromium makes a PDF and a screenshot.

Without Chromium this skips with its reason; with CI=true a missing Chromium fails.
The screenshot of the first page is kept in the test's tmp_path (the path is printed;
run with `-s` or `-rP` to see it) for a human to look at; with RUTW_QUIZ_EVIDENCE_DIR set,
the screenshot and the PDF are copied into that folder too.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "data" / "mini.yaml"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120
CLI = [sys.executable, "-m", "rutw_quiz", "worksheet"]

pytestmark = pytest.mark.browser


def chromium() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    reason = "Chromium not installed: `apt-get install chromium` (Debian) to run the browser test"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true requires it")
    pytest.skip(reason)


def run_bounded(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run with a time limit; on timeout kill the whole process group (a browser has children)."""
    with subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as process:
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"timed out after {TIMEOUT}s: {' '.join(args[:2])} ...")
    return subprocess.CompletedProcess(args, process.returncode, out, err)


def browser_args(browser: str, profile: Path) -> list[str]:
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
    ]


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_chromium_prints_each_version_and_key_on_its_own_pages(tmp_path: Path) -> None:
    from pypdf import PdfReader

    browser = chromium()
    page = tmp_path / "worksheet.html"
    made = subprocess.run(
        [*CLI, "--deck", str(MINI), "-n", "10", "--seed", "3", "--versions", "2", "-o", str(page)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    html = page.read_text(encoding="utf-8")
    first_prompt = re.search(r'<li class="question"[^>]*>\s*<p class="prompt">([^<]+)</p>', html)
    assert first_prompt, "the first question has a prompt"

    pdf = tmp_path / "worksheet.pdf"
    printed = run_bounded(
        [
            *browser_args(browser, tmp_path / "profile"),
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        cwd=tmp_path,
    )
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert pdf.read_bytes().startswith(b"%PDF")

    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4, the default paper"
    texts = [words(p.extract_text()) for p in reader.pages]
    total = len(texts)
    # The footer of every page names its part and its number (CSS paged-media margin boxes).
    footers = []
    for number, text in enumerate(texts, 1):
        found = re.search(r"(Version [AB]|Answer key, version [AB]) · page (\d+) of (\d+)", text)
        assert found, f"page {number} has no footer: {text[-200:]!r}"
        assert (int(found[2]), int(found[3])) == (number, total)
        footers.append(found[1])
    parts = list(dict.fromkeys(footers))
    assert parts == ["Version A", "Version B", "Answer key, version A", "Answer key, version B"]
    assert footers == sorted(footers, key=parts.index), "each part's pages are together"
    # Each part starts on a new page, with its own header.
    for part in parts:
        start = footers.index(part)
        header = "Name Class Date" if part.startswith("Version") else "Answer key: Worksheet"
        assert header in texts[start], (part, texts[start][:300])
        assert f"Version {part[-1]}" in texts[start]
    assert 4 <= total <= 10
    assert words(first_prompt[1]) in texts[0]

    shot = tmp_path / "worksheet-first-page.png"
    captured = run_bounded(
        [
            *browser_args(browser, tmp_path / "profile-shot"),
            "--hide-scrollbars",
            f"--screenshot={shot}",
            "--window-size=1000,1400",
            page.as_uri(),
        ],
        cwd=tmp_path,
    )
    assert captured.returncode == 0, captured.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 1400)
    assert len(data) > 20_000, "the screenshot shows a rendered page, not a blank one"
    evidence = os.environ.get("RUTW_QUIZ_EVIDENCE_DIR")
    if evidence:  # opt-in: keep the evidence past pytest's rotation of old tmp folders
        folder = Path(evidence)
        folder.mkdir(parents=True, exist_ok=True)
        shot = Path(shutil.copy2(shot, folder / shot.name))
        pdf = Path(shutil.copy2(pdf, folder / "worksheet.pdf"))
    print(f"\nworksheet screenshot (first page): {shot}\nworksheet PDF: {pdf}")
