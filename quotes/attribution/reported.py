"""Reported speech: attributed content without quotation marks.

Takes a parsed article and the items of its quotation marks (their direct and partial spans); gives one ``indirect``
:class:`Item` per reported clause: a complement ('X said (that) ...'), a parenthetical cue ('The plan,
Kolby said, will ...'), an object or infinitive ('cited the figure', 'wants to ...') or '..., according to X'.
"""

from __future__ import annotations

from spacy.tokens import Token

from quotes.attribution.cues import (
    is_according_to,
    is_cue,
    is_speech_cue,
    takes_reported_clause,
)
from quotes.attribution.nominal import nominal_clause, nominal_object, view_phrase
from quotes.attribution.objects import object_content, tokens_item, trim
from quotes.attribution.parsed import Item, Link, ParsedArticle
from quotes.attribution.subjects import subject_of
from quotes.lexicon import value, words
from quotes.model import Span

ADDRESSING_VERBS = words("attribution.reported.addressing_verbs")
CLAUSE_STOPS = (",", ";", ":", "—", "–", "--", "-")  # punctuation a reported clause ends at, past its parse
CLAUSE_OF_NOUN_DEPS = ("acl", "relcl", "ccomp")
COMPLEMENT_CLAUSE = value("confidence.complement_clause")
PARENTHETICAL_CLAUSE = value("confidence.parenthetical_clause")
ACCORDING_TO = value("confidence.according_to")


def reported_speech(parsed: ParsedArticle, quoted: list[Item]) -> list[Item]:
    """Reported clauses without quotation marks: 'X said (that) ...', '..., according to X'."""
    items: list[Item] = []
    # a clause holding the speaker's own quoted words is covered by the partial quote; scare quotes don't count
    mark_spans = [it.mark.span for it in quoted if it.mark is not None and it.type in ("direct", "partial")]
    # the cue each of those quotations is credited to, by the start of its mark
    cue_of_mark = {it.mark.span.start: it.link.cue.i for it in quoted
                   if it.mark is not None and it.type in ("direct", "partial") and it.link is not None}
    for tok in parsed.doc:
        if parsed.quoted(tok):
            continue
        if is_according_to(tok):
            item = according_clause(parsed, tok, mark_spans)
        elif takes_reported_clause(tok):
            item = complement_clause(parsed, tok, mark_spans, cue_of_mark) or parenthetical_clause(
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
def complement_clause(parsed: ParsedArticle, verb: Token, mark_spans: list[Span],
                      cue_of_mark: dict[int, int] | None = None) -> Item | None:
    """'Lind said the bridge would reopen': the clause a speech verb takes, up to the end of its sentence
    or to the cue of a quotation another cue reports (``cue_of_mark``: mark start -> cue token index)."""
    comp = complement_of(parsed, verb)
    if comp is None:
        return None
    link = parsed.link_from_cue(verb, "syntax", COMPLEMENT_CLAUSE)
    if link is None or link.mention is None:
        return None
    toks = list(comp.subtree) if comp.i < verb.i else _to_sentence_end(parsed, verb, comp)
    if link.mention.start <= comp.i < link.mention.end:
        return None
    return clause_item(parsed, _before_others_quote(parsed, toks, verb, cue_of_mark or {}), link, mark_spans)


def _before_others_quote(parsed: ParsedArticle, toks: list[Token], verb: Token,
                         cue_of_mark: dict[int, int]) -> list[Token]:
    """'Kolby said she saw no need to change the plan, telling the host that "…"', 'said the move was made by
    the commissioner and said, "…"': a clause that runs into a quotation reported by another cue ends
    before that cue's clause, set off by a comma or a conjunction; one running into its own verb's quotation, or
    into a quote that completes it, is left whole (the quote covers it)."""
    for n, tok in enumerate(toks):
        if not parsed.quoted(tok):
            continue
        cue = cue_of_mark.get(parsed.marks[parsed.mark_of[tok.i]].span.start)
        if cue is None or cue == verb.i:
            return toks
        first = parsed.doc[cue].left_edge.i if toks[0].i < cue < tok.i else tok.i
        kept = toks[: max(0, min(n, first - toks[0].i))]
        if not kept or not (kept[-1].is_punct or kept[-1].dep_ == "cc"):
            return toks  # 'he agrees Kolby is a "harbour grabber"': the quote completes the clause
        while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc" or kept[-1].is_space):
            kept = kept[:-1]
        return kept
    return toks


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
    if verb.dep_ != "ROOT":  # 'Noting (that) …, Kolby said …', 'Kolby, who said …, said …': not into the clause above
        sent_end = min(sent_end, verb.right_edge.i + 1)
    last = comp.right_edge.i
    for tok in parsed.doc[last : sent_end]:
        if tok.i > last and (tok.head.i == verb.i and (tok.dep_ == "advcl" or tok.dep_ == "conj" and is_cue(tok))
                             or parsed.quoted(tok)):
            break  # 'said ..., and added ...': a cue of its own; 'said ..., but found ...' goes on
        if tok.text in CLAUSE_STOPS and tok.i + 1 < sent_end and parsed.doc[tok.i + 1].head.i == verb.i:
            break  # '…, adding that …': the cue verb goes on ('the names, phone numbers' parsed on it too)
        if tok.i > last and tok.head.i == verb.i and tok.dep_ == "cc" and any(
                c.dep_ == "conj" and c.i > tok.i and is_cue(c) for c in verb.children):
            break  # '… and questioned …': the conjunction before a cue of its own is not content
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
