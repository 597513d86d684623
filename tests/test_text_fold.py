"""`normalize_answer`'s shortcut for ASCII text gives what the general path gives, character for character."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from rutw_quiz import text


def general_path(value: str) -> str:
    """normalize_answer as written for any text: accents stripped, P/S/Z categories to spaces."""
    value = text.DIGIT_GROUP_SEPARATOR.sub("", value)
    value = text.strip_accents(value).casefold()
    folded = "".join(" " if unicodedata.category(ch)[0] in "PSZ" else ch for ch in value)
    return text._SPACE.sub(" ", folded).strip()


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_text_folds_as_the_general_path_folds_it(value: str) -> None:
    assert text.normalize_answer.__wrapped__(value) == general_path(value)


@given(st.text(max_size=30))
def test_any_text_still_folds_as_before(value: str) -> None:
    assert text.normalize_answer.__wrapped__(value) == general_path(value)


def test_a_few_answers_fold_as_students_type_them() -> None:
    assert text.normalize_answer("U.S.S.R.") == "u s s r"
    assert text.normalize_answer("1,000 km") == "1000 km"
    assert text.normalize_answer("  Treaty_of   Shimonoseki\t(1895) ") == "treaty of shimonoseki 1895"
    assert text.normalize_answer("Sévres") == "sevres"
