"""What a sentence could ask about: its dates, years and counted numbers, and the names in it
with a guess at what each names (a person, a place, an organisation, a document, an event).

Every guess keeps the words it was read from (`clue`), so the draft can tell the author why.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rutw_quiz.deck.checks import parse_number
from rutw_quiz.deck.dates import parse_partial_date
from rutw_quiz.deck.models import AnswerKind
from rutw_quiz.draft.vocabulary import (
    CHEMICAL_ELEMENTS,
    COUNTRIES,
    DOCUMENT_HEADS,
    EVENT_HEADS,
    FUNCTION_WORDS,
    MONTHS_AND_DAYS,
    NAME_JOINERS,
    ORGANIZATION_CATEGORIES,
    ORGANIZATION_HEADS,
    PERSON_ROLES,
    PERSON_TITLES,
    PERSON_VERBS,
    PLACE_HEADS,
    PLACE_LEADS,
    PLACE_NOUNS,
    SHIP_WORDS,
    TWO_WORD_TITLES,
)


@dataclass(frozen=True)
class Candidate:
    """A span of a sentence worth asking for, what kind of answer it is, and why we think so."""

    answer: str
    start: int
    kind: AnswerKind
    category: str | None = None
    clue: str | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.answer)


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|2100)"
_DATES = [
    re.compile(rf"\b\d{{1,2}} {_MONTH},? {_YEAR}\b"),
    re.compile(rf"\b{_MONTH} \d{{1,2}}, {_YEAR}\b"),
    re.compile(rf"\b{_MONTH} {_YEAR}\b"),
]
_UNIT = (
    r"\s*(?:%|°|per cent|percent|K\b|km\b|kg\b|mg\b|cm\b|mm\b|nm\b|pm\b|m\b|g\b|ft\b|mi\b|mph\b|kcal\b|kJ\b)"
)
_BARE_YEAR = re.compile(rf"(?<![\d$£€.,:/-]){_YEAR}(?![\d]|s\b|’s|'s|[.,]\d|{_UNIT})")
_IMPRECISE_BEFORE = re.compile(
    r"\b(?:prior to|before|after|until|till|around|about|circa|c\.|by the end of|by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(
    r"\b(?:between|from|since|until|till)\s+(?:the\s+)?(?:early\s+|late\s+|mid-)?$|[–—-]\s*$", re.IGNORECASE
)
_RANGE_AFTER = re.compile(rf"^\s*(?:[–—-]|to\s+{_YEAR}|and\s+{_YEAR})")
_NUMBER = re.compile(r"(?<![\d$£€.,:/\w-])(\d{1,3}(?:,\d{3})+|\d+)(?![\d%]|[.,]\d|\w)")
_COUNTED = re.compile(r"\s+((?:[a-z][a-z-]+)(?:\s+[a-z][a-z-]+)?)")
_STOP_AFTER_NUMBER = frozenset(
    [
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "the",
        "a",
        "an",
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "by",
        "for",
        "from",
        "with",
        "per",
        "than",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "this",
        "that",
        "these",
        "those",
        "however",
        "which",
        "who",
        "when",
        "where",
        "while",
        "as",
        "but",
        "so",
        "then",
        "also",
    ]
)
_COLLECTIVE = frozenset(["crew", "people", "staff", "personnel", "cattle", "livestock", "police", "clergy"])
_DURATION = re.compile(r"\s+(?:years?|months?|days?|hours?|times)\b")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-zÀ-ÖØ-öø-ÿĀ-žА-яЁё][\w'’-]*(?:\.(?=\s[A-Z]))?|&")
_INITIAL = re.compile(r"[A-Z]\.")


_UNCERTAIN = re.compile(rf"(?:\b{_MONTH}|\b\d{{1,2}})\s*(?:or|and|to|–|-)\s*$")


def date_spans(sentence: str) -> list[Candidate]:
    """Every date or year written in the sentence, the fullest reading of each place."""
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATES:
        for match in pattern.finditer(sentence):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if _UNCERTAIN.search(sentence[: match.start()]):
                taken.append(match.span())  # "October or November 1871": which one the text does not say
                continue
            try:
                parse_partial_date(match.group().replace(",", ""))
            except ValueError:
                continue
            taken.append(match.span())
            found.append(Candidate(match.group(), match.start(), AnswerKind.DATE))
    for match in _BARE_YEAR.finditer(sentence):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        before = sentence[: match.start()].rstrip()
        after = sentence[match.end() :]
        if before.endswith(("(", "–", "-", "—")) or after.startswith(("–", "—", "-", ")")):
            continue  # a lifespan or a range: "(1867–1934)"
        if (
            _RANGE_BEFORE.search(sentence[: match.start()])
            or _RANGE_AFTER.match(after)
            or _IMPRECISE_BEFORE.search(sentence[: match.start()])
            or re.search(rf"\b{_YEAR}\s+(?:and|to|or)\s+$", sentence[: match.start()])
        ):
            continue  # one end of a span ("between 1883 and 1908", "since 2024") is not what happened when
        if _DURATION.match(after):
            continue  # "1600 years": a length of time, asked as a number
        if re.search(r"(?:±|\+/-)\s*$", sentence[: match.start()]) or re.search(
            r"\b(?:will|would|expected|predicted|forecast|projected)\b", sentence
        ):
            continue  # an error margin, or a year the text foresees rather than reports
        if _COUNTED.match(after) and not re.match(r"\s+(?:and|to|when|after|before|until)\b", after):
            noun = _COUNTED.match(after)
            first = noun.group(1).split()[0] if noun else ""
            if first and first not in _STOP_AFTER_NUMBER and first.endswith("s"):
                continue  # "1200 soldiers" is a number; "their 1999 treatment" a year
        taken.append(match.span())
        found.append(Candidate(match.group(), match.start(), AnswerKind.YEAR))
    return sorted(found, key=lambda c: c.start)


_NAMED_NUMBER = re.compile(
    r"\b((?:[a-z]+\s+)?(?:number|count|total|population|height|length|depth|area))\s+(?:of\s+)?$"
)


def number_spans(sentence: str, dates: list[Candidate]) -> list[Candidate]:
    """Whole numbers that count something named right after them ("49 crew members"), or that a
    noun before them names ("atomic number 88")."""
    found = []
    for match in _NUMBER.finditer(sentence):
        if any(d.start <= match.start() < d.end for d in dates):
            continue
        if re.search(r"(?:±|\+/-)\s*$", sentence[: match.start()]):
            continue  # "60±20": an error margin
        value = parse_number(match.group(1))
        if value is None or value < 3:  # 'the 2 landscapes': a detail, not a figure worth asking
            continue
        named = _NAMED_NUMBER.search(sentence[: match.start()])
        if named:
            noun = named.group(1)
            found.append(
                Candidate(match.group(1), match.start(), AnswerKind.NUMBER, noun, f"{noun} {match.group(1)}")
            )
            continue
        counted = _COUNTED.match(sentence, match.end())
        if not counted:
            continue
        noun = counted.group(1).split()[0]
        if (
            noun in _STOP_AFTER_NUMBER
            or not (noun.endswith("s") or noun in _COLLECTIVE)
            or noun.endswith("ss")
        ):
            continue  # "9 moved", "1499 quotes Ulrich": only a plural noun right after says what is counted
        if 1000 <= (value or 0) <= 2100 and re.search(r"\b(?:of|in|since|by)\s+$", sentence[: match.start()]):
            continue  # "the chronicle of 1499": a year
        found.append(
            Candidate(match.group(1), match.start(), AnswerKind.NUMBER, noun, f"{match.group(1)} {noun}")
        )
    return found


_NAMED = re.compile(
    r"\b(?:known as|called|named|termed|dubbed|nicknamed|coined the term)\s+(?:the\s+)?[\"“]?"
    r"((?:[A-Za-z][\w-]*)(?:\s+[A-Za-z][\w-]*){0,3}?)[\"”]?(?=[,.;:)\"”]|\s+(?:and|or|in|by|for|which|that|because|after|when|from|to)\b)"
)
_QUOTED = re.compile(r"[\"“]([A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,3})[\"”]")
_SUFFIX_CATEGORIES = (
    (re.compile(r"^[a-z]+-\d{1,3}$"), "isotope"),
    (re.compile(r"^[a-z]{3,}(?:osis|itis|emia|aemia)$"), "disease"),
)
_COMPOUND_WORD = re.compile(r"(?:mono|di|tri|tetra|per)?[a-z]*(?:ide|ate|ite)")
"""'chloride', 'dioxide', 'cyanide', 'sulfate': the word after an element that makes it a compound."""


def _category_by_ending(word: str) -> str | None:
    if word.lower() in CHEMICAL_ELEMENTS:
        return "chemical element"
    for pattern, category in _SUFFIX_CATEGORIES:
        if pattern.match(word):
            return category
    return None


def term_spans(sentence: str) -> list[Candidate]:
    """Terms the sentence names: "known as X", "called X", a quoted word, or a word whose ending says
    what it is (an isotope "radium-226", an element "-ium", a disease "-osis", a movement "-ism")."""
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_NAMED, _QUOTED):
        for match in pattern.finditer(sentence):
            start, end = match.span(1)
            if any(s < end and start < e for s, e in taken) or match.group(1) in FUNCTION_WORDS:
                continue
            taken.append((start, end))
            found.append(Candidate(match.group(1), start, AnswerKind.TERM, None, match.group().strip()))
    for match in re.finditer(r"\b[A-Za-z][a-z]+(?:-\d{1,3})?\b", sentence):
        word = match.group()
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        category = _category_by_ending(word)
        following = re.match(r"\s+([a-z]+)", sentence[match.end() :])
        if category == "chemical element" and following and _COMPOUND_WORD.fullmatch(following.group(1)):
            compound = f"{word} {following.group(1)}"
            taken.append((match.start(), match.start() + len(compound)))
            found.append(Candidate(compound, match.start(), AnswerKind.TERM, "compound", f"'{compound}'"))
            continue
        if category is not None:
            taken.append(match.span())
            found.append(Candidate(word, match.start(), AnswerKind.TERM, category, f"the ending of '{word}'"))
    return found


@dataclass(frozen=True)
class _Token:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


def _tokens(sentence: str) -> list[_Token]:
    """Words with their offsets; a possessive "'s" is not part of the name it follows."""
    tokens = []
    for m in _TOKEN.finditer(sentence):
        text = m.group()
        if text.endswith(("'s", "’s")) and len(text) > 2:
            text = text[:-2]
        tokens.append(_Token(text, m.start()))
    return tokens


def _runs(sentence: str, tokens: list[_Token]) -> list[list[_Token]]:
    """Runs of capitalised words joined only by spaces and name joiners ("Treaty of Shimonoseki")."""
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for i, token in enumerate(tokens):
        gap = sentence[current[-1].end : token.start] if current else ""
        joined = not current or gap in (" ", "'s ", "’s ")  # "People's Republic of China" is one name
        if token.capital or token.text == "&":
            if current and not joined:
                runs.append(current)
                current = []
            current.append(token)
            continue
        if current and joined and token.text in NAME_JOINERS and _joins_a_name(sentence, tokens, i):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    trimmed = []
    for run in runs:
        end = len(run)
        while end and (run[end - 1].text in NAME_JOINERS or run[end - 1].text == "&"):
            end -= 1
        if end:
            trimmed.append(run[:end])
    return trimmed


def _joins_a_name(sentence: str, tokens: list[_Token], i: int) -> bool:
    """Whether the joiner at `i` (with any joiners after it) leads to a capitalised word."""
    for j in range(i + 1, min(i + 3, len(tokens))):
        if sentence[tokens[j - 1].end : tokens[j].start] != " ":
            return False
        if tokens[j].capital:
            return True
        if tokens[j].text not in NAME_JOINERS:
            return False
    return False


_DEMONYM = re.compile(r"(?:an|ian|ese|ish|ic|i)$")


def _words_alone(text: str) -> Counter[str]:
    """How often each capitalised word stands alone in the text, not at a sentence's start and not
    beside another capitalised word: "Planck" in "Planck argued", not "Soviet" in "Soviet Union"."""
    counts: Counter[str] = Counter()
    for match in re.finditer(r"\b[A-Z][\w'’-]*\b", text):
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 40]
        if re.search(r"(?:^|[.!?:\n]\s*|[\"“(]\s*)$", before) or re.search(r"[A-Z][\w'’-]*\s$", before):
            continue
        if re.match(r"(?:\s|-)[A-Z]", after) or re.match(r"\s(?:of|de|von|van)\s[A-Z]", after):
            continue
        if not re.match(r"(?:[,.;:]|\s(?:was|is|had|has|said|wrote|became|died|[a-z]+ed|[a-z]+s)\b)", after):
            continue  # "Soviet diplomatic recognition": an adjective, not a name standing alone
        counts[match.group().removesuffix("'s").removesuffix("’s")] += 1
    return counts


def _kind_by_name(text: str, start: int, words: list[str]) -> Candidate | None:
    """A country by its name; a document, event, organisation or place by a word of its name."""
    if text in COUNTRIES:
        return Candidate(text, start, AnswerKind.COUNTRY, None, None)
    for heads, kind in ((DOCUMENT_HEADS, AnswerKind.DOCUMENT), (EVENT_HEADS, AnswerKind.EVENT)):
        if words[-1] in heads or (len(words) >= 3 and words[0] in heads and words[1] == "of"):
            head = words[-1] if words[-1] in heads else words[0]
            return Candidate(text, start, kind, head.lower(), text)
    if len(words) >= 2 and words[-1] in ORGANIZATION_HEADS:
        return Candidate(text, start, AnswerKind.ORGANIZATION, ORGANIZATION_CATEGORIES.get(words[-1]), text)
    if len(words) >= 2 and words[0] in ORGANIZATION_HEADS and (len(words) == 2 or words[1] in ("of", "for")):
        return Candidate(text, start, AnswerKind.ORGANIZATION, ORGANIZATION_CATEGORIES.get(words[0]), text)
    if len(words) >= 2 and words[-1] in PLACE_HEADS:
        return Candidate(text, start, AnswerKind.PLACE, PLACE_HEADS[words[-1]], text)
    if len(words) >= 2 and words[0] in PLACE_LEADS:
        return Candidate(text, start, AnswerKind.PLACE, PLACE_LEADS[words[0]], text)
    return None


class NameReader:
    """Reads the names of a source's sentences, knowing the whole text (for surnames used alone)."""

    def __init__(self, text: str) -> None:
        self.lowercase_words = set(re.findall(r"\b[a-z][a-z'-]+\b", text))
        self.alone = _words_alone(text)
        self.capitalised_inside = Counter(
            m.group(1) for m in re.finditer(r"(?<![.!?]\s)(?<!^)(?<=\s)([A-Z][\w'’-]*)", text)
        )

    def _common(self, word: str) -> bool:
        return word in FUNCTION_WORDS or word.lower() in self.lowercase_words

    def names(self, sentence: str) -> list[Candidate]:
        """The names in the sentence whose kind can be read from the words around them."""
        tokens = _tokens(sentence)
        out = []
        for run in _runs(sentence, tokens):
            candidate = self._read(sentence, run)
            if candidate is not None:
                out.append(candidate)
        return out

    def _name_run(self, sentence: str, run: list[_Token]) -> tuple[list[_Token], str | None] | None:
        """The words of the name proper and the title before it, or None when the run names no one
        thing (a month, a title with a place, "St. X", an office)."""
        title: str | None = None
        at_start = not sentence[: run[0].start].strip(" \"“‘'(")
        if at_start and (self._common(run[0].text) or not self.capitalised_inside[run[0].text]):
            # Capitalised only because it opens the sentence: part of a name only if the text
            # writes it with a capital elsewhere too.
            run = run[1:]
            while run and run[0].text in NAME_JOINERS:
                run = run[1:]
        if not run or all(t.text in MONTHS_AND_DAYS for t in run):
            return None
        if len(run) >= 2 and run[0].text in COUNTRIES and run[1].text not in NAME_JOINERS:
            run = run[1:]  # "in Algeria Monet …": the country ends one name, the next begins
        if len(run) >= 3 and _DEMONYM.search(run[0].text) and run[1].text in PERSON_TITLES:
            run = run[1:]  # "Russian President Vladimir Putin"
        if run[0].text in ("St.", "Saint", "San", "Santa", "São"):
            return None  # "St. Arbogast": a church, a town or a saint; the words around cannot tell
        if len(run) >= 2 and run[0].text in PERSON_TITLES and run[1].text in NAME_JOINERS:
            return None  # "Prince of Orange": a title with a place, not a name
        if len(run) >= 3 and (run[0].text, run[1].text) in TWO_WORD_TITLES:
            title, run = f"{run[0].text} {run[1].text}", run[2:]
        elif len(run) >= 2 and run[0].text in PERSON_TITLES:
            title, run = run[0].text, run[1:]
        while run and run[0].text in NAME_JOINERS | {"&"}:
            run = run[1:]
        if not run:
            return None
        office = (
            run[0].text.lower() in PERSON_ROLES
            or run[0].text in ORGANIZATION_HEADS
            or self._common(run[0].text)
        )
        if title is not None and len(run) == 1 and office:
            return None  # "Lord Mayor", "King's Bench": an office or a court, not a person's name
        return run, title

    def _read(self, sentence: str, run: list[_Token]) -> Candidate | None:
        named = self._name_run(sentence, run)
        if named is None:
            return None
        run, title = named
        category: str | None = None
        text = sentence[run[0].start : run[-1].end]
        start = run[0].start
        words = [t.text for t in run]
        before = sentence[:start].rstrip(" \"“‘'").split()
        after = sentence[run[-1].end :]
        previous = before[-1].strip('("“‘,') if before else ""
        next_word = after.split()[0].strip(',.;:)"”') if after.split() else ""

        if title is not None:
            category = title.lower().rstrip(".")
            if category in ("mr", "mrs", "ms", "dr", "doctor", "sir", "dame", "lord", "lady", "saint", "st"):
                category = None
            return Candidate(text, start, AnswerKind.PERSON, category, f"{title} {text}")
        by_name = _kind_by_name(text, start, words)
        if by_name is not None:
            return by_name
        if previous.lower() in SHIP_WORDS:
            return Candidate(text, start, AnswerKind.SHIP, previous.lower(), f"{previous} {text}")
        role = previous.lower() if previous.lower() in PERSON_ROLES else None
        apposition = re.match(r",\s+(?:a|an|the)\s+(?:[A-Za-z-]+\s+){0,2}?([a-z]+)\b", after)
        if role is None and apposition and apposition.group(1) in PERSON_ROLES:
            role = apposition.group(1)
        if role is not None:
            return Candidate(text, start, AnswerKind.PERSON, role, f"{role} {text}")
        if previous.lower() == "of" and len(before) >= 2 and before[-2].lower() in PLACE_NOUNS:
            noun = before[-2].lower()
            return Candidate(text, start, AnswerKind.PLACE, noun, f"the {noun} of {text}")
        if (
            len(words) == 1
            and re.fullmatch(r"[A-Z][\w]*-[A-Z][\w-]*", words[0])
            and re.match(r"\s+[a-z]", after)
        ):
            return None  # "Soviet-PRC relations": two names made one adjective
        if len(words) == 1 and _DEMONYM.search(words[0]) and re.match(r"\s+[a-z]", after):
            return None  # "Russian activities": an adjective, not a name
        surname_alone = self.alone[words[-1]] > 0
        after_the = previous.lower() == "the"  # "the Paris Salon", "the Galerie Durand-Ruel": not people
        shaped_like_a_person = not after_the and (
            2 <= len(words) <= 4
            and all(w[:1].isupper() and (w.isalpha() or _INITIAL.fullmatch(w) or "-" in w) for w in words)
            and not any(self._common(w) or (_DEMONYM.search(w) and w == words[0]) for w in words)
        )
        given_name_alone = self.alone[words[0]] > 0  # "Banda Neira": "Banda" stands alone, a place
        if shaped_like_a_person and (
            next_word in PERSON_VERBS or (surname_alone and len(words[-1]) > 2 and not given_name_alone)
        ):
            why = f"{text} {next_word}" if next_word in PERSON_VERBS else f"'{words[-1]}' alone elsewhere"
            return Candidate(text, start, AnswerKind.PERSON, None, why)
        return None
