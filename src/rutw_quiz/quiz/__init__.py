"""The terminal quiz: the interactive session, parsing of typed responses, the progress store
(SQLite), FSRS scheduling, review selection and progress statistics. Knows nothing of click."""

from rutw_quiz.quiz.answers import Answer, Command, Invalid, answer_hint, grade_response, parse_response
from rutw_quiz.quiz.display import Style, colour_wanted, terminal_height, terminal_width
from rutw_quiz.quiz.progress import CardState, ProgressStore, default_data_dir, open_store, store_exists
from rutw_quiz.quiz.review import ReviewPlan, plan_review, review_questions
from rutw_quiz.quiz.session import DeckFacts, Ending, QuizSession, SessionResult
from rutw_quiz.quiz.stats import DeckStats, deck_stats, stats_json, stats_text

__all__ = [
    "Answer",
    "CardState",
    "Command",
    "DeckFacts",
    "DeckStats",
    "Ending",
    "Invalid",
    "ProgressStore",
    "QuizSession",
    "ReviewPlan",
    "SessionResult",
    "Style",
    "answer_hint",
    "colour_wanted",
    "deck_stats",
    "default_data_dir",
    "grade_response",
    "open_store",
    "parse_response",
    "plan_review",
    "review_questions",
    "stats_json",
    "stats_text",
    "store_exists",
    "terminal_height",
    "terminal_width",
]
