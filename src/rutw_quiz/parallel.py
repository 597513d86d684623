"""Independent pieces of work spread over the machine's cores, with the result of running them in turn.

A question bank is one task per topic and question type, and a practice page one per round; each
is seeded on its own, so the order in which they run changes nothing, and on a large deck they
take most of the command's time. The tasks run in forked processes, which start with the decks
and indexes already built; only their results travel back (pickled), in the order given.

Forking is used only on Linux (elsewhere forking a running program is unsafe, and the tasks run
in turn), only for work large enough to repay starting processes, and never from a process that
runs threads. `$RUTW_QUIZ_WORKERS` caps the processes (1: everything in turn).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

T = TypeVar("T")

ENV_WORKERS = "RUTW_QUIZ_WORKERS"
MIN_FACTS = 2_000
"""Below this many facts the work takes well under a second: processes would only add their start."""

_PENDING: list[Sequence[Callable[[], object]]] = []
"""The tasks of the current `run_all`, read by the forked workers (which inherit them)."""


def run_all(tasks: Sequence[Callable[[], T]], *, facts: int) -> list[T]:
    """Every task's result, in order: in forked worker processes when `facts` (the size of the
    work) repays them and the machine has cores to spare, else one after another."""
    workers = _workers(len(tasks)) if facts >= MIN_FACTS else 1
    if workers < 2:
        return [task() for task in tasks]
    import multiprocessing

    _PENDING.append(tasks)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results: list[object] = pool.map(_run_task, range(len(tasks)), chunksize=1)
    finally:
        _PENDING.pop()
    return cast(list[T], results)


def worker_count() -> int:
    """How many processes may work at once: the cores this process may use, or `$RUTW_QUIZ_WORKERS`;
    1 where forking is not safe."""
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    named = _named_workers()
    return named if named is not None else len(os.sched_getaffinity(0))


def _workers(tasks: int) -> int:
    """Processes for `tasks` tasks. Fewer tasks than twice the cores (a practice page's three
    rounds on two cores) get a process each, the system sharing the cores, so that no core idles
    while the last task runs alone; `$RUTW_QUIZ_WORKERS` is a hard cap."""
    cores = worker_count()
    if cores < 2 or tasks < 2:
        return 1
    if _named_workers() is not None:
        return min(tasks, cores)
    return tasks if tasks < 2 * cores else cores


def _named_workers() -> int | None:
    named = os.environ.get(ENV_WORKERS, "").strip()
    return int(named) if named.isdigit() and int(named) >= 1 else None


def _run_task(position: int) -> object:
    return _PENDING[-1][position]()
