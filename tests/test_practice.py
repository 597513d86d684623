"""`rutw-quiz practice`: the page's content, size and safety, and the command end to end.

The browser tests (test_practice_browser.py) drive the page; the grader port is checked in
test_practice_js.py. Here: what the page holds (every type, every eligible fact, a table for
every typed question), that it is self-contained and deterministic, and the command's output,
filters and errors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape

from conftest import RunCli
from rutw_quiz.deck import read_deck_files
from rutw_quiz.deck.models import Deck
from rutw_quiz.questions.models import QuestionType
from rutw_quiz.render.practice import (
    PracticeOptions,
    csp_hash,
    pack_data,
    page_data,
    practice_data,
    practice_html,
    script_json,
    unpack_data,
)
from rutw_quiz.resources import bundled_deck_path

MAX_BYTES = 300 * 1024
DATA_SCRIPT = re.compile(r'<script type="application/octet-stream" id="practice-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def bundled() -> list[Deck]:
    return [item.deck for item in read_deck_files([bundled_deck_path()])]


@pytest.fixture(scope="module")
def bundled_page(bundled: list[Deck]) -> str:
    return practice_html(bundled, PracticeOptions(seed=3))


def embedded(html: str) -> dict[str, Any]:
    assert DATA_SCRIPT.search(html), "no embedded data"
    return page_data(html)


def test_the_bundled_deck_page_is_under_300_kb(bundled_page: str) -> None:
    size = len(bundled_page.encode("utf-8"))
    print(f"bundled deck practice page: {size / 1024:.0f} KB")
    assert size < MAX_BYTES


def test_the_page_holds_all_six_types_every_eligible_fact_and_a_table_per_typed_question(
    bundled: list[Deck], bundled_page: str
) -> None:
    data = embedded(bundled_page)
    questions = data["questions"]
    assert {q["type"] for q in questions} == {t.value for t in QuestionType}
    asked = {(q["deck"], f) for q in questions for f in q["facts"]}
    # every fact the engine can ask at all (a fact that makes no question of any type is left out)
    facts = {(d.id, f.id) for d in bundled for f in d.facts}
    assert len(asked) >= len(facts) - 2, sorted(facts - asked)
    assert set(data["facts"]) == {f"{d}:{f}" for d, f in asked}
    typed = {q["id"] for q in questions if q["type"] in ("fill_in", "short_answer")}
    assert typed == set(data["tables"]["keys"])
    for ids in data["rounds"]:
        facts_in_round = [(questions[i]["deck"], f) for i in ids for f in questions[i]["facts"]]
        assert len(facts_in_round) == len(set(facts_in_round)), "a round asks a fact twice"


def test_the_page_is_self_contained_and_forbids_requests(bundled_page: str) -> None:
    assert re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", bundled_page) is None
    assert "default-src 'none'" in bundled_page
    assert '<html lang="en">' in bundled_page
    assert "RutwGrader" in bundled_page  # the grader inlined
    assert "Content-Security-Policy" in bundled_page


def test_the_policy_runs_only_the_pages_own_scripts_and_style_by_their_hashes(bundled_page: str) -> None:
    """No 'unsafe-inline': an injected inline script or handler would not run (the browser test
    checks that it does not); every inline script and the style are allowed by their own hash."""
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', bundled_page)
    assert policy, "no policy"
    assert "unsafe" not in policy[1], policy[1]
    scripts = re.findall(r"<script>(.*?)</script>", bundled_page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", bundled_page, re.S)
    assert len(scripts) == 3 and len(styles) == 1
    script_src = re.search(r"script-src ([^;]*)", policy[1])
    style_src = re.search(r"style-src ([^;]*)", policy[1])
    assert script_src and style_src
    assert sorted(script_src[1].split()) == sorted(csp_hash(s) for s in scripts)
    assert style_src[1].split() == [csp_hash(styles[0])]
    assert not re.search(r"\son[a-z]+\s*=", bundled_page), "an inline event handler"


def test_the_markup_names_no_answer_and_the_data_is_not_plain_text(
    bundled: list[Deck], bundled_page: str
) -> None:
    """Outside the packed data nothing names a fact or an answer; the data itself is base64 only."""
    found = DATA_SCRIPT.search(bundled_page)
    assert found
    packed = found.group(1)
    assert re.fullmatch(r"[A-Za-z0-9+/]+=*", packed), "the data is not plain base64"
    markup = bundled_page.replace(packed, "")
    for deck in bundled:  # the deck's own description is shown on purpose, as the teacher wrote it
        markup = markup.replace(str(escape(deck.description or "")), "")
    facts = [f for d in bundled for f in d.facts]
    for fact in facts:
        assert fact.id not in markup, fact.id
        for answer in fact.accepted:
            if len(answer) >= 4 and not answer.isdigit():
                assert answer not in markup, (fact.id, answer)


def test_the_same_seed_makes_the_same_page(bundled: list[Deck], bundled_page: str) -> None:
    assert practice_html(bundled, PracticeOptions(seed=3)) == bundled_page
    assert practice_html(bundled, PracticeOptions(seed=4)) != bundled_page


def test_deck_text_cannot_end_the_data_script() -> None:
    text = script_json({"a": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script> & <!--"}


def test_filters_limit_the_questions(bundled: list[Deck]) -> None:
    data = practice_data(
        bundled, PracticeOptions(seed=1, types=(QuestionType.SHORT_ANSWER,), topics=("tuapse",), rounds=1)
    )
    assert {q["type"] for q in data["questions"]} == {"short_answer"}
    tuapse = {f.id for f in bundled[0].facts if "tuapse" in f.topics}
    assert {f for q in data["questions"] for f in q["facts"]} <= tuapse


def test_the_command_writes_the_page_and_says_what_it_holds(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "practice.html"
    done = run_cli("practice", "--seed", "7", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert re.search(
        r"wrote .*practice\.html: \d+ questions on \d+ facts in 3 rounds( \(and \d+ questions? for facts no round asks\))?, \d+ KB",
        done.stderr,
    ), done.stderr
    assert out.stat().st_size < MAX_BYTES
    again = run_cli("practice", "--seed", "7", "-o", "-")
    assert again.stdout == out.read_text(encoding="utf-8")


def test_without_a_seed_the_command_prints_the_seed_it_chose(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("practice", "-o", tmp_path / "p.html")
    assert done.returncode == 0, done.stderr
    assert re.search(r"seed: \d+ \(repeat this set with --seed \d+\)", done.stderr)


def test_a_small_deck_makes_a_page_in_its_language(
    run_cli: RunCli, mini_deck_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mini.html"
    done = run_cli("practice", "--deck", mini_deck_path, "--seed", "1", "--title", "Unit 1", "-o", out)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<title>Unit 1 – practice</title>" in html
    data = embedded(html)
    assert data["decks"][0]["id"] == "solar-mini"


def test_an_unknown_topic_is_an_error_naming_the_topics(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("practice", "--topic", "nosuch", "-o", tmp_path / "p.html")
    assert done.returncode == 2
    assert "Error: Invalid value for '--topic': no topic 'nosuch'" in done.stderr
    assert not (tmp_path / "p.html").exists()


def test_a_bad_option_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("practice", "--rounds", "0", "-o", tmp_path / "p.html")
    assert done.returncode == 2
    assert "--rounds" in done.stderr


def test_two_decks_make_one_page_with_facts_keyed_by_deck(
    mini_deck_path: Path, repo_root: Path, tmp_path: Path
) -> None:
    second = repo_root / "tests" / "data" / "second_deck" / "trans_siberian.yaml"
    decks = [item.deck for item in read_deck_files([mini_deck_path, second])]
    data = practice_data(decks, PracticeOptions(seed=2, rounds=2))
    assert [d["id"] for d in data["decks"]] == [d.id for d in decks]
    assert {key.split(":")[0] for key in data["facts"]} == {d.id for d in decks}
    for question in data["questions"]:
        for fact in question["facts"]:
            assert f"{question['deck']}:{fact}" in data["facts"]


def test_the_command_counts_the_rounds_it_was_asked_for(run_cli: RunCli, tmp_path: Path) -> None:
    """'--rounds 1' says 1 round; the small extra set for facts no round asks is named apart."""
    done = run_cli("practice", "--seed", "7", "--rounds", "1", "-o", tmp_path / "p.html")
    assert done.returncode == 0, done.stderr
    assert " in 1 round" in done.stderr and " in 1 rounds" not in done.stderr, done.stderr
    data = embedded((tmp_path / "p.html").read_text(encoding="utf-8"))
    extra = sum(len(ids) for ids in data["rounds"][1:])
    if extra:
        assert f"(and {extra} question" in done.stderr


def test_output_naming_a_missing_folder_is_refused_like_export(run_cli: RunCli, tmp_path: Path) -> None:
    """`-o newdir/` is a folder, as the shell reads it: refused, and no file called 'newdir'."""
    done = run_cli("practice", "--seed", "1", "-o", "newdir/", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "ends in a slash, so it names a folder, and there is no such folder: newdir" in done.stderr
    assert not (tmp_path / "newdir").exists()
    (tmp_path / "there").mkdir()
    done = run_cli("practice", "--seed", "1", "-o", "there/", cwd=tmp_path)
    assert done.returncode == 2
    assert "is a folder" in done.stderr


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@given(JSON_VALUES)
def test_packed_data_unpacks_to_the_same_json(value: object) -> None:
    packed = pack_data(value)
    assert re.fullmatch(r"[A-Za-z0-9+/]*=*", packed)
    assert unpack_data(packed) == value
