"""Wrong choices in words that look like the key, so the form of a choice list names no key.

Item-writing guidance asks for distractors of the key's kind, length and form, and a test-wise
student exploits any that are not: the longest choice, the only choice repeating the question's
words, the odd one out in format, one of a pair of near-twins. From the candidates (the fact's own
distractors, then answers of the same category), a list is chosen so that:

- no chosen wrong choice echoes the prompt's words less than the key does (if the key repeats
  "Japan" from the question, so do all the others, or the fact is not asked as multiple choice);
- wrong choices of the key's length range and format come first (a name among names, a phrase
  among phrases);
- the key's rank by length is drawn uniformly (its place among shorter and longer choices);
- the key is not the odd one out by format, nor one of two near-twins among otherwise different
  choices ("one of these two" halves the odds), nor far the longest or shortest; when every list
  the candidates allow makes it so, the fact is not asked as multiple choice.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "as",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "which",
        "what",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "how",
        "many",
        "much",
        "did",
        "does",
        "do",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "into",
        "than",
        "then",
        "after",
        "before",
        "during",
        "under",
        "over",
        "about",
        "according",
        "article",
        "also",
        "have",
        "has",
        "had",
        "not",
        "but",
        "all",
        "any",
        "can",
        "may",
        "our",
        "own",
        "per",
        "via",
        "yet",
        "why",
        "out",
        "off",
        "him",
        "she",
        "you",
        "one",
        "two",
    ]
)
TWIN_SHARE = 0.5
"""Two choices sharing at least this share of their words (of both together) may be near-twins…"""
TWIN_MARGIN = 0.25
"""…when they are alike by this much more than any other two choices."""
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1 << 16)
def content_stems(text: str) -> frozenset[str]:
    """A text's content words cut to five letters ('Japanese' ~ 'Japan'), short and common words aside
    (three letters are a word: the 'cut', 'sea' or 'war' a question asks for)."""
    return frozenset(
        w[:5]
        for w in _WORD.findall(text.casefold())
        if len(w) >= 3 and w not in STOPWORDS and not w.isdigit()
    )


def echo(choice: str, prompt: str | None) -> int:
    """How many of the prompt's content words the choice repeats."""
    return len(content_stems(choice) & content_stems(prompt)) if prompt else 0


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.casefold()))


