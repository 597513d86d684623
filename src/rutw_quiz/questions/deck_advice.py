"""Warnings for deck authors about the choice lists the engine can make from each fact.

The engine will not show a choice list in which the form of the choices points at the key (see
`look_alike` and `made_up`): when a fact's own distractors and its category's answers cannot make
one, the fact is asked another way. These warnings say which facts, why, and what to add. Checked
with the engine's own rules, so what `validate` says is what the questions do.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial

from rutw_quiz.deck.checks import Finding
from rutw_quiz.deck.models import Deck, Fact
from rutw_quiz.deck.ranges import point
from rutw_quiz.parallel import Flattened, run_each, slices
from rutw_quiz.questions import made_up
from rutw_quiz.questions.answer_forms import other_guises, text_names
from rutw_quiz.questions.distractors import POOL_SIZE, AnswerIndex, answer_key
from rutw_quiz.questions.figures import FigureContext
from rutw_quiz.questions.look_alike import content_stems, echo, form, starts_with_capital, twin_pair
from rutw_quiz.text import contains_phrase

WRONG_ANSWERS_WANTED = 3
NOTICEABLY_LONGER = 3
NOTICEABLY_LONGER_SHARE = 0.15
"""An answer longer than every wrong answer by this many letters and this share is warned about: a
student sees it. (The engine evens out smaller differences over the deck; see `look_alike.choose`.)"""


CHUNKS_PER_WORKER = 4
"""A large deck's facts are advised on in this many slices per worker process (see `parallel`)."""


def choice_warnings(deck: Deck) -> Flattened[Finding]:
    """Advice on each fact's choice lists, as (path in the document, message), in the facts' order.

    Each fact is advised on alone (against the deck's index), so a large deck's facts are
    spread over worker processes in slices, and the index is built once before they start.
    They start at the call, not at the first finding: the caller may check the deck meanwhile
    (and must close what it is given if it fails before reading it all).
    """
    index = AnswerIndex.of(deck)
    index.prepare()
    size = len(deck.facts)
    tasks = [partial(_advice_on, deck, positions) for positions in slices(size, per_worker=CHUNKS_PER_WORKER)]
    return Flattened(run_each(tasks, facts=size))


def _advice_on(deck: Deck, positions: range) -> list[Finding]:
    index = AnswerIndex.of(deck)
    return [
        finding for position in positions for finding in _fact_advice(deck.facts[position], position, index)
    ]


def _fact_advice(fact: Fact, position: int, index: AnswerIndex) -> Iterator[Finding]:
    at = ("facts", position)
    guises = other_guises(fact) if fact.prompt is not None else ()
    if guises and not any(contains_phrase(fact.prompt or "", a) for a in fact.accepted):
        named = text_names(fact.prompt or "", guises)
        if named is not None:
            yield (
                (*at, "prompt"),
                f"the prompt names the answer as '{' '.join(named)}' (a student typing that is marked "
                "right): it is not asked as multiple choice or short answer; reword the prompt",
            )
            return
    yield from ((at + p, m) for p, m in _shown_advice(fact))
    if fact.kind.is_numeric:
        yield from ((at + p, m) for p, m in _figure_advice(fact, index))
    elif fact.prompt is not None:
        yield from ((at + p, m) for p, m in _words_advice(fact, index))


def _shown_advice(fact: Fact) -> Iterator[Finding]:
    """A prompt or statement that shows most of the answer's own words ('Attalea' for 'Attaleinae')."""
    from rutw_quiz.questions.builders import distinctive_stems, shown_stems
    from rutw_quiz.questions.cloze import blank_out

    if not distinctive_stems(fact):
        return  # nothing to show: the blanked statement (a costly cloze check) is not needed
    for field, text, asked in (
        ("prompt", fact.prompt, "as a typed question"),
        ("statement", blank_out(fact), "as fill in the blank"),
    ):
        shown = shown_stems(fact, text)
        if shown:
            words = ", ".join(f"{stem}…" for stem in sorted(shown))
            yield (
                (field,),
                f"the {field} shows the answer '{fact.answer}' in its own words ({words}): a student reads "
                f"it off, so it is not asked {asked}; reword it so the answer's words stay out",
            )


