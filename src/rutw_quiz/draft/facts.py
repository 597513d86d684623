"""Draft facts from a source's sentences: one candidate answer per sentence, ranked, each with a
verbatim quote, a statement that stands alone where it can, and what the author should check.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rutw_quiz.deck.advice import leans_on_another_sentence
from rutw_quiz.deck.dates import parse_partial_date
from rutw_quiz.deck.models import AnswerKind
from rutw_quiz.draft.candidates import Candidate, NameReader, date_spans, number_spans, term_spans
from rutw_quiz.draft.sentences import Sentence
from rutw_quiz.text import normalize_answer, whole_word_spans

MAX_QUOTE_WORDS = 30
LONG_STATEMENT_WORDS = 40
MAX_DISTRACTORS = 3

# How much a question about each kind of answer is worth, before the sentence is weighed.
_KIND_WORTH = {
    AnswerKind.PERSON: 3.0,
    AnswerKind.DOCUMENT: 3.0,
    AnswerKind.DATE: 2.8,
    AnswerKind.YEAR: 2.8,
    AnswerKind.EVENT: 2.6,
    AnswerKind.ORGANIZATION: 2.5,
    AnswerKind.PLACE: 2.4,
    AnswerKind.SHIP: 2.4,
    AnswerKind.NUMBER: 2.2,
    AnswerKind.COUNTRY: 1.6,
    AnswerKind.TERM: 2.0,
}
_PRONOUN_OPENING = re.compile(r"^(He|She|His|Her)\b")


@dataclass
class DraftFact:
    """A candidate fact for the author: the deck record's fields, its worth, and what to check."""

    answer: str
    kind: AnswerKind
    statement: str
    quote: str
    section: str | None
    sentence: Sentence
    category: str | None = None
    date: str | None = None
    year: int | None = None
    event: str | None = None
    distractors: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    score: float = 0.0
    id: str = ""


def _quote(sentence: str, start: int, end: int) -> str:
    """At most 30 words of the sentence around [start, end): the clause first, then its neighbours."""
    words = list(re.finditer(r"\S+", sentence))
    if len(words) <= MAX_QUOTE_WORDS:
        return sentence
    first = next(i for i, w in enumerate(words) if w.end() > start)
    last = max(i for i, w in enumerate(words) if w.start() < end)
    lo, hi = first, last
    # Grow towards the clause's edges (a word ending in , ; :) and then evenly, up to 30 words.
    while hi - lo + 1 < MAX_QUOTE_WORDS and (lo > 0 or hi < len(words) - 1):
        grow_left = lo > 0 and not words[lo - 1].group().endswith((".", ";"))
        if hi < len(words) - 1 and (not grow_left or hi - last <= first - lo):
            hi += 1
        elif lo > 0:
            lo -= 1
        else:
            break
    return sentence[words[lo].start() : words[hi].end()].rstrip(",;:")


_PREPOSITION = r"(?:in|on|by|since|from|during|until|till|around|about|circa|c\.)"
_FUNCTION_END = re.compile(
    r"\s+(?:the|a|an|of|and|or|in|on|at|to|by|for|with|from|which|that|who)$", re.IGNORECASE
)
MAX_EVENT_WORDS = 12
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
# What leads up to a date and goes with it: "in the spring of", "at the beginning of", "in October or".
_DATE_LEAD = re.compile(
    rf"\b(?:{_PREPOSITION}|at)?\s*(?:the\s+)?(?:(?:early|late|mid|spring|summer|autumn|fall|winter|beginning|"
    rf"end|middle|start|course)\s+(?:of\s+)?|mid-)?(?:(?:{_MONTH_NAMES})\s+(?:or|and)\s+)?$",
    re.IGNORECASE,
)


def _event_label(statement: str, date_text: str, answer: str) -> str | None:
    """The clause the date belongs to, without the date: a label a timeline can show.

    "In 1846, Galle discovered Neptune." -> "Galle discovered Neptune"; "Relations deteriorated
    after the 2022 invasion." -> "Relations deteriorated after the invasion"; "X became bankrupt,
    and left in 1878 for Belgium." -> "X became bankrupt, and left for Belgium".
    """
    at = statement.find(date_text)
    if at < 0:
        return None
    before, after = statement[:at], statement[at + len(date_text) :]
    before = before[before.rfind(";") + 1 :]  # the clause, not the sentence before a semicolon
    after = re.split(r";|,\s+(?:which|where|who|whose|while|when|although|but)\b", after)[0]
    if re.search(r"\bthe\s+(?:early\s+|late\s+|mid-)?$", before, re.IGNORECASE):
        label = before + after.lstrip()  # "the 2022 invasion": the date was an adjective
    else:
        before = _DATE_LEAD.sub("", before)
        opens_clause = not before.strip() or before.rstrip().endswith(",")
        after_clause = after.strip(" ,.").split(",")[0].strip()
        if opens_clause and len(after_clause.split()) >= 3:
            label = after_clause  # "In 1862, Monet became a student …": the clause follows the date
        else:
            label = f"{before.strip(' ,')} {after_clause}".strip()
    label = re.sub(r"\s+", " ", label).strip(" ,;:.")
    label = re.sub(r"^(?:and|but|then|so|however|also),?\s+", "", label, flags=re.IGNORECASE)
    words = label.split()
    if len(words) > MAX_EVENT_WORDS:
        cut = max(
            (i for i, w in enumerate(words[:MAX_EVENT_WORDS]) if w.endswith((",", ";")) and i >= 3),
            default=None,
        )
        label = " ".join(words[: (cut + 1) if cut is not None else MAX_EVENT_WORDS]).rstrip(",;")
    while _FUNCTION_END.search(label):
        label = _FUNCTION_END.sub("", label)
    if len(label.split()) < 2 or re.search(r"\b\d{3,4}\b", label):
        return None  # too little left, or another year in it, which would give the order away
    return label[0].upper() + label[1:]


