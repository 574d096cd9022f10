"""Reported speech: attributed content without quotation marks.

Takes a parsed article and the items of its quotation marks (their direct and partial spans); gives one ``indirect``
:class:`Item` per reported clause: a complement ('X said (that) ...'), a parenthetical cue ('The plan,
Kolby said, will ...'), an object or infinitive ('cited the figure', 'wants to ...') or '..., according to X'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Token

from quotes.attribution.cues import (
    ADDRESSEE_VERBS,
    INFINITIVE_CONTENT_VERBS,
    NAMING_VERBS,
    OBJECT_CONTENT_VERBS,
    PREPOSITION_FRAMES,
    STATEMENT_NOUNS,
    is_according_to,
    is_cue,
    is_speech_cue,
    takes_reported_clause,
)
from quotes.attribution.nominal import nominal_clause, nominal_object, view_phrase
from quotes.attribution.parsed import Item, Link, ParsedArticle
from quotes.attribution.subjects import subject_of
from quotes.lexicon import value, words
from quotes.model import Span

COMPLEMENTIZERS = words("attribution.reported.complementizers")
ANONYMITY_VERBS = words("attribution.reported.anonymity_verbs")
CALL_PREPOSITIONS = words("attribution.reported.call_prepositions")
ADDRESSING_VERBS = words("attribution.reported.addressing_verbs")
OBJECT_PREPOSITIONS = words("attribution.reported.object_prepositions")
KEPT_CLOSERS = ")”\"’"  # closing punctuation a clause keeps at its end (a substring test, as before)
LABEL_DEPS = ("oprd", "ccomp", "xcomp", "attr")
CLAUSE_OF_NOUN_DEPS = ("acl", "relcl", "ccomp")
COMPLEMENT_CLAUSE = value("confidence.complement_clause")
PARENTHETICAL_CLAUSE = value("confidence.parenthetical_clause")
OBJECT_CONTENT = value("confidence.object_content")
ACCORDING_TO = value("confidence.according_to")


def reported_speech(parsed: ParsedArticle, quoted: list[Item]) -> list[Item]:
    """Reported clauses without quotation marks: 'X said (that) ...', '..., according to X'."""
    items: list[Item] = []
    # a clause holding the speaker's own quoted words is covered by the partial quote; scare quotes don't count
    mark_spans = [it.mark.span for it in quoted if it.mark is not None and it.type in ("direct", "partial")]
    for tok in parsed.doc:
        if parsed.quoted(tok):
            continue
        if is_according_to(tok):
            item = according_clause(parsed, tok, mark_spans)
        elif takes_reported_clause(tok):
            item = complement_clause(parsed, tok, mark_spans) or parenthetical_clause(
                parsed, tok, mark_spans) or object_content(parsed, tok, mark_spans)
        elif tok.pos_ == "VERB":
            item = object_content(parsed, tok, mark_spans)
        elif tok.pos_ == "NOUN":
            item = nominal_clause(parsed, tok, mark_spans, clause_item) or nominal_object(
                parsed, tok, mark_spans, tokens_item)
        elif tok.lower_ == "in":
            item = view_phrase(parsed, tok, mark_spans, clause_item)
        else:
            item = None
        if item is not None:
            items.append(item)
    return items


def trim(toks: list[Token]) -> list[Token]:
    """Drop punctuation, space and a leading "that"/"whether" from the edges of a clause."""
    while toks and (toks[0].is_punct or toks[0].dep_ == "mark" and toks[0].lower_ in COMPLEMENTIZERS
                    or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in KEPT_CLOSERS:
        toks = toks[:-1]
    return toks


def clause_item(parsed: ParsedArticle, toks: list[Token], link: Link, mark_spans: list[Span]) -> Item | None:
    """An indirect quote of a clause's tokens: three or more with a verb, clear of the speaker's quotes."""
    toks = trim(toks)
    if len(toks) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    start, end = parsed.pos(toks[0]), parsed.pos(toks[-1]) + len(toks[-1].text)
    span = Span(start, end)
    if any(span.overlaps(m) for m in mark_spans):
        return None
    return Item(start, end, "indirect", link)


# -- complement clauses: "X said (that) ..." ---------------------------------------------
def complement_clause(parsed: ParsedArticle, verb: Token, mark_spans: list[Span]) -> Item | None:
    """'Lind said the bridge would reopen': the clause a speech verb takes, up to the end of its sentence."""
    comp = complement_of(parsed, verb)
    if comp is None:
        return None
    link = parsed.link_from_cue(verb, "syntax", COMPLEMENT_CLAUSE)
    if link is None or link.mention is None:
        return None
    toks = list(comp.subtree) if comp.i < verb.i else _to_sentence_end(parsed, verb, comp)
    if link.mention.start <= comp.i < link.mention.end:
        return None
    return clause_item(parsed, toks, link, mark_spans)


def complement_of(parsed: ParsedArticle, verb: Token) -> Token | None:
    """The head of a verb's reported clause, by the first rule that finds one."""
    for rule in (_clausal_complement, _open_complement, _complement_after_preposition):
        comp = rule(parsed, verb)
        if comp is not None:
            return comp
    return None