def _figure_advice(fact: Fact, index: AnswerIndex) -> Iterator[Finding]:
    """A figure whose window leaves too little room for a fair set (not one whose own digits do:
    a year ending in 9 is the odd one out of its decade at one rank whatever the room)."""
    if fact.prompt is None or fact.range is not None or not FigureContext(fact).multiple_choice_possible:
        return  # asked typed only ('more than 300'), or the author has set the bounds
    window = index.window(fact)
    wanted = (fact.choices or WRONG_ANSWERS_WANTED + 1) - 1
    if not made_up.room_limits(fact, window, wanted) or index.figures_possible(fact, wanted):
        return
    if not made_up.possible(fact, made_up.Window(), wanted):
        return  # the answer's own digits (a round year, a count too small): no room would do
    fewer = index.figures_possible(fact, WRONG_ANSWERS_WANTED - 1)
    outcome = (
        "it is asked with 3 choices (write `choices: 3` to say that is meant)"
        if fewer
        else "it is not asked as multiple choice, since the key would always fall at the same place among the choices"
    )
    yield (
        ("answer",),
        f"little room for made-up wrong values on both sides of {fact.answer} (the deck's last date, or another "
        f"date of the statement or of a fact about the same subject bounds them): {outcome}; a `range` sets "
        "the bounds yourself",
    )


def made_up_value(fact: Fact, text: str) -> Decimal | None:
    """A year, date or number as a comparable value (see `deck.ranges.point`)."""
    return point(fact.kind, text)


def _words_advice(fact: Fact, index: AnswerIndex) -> Iterator[Finding]:
    same = index.same_category(fact)
    if len(same) > 4 * POOL_SIZE:
        return  # a large category: the engine draws look-alike answers from it
    right = {answer_key(fact.kind, a) for a in fact.accepted} | index.other_true_answers(fact)
    pair = twin_pair([fact.answer, *fact.distractors])
    if pair is not None and pair[0] == 0:
        twin = fact.distractors[pair[1] - 1]
        yield (
            ("distractors", pair[1] - 1),
            f"distractor '{twin}' is far more like the answer than the other choices are like each other: "
            "beside it a test-wise student narrows the choice to these two; make the other distractors as "
            "alike, or use one that differs more",
        )
    candidates = [
        c for c in dict.fromkeys([*fact.distractors, *same]) if answer_key(fact.kind, c) not in right
    ]
    if len(candidates) < WRONG_ANSWERS_WANTED - 1:
        return  # deck/advice says there are too few
    prompt = fact.prompt or ""
    key_echo = echo(fact.answer, prompt)
    echoing = [c for c in candidates if echo(c, prompt) >= key_echo]
    if key_echo and len(echoing) < WRONG_ANSWERS_WANTED - 1:
        words = sorted(content_stems(fact.answer) & content_stems(prompt))
        yield (
            ("distractors",),
            f"the answer repeats words of the prompt ({', '.join(words)}…) and too few wrong answers do: a "
            "test-wise student picks the one that echoes the question, so it is not asked as multiple choice; "
            "add distractors that repeat them too, or reword the prompt",
        )
        return
    longest = max(len(c) for c in echoing)
    if len(fact.answer) >= max(longest + NOTICEABLY_LONGER, longest * (1 + NOTICEABLY_LONGER_SHARE)):
        yield (
            ("distractors",),
            f"the answer '{fact.answer}' is longer than each of its wrong answers: a test-wise student picks "
            "the longest choice; add a distractor at least as long",
        )
    forms = {form(c) for c in echoing}
    if len(forms) == 1 and form(fact.answer) not in forms:
        yield (
            ("distractors",),
            f"the answer is {_describe(fact.answer)}, every wrong answer is {_describe(echoing[0])}: a "
            "test-wise student picks the odd one out, so it is not asked as multiple choice; add "
            "distractors written like the answer",
        )
        return
    capitals = {starts_with_capital(c) for c in echoing}
    if len(capitals) == 1 and starts_with_capital(fact.answer) not in capitals:
        case = "a capital" if starts_with_capital(fact.answer) else "a small letter"
        yield (
            ("answer",),
            f"the answer '{fact.answer}' is the only choice that starts with {case}: a test-wise student "
            "picks it, so it is not asked as multiple choice; write the answer and the distractors alike "
            "(a capital only for a name)",
        )


def _describe(text: str) -> str:
    words, digits, name, plural, hyphen = form(text)
    parts = [f"{words} word{'s' if words > 1 else ''}" if words < 3 else "3 words or more"]
    parts.append("capitalised like a name" if name else "not capitalised like a name")
    if digits:
        parts.append("with digits")
    if hyphen:
        parts.append("hyphenated")
    if plural:
        parts.append("plural")
    return ", ".join(parts)
