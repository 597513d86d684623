"""The answer key's tables as plain JSON, for a grader outside Python (the browser practice page).

`QuestionKey` holds everything that can be decided before a student types: the accepted and
refused forms in their order, the context words, qualifiers and the value of a year, date or
number, the English words one slip from its answer, a person's given names. `AnswerTables` writes
those of many questions into one JSON-ready structure, with forms and words stored once in shared
pools, and each deck's refused answers once per deck (`pools`: every question of the deck refuses
them, but none holds a copy), so a small port of the normaliser and the rules
(`templates/practice/grader.js`) gives the same verdicts as `QuestionKey.grade`. The word tables
the rules read (small words, number tokens, units) travel in `rules`.

Three tables are long but follow from the accepted forms by a rule a port repeats in a few
lines: the exact-match and run-together lookups, the opposites ('legal' for 'illegal') and the
refused forms made from them. For each question `add` checks that the rule, applied to the
forms in the order written, gives the key's own tables; only where it does not are those
tables written out in full (`derived: false`), so the JSON is small and never wrong.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from rutw_quiz.deck.dates import PartialDate
from rutw_quiz.grading.deck_index import ANOTHER_ANSWER, DeckIndex
from rutw_quiz.grading.forms import NEGATIONS, QUALIFIER_WORDS, RANKS, STOPWORDS, TITLES
from rutw_quiz.grading.key import COMPASS, KIND_NOUNS, PLACE_KINDS, QuestionKey, _opposite_forms, _opposites
from rutw_quiz.grading.spellings import NAME_SUFFIXES, NUMBER_TOKENS, ONE_WORDS, UNIT_WORDS, Form

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def another_answer(answer: str) -> str:
    """The reason a deck's other answer is refused (as `DeckIndex` writes it)."""
    return ANOTHER_ANSWER.format(answer)


@cache
def context_base(kind: str) -> frozenset[str]:
    """Context words every key of a kind has: small words, and titles and initials for people."""
    words = set(STOPWORDS)
    if kind == "person":
        words |= TITLES
    if kind == "office":
        words |= TITLES - RANKS
    if kind == "person":
        words |= set(LETTERS)
    return frozenset(words - NEGATIONS - QUALIFIER_WORDS)


def rules() -> dict[str, object]:
    """The word tables the port reads rather than repeats, so both graders hold one copy."""
    return {
        "stopwords": sorted(STOPWORDS),
        "negations": sorted(NEGATIONS),
        "qualifier_words": sorted(QUALIFIER_WORDS),
        "titles": sorted(TITLES),
        "ranks": sorted(RANKS),
        "name_suffixes": sorted(NAME_SUFFIXES),
        "one_words": sorted(ONE_WORDS),
        "number_tokens": NUMBER_TOKENS,
        "unit_words": {word: list(unit) for word, unit in UNIT_WORDS.items()},
        "letters": LETTERS,
        "compass": sorted(COMPASS),
        "kind_nouns": sorted(KIND_NOUNS),
    }


TABLES_VERSION = 3
"""3: a deck's pool carries its setting, a person its names, the rules compass and kind words."""


_COMBINING_PLANES = 0x20000
"""Every character with a combining class lies in the first two planes (the others hold CJK
ideographs, tags, variation selectors and private use, all of class 0): scanning them is enough."""


@cache
def combining_marks() -> list[int]:
    """The code points `strip_accents` removes (canonical combining class not 0), as Python's
    Unicode tables say: delta-encoded ranges [gap, length - 1, gap, length - 1, ...]. A browser's
    own idea of a mark (\\p{Mn}) differs for some scripts (Devanagari vowel signs are kept)."""
    out: list[int] = []
    start = end = previous = -1
    for cp in range(_COMBINING_PLANES):
        if not unicodedata.combining(chr(cp)):
            continue
        if cp == end + 1:
            end = cp
            continue
        if start >= 0:
            out += [start - previous, end - start]
            previous = end
        start = end = cp
    out += [start - previous, end - start]
    return out


def index_runs(indices: list[int]) -> list[int]:
    """[4, 5, 6, 9] -> [4, 3, 9, 1]: consecutive indices as flat (start, count) pairs."""
    runs: list[int] = []
    for i in indices:
        if runs and runs[-2] + runs[-1] == i:
            runs[-1] += 1
        else:
            runs += [i, 1]
    return runs


