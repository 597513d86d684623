"""Read YAML safely and remember the line of every value, so errors can point at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes from the top, e.g. ('facts', 3, 'answer')."""

# libyaml's loader is several times faster and just as safe; fall back to pure Python.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class LineMap:
    """Maps a value's path in the document (('facts', 3, 'answer')) to its 1-based line."""

    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the value at `path`, else of its nearest enclosing value, else 1."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.lines:
                return self.lines[prefix]
        return 1


class YamlSourceError(Exception):
    """The text is not a YAML document we can use; carries the line and message."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}")


def _mark_line(error: yaml.MarkedYAMLError) -> int:
    mark = error.problem_mark or error.context_mark
    return mark.line + 1 if mark is not None else 1


def _index_lines(node: yaml.Node, path: Path_, out: LineMap, problems: list[tuple[int, str]]) -> None:
    out.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                continue
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append((line, f"duplicate key '{key}' (first on line {seen[key]})"))
            seen[key] = line
            _index_lines(value_node, (*path, key), out, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), out, problems)


def parse_yaml(text: str) -> tuple[Any, LineMap, list[tuple[int, str]]]:
    """Parse one YAML document with the safe loader.

    Returns the data, the line map and problems that do not stop parsing (duplicate
    keys). Raises YamlSourceError for syntax errors, unsafe tags and empty documents.
    """
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlSourceError(1, "the file holds no YAML document")
        data = loader.construct_document(node)
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
    finally:
        loader.dispose()
    lines = LineMap()
    problems: list[tuple[int, str]] = []
    _index_lines(node, (), lines, problems)
    return data, lines, problems


def read_text(path: Path) -> str:
    """Read a UTF-8 file (a BOM is allowed); raises YamlSourceError or OSError."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise YamlSourceError(
            line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from None
