"""The one rule for formula-looking cells in every CSV the project writes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rutw_quiz.spreadsheet import formula_cells, formula_notice, guard, is_formula, unguard


def test_formula_starts_are_formulas_and_plain_numbers_are_not() -> None:
    for cell in [
        '=HYPERLINK("http://evil.example","x")',
        "+cmd|' /C calc'!A0",
        "-1+2",
        "@SUM(1)",
        "\t=1",
        "\r=1",
    ]:
        assert is_formula(cell), cell
    for cell in ["-5", "+3.5", "-1,000", "1896", "Chiang Ching-kuo", "", "'quoted"]:
        assert not is_formula(cell), cell


def test_a_guarded_cell_starts_with_an_apostrophe_a_spreadsheet_reads_as_text() -> None:
    assert guard("=1+1") == "'=1+1"
    assert guard("@SUM(1)") == "'@SUM(1)"
    assert guard("-5") == "-5"
    assert guard("Taipei") == "Taipei"


@given(st.text())
def test_unguard_gives_back_exactly_what_guard_was_given(cell: str) -> None:
    assert unguard(guard(cell)) == cell
    assert not is_formula(guard(cell))


def test_the_notice_names_the_cells_by_line_and_column() -> None:
    rows = [["Question", "Answer"], ["=1+1 is?", "2"], ["ok", "@x"]]
    cells = formula_cells(rows)
    assert cells == [(2, 1), (3, 2)]
    notice = formula_notice("deck.blooket.csv", cells)
    assert notice is not None
    assert "line 2 column 1" in notice
    assert "line 3 column 2" in notice
    assert formula_notice("x.csv", []) is None
