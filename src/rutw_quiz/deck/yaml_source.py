"""Read YAML safely and remember the line of every value, so errors can point at it.

A deck is parsed from libyaml's event stream into plain data, recording each value's line
on the way. Aliases are refused (a deck never needs them, and nine levels of nine aliases
expand to billions of values), nesting is limited, and the text is refused before parsing
when it holds control characters. Documents using YAML features a deck has no use for
(explicit collection tags, merge keys, complex keys, several documents) go through
PyYAML's composer instead, after the same alias and depth checks, so they read exactly
as PyYAML reads them.
"""

from __future__ import annotations

import contextlib
import heapq
import math
import re
import stat
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from rutw_quiz import collector, parallel
from rutw_quiz.deck.yaml_halves import Halves, facts_halves, join_data, join_lines

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the top, e.g. ('facts', 3, 'answer')."""

# libyaml's loader is several times faster and just as safe; fall back to pure Python.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Deck files larger than this are refused: the largest real decks are a few megabytes."""

MAX_DEPTH = 50
"""Deepest nesting of lists and mappings accepted; a deck needs five levels."""

_NONCHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
CONTROL_CHARACTERS = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_NONCHARACTERS}]")
"""Characters no deck text may hold: C0 and C1 controls except tab and newline (CR only in CRLF),
and the code points Unicode reserves as noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, the last
two of every plane) or as halves of surrogate pairs.

Controls would reach terminals raw (ESC sequences that retitle the window or hide text), and
U+001F is Anki's field separator; U+FFFE, U+FFFF and surrogates cannot be written in XML at
all (Moodle and Canvas would refuse the export), and no noncharacter is text.
"""
_NOT_TEXT = re.compile(f"[{_NONCHARACTERS}]")
# The scan of a whole file, in three parts a file mostly lacks, each a quick pass alone (one class
# of all the noncharacters is ten times slower): CR is fine in a CRLF line end, which a CRLF file
# has on every line, and a noncharacter above U+FFFF needs a character above U+FFFF first.
_CONTROL_IN_BMP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_LONE_CR = re.compile("\r(?!\n)")
_ABOVE_BMP = re.compile("[\U00010000-\U0010ffff]")
_NOT_TEXT_ABOVE_BMP = re.compile(
    "["
    + "".join(chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000))
    + "]"
)

_CONTROL_NAMES = {
    0x00: "NUL",
    0x1B: "ESC",
    0x1F: "unit separator, which Anki uses between fields",
    0x7F: "DEL",
}

# Tags the event reader builds itself; any other tag goes through PyYAML's composer.
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class LineMap:
    """Maps a value's path in the document (('facts', 3, 'answer')) to its 1-based line.

    Made from the text on first use when `text` is given: a valid deck needs no line
    numbers, so reading one does not pay for them.
    """

    def __init__(self, tree: LineTree | None = None, *, text: str | None = None) -> None:
        self._tree = tree
        self._text = text if tree is None else None

    @property
    def tree(self) -> LineTree:
        """Every value's line, in the shape of the document (see LineTree)."""
        if self._tree is None:
            text, self._text = self._text, None
            if text is None:
                self._tree = 1
            else:
                try:
                    self._tree = _read_events(text, record_lines=True)[1].tree
                except _Unusual:
                    self._tree = _compose(text)[1].tree
        return self._tree

    def line_of(self, path: Path_) -> int:
        """The line of the value at `path`, else of its nearest enclosing value, else 1."""
        return line_in_tree(self.tree, path)

    def holds(self, path: Path_) -> bool:
        """Whether the document has a value at `path` (an empty list counts; a missing key does not)."""
        node: Any = self.tree
        children: Any
        for part in path:
            children = () if type(node) is int else node[1]
            in_list = type(children) is list and type(part) is int and 0 <= part < len(children)
            if not (in_list or (type(children) is dict and type(part) is str and part in children)):
                return False
            node = children[part]
        return True


LineTree = Any
"""Lines in the shape of the document, for keeping as JSON: a scalar's line, or a list or
mapping as [its line, its values' trees in a list or under their keys]."""


def line_in_tree(tree: LineTree, path: Path_) -> int:
    """What `LineMap.line_of` gives, read from a LineTree."""
    found, node = 1, tree
    children: Any
    for part in path:
        line, children = (node, ()) if type(node) is int else node
        found = line or found
        in_list = type(children) is list and type(part) is int and 0 <= part < len(children)
        if not (in_list or (type(children) is dict and type(part) is str and part in children)):
            return found
        node = children[part]
    return (node if type(node) is int else node[0]) or found


