"""Did X really say Y? A claimed quote checked against the stored, attested quotes.

Candidates come from full-text search and fuzzy matching (rapidfuzz); each is aligned word by
word with the claim (the claim may be part of a longer quote), which gives the verdict and a
word-level diff: a flipped "never"/"always" is one changed word, however similar the letters.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import groupby

import sqlite_utils
from rapidfuzz import fuzz, process, utils

from quotes.errors import CheckError
from quotes.factcheck.joined import article_offset, fewest, joined_rows
from quotes.factcheck.review import current_reviews
from quotes.factcheck.words import TYPOGRAPHY, DiffPart, best_window, render_diff, tokens, word_diff
from quotes.lexicon import value, words
from quotes.store.read import FUZZY_CANDIDATES as FUZZY_POOL
from quotes.store.read import fuzzy_candidates, quotes_with_ids
from quotes.store.speakers import given_names_fit, name_key, quote_name_forms
from quotes.text.marks import DOUBLE_MARKS, SINGLE_MARKS

VERDICTS = ("verbatim", "minor", "altered", "other_speaker", "unattributed", "not_found")
CHECKED_TYPES = ("direct", "partial", "indirect")  # scare quotes and titles are not anyone's words
MIN_SIMILARITY = float(value("factcheck.min_similarity"))
CANDIDATES = int(value("factcheck.candidates"))
FUZZY_CUTOFF = value("factcheck.fuzzy_cutoff")
FUZZY_MIN_CHARS = int(value("factcheck.fuzzy_min_chars"))
MAX_WORDS = int(value("factcheck.max_words"))
NEGATIONS = words("factcheck.negations")
_MARKS = DOUBLE_MARKS + SINGLE_MARKS  # every quotation mark quotes.text.marks pairs
_EDGES = " \t\n" + _MARKS + ".,;:!?…-–—"  # what may stand around a claim
_TYPE_RANK = {"direct": 0, "partial": 1, "indirect": 2}
__all__ = ["VERDICTS", "Answer", "DiffPart", "Match", "check", "names_fit", "render_diff"]


@dataclass
class Match:
    """An attested quote that lines up with the claim, and how."""

    verdict: str  # verbatim, minor or altered (the words alone)
    similarity: float  # share of aligned words that are the same, 0-1
    changed_words: int
    attested: str  # the whole attested quote (a split quote's fragments joined) the claim lines up with
    diff: list[DiffPart]
    quote_id: str
    quote: str
    type: str
    speaker: str | None
    speaker_as_written: str | None
    article_id: str
    title: str | None
    publisher: str | None
    published: str | None
    quote_start: int
    quote_end: int
    start: int  # article offsets of the attested words
    end: int
    sentence: str | None
    review: str = "unreviewed"
    corrected_speaker: str | None = None
    speaker_fits: bool | None = None  # None when no speaker was claimed
    reporter_words: list[str] = field(default_factory=list)  # claimed words that are the reporter's, not quoted
    quote_ids: list[str] = field(default_factory=list)  # the fragments matched (joined: one speaker's words)


@dataclass
class Answer:
    claim: str
    speaker: str | None
    verdict: str
    message: str
    match: Match | None = None
    others: list[Match] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


# -- the check ----------------------------------------------------------------------------
def check(db: sqlite_utils.Database, claim: str, speaker: str | None = None, limit: int = 3) -> Answer:
    """The verdict on ``claim`` (said by ``speaker``, if given) with the best attested match."""
    claim = " ".join(claim.split())
    if not claim:
        raise CheckError("the claimed quote is empty")
    if len(claim.split()) > MAX_WORDS:
        raise CheckError(f"the claimed quote has {len(claim.split())} words; check at most {MAX_WORDS} at a time")
    rows = _candidates(db, claim)
    seen: dict = {}
    matches = [m for m in (_align(claim, row, seen) for row in rows + joined_rows(db, rows)) if m is not None]
    matches = fewest(matches, rank=lambda m: (VERDICTS.index(m.verdict), -m.similarity))
    _add_reviews(db, matches)
    forms = quote_name_forms(db, [m.quote_id for m in matches if m.review != "wrong speaker"]) if speaker else {}
    for m in matches:
        m.speaker_fits = None if speaker is None else _speaker_fits(speaker, m, forms.get(m.quote_id, []))
    matches.sort(key=lambda m: (VERDICTS.index(m.verdict), -m.similarity, _TYPE_RANK.get(m.type, 9),
                                m.published is None, m.published or "", m.article_id, m.start))
    verdict, best = _decide(matches, speaker)
    others = [m for m in matches if m is not best][: max(0, limit - 1)]
    return Answer(claim, speaker, verdict, _message(verdict, best, speaker), best, others)


def _decide(matches: list[Match], speaker: str | None) -> tuple[str, Match | None]:
    if not matches:
        return "not_found", None
    if speaker is None:
        return matches[0].verdict, matches[0]
    fits = [m for m in matches if m.speaker_fits]
    others = [m for m in matches if not m.speaker_fits]
    if fits and fits[0].verdict != "altered":
        return fits[0].verdict, fits[0]
    if others and others[0].verdict != "altered":
        return _elsewhere(others[0]), others[0]
    if fits:
        return "altered", fits[0]
    return _elsewhere(others[0]), others[0]


def _elsewhere(match: Match) -> str:
    return "other_speaker" if _effective_speaker(match) else "unattributed"


def _effective_speaker(match: Match) -> str | None:
    """The speaker after review: a reviewer's correction wins over the extractor."""
    if match.review == "wrong speaker":
        return match.corrected_speaker
    return match.speaker


