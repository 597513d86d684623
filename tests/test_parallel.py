"""Work spread over processes gives what running it in turn gives: the same bank, the same page."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from rutw_quiz import parallel
from rutw_quiz.deck import read_deck_file
from rutw_quiz.questions.bank import build_bank
from rutw_quiz.render.practice import PracticeOptions, practice_html
from rutw_quiz.resources import bundled_deck_path

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
    reason="processes are forked on Linux only, and need two cores to be used here",
)


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even for a small deck, into two processes."""
    if threading.active_count() > 1:
        pytest.skip("a thread runs in this test process: run_all never forks then")
    monkeypatch.setattr(parallel, "MIN_FACTS", 0)
    monkeypatch.setenv(parallel.ENV_WORKERS, "2")


def in_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV_WORKERS, "1")


def test_tasks_run_in_other_processes_and_come_back_in_order(forking: None) -> None:
    results = parallel.run_all([lambda n=n: (n, os.getpid()) for n in range(6)], facts=1)  # type: ignore[misc]
    assert [n for n, _ in results] == list(range(6))
    assert {pid for _, pid in results} - {os.getpid()}, "no task ran in a forked process"


def test_a_task_that_fails_fails_the_whole_run(forking: None) -> None:
    def fails() -> int:
        raise ValueError("no question")

    with pytest.raises(ValueError, match="no question"):
        parallel.run_all([lambda: 1, fails], facts=1)


def test_the_bank_is_the_same_built_in_processes_or_in_turn(
    forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = read_deck_file(bundled_deck_path()).deck
    spread = build_bank([deck]).questions
    in_turn(monkeypatch)
    assert build_bank([deck]).questions == spread
    assert len(spread) > 200


def test_the_practice_page_is_the_same_built_in_processes_or_in_turn(
    forking: None, monkeypatch: pytest.MonkeyPatch, mini_deck_path: Path
) -> None:
    from rutw_quiz.questions import distractors

    decks = [read_deck_file(bundled_deck_path()).deck, read_deck_file(mini_deck_path).deck]
    spread = practice_html(decks, PracticeOptions(seed=3))
    distractors._RECENT_INDEXES.clear()  # nothing worked out in processes is read back in turn
    in_turn(monkeypatch)
    assert practice_html(decks, PracticeOptions(seed=3)) == spread


def test_workers_are_capped_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.ENV_WORKERS, "1")
    assert parallel.worker_count() == 1
    monkeypatch.setenv(parallel.ENV_WORKERS, "not a number")
    assert parallel.worker_count() in (1, len(os.sched_getaffinity(0)))


def test_validate_advice_is_the_same_given_in_processes_or_in_turn(
    forking: None, monkeypatch: pytest.MonkeyPatch, repo_root: Path
) -> None:
    from rutw_quiz.questions.deck_advice import choice_warnings

    deck = read_deck_file(repo_root / "tests" / "data" / "decks" / "radium" / "radium.yaml").deck
    spread = list(choice_warnings(deck))
    in_turn(monkeypatch)
    assert list(choice_warnings(deck)) == spread
    assert len(spread) >= 10, "the radium deck has advice to give"


def test_the_anki_package_is_the_same_built_in_processes_or_in_turn(
    forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rutw_quiz.render import anki

    monkeypatch.setattr(anki, "FIELDS_CHUNK", 40)  # the bundled deck in several tasks
    deck = read_deck_file(bundled_deck_path()).deck
    every_kind = anki.AnkiOptions(kinds=tuple(anki.NoteKind))
    spread = anki.build_anki_package([deck], every_kind, timestamp=1_700_000_000.0)
    in_turn(monkeypatch)
    alone = anki.build_anki_package([deck], every_kind, timestamp=1_700_000_000.0)
    assert alone.data == spread.data
    assert alone.notices == spread.notices and alone.notes == spread.notes > 150


def test_few_tasks_get_a_process_each_and_many_share_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    if threading.active_count() > 1:
        pytest.skip("a thread runs in this test process: run_all never forks then")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1})
    monkeypatch.delenv(parallel.ENV_WORKERS, raising=False)
    assert [parallel._workers(n) for n in (1, 2, 3, 4, 100)] == [1, 2, 3, 2, 2]
    monkeypatch.setenv(parallel.ENV_WORKERS, "2")
    assert parallel._workers(3) == 2, "the environment's number is a hard cap"
    monkeypatch.setenv(parallel.ENV_WORKERS, "1")
    assert parallel._workers(3) == 1