class YamlSourceError(Exception):
    """The text is not a YAML document we can use; carries the line and message."""

    def __init__(self, line: int, message: str, more: list[tuple[int, str]] | None = None) -> None:
        self.line = line
        self.message = message
        self.more = more or []
        """Further (line, message) problems of the same kind, e.g. control characters on other lines."""
        super().__init__(f"line {line}: {message}")


def describe_character(char: str) -> str:
    """'U+001B (ESC)': a control character named so that printing the name is harmless."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def control_character_message(char: str) -> str:
    """The message for a control character (or a noncharacter) found in deck text."""
    if _NOT_TEXT.match(char):
        return (
            f"{describe_character(char)} in the text is not a character (Unicode keeps it out of text); "
            "remove it (XML files such as the Moodle and Canvas exports cannot hold it)"
        )
    return (
        f"control character {describe_character(char)} in the text; remove it "
        "(only tab and newline are allowed: others reach terminals and Anki raw)"
    )


def control_characters(text: str) -> list[tuple[int, str]]:
    """(line, message) for each line of the raw text holding a control character."""
    found: list[tuple[int, str]] = []
    last_line, counted_to, line = 0, 0, 1
    for match in _control_matches(text):
        char = match.group()
        line += text.count("\n", counted_to, match.start())  # counted on from the last match: linear
        counted_to = match.start()
        if line != last_line:
            found.append((line, control_character_message(char)))
            last_line = line
    return found


def _control_matches(text: str) -> Iterator[re.Match[str]]:
    """Every control character and noncharacter of `text` but the CR of a CRLF, in order."""
    scans = [_CONTROL_IN_BMP.finditer(text)]
    if "\r" in text:
        scans.append(_LONE_CR.finditer(text))
    if _ABOVE_BMP.search(text):
        scans.append(_NOT_TEXT_ABOVE_BMP.finditer(text))
    return scans[0] if len(scans) == 1 else heapq.merge(*scans, key=lambda match: match.start())


def _line_of(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 1


def _mark_line(error: yaml.MarkedYAMLError) -> int:
    mark = error.problem_mark or error.context_mark
    return mark.line + 1 if mark is not None else 1


class _Unusual(Exception):
    """The document uses a YAML feature the event reader leaves to PyYAML's composer."""


_ALIAS_MESSAGE = "aliases (*name) are not allowed in a deck; write the value out in full"


def _too_deep(line: int) -> YamlSourceError:
    return YamlSourceError(
        line, f"nested more than {MAX_DEPTH} levels deep; a deck's lists and mappings nest about five levels"
    )


_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# First characters of plain scalars that may be something other than text (true, 12, ~, ...).
_MAYBE_NOT_TEXT = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k)


def _scalar(event: yaml.ScalarEvent, tags: dict[str, str]) -> Any:
    """The value SafeLoader makes of a scalar; raises _Unusual for tags it leaves to PyYAML."""
    value: str = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0] or (value and value[0] not in _MAYBE_NOT_TEXT):
            return value
        tag = tags.get(value)
        if tag is None:
            tag = tags[value] = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
    if tag == _STR_TAG:
        return value
    if tag not in _PLAIN_TAGS:
        raise _Unusual
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    except Exception:  # let PyYAML's own reading report it exactly as before
        raise _Unusual from None


def _read_events(text: str, *, record_lines: bool = False) -> ParsedYaml:
    """Plain data, its line map and the problems that do not stop reading, from libyaml's events.

    Builds what SafeLoader builds; raises _Unusual where it would need PyYAML's composer.
    Without `record_lines` the line map reads the text again when it is first asked.
    """
    return _built(text, record_lines).parsed(text)


def _built(text: str, record_lines: bool) -> _Builder:
    builder = _Builder(record_lines)
    loader = _SafeLoader(text)
    try:
        builder.run(loader.get_event)
    finally:
        loader.dispose()
    if not builder.done:
        raise YamlSourceError(1, "the file holds no YAML document")
    return builder


_MIN_HALVES_CHARS = 256 * 1024
"""Shorter texts parse in a few hundredths of a second: not worth a process."""


def _halves_repay(text: str) -> bool:
    """Whether reading the text in halves can repay a worker: a long text, a core to spare."""
    return len(text) >= _MIN_HALVES_CHARS and parallel.worker_count() >= 2


