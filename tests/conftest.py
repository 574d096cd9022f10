"""Shared fixtures: fixture articles written for these tests, one Extractor per session, databases.

tests/ is not a package (coreferee installs a top-level ``tests``): import nothing from here,
use the fixtures.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes import store
from quotes.extractor import Extractor
from quotes.model import Article, Quote, Speaker
from quotes.run import batch as jobs

MUSEUM = (
    "Merrow museum to close east wing for two years\n"
    "\n"
    "MERROW, June 2 — The Merrow Museum of Maritime History will close its east wing for two years while "
    "the roof is replaced, the museum said on Wednesday.\n"
    "\n"
    "“We strongly condemn the delays that left the roof in this state,” director Helena Quist said at a "
    "briefing.\n"
    "\n"
    "“The collection is safe,” she said, “and most of it will travel to schools while we rebuild.”\n"
    "\n"
    "Quist said that the west wing would stay open throughout the work.\n"
    "\n"
    "Volunteer guide Anton Brisk called the closure “a sad but necessary day”.\n"
)
BRIDGE = (
    "Toll rise on Ostby bridge approved\n"
    "\n"
    "OSTBY, June 5 — Drivers will pay more to cross the Ostby bridge from July, after the regional "
    "assembly approved a higher toll on Friday.\n"
    "\n"
    "\"Nobody likes paying more, but the cables will not repair themselves,\" assembly member Lars Quist "
    "told reporters.\n"
    "\n"
    "Transport campaigner Mira Delacroix said the rise would hit commuters hardest.\n"
)


def museum_article() -> Article:
    return Article(id="museum", text=MUSEUM, title="Merrow museum to close east wing for two years",
                   publisher="Merrow Post", published="2025-06-02", url="https://example.org/museum")


def bridge_article() -> Article:
    return Article(id="bridge", text=BRIDGE, title="Toll rise on Ostby bridge approved", publisher="Ostby Tidings",
                   published="2025-06-05")


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture
def articles() -> list[Article]:
    return [museum_article(), bridge_article()]


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "db" / "quotes.db"


def _quote(article: Article, text: str, type: str, name: str | None, mention: str | None = None, cue: str = "said",
           kind: str = "person", title: str | None = None, resolved: bool = True) -> Quote:
    start = article.text.index(text)
    quote = Quote(text=text, start=start, end=start + len(text), type=type, confidence=0.8, method="syntax",
                  sentence=text)
    if name is not None:
        quote.speaker = Speaker(name, kind=kind, title=title, resolved=resolved)
        quote.speaker_mention = mention or name
        quote.speaker_start = article.text.index(quote.speaker_mention, max(0, start - 200))
        quote.speaker_end = quote.speaker_start + len(quote.speaker_mention)
        quote.cue = cue
        quote.cue_start = article.text.index(cue, quote.speaker_end if quote.speaker_end < start else start)
        quote.cue_end = quote.cue_start + len(cue)
    return quote


def hand_quotes(article: Article) -> list[Quote]:
    """Quotes of the fixture articles as an extractor should find them (no model needed)."""
    if article.id == "museum":
        return [
            _quote(article, "The Merrow Museum of Maritime History will close its east wing for two years while "
                   "the roof is replaced", "indirect", "museum", "the museum", kind="unnamed", resolved=False),
            _quote(article, "We strongly condemn the delays that left the roof in this state,", "direct",
                   "Helena Quist", "director Helena Quist", title="director"),
            _quote(article, "The collection is safe,", "direct", "Helena Quist", "she"),
            _quote(article, "the west wing would stay open throughout the work", "indirect", "Helena Quist",
                   "Quist"),
            _quote(article, "a sad but necessary day", "partial", "Anton Brisk", "Volunteer guide Anton Brisk",
                   cue="called", title="Volunteer guide"),
        ]
    return [
        _quote(article, "Nobody likes paying more, but the cables will not repair themselves,", "direct",
               "Lars Quist", "assembly member Lars Quist", cue="told reporters", title="assembly member"),
        _quote(article, "the rise would hit commuters hardest", "indirect", "Mira Delacroix",
               "Transport campaigner Mira Delacroix", title="Transport campaigner"),
    ]


@pytest.fixture
def quotes_of():
    """``quotes_of(article)``: hand-made quotes of a fixture article."""
    return hand_quotes


@pytest.fixture
def quote_at():
    """``quote_at(article, text, type, name, mention=None, cue="said", kind=..., title=...)``: a hand-made
    quote of ``text`` in ``article`` (first occurrence), said by ``name``."""
    return _quote


@pytest.fixture
def stored(db_path, articles):
    """A database holding both fixture articles with their hand-made quotes; yields it open."""
    db = store.open_db(db_path)
    for article in articles:
        store.save_extraction(db, article, hand_quotes(article))
    yield db
    db.close()


@pytest.fixture(scope="session")
def stored_file(tmp_path_factory) -> Path:
    """A closed database file with what ``stored`` holds, made once per run: copy it, never write to it."""
    path = tmp_path_factory.mktemp("stored") / "quotes.db"
    db = store.open_db(path)
    for article in (museum_article(), bridge_article()):
        store.save_extraction(db, article, hand_quotes(article))
    db.close()
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


_SCREENSHOTS = pytest.StashKey[list]()


@pytest.fixture
def screenshots(request) -> list:
    """Append the paths of screenshots a test saves; the end of the run lists them."""
    return request.config.stash.setdefault(_SCREENSHOTS, [])


def pytest_terminal_summary(terminalreporter, config):
    for path in config.stash.get(_SCREENSHOTS, []):
        terminalreporter.write_line(f"screenshot: {path}")


def _db_contents(path: Path) -> dict[str, list[tuple]]:
    db = store.open_db(path, create=False)
    try:
        contents = {}
        for table in db.table_names():
            if "_fts" in table or table.endswith("_state"):  # search indexes; cache stamps made of times
                continue
            columns = [c for c in db[table].columns_dict if not c.endswith("_at")]  # times differ per run
            select = ", ".join(f'"{c}"' for c in columns)
            contents[table] = sorted(db.execute(f'select {select} from "{table}"').fetchall(), key=repr)
        return contents
    finally:
        db.close()


@pytest.fixture
def db_contents():
    """``db_contents(path)``: every stored row of every table (no FTS, no ``*_at`` times), to compare runs."""
    return _db_contents


@pytest.fixture
def corpus(articles) -> list[Article]:
    """The two fixture stories plus the bundled example articles."""
    return articles + jobs.read_batch([str(jobs.EXAMPLES_DIR)]).articles


def _store_run(path, articles, extractor, **options):
    db = store.open_db(path)
    try:
        return list(jobs.extract_batch(articles, extractor, db, **options))
    finally:
        db.close()


@pytest.fixture
def store_run():
    """``store_run(path, articles, extractor, **options)``: extract into a fresh database; the results."""
    return _store_run


@pytest.fixture
def inputs(tmp_path) -> Path:
    """A folder with the museum story as .txt and the bridge story as a one-line .jsonl."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "museum.txt").write_text(MUSEUM, encoding="utf-8")
    bridge = bridge_article()
    record = {"id": bridge.id, "title": bridge.title, "publisher": bridge.publisher,
              "published": bridge.published, "text": bridge.text}
    (folder / "bridge.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


@dataclass
class WebClient:
    """A Datasette client that keeps its cookies, like a browser, and fills in forms' CSRF tokens."""

    ds: object  # datasette.app.Datasette
    cookies: dict = field(default_factory=dict)

    @classmethod
    def reviewer(cls, ds, name: str) -> WebClient:
        """A client logged in as reviewer ``name`` (the signed cookie a login sets)."""
        from quotes.factcheck.review import REVIEWER_ROLE

        return cls(ds, {"ds_actor": ds.sign({"a": {"id": name, "roles": [REVIEWER_ROLE]}}, "actor")})

    def request(self, method: str, path: str, **kwargs):
        response = asyncio.run(getattr(self.ds.client, method)(path, cookies=self.cookies, **kwargs))
        self.cookies.update(response.cookies)
        return response

    def get(self, path: str, **kwargs):
        return self.request("get", path, **kwargs)

    def post(self, path: str, data: dict, **kwargs):
        return self.request("post", path, data=data, **kwargs)

    def csrf(self, path: str) -> str:
        """Open a form page and return its CSRF token (the one in the ds_csrftoken cookie)."""
        page = self.get(path)
        assert page.status_code == 200, page.text
        return re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)

    def login(self, name: str, password: str, page: str = "/-/login"):
        """Log in through the form on ``page`` (the login page, perhaps with a ``next`` to go back to)."""
        return self.post("/-/login", {"username": name, "password": password, "csrftoken": self.csrf(page)})


@pytest.fixture
def web_client():
    """``web_client(ds)``: a :class:`WebClient` on a Datasette instance (``web_client.reviewer(ds, name)``:
    logged in as a reviewer)."""
    return WebClient