def _clausal_complement(parsed: ParsedArticle, verb: Token) -> Token | None:
    """'said the bridge would reopen': the clausal complement."""
    return next((c for c in verb.children if c.dep_ == "ccomp" and not parsed.quoted(c)), None)


def _open_complement(parsed: ParsedArticle, verb: Token) -> Token | None:
    """'He said legalizing it could put ...', parsed as an open complement (not an infinitive or participle)."""
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and not parsed.quoted(c)
                 and not any(a.lower_ == "to" for a in c.children) and c.tag_ != "VBN"), None)


def _complement_after_preposition(parsed: ParsedArticle, verb: Token) -> Token | None:
    """'said in a statement that ...', 'told analysts on a call that ...': a that-clause on the prepositional
    object."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            for c in obj.children:
                if c.dep_ in CLAUSE_OF_NOUN_DEPS and not parsed.quoted(c) and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                    return c
    return None


def _to_sentence_end(parsed: ParsedArticle, verb: Token, comp: Token) -> list[Token]:
    """A clause after its verb runs to the end of the sentence unless the cue verb goes on."""
    sent_end = comp.sent.end
    last = comp.right_edge.i
    for tok in parsed.doc[last + 1 : sent_end]:
        if tok.head.i == verb.i and (tok.dep_ == "advcl" or tok.dep_ == "conj" and is_cue(tok)) or parsed.quoted(tok):
            break  # 'said ..., and added ...': a cue of its own; 'said ..., but found ...' goes on
        if tok.text == "," and tok.i + 1 < sent_end and parsed.doc[tok.i + 1].head.i == verb.i:
            break
        last = tok.i
    return list(parsed.doc[comp.left_edge.i : last + 1])


# -- parenthetical cues: "The plan, Kolby said, will ..." --------------------------------
def parenthetical_clause(parsed: ParsedArticle, verb: Token, mark_spans: list[Span]) -> Item | None:
    """'The new timetable, Ines Kolby said, will start in March': the cue sits inside the clause it reports.

    The content is the whole host clause, cue included, so that it stays one span of the text.
    """
    host = verb.head
    if verb.dep_ != "parataxis" or host.i == verb.i or parsed.quoted(host):
        return None
    link = parsed.link_from_cue(verb, "syntax", PARENTHETICAL_CLAUSE)
    if link is None or link.mention is None:
        return None
    first = min(link.mention.start, verb.i)
    if first == 0 or parsed.doc[first - 1].text != ",":
        return None  # a parenthetical cue is set off by a comma
    sent = verb.sent
    after = [t for t in parsed.doc[verb.right_edge.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    end = sent.end if after else verb.left_edge.i
    return clause_item(parsed, list(parsed.doc[sent.start : end]), link, mark_spans)


# -- object and infinitive content: "cited the figure", "wants to ..." -------------------
@dataclass
class VerbFrame:
    """A verb's unquoted dependents, as the object-content rules read them."""

    verb: Token
    lemma: str
    kids: list[Token]
    obj: Token | None
    infinitive: Token | None