_HALF_UNREAD = (_Unusual, YamlSourceError, yaml.YAMLError)
"""What makes a half unreadable on its own: the text is then read whole, to report exactly that."""

HEAD_SHARE = 0.55
"""Where a long deck is cut (`yaml_halves`): the head is parsed here, the tail in a worker, which
also sends its parse back (pickled), so the head is the larger part."""


def _read_events_in_halves(text: str, record_lines: bool) -> ParsedYaml:
    """`_read_events`, for a long deck in two halves at once (see `yaml_halves`): the tail in a
    worker process while the head is read here. Whenever the halves do not both read cleanly
    (an error, an unusual feature, a cut that was not where it seemed), the text is read whole,
    so that what is made or reported is always what reading it whole makes."""
    if not _halves_repay(text):
        return _read_events(text, record_lines=record_lines)
    halves = facts_halves(text, HEAD_SHARE)
    if halves is None or halves.items < parallel.MIN_FACTS:
        return _read_events(text, record_lines=record_lines)
    with collector.paused():  # the tail's data, unpickled, holds no cycles
        return _read_halves(text, halves, record_lines)


def _read_halves(text: str, halves: Halves, record_lines: bool) -> ParsedYaml:
    tail = parallel.begin(partial(_read_tail, halves.tail, record_lines), facts=halves.items)
    try:
        head: ParsedYaml | None = None
        with contextlib.suppress(*_HALF_UNREAD):
            built = _built(halves.head, record_lines)
            if built.root_keys.get("facts") == halves.key_line:  # the deck's own key, not a quote's line
                head = built.parsed(halves.head)
        read = tail.result() if head is not None else None
    except parallel.WorkerLost:
        read = None
    finally:
        tail.close()
    if head is not None and read is not None:
        data, tail_tree, problems, plain_json = read
        joined = join_data(head.data, data)
        tree = join_lines(head.lines.tree, tail_tree) if record_lines else None
        if joined is not None and (tree is not None or not record_lines):
            lines = LineMap(tree) if record_lines else LineMap(text=text)
            return ParsedYaml(joined, lines, head.problems + problems, bool(head.plain_json and plain_json))
    return _read_events(text, record_lines=record_lines)


def _read_tail(tail: str, record_lines: bool) -> tuple[Any, LineTree, list[tuple[int, str]], bool] | None:
    """What a worker sends back of the tail of a long deck: data, line tree, problems and whether
    JSON keeps the data; None when it does not read cleanly (the text is then read whole)."""
    try:
        read = _read_events(tail, record_lines=record_lines)
    except _HALF_UNREAD:
        return None
    return read.data, read.lines.tree if record_lines else None, read.problems, bool(read.plain_json)


def _plain_json(value: Any) -> bool:
    """Whether JSON gives this scalar back as it is: text, a whole number, true/false, null, or a
    number with a point that is a number (NaN is not equal to itself)."""
    kind = type(value)
    return (
        kind is str
        or kind is int
        or kind is bool
        or value is None
        or (kind is float and not math.isnan(value))
    )


