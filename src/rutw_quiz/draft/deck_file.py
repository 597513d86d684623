"""A drafted deck as a YAML file for the author to edit: the deck's keys in the documented order,
a comment above each fact saying what to check, and only facts that `validate` accepts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from rutw_quiz.deck.checks import deck_findings
from rutw_quiz.deck.models import Deck
from rutw_quiz.deck.yaml_source import CONTROL_CHARACTERS, describe_character
from rutw_quiz.draft.facts import DraftFact
from rutw_quiz.text import normalize_quote

SOURCE_ID = "source"
MAX_SLUG_WORDS = 5


def slug(text: str, *, max_words: int = MAX_SLUG_WORDS) -> str:
    """Lowercase ASCII words joined by hyphens: 'Treaty of Shimonoseki' -> 'treaty-of-shimonoseki'."""
    import unicodedata

    spaced = re.sub(r"[^\w]+", " ", text)  # "Russia–Taiwan": two words, not one
    ascii_text = unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words])[:80].strip("-")


def _escaped(char: str) -> str:
    """A character written as a Python-style escape; an undecodable byte of a file name as that byte."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # how Python keeps a byte of a name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown_in_comment(text: str) -> str:
    r"""`text` as one line of a YAML comment holds it: what is not printable (a newline, U+2028, a
    control, a bidi override, a byte of a file name that is not UTF-8) escaped, as in `x\x0ay.txt`.

    A file name written raw would end the comment, and the rest of the name would be read as keys.
    """
    return "".join(char if char.isprintable() else _escaped(char) for char in text)


def file_name_problem(name: str) -> str | None:
    """Why a deck's `file:` cannot name this file as it is, or None when it can.

    The deck is UTF-8 text that `validate` reads with its own rules: no control characters, no
    line breaks, no bytes that are not UTF-8; and `file:` is read without its surrounding spaces.
    """
    for char in name:
        if 0xDC80 <= ord(char) <= 0xDCFF:
            return f"is not UTF-8 text (it holds the byte {_escaped(char)})"
        if char in "\t\n\u2028\u2029" or CONTROL_CHARACTERS.match(char):
            return f"holds {describe_character(char)}, which is not a printable character"
    if name != name.strip():
        return "begins or ends with a space"
    return None


@dataclass(frozen=True)
class DeckHeader:
    """What the deck says about itself and its one source."""

    id: str
    title: str
    description: str
    language: str
    source_title: str
    publisher: str
    url: str
    file: str
    license: str | None


def _topics(facts: Sequence[DraftFact], title: str) -> dict[str, str]:
    """One topic per section the kept facts come from, in reading order; the title when none."""
    topics: dict[str, str] = {}
    for fact in sorted(facts, key=lambda f: f.sentence.index):
        label = fact.section or title
        topics.setdefault(slug(label, max_words=6) or "main", label)
    return topics


def _assign_ids(facts: Sequence[DraftFact]) -> None:
    used: set[str] = set()
    for fact in facts:
        if fact.kind.value in ("year", "date", "number"):
            words = [w for w in re.findall(r"[A-Za-z]+", fact.event or fact.statement) if len(w) > 3][:3]
            base = slug(" ".join([*words, fact.answer]))
        else:
            base = slug(fact.answer)
        base = base or "fact"
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        fact.id = candidate


def fact_record(fact: DraftFact, topics: dict[str, str], title: str) -> dict[str, Any]:
    """The fact as the deck format writes it, keys in the documented order."""
    record: dict[str, Any] = {
        "id": fact.id,
        "statement": fact.statement,
        "answer": fact.answer,
        "kind": fact.kind.value,
    }
    if fact.category:
        record["category"] = fact.category
    if fact.distractors:
        record["distractors"] = list(fact.distractors)
    if fact.date:
        record["date"] = fact.date
    if fact.year is not None:
        record["year"] = fact.year
    if fact.event:
        record["event"] = fact.event
    topic = slug(fact.section or title, max_words=6) or "main"
    record["topics"] = [topic if topic in topics else next(iter(topics))]
    record["difficulty"] = 2
    record["source"] = {"id": SOURCE_ID, "section": fact.section or title, "quote": fact.quote}
    return record


