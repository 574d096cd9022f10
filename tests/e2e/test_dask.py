"""Extraction on Dask: workers extract, the client stores; the database equals a local run."""

from __future__ import annotations

import logging

import pytest
from dask.distributed import LocalCluster

from quotes.cli import app
from quotes.extractor import ExtractorSpec
from quotes.run import distributed


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes on 127.0.0.1, as a remote cluster would be reached: by address."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR) as local:
        yield local


def test_cluster_run_stores_the_same_rows_as_a_local_run(cluster, extractor, tmp_path, db_contents, corpus,
                                                         store_run):
    store_run(tmp_path / "local.db", corpus, extractor)
    results = store_run(tmp_path / "dask.db", corpus, ExtractorSpec(batch_size=2), scheduler=cluster.scheduler_address)
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    assert [r.article.id for r in results] == [a.id for a in corpus]
    assert db_contents(tmp_path / "dask.db") == db_contents(tmp_path / "local.db")


def test_cluster_rerun_skips_on_the_client(cluster, articles, tmp_path, store_run):
    spec = ExtractorSpec(batch_size=2)
    store_run(tmp_path / "dask.db", articles, spec, scheduler=cluster.scheduler_address)
    again = store_run(tmp_path / "dask.db", articles, spec, scheduler=cluster.scheduler_address)
    assert [type(r).__name__ for r in again] == ["Skipped", "Skipped"]


def test_cli_local_cluster_stores_what_a_local_run_stores(runner, inputs, tmp_path, db_contents):
    on_dask = runner.invoke(app, ["extract", str(inputs), "--db", str(tmp_path / "dask.db"), "--scheduler", "local:1"])
    assert on_dask.exit_code == 0, on_dask.output
    assert "Helena Quist" in on_dask.output
    local = runner.invoke(app, ["extract", str(inputs), "--db", str(tmp_path / "local.db")])
    assert local.exit_code == 0, local.output
    assert db_contents(tmp_path / "dask.db") == db_contents(tmp_path / "local.db")


def test_unreachable_scheduler_is_a_one_line_error(runner, inputs, db_path, monkeypatch):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT_S", 1)
    result = runner.invoke(app, ["extract", str(inputs), "--db", str(db_path), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    message = result.output.strip()
    assert message.startswith("Error: cannot use Dask scheduler 'tcp://127.0.0.1:9'")
    assert len(message.splitlines()) == 1


def test_local_without_a_number_is_an_error():
    with pytest.raises(distributed.DaskError, match="local:N"):
        with distributed.dask_client("local"):
            pass