def _accepted_order(key: QuestionKey) -> list[Form]:
    """The accepted forms in an order the key's tables follow from: first use of each word sequence."""
    by_words: dict[tuple[str, ...], list[Form]] = {}
    for form in key.accepted:  # sorted longest first, stable: same words keep their order
        by_words.setdefault(form.words, []).append(form)
    return [form for words in key._accepted_exact for form in by_words[words]]


def derived_tables(
    accepted: list[Form],
) -> tuple[dict[str, Form], dict[str, Form], dict[str, str], list[Form]]:
    """What a port derives from the accepted forms in order: exact and run-together lookups,
    opposites, and the refused forms the opposites make (those not themselves accepted)."""
    exact: dict[str, Form] = {}
    joined: dict[str, Form] = {}
    for form in accepted:
        exact.setdefault(" ".join(form.words), form)
        joined.setdefault("".join(form.words), form)
    words = {form.words for form in accepted}
    opposites = {k: v for k, v in _opposites(accepted).items() if (k,) not in words}
    refused = [f for f in _opposite_forms(accepted, opposites) if f.words not in words]
    return exact, joined, opposites, refused


def _permutation(made: list[Form], wanted: list[Form]) -> list[int] | None:
    """Indices into `made` that give `wanted` (the same forms in another order), or None."""
    if len(made) != len(wanted):
        return None
    free: dict[Form, list[int]] = {}
    for i, form in enumerate(made):
        free.setdefault(form, []).append(i)
    out = []
    for form in wanted:
        spare = free.get(form)
        if not spare:
            return None
        out.append(spare.pop(0))
    return out


