"""Pending: robustness cases the code does not meet yet (not collected by pytest; run it with
``pytest tests/pending_robust.py``). The fix belongs in quotes/pipeline.py and quotes/jobs.py.
"""

from __future__ import annotations

from quotes import pipeline
from quotes.cli import app

GOOD = "“We have no choice but to raise the fees this spring,” harbour master Oskar Lind said on Monday.\n"


def test_an_article_that_breaks_the_extractor_is_that_articles_error_and_the_others_are_stored(
        runner, tmp_path, db_path, db_contents, monkeypatch):
    # The three crashes found by fuzzing are fixed, but the next unknown one still stops the whole
    # run ("internal error") and loses the uncommitted batch: it should be one input's error.
    real = pipeline.extract_quotes

    def extract_quotes(text, *args):
        if "poison" in text:
            raise IndexError("list index out of range")
        return real(text, *args)

    monkeypatch.setattr(pipeline, "extract_quotes", extract_quotes)
    (tmp_path / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b-poison.txt").write_text("The poison article, the mayor said.\n", encoding="utf-8")
    (tmp_path / "c-good.txt").write_text(GOOD.replace("Monday", "Tuesday"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--db", str(db_path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.lower().startswith("error")]
    assert len(errors) == 1 and "b-poison.txt" in errors[0] and "IndexError" in errors[0]
    assert [row[0] for row in db_contents(db_path)["articles"]] == ["a-good", "c-good"]
