"""The export's CSV/TSV lines are what csv.writer writes (minimal quoting), with formula cells guarded."""

import csv
import io

import pytest

from quotes.factcheck.csv_lines import Lines

ROWS = [
    ("q1", "plain words", None, 0.75, 12, ""),
    ("q2", 'he said "no", twice', "a,b", 1.0, 0, "x"),
    ("q3", "two\nlines", "carriage\rreturn", 0.1 + 0.2, -3, "tab\tinside"),
    ("q4", "=SUM(A1)", "+1 more", "-minus", "@handle", "\tlead"),
    ("q5", "'already quoted'", '"', ",", "café – “curly”", "  spaced  "),
]


def _csv_module(rows, delimiter):
    out = io.StringIO(newline="")
    guard = ("=", "+", "-", "@", "\t", "\r")
    csv.writer(out, delimiter=delimiter).writerows(
        [["'" + v if isinstance(v, str) and v[:1] in guard else v for v in row] for row in rows])
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_lines_are_what_the_csv_module_writes(delimiter):
    assert Lines(delimiter).text(ROWS) == _csv_module(ROWS, delimiter)


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_repeated_columns_formatted_once_read_back_the_same(delimiter):
    rows = [("a", "x,1", "same, article", "2024-01-02"), ("b", "y", "same, article", "2024-01-02"),
            ("c", "z", "other", None)]
    text = Lines(delimiter, repeated=slice(2, 4)).text(rows)
    assert text == _csv_module(rows, delimiter)
    assert list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))[1] == ["b", "y", "same, article",
                                                                                     "2024-01-02"]


@pytest.mark.parametrize("cell, shown", [("=1+1", "'=1+1"), ("-2", "'-2"), ("@x", "'@x"), ("a=b", "a=b"), ("", "")])
def test_a_text_cell_a_spreadsheet_would_run_starts_with_an_apostrophe(cell, shown):
    assert Lines().cell(cell) == shown


def test_numbers_are_not_guarded():
    assert Lines().cell(-3) == "-3" and Lines().cell(-0.5) == "-0.5"
