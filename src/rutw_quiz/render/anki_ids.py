"""The ids that make an Anki package update in place: fixed ones for note types, derived ones for the rest.

Anki recognises, on import:
- a note type by its id; it updates the existing one (templates, styling) when the incoming one is newer
  and has the same field and template names; since Anki 2.1.67 fields and templates carry ids as well,
  which Anki uses to merge a changed note type instead of adding a copy;
- a note by its GUID; it updates the note (keeping its cards and review history) when the incoming
  modification time is newer.

So the note type, field and template ids below were chosen once, at random, and must never change;
field and template names and their order are part of the note type's identity too. Deck ids and note
GUIDs are derived from record ids (the deck's `id` slug, each fact's `id`), never from any text a deck
author may correct.
"""

from __future__ import annotations

import hashlib

# Chosen once at random (2026-11-23) in [2**40, 2**52): positive, and exact as JavaScript numbers.
# Never change them: a student's existing notes are matched to these.
QA_MODEL_ID = 2550849746716614
CLOZE_MODEL_ID = 4089057474744302

QA_MODEL_NAME = "rutw-quiz Q&A"
CLOZE_MODEL_NAME = "rutw-quiz Cloze"

# Field name -> fixed field id, in field order (the order is part of the note type: never reorder).
QA_FIELDS = {
    "Question": 1640502963755757,
    "Choices": 2881006984576953,
    "Answer": 158848899750652,
    "Explanation": 134305064785956,
    "Source": 2404165307705827,
    "FactId": 874741653811483,
}
QA_TEMPLATE_NAME = "Question and answer"
QA_TEMPLATE_ID = 2744479027413793

CLOZE_FIELDS = {
    "Text": 3941053416972377,
    "Extra": 2988319050638218,
    "Source": 2085081192812396,
    "FactId": 1789037298476587,
}
CLOZE_TEMPLATE_NAME = "Cloze"
CLOZE_TEMPLATE_ID = 3793577221193591

_ID_FLOOR = 1 << 40  # above the ids Anki gives its own default deck (1) and note types
_ID_SPAN = (1 << 52) - _ID_FLOOR


def _stable_int(key: str) -> int:
    """An integer in [2**40, 2**52) from the first 8 bytes of the SHA-256 of `key`."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return _ID_FLOOR + int.from_bytes(digest[:8], "big") % _ID_SPAN


def anki_deck_id(deck_slug: str, topic: str | None = None) -> int:
    """The Anki deck id of a rutw-quiz deck, or of one topic's subdeck, from their slugs."""
    key = f"rutw-quiz:deck:{deck_slug}" if topic is None else f"rutw-quiz:deck:{deck_slug}:topic:{topic}"
    return _stable_int(key)


# Anki's GUID alphabet (base 91), as in genanki.util.
_BASE91 = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"


def note_guid(deck_slug: str, fact_id: str, kind: str) -> str:
    """The GUID of the note of kind `kind` ('cloze', 'qa', 'choice') made from one fact.

    Exactly `genanki.guid_for("rutw-quiz", deck_slug, fact_id, kind)` (a test checks it): Anki's
    base-91 form of the first 8 bytes of SHA-256, over record ids only, so correcting a fact's
    wording updates its notes. Written out here because it runs for every note.
    """
    key = f"rutw-quiz__{deck_slug}__{fact_id}__{kind}"
    number = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    digits: list[str] = []
    while number:
        number, digit = divmod(number, 91)
        digits.append(_BASE91[digit])
    return "".join(reversed(digits))
