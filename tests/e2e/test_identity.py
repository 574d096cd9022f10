"""Speakers across articles: full names, surname + title, aliases, merges and splits that last."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest

from quotes import store
from quotes.cli import app
from quotes.model import Article
from quotes.store import speakers as identity
from quotes.web import serve

PORT_1 = ("Dredging to start in May\n\nPort director Ilse Marwick said the dredging would start in May "
          "and end before the autumn storms.\n")
PORT_2 = ("Harbour reopens\n\nMarwick, the port director, said the harbour was open again to ferries.\n")
PORT_3 = ("Pilots strike\n\nHarbour pilot Tomas Marwick said the pilots would stop work on Monday.\n")
MUSEUM_2 = ("Roof repairs on time\n\nQuist, the museum director, said the roof would be finished by March.\n")
BRIDGE_2 = ("Second toll vote\n\nQuist said the assembly would vote on the toll again in the spring.\n")


@pytest.fixture
def save(stored, quote_at):
    """``save(id, text, quote, name, mention, title=None)``: store a one-quote article, return the quote's
    speaker id."""

    def _save(article_id, text, quote, name, mention, title=None):
        article = Article(id=article_id, text=text, publisher="Harbour Courier", published="2025-07-01")
        store.save_extraction(stored, article, [quote_at(article, quote, "indirect", name, mention, title=title)])
        return stored.execute("select speaker_id from quotes where article_id = ?", [article_id]).fetchone()[0]

    return _save


def _speaker_of(db, article_id):
    return db.execute("select s.name from quotes q join speakers s on s.id = q.speaker_id "
                      "where q.article_id = ?", [article_id]).fetchone()[0]


def _id_of(db, name):
    return db.execute("select id from speakers where name = ?", [name]).fetchone()[0]


# -- matching -----------------------------------------------------------------------------
def test_same_full_name_in_two_articles_is_one_speaker(stored, save):
    sid = save("museum-2", MUSEUM_2, "the roof would be finished by March", "Helena Quist", "Quist")
    assert sid == _id_of(stored, "Helena Quist")


def test_surname_with_same_title_joins_the_stored_speaker(stored, save):
    first = save("port-1", PORT_1, "the dredging would start in May", "Ilse Marwick", "Port director Ilse Marwick",
                 title="Port director")
    second = save("port-2", PORT_2, "the harbour was open again to ferries", "Marwick", "Marwick",
                  title="port director")
    assert second == first


def test_surname_with_other_title_is_another_speaker(stored, save):
    first = save("port-1", PORT_1, "the dredging would start in May", "Ilse Marwick", "Port director Ilse Marwick",
                 title="Port director")
    other = save("port-3", PORT_3, "the pilots would stop work on Monday", "Marwick", "Harbour pilot Tomas Marwick",
                 title="Harbour pilot")
    assert other != first


def test_other_given_name_is_another_speaker_even_with_same_title(stored, save):
    sid = save("museum-2", MUSEUM_2, "the roof would be finished by March", "Anna Quist", "Quist",
               title="director")
    assert sid != _id_of(stored, "Helena Quist")


def test_surname_and_title_pick_the_one_quist_that_fits(stored, save):
    # the store holds Helena Quist (director) and Lars Quist (assembly member)
    sid = save("museum-2", MUSEUM_2, "the roof would be finished by March", "Quist", "Quist",
               title="museum director")
    assert sid == _id_of(stored, "Helena Quist")


def test_surname_without_title_or_organisation_stays_apart(stored, save):
    sid = save("bridge-2", BRIDGE_2, "the assembly would vote on the toll again in the spring", "Quist", "Quist")
    assert sid not in {_id_of(stored, "Helena Quist"), _id_of(stored, "Lars Quist")}


def test_fuller_name_later_becomes_the_speaker_name(stored, save):
    first = save("port-2", PORT_2, "the harbour was open again to ferries", "Marwick", "Marwick",
                 title="port director")
    second = save("port-1", PORT_1, "the dredging would start in May", "Ilse Marwick",
                  "Port director Ilse Marwick", title="Port director")
    assert second == first and _speaker_of(stored, "port-2") == "Ilse Marwick"


def test_aliases_keep_every_name_form_with_its_article(stored, save):
    sid = save("port-1", PORT_1, "the dredging would start in May", "Ilse Marwick", "Port director Ilse Marwick",
               title="Port director")
    save("port-2", PORT_2, "the harbour was open again to ferries", "Marwick", "Marwick", title="port director")
    rows = set(stored.execute("select alias, article_id, form from speaker_aliases where speaker_id = ?", [sid]))
    assert rows == {("Ilse Marwick", "port-1", "name"), ("Port director Ilse Marwick", "port-1", "mention"),
                    ("Marwick", "port-2", "name")}


def test_pronoun_mentions_are_not_aliases(stored):
    helena = _id_of(stored, "Helena Quist")
    assert "she" not in {a.casefold() for a in identity.aliases(stored, helena)}


def test_reingesting_an_article_replaces_its_aliases(stored, save, quote_at):
    save("port-1", PORT_1, "the dredging would start in May", "Ilse Marwick", "Port director Ilse Marwick")
    save("port-1", PORT_1, "the dredging would start in May", "Ilse Marwick", "Ilse Marwick")
    aliases = [row[0] for row in stored.execute("select alias from speaker_aliases where article_id = 'port-1'")]
    assert aliases == ["Ilse Marwick"]


# -- merge and split ----------------------------------------------------------------------
def test_merge_moves_quotes_and_removes_the_other_speaker(stored, save):
    save("bridge-2", BRIDGE_2, "the assembly would vote on the toll again in the spring", "Quist", "Quist")
    kept = identity.merge(stored, "Lars Quist", _id_of_unmatched(stored))
    assert _speaker_of(stored, "bridge-2") == "Lars Quist" and kept["name"] == "Lars Quist"
    assert stored.execute("select count(*) from speakers where name = 'Quist'").fetchone()[0] == 0


def _id_of_unmatched(db):
    return db.execute("select id from speakers where name = 'Quist'").fetchone()[0]


def test_merge_lasts_when_the_article_is_ingested_again(stored, save):
    save("bridge-2", BRIDGE_2, "the assembly would vote on the toll again in the spring", "Quist", "Quist")
    identity.merge(stored, "Lars Quist", _id_of_unmatched(stored))
    save("bridge-2", BRIDGE_2, "the assembly would vote on the toll again in the spring", "Quist", "Quist")
    assert _speaker_of(stored, "bridge-2") == "Lars Quist"


def test_merge_applies_to_new_articles_with_that_name(stored, save):
    save("bridge-2", BRIDGE_2, "the assembly would vote on the toll again in the spring", "Quist", "Quist")
    identity.merge(stored, "Lars Quist", _id_of_unmatched(stored))
    sid = save("museum-2", MUSEUM_2, "the roof would be finished by March", "Quist", "Quist")
    assert sid == _id_of(stored, "Lars Quist")


def test_split_gives_an_article_its_own_speaker(stored):
    new = identity.split(stored, "Lars Quist", ["bridge"], name="Lars Quist (Ostby)")
    assert _speaker_of(stored, "bridge") == "Lars Quist (Ostby)" and new["kind"] == "person"


def test_split_lasts_when_the_article_is_ingested_again(stored, articles, quotes_of):
    new = identity.split(stored, "Helena Quist", ["museum"], name="Helena Quist (Merrow)")
    store.save_extraction(stored, articles[0], quotes_of(articles[0]))
    ids = {row[0] for row in stored.execute(
        "select speaker_id from quotes where article_id = 'museum' and speaker_mention like '%Quist%'")}
    assert ids == {new["id"]}


def test_split_keeps_other_articles_with_the_original_speaker(stored, save):
    save("museum-2", MUSEUM_2, "the roof would be finished by March", "Helena Quist", "Quist")
    original = _id_of(stored, "Helena Quist")
    identity.split(stored, "Helena Quist", ["museum-2"], name="Helena Quist (roofer)")
    assert _speaker_of(stored, "museum") == "Helena Quist" and _id_of(stored, "Helena Quist") == original


def test_split_of_an_article_without_their_quotes_fails(stored):
    with pytest.raises(identity.IdentityError, match="no quotes"):
        identity.split(stored, "Lars Quist", ["museum"])


def test_merge_of_a_speaker_with_itself_fails(stored):
    with pytest.raises(identity.IdentityError, match="same speaker"):
        identity.merge(stored, "Lars Quist", "lars quist")


def test_ambiguous_speaker_name_fails_with_ids(stored):
    with pytest.raises(identity.IdentityError, match="several speakers"):
        identity.find_speaker(stored, "Quist")


def test_failed_merge_changes_nothing(stored):
    before = list(stored.execute("select id, speaker_id from quotes order by id"))
    with pytest.raises(identity.IdentityError):
        identity.merge(stored, "Lars Quist", "Nobody Known")
    assert list(stored.execute("select id, speaker_id from quotes order by id")) == before


# -- command line and Datasette -----------------------------------------------------------
def test_speaker_page_lists_quotes_over_time_by_article_and_outlet(runner, stored, save, db_path):
    save("museum-2", MUSEUM_2, "the roof would be finished by March", "Helena Quist", "Quist")
    stored.close()
    result = runner.invoke(app, ["speaker", "helena quist", "--db", str(db_path)])
    lines = result.stdout.splitlines()
    assert lines[0] == "Helena Quist: 4 quotes in 2 articles from 2 outlets"
    assert lines[1] == "  also written: Quist, director Helena Quist"  # most used first
    headings = [line.split()[:2] for line in lines if line.startswith("  2025")]
    assert headings == [["2025-06-02", "Merrow"], ["2025-07-01", "Harbour"]]


def test_speakers_merge_command(runner, stored, save, db_path):
    save("bridge-2", BRIDGE_2, "the assembly would vote on the toll again in the spring", "Quist", "Quist")
    other = _id_of_unmatched(stored)
    stored.close()
    result = runner.invoke(app, ["speakers", "merge", "Lars Quist", other, "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"merged '{other}' into Lars Quist")


def test_speakers_split_command(runner, stored, db_path):
    stored.close()
    result = runner.invoke(app, ["speakers", "split", "Lars Quist", "--article", "bridge", "--name", "L. Quist",
                                 "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "the quotes in bridge are now L. Quist" in result.stdout


def test_speakers_merge_of_ambiguous_name_fails_in_one_line(runner, stored, db_path):
    stored.close()
    result = runner.invoke(app, ["speakers", "merge", "Quist", "Lars Quist", "--db", str(db_path)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "several speakers" in result.stderr


def test_speakers_list_shows_counts_and_name_forms(runner, stored, db_path):
    stored.close()
    result = runner.invoke(app, ["speakers", "list", "Helena", "--db", str(db_path)])
    (line,) = result.stdout.splitlines()
    assert line.endswith("Helena Quist (person, director): 3 quotes in 1 article; also written: "
                         "director Helena Quist, Quist")


def test_speakers_list_json_is_an_array_of_speakers(runner, stored, db_path):
    stored.close()
    result = runner.invoke(app, ["speakers", "list", "Helena", "--json", "--db", str(db_path)])
    (speaker,) = json.loads(result.stdout)
    assert (speaker["name"], speaker["quotes"], speaker["articles"]) == ("Helena Quist", 3, 1)


def test_speakers_list_nl_prints_one_object_a_line(runner, stored, db_path):
    stored.close()
    result = runner.invoke(app, ["speakers", "list", "Quist", "--nl", "--db", str(db_path)])
    names = sorted(json.loads(line)["name"] for line in result.stdout.splitlines())
    assert names == ["Helena Quist", "Lars Quist"]


def test_speakers_list_csv_has_a_header_and_a_row_per_speaker(runner, stored, db_path):
    stored.close()
    result = runner.invoke(app, ["speakers", "list", "Helena", "--csv", "--db", str(db_path)])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["name"], r["quotes"]) for r in rows] == [("Helena Quist", "3")]


def test_speakers_list_with_two_formats_is_a_usage_error(runner, stored, db_path):
    stored.close()
    result = runner.invoke(app, ["speakers", "list", "--json", "--csv", "--db", str(db_path)])
    assert result.exit_code == 2


def test_datasette_speaker_page_finds_a_speaker_by_name_form(stored, save, db_path):
    save("port-1", PORT_1, "the dredging would start in May", "Ilse Marwick", "Port director Ilse Marwick",
         title="Port director")
    save("port-2", PORT_2, "the harbour was open again to ferries", "Marwick", "Marwick", title="port director")
    stored.close()
    datasette = serve.app(db_path)
    rows = asyncio.run(datasette.client.get("/quotes/speaker_page.json?speaker=Ilse&_shape=array")).json()
    assert [(r["article_id"], r["speaker"]) for r in rows] == [("port-1", "Ilse Marwick"), ("port-2", "Ilse Marwick")]


def test_name_forms_stored_before_keys_existed_still_match(stored, save):
    save("port-1", PORT_1, "the dredging would start in May", "Ilse Marwick", "Port director Ilse Marwick",
         title="Port director")
    stored.execute("update speaker_aliases set key = null, surname = null")
    second = save("port-2", PORT_2, "the harbour was open again to ferries", "Marwick", "Marwick",
                  title="port director")
    assert second == _id_of(stored, "Ilse Marwick")