def _killed() -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def test_a_worker_killed_fails_the_run_with_a_message_instead_of_waiting(forking: None) -> None:
    started = time.monotonic()
    with pytest.raises(parallel.WorkerLost, match="RUTW_QUIZ_WORKERS=1"):
        parallel.run_all([_killed, *([lambda: 1] * 3)], facts=1)
    assert time.monotonic() - started < 30
    assert not multiprocessing.active_children()


_TEST_PROCESS = os.getpid()


def _interrupts_the_command() -> int:
    if os.getpid() == _TEST_PROCESS:
        raise AssertionError("not run in a worker process")
    time.sleep(0.5)  # every worker started
    for _ in range(100):  # as Ctrl-C does, again and again: the workers ignore it, the command stops
        os.kill(os.getppid(), signal.SIGINT)
        time.sleep(0.1)
    return 0


def _works_long() -> int:
    time.sleep(30)
    return 0


def test_ctrl_c_stops_every_worker(forking: None) -> None:
    assert parallel.worker_count() == 2, threading.enumerate()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        parallel.run_all([_interrupts_the_command, _works_long], facts=1)
    assert time.monotonic() - started < 20
    assert not multiprocessing.active_children()


def test_closing_the_results_early_stops_every_worker(forking: None) -> None:
    """A writer that fails half-way through a streamed bank leaves no worker behind."""
    results = parallel.run_each([lambda n=n: (n, time.sleep(0.05 * n)) for n in range(8)], facts=1)  # type: ignore[misc]
    assert next(results)[0] == 0
    assert multiprocessing.active_children(), "the results came from no worker"
    results.close()
    assert multiprocessing.active_children() == []


def test_results_come_in_order_as_soon_as_they_are_made(forking: None) -> None:
    """The first result is given while a later, slower task is still at work."""
    started = time.monotonic()
    results = parallel.run_each([lambda: "quick", lambda: time.sleep(3) or "slow"], facts=1)
    assert next(results) == "quick"
    assert time.monotonic() - started < 2
    assert list(results) == ["slow"]


def test_the_workers_start_before_the_first_result_is_asked_for(forking: None, tmp_path: Path) -> None:
    """`validate` checks a deck while its advice is made: the workers must not wait to be read."""
    marks = [tmp_path / f"task-{n}" for n in range(2)]
    results = parallel.run_each([lambda m=m: m.touch() or m.name for m in marks], facts=1)  # type: ignore[misc]
    deadline = time.monotonic() + 20
    while not all(m.exists() for m in marks) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert all(m.exists() for m in marks), "no task ran before its results were read"
    assert list(results) == ["task-0", "task-1"]
    assert multiprocessing.active_children() == []


def test_a_deck_read_for_validate_gives_its_advice_made_while_it_was_checked(
    forking: None, monkeypatch: pytest.MonkeyPatch, repo_root: Path, tmp_path: Path
) -> None:
    """The advice started as the deck was read is the advice worked out in turn afterwards."""
    from rutw_quiz.deck import loader
    from rutw_quiz.questions import deck_advice
    from rutw_quiz.questions.deck_advice import choice_warnings

    path = repo_root / "tests" / "data" / "decks" / "radium" / "radium.yaml"
    begun: list[str] = []
    real_findings = loader.deck_findings

    def checks(*args: object, **kwargs: object) -> object:
        begun.append("checks")
        deadline = time.monotonic() + 20
        while not mark.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert mark.exists(), "the advice's workers had not started while the deck was checked"
        return real_findings(*args, **kwargs)  # type: ignore[arg-type]

    mark = tmp_path / "advice-begun"
    real_advice_on = deck_advice._advice_on

    def advice_on(*args: object) -> object:
        mark.touch()
        return real_advice_on(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(deck_advice, "_advice_on", advice_on)

    def advise(deck: object) -> object:
        begun.append("advice")
        return choice_warnings(deck)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "deck_findings", checks)
    loaded = read_deck_file(path, advise=advise, warn=True)  # type: ignore[arg-type]
    assert begun == ["advice", "checks"], "the advice was not started before the checks"
    spread = loaded.warnings()
    assert loaded.warnings() == spread, "asked twice, the warnings changed"
    in_turn(monkeypatch)
    alone = read_deck_file(path)
    expected = sorted(
        alone.problem(where, f"warning: {message}")
        for where, message in [*loader.deck_warnings(alone.deck), *choice_warnings(alone.deck)]
    )
    assert spread == expected
    assert len(spread) >= 10


