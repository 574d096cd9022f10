"""An article the extractor fails on is that article's error: the run goes on and stores the others."""

from __future__ import annotations

import pytest

from quotes import extractor as pipeline
from quotes.cli import app
from quotes.extractor import ExtractionError, Extractor
from quotes.model import Article

GOOD = "“We have no choice but to raise the fees this spring,” harbour master Oskar Lind said on Monday.\n"


@pytest.fixture
def poisoned(monkeypatch):
    """extract_quotes raises on any article that mentions poison, as an unknown bug would."""
    real = pipeline.extract_quotes

    def extract_quotes(text, *args):
        if "poison" in text:
            raise IndexError("list index out of range")
        return real(text, *args)

    monkeypatch.setattr(pipeline, "extract_quotes", extract_quotes)
    monkeypatch.delenv("QUOTES_DEBUG", raising=False)


def test_cli_reports_the_article_and_stores_the_others(poisoned, runner, tmp_path, db_path, db_contents):
    (tmp_path / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b-poison.txt").write_text("The poison article, the mayor said.\n", encoding="utf-8")
    (tmp_path / "c-good.txt").write_text(GOOD.replace("Monday", "Tuesday"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--db", str(db_path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.lower().startswith("error")]
    assert len(errors) == 1 and "b-poison.txt" in errors[0] and "IndexError" in errors[0]
    assert "Traceback" not in result.output + result.stderr
    assert [row[0] for row in db_contents(db_path)["articles"]] == ["a-good", "c-good"]


def test_library_extract_raises_a_named_error(poisoned):
    extractor = Extractor(coref=False)
    with pytest.raises(ExtractionError, match="poisoned-article: IndexError"):
        extractor.extract(Article(id="poisoned-article", text="The poison article, the mayor said.\n"))


def test_extract_many_marks_only_the_failing_article(poisoned):
    extractor = Extractor(coref=False)
    articles = [Article(id="one", text=GOOD), Article(id="two", text="A poison pen, she said.\n"),
                Article(id="three", text=GOOD)]
    results = list(extractor.extract_many(articles))
    assert [r.error is None for r in results] == [True, False, True]
    assert results[1].quotes == [] and results[0].quotes
