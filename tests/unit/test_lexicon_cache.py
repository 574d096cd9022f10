"""The lexicon's parsed tables are kept as JSON in the cache folder, named by the TOML file's hash."""

import pytest
import tomllib

from quotes import lexicon


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTES_CACHE_DIR", str(tmp_path))
    lexicon.lexicon.cache_clear()
    yield tmp_path
    lexicon.lexicon.cache_clear()


def _parsed():
    with lexicon.LEXICON_PATH.open("rb") as handle:
        return tomllib.load(handle)


def test_first_read_writes_the_cache_and_gives_the_toml_tables(cache):
    assert lexicon.lexicon() == _parsed()
    assert [p.name.startswith("lexicon-") for p in cache.iterdir()] == [True]


def test_a_broken_cache_file_is_parsed_again(cache):
    lexicon.lexicon()
    lexicon.lexicon.cache_clear()
    next(cache.iterdir()).write_text("{not json", encoding="utf-8")
    assert lexicon.lexicon() == _parsed()


def test_an_unwritable_cache_folder_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("QUOTES_CACHE_DIR", str(blocker / "below"))
    lexicon.lexicon.cache_clear()
    try:
        assert lexicon.lexicon() == _parsed()
    finally:
        lexicon.lexicon.cache_clear()
