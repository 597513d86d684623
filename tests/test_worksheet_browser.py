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


FOOTER = re.compile(r"(Version [AB]|Answer key, version [AB]|Answers explained) · page (\d+) of (\d+)")


def make_worksheet(tmp_path: Path, *args: str, name: str = "worksheet.html") -> Path:
    page = tmp_path / name
    made = subprocess.run(
        [*CLI, *args, "-o", str(page)], capture_output=True, text=True, timeout=60, check=False
    )
    assert made.returncode == 0, made.stderr
    return page


def print_pdf(browser: str, page: Path, tmp_path: Path) -> Path:
    pdf = page.with_suffix(".pdf")
    printed = run_bounded(
        [
            *browser_args(browser, tmp_path / f"profile-{page.stem}"),
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        cwd=tmp_path,
    )
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf


def footers_of(texts: list[str]) -> list[tuple[str, int, int]]:
    """Each printed page's footer: (part, page number, pages in the part)."""
    found = []
    for number, text in enumerate(texts, 1):
        match = FOOTER.search(text)
        assert match, f"page {number} has no footer: {text[-200:]!r}"
        found.append((match[1], int(match[2]), int(match[3])))
    return found


def parts_of(footers: list[tuple[str, int, int]]) -> dict[str, int]:
    """Pages per part, checking each part's pages are together and numbered 1..n of n."""
    parts: dict[str, int] = {}
    for part, _, total in footers:
        parts.setdefault(part, total)
    start = 0
    for part, total in parts.items():
        assert footers[start : start + total] == [(part, n, total) for n in range(1, total + 1)], part
        start += total
    assert start == len(footers), "no page outside its part"
    return parts


def test_chromium_numbers_the_pages_within_each_version_and_key(tmp_path: Path) -> None:
    from pypdf import PdfReader

    browser = chromium()
    page = make_worksheet(tmp_path, "--deck", str(MINI), "-n", "10", "--seed", "3", "--versions", "2")
    html = page.read_text(encoding="utf-8")
    first_prompt = re.search(r'<li class="question"[^>]*>\s*<p class="prompt">([^<]+)</p>', html)
    assert first_prompt, "the first question has a prompt"
    pdf = print_pdf(browser, page, tmp_path)

    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), "A4, the default paper"
    texts = [words(p.extract_text()) for p in reader.pages]
    parts = parts_of(footers_of(texts))
    assert list(parts) == [
        "Version A",
        "Version B",
        "Answer key, version A",
        "Answer key, version B",
        "Answers explained",
    ]
    assert parts["Answer key, version A"] == parts["Answer key, version B"] == 1
    # Each part starts on a new page, with its own header.
    start = 0
    for part, total in parts.items():
        first = texts[start]
        if part.startswith("Version"):
            assert "Name Class Date" in first and f"Version {part[-1]}" in first
        elif part.startswith("Answer key"):
            assert "Answer key: The Solar System (mini)" in first and f"Version {part[-1]}" in first
        else:
            assert "Answers explained: The Solar System (mini)" in first
        start += total
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


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_twenty_question_keys_fit_one_page_and_duplex_pads_every_part_to_even_pages(
    tmp_path: Path, paper: str
) -> None:
    """The bundled deck, 20 questions, 2 versions: a one-page grid per key, even parts with --duplex."""
    from pypdf import PdfReader

    browser = chromium()
    common = ("-n", "20", "--seed", "7", "--versions", "2", "--paper", paper)
    plain = PdfReader(print_pdf(browser, make_worksheet(tmp_path, *common, name="plain.html"), tmp_path))
    plain_parts = parts_of(footers_of([words(p.extract_text()) for p in plain.pages]))
    assert plain_parts["Answer key, version A"] == plain_parts["Answer key, version B"] == 1

    duplex = PdfReader(
        print_pdf(browser, make_worksheet(tmp_path, *common, "--duplex", name="duplex.html"), tmp_path)
    )
    texts = [words(p.extract_text()) for p in duplex.pages]
    parts = parts_of(footers_of(texts))
    assert all(total % 2 == 0 for total in parts.values()), parts
    assert parts == {part: total + total % 2 for part, total in plain_parts.items()}
    start = 0
    for part, total in parts.items():  # a padding page says why it is blank
        padded = "left blank for double-sided printing" in texts[start + total - 1]
        assert padded == (plain_parts[part] % 2 == 1), part
        start += total
    credit = "Quotes from 'Russia–Taiwan relations', English Wikipedia, CC BY-SA 4.0"
    for text, (part, _, _) in zip(texts, footers_of(texts), strict=True):
        assert (credit in text) == (not part.startswith("Version")), part


def test_no_version_ends_on_a_page_holding_a_single_question(tmp_path: Path) -> None:
    """The letter-size case that left Q20 alone: the last page of a part keeps company."""
    browser = chromium()
    for paper in ("a4", "letter"):
        page = make_worksheet(
            tmp_path,
            "-n",
            "20",
            "--seed",
            "7",
            "--versions",
            "2",
            "--paper",
            paper,
            "--no-key",
            name=f"{paper}.html",
        )
        dumped = run_bounded(
            [*browser_args(browser, tmp_path / f"profile-dom-{paper}"), "--dump-dom", page.as_uri()],
            cwd=tmp_path,
        )
        assert dumped.returncode == 0, dumped.stderr[-2000:]
        sheets = re.split(r'<div class="sheet(?: padding-page)?">', dumped.stdout)[1:]
        assert sheets, "the paginator made sheets"
        per_part: list[list[int]] = []
        for sheet in sheets:
            count = sheet.count('<li class="question"')
            if re.search(r'page-number">[^<]* page 1 of', sheet):
                per_part.append([])
            per_part[-1].append(count)
        assert len(per_part) == 2
        for counts in per_part:
            assert sum(counts) == 20
            assert len(counts) == 1 or counts[-1] >= 2, (paper, counts)
