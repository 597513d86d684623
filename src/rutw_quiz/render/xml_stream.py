"""XML for the export writers, written as it is made: one question at a time, never a whole tree.

A document of tens of thousands of questions built as an ElementTree holds millions of objects
(2.4 GB for a 40,000-fact Moodle bank); these writers put each element's text straight into a
list of strings for the question at hand and hand the question's text on, so memory stays flat
however large the deck, and time grows with the deck and nothing else.

Deck text can hold characters XML 1.0 cannot (U+FFFE, U+FFFF, unpaired surrogates, C0 controls
other than tab and newline): `validate` refuses them in deck files, and `xml_chars` drops them
here too, so a deck made in code never gives a document an importer rejects.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE = (*_TEXT, ('"', "&quot;"), ("\t", "&#9;"), ("\n", "&#10;"), ("\r", "&#13;"))
"""Characters and their entities, `&` first: `str.replace` in turn is many times faster than
`str.translate` with a table (an export escapes a million strings)."""
INDENT = "  "


def xml_chars(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


def escaped(text: str) -> str:
    """Element text with `& < >` as entities (what XML requires)."""
    return _replaced(xml_chars(text), _TEXT)


def attributes(**values: str) -> str:
    """` name="value"` for each attribute, the values escaped (tabs and line breaks as references)."""
    return "".join(f' {name}="{_replaced(xml_chars(value), _ATTRIBUTE)}"' for name, value in values.items())


def _replaced(text: str, entities: tuple[tuple[str, str], ...]) -> str:
    for char, entity in entities:
        if char in text:
            text = text.replace(char, entity)
    return text


def declaration() -> str:
    """The XML declaration every file here starts with."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n'


class XmlWriter:
    """Indented XML (two spaces a level, as ElementTree's `indent` writes it) gathered as text.

    `start` opens an element and `end` closes it; `leaf` writes an element holding only text,
    through `text` (the format's own way of writing element text). `take` hands over what was
    written since the last `take`, so a writer gives out a question at a time. Attribute strings
    come from `attributes`, or are literals the writer knows to be safe.
    """

    __slots__ = ("_depth", "_parts", "_text")

    def __init__(self, text: Callable[[str], str] = escaped, depth: int = 0) -> None:
        self._parts: list[str] = []
        self._depth = depth
        self._text = text

    def start(self, tag: str, attrs: str = "") -> None:
        self._parts.append(f"{INDENT * self._depth}<{tag}{attrs}>\n")
        self._depth += 1

    def end(self, tag: str) -> None:
        self._depth -= 1
        self._parts.append(f"{INDENT * self._depth}</{tag}>\n")

    def leaf(self, tag: str, text: str = "", attrs: str = "") -> None:
        body = self._text(text) if text else ""
        self._parts.append(f"{INDENT * self._depth}<{tag}{attrs}>{body}</{tag}>\n")

    def take(self) -> str:
        written = "".join(self._parts)
        self._parts.clear()
        return written
