"""The test-wise guesser on every deck of the repository: `python benchmarks/guesser_report.py [SEEDS]`.

For each deck and each cue (tests/testwise.py): on how many multiple-choice and matching items
(one per matching statement) the cue picks something, how many distinct questions those are, its
hit rate and chance on those items, and the margin in points. Issue 18's bar: no cue more than
10 points above chance. Cues that apply to fewer than MIN_ITEMS distinct questions are listed but
not judged.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from rutw_quiz.deck import read_deck_file  # noqa: E402
from testwise import CUES, deck_items, score  # noqa: E402

MIN_DISTINCT = 20
MARGIN_POINTS = 10.0


def repository_decks() -> list[Path]:
    """Every deck file in the repository: the bundled decks and the test decks."""
    found = sorted((ROOT / "decks").glob("*.yaml")) + sorted((ROOT / "tests" / "data").rglob("*.yaml"))
    return found


def report(seeds: range, choices: tuple[int, ...] = (4,)) -> int:
    """Print the table; return how many judged cues beat chance by more than the margin."""
    failures = 0
    print(f"seeds {seeds.start}-{seeds.stop - 1}, choices {choices}; judged when >= {MIN_DISTINCT} distinct")
    for path in repository_decks():
        deck = read_deck_file(path).deck
        items = deck_items(deck, seeds, choices)
        mc = sum(not i.matching for i in items)
        print(
            f"\n{path.relative_to(ROOT)}: {mc} multiple-choice items, {len(items) - mc} matching statements"
        )
        print("| cue | items | distinct | hit | chance | margin |")
        print("|---|---|---|---|---|---|")
        for name, tally in score(items, CUES).items():
            if not tally.applies:
                continue
            judged = len(tally.distinct) >= MIN_DISTINCT
            flag = " **over**" if judged and tally.margin > MARGIN_POINTS else ("" if judged else " (few)")
            failures += flag == " **over**"
            print(
                f"| {name} | {tally.applies} | {len(tally.distinct)} | {100 * tally.hit_rate:.1f}% | "
                f"{100 * tally.chance_rate:.1f}% | {tally.margin:+.1f}{flag} |"
            )
    print(f"\ncues more than {MARGIN_POINTS:.0f} points above chance: {failures}")
    return failures


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    sys.exit(1 if report(range(1, count + 1)) else 0)