def _message(verdict: str, m: Match | None, speaker: str | None) -> str:
    if m is None:
        return "NOT FOUND: no stored quote matches the claim"
    who = _effective_speaker(m) or "an unidentified speaker"
    changed = f"{m.changed_words} word{'s differ' if m.changed_words != 1 else ' differs'}"
    if verdict == "verbatim":
        return f"VERBATIM: {who} said exactly these words"
    if verdict == "minor" and m.reporter_words:
        return (f"MINOR DIFFERENCES: the quoted words are {who}'s; “{' '.join(m.reporter_words)}” is the "
                f"reporter's wording around them")
    if verdict == "minor":
        return f"MINOR DIFFERENCES: the words {who} said, differing only in case or punctuation"
    if verdict == "altered":
        return f"ALTERED: {changed} from what {who} said"
    wording = {"verbatim": "these exact words", "minor": "these words (case or punctuation differ)",
               "altered": f"similar words ({changed})"}[m.verdict]
    if verdict == "unattributed":
        return f"UNATTRIBUTED: {wording} appear, but the article names no speaker for them"
    return f"SAID BY SOMEONE ELSE: {who} said {wording}, not {speaker}"


# -- candidates and alignment -------------------------------------------------------------
_TYPES_SQL = f"q.type in ({', '.join(repr(t) for t in CHECKED_TYPES)})"


def _candidates(db: sqlite_utils.Database, claim: str) -> list[dict]:
    """Quotes sharing the claim's rarest words (full-text, best ranked) and fuzzy look-alikes among the
    quotes the full-text index gives for those words (never a scan of every quote)."""
    ids: dict[str, None] = {}
    plain = " ".join(t.text for t in tokens(claim) if t.text[0].isalnum())
    pool = fuzzy_candidates(db, plain, FUZZY_POOL, where=_TYPES_SQL) if plain else []
    ids.update((qid, None) for qid, _text in pool[:CANDIDATES])
    if len(utils.default_process(claim)) >= FUZZY_MIN_CHARS and pool:
        ids.update((qid, None) for _t, _s, qid in process.extract(
            claim, dict(pool), scorer=fuzz.partial_ratio, processor=utils.default_process, score_cutoff=FUZZY_CUTOFF,
            limit=CANDIDATES))
    return quotes_with_ids(db, list(ids), order=None)


def _align(claim: str, row: dict, seen: dict) -> Match | None:
    """How ``row``'s quote lines up with ``claim``; the same words in many articles are aligned once per
    check (``seen`` keeps the alignments of this check)."""
    key = (row["quote"], row["type"], row["sentence"] or "")
    if key not in seen:
        seen[key] = _alignment(claim, *key)
    found = seen[key]
    if found is None:
        return None
    verdict, similarity, distance, attested, diff, lo, hi, reporter_words = found
    match = _match(row, verdict, similarity, distance, attested, list(diff), lo, hi)
    match.reporter_words = list(reporter_words)
    return match