def _likeness(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def twin_pair(choices: Sequence[str]) -> tuple[int, int] | None:
    """Two choices far more alike than any other two ('Treaty of Friendship and Alliance' and 'Treaty
    of Friendship, Alliance and Mutual Assistance' beside two others): one of them is likely the key.

    Choices all written alike ('Treaty of Nanking', 'Treaty of Aigun', …) make no pair.
    """
    pairs = sorted(
        (
            (_likeness(choices[i], choices[j]), i, j)
            for i in range(len(choices))
            for j in range(i + 1, len(choices))
        ),
        reverse=True,
    )
    if len(pairs) < 2:
        return None
    (top, i, j), second = pairs[0], pairs[1][0]
    return (i, j) if top >= TWIN_SHARE and top - second >= TWIN_MARGIN else None


@lru_cache(maxsize=1 << 16)
def form(text: str) -> tuple[int, bool, bool, bool, bool]:
    """The format of a choice: its words (1, 2, 3 or more), has digits, reads as a name (capitalised
    words), ends like a plural, has a hyphen."""
    tokens = text.split()
    words = [w for w in tokens if w.casefold() not in STOPWORDS]
    name = bool(words) and all(w[:1].isupper() for w in words)
    last = words[-1].casefold() if words else ""
    return (
        min(len(tokens), 3),
        any(ch.isdigit() for ch in text),
        name,
        not name and last.endswith("s") and not last.endswith("ss"),  # 'Louis' is no plural
        "-" in text and len(tokens) <= 2,  # a hyphen stands out in 'Chiang Ching-kuo', not in a long title
    )


STANDOUT_LENGTH = 1.4
"""A key this many times longer than every wrong choice (or shorter than all by as much) stands out."""


def starts_with_capital(text: str) -> bool:
    """Whether the first letter (past quotes, signs and digits) is a capital: '+Odessa' does."""
    return next((ch.isupper() for ch in text if ch.isalpha()), False)


def stands_out(key: str, wrong: Sequence[str]) -> bool:
    """Whether the key is the odd one out by format or by its first letter's case, one of a pair of
    near-twins, where the others meet (`converges_on`), or far the longest or shortest, among the
    choices."""
    if len(wrong) < 2:
        return False
    pair = twin_pair([key, *wrong])
    if pair is not None and 0 in pair:
        return True
    forms = {form(w) for w in wrong}
    if len(forms) == 1 and form(key) not in forms:
        return True
    capitals = {starts_with_capital(w) for w in wrong}
    if len(capitals) == 1 and starts_with_capital(key) not in capitals:
        return True  # 'Tritium' among 'deuterium', 'carbon-14': the only capital picks the key
    if converges_on(key, wrong):
        return True
    longest, shortest = max(len(w) for w in wrong), min(len(w) for w in wrong)
    return len(key) > STANDOUT_LENGTH * longest or STANDOUT_LENGTH * len(key) < shortest


def converges_on(key: str, wrong: Sequence[str]) -> bool:
    """Whether the key is where the other choices meet: it shares words with two or more of them
    and more words with them all than any other choice does ('pancreatic ducts' among 'bile ducts',
    'pancreatic arteries' and 'islets of Langerhans'), so a test-wise student picks it."""
    words = [content_stems(c) for c in [key, *wrong]]
    shared = [[len(w & v) for j, v in enumerate(words) if j != i] for i, w in enumerate(words)]
    scores = [sum(row) for row in shared]
    return sum(1 for n in shared[0] if n) >= 2 and all(scores[0] > s for s in scores[1:])


@dataclass(frozen=True)
class Candidate:
    """A possible wrong choice and where it comes from."""

    text: str
    own: bool
    """One of the fact's own distractors (the author's), rather than another fact's answer."""


def choose(
    key: str,
    prompt: str | None,
    candidates: Sequence[Candidate],
    wanted: int,
    rng: random.Random,
    longest_share: float = 0.0,
) -> list[str] | None:
    """Up to `wanted` wrong choices that look like `key`; None when none can hide it from an echo.

    Returns fewer than `wanted` when there are fewer suitable candidates. `longest_share` is the
    share of the deck's facts whose answer is longer than all their candidates (so always the
    longest choice): the key is made the longest choice less often elsewhere, so that over the
    deck the longest choice is the key no more often than chance.
    """
    key_echo = echo(key, prompt)
    key_form = form(key)
    usable = [c for c in candidates if echo(c.text, prompt) >= key_echo]
    if not usable:
        return None if candidates else []
    order = list(usable)
    rng.shuffle(order)
    order.sort(
        key=lambda c: (
            echo(c.text, prompt) != key_echo,
            not _length_range(c.text, key),
            form(c.text) != key_form,
            not c.own,
        )
    )
    best = [c.text for c in order[: max(wanted * 2, wanted + 2)]]
    for attempt in range(STANDOUT_TRIES):
        ranked = best if attempt == 0 else _reshuffled(best, rng)
        chosen = _by_length(key, ranked, wanted, _shorter_count(wanted, longest_share, rng))
        if not stands_out(key, chosen):
            return chosen
    return None


STANDOUT_TRIES = 6


def _length_range(text: str, key: str) -> bool:
    """Whether a wrong choice is of the key's length range (neither shows up beside the other)."""
    return len(key) <= STANDOUT_LENGTH * len(text) and len(text) <= STANDOUT_LENGTH * len(key)


def _reshuffled(texts: list[str], rng: random.Random) -> list[str]:
    shuffled = list(texts)
    rng.shuffle(shuffled)
    return shuffled


def _shorter_count(wanted: int, longest_share: float, rng: random.Random) -> int:
    """How many wrong choices to take shorter than the key: uniform, less often all of them when the
    deck's other facts already make the key the longest choice (`longest_share` of them)."""
    chance = 1 / (wanted + 1)
    all_shorter = max(0.0, (chance - longest_share) / (1 - longest_share)) if longest_share < 1 else 0.0
    if rng.random() < all_shorter:
        return wanted
    return rng.randrange(wanted)


def _by_length(key: str, ranked: list[str], wanted: int, below: int) -> list[str]:
    """`wanted` of `ranked` (best first), `below` of them shorter than the key where they allow."""
    shorter = [c for c in ranked if len(c) < len(key)]
    longer = [c for c in ranked if len(c) >= len(key)]
    chosen = shorter[:below] + longer[: wanted - below]
    rest = sorted(shorter[below:] + longer[wanted - below :], key=ranked.index)
    return chosen + rest[: wanted - len(chosen)]
