"""Independent pieces of work spread over the machine's cores, with the result of running them in turn.

A question bank is a task per chunk of a topic's facts, an Anki package one per chunk of facts,
and a practice page one per round (after its figure facts, settled in chunks); each is seeded on
its own, so the order in which they run changes nothing, and on a large deck they take most of
the command's time. The tasks run in forked processes, which start with the decks and indexes
already built; only their results travel back (pickled), in the order given (`run_each`: each
as soon as it and those before it are made).

Forking is used only on Linux (elsewhere forking a running program is unsafe, and the tasks run
in turn), only for work large enough to repay starting processes, and never from a process that
runs threads. `$RUTW_QUIZ_WORKERS` caps the processes (1: everything in turn).

The workers take the next task as they finish one, and leave Ctrl-C to the command: it stops
them all, so an interrupted export prints no worker's traceback. A worker that ends without its
results (killed for memory, say) fails the run with `WorkerLost`, never leaves it waiting.

Workers forked while Python's cycle collector is paused (`validate` starts its advice while the
deck is being read) run without it: their tasks build no reference cycles.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any, Generic, TypeVar, cast

from rutw_quiz.errors import RutwQuizError

T = TypeVar("T")

ENV_WORKERS = "RUTW_QUIZ_WORKERS"
MIN_FACTS = 2_000
"""Below this many facts the work takes well under a second: processes would only add their start."""

_PENDING: list[Sequence[Callable[[], object]]] = []
"""The tasks of the `run_each` calls under way, read by the forked workers (which inherit them:
each reads the last, those of the call that started it)."""


def run_all(tasks: Sequence[Callable[[], T]], *, facts: int) -> list[T]:
    """Every task's result, in order: in forked worker processes when `facts` (the size of the
    work) repays them and the machine has cores to spare, else one after another."""
    return list(run_each(tasks, facts=facts))


def run_each(tasks: Sequence[Callable[[], T]], *, facts: int) -> Generator[T, None, None]:
    """`run_all`, each result given as soon as it and those before it are made: the caller uses
    (writes, then drops) the first results while the workers make the rest. The workers start
    before this returns, so the caller may do other work of its own while they make the first
    results (`validate` checks a deck while its advice is made). Closing the iterator early stops
    the workers."""
    workers = _workers(len(tasks)) if facts >= MIN_FACTS else 1
    if workers < 2:
        return (task() for task in tasks)
    made = _forked(tasks, workers)
    next(made)  # the workers are started
    return cast(Generator[T, None, None], made)


def begin(task: Callable[[], T], *, facts: int) -> Begun[T]:
    """`task` begun now in a worker process when `facts` (the size of the work) repays one and a
    core is free, so that the caller does other work meanwhile (see `Begun`); else it runs when
    its result is asked for."""
    if facts < MIN_FACTS or worker_count() < 2:
        return Begun(task, None)
    made = cast(Generator[T, None, None], _forked([task], 1))
    next(made)  # the worker is started
    return Begun(task, made)


class Flattened(Generic[T]):
    """The items of each list `results` gives, in turn; `close` stops the workers making them
    (`run_each` results, read item by item, as `validate` reads its advice)."""

    def __init__(self, results: Generator[list[T], None, None]) -> None:
        self._results = results
        self._current: Iterator[T] = iter(())

    def __iter__(self) -> Flattened[T]:
        return self

    def __next__(self) -> T:
        while True:
            for item in self._current:
                return item
            self._current = iter(next(self._results))  # StopIteration once all are given

    def close(self) -> None:
        """Stop the workers, leaving the rest unread."""
        self._results.close()


class Begun(Generic[T]):
    """A task `begin` started: `result` waits for it, `close` stops its worker unread (a caller
    that fails before it needs the result must close it, or the worker runs on)."""

    def __init__(self, task: Callable[[], T], made: Generator[T, None, None] | None) -> None:
        self._task = task
        self._made = made

    def result(self) -> T:
        """The task's result (raising its error), made in the worker, or now if none was started."""
        if self._made is None:
            return self._task()
        try:
            return next(self._made)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the worker, if one was started and is still at work."""
        if self._made is not None:
            self._made.close()


def slices(count: int, *, per_worker: int) -> list[range]:
    """`range(count)` cut into near-equal slices, `per_worker` of them for each process that may
    work: enough for the processes to even out slices that take longer than others."""
    parts = max(1, worker_count() * per_worker)
    return [range(count * k // parts, count * (k + 1) // parts) for k in range(parts)]


class WorkerLost(RutwQuizError):
    """A worker process ended before sending all its results (killed, say, for want of memory)."""


def _forked(tasks: Sequence[Callable[[], object]], workers: int) -> Generator[object, None, None]:
    """The tasks' results in order, made by `workers` forked processes, which count off the tasks
    on a shared number and send each result down a pipe of their own as it is made; the workers
    are stopped however this ends (the last result, a task's error re-raised here, Ctrl-C, the
    caller closing the iterator)."""
    import multiprocessing
    from multiprocessing.connection import Connection, wait

    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)
    processes = []
    readers: list[Connection] = []
    _PENDING.append(tasks)
    try:
        # A Ctrl-C while a worker starts must not reach it before it ignores Ctrl-C (it would print a
        # traceback): held back here until every worker is started, then delivered to the command.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            for _ in range(workers):
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(target=_work, args=(taken, writer), daemon=True)
                process.start()
                writer.close()
                processes.append(process)
                readers.append(reader)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        yield None  # started (see `run_each`): the results follow
        results: dict[int, object] = {}
        """Results made ahead of one still awaited."""
        given = 0
        while given < len(tasks):
            if not readers:
                raise WorkerLost(
                    f"error: a worker process ended before its work was done ({given + len(results)} of "
                    f"{len(tasks)} parts made; killed, perhaps for want of memory), so nothing was written; "
                    f"to work in one process, run the command again with {ENV_WORKERS}=1"
                )
            for ready in wait(readers):
                assert isinstance(ready, Connection)
                try:
                    failed, position, value = ready.recv()
                except EOFError:  # that worker has ended (every worker's, once all have)
                    readers.remove(ready)
                    continue
                if failed:
                    raise value
                results[position] = value
            while given in results:
                yield results.pop(given)
                given += 1
    finally:
        del _PENDING[next(i for i, pending in enumerate(_PENDING) if pending is tasks)]
        _stop(processes)


def _stop(processes: Sequence[Any]) -> None:
    """Stop the workers and wait for them; a second Ctrl-C must not cut this short (where the
    handler can be set: in the main thread, and not after the interpreter has reset it)."""
    main = threading.current_thread() is threading.main_thread()
    calm = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()
    finally:
        if calm is not None:
            signal.signal(signal.SIGINT, calm)


def _work(taken: Any, writer: Any) -> None:
    """A worker: the next task not yet taken, until none is left; each result sent as it is made."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held back while forking
    tasks = _PENDING[-1]
    try:
        while True:
            with taken.get_lock():
                position = taken.value
                taken.value += 1
            if position >= len(tasks):
                return
            try:
                result = tasks[position]()
            except Exception as error:  # the command reports it as if raised in turn
                _send(writer, (True, position, error))
                return
            _send(writer, (False, position, result))
    except OSError:
        return  # the command has gone: nobody is left to tell
    finally:
        writer.close()


def _send(writer: Any, message: tuple[bool, int, object]) -> None:
    try:
        writer.send(message)
    except (pickle.PicklingError, TypeError, AttributeError) as error:  # not picklable: say what
        writer.send((True, message[1], RuntimeError(f"a worker's result cannot be sent back: {error}")))


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
