"""A failing request on a quotes site is one log line and a 4xx (or 500) page: never a traceback."""

import asyncio
import logging
import shutil

import pytest

from quotes.web import serve


@pytest.fixture
def ds(tmp_path, stored_file):
    path = tmp_path / "quotes.db"
    shutil.copyfile(stored_file, path)
    return serve.app(path, {})


@pytest.mark.parametrize("path, status", [
    ('/quotes/quotes?_search="', 400),
    ('/quotes/quotes.json?_search="', 400),
    ("/quotes/quotes?_sort=no_such_column", 400),
    ("/quotes/no_such_table", 404),
    ("/nowhere", 404),
])
def test_a_bad_request_is_a_4xx_and_one_log_line(ds, path, status, caplog, capsys):
    with caplog.at_level(logging.WARNING, logger="quotes.web"):
        response = asyncio.run(ds.client.get(path))
    assert response.status_code == status
    records = [r for r in caplog.records if r.name == "quotes.web"]
    assert len(records) == 1 and str(status) in records[0].getMessage()
    printed = capsys.readouterr()
    assert printed.out + printed.err == ""  # the log line is all


def test_a_json_error_is_json(ds):
    response = asyncio.run(ds.client.get('/quotes/quotes.json?_search="'))
    assert response.json()["ok"] is False and response.json()["status"] == 400


def test_a_post_to_a_table_is_method_not_allowed(ds, caplog):
    with caplog.at_level(logging.WARNING, logger="quotes.web"):
        response = asyncio.run(ds.client.post("/quotes/quotes", data={"a": "b"}))
    assert response.status_code == 405
    assert len([r for r in caplog.records if r.name == "quotes.web"]) == 1


@pytest.mark.parametrize("path", ["/quotes/quotes?_facet=nope", "/quotes/quotes?_sort_desc=nope"])
def test_unknown_facets_and_sorts_are_bad_requests(ds, path):
    assert asyncio.run(ds.client.get(path)).status_code == 400


def test_a_path_out_of_the_static_folder_is_not_found(ds):
    assert asyncio.run(ds.client.get("/-/static-plugins/quotes/../../etc/passwd")).status_code == 404
