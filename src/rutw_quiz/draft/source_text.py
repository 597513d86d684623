"""A source as plain text with its sections: plain text, Markdown or HTML in, one text out.

The text made here is the one written beside the drafted deck and named in its `file:`, so every
quote the draft takes from it is checked by `validate`. Plain text is kept exactly as given (the
author knows it); Markdown and HTML are turned into the text a reader sees, headings on lines of
their own.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

from rutw_quiz.errors import RutwQuizError

MAX_SOURCE_BYTES = 5 * 1024 * 1024
"""An article or a few chapters; a larger text makes more candidates than anyone reads."""

Format = Literal["text", "markdown", "html"]


class DraftError(RutwQuizError):
    """A source that cannot be drafted from: empty, binary, too large, or without sentences."""


@dataclass(frozen=True)
class Section:
    """A heading of the source and the stretch of text it heads."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class SourceText:
    """The plain text facts are drafted from, its title, its sections and, for HTML, its address."""

    text: str
    title: str | None
    sections: list[Section] = field(default_factory=list)
    url: str | None = None

    def section_at(self, offset: int) -> Section | None:
        """The section holding `offset`, or None before the first heading."""
        found = None
        for section in self.sections:
            if section.start <= offset:
                found = section
        return found


# -- bytes to text ---------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def decode_source(data: bytes, name: str) -> str:
    """The text of a source file, or a DraftError saying why it is not one."""
    if len(data) > MAX_SOURCE_BYTES:
        raise DraftError(
            f"{name}: {len(data) / 1024 / 1024:.0f} MB is more than draft reads "
            f"({MAX_SOURCE_BYTES // 1024 // 1024} MB, an article or a few chapters); "
            "split the text and draft a deck from each part"
        )
    if not data.strip():
        raise DraftError(f"{name}: the file is empty; give it the text of an article or notes to draft from")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data[:8192]:
            raise DraftError(
                f"{name}: this is not a text file (it holds binary data); save the article as plain text, "
                "Markdown or HTML and draft from that"
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DraftError(
                f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
                "save the text as UTF-8 and try again"
            ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(_CONTROL.findall(text[:8192])) > 8:
        raise DraftError(
            f"{name}: this is not a text file (it holds control characters); save the article as plain text, "
            "Markdown or HTML and draft from that"
        )
    # A stray control character would make every quote around it unusable in a deck: a space instead.
    return _CONTROL.sub(" ", text)


def guess_format(name: str, text: str) -> Format:
    """The format by the file's suffix, else by a look at the text."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    if lower.endswith(".txt"):
        return "text"
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if re.search(r"^#{1,6} \S", text[:5000], re.MULTILINE):
        return "markdown"
    return "text"


def read_source(text: str, fmt: Format) -> SourceText:
    """`text` in format `fmt` as the plain text to draft from."""
    if fmt == "html":
        return _from_html(text)
    if fmt == "markdown":
        return _with_sections(_from_markdown(text))
    return _with_sections(text)


# -- headings in plain text ------------------------------------------------------------------------

_WIKI_HEADING = re.compile(r"^(=+)\s*(.+?)\s*\1\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_UNDERLINE = re.compile(r"^(=+|-+)\s*$")


def _heading_of(lines: list[str], i: int) -> str | None:
    """The heading on line `i`, if it is one: `== X ==`, `# X`, underlined, or a short title line."""
    line = lines[i].strip()
    if not line:
        return None
    for pattern in (_WIKI_HEADING, _MD_HEADING):
        found = pattern.match(line)
        if found:
            return found.group(found.lastindex or 1).strip()
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    before = lines[i - 1].strip() if i > 0 else ""
    if _UNDERLINE.match(after) and len(after) >= 3 and len(line.split()) <= 12:
        return line
    short = len(line.split()) <= 8 and len(line) <= 70
    if short and not before and not after and line[0].isupper() and line[-1] not in ".!?:;,)\"'”’":
        return line
    return None


def _with_sections(text: str) -> SourceText:
    lines = text.split("\n")
    headings: list[tuple[str, int]] = []
    offset = 0
    for i, line in enumerate(lines):
        heading = _heading_of(lines, i)
        if heading is not None:
            headings.append((heading, offset))
        offset += len(line) + 1
    title = headings[0][0] if headings else None
    sections = [
        Section(name, start, headings[n + 1][1] if n + 1 < len(headings) else len(text))
        for n, (name, start) in enumerate(headings)
    ]
    return SourceText(text=text, title=title, sections=sections)


# -- Markdown --------------------------------------------------------------------------------------

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LIST = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
_MD_QUOTE = re.compile(r"^\s*>\s?")


def _from_markdown(text: str) -> str:
    """Markdown as read: headings kept as lines (without #), links as their words, no emphasis marks."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            out.append("")
            continue
        if fenced or re.match(r"^\s*\[[^\]]+\]:\s", line):
            out.append("")  # code and link definitions are not prose
            continue
        heading = _MD_HEADING.match(line.strip())
        if heading:
            out.append(heading.group(1))
            continue
        out.append(_markdown_line(line))
    return "\n".join(out)


def _markdown_line(line: str) -> str:
    """One line of Markdown prose as its reader sees it."""
    plain = _MD_QUOTE.sub("", line)
    plain = _MD_LIST.sub(r"\1- ", plain)
    plain = _MD_IMAGE.sub(r"\1", plain)
    plain = _MD_LINK.sub(r"\1", plain)
    plain = _MD_REF_LINK.sub(r"\1", plain)
    for _ in range(2):  # **_nested_**
        plain = _MD_EMPHASIS.sub(r"\2", plain)
    return plain.replace("\\", "")


# -- HTML ------------------------------------------------------------------------------------------

_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SKIPPED = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "nav",
        "footer",
        "form",
        "button",
        "select",
        "textarea",
    ]
)
_SKIPPED_CLASSES = frozenset(
    ["reference", "mw-editsection", "navbox", "infobox", "metadata", "noprint", "mw-jump-link"]
)
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)


