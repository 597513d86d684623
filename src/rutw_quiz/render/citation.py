"""How every output cites its sources: one reference line, one quote style, one attribution line.

Plain text in, plain text out: each writer escapes for its own format (HTML for worksheets and
Anki cards). A source is named by what a reader can look up (title, publisher, date); its `url`
is shown only when it is a web address, never an opaque identifier such as a news wire's id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rutw_quiz.deck.models import Source

_DOUBLE_QUOTES = re.compile(r"[\"“”„]")


def web_url(source: Source) -> str | None:
    """The source's address when it is one a browser can open (http or https), else None."""
    return source.url if source.url.startswith(("https://", "http://")) else None


def reference(source: Source) -> str:
    """Title, publisher and date, e.g. "Russia Reiterates ..., MENAFN, 28 December 2025"."""
    parts = [source.title, source.publisher]
    if source.date:
        parts.append(source.date)
    return ", ".join(parts)


def quote_text(quote: str) -> str:
    """A verbatim quote ready to go inside “…”, its own quotation marks kept as the source writes them.

    A quote is evidence, so not one of its characters changes: `a "survival-threatening
    situation,"` stays so (guessing which of two straight quotes opens would turn some the
    wrong way, and `=HYPERLINK("…","…")` is not prose). Only a quote wholly inside one pair
    of quotation marks loses that pair, which the “…” around it replaces.
    """
    text = quote.strip()
    if len(text) >= 2 and text[0] in '"“' and text[-1] in '"”' and not _DOUBLE_QUOTES.search(text[1:-1]):
        return text[1:-1]
    return text


def licence_of(source: Source) -> str | None:
    """The licence a source declares (`license` in the deck), if any."""
    return source.license


def attribution(sources: Iterable[Source]) -> str:
    """Where the quoted text comes from, and under which licence, as one line.

    "Quotes from 'Russia–Taiwan relations', English Wikipedia, CC BY-SA 4.0; 'Russia
    Reiterates ...', MENAFN." Each source once, in the order given; a licence only where the
    deck declares one.
    """
    seen: dict[tuple[str, str], str] = {}
    for source in sources:
        key = (source.title, source.publisher)
        if key in seen:
            continue
        parts = [f"'{source.title}'", source.publisher]
        licence = licence_of(source)
        if licence:
            parts.append(licence)
        seen[key] = ", ".join(parts)
    if not seen:
        return ""
    return "Quotes from " + "; ".join(seen.values()) + "."
