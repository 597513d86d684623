"""The practice page: build time, size and memory, and how fast it opens in Chromium.

- The bundled deck: time to build the data and to render the page, and the page's size.
- `rutw-quiz practice` as a whole process (under `/usr/bin/time -v`) on valid synthetic decks
  of 1,000, 3,000 and 12,000 facts: wall and CPU time, peak memory, page size. Issues 21 and 22
  ask for 3,000 facts under 3 s and 150 MB, and 12,000 facts to work.
- The same builds split into their parts, each in a fresh process: the rounds (the engine's
  question sets), the rest of the page's data, the answer tables (`grading.tables`), and
  packing and rendering; CPU seconds, peak memory after each part, and each part's share of
  the page's JSON. This says how much of the cost is the tables'.
- In Chromium (when Playwright and Chromium are here): the 10,000-fact page's size and the
  time from opening it to its first question (goal: under 5 MB and 300 ms), and the bundled
  page's figures.

    .venv/bin/python benchmarks/bench_practice.py [FACTS ...]
    .venv/bin/python benchmarks/bench_practice.py --browser PAGE.html ...   (pages already built)
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMAND = Path(sys.executable).parent / "rutw-quiz"
SIZES = (1_000, 3_000, 12_000)
BROWSER_SIZE = 10_000
LIMIT_BYTES = 300 * 1024  # the bundled deck's page
LIMIT_BIG_PAGE = 5 * 1024 * 1024  # the 10,000-fact page
LIMIT_FIRST_QUESTION_MS = 300
GOAL_3000 = (3.0, 150.0)  # seconds, MB


def write_deck(folder: Path, facts: int) -> Path:
    """A valid synthetic deck file of exactly `facts` facts."""
    import yaml
    from bench_load import valid_deck_data

    path = folder / f"deck{facts}.yaml"
    path.write_text(
        yaml.safe_dump(valid_deck_data(facts), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def whole_process(deck: Path, page: Path) -> tuple[float, float, float, int, str]:
    """(wall s, CPU s, peak MB, exit status, the command's last line) of one `practice` build."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", COMMAND, "practice", "--deck", deck, "--seed", "1", "-o", page],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)", done.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", done.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", done.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert wall and user and system and peak, done.stderr
    seconds = float(wall[1] or 0) * 3600 + float(wall[2]) * 60 + float(wall[3])
    said = [line for line in done.stderr.splitlines() if line.startswith(("wrote", "Error", "error"))]
    return (
        seconds,
        float(user[1]) + float(system[1]),
        int(peak[1]) / 1024,
        done.returncode,
        (said or [""])[-1],
    )


def cpu() -> float:
    """CPU seconds of this process and of its worker processes (the rounds run in some)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def phases(deck_path: str) -> None:
    """In this (fresh) process: each part of one build, as JSON on stdout."""
    from rutw_quiz.deck import read_deck_file
    from rutw_quiz.render import practice

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    out: dict[str, object] = {}

    def part(name: str, start: float) -> None:
        out[name] = [round(cpu() - start, 2), round(peak())]

    start = cpu()
    deck = read_deck_file(Path(deck_path)).deck
    part("load", start)
    options = practice.PracticeOptions(seed=1)
    start = cpu()
    rounds = practice._rounds([deck], options)
    part("rounds", start)
    start = cpu()
    collected = practice._collect(rounds)
    typed = list(practice._typed(rounds, set()))
    del rounds
    facts, sources = practice._facts([deck], collected.used)
    part("page data", start)
    start = cpu()
    tables = practice.answer_tables([deck], typed)
    part("tables", start)
    data = {"facts": facts, "sources": sources, "questions": collected.entries, "rounds": collected.rounds}
    start = cpu()
    about = {"id": deck.id, "title": deck.title, "description": "", "lang": deck.language, "attribution": ""}
    html = practice.render_practice({**data, "tables": tables, "decks": [about]}, title="bench")
    part("pack+render", start)
    out["json"] = {"tables": len(practice.script_json(tables)), "rest": len(practice.script_json(data))}
    out["packed"] = {"tables": len(practice.pack_data(tables)), "rest": len(practice.pack_data(data))}
    out["page"] = len(html.encode("utf-8"))
    print(json.dumps(out))


def _phase_figures(deck: Path) -> None:
    done = subprocess.run(
        [sys.executable, __file__, "--phases", str(deck)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        print(f"    parts: failed: {done.stderr.strip().splitlines()[-1:]}")
        return
    out = json.loads(done.stdout)
    parts = ("load", "rounds", "page data", "tables", "pack+render")
    cpu = sum(out[p][0] for p in parts)
    print(
        "    parts (CPU s, peak MB after): "
        + ", ".join(f"{p} {out[p][0]:.2f} s {out[p][1]} MB" for p in parts)
    )
    share = out["tables"][0] / cpu if cpu else 0
    json_ = out["json"]
    packed = out["packed"]
    print(
        f"    tables: {share:.0%} of the CPU time; JSON {json_['tables'] / 1e6:.1f} MB of "
        f"{(json_['tables'] + json_['rest']) / 1e6:.1f} MB, packed {packed['tables'] / 1024:.0f} KB of "
        f"{(packed['tables'] + packed['rest']) / 1024:.0f} KB"
    )


def _bundled() -> Path:
    from timing import best_of

    from rutw_quiz.deck import read_deck_file
    from rutw_quiz.render.practice import PracticeOptions, practice_data, practice_html, render_practice
    from rutw_quiz.resources import bundled_deck_path

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
    page = Path(tempfile.mkdtemp()) / "bundled.html"
    page.write_text(html, encoding="utf-8")
    return page


def _browser_figures(pages: dict[str, Path]) -> None:
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
        for name, page in pages.items():
            best_ready = best_first = best_outside = float("inf")
            for _ in range(5):
                tab = browser.new_page()
                start = time.perf_counter()
                tab.goto(page.as_uri())
                while not tab.evaluate("window.rutwPractice !== undefined"):
                    time.sleep(0.005)
                # in the page's own clock: data read and start screen up, then Start to the question drawn
                ready, click = tab.evaluate(
                    """() => { const t0 = performance.now();
                         document.getElementById('start-button').click();
                         document.getElementById('question-heading').getBoundingClientRect();  // laid out
                         return [window.rutwPractice.readyAt, performance.now() - t0]; }"""
                )
                outside = (time.perf_counter() - start) * 1000
                best_ready, best_first = min(best_ready, ready), min(best_first, ready + click)
                best_outside = min(best_outside, outside)
                tab.close()
            verdict = "OK" if best_first < LIMIT_FIRST_QUESTION_MS else "TOO SLOW"
            size = page.stat().st_size
            print(
                f"browser, {name} ({size / 1024:.0f} KB): start screen {best_ready:.0f} ms after navigation, "
                f"first question drawn {best_first:.0f} ms after navigation (goal {LIMIT_FIRST_QUESTION_MS} ms): "
                f"{verdict}; {best_outside:.0f} ms as Playwright sees it"
            )
        if "bundled deck" in pages:
            _grader_figures(browser, pages["bundled deck"])
        browser.close()


def _grader_figures(browser: object, page: Path) -> None:
    """The browser grader's time per typed answer: every typed question against 40 other answers."""
    from rutw_quiz.render.practice import page_data

    data = page_data(page.read_text(encoding="utf-8"))
    tab = browser.new_page()  # type: ignore[attr-defined]
    tab.goto(page.as_uri())
    tab.wait_for_selector("#start-button")
    ms = tab.evaluate(
        """(d) => {
          const T = new RutwGrader.Tables(d.tables);
          const ids = Object.keys(d.tables.keys), answers = d.questions.map(q => String(q.answer));
          const t0 = performance.now(); let n = 0;
          for (const id of ids) for (const a of answers.slice(0, 40)) { T.key(id).grade(a); n++; }
          return [performance.now() - t0, n];
        }""",
        data,
    )
    print(f"browser: {ms[1]} typed answers graded in {ms[0]:.0f} ms ({1000 * ms[0] / ms[1]:.0f} µs each)")
    tab.close()


def run(sizes: tuple[int, ...] = SIZES) -> None:
    """Print the bundled deck's figures, whole-process builds with their parts, and browser timings."""
    sys.path.insert(0, str(HERE))
    pages = {"bundled deck": _bundled()}
    if not Path("/usr/bin/time").exists() or not COMMAND.exists():
        print("(no /usr/bin/time or rutw-quiz here: builds not measured)")
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for facts in sorted({*sizes, BROWSER_SIZE}):
            deck = write_deck(work, facts)
            page = work / f"practice{facts}.html"
            wall, cpu, peak, status, said = whole_process(deck, page)
            size = page.stat().st_size if status == 0 else 0
            goal = ""
            if facts == 3_000:
                goal = " (goal 3 s, 150 MB: " + (
                    "OK)" if wall < GOAL_3000[0] and peak < GOAL_3000[1] else "NOT MET)"
                )
            print(
                f"practice, {facts} facts: {wall:.1f} s wall, {cpu:.1f} s CPU, {peak:.0f} MB peak, "
                f"exit {status}, page {size / 1024:.0f} KB{goal}"
            )
            if status != 0:
                print(f"    {said}")
                continue
            _phase_figures(deck)
            if facts == BROWSER_SIZE:
                verdict = "OK" if size < LIMIT_BIG_PAGE else "TOO BIG"
                print(f"    page {size / 1024 / 1024:.2f} MB (goal under 5 MB): {verdict}")
                pages[f"{facts} facts"] = page
        _browser_figures(pages)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    if sys.argv[1:2] == ["--phases"]:
        phases(sys.argv[2])
    elif sys.argv[1:2] == ["--browser"]:  # pages already built
        _browser_figures({Path(a).name: Path(a) for a in sys.argv[2:]})
    else:
        run(tuple(int(a) for a in sys.argv[1:]) or SIZES)
