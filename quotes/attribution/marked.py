"""Quotation-marked quotes: what each top-level mark holds and who it is credited to.

Takes a parsed article, its text and one top-level :class:`QuoteMark`; gives an :class:`Item` typed
title, term, direct or partial, with the :class:`Link` of its cue: a frame cue for a direct quotation
(quotes.attribution.frames), for a partial one the cue right after its closing comma ('"…," she said'),
else the reporting verb or acting subject governing it.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from quotes.attribution.cues import CLAIM_NOUNS, is_cue, is_naming, is_speech_cue
from quotes.attribution.frames import (
    can_act,
    can_speak,
    colon_lead_in,
    cue_follows_quote,
    cue_opens_quote,
    left_frame_cue,
    right_frame_cue,
)
from quotes.attribution.parsed import Item, Link, ParsedArticle, title_words
from quotes.attribution.subjects import ISSUED_NOUNS, subject_of
from quotes.lexicon import sequence, value, words
from quotes.model import QuoteMark
from quotes.text.marks import MARK_CHARS
from quotes.text.paragraphs import paragraph_start

TITLE_NOUNS = words("attribution.marked.title_nouns")
TERM_MARKERS = sequence("attribution.marked.term_markers")
SET_OFF = sequence("attribution.marked.set_off")
EVENT_WORDS = words("attribution.marked.event_words")
POSSESSIVE_ENDINGS = sequence("attribution.marked.possessive_endings")
WH_SUBJECTS = words("attribution.marked.wh_subjects")
EVIDENCE_VERBS = words("attribution.cues.evidence_verbs")
SPEAKER_PRONOUNS = words("pronouns.subject")
WH_RELATIVES = words("attribution.marked.wh_relatives")
SHORT_QUOTE_TOKENS = 3  # a quote this short can be its own cue clause ('she "strongly denied" it')
CLIMB = 12  # tokens climbed from a partial quote to the verb governing it
OUTER_CLIMB = 6  # clauses climbed from a pronoun speaker to the fuller one outside, or from a cue to the outermost
ACTOR_CLIMB = 6  # heads climbed from a partial quote to the verb of its acting subject
CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "conj")
OUTER_DEPS = ("ccomp", "conj", "xcomp", "advcl", "relcl", "pcomp", "pobj", "dobj", "prep", "acl")
GOVERNING_SHORT = value("confidence.governing_short")
CLAIM_NOUN = value("confidence.claim_noun")
GOVERNING_CUE = value("confidence.governing_cue")
SENTENCE_CUE = value("confidence.sentence_cue")
GOVERNING_ACTOR = value("confidence.governing_actor")


def link_mark(parsed: ParsedArticle, text: str, mark: QuoteMark) -> Item:
    """Type one top-level quotation (title, term, direct, partial) and link it to its cue."""
    start, end = mark.span.start, mark.span.end
    para_start = paragraph_start(text, start)
    before = text[para_start : start - 1]
    content = text[start:end]
    if looks_like_title(content, before):
        return Item(start, end, "title", None, mark)
    if looks_like_term(before):
        return Item(start, end, "term", None, mark)
    if is_direct(mark, content, before):
        right = right_frame_cue(parsed, text, mark)
        next_sentence = right is not None and content.rstrip()[-1:] in ".!?" and \
            text[end + 1 : right.cue_start].strip()[:1].isupper()
        if next_sentence:
            # '"…," Kolby said, "… re-election." He went on to …': the split quote's own cue, not the next sentence's
            right = left_frame_cue(parsed, text, mark) or right
        left = None  # a cue before the quote, tried when none follows it closely (not the split quote's own)
        if right is None or right.cue_start > end and not cue_follows_quote(parsed, text, right, end):
            left = left_frame_cue(parsed, text, mark)
            if right is not None and left is not None and not cue_opens_quote(text, left, start):
                left = None  # only a cue that opens the quote beats a later one ('He said, "…" - at which point')
        if left is not None and left.mention is not None:  # 'Trump said he responded: "…"': Trump
            left = outer_source(left, parsed)
        link = left or right or colon_lead_in(parsed, text, mark)
        return Item(start, end, "direct", link, mark, inherit=link is None)
    if names_programme(content, before, para_start):
        return Item(start, end, "title", None, mark)  # 'told Lenmark Radio's "Morning Harbour"': a programme or event
    link = closing_cue(parsed, text, mark) or governing_cue(parsed, mark) or governing_actor(parsed, mark)
    return Item(start, end, "partial" if link is not None else "term", link, mark)


def closing_cue(parsed: ParsedArticle, text: str, mark: QuoteMark) -> Link | None:
    """'Candidates who think "America has no interests at stake here are wrong," she said': a quote whose
    comma closes it, right before a cue and its speaker, is theirs, whatever clause it sits in."""
    if (last := text[mark.span.start : mark.span.end].rstrip()[-1:]) not in (",", "?", "!"):
        return None  # '… "Is that fair?" an adviser asked': a question closes it as well as a comma
    link = right_frame_cue(parsed, text, mark)
    near = link is not None and (link.method == "syntax" or last != ",")  # after '?' the frame may be longer
    if not near or link.mention is None or link.cue_text == "according to":
        return None  # '… that he had "never meant to keep it," according to court documents': an intermediary
    first = min(link.cue_start, link.mention.start_char + parsed.base)
    if first <= mark.span.end or text[mark.span.end + 1 : first].strip():
        return None
    tokens = quote_tokens(parsed, mark)
    return None if tokens and _subordinate_to(tokens[0], link.cue) else link


def _subordinate_to(tok: Token, verb: Token) -> bool:
    """``tok`` sits in an adverbial or relative clause of ``verb`` ('After Scalia said … "…," Trump said'):
    that clause's own cue, not ``verb``, is its attribution."""
    node = tok
    for _ in range(CLIMB):
        if node.head.i == node.i:
            return False
        if node.head.i == verb.i:
            return node.dep_ in ("advcl", "relcl", "acl", "prep")
        node = node.head
    return False