def _alignment(claim: str, quote: str, type_: str, sentence: str) -> tuple | None:
    """(verdict, similarity, changed words, attested, diff, lo, hi, reporter's words) of a quote's text,
    ``lo``/``hi`` the attested words' offsets in the quote."""
    claim_words = _words(claim)
    quote_tokens = [t for t in tokens(quote) if t.word]
    if not claim_words or not quote_tokens:
        return None
    first, last, distance = best_window(claim_words, [t.text.casefold() for t in quote_tokens])
    while first > 0 and quote_tokens[first - 1].text.casefold() in NEGATIONS:  # "[not] be limited to"
        first, distance = first - 1, distance + 1
    similarity = 1 - distance / max(len(claim_words), last - first)
    if distance and type_ == "partial":  # the claim may run on into the reporter's words
        around = _around_quote(claim_words, quote, sentence)
        if around is not None:
            return around
    if similarity < MIN_SIMILARITY:
        return None
    lo, hi = quote_tokens[first].start, quote_tokens[last - 1].end
    window = quote[lo:hi]
    if distance == 0 and _plain(_edges(claim)) in _plain(window):
        verdict = "verbatim"
    elif distance == 0:
        verdict = "minor"
    else:
        verdict = "altered"
    return verdict, similarity, distance, quote, tuple(word_diff(_edges(claim), window)), lo, hi, ()


def _around_quote(claim_words: list[str], quote: str, sentence: str) -> tuple | None:
    """A claim whose words are, exactly, the quoted fragment plus the reporter's words next to it
    ("will" in: Lind said the pier will "not reopen before May")."""
    at = sentence.find(quote)
    if at < 0:
        return None
    words = [t for t in tokens(sentence) if t.word]
    first, last, distance = best_window(claim_words, [t.text.casefold() for t in words])
    window = words[first:last]
    inside = [at <= t.start and t.end <= at + len(quote) for t in window]
    if distance or not any(inside) or all(inside):
        return None
    diff = []
    for quoted, group in groupby(zip(window, inside), key=lambda pair: pair[1]):
        text = " ".join(t.text for t, _quoted in group)
        diff.append(DiffPart("equal" if quoted else "context", text, text))
    lo, hi = window[0].start, window[-1].end
    if hi < len(sentence) and hi == at + len(quote) and sentence[hi] in _MARKS:
        hi += 1  # the closing quotation mark of the fragment
    reporter_words = tuple(t.text for t, quoted in zip(window, inside) if not quoted)
    return "minor", 1.0, 0, sentence[lo:hi], tuple(diff), lo - at, hi - at, reporter_words  # sentence -> quote offsets


def _match(row: dict, verdict: str, similarity: float, distance: int, attested: str, diff: list[DiffPart],
           lo: int, hi: int) -> Match:
    """A :class:`Match` for ``row``; ``lo``/``hi`` are offsets of the attested words in the quote."""
    return Match(
        verdict=verdict, similarity=round(similarity, 3), changed_words=distance, attested=attested, diff=diff,
        quote_id=row["quote_id"], quote=row["quote"], type=row["type"], speaker=row["speaker"],
        speaker_as_written=row["speaker_mention"], article_id=row["article_id"], title=row["title"],
        publisher=row["publisher"], published=row["published"], quote_start=row["start"], quote_end=row["end"],
        start=article_offset(row, lo), end=article_offset(row, hi), sentence=row["sentence"],
        quote_ids=row.get("quote_ids") or [row["quote_id"]],
    )


@lru_cache(maxsize=16)
def _words(claim: str) -> list[str]:
    """The claim's words, case-folded: read once per check, not once per candidate."""
    return [t.text.casefold() for t in tokens(claim) if t.word]


def _edges(text: str) -> str:
    """The claim without the quotation marks and punctuation around it."""
    return text.strip(_EDGES)


def _plain(text: str) -> str:
    return " ".join(text.translate(TYPOGRAPHY).split())


def _add_reviews(db: sqlite_utils.Database, matches: list[Match]) -> None:
    """The latest review of each matched quote, when the database has reviews."""
    latest = current_reviews(db, [m.quote_id for m in matches])
    for m in matches:
        m.review, m.corrected_speaker = latest.get(m.quote_id, ("unreviewed", None))


def _speaker_fits(claimed: str, m: Match, forms: list[str]) -> bool:
    """The claimed speaker is the match's (its name, or a form of it stored for the quote's speaker, unless
    a reviewer said the speaker is wrong)."""
    name = _effective_speaker(m)
    if not name:
        return False
    return any(names_fit(claimed, n) for n in [name] + (forms if m.review != "wrong speaker" else []))


def names_fit(claimed: str, name: str) -> bool:
    """"Lind", "oskar lind" and "O. Lind" fit "Oskar Lind"; "Berg" does not."""
    a, b = name_key(claimed).split(), name_key(re.sub(r"\s*\(.*?\)", "", name)).split()
    if not a or not b:
        return False
    if a == b or (len(a) == 1 and a[0] in b):
        return True
    return a[-1].rstrip(".") == b[-1].rstrip(".") and given_names_fit(a, b)
