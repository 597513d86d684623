"""What a text is about: its title, the words of its subject, and, for a life, the name the text
calls the person by. A question whose answer is the subject asks nothing ("___ was a French
painter" in a deck on Monet), and a "He" in a biography most often means its subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rutw_quiz.draft.sentences import Sentence
from rutw_quiz.draft.source_text import SourceText
from rutw_quiz.draft.vocabulary import PERSON_ROLES
from rutw_quiz.text import normalize_answer

_LEAD = re.compile(
    r"^(?P<subject>[^,;:()]{2,80}?)\s*(?:\([^)]*\)\s*)?(?:,[^,]{1,80},\s*)?\s(?:is|was|are|were)\s+"
    r"(?:a|an|the|one|two|three)?\s*(?P<predicate>.{0,120})"
)
_MINOR_WORDS = frozenset(["the", "a", "an", "of", "and", "in", "on", "at", "to", "for"])
_NOT_A_SUBJECT = frozenset(
    ["this", "that", "these", "those", "it", "there", "they", "he", "she", "we", "here"]
)


@dataclass(frozen=True)
class Subject:
    """The text's subject, as far as its opening tells."""

    title: str | None = None
    words: frozenset[str] = field(default_factory=frozenset)
    short_name: str | None = None  # for a person: the surname the text uses ("Monet")

    def is_about(self, answer: str) -> bool:
        """Whether the answer is the subject itself (all its words are the subject's)."""
        words = set(normalize_answer(answer).split()) - _MINOR_WORDS
        return bool(words) and words <= self.words


def _usual_case(name: str) -> str:
    """'RADIUM' -> 'Radium', 'COMET HALE–BOPP' -> 'Comet Hale–Bopp'; other names as written."""
    return name.title() if name.isupper() else name


def find_subject(source: SourceText, sentences: Sequence[Sentence]) -> Subject:
    """The subject from a heading that opens the text and from its first sentence ("X is a …")."""
    first_prose = sentences[0].start if sentences else len(source.text)
    heading = source.sections[0].title if source.sections else None
    if heading is not None and source.sections[0].start > first_prose and len(sentences) > 1:
        # A heading after some prose heads the text only when that prose is a short preamble.
        prose_before = [s for s in sentences if s.start < source.sections[0].start]
        if len(prose_before) > 3:
            heading = None
    lead_sentence = next(
        (s for s in sentences if s.start > (source.sections[0].start if heading else -1)), None
    )
    lead = _LEAD.match(lead_sentence.text) if lead_sentence else None
    named = _usual_case(lead.group("subject").strip()) if lead else None
    if named is not None and (len(named.split()) > 6 or named.split()[0].lower() in _NOT_A_SUBJECT):
        named = None
    title = heading or named
    words = set()
    for text in (heading, named):
        if text:
            words |= set(normalize_answer(text).split()) - _MINOR_WORDS
    short_name = None
    if (
        named
        and lead
        and any(w.strip(".,") in PERSON_ROLES for w in lead.group("predicate").lower().split()[:12])
    ):
        surname = named.split()[-1]
        if lead_sentence and re.search(
            rf"\b{re.escape(surname)}\b", source.text[lead_sentence.start + len(lead_sentence.text) :]
        ):
            short_name = surname
    return Subject(title=title, words=frozenset(words), short_name=short_name)
