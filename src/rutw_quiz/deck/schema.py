"""The deck's JSON Schema, for editors that check and complete deck files."""

from __future__ import annotations

import json
from typing import Any

from rutw_quiz.deck.models import Deck


def deck_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a deck file."""
    schema = Deck.model_json_schema()
    _keys_must_match(schema["properties"]["topics"])
    return schema


def _keys_must_match(mapping: dict[str, Any]) -> None:
    """Make a slug-keyed mapping refuse other keys, as the loader does.

    pydantic writes the key pattern as `patternProperties`, which lets a key that does not
    match (a topic 'Cold War') through unchecked; `propertyNames` refuses it.
    """
    patterns: dict[str, Any] = mapping.pop("patternProperties", {})
    if len(patterns) != 1:
        mapping["patternProperties"] = patterns
        return
    [(pattern, values)] = patterns.items()
    mapping["propertyNames"] = {**mapping.get("propertyNames", {}), "pattern": pattern}
    mapping["additionalProperties"] = values


def deck_json_schema_text() -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(deck_json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
