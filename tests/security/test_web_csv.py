"""Datasette's CSV downloads of a quotes site never hand a spreadsheet a formula."""

import asyncio
import csv
import io
import shutil

import pytest

from quotes import store
from quotes.model import Article, Quote, Speaker
from quotes.web import serve
from quotes.web.csv_cells import CsvCells, safe_cell


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1+2", "'+1+2"), ("@SUM(A1)", "'@SUM(A1)"), ("-2+3", "'-2+3"), ("\tx", "'\tx"),
    ("-5", "-5"), ("-0.25", "-0.25"), ("plain", "plain"), ("", ""),
])
def test_a_cell_that_would_be_a_formula_gets_an_apostrophe(cell, shown):
    assert safe_cell(cell) == shown


def test_records_split_across_chunks_even_inside_a_quoted_newline():
    source = 'id,text\r\n1,"=one\r\nline two"\r\n2,@two\r\n'
    rewriter = CsvCells()
    out = "".join(rewriter.feed(source[i:i + 5]) for i in range(0, len(source), 5)) + rewriter.end()
    assert list(csv.reader(io.StringIO(out, newline=""))) == [["id", "text"], ["1", "'=one\r\nline two"],
                                                              ["2", "'@two"]]


@pytest.fixture
def ds(tmp_path, stored_file):
    path = tmp_path / "quotes.db"
    shutil.copyfile(stored_file, path)
    db = store.open_db(path)
    text = "“=HYPERLINK(\"http://evil.example\",\"click\") is what we said,” said Mara Quell on Monday."
    quote = Quote(text=text[1:62], start=1, end=62, type="direct", speaker=Speaker("Mara Quell"), confidence=0.9)
    store.save_extraction(db, Article(id="formula", text=text, title="@SUM(1+1)"), [quote])
    db.close()
    return serve.app(path, {"desk": "pbkdf2_sha256$1000$salt$hash"})


@pytest.mark.parametrize("path", ["/quotes/quotes.csv?_size=max", "/quotes/articles.csv?_size=max",
                                  "/quotes/quotes.csv?_labels=on&_size=max", "/quotes/review_queue.csv?_size=max"])
def test_datasette_csv_cells_are_not_formulas(ds, path):
    desk = {"ds_actor": ds.sign({"a": {"id": "desk", "roles": ["reviewer"]}}, "actor")}  # review_queue: reviewers'
    response = asyncio.run(ds.client.get(path, cookies=desk))
    assert response.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(response.text, newline="")) for cell in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "@") or c.startswith("-") and not _number(c)]
    assert any(c.startswith("'=HYPERLINK") or c == "'@SUM(1+1)" for c in cells)


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
