"""A long deck's text cut in two at a fact, so that two processes can parse it at once.

Parsing is most of reading a large deck just edited (half a second at 10,000 facts), and one
process does it while the machine's other core waits. A deck is a mapping whose last key,
`facts`, holds a long block list; the text can be cut in two at one of that list's items:
the head (the deck up to that item) and the tail (the rest of the list, under a `facts:` key of
its own, with blank lines before it so that every line keeps its number). Each is a YAML
document; the two parses, joined, are the parse of the whole.

The cut is made only where it cannot change what the text means. After the `facts:` key no line
may start further left than the list's items (a comment aside), so nothing follows the list and
no line closes it; and a line that starts a list item at the list's own indent ends every block
value nested inside the item before it. What a cut could still split, a quoted value or a
`[...]` list running over several lines, leaves the head unfinished: it does not parse, and the
caller then parses the text whole, which reports any error exactly as always. So it does when
the head's own `facts` key is not on the line the cut was made under (that line was inside a
quoted value). A text with a directive (`%TAG`), or with U+2028 or U+2029 (which libyaml counts as
line ends), is not cut at all.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

_FACTS_KEY = re.compile(r"facts:[ \t]*(?:#[^\r\n]*)?\r?\n")
_FIRST_ITEM = re.compile(r"(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*( *)-(?: |\r?\n)")
_LEFT_OF_INDENTLESS_ITEMS = re.compile(r"\n(?:[^ #\-\r\n]|-[^ \r\n])")
"""A line at the left edge that is neither a comment nor an item of a list written at the edge.
(Lines are found by their "\\n": a search for a fixed first character is several times faster.)"""


class Halves(NamedTuple):
    """A deck's text cut at a fact: parse each, then `join_data` (and `join_lines`)."""

    head: str
    tail: str
    items: int
    """The lines after the `facts:` key that start an item of its list (about the facts it holds:
    what the work is worth splitting for)."""
    key_line: int
    """The line of the `facts:` key the cut was made under. The head's parse must find the deck's
    own `facts` key there: a line of a quoted value running over several lines can look like it."""


def _never_cut(text: str) -> bool:
    """Whether the text holds what a cut would change: U+2028 or U+2029, which libyaml counts as
    line ends (the tail's padding, made of "\\n", would number its lines wrongly), or a line that
    may be a directive ('%TAG !! ...', which rules the whole document, the tail included).
    Substring tests: a regular expression takes ten times as long on a large deck."""
    return "\u2028" in text or "\u2029" in text or text.startswith("%") or "\n%" in text


def facts_halves(text: str, share: float) -> Halves | None:
    """The text cut at the first item of the top-level facts list after `share` of the text,
    or None when it has no such list, or when something in it could make a cut unsafe."""
    if _never_cut(text):
        return None
    start = text.rfind("\nfacts:") + 1
    if start == 0 and not text.startswith("facts:"):
        return None
    key = _FACTS_KEY.match(text, start)
    first = _FIRST_ITEM.match(text, key.end()) if key else None
    if key is None or first is None:
        return None
    indent = first.group(1)
    left_of_items = (
        _LEFT_OF_INDENTLESS_ITEMS if not indent else re.compile(f"\\n {{0,{len(indent) - 1}}}[^ #\\r\\n]")
    )
    if left_of_items.search(text, key.end() - 1):
        return None
    item = re.compile(f"\\n{indent}-(?: |\\r?\\n)")
    found = item.search(text, max(first.end(), int(len(text) * share)))
    if found is None:
        return None
    cut = found.start() + 1
    key_line = text.count("\n", 0, start)
    cut_line = text.count("\n", 0, cut)
    tail = "\n" * key_line + "facts:\n" + "\n" * (cut_line - key_line - 1) + text[cut:]
    items = text.count(f"\n{indent}-", key.end() - 1)
    return Halves(text[:cut], tail, items, key_line + 1)


def join_data(head: Any, tail: Any) -> Any | None:
    """The whole deck's data from its halves' (the head's, its facts list grown by the tail's), or
    None when they are not the halves `facts_halves` meant (then the text is parsed whole)."""
    if not (type(head) is dict and type(head.get("facts")) is list):
        return None
    if not (type(tail) is dict and list(tail) == ["facts"] and type(tail["facts"]) is list):
        return None
    head["facts"].extend(tail["facts"])
    return head


def join_lines(head: Any, tail: Any) -> Any | None:
    """`join_data` for the halves' line trees ([line, {key: tree}] for a mapping)."""
    try:
        facts, more = head[1]["facts"][1], tail[1]["facts"][1]
    except (TypeError, LookupError):
        return None
    if type(facts) is not list or type(more) is not list:
        return None
    facts.extend(more)
    return head
