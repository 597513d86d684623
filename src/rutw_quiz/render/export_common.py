"""What every export format says the same way: the prompt shown, the answers typed, the citation.

Plain text in, plain text out, like `citation.py`: each writer escapes for its own format (HTML
for Moodle and QTI, GIFT's backslashes, CSV quoting). Quirks of one format (GIFT's escape set,
Kahoot's length limits, QTI identifiers) live in that format's writer, not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rutw_quiz.deck.models import Deck, Source
from rutw_quiz.questions.models import (
    BLANK,
    FillInQuestion,
    Question,
    ShortAnswerQuestion,
    SourceRef,
)
from rutw_quiz.render.citation import attribution, quote_text, reference, web_url

_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def shown_prompt(question: Question) -> str:
    """The prompt as a student sees it; a fill-in blank followed by its hint: '_____ (treaty)'."""
    if isinstance(question, FillInQuestion) and question.hint:
        return question.prompt.replace(BLANK, f"{BLANK} ({question.hint})", 1)
    return question.prompt


def typed_answers(question: FillInQuestion | ShortAnswerQuestion) -> list[str]:
    """The answer and every alias, each once (compared ignoring case), answer first."""
    seen: dict[str, str] = {}
    for text in [question.answer, *question.accepted]:
        seen.setdefault(text.casefold(), text)
    return list(seen.values())


def plain_number(question: FillInQuestion | ShortAnswerQuestion) -> str | None:
    """The answer as a bare number ('1895', '2000' from '2,000') when it is one, else None.

    Only year and number answers count: a date or a name that happens to be digits does not.
    """
    if question.answer_kind not in ("year", "number"):
        return None
    text = question.answer.strip()
    if _GROUPED_NUMBER.match(text):
        text = text.replace(",", "")
    return text if _PLAIN_NUMBER.match(text) else None


def source_line(ref: SourceRef, source: Source) -> str:
    """'Source: <title, publisher, date>, section “…”: “<quote>” <url>' for one fact."""
    line = f"Source: {reference(source)}, section “{ref.section}”: “{quote_text(ref.quote)}”"
    url = web_url(source)
    return f"{line} {url}" if url else line


def licensed_attribution(sources: Iterable[Source]) -> str:
    """The attribution ("Quotes from '<title>', <publisher>, <license>.") of the licensed sources only."""
    return attribution(s for s in sources if s.license)


def question_sources(deck: Deck, question: Question) -> list[Source]:
    """The deck's sources a question cites, in citation order."""
    return [deck.source(ref.id) for ref in question.sources]


def feedback_lines(deck: Deck, question: Question) -> list[str]:
    """General feedback as paragraphs: the explanation, one source line per fact, the attribution."""
    lines = [question.explanation]
    lines.extend(source_line(ref, deck.source(ref.id)) for ref in question.sources)
    credit = licensed_attribution(question_sources(deck, question))
    if credit:
        lines.append(credit)
    return lines


def cut_at_word(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` if it fits in `limit` characters, else its longest word-boundary prefix plus '…'."""
    if len(text) <= limit:
        return text
    room = limit - len(ellipsis)
    cut = text[: room + 1]
    space = cut.rfind(" ")
    head = cut[:space] if space > 0 else text[:room]
    return head.rstrip(" ,;:") + ellipsis


def all_sources(decks: Sequence[Deck]) -> list[Source]:
    """Every source of `decks`, in deck order."""
    return [source for deck in decks for source in deck.sources]
