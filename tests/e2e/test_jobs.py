"""The jobs behind the CLI: gold and prediction files, quote types, and the scoring benchmark."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

from quotes import evaluate as evaluation
from quotes.errors import JobError
from quotes.run import batch as jobs

SCORE_GOLD = Path(__file__).resolve().parents[2] / "benchmarks" / "score_gold.py"
TEXT = "“The tide will not wait for us,” harbour master Oskar Lind said on Monday in Vellin.\n"
QUOTE = "The tide will not wait for us,"


def _write(path: Path, *records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path) -> Path:
    start = TEXT.index(QUOTE)
    return _write(tmp_path / "gold.jsonl", {"id": 7, "text": TEXT, "quotes": [
        {"quote": QUOTE, "start": start, "end": start + len(QUOTE), "type": "direct", "speaker": "Oskar Lind"}]})


def test_parse_types_splits_on_commas():
    assert evaluation.parse_types("direct, partial") == ("direct", "partial")


def test_parse_types_rejects_unknown_type():
    with pytest.raises(JobError, match="quips"):
        evaluation.parse_types("direct,quips")


def test_load_gold_makes_ids_strings(gold):
    assert [g["id"] for g in evaluation.load_gold(gold)] == ["7"]


def test_load_gold_names_the_bad_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "a", "text": "x", "quotes": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(JobError, match="gold.jsonl:2"):
        evaluation.load_gold(path)


def test_load_gold_of_empty_file_fails(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(JobError, match="empty"):
        evaluation.load_gold(path)


def test_load_predictions_maps_id_to_quotes(tmp_path):
    path = _write(tmp_path / "pred.jsonl", {"id": "a", "quotes": [{"quote": "x"}]})
    assert evaluation.load_predictions(path) == {"a": [{"quote": "x"}]}


def test_predict_gold_uses_gold_ids(gold, extractor):
    predictions = evaluation.predict_gold(evaluation.load_gold(gold), extractor)
    assert [q["quote"] for q in predictions["7"]] == [QUOTE]


def test_score_gold_benchmark_prints_report(gold, tmp_path, capsys):
    start = TEXT.index(QUOTE)
    pred = _write(tmp_path / "pred.jsonl", {"id": "7", "quotes": [
        {"quote": QUOTE, "start": start, "end": start + len(QUOTE), "type": "direct", "speaker": "Lind"}]})
    main = runpy.run_path(str(SCORE_GOLD))["main"]
    assert main([str(pred), str(gold)]) == 0
    out = capsys.readouterr().out
    assert "articles: 1" in out
    # "Lind" for "Oskar Lind": wrong as a whole name, right only in the lenient column
    assert "speaker accuracy on matched quotes: 0.0 (0/1); lenient (a shared surname counts): 100.0 (1/1)" in out


def test_score_gold_benchmark_reports_bad_file(gold, tmp_path, capsys):
    main = runpy.run_path(str(SCORE_GOLD))["main"]
    assert main([str(tmp_path / "missing.jsonl"), str(gold)]) == 1
    assert "missing.jsonl" in capsys.readouterr().err


THROUGHPUT = SCORE_GOLD.with_name("throughput.py")


def test_throughput_benchmark_reports_ratio_memory_and_rerun(tmp_path, capsys):
    main = runpy.run_path(str(THROUGHPUT))["main"]
    out = tmp_path / "bench.json"
    assert main(["--generated", "--sizes", "1,2", "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert [row["articles"] for row in result["rows"]] == [1, 2]
    for row in result["rows"]:
        assert row["ratio"] > 0 and row["raw_words_per_s"] > 0 and row["extract_peak_mib"] > 100
        assert row["skipped_on_rerun"] == row["articles"] and row["quotes"] > 0
    assert "ratio" in capsys.readouterr().out


def test_throughput_benchmark_repeats_the_corpus_under_new_ids():
    take = runpy.run_path(str(THROUGHPUT))["take"]
    articles = [jobs.Article(id="a", text="One."), jobs.Article(id="b", text="Two.")]
    assert [a.id for a in take(articles, 5)] == ["a", "b", "a~2", "b~2", "a~3"]
    assert take(articles, 5)[4].text == "One."
