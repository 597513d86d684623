"""Decks: the format (models), reading with line numbers (loader), quote checks and the schema."""

from rutw_quiz.deck.dates import PartialDate, parse_partial_date
from rutw_quiz.deck.loader import LoadedDeck, read_deck_file, read_deck_files
from rutw_quiz.deck.models import AnswerKind, Deck, Evidence, Fact, Source
from rutw_quiz.deck.quotes import quote_problems
from rutw_quiz.deck.schema import deck_json_schema

__all__ = [
    "AnswerKind",
    "Deck",
    "Evidence",
    "Fact",
    "LoadedDeck",
    "PartialDate",
    "Source",
    "deck_json_schema",
    "parse_partial_date",
    "quote_problems",
    "read_deck_file",
    "read_deck_files",
]
