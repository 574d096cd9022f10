"""A real browser (Debian's chromium, driven by Playwright) against a running ``quotes serve``: a reviewer
logs in, opens an unreviewed quote, records a verdict and follows it to the article view; a logged-out
reviewer who follows a review link logs in and lands on that quote; an anonymous POST is refused; the
quotes at a glance, the citation button and the search across tables work as a reader sees them.
Screenshots go to build/screenshots/."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from quotes.factcheck import review
from quotes.web import reviewers

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
PASSWORD = "harbour-light-7"
QUOTE = "The collection is safe,"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"quotes serve exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"quotes serve did not answer {url} in {timeout} s")


@pytest.fixture(scope="module")
def served(tmp_path_factory, stored_file):
    """``quotes serve`` on a copy of the fixture database, with reviewer alice; yields (base URL, db path, quote id).

    One server for the module: the tests below only add reviews, and say so where it matters.
    """
    folder = tmp_path_factory.mktemp("served")
    db_path = folder / "db" / "quotes.db"
    db_path.parent.mkdir()
    shutil.copyfile(stored_file, db_path)
    with sqlite3.connect(db_path) as conn:  # the least certain quote comes first in the review queue
        (target,) = conn.execute("select id from quotes where text = ?", [QUOTE]).fetchone()
        conn.execute("update quotes set confidence = 0.2 where id = ?", [target])
    conn.close()
    reviewers.add(reviewers.accounts_file(db_path), "alice", reviewers.hashed(PASSWORD))
    port = _free_port()
    log = folder / "serve.log"
    quotes_cli = [sys.executable, "-c", "from quotes.cli import app; app()"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*quotes_cli, "serve", "--db", str(db_path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)  # its own group: nothing outlives it
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/-/versions.json", process, log)
        yield base, db_path, target
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def _reviews(db_path: Path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("select quote_id, verdict, corrected_speaker, note, reviewer from reviews").fetchall()
    conn.close()
    return rows


def _shot(page, name: str, screenshots: list) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=True)
    screenshots.append(path)
    return path


def test_reviewer_records_a_verdict_in_the_browser(served, chromium, screenshots):
    base, db_path, target = served
    page = chromium.new_page()
    page.goto(base + "/-/login")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("form.password-login [type=submit]")
    page.wait_for_url(base + "/")

    page.goto(base + "/quotes/unreviewed_quotes")
    page.locator(".quote-links a", has_text="review").first.click()
    page.wait_for_url(f"**/quotes/review_quote?quote_id={target}")
    assert page.locator(".quote-context mark.quote").inner_text() == QUOTE
    assert page.locator(".quote-context mark.speaker").inner_text() == "she"

    _shot(page, "review-form.png", screenshots)
    page.select_option("select[name=verdict]", "wrong speaker")
    page.fill("input[name=corrected_speaker]", "Anton Brisk")
    page.fill("textarea[name=note]", "the guide said this, not the director")
    page.click("input[type=submit][value='Save review']")
    page.wait_for_load_state()

    assert "Review saved" in page.locator(".message-info").inner_text()
    assert page.locator(".last-verdict").inner_text() == "wrong speaker"
    assert _reviews(db_path)[-1:] == [(target, "wrong speaker", "Anton Brisk", "the guide said this, not the director",
                                  "alice")]
    assert _shot(page, "review-saved.png", screenshots).stat().st_size > 0

    page.locator(".last-review a").click()  # provenance: the quote in its article
    assert page.locator(".article-text p.focus mark.quote").inner_text() == QUOTE
    assert page.locator(".current-verdict").inner_text() == "wrong speaker"
    assert page.locator("dd.source a").get_attribute("href") == "https://example.org/museum"
    assert _shot(page, "article-view.png", screenshots).stat().st_size > 0


def test_anonymous_post_to_the_live_server_is_refused(served):
    base, db_path, target = served
    before = _reviews(db_path)
    data = urllib.parse.urlencode({"quote_id": target, "verdict": "correct", "corrected_speaker": "",
                                   "note": ""}).encode()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(base + "/quotes/review_quote", data=data), timeout=10)
    assert refused.value.code == 403 and _reviews(db_path) == before


def test_anonymous_visitor_reads_but_is_sent_to_log_in_for_reviewing(served, chromium, screenshots):
    """... and, once logged in, lands on the review form of the quote they came from."""
    base, _db_path, target = served
    page = chromium.new_page()
    page.goto(f"{base}/-/article?quote={target}")
    assert page.locator(".article-text mark.quote").inner_text() == QUOTE
    assert page.locator("dd.read-from").count() == 0  # the server-local path: reviewers only
    page.click("a.review-link")
    page.wait_for_url(f"{base}/-/login?next=**")
    page.fill("#id_username", "alice")
    page.fill("#id_password", PASSWORD)
    page.click("form.password-login [type=submit]")
    page.wait_for_url(f"{base}/quotes/review_quote?quote_id={target}")
    assert page.locator(".quote-context mark.quote").inner_text() == QUOTE
    options = page.locator("select[name=verdict] option:not([disabled])").all_inner_texts()
    assert "unreviewed" not in options and "correct" in options
    _shot(page, "login-back-to-the-quote.png", screenshots)


def test_quotes_at_a_glance_show_who_said_what_above_the_fold(served, chromium, screenshots):
    base, _db_path, target = served
    page = chromium.new_page(viewport={"width": 1366, "height": 900})
    page.goto(base + "/quotes/quote_list")
    assert page.locator("details.column-glossary").count() == 1
    assert not page.locator("dl.column-descriptions").is_visible()  # folded until asked for
    first_row = page.locator("table.rows-and-columns tbody tr").first
    assert first_row.bounding_box()["y"] < 900  # no scrolling past glossary and facets to the first quote
    headers = page.locator("table.rows-and-columns th").all_inner_texts()
    assert [h.strip() for h in headers[:8]] == ["speaker", "quote", "type", "headline", "outlet", "published",
                                                "confidence", "verdict"]
    assert "Helena Quist" in page.locator("#facet-speaker").inner_text()
    _shot(page, "quote-list.png", screenshots)
    page.locator("td.col-quote", has_text=QUOTE).locator("xpath=..").locator("td.col-headline a").click()
    page.wait_for_url(f"**/-/article?db=quotes&quote={target}#quote")
    assert page.locator(".article-text mark.quote").inner_text() == QUOTE


def test_copy_citation_puts_speaker_quote_outlet_date_and_url_on_the_clipboard(served, chromium, screenshots):
    base, db_path, _target = served
    with sqlite3.connect(db_path) as conn:  # a quote no test here reviews
        (west,) = conn.execute("select id from quotes where text like 'the west wing%'").fetchone()
    conn.close()
    context = chromium.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    page.goto(f"{base}/-/article?quote={west}")
    page.click("#copy-citation")
    # the clipboard write is asynchronous: wait for the button to say it is done (a busy machine is slow)
    page.wait_for_function("document.querySelector('#copy-citation').innerText === 'Copied'", timeout=10_000)
    assert page.evaluate("navigator.clipboard.readText()") == (
        "Helena Quist: “the west wing would stay open throughout the work” (“Merrow museum to close east wing for "
        "two years”, Merrow Post, 2025-06-02) https://example.org/museum")
    _shot(page, "citation.png", screenshots)
    context.close()


def test_home_page_searches_quotes_speakers_and_articles(served, chromium, screenshots):
    base, _db_path, _target = served
    page = chromium.new_page()
    page.goto(base + "/")
    page.fill("#search-all-q", "Ostby")
    page.press("#search-all-q", "Enter")
    page.wait_for_url(f"{base}/-/search?q=Ostby")
    page.wait_for_selector("text=Toll rise on Ostby bridge approved")
    _shot(page, "search-all.png", screenshots)


def test_a_verdict_for_another_speaker_sends_the_quote_back_to_the_queue(served, chromium):
    """The quote is re-extracted with another speaker (its id stays): the page and the queue say it needs
    review again, and show the earlier verdict."""
    base, db_path, _target = served
    condemn = "We strongly condemn the delays that left the roof in this state,"
    with sqlite3.connect(db_path) as conn:
        (qid,) = conn.execute("select id from quotes where text = ?", [condemn]).fetchone()
        conn.execute(review.insert_sql(), {"quote_id": qid, "verdict": "correct", "corrected_speaker": "",
                                            "note": "", "reviewer": "alice", "reviewed_at": "2025-06-10T09:00:00Z"})
        conn.execute("update quotes set speaker_id = (select speaker_id from quotes where text like 'a sad but%') "
                     "where id = ?", [qid])  # what re-extracting an article with another name after it does
    conn.close()
    page = chromium.new_page()
    page.goto(f"{base}/-/article?quote={qid}")
    assert page.locator(".current-verdict").inner_text() == (
        "unreviewed (the earlier verdict, correct, was for another speaker or cue)")
    page.goto(base + "/quotes/unreviewed_quotes")
    assert condemn in page.locator("table.rows-and-columns").inner_text()
