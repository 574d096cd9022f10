"""Attributions are stored records: one row per source + cue + content, its quotes linked to it, and the
JSON Lines output gives every fragment of one attribution the same ``attribution_id``."""

from __future__ import annotations

import json

from quotes import store
from quotes.extractor import Extraction
from quotes.model import Article
from quotes.run.batch import output_record

TEXT = ("Harbour master Ines Kolby said on Monday that the pier would “not reopen before June” and the repairs "
        "were “long overdue”.\n\n"
        "“The pier is safe,” Kolby said, “but the ferry terminal is not.”\n\n"
        "The so-called “safe pier” has been closed since March.\n")
ARTICLE = Article(id="pier", text=TEXT, title="Pier stays shut")


def _stored(extractor, db_path):
    db = store.open_db(db_path)
    store.save_extraction(db, ARTICLE, extractor.extract(ARTICLE))
    return db


def test_a_split_quote_is_one_attribution_with_two_fragments(extractor, db_path):
    db = _stored(extractor, db_path)
    row = db.execute("select type, content, fragments, source, cue from attributions "
                     "where content like '“The pier is safe%'").fetchone()
    assert row == ("direct", "“The pier is safe,” Kolby said, “but the ferry terminal is not.”", 2, "Kolby", "said")


def test_partial_quotes_of_one_paraphrase_share_its_attribution(extractor, db_path):
    db = _stored(extractor, db_path)
    rows = db.execute("select q.text, a.type, a.content from quotes q join attributions a on a.id = q.attribution_id "
                      "where q.type = 'partial' order by q.start").fetchall()
    content = "that the pier would “not reopen before June” and the repairs were “long overdue”"
    assert rows == [("not reopen before June", "mixed", content), ("long overdue", "mixed", content)]


def test_the_attribution_names_the_speaker_of_its_fragments(extractor, db_path):
    db = _stored(extractor, db_path)
    names = db.execute("select distinct s.name from attributions a join speakers s on s.id = a.speaker_id").fetchall()
    assert names == [("Ines Kolby",)]


def test_a_scare_quote_belongs_to_no_attribution(extractor, db_path):
    db = _stored(extractor, db_path)
    assert db.execute("select attribution_id from quotes where text = 'safe pier'").fetchall() == [(None,)]


def test_extracting_again_replaces_the_article_attributions(extractor, db_path):
    db = _stored(extractor, db_path)
    before = db.execute("select id from attributions order by id").fetchall()
    store.save_extraction(db, ARTICLE, extractor.extract(ARTICLE))
    assert db.execute("select id from attributions order by id").fetchall() == before


def test_the_attribution_content_is_searchable(extractor, db_path):
    db = _stored(extractor, db_path)
    assert [r["fragments"] for r in db["attributions"].search("ferry terminal")] == [2]


def test_json_lines_give_the_fragments_of_one_attribution_one_id(extractor):
    record = json.loads(json.dumps(output_record(Extraction(ARTICLE, extractor.extract(ARTICLE)))))
    ids = {q["quote"]: q["attribution_id"] for q in record["quotes"]}
    assert ids["The pier is safe,"] == ids["but the ferry terminal is not."] is not None
    assert ids["not reopen before June"] == ids["long overdue"] != ids["The pier is safe,"]
    assert ids["safe pier"] is None
