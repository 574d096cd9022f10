"""Did X really say Y? Verdicts, word diffs, citations and reviews for claimed quotes."""

from __future__ import annotations

import json

import pytest
from rapidfuzz import fuzz

from quotes import store
from quotes.cli import app
from quotes.factcheck import check, claimreview, review
from quotes.model import Article

CONDEMN = "We strongly condemn the delays that left the roof in this state"
CABLES = "Nobody likes paying more, but the cables will not repair themselves"


def _review(db, quote_text, verdict, corrected=None):
    (qid,) = db.execute("select id from quotes where text like ?", [quote_text + "%"]).fetchone()
    review.add_review(db, qid, verdict, "desk", corrected_speaker=corrected, at="2025-06-10T09:00:00Z")


# -- verdicts -----------------------------------------------------------------------------
def test_exact_words_of_the_speaker_are_verbatim(stored):
    answer = check.check(stored, CONDEMN, speaker="Helena Quist")
    assert answer.verdict == "verbatim" and answer.match.speaker == "Helena Quist"


def test_verbatim_answer_cites_article_date_and_offsets(stored, articles):
    match = check.check(stored, "cables will not repair", speaker="Lars Quist").match
    start = articles[1].text.index("cables will not repair")
    assert (match.article_id, match.published, match.start, match.end) == (
        "bridge", "2025-06-05", start, start + len("cables will not repair"))


def test_quotation_marks_and_final_stop_around_the_claim_do_not_count(stored):
    assert check.check(stored, "“The collection is safe.”", speaker="Helena Quist").verdict == "verbatim"


def test_case_and_punctuation_changes_are_minor(stored):
    answer = check.check(stored, "we strongly condemn the delays, that left the roof", speaker="Helena Quist")
    assert answer.verdict == "minor"


def test_minor_difference_diff_shows_the_changed_case(stored):
    answer = check.check(stored, "we strongly condemn the delays", speaker="Helena Quist")
    assert check.render_diff(answer.match.diff) == "[-we-]{+We+} strongly condemn the delays"


def test_changed_word_makes_the_quote_altered(stored):
    answer = check.check(stored, "the cables will always repair themselves", speaker="Lars Quist")
    assert answer.verdict == "altered" and answer.match.changed_words == 1


def test_flipped_word_stands_out_in_the_diff_though_letters_look_alike(stored):
    claim = "Nobody likes paying more, but the cables will now repair themselves"
    assert fuzz.ratio(claim, CABLES) > 95  # character similarity barely notices
    answer = check.check(stored, claim, speaker="Lars Quist")
    changed = [(p.claimed, p.attested) for p in answer.match.diff if p.op != "equal"]
    assert answer.verdict == "altered" and changed == [("now", "not")]


def test_claim_that_leaves_out_the_negation_before_it_is_altered(stored):
    answer = check.check(stored, "repair themselves", speaker="Lars Quist")
    assert answer.verdict == "altered" and check.render_diff(answer.match.diff) == "{+not+} repair themselves"


def test_dropped_negation_inside_the_claim_is_altered(stored):
    answer = check.check(stored, "the cables will repair themselves", speaker="Lars Quist")
    assert answer.verdict == "altered" and check.render_diff(answer.match.diff) == (
        "the cables will {+not+} repair themselves")


# -- the whole attested quote, and split quotes -------------------------------------------
SEAWALL = ("Seawall vote\n\n\"The wall is not cheap,\" said mayor Edda Varn, "
           "\"but the next storm would cost far more.\" \"We have waited long enough.\"\n\n"
           "The ferry runs from April to October, Varn said.\n")


@pytest.fixture
def seawall(stored, quote_at):
    """An article with a split quote ("…," said X, "…") followed by a second sentence of the same speaker."""
    article = Article(id="seawall", text=SEAWALL, published="2025-06-09")
    quotes = [quote_at(article, text, "direct", "Edda Varn", "mayor Edda Varn") for text in
              ("The wall is not cheap,", "but the next storm would cost far more.", "We have waited long enough.")]
    for quote in quotes:
        quote.sentence = SEAWALL.splitlines()[2]
    store.save_extraction(stored, article, quotes)
    return stored


