"""The question engine: a validated deck and options in, deterministic questions out (no I/O)."""

from rutw_quiz.questions.models import (
    BLANK,
    FillInQuestion,
    MatchingColumns,
    MatchingQuestion,
    MatchPair,
    MultipleChoiceQuestion,
    Question,
    QuestionType,
    ShortAnswerQuestion,
    SourceRef,
    TimelineQuestion,
    TrueFalseQuestion,
)
from rutw_quiz.questions.selection import QuestionOptions, QuestionSet, generate_questions
from rutw_quiz.questions.serialize import questions_to_json

__all__ = [
    "BLANK",
    "FillInQuestion",
    "MatchPair",
    "MatchingColumns",
    "MatchingQuestion",
    "MultipleChoiceQuestion",
    "Question",
    "QuestionOptions",
    "QuestionSet",
    "QuestionType",
    "ShortAnswerQuestion",
    "SourceRef",
    "TimelineQuestion",
    "TrueFalseQuestion",
    "generate_questions",
    "questions_to_json",
]
