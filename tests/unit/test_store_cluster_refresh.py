"""Clusters stay fresh through the library, and a batched ingest pays for them once."""

from quotes import store
from quotes.model import Article, Quote, Speaker
from quotes.store import clusters


def _article(aid: str) -> tuple[Article, list[Quote]]:
    text = f"“We will rebuild the harbour wall before winter,” said Mara Quell. ({aid})"
    quote = Quote(text="We will rebuild the harbour wall before winter,", start=1, end=48, type="direct",
                  speaker=Speaker("Mara Quell"), speaker_mention="Mara Quell", confidence=0.9)
    return Article(id=aid, text=text, publisher=f"Outlet {aid}"), [quote]


def test_saving_without_refresh_leaves_the_clusters_for_refresh_clusters(tmp_path, monkeypatch):
    db = store.open_db(tmp_path / "q.db")
    calls = []
    monkeypatch.setattr(clusters, "refresh", lambda d, real=clusters.refresh: calls.append(1) or real(d))
    store.save_extractions(db, [_article("a1"), _article("a2")], refresh_clusters=False)
    store.save_extractions(db, [_article("a3")], refresh_clusters=False)
    assert calls == []
    assert store.refresh_clusters(db) is True
    assert calls == [1]
    assert [c.articles for c in clusters.clusters(db)] == [3]


def test_refresh_clusters_does_nothing_when_nothing_changed(tmp_path):
    db = store.open_db(tmp_path / "q.db")
    store.save_extractions(db, [_article("a1"), _article("a2")])
    assert store.refresh_clusters(db) is False


def test_reading_clusters_brings_stale_ones_up_to_date(tmp_path):
    # an ingest killed before its end, or a database an older version wrote, has clusters behind its quotes
    db = store.open_db(tmp_path / "q.db")
    store.save_extractions(db, [_article("a1"), _article("a2")], refresh_clusters=False)
    assert [c.articles for c in clusters.clusters(db)] == [2]
    (hit,) = clusters.lookup(db, "rebuild the harbour wall", limit=1)
    assert hit["cluster"].articles == 2


def _snapshot(db):
    return (sorted(db.execute("select * from quote_clusters").fetchall()),
            sorted(db.execute("select * from quote_cluster_members").fetchall()))


def _other(aid: str, words: str) -> tuple[Article, list[Quote]]:
    text = f"“{words},” said Oren Tallis. ({aid})"
    quote = Quote(text=f"{words},", start=1, end=2 + len(words), type="direct", speaker=Speaker("Oren Tallis"),
                  speaker_mention="Oren Tallis", confidence=0.9)
    return Article(id=aid, text=text, publisher=f"Outlet {aid}"), [quote]


def test_saving_into_fresh_clusters_updates_them_without_a_full_refresh(tmp_path, monkeypatch):
    db = store.open_db(tmp_path / "q.db")
    store.save_extractions(db, [_article("a1"), _article("a2"), _other("b1", "The ferry will run until nine")])
    calls = []
    monkeypatch.setattr(clusters, "refresh", lambda d, real=clusters.refresh: calls.append(1) or real(d))
    store.save_extractions(db, [_article("a3"), _other("b2", "The ferry will run until nine")])
    assert calls == []
    assert sorted(c.articles for c in clusters.clusters(db)) == [2, 3]


def test_updated_clusters_are_those_a_full_refresh_makes(tmp_path):
    db = store.open_db(tmp_path / "q.db")
    store.save_extractions(db, [_article("a1"), _other("b1", "The ferry will run until nine tonight")])
    store.save_extractions(db, [_article("a2"), _other("b2", "The ferry will run until nine tonight again")])
    store.save_extraction(db, *_other("a1", "Nothing was said about the harbour wall"))  # a1 loses its quote
    updated = _snapshot(db)
    clusters.refresh(db)
    assert updated == _snapshot(db) and len(updated[0]) == 1


def test_a_re_extracted_article_leaves_the_cluster_it_no_longer_quotes(tmp_path):
    db = store.open_db(tmp_path / "q.db")
    store.save_extractions(db, [_article("a1"), _article("a2")])
    store.save_extraction(db, *_other("a2", "The tide tables are wrong"))
    assert clusters.clusters(db) == []


def test_look_alikes_saved_in_turns_make_the_clusters_a_refresh_makes(tmp_path):
    # the first and last wordings are not near each other: saved first, they start two clusters, which the
    # fourth save (near both) joins into one
    chain = ["The new harbour wall will be finished before the first winter storms arrive in the bay",
             "The new harbour wall will be finished before the first winter storms arrive on the bay",
             "The new harbour wall will be finished before the winter storms arrive on the bay",
             "The new harbour wall should be finished before the winter storms arrive on the bay",
             "The new harbour wall should be finished before the winter gales arrive on the bay"]
    db = store.open_db(tmp_path / "q.db")
    for number in (4, 0, 2, 1, 3):
        store.save_extractions(db, [_other(f"c{number}", chain[number])])
    updated = _snapshot(db)
    clusters.refresh(db)
    assert updated == _snapshot(db)
    assert [c.articles for c in clusters.clusters(db)] == [5]
