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
