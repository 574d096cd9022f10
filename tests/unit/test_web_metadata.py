"""metadata.json and the canned queries name only tables, views and columns a new database has."""

from __future__ import annotations

import json
import re

import pytest

from quotes import store
from quotes.web import config

METADATA = config.database_metadata()
BUNDLED = json.loads(config.METADATA_PATH.read_text(encoding="utf-8"))["databases"]["quotes"]["tables"]
DOCUMENTED = sorted(name for name, table in BUNDLED.items() if "columns" in table)
TABLES = METADATA["tables"]
QUERIES = METADATA["queries"]


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict[str, set[str]]:
    """Table or view name -> its column names, in a freshly created database."""
    db = store.open_db(tmp_path_factory.mktemp("schema") / "q.db")
    conn = db.conn
    names = [row[0] for row in conn.execute("select name from sqlite_master where type in ('table', 'view')")]
    yield {name: {row[1] for row in conn.execute(f"pragma table_xinfo([{name}])")} for name in names}
    db.close()


@pytest.fixture(scope="module")
def conn(tmp_path_factory):
    db = store.open_db(tmp_path_factory.mktemp("queries") / "q.db")
    yield db.conn
    db.close()


def _facet_column(facet) -> str:
    return facet if isinstance(facet, str) else next(iter(facet.values()))


def _named_columns(table: dict) -> list[tuple[str, str]]:
    named = [("column description", c) for c in table.get("columns", {})]
    named += [("facet", _facet_column(f)) for f in table.get("facets", [])]
    named += [("sortable column", c) for c in table.get("sortable_columns", [])]
    named += [("label column", table["label_column"])] if "label_column" in table else []
    named += [("sort column", table[key]) for key in ("sort", "sort_desc") if key in table]
    return named


@pytest.mark.parametrize("table", sorted(TABLES))
def test_metadata_table_exists(schema, table):
    assert table in schema


@pytest.mark.parametrize("table", sorted(TABLES))
def test_metadata_names_existing_columns(schema, table):
    missing = [(what, column) for what, column in _named_columns(TABLES[table]) if column not in schema.get(table, ())]
    assert missing == []


@pytest.mark.parametrize("table", DOCUMENTED)
def test_metadata_json_describes_every_column_of_its_tables(schema, table):
    assert sorted(schema[table] - set(BUNDLED[table]["columns"])) == []


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_runs_on_a_new_database(conn, name):
    sql = QUERIES[name]["sql"]
    params = dict.fromkeys(re.findall(r":(\w+)", sql))
    if QUERIES[name].get("write"):
        conn.execute(f"explain {sql}", params)
    else:
        conn.execute(f"select * from ({sql}) limit 0", params)
