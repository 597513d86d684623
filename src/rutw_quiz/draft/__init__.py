"""Drafting a first deck from a source text: candidate facts with verbatim quotes, for an author to edit.

The draft is a start, not a deck: it finds sentences that state a date, a count or a name, picks
one answer per sentence, quotes the source exactly (so `validate` proves every quote), and says
above each fact what the author should check. Nothing is invented: wrong answers are offered only
where the text itself names others of the same category. Runs offline on the CPU in a second or two.
"""

from __future__ import annotations

from dataclasses import dataclass

from rutw_quiz.draft.deck_file import DeckHeader, deck_yaml, keep_valid, slug
from rutw_quiz.draft.facts import Drafter, DraftFact
from rutw_quiz.draft.sentences import split_sentences
from rutw_quiz.draft.source_text import (
    DraftError,
    Format,
    SourceText,
    decode_source,
    guess_format,
    read_source,
    told_in_text,
)
from rutw_quiz.draft.subject import find_subject

DEFAULT_MAX_FACTS = 40

__all__ = [
    "DEFAULT_MAX_FACTS",
    "DraftError",
    "DraftOptions",
    "DraftedDeck",
    "decode_source",
    "draft_deck",
    "guess_format",
    "read_source",
]


@dataclass(frozen=True)
class DraftOptions:
    """What the author says about the deck and its source; the rest is read from the text."""

    text_file: str
    max_facts: int = DEFAULT_MAX_FACTS
    deck_id: str | None = None
    title: str | None = None
    language: str = "en"
    url: str | None = None
    publisher: str | None = None
    license: str | None = None


@dataclass(frozen=True)
class DraftedDeck:
    """The deck file's text, the plain source text it quotes, and counts for the notice."""

    yaml_text: str
    source: SourceText
    facts: list[DraftFact]
    candidates: int


def draft_deck(
    source: SourceText, source_name: str, options: DraftOptions, *, deck_name: str = "my_deck.yaml"
) -> DraftedDeck:
    """Draft a deck from `source`; raises DraftError when the text offers nothing to ask."""
    sentences = split_sentences(source)
    if not sentences:
        raise DraftError(
            f"{source_name}: no sentence to draft from; draft needs prose (sentences that end with a full stop), "
            "not lists or tables"
        )
    subject = find_subject(source, sentences)
    found = Drafter(source.text, sentences, subject).draft()
    title = options.title or subject.title or slug(source_name).replace("-", " ").capitalize() or "Draft deck"
    told = told_in_text(source.text)
    header = DeckHeader(
        id=options.deck_id or slug(title, max_words=6) or "draft-deck",
        title=title,
        description=f"Facts from {title}, drafted from the text and checked by its author.",
        language=options.language,
        source_title=subject.title or title,
        publisher=options.publisher or told.publisher or "Unknown publisher",
        url=options.url or source.url or told.url or f"urn:rutw-quiz:source:{slug(source_name) or 'text'}",
        file=options.text_file,
        license=options.license or told.license,
    )
    kept = keep_valid(header, found, source.text)[: options.max_facts]
    kept = keep_valid(header, kept, source.text)  # topics and ids of just these facts
    if not kept:
        raise DraftError(
            f"{source_name}: found {len(sentences)} sentences but no date, number or name to ask about; "
            "draft works on factual prose such as an encyclopedia article or lesson notes"
        )
    return DraftedDeck(
        yaml_text=deck_yaml(
            header, kept, source_name=source_name, deck_name=deck_name, candidates=len(found)
        ),
        source=source,
        facts=kept,
        candidates=len(found),
    )


# `Format` is part of the public vocabulary of `read_source`.
_ = Format
