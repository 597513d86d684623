"""The practice page survives its own storage, its imports and injected markup (issue 21).

In headless Chromium: topic labels and fact ids that are names of JavaScript's own object
properties ('__proto__', 'constructor', 'toString') behave like any other; stored progress that
is not what the page writes (a counter of 'abc', numbers where records belong, text that is not
JSON) is treated as absent with a calm note, and Reset clears every key the page stores; an
import keeps only the known fields of facts the page asks about, never shows a JavaScript error,
and says when the browser refuses to keep it; the Content-Security-Policy stops an injected
inline script or handler; and the page opens in a browser without DecompressionStream.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from practice_page import Watched, answer, answer_all, browser, build_page, deck_from_text
from rutw_quiz.render.practice import PracticeOptions

__all__ = ["browser"]

pytestmark = pytest.mark.browser

PREFIX = "rutw-quiz-practice:"
DECK = "solar-mini"
SESSIONS = f"{PREFIX}sessions:{DECK}"
EXPORT = "rutw-quiz-practice-progress"


@pytest.fixture(scope="module")
def mini_page(tmp_path_factory: pytest.TempPathFactory, mini_deck_path: Path) -> Path:
    folder = tmp_path_factory.mktemp("mini")
    decks = deck_from_text(mini_deck_path.read_text(encoding="utf-8"), folder)
    return build_page(decks, folder / "mini.html", PracticeOptions(seed=2))


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory, mini_text: str) -> Path:
    """The mini deck with topic labels '__proto__', 'constructor', 'toString' and a fact 'constructor'."""
    text = (
        mini_text.replace("planets: Planets", "planets: __proto__")
        .replace("discovery: Discovery", "discovery: constructor")
        .replace("spaceflight: Space flight", "spaceflight: toString")
        .replace("id: closest-planet", "id: constructor")
    )
    assert text.count("__proto__") == 1 and "id: constructor" in text
    folder = tmp_path_factory.mktemp("hostile")
    return build_page(deck_from_text(text, folder), folder / "hostile.html", PracticeOptions(seed=2))


def stored(w: Watched) -> dict[str, str]:
    return w.js(
        f"Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('{PREFIX}'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )


def page_keys(w: Watched) -> list[str]:
    return w.js(f"Object.keys(localStorage).filter(k => k.startsWith('{PREFIX}'))")


def set_storage(w: Watched, values: dict[str, str]) -> None:
    w.js(
        "v => { localStorage.clear(); for (const [k, x] of Object.entries(v)) localStorage.setItem(k, x); }",
        values,
    )
    w.reload()


def start_all(w: Watched) -> None:
    w.page.check("#start-form input[value=all]")
    w.page.click("#start-button")


def import_text(w: Watched, tmp_path: Path, content: object, name: str = "progress.json") -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    page = w.page
    page.evaluate("document.querySelector('#tools-status').textContent = ''")
    if not page.is_visible("#export-button"):
        page.click("#progress-tools summary")
    page.set_input_files("#import-file", str(path))
    w.wait_until("document.querySelector('#tools-status').textContent !== ''")
    return page.inner_text("#tools-status")


# --- D9, D10: names of JavaScript's own properties are keys like any other -----------------------


def test_topic_labels_named_like_object_properties_each_get_their_row(
    browser: Any, hostile_page: Path
) -> None:
    """'__proto__' used to vanish from the summary and poison every later timeline question."""
    w = Watched(browser, hostile_page.as_uri())
    start_all(w)
    topics = {w.questions[i]["type"] for i in range(len(w.questions))}
    assert "timeline" in topics
    answer_all(w, "skip")
    rows = w.js("[...document.querySelectorAll('table.topics tbody th')].map(th => th.textContent)")
    assert sorted(rows) == ["__proto__", "constructor", "toString"], rows
    # a second session, every answer right: timelines take their valid order, the score is full
    w.page.click("#again-button")
    start_all(w)
    asked = answer_all(w, "right")
    assert w.page.inner_text(".score").startswith(f"Score: {asked}/{asked} (100%)")
    assert w.js("Object.prototype[0] === undefined && Object.prototype.seen === undefined")
    assert not w.console, w.console
    w.close()


def test_a_fact_with_the_id_constructor_is_saved_like_any_other(browser: Any, hostile_page: Path) -> None:
    """It used to count as learnt on a fresh page, and its answers were never kept."""
    w = Watched(browser, hostile_page.as_uri())
    facts = {f for q in w.questions for f in q["facts"]}
    assert "constructor" in facts
    assert w.page.inner_text("#progress-summary").startswith(
        f"Facts: 0 due for review, {len(facts)} not seen yet, 0 learnt"
    )
    start_all(w)
    while (q := w.question()) is not None and "constructor" not in q["facts"]:
        w.page.click("#skip-button")
        w.page.click("#next-button")
    assert q is not None
    answer(w.page, q, "wrong")
    record = json.loads(stored(w)[f"{PREFIX}{DECK}"])["facts"]["constructor"]
    assert record["seen"] == 1 and record["right"] == 0
    w.reload()
    assert w.page.inner_text("#progress-summary").startswith(f"Facts: {len(q['facts'])} due for review")
    assert not w.console, w.console
    w.close()


# --- D13: stored values are checked when read; Reset clears everything ------------------------------


CORRUPT = {
    "counter abc": ({SESSIONS: "abc"}, False),
    "counter -1": ({SESSIONS: "-1"}, False),
    "counter 1e400": ({SESSIONS: "1e400"}, False),
    "records are numbers": (
        {f"{PREFIX}{DECK}": '{"version": 1, "facts": {"largest-planet": 5, "ringed-planet": 7}}'},
        True,
    ),
    "facts is a number": ({f"{PREFIX}{DECK}": '{"version": 1, "facts": 12}'}, True),
    "not JSON": ({f"{PREFIX}{DECK}": "{not json"}, True),
    "JSON null": ({f"{PREFIX}{DECK}": "null"}, True),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_corrupt_stored_progress_is_set_aside_calmly_and_reset_clears_it(
    browser: Any, mini_page: Path, case: str
) -> None:
    values, noted = CORRUPT[case]
    w = Watched(browser, mini_page.as_uri())
    set_storage(w, values)
    page = w.page
    summary = page.inner_text("#progress-summary")
    assert "NaN" not in summary and summary.startswith("Facts: 0 due for review"), summary
    note = page.inner_text("#storage-note") if page.is_visible("#storage-note") else ""
    if noted:
        assert note == "Some progress kept in this browser could not be read, so it was left out."
    else:
        assert note == ""
    assert "does not let the page keep progress" not in summary + note
    page.click("#start-button")
    q = w.question()
    assert q is not None, "Start did nothing"
    answer(page, q, "right")
    assert page.inner_text("#feedback").startswith("✓")
    assert re.fullmatch(r"\d+", stored(w)[SESSIONS])
    w.end_session()
    page.click("#again-button")
    page.click("#progress-tools summary")
    page.click("#reset-button")
    page.click("#reset-yes")
    assert page_keys(w) == [], stored(w)
    w.reload()
    assert not page.is_visible("#storage-note")
    assert not w.console, w.console
    w.close()


# --- D11, D12: imports keep known fields of known facts, and never show a JavaScript error ----------


def test_an_import_keeps_only_known_fields_of_known_facts(
    browser: Any, mini_page: Path, tmp_path: Path
) -> None:
    """A bloated file used to be stored whole, so every later save hit the quota silently."""
    w = Watched(browser, mini_page.as_uri())
    now = w.js("Date.now()")
    record = {"seen": 2, "right": 1, "streak": 0, "last": now - 1000, "due": now - 500}
    facts: dict[str, object] = {f"unknown-{i}": record for i in range(5000)}
    facts["largest-planet"] = {**record, "padding": "x" * 1_000_000}
    facts["ringed-planet"] = {**record, "last": 1e308}  # would win every later merge
    facts["constructor"] = record
    message = import_text(
        w, tmp_path, {"format": EXPORT, "version": 1, "decks": {DECK: facts, "other": facts}}
    )
    assert message == "Imported progress for 1 fact."
    kept = stored(w)[f"{PREFIX}{DECK}"]
    assert len(kept) < 1000, len(kept)
    assert json.loads(kept)["facts"] == {"largest-planet": record}
    assert "1 due for review" in w.page.inner_text("#progress-summary")
    assert not w.console, w.console
    w.close()


REFUSED = {
    "decks null": (
        {"format": EXPORT, "version": 1, "decks": None},
        "that file is not a progress file exported by this page",
    ),
    "decks list": (
        {"format": EXPORT, "version": 1, "decks": []},
        "that file is not a progress file exported by this page",
    ),
    "no format": ({"decks": {}}, "that file is not a progress file exported by this page"),
    "a number": (5, "that file is not a progress file exported by this page"),
    "not JSON": ("{nope", "that file is not JSON"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_that_is_not_progress_is_refused_in_plain_words(
    browser: Any, mini_page: Path, tmp_path: Path, case: str
) -> None:
    content, reason = REFUSED[case]
    w = Watched(browser, mini_page.as_uri())
    assert import_text(w, tmp_path, content) == f"Not imported: {reason}."
    assert not w.console, w.console
    w.close()


def test_an_odd_deck_entry_is_ignored_without_an_error(browser: Any, mini_page: Path, tmp_path: Path) -> None:
    w = Watched(browser, mini_page.as_uri())
    for entry in (None, 5, "text", [1, 2], {"facts": None, "overrides": 3}):
        message = import_text(w, tmp_path, {"format": EXPORT, "version": 2, "decks": {DECK: entry}})
        assert message.startswith("Already up to date"), (entry, message)
    assert not w.console, w.console
    w.close()


def test_when_the_browser_refuses_to_save_the_page_says_so(
    browser: Any, mini_page: Path, tmp_path: Path
) -> None:
    w = Watched(browser, mini_page.as_uri())
    w.js(
        "() => { Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); }; }"
    )
    now = w.js("Date.now()")
    record = {"seen": 1, "right": 1, "streak": 1, "last": now - 1000, "due": now + 86_400_000}
    message = import_text(
        w, tmp_path, {"format": EXPORT, "version": 2, "decks": {DECK: {"facts": {"largest-planet": record}}}}
    )
    assert message.startswith("Imported progress for 1 fact. This browser refused to keep it"), message
    w.page.click("#start-button")
    q = w.question()
    assert q is not None
    answer(w.page, q, "right")
    assert "This browser refused to keep your latest progress" in w.page.inner_text("#feedback")
    w.close()


def test_a_browser_that_blocks_storage_still_runs_the_quiz_and_says_so(browser: Any, mini_page: Path) -> None:
    blocked = (
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('denied', 'SecurityError'); }});"
    )
    w = Watched(browser, mini_page.as_uri(), init_script=blocked)
    assert w.page.inner_text("#storage-note").startswith("This browser does not let the page keep progress")
    w.page.click("#start-button")
    q = w.question()
    assert q is not None
    answer(w.page, q, "right")
    assert w.page.inner_text("#feedback").startswith("✓")
    assert not w.console, w.console
    w.close()


def test_overrides_import_deduplicated_and_capped(browser: Any, mini_page: Path, tmp_path: Path) -> None:
    w = Watched(browser, mini_page.as_uri())
    typed = ["Jove", "  Jove ", "jove", *[f"guess {i}" for i in range(15)], 42, "x" * 500]
    content = {
        "format": EXPORT,
        "version": 2,
        "decks": {DECK: {"facts": {}, "overrides": {"largest-planet": typed, "nope": ["a"]}}},
    }
    message = import_text(w, tmp_path, content)
    assert message.startswith("Imported progress for "), message
    kept = json.loads(stored(w)[f"{PREFIX}{DECK}"])["overrides"]
    assert list(kept) == ["largest-planet"]
    assert len(kept["largest-planet"]) == 10
    assert kept["largest-planet"][-1] == "x" * 200
    assert len(set(kept["largest-planet"])) == 10
    assert import_text(w, tmp_path, content, "again.json").startswith("Already up to date")
    w.close()


# --- the policy, and browsers without DecompressionStream -------------------------------------------


def test_injected_inline_scripts_and_handlers_do_not_run(browser: Any, mini_page: Path) -> None:
    """With 'unsafe-inline' gone, markup that got in by some future bug could not run."""
    w = Watched(browser, mini_page.as_uri())
    ran = w.js(
        """() => new Promise(done => {
             document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwn1 = 1">');
             const s = document.createElement('script');
             s.textContent = 'window.__pwn2 = 1';
             document.body.appendChild(s);
             document.body.insertAdjacentHTML('beforeend', '<a id="pwn3" href="javascript:window.__pwn3=1">x</a>');
             document.getElementById('pwn3').click();
             setTimeout(() => done([window.__pwn1, window.__pwn2, window.__pwn3].map(v => v === 1)), 300);
           })"""
    )
    assert ran == [False, False, False]
    assert all("Content Security Policy" in line for line in w.console), w.console
    w.close()


SLOW_TABLES = """
  const text = Response.prototype.text; let calls = 0;
  Response.prototype.text = function () {  // the second block read, the answer tables, takes 800 ms
    const read = text.call(this);
    return ++calls === 2 ? read.then(t => new Promise(done => setTimeout(() => done(t), 800))) : read;
  };
