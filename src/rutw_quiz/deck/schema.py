"""The deck's JSON Schema, for editors that check and complete deck files."""

from __future__ import annotations

import json
from typing import Any

from rutw_quiz.deck.models import Deck


def deck_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a deck file."""
    return Deck.model_json_schema()


def deck_json_schema_text() -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(deck_json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
