"""Nominal cues of reported speech: 'his claim that ...', 'warnings that ...', 'in Kolby's view, ...'.

Takes a parsed article and one noun token; gives one ``indirect`` :class:`Item` when the noun is an
attribution noun learnt from PolNeAR train ([attribution.cues.parc_frames.noun] in quotes/lexicon/en.toml) and
carries a that-clause, with the noun's possessor (or the subject of the verb it is the object of) as the
source; or when a view phrase ('in Kolby's view', 'in the view of the council') opens the sentence it reports.
"""

from __future__ import annotations

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from quotes.attribution.cues import CONTENT_NOUNS, NOUN_PREPOSITION_FRAMES
from quotes.attribution.parsed import Item, Link, ParsedArticle
from quotes.attribution.subjects import subject_of
from quotes.lexicon import value, words
from quotes.model import Span

VIEW_NOUNS = words("attribution.reported.view_nouns")
CLAIM_NOUN = value("confidence.claim_noun")
CLAUSE_DEPS = ("acl", "ccomp", "relcl", "appos")
SOURCE_DEPS = ("dobj", "pobj", "attr")


def noun_clause(noun: Token) -> Token | None:
    """The that-clause a noun carries: 'the claim [that the tax would fall]'."""
    for child in noun.children:
        if child.dep_ in CLAUSE_DEPS and child.i > noun.i and any(
                m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            return child
    return None


def noun_source(noun: Token, parsed: ParsedArticle) -> Token | None:
    """Who holds a nominal cue: its possessor ('Kolby's claim'), else the subject of the verb it hangs on
    ('Kolby repeated the claim', 'the council persisted in arguments')."""
    poss = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "PRON", "NOUN")), None)
    if poss is not None:
        return poss
    if noun.dep_ not in SOURCE_DEPS:
        return None
    head = noun.head
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or head.lemma_ == "be" and noun.dep_ != "attr":
        return None
    subject = subject_of(head, parsed)
    if subject is None or subject.i > noun.i or subject.lower_ in ("it", "this", "that", "there", "which"):
        return None
    return subject


def holder_mention(parsed: ParsedArticle, holder: Token) -> TokenSpan:
    """The mention of a source token; a possessor without its "'s" ('Kolby' of "Kolby's claim")."""
    if holder.dep_ != "poss":
        return parsed.mention_of(holder)
    return parsed.doc[holder.left_edge.i : holder.i + 1]


def nominal_clause(parsed: ParsedArticle, noun: Token, mark_spans: list[Span], clause_item) -> Item | None:
    """'Kolby's claim that the ferry would be free', 'critics voiced fears that the bridge is unsafe'."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CONTENT_NOUNS or parsed.quoted(noun):
        return None
    clause = noun_clause(noun)
    if clause is None or parsed.quoted(clause):
        return None
    source = noun_source(noun, parsed)
    if source is None or source.i in {t.i for t in clause.subtree}:
        return None
    start = parsed.pos(noun)
    link = Link(noun, start, start + len(noun.text), noun.text, holder_mention(parsed, source), None, "syntax",
                CLAIM_NOUN)
    return clause_item(parsed, list(clause.subtree), link, mark_spans)


def nominal_object(parsed: ParsedArticle, noun: Token, mark_spans: list[Span], tokens_item) -> Item | None:
    """'his attacks on the mayor', 'voiced support for the plan': the object of a preposition that train
    shows to carry the content after this noun (:data:`NOUN_PREPOSITION_FRAMES`), its holder the source."""
    if noun.pos_ != "NOUN" or parsed.quoted(noun):
        return None
    prep = next((c for c in noun.children if c.dep_ == "prep" and c.i == noun.i + 1), None)
    if prep is None or f"{noun.lemma_.lower()} {prep.lower_}" not in NOUN_PREPOSITION_FRAMES:
        return None
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    source = noun_source(noun, parsed) if obj is not None else None
    if source is None or source.i in {t.i for t in obj.subtree}:
        return None
    start = parsed.pos(noun)
    link = Link(noun, start, start + len(noun.text), noun.text, holder_mention(parsed, source), None, "syntax",
                CLAIM_NOUN)
    return tokens_item(parsed, list(parsed.doc[obj.left_edge.i : obj.right_edge.i + 1]), link, mark_spans)


def view_phrase(parsed: ParsedArticle, prep: Token, mark_spans: list[Span], clause_item) -> Item | None:
    """'In Kolby's view, the ferry is too slow', 'In the view of the council, ...': the rest of the sentence."""
    if prep.lower_ != "in" or prep.dep_ != "prep" or parsed.quoted(prep):
        return None
    noun = next((c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in VIEW_NOUNS), None)
    if noun is None:
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is None:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        holder = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if holder is None or holder.pos_ not in ("PROPN", "PRON", "NOUN"):
        return None
    sent = prep.sent
    after = prep.right_edge.i + 1
    if prep.left_edge.i != sent.start or after >= sent.end or parsed.doc[after].text != ",":
        return None  # the view phrase opens its sentence, set off by a comma
    start, end = parsed.pos(prep), parsed.pos(noun) + len(noun.text)
    link = Link(noun, start, end, parsed.doc[prep.i : noun.i + 1].text, holder_mention(parsed, holder), None,
                "syntax", CLAIM_NOUN)
    return clause_item(parsed, list(parsed.doc[after + 1 : sent.end]), link, mark_spans)