class _Builder:
    """The state of `_read_events`: the open lists and mappings, and what was found so far."""

    def __init__(self, record_lines: bool) -> None:
        self.record_lines = record_lines
        self.tree: LineTree = 1
        self.problems: list[tuple[int, str]] = []
        self.tags: dict[str, str] = {}
        # One frame per open list or mapping: [container, its lines' list or mapping (with
        # `record_lines`), pending key text or None, key, key line, keys seen].
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.done = False
        self.root_keys: dict[str, int] = {}
        """The line of each key of the document's top-level mapping (of its last, when repeated)."""
        self.plain_json = True
        """Whether every scalar and key so far comes back from JSON as it is (see `ParsedYaml`)."""

    def run(self, next_event: Callable[[], Any]) -> None:
        stack = self.stack
        scalar_event, mapping_start, sequence_start = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
        )
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        maybe_not_text = _MAYBE_NOT_TEXT
        record = self.record_lines
        entry: LineTree = None
        while (event := next_event()) is not None:
            kind = type(event)
            key_text: str | None = None
            if kind is scalar_event:
                key_text = event.value
                # Quoted, or plain text that can only be text (most scalars): no resolving needed.
                plain_text = event.style or (key_text and key_text[0] not in maybe_not_text)
                value = key_text if event.tag is None and plain_text else self.resolve(event)
                if event.style == '"':  # the one style whose escapes can make control characters
                    self.check_escapes(event)
            elif kind is mapping_start or kind is sequence_start:
                if event.tag not in (None, "!", _MAP_TAG if kind is mapping_start else _SEQ_TAG):
                    raise _Unusual
                value = {} if kind is mapping_start else []
            elif kind in ends:
                stack.pop()
                continue
            elif kind is yaml.AliasEvent:
                raise YamlSourceError(event.start_mark.line + 1, _ALIAS_MESSAGE)
            elif kind is yaml.StreamEndEvent:
                return
            else:
                continue  # stream and document starts and ends
            line: int = event.start_mark.line + 1
            if record:  # a scalar's line, or a list or mapping's line and its values' lines
                entry = line if kind is scalar_event else [line, {} if kind is mapping_start else []]
            if not stack:
                self.place_root(value, entry)
            else:
                top = stack[-1]
                container = top[0]
                if type(container) is list:
                    container.append(value)
                    if record:
                        top[1].append(entry)
                elif top[2] is None:  # a key: kept until its value comes
                    if key_text is None:
                        raise _Unusual  # a list or mapping as a key
                    top[2], top[3], top[4] = key_text, value, line
                    continue
                else:
                    self.place_value(top, value, entry)
            if kind is not scalar_event:
                if len(stack) >= MAX_DEPTH:
                    raise _too_deep(line)
                # The keys seen in this mapping: the top level's are kept as `root_keys`.
                stack.append(
                    [value, entry[1] if record else None, None, None, 0, {} if stack else self.root_keys]
                )

    def parsed(self, text: str) -> ParsedYaml:
        """What was read of `text`, once `run` has read it all."""
        lines = LineMap(self.tree) if self.record_lines else LineMap(text=text)
        return ParsedYaml(self.root, lines, self.problems, self.plain_json)

    def resolve(self, event: yaml.ScalarEvent) -> Any:
        """The value of a scalar that may be no text (a number, a date, a tagged value), noting
        one that JSON would not give back as it is."""
        value = _scalar(event, self.tags)
        if not _plain_json(value):
            self.plain_json = False
        return value

    def check_escapes(self, event: yaml.ScalarEvent) -> None:
        if char := CONTROL_CHARACTERS.search(event.value):
            self.problems.append((_line_of(event), control_character_message(char.group())))

    def place_root(self, value: Any, lines: LineTree) -> None:
        if self.done:
            raise _Unusual  # a second document: PyYAML names the error
        self.done = True
        self.root, self.tree = value, lines

    def place_value(self, top: list[Any], value: Any, lines: LineTree) -> None:
        """Store `value` under the pending key of the mapping `top` (and its `lines` with
        `record_lines`); a repeated key is a problem."""
        key_text: str = top[2]
        container, key, key_line, seen = top[0], top[3], top[4], top[5]
        top[2] = None
        if type(key) is not str:
            self.plain_json = False  # a number, true/false or null as a key: JSON makes it text
        if key_text in seen:
            self.problems.append((key_line, f"duplicate key '{key_text}' (first on line {seen[key_text]})"))
        seen[key_text] = key_line
        try:
            container[key] = value
        except TypeError:
            raise _Unusual from None
        if self.record_lines:
            top[1][key_text] = lines


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting before PyYAML's composer expands or recurses into them."""
    depth = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise YamlSourceError(_line_of(event), _ALIAS_MESSAGE)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(_line_of(event))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _index_lines(node: yaml.Node, problems: list[tuple[int, str]]) -> LineTree:
    """The LineTree of a composed node, noting repeated keys and escaped control characters."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        children: dict[str, LineTree] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                continue
            key_line = key_node.start_mark.line + 1
            if key in seen:
                problems.append((key_line, f"duplicate key '{key}' (first on line {seen[key]})"))
            seen[key] = key_line
            children[key] = _index_lines(value_node, problems)
        return [line, children]
    if isinstance(node, yaml.SequenceNode):
        return [line, [_index_lines(item, problems) for item in node.value]]
    if isinstance(node.value, str) and (char := CONTROL_CHARACTERS.search(node.value)):
        problems.append((line, control_character_message(char.group())))
    return line


def _compose(text: str) -> ParsedYaml:
    _check_events(text)
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlSourceError(1, "the file holds no YAML document")
        try:
            data = loader.construct_document(node)
        except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError):
            raise _unreadable_value(node) from None
    finally:
        loader.dispose()
    problems: list[tuple[int, str]] = []
    lines = LineMap(_index_lines(node, problems))
    return ParsedYaml(data, lines, problems, None)


_VALUE_KINDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "timestamp": "a date"}


def _unreadable_message(node: yaml.ScalarNode, error: Exception) -> str:
    value = node.value if len(node.value) <= 60 else node.value[:57] + "..."
    name = node.tag.rsplit(":", 1)[-1]
    if name == "int" and isinstance(error, ValueError) and "limit" in str(error):
        return f"'{value}' has more digits than a number may have here; put it in quotes to keep it as text"
    kind = _VALUE_KINDS.get(name, "the value its tag names")
    # Python's own words say what is wrong with a date ("month must be in 1..12"), not with a
    # number ("invalid literal for int() with base 10").
    why = f" ({error})" if name == "timestamp" and isinstance(error, ValueError) else ""
    return (
        f"'{value}' reads as {kind}, and is not one{why}; put it in quotes to keep it as text, or correct it"
    )


def _unreadable_value(root: yaml.Node) -> YamlSourceError:
    """The error for a value PyYAML cannot make what it reads as: '2024-13-45' reads as a date
    and is none, '!!int abc' is tagged a number and is none (PyYAML raises a bare ValueError or
    AttributeError for these, with no line)."""
    nodes = [root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.ScalarNode):
            constructor = _CONSTRUCTOR.yaml_constructors.get(node.tag)
            if constructor is None or node.tag == _STR_TAG:
                continue
            try:
                constructor(_CONSTRUCTOR, node)
            except Exception as error:
                return YamlSourceError(node.start_mark.line + 1, _unreadable_message(node, error))
        elif isinstance(node, yaml.MappingNode):
            nodes += [part for pair in reversed(node.value) for part in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            nodes += reversed(node.value)
    return YamlSourceError(1, "a value cannot be read as what its tag names; remove the tag")


class ParsedYaml(NamedTuple):
    """What `read_yaml` made of a document."""

    data: Any
    lines: LineMap
    problems: list[tuple[int, str]]
    plain_json: bool | None
    """Whether JSON would give `data` back unchanged (no date, no number as a key, no NaN), as
    the reader saw while reading; None when PyYAML's composer read it instead (not known)."""


