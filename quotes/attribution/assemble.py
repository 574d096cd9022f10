"""Find the quotes of one parsed article and attribute them (content, cue, source)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotes.attribution.cues import (
    ADDRESSEE_VERBS,
    CLAIM_NOUNS,
    INFINITIVE_CONTENT_VERBS,
    NAMING_VERBS,
    OBJECT_CONTENT_VERBS,
    STATEMENT_NOUNS,
)
from quotes.attribution.parsed import (
    Link,
    ParsedArticle,
    is_cue,
    is_naming,
    is_speech_cue,
    looks_like_term,
    looks_like_title,
    subject_of,
)
from quotes.attribution.sources import SPEECH_WORDS, SpeakerResolver
from quotes.model import Quote, QuoteMark, Span, Speaker
from quotes.text.dateline import dateline_place

SET_OFF = (":", ",", ".", "—", "–", "-", "(", "?", "!", ";")
MAX_FRAME_TOKENS = 14


@dataclass
class _Item:
    start: int
    end: int
    type: str
    link: Link | None
    mark: QuoteMark | None = None
    speaker_token: Token | None = None
    inherit: bool = False
    via_override: str | None = None


def extract_quotes(text: str, doc: Doc, base: int, marks: list[QuoteMark], body: list[Span],
                   coref=None) -> list[Quote]:
    """Quotes of one article: quotation-marked ones and reported speech, attributed."""
    marks = [m for m in marks if any(b.contains(m.span) or b.overlaps(m.span) for b in body)]
    parsed = ParsedArticle(doc, base, marks)
    items = [_link_mark(parsed, text, m) for m in marks if m.level == 0]
    reported = list({(r.start, r.end): r for r in reversed(_reported_speech(parsed, text, items))}.values())
    # a clause reported inside another reported clause is part of it, not a quote of its own
    items += [r for r in reported if not any(o is not r and o.start <= r.start and r.end <= o.end
                                              and (o.start, o.end) != (r.start, r.end) for o in reported)]
    items.sort(key=lambda it: it.start)
    return _resolve(parsed, text, items, coref)


# -- quotation marks --------------------------------------------------------------------
def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _link_mark(parsed: ParsedArticle, text: str, mark: QuoteMark) -> _Item:
    start, end = mark.span.start, mark.span.end
    para_start = _paragraph_start(text, start)
    before = text[para_start : start - 1]
    content = text[start:end]
    stripped = before.rstrip()
    set_off = mark.continues or not stripped or stripped.endswith(SET_OFF)
    words = content.split()
    if looks_like_title(content, before):
        return _Item(start, end, "title", None, mark)
    if looks_like_term(before):
        return _Item(start, end, "term", None, mark)
    direct = set_off and (content[:1].isupper() or len(words) >= 4 or stripped.endswith(",")) and (
        len(words) >= 3 or content.rstrip()[-1:] in ".!?,")
    if direct:
        link = (_right_frame_cue(parsed, text, mark) or _left_frame_cue(parsed, text, mark)
                or _colon_lead_in(parsed, text, mark))
        if link is not None:
            return _Item(start, end, "direct", link, mark)
        return _Item(start, end, "direct", None, mark, inherit=True)
    last_word = (before.rsplit(maxsplit=1) or [""])[-1].lower()
    if _title_case(content) and para_start > 0 and (last_word in ("on", "of", "at", "the", "in") or last_word.endswith(
            ("'s", "’s"))):
        return _Item(start, end, "title", None, mark)  # 'told Lenmark Radio's "Morning Harbour"': a programme or event
    link = _governing_cue(parsed, mark) or _governing_actor(parsed, mark)
    if link is not None:
        return _Item(start, end, "partial", link, mark)
    return _Item(start, end, "term", None, mark)


def _title_case(content: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", content)
    return len(words) >= 2 and all(w[0].isupper() or w in MINOR_WORDS for w in words) and \
        not content.rstrip().endswith(("!", "?"))


def _frame_tokens(parsed: ParsedArticle, text: str, pos: int, forward: bool) -> list[Token]:
    """Tokens outside quotes after (or before) a quote, up to the sentence edge."""
    doc, base = parsed.doc, parsed.base
    out: list[Token] = []
    if forward:
        size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0  # len(doc.text) without rebuilding it
        span = doc.char_span(pos - base, size, alignment_mode="expand") if pos - base < size else None
        for tok in span or []:
            if "\n" in tok.text or parsed.quoted(tok):
                break
            out.append(tok)
            if tok.text in (".", "!", "?") or len(out) > MAX_FRAME_TOKENS * 2:
                break
        return out
    span = doc.char_span(0, max(0, pos - base), alignment_mode="contract")
    for tok in reversed(list(span or [])):
        if "\n" in tok.text or parsed.quoted(tok) or tok.text in (".", "!", "?"):
            break
        out.append(tok)
    out.reverse()
    return out


def _right_frame_cue(parsed: ParsedArticle, text: str, mark: QuoteMark) -> Link | None:
    if mark.continued:
        return None
    credit = _CREDIT.match(text, mark.span.end + 1)
    if credit is not None:  # '"…”― Jane Doe' with the dash glued to the mark
        return _credit_link(parsed, credit)
    frame = _frame_tokens(parsed, text, mark.span.end + 1, forward=True)
    if not frame or frame[0].text in (".", "!", "?"):
        return None
    ends_sentence = text[mark.span.start : mark.span.end].rstrip()[-1:] in ".!?"
    limit = 5 if ends_sentence else MAX_FRAME_TOKENS
    for n, tok in enumerate(frame[: MAX_FRAME_TOKENS * 2]):
        if is_cue(tok):
            near = n < limit
            link = parsed.link_from_cue(tok, "syntax" if near else "pattern", 0.92 if near else 0.7)
            if link is not None and link.mention is not None:
                return link
    return _dash_credit(parsed, frame)


_CREDIT = re.compile(r"[ \t]*([―—–]|--)[ \t]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3})[ \t]*\.?[ \t]*(?:\n|$)")


def _credit_link(parsed: ParsedArticle, credit: re.Match) -> Link | None:
    name = parsed.doc.char_span(credit.start(2) - parsed.base, credit.end(2) - parsed.base, alignment_mode="expand")
    if name is None:
        return None
    dash = credit.start(1)
    tok = parsed.doc.char_span(dash - parsed.base, credit.end(1) - parsed.base, alignment_mode="expand")
    if tok is None:
        return None
    return Link(tok[0], dash, credit.end(1), credit.group(1), name, None, "pattern", 0.7)


def _dash_credit(parsed: ParsedArticle, frame: list[Token]) -> Link | None:
    """'"…" ― Jane Doe': a name credited after a dash, with no verb."""
    words = [t for t in frame if not t.is_space]
    if len(words) >= 2 and words[0].text in ("―", "—", "–", "-", "--") and words[1].pos_ == "PROPN":
        names = [words[1]]
        for tok in words[2:]:
            if tok.pos_ != "PROPN":
                break
            names.append(tok)
        mention = parsed.doc[names[0].i : names[-1].i + 1]
        start = parsed.pos(words[0])
        return Link(words[0], start, start + len(words[0].text), words[0].text, mention, None, "pattern", 0.7)
    return None


def _colon_lead_in(parsed: ParsedArticle, text: str, mark: QuoteMark) -> Link | None:
    """'Sanders made the following comment:' closing the paragraph before a quotation."""
    para_start = _paragraph_start(text, mark.span.start)
    if text[para_start : mark.span.start - 1].strip():
        return None
    prev_end = para_start - 1
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1
    if prev_end <= 0 or text[prev_end - 1] != ":":
        return None
    frame = _frame_tokens(parsed, text, prev_end, forward=False)
    for tok in reversed(frame):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "ROOT":
            subject = subject_of(tok, parsed)
            if subject is not None:
                link = parsed.link_from_cue(tok, "pattern", 0.75)
                if link is not None and link.mention is not None:
                    return link
    if len(frame) <= 6:  # "Stated Stone:" on a line of its own
        return _colon_source(parsed, frame)
    return None


def _left_frame_cue(parsed: ParsedArticle, text: str, mark: QuoteMark) -> Link | None:
    before = text[_paragraph_start(text, mark.span.start) : mark.span.start - 1].rstrip()
    if not before.endswith((":", ",", "—")):
        return None
    frame = _frame_tokens(parsed, text, mark.span.start - 1, forward=False)
    for tok in reversed(frame):
        if is_cue(tok):
            link = parsed.link_from_cue(tok, "syntax", 0.9)
            if link is not None and link.mention is not None:
                return link
    if before.endswith(":") and _label_of(text, _paragraph_start(text, mark.span.start)) is None:
        return _colon_source(parsed, frame)
    return None


def _colon_source(parsed: ParsedArticle, frame: list[Token]) -> Link | None:
    """Who speaks after a colon when no reporting verb says so: the name just before it ('More from
    pollster Dara Shaw: "…"', 'Stated Stone:'), else the acting subject of the clause it closes ('She then
    turned to the protesters: "…"', 'The board was clear in its findings: "…"')."""
    words = [t for t in frame if not t.is_space]
    colon = words[-1] if words and words[-1].text == ":" else None
    if colon is not None:
        words = words[:-1]
    name = []
    for tok in reversed(words):
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            break
        name.insert(0, tok)
    if name and name[0].lower_ in SPEECH_WORDS:  # "Stated Stone:" tagged as one name
        name = name[1:]
    if name and (name[-1].ent_type_ in ("PERSON", "ORG", "") and len(words) - len(name) <= 12):
        mention = parsed.doc[name[0].i : name[-1].i + 1]
        cue = colon if colon is not None else name[-1]
        start = parsed.pos(cue)
        return Link(cue, start, start + len(cue.text), cue.text, mention, None, "pattern", 0.6)
    for tok in words:
        top = tok.dep_ == "ROOT" or tok.head.i > words[-1].i  # the clause the colon closes
        acts = tok.pos_ == "VERB" and tok.lemma_.lower() not in NOT_ACTS or tok.lemma_ == "be"
        if top and acts:
            subject = subject_of(tok, parsed)
            if subject is not None and _can_act(subject):
                return parsed.link_from_cue(tok, "pattern", 0.65)
    return None


def _governing_cue(parsed: ParsedArticle, mark: QuoteMark) -> Link | None:
    """For a quote inside the reporter's sentence: the reporting verb that governs it."""
    tokens = [t for t in parsed.tokens_in(mark.span.start, mark.span.end) if not _is_mark_char(t)]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    if len(tokens) <= 3:
        for root in roots:
            subj = [c for c in root.children if c.dep_ == "nsubj" and not parsed.quoted(c)]
            if is_cue(root) and subj and (subj[0].pos_ in ("PROPN", "PRON", "NOUN") or subj[0].text[:1].isupper()):
                return parsed.link_from_cue(root, "syntax", 0.85)
    for root in roots:
        node = root
        seen = 0
        while node.head.i != node.i and seen < 12:
            node = node.head
            seen += 1
            if node.i in inside:
                continue
            if node.lower_ in CLAIM_NOUNS and not parsed.quoted(node):
                owner = [c for c in node.children if c.dep_ == "poss" and not parsed.quoted(c)]
                if owner:
                    start = parsed.pos(node)
                    return Link(node, start, start + len(node.text), node.text, parsed.doc[
                        owner[0].left_edge.i : owner[0].i + 1], None, "syntax", 0.75)
            if is_cue(node) and _usable_cue(node, parsed):
                node = _outermost_cue(node, parsed)
                link = parsed.link_from_cue(node, "syntax", 0.85)
                if link is not None and link.mention is not None:
                    return _outer_source(link, parsed)
    sent = tokens[0].sent
    candidates = [t for t in sent if is_cue(t) and t.i not in inside and _usable_cue(t, parsed)]
    candidates.sort(key=lambda t: abs(t.i - tokens[0].i))
    for tok in candidates:
        link = parsed.link_from_cue(tok, "pattern", 0.6)
        if link is not None and link.mention is not None:
            return link
    return None


ACTOR_ENTS = {"PERSON", "ORG", "NORP", "GPE"}
ACTOR_PRONOUNS = {"he", "she", "they", "we", "i", "it", "who"}
MINOR_WORDS = {"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "by", "or"}
NOT_ACTS = {"be", "have", "become", "seem", "appear", "remain", "get", "include", "contain"}


def _can_act(subject: Token) -> bool:
    """A subject that can be a source: a person, organisation, people or place, a name or a personal pronoun."""
    return subject.ent_type_ in ACTOR_ENTS or subject.lower_ in ACTOR_PRONOUNS or subject.pos_ == "PROPN"


def _governing_actor(parsed: ParsedArticle, mark: QuoteMark) -> Link | None:
    """'Brenn has gone after the mayor as a "spoiled landlord"', 'Vestland branded the plan a "harbour grab"':
    no reporting verb, but the person or body acting in the clause is the source of the quoted words."""
    tokens = [t for t in parsed.tokens_in(mark.span.start, mark.span.end) if not _is_mark_char(t)]
    if not tokens:
        return None  # only quotation marks between the marks ('“ “ ”')
    inside = {t.i for t in tokens}
    node = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    for _ in range(6):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.i in inside or parsed.quoted(node):
            continue
        if node.pos_ == "AUX" or node.pos_ == "VERB" and node.lemma_.lower() in NOT_ACTS:
            return None
        if node.pos_ == "VERB":
            break
    else:
        return None
    subject = next((c for c in node.children if c.dep_ == "nsubj" and not parsed.quoted(c)), None)
    if subject is None or not _can_act(subject):
        return None
    return parsed.link_from_cue(node, "pattern", 0.5)


def _outer_source(link: Link, parsed: ParsedArticle) -> Link:
    """'Kasich says he'd tell Putin "no more nonsense"', 'the campaign contrasts it with what they call "…"':
    a pronoun speaker inside another speaker's clause is that speaker; take the outer, fuller mention."""
    verb = link.cue
    inner = link.mention.root
    if inner.pos_ != "PRON" or inner.lower_ not in ("he", "she", "they", "it", "we", "i"):
        return link
    what = is_naming(verb) and any(c.lower_ == "what" for c in verb.children)
    node, outer = verb, None
    for _ in range(6):
        if node.head.i == node.i or node.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "relcl", "pcomp", "pobj",
                                                      "dobj", "prep", "acl"):
            break
        node = node.head
        if not (what or is_cue(node)):
            continue
        subject = next((c for c in node.children if c.dep_ == "nsubj" and not parsed.quoted(c)), None)
        if subject is None:
            continue
        if subject.pos_ == "PRON" and subject.lower_ != inner.lower_ or subject.pos_ != "PRON" and (
                (inner.lower_ == "they") != (subject.tag_ in ("NNS", "NNPS"))):
            break  # another person or a different number: not the same speaker
        outer = subject
        if subject.pos_ != "PRON":
            break
    if outer is None:
        return link
    return Link(link.cue, link.cue_start, link.cue_end, link.cue_text, parsed.mention_of(outer), link.via,
                link.method, link.confidence)


def _usable_cue(verb: Token, parsed: ParsedArticle) -> bool:
    """Not a cue: passive naming ('what were called "peacekeeping"'), wh-subjects."""
    if is_naming(verb) and any(c.dep_ == "auxpass" for c in verb.children):
        return False
    subj = subject_of(verb, parsed)
    return not (subj is not None and subj.lower_ in ("what", "which", "whatever") and verb.lemma_ != "say")


def _outermost_cue(verb: Token, parsed: ParsedArticle) -> Token:
    """'Lind said the two agreed to ...': climb from a cue in a reported clause to the reporting verb."""
    node = verb
    for _ in range(6):
        if node.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or node.head.i == node.i:
            break
        head = node.head
        if is_speech_cue(node):
            break
        if is_speech_cue(head) and not parsed.quoted(head) and subject_of(head, parsed) is not None:
            node = head
            continue
        if node.dep_ == "ccomp":
            break
        node = head
    return node if is_cue(node) else verb


def _is_mark_char(tok: Token) -> bool:
    return tok.text in ("\"", "“", "”", "‘", "’", "'")


# -- reported speech --------------------------------------------------------------------
def _reported_speech(parsed: ParsedArticle, text: str, quoted: list[_Item]) -> list[_Item]:
    """Reported clauses without quotation marks: 'X said (that) ...', '..., according to X'."""
    items: list[_Item] = []
    # a clause holding the speaker's own quoted words is covered by the partial quote; scare quotes don't count
    mark_spans = [it.mark.span for it in quoted if it.mark is not None and it.type in ("direct", "partial")]
    for tok in parsed.doc:
        if parsed.quoted(tok):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(parsed.doc) and parsed.doc[tok.i + 1].lower_ == "to":
            item = _according_clause(parsed, text, tok, mark_spans)
        elif is_speech_cue(tok):
            item = _complement_clause(parsed, text, tok, mark_spans) or _parenthetical_clause(
                parsed, text, tok, mark_spans) or _object_content(parsed, tok, mark_spans)
        elif tok.pos_ == "VERB":
            item = _object_content(parsed, tok, mark_spans)
        else:
            item = None
        if item is not None:
            items.append(item)
    return items


def _trim(parsed: ParsedArticle, toks: list[Token]) -> list[Token]:
    while toks and (toks[0].is_punct or toks[0].dep_ == "mark" and toks[0].lower_ in ("that", "whether")
                    or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in ")”\"’":
        toks = toks[:-1]
    return toks


def _clause_item(parsed, text, toks, link, mark_spans) -> _Item | None:
    toks = _trim(parsed, toks)
    if len(toks) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in toks):
        return None
    start, end = parsed.pos(toks[0]), parsed.pos(toks[-1]) + len(toks[-1].text)
    span = Span(start, end)
    if any(span.overlaps(m) for m in mark_spans):
        return None
    return _Item(start, end, "indirect", link)


def _complement_clause(parsed: ParsedArticle, text: str, verb: Token, mark_spans) -> _Item | None:
    comps = [c for c in verb.children if c.dep_ == "ccomp" and not parsed.quoted(c)]
    if not comps:  # "He said legalizing it could put ...", parsed as an open complement
        comps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and not parsed.quoted(c)
                 and not any(a.lower_ == "to" for a in c.children) and c.tag_ != "VBN"]
    if not comps:  # "said in a statement that ...", "told analysts on a call that ..."
        for prep in verb.children:
            if prep.dep_ != "prep":
                continue
            for obj in prep.children:
                comps += [c for c in obj.children if c.dep_ in ("acl", "relcl", "ccomp") and not parsed.quoted(c)
                          and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if not comps:
        return None
    link = parsed.link_from_cue(verb, "syntax", 0.85)
    if link is None or link.mention is None:
        return None
    comp = comps[0]
    toks = [t for t in comp.subtree]
    if comp.i > verb.i:  # the clause runs to the end of the sentence unless the cue verb goes on
        sent_end = comp.sent.end
        last = comp.right_edge.i
        for tok in parsed.doc[last + 1 : sent_end]:
            if tok.head.i == verb.i and tok.dep_ in ("cc", "conj", "advcl") or parsed.quoted(tok):
                break
            if tok.text == "," and tok.i + 1 < sent_end and parsed.doc[tok.i + 1].head.i == verb.i:
                break
            last = tok.i
        toks = list(parsed.doc[comp.left_edge.i : last + 1])
    if link.mention is not None and link.mention.start <= comp.i < link.mention.end:
        return None
    return _clause_item(parsed, text, toks, link, mark_spans)


def _parenthetical_clause(parsed: ParsedArticle, text: str, verb: Token, mark_spans) -> _Item | None:
    """'The new timetable, Ines Kolby said, will start in March': the cue sits inside the clause it reports.

    The content is the whole host clause, cue included, so that it stays one span of the text.
    """
    host = verb.head
    if verb.dep_ != "parataxis" or host.i == verb.i or parsed.quoted(host):
        return None
    link = parsed.link_from_cue(verb, "syntax", 0.8)
    if link is None or link.mention is None:
        return None
    first = min(link.mention.start, verb.i)
    if first == 0 or parsed.doc[first - 1].text != ",":
        return None  # a parenthetical cue is set off by a comma
    sent = verb.sent
    after = [t for t in parsed.doc[verb.right_edge.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
    end = sent.end if after else verb.left_edge.i
    return _clause_item(parsed, text, list(parsed.doc[sent.start : end]), link, mark_spans)


def _object_content(parsed: ParsedArticle, verb: Token, mark_spans) -> _Item | None:
    """What an attribution verb takes as object: 'cited the figure', 'called for more investment',
    'wants to triple the program', 'urged Republicans to join', 'called the charges unsubstantiated'."""
    lemma = verb.lemma_.lower()
    if parsed.quoted(verb) or verb.tag_ == "VBN" and (verb.dep_ in ("amod", "acl") or any(
            c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)):
        return None  # "the figure cited", "is expected to be ratified": the subject is not the source
    kids = [c for c in verb.children if not parsed.quoted(c)]
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    toks: list[Token] = []
    infinitive = next((c for c in kids if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
    if infinitive is not None and infinitive.lemma_ in ("name", "identify", "quote") and any(
            a.dep_ == "auxpass" for a in infinitive.children):
        return None  # "asked not to be named": the anonymity formula, not content
    if lemma in INFINITIVE_CONTENT_VERBS and infinitive is not None:
        first = obj if obj is not None and obj.i < infinitive.i else infinitive
        toks = list(parsed.doc[first.left_edge.i : infinitive.right_edge.i + 1])
    elif lemma == "call" and obj is None:
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i == verb.i + 1), None)
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if pobj is not None:
            end = infinitive.right_edge.i if infinitive is not None and prep.lower_ == "on" else pobj.right_edge.i
            toks = list(parsed.doc[pobj.left_edge.i : end + 1])
    elif lemma in NAMING_VERBS and obj is not None:
        label = next((c for c in kids if c.i > obj.i and c.dep_ in ("oprd", "ccomp", "xcomp", "attr")
                      or c.dep_ == "prep" and c.lower_ == "as"), None)
        if label is not None:
            toks = list(parsed.doc[obj.left_edge.i : label.right_edge.i + 1])
    elif lemma in OBJECT_CONTENT_VERBS and lemma not in ADDRESSEE_VERBS and obj is not None and \
            obj.lemma_.lower() not in STATEMENT_NOUNS:
        end = obj.right_edge.i
        as_phrase = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as" and c.i > end), None)
        if as_phrase is not None:
            end = as_phrase.right_edge.i
        toks = list(parsed.doc[obj.left_edge.i : end + 1])
    if not toks:
        return None
    link = parsed.link_from_cue(verb, "syntax", 0.6)
    if link is None or link.mention is None or link.mention.start <= toks[0].i < link.mention.end:
        return None
    toks = _trim(parsed, toks)
    if not toks or all(t.is_punct for t in toks):
        return None
    start, end = parsed.pos(toks[0]), parsed.pos(toks[-1]) + len(toks[-1].text)
    if any(Span(start, end).overlaps(m) for m in mark_spans):
        return None
    return _Item(start, end, "indirect", link)


def _according_clause(parsed: ParsedArticle, text: str, tok: Token, mark_spans) -> _Item | None:
    head = tok.head
    link = parsed.link_from_cue(tok, "syntax", 0.8)
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
    item = _clause_item(parsed, text, toks, link, mark_spans)
    if item is None:
        return None
    speaker = subject_of(head, parsed) if is_speech_cue(head) or head.lemma_ in ("ask", "thank", "urge") \
        else None
    if speaker is not None and speaker.pos_ in ("PROPN", "PRON") and speaker.i >= parsed.doc.char_span(
            item.start - parsed.base, item.end - parsed.base, alignment_mode="expand").start:
        item.via_override = "according"
        item.speaker_token = speaker
    return item


# -- speakers ----------------------------------------------------------------------------
def _resolve(parsed: ParsedArticle, text: str, items: list[_Item], coref=None) -> list[Quote]:
    resolver = SpeakerResolver(parsed.doc, parsed.base, parsed.quoted, parsed.mention_of, coref,
                               place=dateline_place(text))
    out: list[Quote] = []
    last: tuple[Quote, int] | None = None  # last attributed quote and its paragraph start
    for item in items:
        quote = Quote(text=text[item.start : item.end], start=item.start, end=item.end, type=item.type)
        quote.sentence = _sentence(parsed, text, item)
        para = _paragraph_start(text, item.start)
        link = item.link
        if link is not None and link.mention is not None:
            mention = link.mention
            via = None
            if item.speaker_token is not None:
                via = resolver.resolve(link.mention, parsed.pos(link.mention.root)).speaker
                mention = parsed.mention_of(item.speaker_token)
            res = resolver.resolve(mention, parsed.pos(mention[0]))
            quote.speaker = res.speaker
            raw = mention.text
            quote.speaker_mention = raw.strip()
            quote.speaker_start = parsed.pos(mention[0]) + (len(raw) - len(raw.lstrip()))
            quote.speaker_end = quote.speaker_start + len(quote.speaker_mention)
            quote.cue, quote.cue_start, quote.cue_end = link.cue_text, link.cue_start, link.cue_end
            if via is not None:
                quote.via = via.name
            elif link.via is not None:
                quote.via = _via_name(resolver, link.via, parsed)
                if quote.via == quote.speaker_name:
                    quote.via = None
            quote.method = link.method if res.method == "name" or res.method == "unnamed" else res.method
            quote.confidence = round(min(link.confidence, res.confidence) if res.method != "name"
                                     else link.confidence * res.confidence, 3)
        elif item.inherit and last is not None and _can_inherit(text, item, last):
            _continue_attribution(quote, last[0])
        elif item.type in ("direct", "partial", "term") and (label := _label_of(text, para)) is not None:
            # "Brenn: Mayor is 'gambling' with schools" / "SANDVIK: Well, this is not ..."
            name, label_start = label
            quote.speaker = Speaker(resolver.canonical_person(name, label_start), kind="person")
            quote.speaker_mention, quote.speaker_start = text[label_start : label_start + len(name)], label_start
            quote.speaker_end = label_start + len(name)
            quote.type = "partial" if item.type == "term" else item.type
            quote.method, quote.confidence = "label", 0.55
        elif item.type in ("direct",) and len(quote.text.split()) < 4:
            quote.type = "term"
        out.append(quote)
        if quote.speaker is not None and item.type in ("direct", "partial", "indirect"):
            last = (quote, para)
    _attribute_back(items, out)
    return out


ATTRIBUTION_FIELDS = ("speaker", "speaker_mention", "speaker_start", "speaker_end", "cue", "cue_start",
                      "cue_end", "via")


def _continue_attribution(quote: Quote, source: Quote) -> None:
    """``quote`` continues ``source``'s words: same speaker, cue and intermediary, a little less sure."""
    for attr in ATTRIBUTION_FIELDS:
        setattr(quote, attr, getattr(source, attr))
    quote.method = "continuation"
    quote.confidence = round(source.confidence * 0.8, 3)


def _attribute_back(items: list[_Item], quotes: list[Quote]) -> None:
    """A quote running over paragraphs with its cue in the last one: the earlier pieces get that speaker."""
    following: Quote | None = None
    for item, quote in zip(reversed(items), reversed(quotes)):
        if item.mark is None:
            continue
        if item.mark.continued and following is not None and following.speaker is not None and \
                quote.method == "none" and quote.type in ("direct", "term"):
            _continue_attribution(quote, following)
            quote.type = "direct"
        following = quote if item.mark.continues else None


_LABEL = re.compile(r"[\"“]?((?:[A-Z][\w.'’-]*\s){0,5}[A-Z][\w.'’-]*)(\s+on\s[^:\n]{1,80})?:\s")


def _label_of(text: str, para: int) -> tuple[str, int] | None:
    """A speaker label opening the paragraph ("SANDVIK: ..." in a transcript, "Brenn: ..." in a headline),
    accepted when the name is used elsewhere in the article."""
    match = _LABEL.match(text, para)
    if match is None:
        return None
    label = match.group(1)
    if match.group(2) and (para != 0 and text[:para].strip()):
        return None  # "Gillibrand on the transcripts: '...'" only as a headline
    words = label.split()
    if len(words[-1]) < 2:
        return None  # "Q:" and "A:" in interviews
    if label.isupper():
        words = [w.capitalize() for w in words]
    elif para != 0 and text[:para].strip():
        return None  # mixed case labels only in the headline
    rest = text[:para] + text[match.end() :]
    if not re.search(r"\b" + re.escape(words[-1]) + r"\b", rest):
        return None
    return " ".join(words), match.start(1)


def _can_inherit(text: str, item: _Item, last: tuple[Quote, int]) -> bool:
    prev, prev_para = last
    para = _paragraph_start(text, item.start)
    if prev.type not in ("direct", "indirect", "partial"):
        return False
    if para == prev_para:
        return True
    between = text[prev.end : item.start]
    return between.count("\n\n") + (between.count("\n") if "\n\n" not in between else 0) <= 2 and (
        item.mark is not None and text[para : item.start].strip() in ("", "“", "\"", "'", "‘"))


def _via_name(resolver: SpeakerResolver, span, parsed: ParsedArticle) -> str:
    res = resolver._resolve(span, parsed.pos(span[0]))
    return res.speaker.name if res.speaker is not None else span.text


def _sentence(parsed: ParsedArticle, text: str, item: _Item) -> str:
    span = parsed.doc.char_span(item.start - parsed.base, item.end - parsed.base, alignment_mode="expand")
    if span is None or not len(span):  # outside the parsed body, or only whitespace between tokens
        return text[item.start : item.end]
    start = span[0].sent.start_char + parsed.base
    end = span[-1].sent.end_char + parsed.base
    para_start = _paragraph_start(text, item.start)
    para_end = text.find("\n", item.end)
    para_end = len(text) if para_end < 0 else para_end
    return text[max(start, para_start) : min(end, para_end)].strip()
