"""The practice page's grader (templates/practice/grader.js) against the Python grader.

A fixture holds the answer tables of every question of the labelled corpus and of every typed
question of the bundled practice page, each row with the Python verdict: the labelled
answers, and probes made from each key's own forms (accepted and refused spellings, typos,
context words, dates and numbers in other forms). `node --test tests/js/` runs the JavaScript
tests on it; the cross-check here grades every row in node and compares outcome and reason.
Without node this skips with its reason; with CI=true a missing node fails.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from rutw_quiz.deck import read_deck_files
from rutw_quiz.deck.models import Deck
from rutw_quiz.grading.key import AnswerKey, Form, QuestionKey
from rutw_quiz.grading.responses import ResponseGrader
from rutw_quiz.grading.tables import AnswerTables, combining_marks
from rutw_quiz.questions.models import FillInQuestion, ShortAnswerQuestion
from rutw_quiz.render.practice import PracticeOptions, _rounds
from rutw_quiz.resources import bundled_deck_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "grading_corpus.csv"
SECOND_DECK = ROOT / "tests" / "data" / "second_deck" / "trans_siberian.yaml"
LABELLED = [  # decks written by others, with their labelled answers' tuning halves
    (SECOND_DECK, SECOND_DECK.parent / "answers.tune.csv"),
    *[
        (
            ROOT / "tests" / "data" / "decks" / n / f"{n}.yaml",
            ROOT / "tests" / "data" / "decks" / n / "answers.tune.csv",
        )
        for n in ("radium", "claude-monet")
    ],
]
GRADER = ROOT / "templates" / "practice" / "grader.js"
JS_TESTS = sorted((ROOT / "tests" / "js").glob("practice*.test.js"))
TIMEOUT = 120


def node() -> str:
    found = shutil.which("node")
    if found:
        return found
    reason = "node is not installed: install Node.js (18 or newer) to run the JavaScript tests"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI=true requires it")
    pytest.skip(reason)


def _form(form: Form) -> list[str]:
    return [" ".join(form.words), "".join("1" if e else "0" for e in form.exact), form.shown, form.reason]


def _typos(text: str) -> Iterator[str]:
    """A letter dropped, doubled, swapped with its neighbour, or replaced, at a few places."""
    for i in range(1, len(text) - 1, max(1, len(text) // 4)):
        if not text[i].isalpha():
            continue
        yield text[:i] + text[i + 1 :]
        yield text[:i] + text[i] + text[i:]
        yield text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        yield text[:i] + ("x" if text[i] != "x" else "y") + text[i + 1 :]


def probes(key: QuestionKey) -> list[str]:
    """Answers a student might type, made from the key's own tables."""
    out: list[str] = []
    for form in key.accepted:
        out += [form.shown, " ".join(form.words), form.shown.upper(), f"the {form.shown}"]
        out += list(_typos(form.shown))
        out += [
            f"President {form.shown}",
            f"Deputy {form.shown}",
            f"{form.shown} (1895)",
            f"not {form.shown}",
            f"{form.shown} treaty",
            f"{form.shown}, Japan",
            f"North {form.shown}",
            f"John {form.shown} Jr.",
            f"J. {form.shown}",
            f"{form.shown} 2",
            " ".join(reversed(form.shown.split())),
            form.shown.replace(" and ", " & ").replace("First", "1st").replace("II", "Two"),
            " of the ".join(form.shown.split(" ", 1)),
        ]
        out += [f"{form.shown} in western Siberia", f"North {form.shown} of the east", f"fully {form.shown}"]
        out += [
            f"{form.shown}, France",
            f"second {form.shown}",
            f"the {form.shown}, one of two",
            f"{form.shown} 1st",
        ]
        words = form.shown.split()
        if len(words) > 1:
            out += [
                f"{words[0]} peace {' '.join(words[1:])} of 1905",
                f"{words[0]} of the {' '.join(words[1:])}",
            ]
            out += [f"{words[0]} Ivanovich {' '.join(words[1:])}", f"{words[0][0]}. {' '.join(words[1:])}"]
            out += [f"Nikita {words[-1]}", f"{words[0]} {words[-1][:-1]}", " ".join(words[:-1])]
    if key.person is not None:  # a first name the texts give another person, a role word, a slip
        surname = key.person.surname[0].shown
        out += [f"{name} {surname}" for name in sorted(key.person.names)[:3]]
        out += [f"physicist {surname}", f"Count {surname}", f"Nikolia {surname}", f"and {surname}"]
    for form in key.refused[:: max(1, len(key.refused) // 25)]:
        out += [form.shown, " ".join(form.words), *list(_typos(" ".join(form.words)))[:3]]
    out += [f"{w} {key.expected}" for w in sorted(key.context)[:5]]
    out += [f"\ufeff{key.expected}", f"{key.expected}\u200b", key.expected.replace("-", "\u00ad")]
    out += list(key.opposites)[:5]
    if isinstance(key.value, int):
        v = key.value
        out += [
            f"{v:,}",
            f"{v:,}".replace(",", "."),
            f"about {v}",
            f"more than {v}",
            f"over {v} people",
            f"{v + 1}",
        ]
        out += [f"{v} km", f"in {v}", f"{v} AD", "forty-one", "two thousand", f"{v} or {v + 1}"]
        out += [f"{v}km", f"{v}mm", f"{v} g", f"about {v}KG", f"{v}th", f"{v}kmh", f"{v}\u0663m"]
        out += ["a fortnight", "two weeks", f"{v // 7} weeks", f"{v * 1000} metres", "a dozen", "three dozen"]
        out += [f"{v} ft", f"{v}ft", f"{v * 12} inches", f"{v} yards", f"{v} lbs", f"{v} litres", f"{v} tons"]
        out += ["eighteen forty-eight", "nineteen oh five", "nineteen forty-nine", "twenty twenty-two"]
        out += [f"31 May {v}", f"May {v}", f"1 January {v}", f"{v}-05-31", "nineteen hundred and five"]
    elif key.value is not None:
        d = key.value
        out += [str(d), f"{d.year}", f"{d.year}-{d.month:02d}-{d.day:02d}", f"{d.day}/{d.month}/{d.year}"]
        out += [f"{d.month}/{d.day}/{d.year}", f"Sept. {d.year}", f"on {d}", f"{d.day}th of May {d.year}"]
        out += [f"1 {d} ", f"15 September {d.year}", f"{d.year}-{d.month or 1:02d}-15", f"28 {d}"]
    out += ["", "   ", "—", "U.N.", "ＵＳＳＲ", "Straße", "Ch’ing", "naïve café", "1,000,000", "2.5"]
    out += ["Po", "He", "it is he", "Ra-226", "226Ra", "St Lazare", "Kazan station", "railroad", "o"]
    out += ["9" * 30, "one " * 300, "x" * 1001, "Chruschtschow", "Jelzin", "Molotow", "Soviet Unoin"]
    return list(dict.fromkeys(out))


def _typed_questions(decks: list[Deck]) -> list[FillInQuestion | ShortAnswerQuestion]:
    found: dict[str, FillInQuestion | ShortAnswerQuestion] = {}
    for seed in (0, 1):
        for made in _rounds(decks, PracticeOptions(seed=seed)):
            for q in made:
                if isinstance(q, FillInQuestion | ShortAnswerQuestion):
                    found.setdefault(q.id, q)
    return list(found.values())


def labelled_question_id(grader: ResponseGrader, fact_id: str) -> str:
    """The typed question a labelled answer was written to: the short answer, or a fill-in without a prompt."""
    deck = next(iter(grader.decks.values()))
    fact = next(f for f in deck.facts if f.id == fact_id)
    return f"{deck.id}:{fact_id}:{'short_answer' if fact.prompt else 'fill_in'}"


def build_fixture() -> dict[str, object]:
    """Tables, rows with the Python verdicts, and each key's full tables for comparison."""
    tables = AnswerTables()
    rows: list[dict[str, str]] = []
    keys: dict[str, dict[str, object]] = {}

    def add(question_id: str, key: QuestionKey, answers: list[str]) -> None:
        if question_id not in tables.keys:
            tables.add(question_id, key)
            if question_id in corpus_ids:  # and again written out in full, to test that shape too
                tables.derive = False
                tables.add(f"{question_id}#full", key)
                tables.derive = True
            keys[question_id] = {
                "refused": [_form(f) for f in key.refused],
                "exact": [[" ".join(w), *_form(f)] for w, f in key._accepted_exact.items()],
                "joined": [[t, *_form(f)] for t, f in key._accepted_joined.items()],
                "opposites": [list(p) for p in key.opposites.items()],
            }
        for answer in answers:
            grade = key.grade(answer)
            rows.append(
                {
                    "id": question_id,
                    "answer": answer,
                    "outcome": grade.outcome.value,
                    "reason": grade.reason,
                    "check": grade.check,
                }
            )

    bundled = [item.deck for item in read_deck_files([bundled_deck_path()])]
    grader = ResponseGrader(bundled)
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        corpus_ids = {row["question_id"] for row in csv.DictReader(handle)}
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            question = grader.question(row["question_id"])
            assert isinstance(question, FillInQuestion | ShortAnswerQuestion)
            add(row["question_id"], grader.key.for_question(question), [row["answer"]])
    corpus_rows = len(rows)
    rows += [{**row, "id": f"{row['id']}#full"} for row in rows]
    corpus_ids.clear()
    for deck_path, labelled in LABELLED:  # the labelled answers of the decks written by others
        labelled_grader = ResponseGrader([item.deck for item in read_deck_files([deck_path])])
        with labelled.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                question_id = labelled_question_id(labelled_grader, row["fact_id"])
                question = labelled_grader.question(question_id)
                assert isinstance(question, FillInQuestion | ShortAnswerQuestion)
                add(question_id, labelled_grader.key.for_question(question), [row["answer"]])
    for decks in (bundled, *([item.deck for item in read_deck_files([path])] for path, _ in LABELLED)):
        key = AnswerKey.of(decks)
        for question in _typed_questions(decks):
            qkey = key.for_question(question)
            add(question.id, qkey, probes(qkey))
    return {"tables": tables.as_json(), "rows": rows, "corpus_rows": corpus_rows, "keys": keys}


@pytest.fixture(scope="module")
def fixture_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("practice") / "grading_fixture.json"
    path.write_text(json.dumps(build_fixture(), ensure_ascii=False), encoding="utf-8")
    return path


def run_node(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [node(), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, **env},
        cwd=ROOT,
        check=False,
    )


def test_the_javascript_tests_pass(fixture_file: Path) -> None:
    """`node --test` over tests/js/practice*.test.js, with the fixture: nothing fails or is skipped."""
    assert JS_TESTS, "no tests/js/practice*.test.js"
    done = run_node(["--test", *map(str, JS_TESTS)], RUTW_PRACTICE_FIXTURE=str(fixture_file))
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout
    assert "# skipped 0" in done.stdout, done.stdout[-3000:]


GRADE_ALL = """
const G = require(process.argv[1]);
const data = JSON.parse(require("fs").readFileSync(process.argv[2], "utf-8"));
const tables = new G.Tables(data.tables);
const out = data.rows.map((r) => { const v = tables.key(r.id).grade(r.answer); return [v.outcome, v.reason, v.check]; });
process.stdout.write(JSON.stringify(out));
"""


def test_browser_grader_gives_the_python_verdict_on_every_corpus_row_and_probe(fixture_file: Path) -> None:
    """Outcome and reason (with the spelling shown) equal on all 604 corpus rows and thousands of probes."""
    data = json.loads(fixture_file.read_text(encoding="utf-8"))
    done = run_node(["-e", GRADE_ALL, str(GRADER), str(fixture_file)])
    assert done.returncode == 0, done.stderr[-3000:]
    verdicts = json.loads(done.stdout)
    rows = data["rows"]
    assert len(verdicts) == len(rows)
    assert data["corpus_rows"] >= 600
    assert len(rows) >= 10_000
    differ = [
        f"{row['id']} {row['answer']!r}: python {row['outcome']} ({row['reason']}), js {js[0]} ({js[1]})"
        for row, js in zip(rows, verdicts, strict=True)
        if [row["outcome"], row["reason"], row["check"]] != js
    ]
    assert not differ, f"{len(differ)} of {len(rows)} differ:\n" + "\n".join(differ[:40])
    outcomes = {row["outcome"] for row in rows}
    assert outcomes == {"correct", "typo", "wrong"}
    assert sum(row["check"] for row in rows) > 100  # every kind of check is compared too


ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyz ABCXYZ.,'-’",
    "0123456789 ,.'/-",
    "éèêëñçöüßÅøæœ İıſ",
    "ΑαΣσς ДЖжё",
    "٠١٢٣ ０１２ ²³½",
    "\u00a0\u202f\t\n\u2019\u02bc`´ﬁ…—–",
    "कृष्णमूर्ति हिंदी ক্ষ ශ්‍රී",  # vowel signs a browser counts as marks and Python keeps
)
WORDS = (
    "Ch'ing",
    "U.S.A.",
    "a.b.",
    "4th",
    "1st",
    "July",
    "Sept.",
    "more than",
    "forty-one",
    "hundred",
    "and",
)
READ_ALL = """
const G = require(process.argv[1]);
G.setCombining(JSON.parse(process.argv[2]));
const texts = JSON.parse(require("fs").readFileSync(0, "utf-8"));
const out = texts.map((t) => {
  let date;
  try { date = G.readDate(t); } catch (e) { date = e instanceof G.AmbiguousDate ? "ambiguous" : "error"; }
  const n = G.readNumber(t);
  return [G.gradingWords(t), date, n.values.map(String), n.rest, n.decimal];
});
process.stdout.write(JSON.stringify(out));
"""


def test_normaliser_dates_and_numbers_agree_on_random_text_of_many_scripts() -> None:
    """40,000 seeded random strings: Latin, Greek, Cyrillic, Devanagari, Arabic-Indic and full-width
    digits, odd spaces, and any assigned character."""
    import random
    import unicodedata

    from rutw_quiz.grading.forms import AmbiguousDateError, grading_words, read_date, read_number

    rng = random.Random(14)
    texts = []
    for _ in range(20_000):
        parts = [rng.choice(rng.choice(ALPHABETS)) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.3:
            parts.insert(rng.randint(0, len(parts)), f" {rng.choice(WORDS)} ")
        texts.append("".join(parts))
    # and any character Python's Unicode tables know (newer ones a browser may read otherwise)
    while len(texts) < 40_000:
        text = "".join(chr(rng.randint(0x20, 0x2FFFF)) for _ in range(rng.randint(1, 6)))
        if not any(unicodedata.category(ch) in ("Cn", "Cs", "Co") for ch in text):
            texts.append(text)
    done = subprocess.run(
        [node(), "-e", READ_ALL, str(GRADER), json.dumps(combining_marks())],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    differ = []
    for text, js in zip(texts, json.loads(done.stdout), strict=True):
        try:
            found = read_date(text)
            date: object = [found.year, found.month, found.day] if found else None
        except AmbiguousDateError:
            date = "ambiguous"
        number = read_number(text)
        py = [
            list(grading_words(text)),
            date,
            [str(v) for v in number.values],
            list(number.rest),
            number.decimal,
        ]
        if py != js:
            differ.append(f"{text!r}: python {py}, js {js}")
    assert not differ, f"{len(differ)} differ:\n" + "\n".join(differ[:20])