"""


def test_a_typed_answer_checked_while_the_tables_are_read_is_graded_once(
    browser: Any, mini_page: Path
) -> None:
    """The tables are read when the first typed question comes up; Check waits for them."""
    w = Watched(browser, mini_page.as_uri(), init_script=SLOW_TABLES)
    page = w.page
    page.check("#start-form input[value=all]")
    page.click("#start-button")
    while (q := w.question()) is not None and q["type"] not in ("fill_in", "short_answer"):
        page.click("#skip-button")
        page.click("#next-button")
    assert q is not None
    answer(page, q, "right")
    assert page.inner_text("#feedback") == "" and page.is_disabled("#check-button")
    w.wait_until("document.querySelector('#feedback').textContent !== ''")
    assert page.inner_text("#feedback").startswith("✓ Right!")
    page.click("#next-button")
    w.end_session()
    assert "Score: 1/" in page.inner_text("#summary-body")
    # Check, then Skip before the tables are read: skipped, and nothing graded later
    w.reload()
    page.click("#start-button")
    while (q := w.question()) is not None and q["type"] not in ("fill_in", "short_answer"):
        page.click("#skip-button")
        page.click("#next-button")
    assert q is not None
    answer(page, q, "right")
    page.click("#skip-button")
    page.wait_for_timeout(1200)
    assert page.inner_text("#feedback").startswith("– Skipped.")
    assert w.js("document.querySelectorAll('#feedback .verdict').length") == 1
    page.click("#next-button")
    w.end_session()
    assert re.search(r"Score: 0/\d+ \(0%\)", page.inner_text("#summary-body"))
    assert not w.console, w.console
    w.close()


def test_the_page_opens_without_decompression_streams(browser: Any, mini_page: Path) -> None:
    """Safari before 16.4 and Firefox before 113 have none: the page's own inflater reads the data."""
    w = Watched(browser, mini_page.as_uri(), init_script="delete window.DecompressionStream;")
    assert w.js("typeof window.DecompressionStream") == "undefined"
    w.page.click("#start-button")
    q = w.question()
    assert q is not None
    answer(w.page, q, "right")
    assert w.page.inner_text("#feedback").startswith("✓ Right!")
    assert not w.console, w.console
    w.close()