def verb_frame(parsed: ParsedArticle, verb: Token) -> VerbFrame:
    """The lemma, unquoted children, direct object and to-infinitive of ``verb``."""
    kids = [c for c in verb.children if not parsed.quoted(c)]
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    infinitive = next((c for c in kids if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
    return VerbFrame(verb, verb.lemma_.lower(), kids, obj, infinitive)


def infinitive_content(parsed: ParsedArticle, f: VerbFrame) -> list[Token] | None:
    """'wants to triple the program', 'urged Republicans to join': object and infinitive."""
    if f.lemma not in INFINITIVE_CONTENT_VERBS or f.infinitive is None:
        return None
    first = f.obj if f.obj is not None and f.obj.i < f.infinitive.i else f.infinitive
    return list(parsed.doc[first.left_edge.i : f.infinitive.right_edge.i + 1])


def called_for(parsed: ParsedArticle, f: VerbFrame) -> list[Token] | None:
    """'called for more investment', 'called on the council to act': what is called for."""
    if f.lemma != "call" or f.obj is not None:
        return None
    prep = next((c for c in f.kids if c.dep_ == "prep" and c.lower_ in CALL_PREPOSITIONS and c.i == f.verb.i + 1),
                None)
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if pobj is None:
        return []
    end = f.infinitive.right_edge.i if f.infinitive is not None and prep.lower_ == "on" else pobj.right_edge.i
    return list(parsed.doc[pobj.left_edge.i : end + 1])


def prepositional_object(parsed: ParsedArticle, f: VerbFrame) -> list[Token] | None:
    """'talked about the wall', 'pointed to the figures', 'weighed in on the picks': the object of a
    preposition that train shows to carry a cue's content after this verb (:data:`PREPOSITION_FRAMES`)."""
    prep = next((c for c in f.kids if c.dep_ == "prep" and c.i > f.verb.i and all(
        t.dep_ == "prt" for t in parsed.doc[f.verb.i + 1 : c.i])), None)
    if prep is None or f"{f.lemma} {prep.lower_}" not in PREPOSITION_FRAMES:
        return None
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return [] if obj is None else list(parsed.doc[obj.left_edge.i : obj.right_edge.i + 1])


def naming_label(parsed: ParsedArticle, f: VerbFrame) -> list[Token] | None:
    """'called the charges unsubstantiated', 'described it as a failure': object and label."""
    if f.lemma not in NAMING_VERBS or f.obj is None:
        return None
    label = next((c for c in f.kids if c.i > f.obj.i and c.dep_ in LABEL_DEPS
                  or c.dep_ == "prep" and c.lower_ == "as"), None)
    if label is None:
        return []
    return list(parsed.doc[f.obj.left_edge.i : label.right_edge.i + 1])


def direct_object(parsed: ParsedArticle, f: VerbFrame) -> list[Token] | None:
    """'cited the figure', 'praised the plan as bold', 'accused the mayor of lying': the object (and its "as" or
    "of" phrase), not an addressee or
    a statement noun."""
    if f.lemma not in OBJECT_CONTENT_VERBS or f.lemma in ADDRESSEE_VERBS or f.obj is None or \
            f.obj.lemma_.lower() in STATEMENT_NOUNS:
        return None
    end = f.obj.right_edge.i
    as_phrase = next((c for c in f.kids if c.dep_ == "prep" and c.lower_ in OBJECT_PREPOSITIONS and c.i > end), None)
    if as_phrase is not None:
        end = as_phrase.right_edge.i
    return list(parsed.doc[f.obj.left_edge.i : end + 1])


# Tried in order; the first rule that applies (gives a list, maybe empty) decides.
CONTENT_RULES: tuple[Callable[[ParsedArticle, VerbFrame], list[Token] | None], ...] = (
    infinitive_content, called_for, prepositional_object, naming_label, direct_object)


def content_tokens(parsed: ParsedArticle, f: VerbFrame) -> list[Token]:
    """The content a verb takes as object, by the first of :data:`CONTENT_RULES` that applies."""
    for rule in CONTENT_RULES:
        toks = rule(parsed, f)
        if toks is not None:
            return toks
    return []


def object_content(parsed: ParsedArticle, verb: Token, mark_spans: list[Span]) -> Item | None:
    """What an attribution verb takes as object: 'cited the figure', 'called for more investment',
    'wants to triple the program', 'urged Republicans to join', 'called the charges unsubstantiated'."""
    if parsed.quoted(verb) or verb.tag_ == "VBN" and (verb.dep_ in ("amod", "acl") or any(
            c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)):
        return None  # "the figure cited", "is expected to be ratified": the subject is not the source
    f = verb_frame(parsed, verb)
    if f.infinitive is not None and f.infinitive.lemma_ in ANONYMITY_VERBS and any(
            a.dep_ == "auxpass" for a in f.infinitive.children):
        return None  # "asked not to be named": the anonymity formula, not content
    toks = content_tokens(parsed, f)
    if not toks:
        return None
    link = parsed.link_from_cue(verb, "syntax", OBJECT_CONTENT)
    if link is None or link.mention is None or link.mention.start <= toks[0].i < link.mention.end:
        return None
    return tokens_item(parsed, toks, through_preposition(parsed, link, toks), mark_spans)


def through_preposition(parsed: ParsedArticle, link: Link, toks: list[Token]) -> Link:
    """The cue grown over the preposition whose object is the content, as annotators mark it: "talked
    about", "called for" (PolNeAR's cue spans)."""
    prep = next((c for c in link.cue.children if c.dep_ == "prep" and link.cue.i < c.i < toks[0].i
                 and c.right_edge.i >= toks[-1].i), None)
    end = parsed.pos(prep) + len(prep.text) if prep is not None else link.cue_end
    if end <= link.cue_end:
        return link
    return replace(link, cue_end=end, cue_text=parsed.doc.text[link.cue_start - parsed.base : end - parsed.base])


def tokens_item(parsed: ParsedArticle, toks: list[Token], link: Link, mark_spans: list[Span]) -> Item | None:
    """An indirect quote of an object's tokens (no verb needed), clear of the speaker's quotes."""
    toks = trim(toks)
    if not toks or all(t.is_punct for t in toks):
        return None
    start, end = parsed.pos(toks[0]), parsed.pos(toks[-1]) + len(toks[-1].text)
    if any(Span(start, end).overlaps(m) for m in mark_spans):
        return None
    return Item(start, end, "indirect", link)


# -- "according to X" --------------------------------------------------------------------
def according_clause(parsed: ParsedArticle, tok: Token, mark_spans: list[Span]) -> Item | None:
    """'The plan will cost more, according to the council': the clause on the side of its head verb.

    When that verb has a speaker of its own after the content, the "according to" source is the
    intermediary and that speaker speaks.
    """
    head = tok.head
    link = parsed.link_from_cue(tok, "syntax", ACCORDING_TO)
    if link is None or link.mention is None:
        return None
    if is_speech_cue(head) and any(c.dep_ == "ccomp" for c in head.children):
        return None  # "X said ..., according to Y": Y is the intermediary
    drop = {t.i for t in tok.subtree}
    sent = tok.sent
    toks = [t for t in sent if t.i not in drop]
    # keep the clause on the side of the sentence the head verb is on
    if tok.i < head.i:
        toks = [t for t in toks if t.i > tok.right_edge.i]
    else:
        toks = [t for t in toks if t.i < tok.i]
    item = clause_item(parsed, toks, link, mark_spans)
    if item is None:
        return None
    speaker = subject_of(head, parsed) if is_speech_cue(head) or head.lemma_ in ADDRESSING_VERBS else None
    if speaker is not None and speaker.pos_ in ("PROPN", "PRON") and speaker.i >= parsed.doc.char_span(
            item.start - parsed.base, item.end - parsed.base, alignment_mode="expand").start:
        item.speaker_token = speaker
    return item