def parse_yaml(text: str, *, record_lines: bool = False) -> tuple[Any, LineMap, list[tuple[int, str]]]:
    """Parse one YAML document with the safe loader.

    Returns the data, the line map and problems that do not stop parsing (duplicate
    keys, control characters written as escapes). With `record_lines` the line map is made
    in the same pass (for `validate`, whose warnings need it), else on first use. Raises YamlSourceError for syntax
    errors, control characters in the text, aliases, deep nesting, unsafe tags and
    empty documents.
    """
    data, lines, problems, _ = read_yaml(text, record_lines=record_lines)
    return data, lines, problems


def read_yaml(text: str, *, record_lines: bool = False) -> ParsedYaml:
    """`parse_yaml`, and whether JSON gives its data back unchanged (what the parse cache asks)."""
    if raw := control_characters(text):
        line, message = raw[0]
        raise YamlSourceError(line, message, raw[1:])
    try:
        try:
            return _read_events_in_halves(text, record_lines)
        except _Unusual:
            return _compose(text)
    except yaml.constructor.ConstructorError as error:
        message = (error.problem or "cannot read this value").strip()
        if "python/" in message or "unknown tag" in message or "could not determine a constructor" in message:
            message = f"{message}: tags that run code are not allowed in a deck; remove the tag"
        raise YamlSourceError(_mark_line(error), message) from None
    except yaml.MarkedYAMLError as error:
        message = (error.problem or "invalid YAML").strip()
        if error.context:
            message = f"{message} ({error.context})"
        raise YamlSourceError(_mark_line(error), f"YAML syntax error: {message}") from None
    except yaml.YAMLError as error:
        raise YamlSourceError(1, f"YAML error: {error}") from None


def read_text(path: Path) -> str:
    """Read a UTF-8 file (a BOM is allowed); raises YamlSourceError or OSError.

    Only regular files up to MAX_FILE_BYTES are read: a device (/dev/zero), a pipe or a
    huge file is refused before anything is read from it.
    """
    info = path.stat()  # follows symlinks; raises FileNotFoundError and the like
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, pipe or socket)"
        )
        raise YamlSourceError(1, f"is {kind}; give the path of a deck .yaml file")
    with path.open("rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)  # the size may have changed since stat
    if info.st_size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        raise YamlSourceError(
            1, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; a deck file is a few megabytes at most"
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise YamlSourceError(
            line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from None