@pytest.mark.parametrize("claim, attested, diff", [
    ("The wall is cheap", "The wall is not cheap,", "The wall is {+not+} cheap"),
    ("The wall is not dear", "The wall is not cheap,", "The wall is not [-dear-]{+cheap+}"),
])
def test_a_change_at_the_claims_end_shows_the_whole_attested_quote_and_both_sides(seawall, claim, attested, diff):
    answer = check.check(seawall, claim, speaker="Varn")
    assert answer.verdict == "altered"
    assert answer.match.attested == attested and check.render_diff(answer.match.diff) == diff


@pytest.mark.parametrize("claim", [
    "The wall is not cheap, but the next storm would cost far more.",
    "but the next storm would cost far more. We have waited long enough.",
    "The wall is not cheap, but the next storm would cost far more. We have waited long enough.",
])
def test_a_claim_spanning_one_speakers_fragments_is_verbatim(seawall, claim):
    answer = check.check(seawall, claim, speaker="Edda Varn")
    assert answer.verdict == "verbatim" and len(answer.match.quote_ids) >= 2


def test_a_split_quote_match_cites_the_article_span_of_its_fragments(seawall):
    match = check.check(seawall, "The wall is not cheap, but the next storm would cost far more.").match
    assert SEAWALL[match.start : match.end].startswith("The wall is not cheap,\" said mayor Edda Varn, \"but")
    assert SEAWALL[match.start : match.end].endswith("cost far more")


def test_a_changed_word_across_fragments_is_still_altered(seawall):
    answer = check.check(seawall, "The wall is cheap, but the next storm would cost far more.", speaker="Varn")
    assert answer.verdict == "altered" and answer.match.changed_words == 1
    assert answer.match.attested.startswith("The wall is not cheap, but the next storm would cost far more.")


def test_a_fragment_alone_is_matched_alone(seawall):
    answer = check.check(seawall, "We have waited long enough", speaker="Varn")
    assert answer.verdict == "verbatim" and answer.match.attested == "We have waited long enough."
    assert len(answer.match.quote_ids) == 1


def test_fragments_of_two_speakers_are_not_joined(stored, quote_at):
    text = "Dock\n\n\"The dock is open,\" said Ada Brun. \"It will close in May,\" said Ole Tann.\n"
    article = Article(id="dock", text=text)
    store.save_extraction(stored, article, [quote_at(article, "The dock is open,", "direct", "Ada Brun"),
                                            quote_at(article, "It will close in May,", "direct", "Ole Tann")])
    answer = check.check(stored, "The dock is open, it will close in May", speaker="Ada Brun")
    assert answer.verdict != "verbatim"


@pytest.fixture
def pier(stored, quote_at):
    """An article with a partial quote inside the reporter's sentence."""
    text = "Pier repairs\n\nHarbour master Ines Kolby said the pier would “not reopen before June” at the earliest.\n"
    article = Article(id="pier", text=text, published="2025-06-08")
    quote = quote_at(article, "not reopen before June", "partial", "Ines Kolby", "Harbour master Ines Kolby")
    quote.sentence = text.splitlines()[2]
    store.save_extraction(stored, article, [quote])
    return stored


def test_reporters_words_next_to_a_partial_quote_are_a_minor_difference(pier):
    answer = check.check(pier, "the pier would not reopen before June", speaker="Kolby")
    assert answer.verdict == "minor" and answer.match.reporter_words == ["the", "pier", "would"]
    assert check.render_diff(answer.match.diff) == "<the pier would> not reopen before June"


def test_reporters_words_answer_cites_the_words_in_the_article(pier):
    match = check.check(pier, "would not reopen before June", speaker="Kolby").match
    text = pier.execute("select text from articles where id = 'pier'").fetchone()[0]
    assert text[match.start : match.end] == "would “not reopen before June”"


def test_changed_quoted_word_next_to_reporters_words_stays_altered(pier):
    answer = check.check(pier, "the pier would reopen before June", speaker="Kolby")
    assert answer.verdict == "altered" and "{+not+}" in check.render_diff(answer.match.diff)


def test_words_of_someone_else_are_said_by_someone_else(stored):
    answer = check.check(stored, "a sad but necessary day", speaker="Helena Quist")
    assert answer.verdict == "other_speaker" and answer.match.speaker == "Anton Brisk"
    assert "Anton Brisk" in answer.message and "Helena Quist" in answer.message