def test_a_deck_that_fails_to_read_after_its_advice_began_stops_the_advice_workers(
    forking: None, monkeypatch: pytest.MonkeyPatch, repo_root: Path
) -> None:
    """The error is held (as pytest, or a library's caller, holds it): its workers must not run on."""
    from rutw_quiz.deck import loader
    from rutw_quiz.questions.deck_advice import choice_warnings

    def checks_fail(*_: object, **__: object) -> object:
        raise RuntimeError("the checks failed")

    monkeypatch.setattr(loader, "deck_findings", checks_fail)
    path = repo_root / "tests" / "data" / "decks" / "radium" / "radium.yaml"
    with pytest.raises(RuntimeError, match="the checks failed") as held:
        read_deck_file(path, advise=choice_warnings, warn=True)
    assert held.value is not None
    assert multiprocessing.active_children() == []


def test_advice_that_failed_fails_again_when_asked_for_again(repo_root: Path) -> None:
    """Asked twice, failed advice must not come back as no advice at all."""

    def advise(_: object) -> object:
        yield ("facts", 0), "first"
        raise RuntimeError("the advice failed")

    path = repo_root / "tests" / "data" / "decks" / "radium" / "radium.yaml"
    loaded = read_deck_file(path, advise=advise, warn=True)  # type: ignore[arg-type]
    for _ in range(2):
        with pytest.raises(RuntimeError, match="the advice failed"):
            loaded.warnings()


def test_a_practice_page_that_fails_stops_the_worker_making_its_extra_sets(
    forking: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rutw_quiz.render import practice

    def tables_fail(*_: object) -> None:
        raise RuntimeError("the tables failed")

    monkeypatch.setattr(practice._TypedTables, "add", tables_fail)
    deck = read_deck_file(bundled_deck_path()).deck
    with pytest.raises(RuntimeError, match="the tables failed") as held:
        practice_html([deck], PracticeOptions(seed=3))
    assert held.value is not None
    assert multiprocessing.active_children() == []


def test_a_task_begun_runs_in_another_process_while_the_caller_works(forking: None, tmp_path: Path) -> None:
    """A practice page's extra sets are made while its answer tables are: the task must not wait."""
    mark = tmp_path / "begun"
    begun = parallel.begin(lambda: mark.touch() or os.getpid(), facts=1)
    deadline = time.monotonic() + 20
    while not mark.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert mark.exists(), "the task had not begun before its result was asked for"
    assert begun.result() != os.getpid()
    assert multiprocessing.active_children() == []


def test_a_task_begun_on_a_small_deck_runs_when_its_result_is_asked_for(tmp_path: Path) -> None:
    mark = tmp_path / "begun"
    begun = parallel.begin(lambda: mark.touch() or os.getpid(), facts=parallel.MIN_FACTS - 1)
    time.sleep(0.2)
    assert not mark.exists()
    assert begun.result() == os.getpid()


def test_a_bank_stream_closed_half_way_stops_its_workers(forking: None) -> None:
    """What the export command does when its file cannot be written to the end."""
    from rutw_quiz.questions.bank import stream_bank

    stream = stream_bank([read_deck_file(bundled_deck_path()).deck])
    next(iter(stream.groups))
    assert multiprocessing.active_children(), "the bank was made by no worker"
    stream.close()
    assert multiprocessing.active_children() == []


def test_results_closed_from_another_thread_stop_the_workers(forking: None) -> None:
    """Only the main thread may set a signal handler: closing elsewhere must still stop them."""
    results = parallel.run_each([lambda n=n: time.sleep(0.05 * n) or n for n in range(8)], facts=1)  # type: ignore[misc]
    assert next(results) == 0
    errors: list[BaseException] = []

    def close() -> None:
        try:
            results.close()
        except BaseException as error:  # whatever it is, the test reports it
            errors.append(error)

    closer = threading.Thread(target=close)
    closer.start()
    closer.join()
    assert errors == []
    assert multiprocessing.active_children() == []


def test_figures_settled_on_every_core_are_those_worked_out_in_turn(forking: None) -> None:
    """A practice page works out each figure fact's window and room once, in processes, and its
    rounds read them back: what comes back must be what a round would have worked out."""
    from rutw_quiz.questions.distractors import AnswerIndex

    deck = read_deck_file(bundled_deck_path()).deck
    settled = AnswerIndex._build(deck)
    settled.settle_figures(deck.facts, 4)
    alone = AnswerIndex._build(deck)
    figures = [f for f in deck.facts if f.kind.is_numeric]
    alone._figures_settled(figures, 4)
    assert settled._possible == alone._possible and len(alone._possible) >= len(figures) > 10
    assert settled._windows == alone._windows
