"""Re-running extraction: unchanged articles (same id, text and extractor version) are skipped
before parsing; changed text, another extractor version or --force extract again."""

from __future__ import annotations

import dataclasses
import re

import pytest
import sqlite_utils

from quotes import store
from quotes.cli import app
from quotes.extractor import Extractor, ExtractorSpec, code_digest, extraction_modules, extractor_version
from quotes.nlp.loader import default_model_name
from quotes.run import batch as jobs

NEW_PARAGRAPH = "\n“We will reopen in spring,” museum spokesperson Ida Marren said.\n"


class CountingExtractor(Extractor):
    """The real extractor, remembering which articles it parsed."""

    def __init__(self, extractor: Extractor):
        self.__dict__.update(extractor.__dict__)
        self.parsed: list[str] = []

    def extract_many(self, articles):
        for extraction in super().extract_many(articles):
            self.parsed.append(extraction.article.id)
            yield extraction


def _run(articles, extractor, db, **options):
    return list(jobs.extract_batch(articles, extractor, db, **options))


def test_second_run_parses_nothing_and_keeps_the_rows(articles, extractor, db_path, db_contents):
    db = store.open_db(db_path)
    _run(articles, extractor, db)
    before = db_contents(db_path)
    counting = CountingExtractor(extractor)
    results = _run(articles, counting, db)
    assert [type(r).__name__ for r in results] == ["Skipped", "Skipped"]
    assert counting.parsed == []
    assert db_contents(db_path) == before


def test_changed_text_is_extracted_again(articles, extractor, db_path):
    db = store.open_db(db_path)
    _run(articles, extractor, db)
    museum, bridge = articles
    changed = dataclasses.replace(museum, text=museum.text + NEW_PARAGRAPH)
    counting = CountingExtractor(extractor)
    results = _run([changed, bridge], counting, db)
    assert counting.parsed == ["museum"]
    assert isinstance(results[0], jobs.Skipped) and results[0].article.id == "bridge"
    stored = {row["text"] for row in db["quotes"].rows_where("article_id = ?", ["museum"])}
    assert "We will reopen in spring," in stored


def test_new_title_for_the_same_text_is_stored_without_parsing(articles, extractor, db_path):
    db = store.open_db(db_path)
    _run(articles, extractor, db)
    museum, bridge = articles
    retitled = dataclasses.replace(museum, title="Merrow museum wing to shut until 2027", published="2025-06-03")
    counting = CountingExtractor(extractor)
    _run([retitled, bridge], counting, db)
    assert counting.parsed == []
    assert db["articles"].get("museum")["title"] == "Merrow museum wing to shut until 2027"
    assert db["articles"].get("museum")["published"] == "2025-06-03"
    assert db["quotes"].count_where("article_id = ?", ["museum"]) > 0


def test_force_extracts_unchanged_articles(articles, extractor, db_path):
    db = store.open_db(db_path)
    _run(articles, extractor, db)
    counting = CountingExtractor(extractor)
    _run(articles, counting, db, force=True)
    assert counting.parsed == ["museum", "bridge"]


def test_another_extractor_version_extracts_again(articles, extractor, db_path):
    db = store.open_db(db_path)
    _run(articles, extractor, db)
    counting = CountingExtractor(extractor)
    counting.spec = ExtractorSpec(coref=False)  # a different version, as a model change would be
    _run(articles, counting, db)
    assert counting.parsed == ["museum", "bridge"]


def test_version_names_model_and_extraction_code(extractor):
    version = extractor.version
    assert version.startswith(f"{default_model_name()}-{extractor.nlp.meta['version']}")
    assert version.endswith(f"code {code_digest()}") and len(code_digest()) == 12
    assert extractor_version(coref=False) != extractor_version(coref=True)


def test_code_digest_covers_every_module_extraction_imports():
    modules = extraction_modules()
    assert {"extractor", "attribution.assemble", "attribution.parsed", "attribution.sources", "attribution.cues",
            "text.marks", "text.body", "text.dateline", "nlp.coref", "nlp.loader", "model"} <= set(modules)
    assert not {"store", "cli", "run.batch", "ingest", "factcheck.check", "web.serve"} & set(modules)


def test_stored_articles_record_the_extractor_version(articles, extractor, db_path):
    db = store.open_db(db_path)
    _run(articles, extractor, db)
    assert {row["extractor"] for row in db["articles"].rows} == {extractor.version}


def test_no_store_never_skips(articles, extractor):
    results = _run(articles, extractor, None)
    assert [r.article.id for r in results] == ["museum", "bridge"]
    assert not any(isinstance(r, jobs.Skipped) for r in results)


def test_database_from_before_versions_gets_the_column_and_extracts_again(articles, extractor, db_path):
    db_path.parent.mkdir(parents=True)
    old = sqlite_utils.Database(db_path)
    columns = {k: v for k, v in store.ARTICLES.items() if k != "extractor"}
    old["articles"].create(columns, pk="id")
    old["articles"].insert({"id": "museum", "text": articles[0].text, "content_hash": articles[0].content_hash,
                            "ingested_at": "2025-01-01T00:00:00+00:00"})
    old.close()
    db = store.open_db(db_path)
    assert "extractor" in db["articles"].columns_dict
    counting = CountingExtractor(extractor)
    _run(articles, counting, db)
    assert counting.parsed == ["museum", "bridge"]


def test_cli_rerun_reports_skipped_articles(runner, inputs, db_path):
    first = runner.invoke(app, ["extract", str(inputs), "--db", str(db_path)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["extract", str(inputs), "--db", str(db_path)])
    assert again.exit_code == 0, again.output
    assert re.search(r"unchanged, skipped\s*│\s*2\s*│", again.output)
    assert "Quist" not in again.output  # nothing extracted, so no quote tables


def test_cli_force_extracts_again(runner, inputs, db_path):
    runner.invoke(app, ["extract", str(inputs), "--db", str(db_path)])
    forced = runner.invoke(app, ["extract", str(inputs), "--db", str(db_path), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "skipped" not in forced.output and "Helena Quist" in forced.output


class FailingExtractor(Extractor):
    """The real extractor, failing after ``good`` articles (a crash in the middle of a run)."""

    def __init__(self, extractor: Extractor, good: int):
        self.__dict__.update(extractor.__dict__)
        self.good = good

    def extract_many(self, articles):
        for number, extraction in enumerate(super().extract_many(articles)):
            if number == self.good:
                raise RuntimeError("extractor crashed")
            yield extraction


def test_articles_done_before_a_failure_are_stored_and_skipped_next_time(articles, extractor, db_path):
    corpus = articles + jobs.read_batch([str(jobs.EXAMPLES_DIR)]).articles
    db = store.open_db(db_path)
    with pytest.raises(RuntimeError, match="crashed"):
        _run(corpus, FailingExtractor(extractor, good=2), db)
    assert sorted(row["id"] for row in db["articles"].rows) == sorted(a.id for a in corpus[:2])
    counting = CountingExtractor(extractor)
    _run(corpus, counting, db)
    assert counting.parsed == [a.id for a in corpus[2:]]