def looks_like_title(text: str, before: str) -> bool:
    """A quoted span that names a work: 'the film "Spirited Away"', 'a report titled "..."'."""
    found = re.findall(r"[A-Za-z][\w'’-]*", text)
    if not found:
        return False
    caps = sum(1 for w in found if w[0].isupper())
    prev = re.findall(r"[a-z-]+", before[-200:].lower())[-3:]  # the tail only: linear in the article
    return any(p in TITLE_NOUNS for p in prev) and caps >= max(1, (len(found) + 1) // 2)


def looks_like_term(before: str) -> bool:
    """A quoted word introduced as a term: 'the so-called "reforms"', 'known as "the Hub"'."""
    tail = before[-200:].lower().rstrip()[-20:]
    return any(tail.endswith(marker) for marker in TERM_MARKERS)


def is_direct(mark: QuoteMark, content: str, before: str) -> bool:
    """A direct quotation: set off from the text before it, and a sentence or several words."""
    stripped = before.rstrip()
    set_off = mark.continues or not stripped or stripped.endswith(SET_OFF) and not (
        stripped.endswith(".") and content[:1].islower())  # 'saying the U.S. "does not …"': no sentence ended
    count = len(content.split())
    return bool(set_off and (content[:1].isupper() or count >= 4 or stripped.endswith(",")) and (
        count >= 3 or content.rstrip()[-1:] in ".!?,"))


def names_programme(content: str, before: str, para_start: int) -> bool:
    """A title-case quote after 'on', 'at', a possessive ...: the name of a programme or event."""
    last_word = (before.rsplit(maxsplit=1) or [""])[-1].lower()
    return _title_case(content) and para_start > 0 and (
        last_word in EVENT_WORDS or last_word.endswith(POSSESSIVE_ENDINGS))


def _title_case(content: str) -> bool:
    return title_words(content) and not content.rstrip().endswith(("!", "?"))


def is_mark_token(tok: Token) -> bool:
    """A quotation mark of its own (any of quotes.text.marks)."""
    return tok.text in MARK_CHARS


def quote_tokens(parsed: ParsedArticle, mark: QuoteMark) -> list[Token]:
    """The tokens between a mark's quotation marks, the marks left out."""
    return [t for t in parsed.tokens_in(mark.span.start, mark.span.end) if not is_mark_token(t)]


# -- partial quotes: the cue that governs them ------------------------------------------
def governing_cue(parsed: ParsedArticle, mark: QuoteMark) -> Link | None:
    """For a quote inside the reporter's sentence: the reporting verb that governs it, tried in order:
    the quote's own verb, a claim noun or cue above it in the tree, the nearest cue of the sentence."""
    tokens = quote_tokens(parsed, mark)
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    own = short_quote_cue(parsed, tokens, roots)
    if own is not None:
        # 'a source said agents would be "screaming"': a quoted verb inside a reported clause is the
        # reporter's paraphrase of that clause's source, who speaks
        outer = outermost_cue(own, parsed)
        return parsed.link_from_cue(outer if outer.i not in inside else own, "syntax", GOVERNING_SHORT)
    return cue_above(parsed, roots, inside) or sentence_cue(parsed, tokens, inside)


def short_quote_cue(parsed: ParsedArticle, tokens: list[Token], roots: list[Token]) -> Token | None:
    """'she "strongly denied" it': a quote of a few words holding its own cue verb, with a subject outside."""
    if len(tokens) > SHORT_QUOTE_TOKENS:
        return None
    for root in roots:
        subj = [c for c in root.children if c.dep_ == "nsubj" and not parsed.quoted(c)]
        if is_cue(root) and subj and (subj[0].pos_ in ("PROPN", "PRON", "NOUN") or subj[0].text[:1].isupper()):
            return root
    return None


def cue_above(parsed: ParsedArticle, roots: list[Token], inside: set[int]) -> Link | None:
    """Climb the tree from the quote: a claim noun with its owner ("Brenn's claim"), or a usable cue verb
    (the outermost reporting verb of the clause) with a speaker. A cue whose subject cannot speak ('"mischief"
    that shows their "disconnect"') gives way to a reporting verb further up whose subject can."""
    fallback = None
    for root in roots:
        node = root
        seen = 0
        while node.head.i != node.i and seen < CLIMB:
            node = node.head
            seen += 1
            if node.i in inside:
                continue
            claim = claim_owner(parsed, node)
            if claim is not None:
                return claim
            if is_cue(node) and usable_cue(node, parsed):
                node = outermost_cue(node, parsed)
                link = parsed.link_from_cue(node, "syntax", GOVERNING_CUE)
                if link is not None and link.mention is not None:
                    if fallback is None and not can_speak(link.mention.root):
                        fallback = link
                        continue
                    return outer_source(link, parsed)
    return fallback


def claim_owner(parsed: ParsedArticle, node: Token) -> Link | None:
    """"Brenn's claim that ...": a claim noun outside quotes with a possessor, who is the speaker."""
    if node.lower_ not in CLAIM_NOUNS or parsed.quoted(node):
        return None
    owner = [c for c in node.children if c.dep_ == "poss" and not parsed.quoted(c)]
    if not owner:
        return None
    start = parsed.pos(node)
    return Link(node, start, start + len(node.text), node.text, parsed.doc[owner[0].left_edge.i : owner[0].i + 1],
                None, "syntax", CLAIM_NOUN)


def sentence_cue(parsed: ParsedArticle, tokens: list[Token], inside: set[int]) -> Link | None:
    """The usable cue of the quote's sentence nearest to it that has a speaker."""
    sent = tokens[0].sent
    candidates = [t for t in parsed.sentence_cues(sent, lambda t: usable_cue(t, parsed)) if t.i not in inside]
    candidates.sort(key=lambda t: abs(t.i - tokens[0].i))
    for tok in candidates:
        link = parsed.link_from_cue(tok, "pattern", SENTENCE_CUE)
        if link is not None and link.mention is not None:
            return link
    return None


def governing_actor(parsed: ParsedArticle, mark: QuoteMark) -> Link | None:
    """'Brenn has gone after the mayor as a "spoiled landlord"', 'Vestland branded the plan a "harbour grab"':
    no reporting verb, but the person or body acting in the clause is the source of the quoted words."""
    tokens = quote_tokens(parsed, mark)
    if not tokens:
        return None  # only quotation marks between the marks ('“ “ ”')
    inside = {t.i for t in tokens}
    node = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    for _ in range(ACTOR_CLIMB):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.i in inside or parsed.quoted(node) or node.pos_ not in ("VERB", "AUX"):
            continue
        subject = subject_of(node, parsed)  # its own, or that of the clause it continues ("..., portraying X as")
        if subject is None or subject.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue  # none, or 'the wealthy pay their "fair share"' misparsed: look further up
        if not can_act(subject) and not (subject.pos_ == "NOUN" and subject.lemma_.lower() in ISSUED_NOUNS
                                         and node.lemma_ != "be"):
            return None  # 'the plan is a "harbour grab"': the clause's subject says nothing ('the ad targets' does)
        return parsed.link_from_cue(_holder_of_complement(node, parsed), "pattern", GOVERNING_ACTOR)
    return None


def _holder_of_complement(verb: Token, parsed: ParsedArticle) -> Token:
    """'Experts have speculated that Korea might boost its "yield"': a clause that is the complement of an
    acting subject's verb is that subject's content; climb to the outermost such verb."""
    for _ in range(OUTER_CLIMB):
        if verb.dep_ != "ccomp" or verb.head.pos_ not in ("VERB", "AUX") or parsed.quoted(verb.head):
            break
        subject = subject_of(verb.head, parsed)
        if subject is None or not can_act(subject):
            break
        verb = verb.head
    return verb


def outer_source(link: Link, parsed: ParsedArticle) -> Link:
    """'Kasich says he'd tell Putin "no more nonsense"', 'the campaign contrasts it with what they call "…"':
    a pronoun speaker inside another speaker's clause is that speaker; take the outer, fuller mention."""
    verb = link.cue
    inner = link.mention.root
    if inner.pos_ != "PRON" or inner.lower_ not in SPEAKER_PRONOUNS or _own_clause(inner):
        return link
    what = is_naming(verb) and any(c.lower_ == "what" for c in verb.children)
    node, outer = verb, None
    for _ in range(OUTER_CLIMB):
        if node.head.i == node.i or node.dep_ not in OUTER_DEPS:
            break
        node = node.head
        if not (what or is_cue(node)):
            continue
        subject = _nsubj(node, parsed)
        if subject is None and node.dep_ == "conj":  # 'Adelson met Trump and declared that he found …'
            subject = _nsubj(node.head, parsed)
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


def _nsubj(verb: Token, parsed: ParsedArticle) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj" and not parsed.quoted(c)), None)


def _own_clause(subject: Token) -> bool:
    """'Stevens says …, but she cautions', 'even as he defended her, saying', 'Trump, whom he called "a con"':
    the pronoun is the subject of a coordinated, adverbial or relative clause of its own, not of a clause
    reported by someone else, and PARC's source is that pronoun."""
    clause = subject.head
    return clause.dep_ in ("conj", "advcl") or clause.dep_ == "relcl" and any(
        c.lower_ in WH_RELATIVES and c.i < subject.i for c in clause.children)


def usable_cue(verb: Token, parsed: ParsedArticle) -> bool:
    """Not a cue: passive naming ('what were called "peacekeeping"'), wh-subjects."""
    if is_naming(verb) and any(c.dep_ == "auxpass" for c in verb.children):
        return False
    subj = subject_of(verb, parsed)
    return not (subj is not None and subj.lower_ in WH_SUBJECTS and verb.lemma_ != "say")


def outermost_cue(verb: Token, parsed: ParsedArticle) -> Token:
    """'Lind said the two agreed to ...': climb from a cue in a reported clause to the reporting verb."""
    node = verb
    for _ in range(OUTER_CLIMB):
        if node.dep_ not in CLAUSE_DEPS or node.head.i == node.i:
            break
        head = node.head
        if is_speech_cue(node) and node.lemma_.lower() not in EVIDENCE_VERBS:
            break
        if is_speech_cue(head) and not parsed.quoted(head) and subject_of(head, parsed) is not None:
            node = head
            continue
        if node.dep_ == "ccomp":
            break
        node = head
    return node if is_cue(node) else verb
