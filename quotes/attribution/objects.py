"""Object and infinitive content of an attribution verb ('cited the figure', 'called for more investment',
'wants to triple the program', 'called the charges unsubstantiated'), and the trimming every reported
clause gets; read by the reported-speech stage (quotes.attribution.reported)."""

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
)
from quotes.attribution.parsed import Item, Link, ParsedArticle
from quotes.lexicon import value, words
from quotes.model import Span

COMPLEMENTIZERS = words("attribution.reported.complementizers")
ANONYMITY_VERBS = words("attribution.reported.anonymity_verbs")
CALL_PREPOSITIONS = words("attribution.reported.call_prepositions")
OBJECT_PREPOSITIONS = words("attribution.reported.object_prepositions")
KEPT_CLOSERS = ")”\"’"  # closing punctuation a clause keeps at its end (a substring test, as before)
LABEL_DEPS = ("oprd", "ccomp", "xcomp", "attr")
OBJECT_CONTENT = value("confidence.object_content")


def trim(toks: list[Token]) -> list[Token]:
    """Drop punctuation, space and a leading "that"/"whether" from the edges of a clause."""
    while toks and (toks[0].is_punct or toks[0].dep_ == "mark" and toks[0].lower_ in COMPLEMENTIZERS
                    or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in KEPT_CLOSERS:
        toks = toks[:-1]
    return toks


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
    """'cited the figure', 'praised the plan as bold', 'accused the mayor of lying', 'criticized X for failing':
    the object (and its phrase of :data:`OBJECT_PREPOSITIONS`), not an addressee or a statement noun."""
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
    span = parsed.doc.char_span(link.cue_start - parsed.base, end - parsed.base)  # not doc.text: rebuilt each read
    return replace(link, cue_end=end, cue_text=span.text if span is not None else f"{link.cue_text} {prep.text}")


def tokens_item(parsed: ParsedArticle, toks: list[Token], link: Link, mark_spans: list[Span]) -> Item | None:
    """An indirect quote of an object's tokens (no verb needed), clear of the speaker's quotes."""
    toks = trim(toks)
    if not toks or all(t.is_punct for t in toks):
        return None
    start, end = parsed.pos(toks[0]), parsed.pos(toks[-1]) + len(toks[-1].text)
    if any(Span(start, end).overlaps(m) for m in mark_spans):
        return None
    return Item(start, end, "indirect", link)
