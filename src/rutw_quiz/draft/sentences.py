"""The sentences of a source, each with where it stands: paragraph by paragraph, with offsets.

Lines inside a paragraph are joined (hard-wrapped text is common), headings and list-like lines
(an infobox's "- Key: value") are left out, and each paragraph is split into sentences by pysbd,
a rule-based splitter that knows abbreviations ("U.S.", "Dr.", "c. 1850") and gives character
offsets, so a quote can be cut from the source exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rutw_quiz.draft.source_text import SourceText

MIN_WORDS = 6
MAX_WORDS = 70
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*$")
_LISTISH = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its words as one line (any window of them is a verbatim quote, as `validate`
    ignores whitespace), where it starts in the source, its section and its place."""

    text: str
    start: int
    section: str | None
    paragraph: int
    index: int  # its number among all sentences, in reading order


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, paragraph) for each block of text between blank lines."""
    for found in re.finditer(r"(?:[^\n]+\n?)+", text):
        block = found.group()
        if block.strip():
            yield found.start(), block


def split_sentences(source: SourceText) -> list[Sentence]:
    """Every sentence of the source's prose, in order."""
    import pysbd  # a few ms to import; only `draft` needs it

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    headings = {s.start for s in source.sections}
    sentences: list[Sentence] = []
    for number, (offset, block) in enumerate(_paragraphs(source.text)):
        if offset in headings or all(_LISTISH.match(line) for line in block.splitlines() if line.strip()):
            continue
        # Newlines become spaces of the same length, so offsets in the joined text are the source's.
        joined = block.replace("\n", " ")
        for span in segmenter.segment(joined):
            raw = span.sent
            stripped = raw.strip()
            if not stripped:
                continue
            start = offset + span.start + (len(raw) - len(raw.lstrip()))
            words = stripped.split()
            if not (MIN_WORDS <= len(words) <= MAX_WORDS) or not _ENDS_SENTENCE.search(stripped):
                continue
            if _LISTISH.match(stripped) or not (
                stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"“'‘"
            ):
                continue
            section = source.section_at(start)
            sentences.append(
                Sentence(
                    text=" ".join(words),
                    start=start,
                    section=section.title if section else None,
                    paragraph=number,
                    index=len(sentences),
                )
            )
    return sentences
