"""Extraction on several local processes stores exactly what one process stores."""

from __future__ import annotations

from concurrent.futures import Future

from quotes.cli import app
from quotes.extractor import ExtractorSpec
from quotes.run.local import ordered_results


def test_two_workers_store_the_same_rows_as_one(extractor, tmp_path, db_contents, corpus, store_run):
    store_run(tmp_path / "one.db", corpus, extractor)
    # chunks of two articles, so both workers get some
    results = store_run(tmp_path / "two.db", corpus, ExtractorSpec(batch_size=2), workers=2)
    assert [r.article.id for r in results] == [a.id for a in corpus]
    assert db_contents(tmp_path / "two.db") == db_contents(tmp_path / "one.db")


def test_results_come_back_in_input_order_however_chunks_finish(corpus):  # six articles: chunks of two
    futures: list[tuple[list, Future]] = []

    def submit(chunk):
        futures.append((chunk, Future()))
        if len(futures) == 3:  # the last chunk finishes first, the first one last
            for sent, future in reversed(futures):
                future.set_result([[f"quotes of {a.id}"] for a in sent])
        return futures[-1][1]

    extractions = list(ordered_results(submit, corpus, chunk_size=2, window=3))
    assert [e.article.id for e in extractions] == [a.id for a in corpus]
    assert all(e.quotes == [f"quotes of {e.article.id}"] for e in extractions)


def test_window_bounds_the_chunks_in_flight(corpus):  # six articles: chunks of two
    counts = {"submitted": 0, "collected": 0, "most in flight": 0}

    class Done(Future):
        def result(self, timeout=None):
            counts["collected"] += 1
            return super().result(timeout)

    def submit(chunk):
        counts["submitted"] += 1
        in_flight = counts["submitted"] - counts["collected"]
        counts["most in flight"] = max(counts["most in flight"], in_flight)
        future = Done()
        future.set_result([[] for _ in chunk])
        return future

    extractions = list(ordered_results(submit, corpus, chunk_size=2, window=2))
    assert [e.article.id for e in extractions] == [a.id for a in corpus]
    assert counts["submitted"] == 3 and counts["most in flight"] == 2


def test_cli_workers_option(runner, inputs, db_path):
    result = runner.invoke(app, ["extract", str(inputs), "--db", str(db_path), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "Helena Quist" in result.output and "Lars Quist" in result.output


def test_cli_workers_and_scheduler_together_is_an_error(runner, inputs, db_path):
    result = runner.invoke(app, ["extract", str(inputs), "--db", str(db_path), "--workers", "2",
                                 "--scheduler", "local:2"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: use either --workers or --scheduler, not both"
