"""rutw-quiz: quiz questions, terminal quizzes, worksheets and Anki decks from sourced fact records.

Kept import-light on purpose: `rutw-quiz --help` must start fast, so the public API
lives in the subpackages (`rutw_quiz.deck`, `rutw_quiz.questions`, ...).
"""
