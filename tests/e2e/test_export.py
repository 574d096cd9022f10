"""Exports for editors: CSV (with or without BOM) and JSON, filters, and Datasette's labelled CSV."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest

from quotes.cli import app
from quotes.factcheck import export, review
from quotes.web import serve

CONDEMN = "We strongly condemn the delays that left the roof in this state,"


def _quotes(rows):
    return sorted(r["quote"] for r in rows)


def _review(db, quote_start, verdict):
    (qid,) = db.execute("select id from quotes where text like ?", [quote_start + "%"]).fetchone()
    review.add_review(db, qid, verdict, "desk", at="2025-06-10T09:00:00Z")


# -- rows and filters ---------------------------------------------------------------------
def test_every_quote_is_exported(stored):
    assert len(export.export_rows(stored)) == stored["quotes"].count


def test_rows_carry_speaker_as_written_and_context(stored):
    (row,) = export.export_rows(stored, export.Filters(speaker="Delacroix"))
    assert (row["quote"], row["speaker"], row["speaker_as_written"], row["context"]) == (
        "the rise would hit commuters hardest", "Mira Delacroix", "Transport campaigner Mira Delacroix",
        "the rise would hit commuters hardest")


def test_filter_by_article(stored):
    assert {r["article_id"] for r in export.export_rows(stored, export.Filters(article="bridge"))} == {"bridge"}


def test_filter_by_unknown_speaker_is_empty(stored):
    assert export.export_rows(stored, export.Filters(speaker="Nobody Known")) == []


def test_filter_by_outlet_ignores_case_and_takes_part_of_the_name(stored):
    rows = export.export_rows(stored, export.Filters(outlet="ostby"))
    assert {r["publisher"] for r in rows} == {"Ostby Tidings"}


@pytest.mark.parametrize("since, until, expected", [
    ("2025-06-03", None, {"bridge"}), (None, "2025-06-02", {"museum"}), ("2025-06", "2025-06", {"museum", "bridge"}),
    ("2025-07-01", None, set()),
])
def test_filter_by_date_range(stored, since, until, expected):
    rows = export.export_rows(stored, export.Filters(since=since, until=until))
    assert {r["article_id"] for r in rows} == expected


def test_bad_date_is_an_error(stored):
    with pytest.raises(export.ExportError, match="YYYY-MM-DD"):
        export.export_rows(stored, export.Filters(since="June 2025"))


def test_filter_by_type(stored):
    rows = export.export_rows(stored, export.Filters(types=["partial", "indirect"]))
    assert {r["type"] for r in rows} == {"partial", "indirect"} and len(rows) == 4


def test_unknown_type_is_an_error(stored):
    with pytest.raises(export.ExportError, match="quip"):
        export.export_rows(stored, export.Filters(types=["quip"]))


def test_filter_by_minimum_confidence(stored):
    stored.execute("update quotes set confidence = 0.3 where text like 'a sad%'")
    rows = export.export_rows(stored, export.Filters(min_confidence=0.5))
    assert "a sad but necessary day" not in _quotes(rows) and len(rows) == stored["quotes"].count - 1


def test_filter_by_latest_review_verdict(stored):
    _review(stored, "We strongly condemn", "needs check")
    _review(stored, "We strongly condemn", "correct")
    _review(stored, "a sad", "wrong speaker")
    assert _quotes(export.export_rows(stored, export.Filters(verdict="correct"))) == [CONDEMN]
    assert len(export.export_rows(stored, export.Filters(verdict="unreviewed"))) == stored["quotes"].count - 2


def test_unknown_verdict_is_an_error(stored):
    with pytest.raises(export.ExportError, match="unknown verdict 'fine'"):
        export.export_rows(stored, export.Filters(verdict="fine"))


def test_filters_combine(stored):
    rows = export.export_rows(stored, export.Filters(speaker="Quist", types=["direct"], outlet="Merrow"))
    assert [r["speaker"] for r in rows] == ["Helena Quist", "Helena Quist"]


# -- formats ------------------------------------------------------------------------------
def test_csv_has_clear_headers_and_exact_quote_text(stored):
    text = export.render(export.export_rows(stored, export.Filters(article="museum")))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == export.HEADERS and CONDEMN in {r["Quote"] for r in rows}


def test_csv_without_bom_starts_with_the_header(stored):
    assert export.render(export.export_rows(stored)).startswith("Quote ID,Quote,Type,Speaker,")


def test_csv_with_bom_for_spreadsheets(stored, tmp_path):
    path = tmp_path / "out.csv"
    export.write(export.export_rows(stored), path, bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfQuote ID,")


def test_json_has_snake_case_keys_and_numbers(stored):
    rows = json.loads(export.render(export.export_rows(stored, export.Filters(article="bridge")), "json"))
    assert set(rows[0]) == {key for key, _header in export.FIELDS} and isinstance(rows[0]["start"], int)


def test_json_with_bom_is_refused(stored):
    with pytest.raises(export.ExportError, match="CSV"):
        export.render([], "json", bom=True)


def test_non_ascii_text_survives_as_utf8(stored, tmp_path):
    stored.execute("update articles set publisher = 'Tidende för Östby' where id = 'bridge'")
    path = tmp_path / "out.csv"
    export.write(export.export_rows(stored, export.Filters(article="bridge")), path)
    assert "Tidende för Östby" in path.read_text(encoding="utf-8")


# -- command line -------------------------------------------------------------------------
@pytest.fixture
def db_file(stored, db_path):
    stored.close()
    return str(db_path)


def test_export_command_writes_csv(runner, db_file, tmp_path):
    out = tmp_path / "quotes.csv"
    result = runner.invoke(app, ["export", "--csv", str(out), "--db", db_file])
    assert result.exit_code == 0 and "wrote 7 quotes" in result.stderr
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")[:3] == ["Quote ID", "Quote", "Type"]


def test_export_command_json_with_filters_to_stdout(runner, db_file):
    result = runner.invoke(app, ["export", "--json", "-", "--speaker", "Quist", "--type", "direct,indirect",
                                 "--since", "2025-06-01", "--until", "2025-06-30", "--min-confidence", "0.5",
                                 "--db", db_file])
    rows = json.loads(result.stdout)
    assert {(r["speaker"], r["type"]) for r in rows} == {
        ("Helena Quist", "direct"), ("Helena Quist", "indirect"), ("Lars Quist", "direct")}


def test_export_command_bom(runner, db_file, tmp_path):
    out = tmp_path / "quotes.csv"
    runner.invoke(app, ["export", "--csv", str(out), "--bom", "--outlet", "Merrow Post", "--db", db_file])
    assert out.read_bytes()[:3] == b"\xef\xbb\xbf"


def test_export_command_csv_starts_with_a_bom_by_default_for_excel(runner, db_file, tmp_path):
    out = tmp_path / "quotes.csv"
    runner.invoke(app, ["export", "--csv", str(out), "--db", db_file])
    assert out.read_bytes().startswith(b"\xef\xbb\xbfQuote ID,")


def test_export_command_no_bom_starts_with_the_header(runner, db_file, tmp_path):
    out = tmp_path / "quotes.csv"
    runner.invoke(app, ["export", "--csv", str(out), "--no-bom", "--db", db_file])
    assert out.read_bytes().startswith(b"Quote ID,Quote,Type,")


def test_export_help_shows_no_bom_flag_without_a_value(runner):
    result = runner.invoke(app, ["export", "--help"])
    assert "--no-bom" in result.stdout and "<bool>" not in result.stdout.split("--no-bom")[1].split("\n")[0]


def test_export_command_tsv_has_tab_separated_columns(runner, db_file, tmp_path):
    out = tmp_path / "quotes.tsv"
    runner.invoke(app, ["export", "--tsv", str(out), "--no-bom", "--article", "museum", "--db", db_file])
    rows = list(csv.reader(out.open(encoding="utf-8", newline=""), delimiter="\t"))
    assert tuple(rows[0]) == export.HEADERS and CONDEMN in {r[1] for r in rows[1:]}


def test_export_command_json_lines_has_one_quote_a_line(runner, db_file):
    result = runner.invoke(app, ["export", "--nl", "-", "--article", "museum", "--db", db_file])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert CONDEMN in {r["quote"] for r in rows} and all(set(r) == {k for k, _h in export.FIELDS} for r in rows)


def test_streamed_export_writes_what_the_rows_hold(stored, tmp_path):
    path = tmp_path / "all.json"
    written = export.export(stored, None, path, "json")
    assert written == stored["quotes"].count
    assert json.loads(path.read_text(encoding="utf-8")) == export.export_rows(stored)


def test_streamed_csv_guards_cells_that_a_spreadsheet_would_run(stored, tmp_path):
    stored.execute("update quotes set cue = '=SUM(A1)' where text = ?", [CONDEMN])
    path = tmp_path / "out.csv"
    export.export(stored, export.Filters(article="museum"), path, "csv")
    assert "'=SUM(A1)" in path.read_text(encoding="utf-8")


def test_streamed_export_without_a_match_writes_nothing(stored, tmp_path):
    path = tmp_path / "none.csv"
    assert export.export(stored, export.Filters(speaker="Nobody Known"), path, "csv") == 0 and not path.exists()


def test_export_command_needs_one_output(runner, db_file):
    result = runner.invoke(app, ["export", "--csv", "a.csv", "--json", "b.json", "--db", db_file])
    assert result.exit_code == 1
    assert result.stderr == "Error: give one of --csv FILE, --tsv FILE, --json FILE or --nl FILE\n"


def test_export_command_bad_filter_fails_in_one_line_and_writes_nothing(runner, db_file, tmp_path):
    out = tmp_path / "quotes.csv"
    out.write_text("earlier export\n", encoding="utf-8")
    result = runner.invoke(app, ["export", "--csv", str(out), "--since", "last week", "--db", db_file])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "YYYY-MM-DD" in result.stderr
    assert out.read_text(encoding="utf-8") == "earlier export\n"


# -- Datasette ----------------------------------------------------------------------------
@pytest.fixture
def datasette(db_file):
    return serve.app(db_file)


def test_datasette_csv_link_keeps_labels(datasette):
    page = asyncio.run(datasette.client.get("/quotes/quotes")).text
    assert "_labels=on" in page and ".csv?" in page


def test_datasette_labelled_csv_names_speakers_and_articles(datasette):
    text = asyncio.run(datasette.client.get("/quotes/quotes.csv?_labels=on&_size=max")).text
    rows = list(csv.DictReader(io.StringIO(text)))
    condemn = next(r for r in rows if r["text"] == CONDEMN)
    assert condemn["speaker"] == "Helena Quist"  # Datasette's speaker_id_label, renamed
    assert condemn["article"] == "Merrow museum to close east wing for two years"



def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe():
    rows = [{key: None for key, _header in export.FIELDS}]
    rows[0][export.FIELDS[0][0]] = '=HYPERLINK("http://example.invalid")'
    assert "'=HYPERLINK" in export.render(rows, "csv").splitlines()[1]
    assert '"=HYPERLINK' in export.render(rows, "json")  # JSON keeps the text as it is


def test_impossible_month_is_refused(stored):
    with pytest.raises(export.ExportError, match="2022-13"):
        export.export_rows(stored, export.Filters(since="2022-13"))


def test_clean_quote_column_drops_the_reporters_trailing_comma_and_keeps_the_quote_as_written(stored):
    rows = export.export_rows(stored)
    row = next(r for r in rows if r["quote"].startswith("We strongly condemn"))
    assert row["quote"].endswith("state,") and row["clean_quote"] == row["quote"][:-1]
