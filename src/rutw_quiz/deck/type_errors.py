"""pydantic's errors on a deck's data, said in the words of someone writing YAML.

pydantic says "Input should be a valid string (got NoneType None)"; an author reads "is empty;
write text here", placed at the value's line. Each message says what YAML made of the value and
what to write instead.
"""

from __future__ import annotations

from pydantic_core import ErrorDetails

from rutw_quiz.deck.yaml_source import Path_


def type_error_message(error: ErrorDetails) -> str:
    """The message for one of pydantic's errors on a deck's data."""
    kind = error["type"]
    loc = error["loc"]
    name = loc[-1] if loc else "deck"
    if kind == "missing":
        return f"missing required key '{name}'"
    if kind == "extra_forbidden":
        return f"unknown key '{name}'; check its spelling (`rutw-quiz schema` lists the keys)"
    if kind == "string_pattern_mismatch":
        if name == "language":
            return f"'{error['input']}' is not a language tag like 'en' or 'pt-BR'"
        return f"'{error['input']}' is not a slug: use lowercase letters, digits and hyphens, e.g. 'cold-war'"
    if kind == "enum":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"'{error['input']}' is not a known kind; use one of {allowed}"
    if (
        kind == "string_type"
        and isinstance(error["input"], int | float)
        and not isinstance(error["input"], bool)
    ):
        return f'{error["input"]} must be text: put it in quotes, e.g. "{error["input"]}"'
    if kind == "invalid_key":
        return _key_not_text(error["input"])
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    given = error["input"]
    if isinstance(given, bool) and kind == "string_type":
        return "is read as true or false (YAML reads yes, no, on, off, true and false so); put it in quotes"
    if kind == "list_type" and isinstance(given, str):
        return f"must be a list: write [{given}] (in quotes inside the brackets if it holds a comma)"
    if kind == "too_short" and isinstance(given, list):
        least = error.get("ctx", {}).get("min_length", 1)
        return f"is a list of {len(given)}; write at least {least} item{'s' if least != 1 else ''} in it"
    if kind in _WANTED:
        return f"is {'empty' if given in (None, '') else _written(given)}; {_WANTED[kind]}"
    if kind in _BOUNDS and _BOUNDS[kind][0] in error.get("ctx", {}):
        bound, words = _BOUNDS[kind]
        return f"is {_written(given)}; write a number {words} {error['ctx'][bound]}"
    return f"{error['msg']} (here: {_written(given)})"


_WANTED = {
    "string_type": "write text here",
    "list_type": "write a list here, e.g. [a, b]",
    "model_type": "write its keys below it, indented, one per line (`rutw-quiz schema` lists them)",
    "dict_type": "write it as `name: value` lines below it, indented, one per line",
    "int_type": "write a whole number here",
    "int_parsing": "write a whole number here",
    "int_from_float": "write a whole number here",
    "string_too_short": "write text here",
}
"""What to write where pydantic wanted a value of another type, in the words of someone writing YAML."""

_BOUNDS = {
    "less_than_equal": ("le", "up to"),
    "less_than": ("lt", "below"),
    "greater_than_equal": ("ge", "of at least"),
    "greater_than": ("gt", "above"),
}
"""pydantic's errors for a number out of bounds: the bound's name in the error, and its words."""


def _written(value: object) -> str:
    """What YAML made of a value, said as an author would: 'the text "hard"', 'a list of 2'."""
    if isinstance(value, str):
        return f"the text {value!r:.60}"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return f"a mapping of {len(value)} key{'s' if len(value) != 1 else ''}"
    if value is None:
        return "nothing"
    return f"a {type(value).__name__} ({value})"


def _key_not_text(key: object) -> str:
    """A key YAML read as a number, true/false, null or a date: almost always a slip."""
    if isinstance(key, bool):
        read = f"as {str(key).lower()} (YAML reads yes, no, on, off, true and false so)"
    elif key is None:
        read = "as nothing (YAML reads null, ~ and an empty key so)"
    else:
        read = f"as the {'number' if isinstance(key, int | float) else type(key).__name__} {key}"
    return (
        f"a key here is read {read}, not as a name: keys are names such as 'answer' "
        "(`rutw-quiz schema` lists them); remove it, or correct its spelling"
    )


def error_path(error: ErrorDetails) -> Path_:
    """Where an error belongs: the value, or for a key that is not text the mapping holding it
    (pydantic names such a key by its value, which is no path in the file)."""
    loc = error["loc"][:-1] if error["type"] == "invalid_key" else error["loc"]
    return _location_path(loc)


def _location_path(loc: tuple[int | str, ...]) -> Path_:
    # pydantic puts dict keys of `topics` in the loc; drop its "[key]" markers.
    return tuple(step for step in loc if not (isinstance(step, str) and step.startswith("[")))