class _TextOfHtml(HTMLParser):
    """The words of a page as a reader sees them, with its headings and its canonical address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[tuple[str, int]] = []
        self.title: str | None = None
        self.url: str | None = None
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []
        self._heading: list[str] | None = None
        self._in_title = False
        self._title_parts: list[str] = []

    def _text_length(self) -> int:
        return sum(len(p) for p in self.parts)

    def _break(self) -> None:
        if self.parts and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.parts.append("\n\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and "canonical" in (values.get("rel") or "").split():
            self.url = values.get("href") or self.url
        if tag == "meta" and values.get("property") == "og:url" and not self.url:
            self.url = values.get("content")
        if tag == "title":
            self._in_title = True
        if tag in _VOID:
            if tag in ("br", "hr") and not self._skip_depth:
                self._break()
            return
        classes = set((values.get("class") or "").split())
        skipped = tag in _SKIPPED or bool(classes & _SKIPPED_CLASSES) or values.get("hidden") is not None
        self._stack.append((tag, skipped))
        if skipped:
            self._skip_depth += 1
            return
        if self._skip_depth:
            return
        if tag in _BLOCK:
            self._break()
        if tag in _HEADINGS:
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            self.title = " ".join("".join(self._title_parts).split()) or None
        if tag in _VOID or not any(t == tag for t, _ in self._stack):
            return
        while self._stack:
            open_tag, skipped = self._stack.pop()
            if skipped:
                self._skip_depth -= 1
            if open_tag == tag:
                break
        if self._skip_depth:
            return
        if tag in _HEADINGS and self._heading is not None:
            heading = " ".join("".join(self._heading).split())
            if heading:
                self.headings.append((heading, self._text_length()))
                self.parts.append(heading)
            self._heading = None
        if tag in _BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title_parts.append(data)
            return
        if self._skip_depth:
            return
        if self._heading is not None:
            self._heading.append(data)
            return
        self.parts.append(re.sub(r"\s+", " ", data))


def _from_html(html: str) -> SourceText:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    # Offsets of headings are kept while the text is tidied line by line, so recount them after.
    raw = "".join(parser.parts)
    lines = [line.strip() for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    sections: list[Section] = []
    search_from = 0
    for heading, _ in parser.headings:
        found = re.compile(rf"^{re.escape(heading)}$", re.MULTILINE).search(text, search_from)
        if found is None:
            continue
        at = found.start()
        sections.append(Section(heading, at, len(text)))
        search_from = at + len(heading)
    sections = [
        Section(s.title, s.start, sections[n + 1].start if n + 1 < len(sections) else len(text))
        for n, s in enumerate(sections)
    ]
    title = sections[0].title if sections else parser.title
    return SourceText(text=text, title=title or parser.title, sections=sections, url=parser.url)


@dataclass(frozen=True)
class Told:
    """What a text says of itself near its top: its address, licence and publisher."""

    url: str | None = None
    license: str | None = None
    publisher: str | None = None


_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_LICENCE = re.compile(
    r"\b(?:CC[ -]BY(?P<sa>-SA)?[ -](?P<v>\d\.\d)|Creative Commons Attribution(?P<sa2>-ShareAlike)?\s+(?P<v2>\d\.\d))"
)


def told_in_text(text: str) -> Told:
    """The address, licence and publisher a text states in its first lines (a saved article's header)."""
    head = text[:3000]
    url = _URL.search(head)
    licence = _LICENCE.search(head)
    licence_text = None
    if licence:
        version = licence.group("v") or licence.group("v2")
        share_alike = licence.group("sa") or licence.group("sa2")
        licence_text = f"CC BY{'-SA' if share_alike else ''} {version}"
    publisher = None
    address = url.group() if url else ""
    wiki = re.match(r"https?://([a-z]{2,3})\.wikipedia\.org/", address)
    if wiki or re.search(r"\bFrom (?:the )?English Wikipedia\b", head):
        publisher = "English Wikipedia" if not wiki or wiki.group(1) == "en" else "Wikipedia"
    return Told(url=address or None, license=licence_text, publisher=publisher)