def test_a_surname_is_enough_to_name_the_speaker(stored):
    assert check.check(stored, "a sad but necessary day", speaker="brisk").verdict == "verbatim"


def test_words_without_an_identified_speaker_are_unattributed(stored):
    answer = check.check(stored, "will close its east wing for two years", speaker="Helena Quist")
    assert answer.verdict == "unattributed"


def test_unknown_words_are_not_found(stored):
    answer = check.check(stored, "zebra crossings should be painted blue")
    assert answer.verdict == "not_found" and answer.match is None


def test_without_a_speaker_the_best_match_names_who_said_it(stored):
    answer = check.check(stored, "the rise would hit commuters hardest")
    assert answer.verdict == "verbatim" and answer.match.speaker == "Mira Delacroix"


def test_speaker_who_said_it_wins_over_a_better_match_by_someone_else(stored, quote_at):
    text = "Ferry fares\n\nHelena Quist said: “Nobody likes paying more, but the cables will repair themselves.”\n"
    article = Article(id="fares", text=text, published="2025-06-07")
    store.save_extraction(stored, article, [quote_at(article, "Nobody likes paying more, but the cables will "
                                                     "repair themselves.", "direct", "Helena Quist")])
    answer = check.check(stored, CABLES, speaker="Helena Quist")
    assert answer.verdict == "other_speaker" and answer.match.speaker == "Lars Quist"
    assert any(m.speaker == "Helena Quist" and m.verdict == "altered" for m in answer.others)


# -- reviews ------------------------------------------------------------------------------
def test_unreviewed_quote_says_so(stored):
    assert check.check(stored, CONDEMN).match.review == "unreviewed"


def test_latest_review_is_cited(stored):
    _review(stored, "We strongly condemn", "needs check")
    _review(stored, "We strongly condemn", "correct")
    assert check.check(stored, CONDEMN).match.review == "correct"


def test_reviewers_corrected_speaker_decides_who_said_it(stored):
    _review(stored, "a sad but necessary day", "wrong speaker", corrected="Helena Quist")
    answer = check.check(stored, "a sad but necessary day", speaker="Helena Quist")
    assert answer.verdict == "verbatim" and answer.match.corrected_speaker == "Helena Quist"


# -- word diff ----------------------------------------------------------------------------
@pytest.mark.parametrize("claimed, attested, shown", [
    ("we will never raise taxes", "we will always raise taxes", "we will [-never-]{+always+} raise taxes"),
    ("taxes will rise", "taxes will not rise", "taxes will {+not+} rise"),
    ("taxes will not rise at all", "taxes will not rise", "taxes will not rise [-at all-]"),
])
def test_word_diff_marks_every_changed_word(claimed, attested, shown):
    assert check.render_diff(check.word_diff(claimed, attested)) == shown


@pytest.mark.parametrize("claimed, name, fits", [
    ("Lind", "Oskar Lind", True), ("oskar lind", "Oskar Lind", True),
    ("O. Lind", "Oskar Lind", True), ("Berg", "Oskar Lind", False),
    ("Lars Quist", "Helena Quist", False),
])
def test_names_fit_by_full_name_surname_or_initial(claimed, name, fits):
    assert check.names_fit(claimed, name) is fits


# -- command line -------------------------------------------------------------------------
@pytest.fixture
def db_file(stored, db_path):
    stored.close()
    return str(db_path)


def test_check_command_prints_verdict_diff_and_source(runner, db_file):
    result = runner.invoke(app, ["check", "the cables will always repair themselves", "--speaker", "Lars Quist",
                                 "--db", db_file])
    assert result.exit_code == 0, result.output
    for expected in ("ALTERED", "[-always-]{+not+}", "article bridge", "2025-06-05", "chars ", "review: unreviewed"):
        assert expected in result.stdout


def test_check_command_json_for_machines(runner, db_file):
    result = runner.invoke(app, ["check", "a sad but necessary day", "--speaker", "Helena Quist", "--json",
                                 "--db", db_file])
    answer = json.loads(result.stdout)
    assert answer["verdict"] == "other_speaker" and answer["match"]["speaker"] == "Anton Brisk"
    assert {"article_id", "published", "start", "end", "review", "diff"} <= set(answer["match"])