def _deck_data(header: DeckHeader, facts: Sequence[DraftFact]) -> dict[str, Any]:
    topics = _topics(facts, header.title)
    source: dict[str, Any] = {
        "id": SOURCE_ID,
        "title": header.source_title,
        "publisher": header.publisher,
        "url": header.url,
        "file": header.file,
    }
    if header.license:
        source["license"] = header.license
    return {
        "id": header.id,
        "title": header.title,
        "description": header.description,
        "language": header.language,
        "topics": topics,
        "sources": [source],
        "facts": [fact_record(f, topics, header.title) for f in facts],
    }


def keep_valid(header: DeckHeader, facts: list[DraftFact], source_text: str) -> list[DraftFact]:
    """The facts a deck can hold as they are: each passes `validate`'s checks and its quote is in the text."""
    _assign_ids(facts)
    text = normalize_quote(source_text)
    kept = [f for f in facts if normalize_quote(f.quote) in text]
    while kept:
        data = _deck_data(header, kept)
        deck = Deck.model_validate(data)
        bad = {path[1] for path, _ in deck_findings(deck) if len(path) > 1 and path[0] == "facts"}
        if not bad:
            return kept
        kept = [f for i, f in enumerate(kept) if i not in bad]
    return kept


def _scalar(value: Any) -> str:
    """One YAML scalar or flow list on one line, quoted where YAML would misread it."""
    dumped = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, width=1 << 30, sort_keys=False
    )
    return dumped.removesuffix("\n...\n").rstrip("\n")


def _mapping_lines(data: dict[str, Any], indent: str, first_prefix: str | None = None) -> list[str]:
    lines = []
    for n, (key, value) in enumerate(data.items()):
        prefix = first_prefix if n == 0 and first_prefix is not None else indent
        if isinstance(value, dict):
            lines.append(f"{prefix}{key}:")
            lines += _mapping_lines(value, indent + "  ")
        else:
            lines.append(f"{prefix}{key}: {_scalar(value)}")
    return lines


def deck_yaml(
    header: DeckHeader, facts: Sequence[DraftFact], *, source_name: str, deck_name: str, candidates: int
) -> str:
    """The whole deck file: a header comment, the deck's keys, each fact under its comment."""
    data = _deck_data(header, facts)
    lines = [
        f"# A first deck drafted by `rutw-quiz draft` from {shown_in_comment(source_name)}: "
        f"{len(facts)} of {candidates} "
        "candidate facts, best first.",
        "# Read each fact against its quote, act on its '# check:' comments, cut what is not worth",
        "# asking, add aliases and distractors where you know them, then run:",
        f"#   rutw-quiz validate {shown_in_comment(deck_name)}",
        "# The statements are the text's own sentences: rewrite them in your words where you like,",
        "# keeping the answer in them exactly as written.",
        f"id: {_scalar(data['id'])}",
        f"title: {_scalar(data['title'])}",
        f"description: {_scalar(data['description'])}",
        f"language: {_scalar(data['language'])}",
        "topics:",
        *(f"  {slug_}: {_scalar(label)}" for slug_, label in data["topics"].items()),
        "sources:",
        *_mapping_lines(data["sources"][0], "    ", "  - "),
    ]
    if not header.license:
        lines.append(
            "    # license: the text's licence (for example CC BY-SA 4.0), shown in every attribution"
        )
    if header.url.startswith("urn:"):
        lines.append("    # url: put the address the text comes from here")
    lines.append("facts:")
    for fact, record in zip(facts, data["facts"], strict=True):
        lines.append("")
        for check in fact.checks:
            lines.append(f"  # check: {check}")
        lines += _mapping_lines(record, "    ", "  - ")
    return "\n".join(lines) + "\n"