def _standalone(
    sentence: Sentence, previous: Sequence[Sentence], people: dict[int, list[str]]
) -> tuple[str, str | None]:
    """The statement, with a leading He/She/His/Her replaced by the person the text just named."""
    text = sentence.text
    opening = _PRONOUN_OPENING.match(text)
    if not opening:
        return text, None
    for earlier in reversed(previous[-2:]):
        if earlier.paragraph != sentence.paragraph:
            break
        names = people.get(earlier.index)
        if names:
            name = names[0]
            replacement = f"{name}'s" if opening.group(1) in ("His", "Her") else name
            if opening.group(1) == "Her" and not re.match(r"Her\s+[a-z]+\s+(?:was|is|had|were)", text):
                return text, None  # "Her" may be the object of the sentence: leave it to the author
            return replacement + text[
                opening.end() :
            ], f"'{opening.group(1)}' at the start was replaced by '{name}'"
    return text, None


class Drafter:
    """Finds candidate facts in a source's sentences and keeps the best, one per sentence."""

    def __init__(self, text: str, sentences: Sequence[Sentence], title: str | None = None) -> None:
        self.sentences = list(sentences)
        # The text's subject ("Radium", "Claude Monet") answers nothing: every question is about it.
        self.subject_words = set(normalize_answer(title or "").split())
        self.names = NameReader(text)
        self.found: dict[int, list[Candidate]] = {}
        self.dates: dict[int, list[Candidate]] = {}
        for sentence in self.sentences:
            dates = date_spans(sentence.text)
            self.dates[sentence.index] = dates
            self.found[sentence.index] = [
                *dates,
                *number_spans(sentence.text, dates),
                *self.names.names(sentence.text),
                *term_spans(sentence.text),
            ]
        mentions: Counter[str] = Counter()
        for candidates in self.found.values():
            for c in candidates:
                mentions[normalize_answer(c.answer)] += 1
        self.mentions = mentions
        self.people = {
            i: [c.answer for c in cands if c.kind is AnswerKind.PERSON] for i, cands in self.found.items()
        }

    def draft(self) -> list[DraftFact]:
        """Each sentence's best fact whose answer no better fact has taken, best first."""
        options: list[list[DraftFact]] = []
        for sentence in self.sentences:
            made = self._facts_of(sentence)
            if made:
                options.append(sorted(made, key=lambda f: -f.score))
        options.sort(key=lambda made: (-made[0].score, made[0].sentence.index))
        taken: set[str] = set()
        chosen: list[DraftFact] = []
        for made in options:
            for fact in made:
                key = normalize_answer(fact.answer)
                if key not in taken:
                    taken.add(key)
                    chosen.append(fact)
                    break
        chosen.sort(key=lambda f: (-f.score, f.sentence.index))
        self._add_distractors(chosen)
        return chosen

    def _facts_of(self, sentence: Sentence) -> list[DraftFact]:
        previous = self.sentences[max(0, sentence.index - 2) : sentence.index]
        statement, replaced = _standalone(sentence, previous, self.people)
        shift = len(statement) - len(sentence.text)
        made = (self._fact(sentence, statement, shift, replaced, c) for c in self.found[sentence.index])
        return [fact for fact in made if fact is not None]

    def _fact(
        self, sentence: Sentence, statement: str, shift: int, replaced: str | None, c: Candidate
    ) -> DraftFact | None:
        if len(whole_word_spans(statement, c.answer)) != 1:
            return None  # a blank must hide exactly one span
        if c.kind is AnswerKind.COUNTRY and len(statement.split()) < 10:
            return None
        inside_brackets = statement.count("(", 0, max(0, c.start + shift)) > statement.count(
            ")", 0, max(0, c.start + shift)
        )
        fact = DraftFact(
            answer=c.answer,
            kind=c.kind,
            statement=statement,
            quote=_quote(sentence.text, c.start, c.end),
            section=sentence.section,
            sentence=sentence,
            category=c.category,
        )
        self._date(fact, c)
        score = _KIND_WORTH.get(c.kind, 1.5)
        words = len(statement.split())
        score += 0.8 if 8 <= words <= 30 else (-1.0 if words > LONG_STATEMENT_WORDS else 0.0)
        score += 0.6 if c.category else 0.0
        score += min(self.mentions[normalize_answer(c.answer)], 4) * 0.25
        score -= 2.0 if inside_brackets else 0.0
        if set(normalize_answer(c.answer).split()) <= self.subject_words:
            score -= 2.5
        score -= 0.3 * (sentence.index / max(1, len(self.sentences)))  # the lead says what matters most
        if replaced:
            fact.checks.append(f"{replaced}: check that the statement is still true")
        elif leans_on_another_sentence(statement):
            score -= 1.5
            fact.checks.append(
                f"edit: the statement opens with '{statement.split(maxsplit=1)[0]}', which leans on the sentence before "
                "it; name who or what it is about"
            )
        if (
            c.kind in (AnswerKind.PERSON, AnswerKind.PLACE, AnswerKind.ORGANIZATION, AnswerKind.SHIP)
            and c.clue
        ):
            what = f"{c.kind.value}" + (f", category '{c.category}'" if c.category else "")
            fact.checks.append(f'kind ({what}) guessed from "{c.clue}"')
        elif c.kind is AnswerKind.PERSON:
            fact.checks.append("kind (person) guessed from the shape of the name")
        if words > LONG_STATEMENT_WORDS:
            fact.checks.append("edit: a long sentence; shorten the statement to the part that is asked")
        if c.kind is AnswerKind.NUMBER:
            fact.checks.append(f"the number counts '{c.category}': check the category reads well as a hint")
        fact.score = score
        return fact

    def _date(self, fact: DraftFact, c: Candidate) -> None:
        """The fact's date and event label: its answer when it is a date, else the sentence's one date."""
        dates = self.dates[fact.sentence.index]
        if c.kind in (AnswerKind.DATE, AnswerKind.YEAR):
            when = c.answer
        elif len(dates) == 1:
            when = dates[0].answer
        else:
            return
        written = when.replace(",", "")
        try:
            parsed = parse_partial_date(written)
        except ValueError:
            return
        if parsed.month:
            fact.date = written
        else:
            fact.year = parsed.year
        fact.event = _event_label(fact.statement, when, fact.answer)
        if fact.event:
            fact.checks.append("the event label: short, true, and without its date")

    def _add_distractors(self, facts: Iterable[DraftFact]) -> None:
        """Wrong answers only where the text itself offers them: other names of the same kind and
        category, other years or dates of the same section; none invented."""
        names: dict[tuple[AnswerKind, str | None], list[tuple[int, str]]] = defaultdict(list)
        when_by_section: dict[tuple[str | None, AnswerKind], list[tuple[int, str]]] = defaultdict(list)
        for sentence in self.sentences:
            for c in self.found[sentence.index]:
                if c.kind in (AnswerKind.YEAR, AnswerKind.DATE):
                    when_by_section[(sentence.section, c.kind)].append((sentence.index, c.answer))
                elif c.kind is not AnswerKind.NUMBER and (c.category or c.kind is AnswerKind.COUNTRY):
                    names[(c.kind, (c.category or "").casefold() or None)].append((sentence.index, c.answer))
        for fact in facts:
            if fact.kind in (AnswerKind.YEAR, AnswerKind.DATE):
                pool = when_by_section[(fact.section, fact.kind)]
                if fact.kind is AnswerKind.DATE:
                    shape = len(fact.answer.split())
                    pool = [(i, a) for i, a in pool if len(a.split()) == shape]
            elif fact.kind is AnswerKind.NUMBER or not (fact.category or fact.kind is AnswerKind.COUNTRY):
                continue
            else:
                pool = names[(fact.kind, (fact.category or "").casefold() or None)]
            chosen: list[str] = []
            keys = {normalize_answer(fact.answer)}
            statement_key = f" {normalize_answer(fact.statement)} "
            for _, answer in sorted(pool, key=lambda item: abs(item[0] - fact.sentence.index)):
                key = normalize_answer(answer)
                if key in keys or f" {key} " in statement_key:
                    continue
                keys.add(key)
                chosen.append(answer)
                if len(chosen) == MAX_DISTRACTORS:
                    break
            if chosen:
                fact.distractors = chosen
                fact.checks.append(
                    "the distractors are other "
                    + (
                        "years"
                        if fact.kind is AnswerKind.YEAR
                        else "dates"
                        if fact.kind is AnswerKind.DATE
                        else f"{fact.category or 'countries'}"
                    )
                    + " named in the text: make sure each is wrong here"
                )