def test_check_command_not_found_is_an_answer_that_exits_1(runner, db_file):
    result = runner.invoke(app, ["check", "zebra crossings should be painted blue", "--db", db_file])
    assert result.exit_code == 1 and result.stdout.splitlines()[1].startswith("NOT FOUND")


def test_check_command_json_not_found_exits_1(runner, db_file):
    result = runner.invoke(app, ["check", "zebra crossings should be painted blue", "--json", "--db", db_file])
    assert result.exit_code == 1 and json.loads(result.stdout)["verdict"] == "not_found"


def test_check_command_with_empty_claim_fails_in_one_line(runner, db_file):
    result = runner.invoke(app, ["check", "  ", "--db", db_file])
    assert result.exit_code == 1 and result.stderr.strip() == "Error: the claimed quote is empty"


def test_check_command_with_a_whole_article_as_claim_fails_in_one_line(runner, db_file):
    result = runner.invoke(app, ["check", "word " * 400, "--db", db_file])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "400 words" in result.stderr


@pytest.mark.parametrize("claim", [
    "„We strongly condemn the delays“",
    "‚We strongly condemn the delays‘",
    "«We strongly condemn the delays»",
    "“We strongly condemn the delays”",
])
def test_claim_in_any_quotation_marks_of_text_marks_is_verbatim(stored, claim):
    assert check.check(stored, claim).verdict == "verbatim"


def test_check_command_prints_the_attested_quote_id(runner, db_file):
    result = runner.invoke(app, ["check", CABLES, "--speaker", "Lars Quist", "--db", db_file])
    with store.open_db(db_file, create=False) as database:
        (qid,) = database.execute("select id from quotes where text like ?", [CABLES + "%"]).fetchone()
    assert f"id: {qid}" in result.stdout


def test_check_command_links_to_the_article_page_with_a_base_url(runner, db_file):
    result = runner.invoke(app, ["check", CABLES, "--speaker", "Lars Quist", "--db", db_file,
                                 "--base-url", "http://127.0.0.1:8001/"])
    assert "link: http://127.0.0.1:8001/-/article?quote=" in result.stdout


def test_check_command_json_carries_the_link_from_the_environment(runner, db_file, monkeypatch):
    monkeypatch.setenv("QUOTES_BASE_URL", "http://127.0.0.1:8001")
    result = runner.invoke(app, ["check", CABLES, "--speaker", "Lars Quist", "--json", "--db", db_file])
    match = json.loads(result.stdout)["match"]
    assert match["url"] == f"http://127.0.0.1:8001/-/article?quote={match['quote_id']}"


def test_claimreview_of_a_misattributed_quote_rates_it_misattributed(stored):
    _review(stored, CABLES, "wrong speaker", corrected="Anton Brisk")
    (qid,) = stored.execute("select id from quotes where text like ?", [CABLES + "%"]).fetchone()
    doc = claimreview.claim_review(stored, qid)
    assert (doc["@type"], doc["reviewRating"]["alternateName"], doc["itemReviewed"]["author"]["name"]) == (
        "ClaimReview", "Misattributed", "Lars Quist")


def test_claimreview_names_the_first_appearance(stored):
    _review(stored, CABLES, "correct")
    (qid,) = stored.execute("select id from quotes where text like ?", [CABLES + "%"]).fetchone()
    first = claimreview.claim_review(stored, qid)["itemReviewed"]["firstAppearance"]
    assert (first["identifier"], first["datePublished"]) == ("bridge", "2025-06-05")


def test_claimreview_command_refuses_an_unreviewed_quote_in_one_line(runner, db_file):
    with store.open_db(db_file, create=False) as database:
        (qid,) = database.execute("select id from quotes where text like ?", [CABLES + "%"]).fetchone()
    result = runner.invoke(app, ["claimreview", qid, "--db", db_file])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "unreviewed" in result.stderr


def test_claimreview_command_prints_json_ld_with_the_fact_checker(runner, stored, db_path):
    _review(stored, CABLES, "correct")
    (qid,) = stored.execute("select id from quotes where text like ?", [CABLES + "%"]).fetchone()
    stored.close()
    result = runner.invoke(app, ["claimreview", qid, "--publisher", "Harbour Checks", "--db", str(db_path)])
    doc = json.loads(result.stdout)
    assert (doc["@context"], doc["author"]["name"], doc["reviewRating"]["ratingValue"]) == (
        "https://schema.org", "Harbour Checks", 5)
