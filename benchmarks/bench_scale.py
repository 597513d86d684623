"""Every command at 1,000, 10,000 and 40,000 facts, as whole processes: time, peak memory, growth.

Writes synthetic decks (`synthetic.py`, every fact valid) of two shapes: `few` large categories
(each kind one category, the worst case for anything that grows with a category) and `many` small
ones. Runs each command under `/usr/bin/time -v` and prints wall time and peak RSS per size, then
the growth ratios (linear is 10x from 1k to 10k, less the start-up, and 4x from 10k to 40k).
Issue 22's goals: at 10,000 facts under 1.5 s and 150 MB, at 40,000 under 6 s.

A command that exceeds --timeout at one size is not run at the larger ones.

On a shared machine single runs of the same code vary by a fifth or more: `--repeat N` runs each
command N times and reports the median time and the largest peak. To compare two versions, give
each its own `--command` (a script running `python -m rutw_quiz` on that version's source) and
run them one after the other, with the same --repeat.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,10000,40000] [--shapes few,many]
        [--timeout 120] [--only validate,questions,...] [--command PATH/rutw-quiz] [--repeat 1]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from bench_load import valid_deck_data
from synthetic import Shape

COMMAND = Path(sys.executable).parent / "rutw-quiz"
EXPORT_FORMATS = ("moodle", "gift", "qti", "blackboard", "quizlet", "kahoot", "blooket", "gimkit")
GRADE_ROWS = 10_000
MEMORY_CAP_BYTES = 8 * 1024**3
GOAL_10K = (1.5, 150.0)
GOAL_40K_SECONDS = 6.0


@dataclass(frozen=True)
class Run:
    """One command run: wall seconds and peak RSS in MiB, or why there is none."""

    seconds: float = 0.0
    mib: float = 0.0
    status: int = 0
    note: str = ""

    def cell(self) -> str:
        if self.note:
            return self.note
        flag = "" if self.status == 0 else f" (exit {self.status})"
        return f"{self.seconds:.2f} s {self.mib:.0f} MB{flag}"


COLD = "questions -n 1000, cold"
"""The one command run with the parse cache off: what any command pays on a deck just edited."""


def commands(deck: Path, responses: Path) -> dict[str, list[str]]:
    """Each benchmarked command's arguments, writing into the current folder.

    `validate` runs first and parses the deck; the commands after it read the parse back from
    the cache (see the README), as they do when a teacher runs them after `validate`.
    """
    d = ["--deck", str(deck)]
    table = {
        "validate": ["validate", str(deck)],
        COLD: ["questions", "-n", "1000", "--seed", "1", *d],
        "questions -n 1000": ["questions", "-n", "1000", "--seed", "1", *d],
        "worksheet -n 40": ["worksheet", "-n", "40", "--seed", "1", *d, "-o", "w.html"],
        "anki": ["anki", *d, "-o", "a.apkg"],
        "practice": ["practice", "--seed", "1", *d, "-o", "p.html"],
    }
    for name in EXPORT_FORMATS:
        table[f"export {name}"] = ["export", name, *d, "-o", f"export.{name}"]
    table[f"grade {GRADE_ROWS:,} rows"] = ["grade", *d, "--responses", str(responses), "-o", "marked.csv"]
    return table


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))


def measure(command: Path, args: list[str], cwd: Path, timeout: float, cache: str | None = None) -> Run:
    """One whole-process run under /usr/bin/time -v; on a timeout the whole process group is killed.

    `cache`: the parse cache's folder for the run (`off` for none); by default one beside the decks.
    """
    env = {**os.environ, "RUTW_QUIZ_CACHE_DIR": cache or str(cwd / "parse-cache")}
    process = subprocess.Popen(
        ["/usr/bin/time", "-v", str(command), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_limit_memory,  # noqa: PLW1509 - no threads here
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return Run(note=f"> {timeout:.0f} s")
    seconds = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)", stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    if not (seconds and peak):
        return Run(note="no figures")
    return Run(float(seconds[1] or 0) * 60 + float(seconds[2]), int(peak[1]) / 1024, process.returncode)


def write_responses(data: dict[str, object], path: Path, rows: int = GRADE_ROWS) -> None:
    """A marking CSV as a class would send it: 40% right, 15% lower-cased, 15% with a typo,
    25% another fact's answer, 5% blank, over short answer and fill-in (typed answers: every fact
    of the synthetic deck makes them; not every one makes a fair multiple-choice list)."""
    deck_id = data["id"]
    facts: list[dict[str, str]] = data["facts"]  # type: ignore[assignment]
    kinds = ("short_answer", "fill_in")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "question_id", "answer"])
        for r in range(rows):
            fact = facts[(r * 7919) % (len(facts) - 100)]  # the last, part-filled small categories aside
            answer = fact["answer"]
            bucket = r % 20
            if bucket < 8:
                typed = answer
            elif bucket < 11:
                typed = answer.lower()
            elif bucket < 14:
                typed = answer[:2] + answer[3:2:-1] + answer[2] + answer[4:] if len(answer) > 5 else answer
            elif bucket < 19:
                typed = facts[(r * 104729 + 1) % len(facts)]["answer"]
            else:
                typed = ""
            writer.writerow([f"s{r % 30}", f"{deck_id}:{fact['id']}:{kinds[r % 2]}", typed])


def _ratio(a: Run | None, b: Run | None) -> tuple[str, str]:
    if a is None or b is None or a.note or b.note or not a.seconds or not a.mib:
        return "–", "–"
    return f"{b.seconds / a.seconds:.1f}", f"{b.mib / a.mib:.1f}"


def _verdict(size: int, run: Run) -> str:
    if run.note:
        return "!"
    if size == 10_000 and (run.seconds > GOAL_10K[0] or run.mib > GOAL_10K[1]):
        return "!"
    if size == 40_000 and run.seconds > GOAL_40K_SECONDS:
        return "!"
    return ""


def measure_often(
    command: Path, args: list[str], cwd: Path, timeout: float, cache: str | None, repeat: int
) -> Run:
    """`measure` `repeat` times: the median time and the largest peak (the first failure as it is)."""
    runs = []
    for _ in range(repeat):
        made = measure(command, args, cwd, timeout, cache)
        if made.note or made.status:
            return made
        runs.append(made)
    return Run(statistics.median(r.seconds for r in runs), max(r.mib for r in runs))


def bench_shape(
    shape: Shape, sizes: list[int], timeout: float, only: set[str], command: Path, repeat: int = 1
) -> dict[str, dict[int, Run]]:
    """Every command at every size for one deck shape; prints the table and returns the runs."""
    results: dict[str, dict[int, Run]] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for size in sizes:
            data = valid_deck_data(size, shape)
            deck = work / f"deck-{size}.yaml"
            deck.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            responses = work / f"responses-{size}.csv"
            write_responses(data, responses)
            for name, args in commands(deck, responses).items():
                if only and not any(name.startswith(o) for o in only):
                    continue
                earlier = results.setdefault(name, {})
                if any(r.note.startswith(">") for r in earlier.values()):
                    earlier[size] = Run(note="not run")
                    continue
                cache = "off" if name == COLD else None
                earlier[size] = measure_often(command, args, work, timeout, cache, repeat)
                print(f"  [{shape} {size:>6}] {name:<22} {earlier[size].cell()}", file=sys.stderr, flush=True)
    print(f"\n{shape} categories ({'each kind one category' if shape == 'few' else '10 answers each'})")
    head = " | ".join(f"{s:,} facts" for s in sizes)
    print(f"| command | {head} | time ×10k/1k | time ×40k/10k | RSS ×10k/1k | RSS ×40k/10k |")
    print("|---" * (len(sizes) + 5) + "|")
    for name, runs in results.items():
        cells = " | ".join(runs[s].cell() + _verdict(s, runs[s]) if s in runs else "–" for s in sizes)
        t1, m1 = _ratio(runs.get(1_000), runs.get(10_000))
        t2, m2 = _ratio(runs.get(10_000), runs.get(40_000))
        print(f"| {name} | {cells} | {t1} | {t2} | {m1} | {m2} |")
    print("('!' marks a miss of the goals: 10,000 facts under 1.5 s and 150 MB, 40,000 under 6 s)")
    return results


def run(
    sizes: tuple[int, ...] = (1_000, 10_000, 40_000),
    shapes: tuple[Shape, ...] = ("few", "many"),
    timeout: float = 120,
    only: tuple[str, ...] = (),
    command: Path = COMMAND,
    repeat: int = 1,
) -> None:
    """Print one table per deck shape."""
    for shape in shapes:
        bench_shape(shape, list(sizes), timeout, set(only), command, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,40000")
    parser.add_argument("--shapes", default="few,many")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", default="", help="comma-separated command name prefixes")
    parser.add_argument("--command", type=Path, default=COMMAND)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command (median time)")
    args = parser.parse_args()
    run(
        tuple(int(s) for s in args.sizes.split(",")),
        tuple(args.shapes.split(",")),  # type: ignore[arg-type]
        args.timeout,
        tuple(o for o in args.only.split(",") if o),
        args.command,
        max(1, args.repeat),
    )


if __name__ == "__main__":
    main()