@dataclass
class AnswerTables:
    """Question keys collected into pools of forms and words; `as_json()` is what a port reads.

    `derive=False` writes every key's tables in full (to test a port's reading of both shapes).
    """

    derive: bool = True
    forms: list[list[str | int]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    contexts: list[list[int]] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)
    tables: list[dict[str, object]] = field(default_factory=list)
    pools: list[dict[str, object]] = field(default_factory=list)
    _pool_ids: dict[str, int] = field(default_factory=dict, repr=False)
    _table_ids: dict[str, int] = field(default_factory=dict, repr=False)
    _by_key: dict[tuple[int, bool], tuple[QuestionKey, int]] = field(default_factory=dict, repr=False)
    _form_ids: dict[tuple[str, str, str, int], int] = field(default_factory=dict, repr=False)
    _reason_ids: dict[str, int] = field(default_factory=dict, repr=False)
    _word_ids: dict[str, int] = field(default_factory=dict, repr=False)
    _context_ids: dict[tuple[int, ...], int] = field(default_factory=dict, repr=False)

    def _form(self, form: Form, *, answer_of: str | None = None) -> int:
        """The form's row in the pool; a deck refusal's reason, which names its fact's answer, is
        written -1 (the port makes it from the fact's first form, `answer_of`)."""
        if answer_of is not None and form.reason == another_answer(answer_of):
            reason = -1
        else:
            found_reason = self._reason_ids.get(form.reason)
            if found_reason is None:
                found_reason = self._reason_ids[form.reason] = len(self.reasons)
                self.reasons.append(form.reason)
            reason = found_reason
        row = (" ".join(form.words), "".join("1" if e else "0" for e in form.exact), form.shown, reason)
        found = self._form_ids.get(row)
        if found is None:
            found = self._form_ids[row] = len(self.forms)
            self.forms.append(list(row))
        return found

    def _word(self, word: str) -> int:
        found = self._word_ids.get(word)
        if found is None:
            found = self._word_ids[word] = len(self.words)
            self.words.append(word)
        return found

    def _context(self, words: frozenset[str]) -> int:
        ids = tuple(sorted(self._word(w) for w in sorted(words)))
        found = self._context_ids.get(ids)
        if found is None:
            found = self._context_ids[ids] = len(self.contexts)
            self.contexts.append(list(ids))
        return found

    def _pool(self, index: DeckIndex) -> int:
        """The deck's refused forms, once per deck: (fact, count) runs and their forms' ids."""
        deck_id = index.deck.id
        if deck_id not in self._pool_ids:
            facts: list[object] = []
            ids: list[int] = []
            first = ""
            for fact_id, form in index.refusals:
                if facts and facts[-2] == fact_id:
                    facts[-1] = int(str(facts[-1])) + 1
                else:
                    facts += [fact_id, 1]
                    first = form.shown
                ids.append(self._form(form, answer_of=first))
            self._pool_ids[deck_id] = len(self.pools)
            setting = sorted(self._word(w) for w in sorted(index.setting))
            self.pools.append({"deck": deck_id, "facts": facts, "forms": index_runs(ids), "setting": setting})
        return self._pool_ids[deck_id]

    def _context_of(self, key: QuestionKey) -> dict[str, object]:
        """The context words less those every key of its kind has (the port adds them back)."""
        base = context_base(key.kind.value)
        if key.pool is not None and key.kind in PLACE_KINDS:  # the deck's setting, written once per deck
            base = base | key.pool.setting
        out: dict[str, object] = {"context": self._context(key.context - base)}
        missing = base - key.context
        if missing:
            out["context_missing"] = sorted(missing)
        return out

    def add(self, question_id: str, key: QuestionKey) -> None:
        """Record the tables of one question's key under its id (a key met before is written once)."""
        seen = self._by_key.get((id(key), self.derive))
        if seen is not None and seen[0] is key:
            self.keys[question_id] = seen[1]
            return
        value: object = None
        value_text = ""
        if isinstance(key.value, PartialDate):
            value = [key.value.year, key.value.month, key.value.day]
            value_text = str(key.value)
        elif isinstance(key.value, int):
            value = key.value
            value_text = f"{key.value:,}"
        order = _accepted_order(key)
        exact, joined, opposites, tail = derived_tables(order)
        own_tail = key.refused[len(key.refused) - len(tail) :] if tail else []
        permutation = _permutation(tail, own_tail)
        derived = (
            self.derive
            and exact == {" ".join(w): f for w, f in key._accepted_exact.items()}
            and joined == key._accepted_joined
            and list(opposites.items()) == list(key.opposites.items())
            and permutation is not None
        )
        refused = key.refused[: len(key.refused) - len(tail)] if derived else key.refused
        table: dict[str, object] = {
            "fact": key.fact_id,
            "expected": key.expected,
            "kind": key.kind.value,
            "accepted": index_runs([self._form(f) for f in key.accepted]),
            **self._context_of(key),
        }
        order_runs = index_runs([self._form(f) for f in order])
        if order_runs != table["accepted"]:
            table["order"] = order_runs
        optional: dict[str, object] = {
            "refused": index_runs([self._form(f) for f in refused]),
            "qualifiers": sorted(key.qualifiers),
            "value": value,
            "value_text": value_text,
            "pool": None if key.pool is None else self._pool(key.pool),
            "real": sorted(self._word(w) for w in sorted(key.real)),
            "person": None
            if key.person is None
            else {
                "given": [list(names) for names in key.person.given],
                "surname": [self._form(f) for f in key.person.surname],
                "names": sorted(key.person.names),
            },
            "full_date": None
            if key.full_date is None
            else [key.full_date.year, key.full_date.month, key.full_date.day],
            "unit": None if key.unit is None else list(key.unit),
        }
        table.update({name: v for name, v in optional.items() if v not in (None, [], "")})
        if not derived:
            table["derived"] = False
        if derived and permutation != list(range(len(tail))):
            table["tail_order"] = permutation
        if not derived:
            table["exact"] = [[" ".join(w), self._form(f)] for w, f in key._accepted_exact.items()]
            table["joined"] = [[w, self._form(f)] for w, f in key._accepted_joined.items()]
            table["opposites"] = list(key.opposites.items())
        # questions of one fact often share every table (a fill-in and a short answer): stored once
        signature = json.dumps(table, sort_keys=True, ensure_ascii=False)
        number = self._table_ids.get(signature)
        if number is None:
            number = self._table_ids[signature] = len(self.tables)
            self.tables.append(table)
        self.keys[question_id] = number
        self._by_key[(id(key), self.derive)] = (key, number)

    def as_json(self) -> dict[str, object]:
        """The pools and the keys by question id."""
        return {
            "version": TABLES_VERSION,
            "combining": combining_marks(),
            "forms": self.forms,
            "reasons": self.reasons,
            "words": self.words,
            "contexts": self.contexts,
            "rules": rules(),
            "pools": self.pools,
            "tables": self.tables,
            "keys": self.keys,
        }
