"""The question engine: a validated deck and options in, deterministic questions out (no I/O)."""

from rutw_quiz.questions.grading import (
    Grade,
    Outcome,
    grade_choice,
    grade_matching,
    grade_order,
    grade_true_false,
    grade_typed,
)
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
    "Grade",
    "MatchPair",
    "MatchingColumns",
    "MatchingQuestion",
    "MultipleChoiceQuestion",
    "Outcome",
    "Question",
    "QuestionOptions",
    "QuestionSet",
    "QuestionType",
    "ShortAnswerQuestion",
    "SourceRef",
    "TimelineQuestion",
    "TrueFalseQuestion",
    "generate_questions",
    "grade_choice",
    "grade_matching",
    "grade_order",
    "grade_true_false",
    "grade_typed",
    "questions_to_json",
]
