"""Count rule violations in many generated question sets: `python benchmarks/count_violations.py`.

Generates sets from the bundled deck and from the second test deck (the Trans-Siberian
Railway and Lake Baikal, `tests/data/second_deck/`) over many seeds, every type mix and
2 choice counts, and audits each set with `tests/question_audit.py` (rules 1–6 of the issue
on trustworthy questions, and 7–11 of the issue on fair questions on any deck). Prints the
counts by rule and deck; exits 1 if any is not 0.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from question_audit import audit_set  # noqa: E402
from rutw_quiz.deck import read_deck_file  # noqa: E402
from rutw_quiz.errors import SelectionError  # noqa: E402
from rutw_quiz.questions import QuestionOptions, QuestionType, generate_questions  # noqa: E402
from rutw_quiz.resources import bundled_deck_path  # noqa: E402

DECKS = {
    "bundled": bundled_deck_path(),
    "second": ROOT / "tests" / "data" / "second_deck" / "trans_siberian.yaml",
}
TYPE_MIXES: list[tuple[QuestionType, ...]] = [(), *((t,) for t in QuestionType)]


def count(seeds: range = range(1, 41)) -> tuple[Counter[tuple[str, int]], int, set[str], list[str]]:
    """Violations by (deck, rule), the number of sets audited, the distinct question ids, examples."""
    violations: Counter[tuple[str, int]] = Counter()
    examples: list[str] = []
    distinct: set[str] = set()
    sets = 0
    for name, path in DECKS.items():
        deck = read_deck_file(path).deck
        for seed in seeds:
            for types in TYPE_MIXES:
                for choices in (4, 6):
                    options = QuestionOptions(count=20, seed=seed, types=types, choices=choices)
                    try:
                        result = generate_questions([deck], options)
                    except SelectionError:
                        continue
                    sets += 1
                    distinct.update(q.id for q in result.questions)
                    for rule, qid, what in audit_set(result.questions, [deck], choices):
                        violations[name, rule] += 1
                        if len(examples) < 20:
                            examples.append(f"{name} seed {seed} rule {rule}: {qid}: {what}")
    return violations, sets, distinct, examples


def main() -> int:
    violations, sets, distinct, examples = count()
    print(f"{sets} sets of up to 20 questions audited ({len(distinct)} distinct questions)")
    for name in DECKS:
        row = ", ".join(f"rule {r}: {violations[name, r]}" for r in range(1, 12))
        print(f"  {name:8} {row}")
    for example in examples:
        print("  " + example)
    total = sum(violations.values())
    print(f"violations: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
