"""Renderers: questions in, printable worksheets (HTML) and Anki decks out."""
