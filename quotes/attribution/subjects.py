"""The speaker of a reporting verb: its grammatical subject, climbing through 'saying', 'adding', coordinated
and reported clauses, inverted ('said Smith') and relative ('…, who said') subjects. Works on one parsed
article (anything with ``quoted(token)``, :class:`quotes.attribution.parsed.ParsedArticle`)."""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Token

from quotes.attribution.cues import CORE_VERBS, is_speech_cue
from quotes.lexicon import words
from quotes.text.marks import MARK_CHARS

ISSUED_NOUNS = words("attribution.cues.issued_nouns")
RELATIVE_PRONOUNS = words("attribution.parsed.relative_pronouns")
INVERTED_VERBS = words("attribution.parsed.inverted_verbs")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
THIRD_PERSON_PEOPLE = words("pronouns.third_person_people")


class Quoted(Protocol):
    def quoted(self, tok: Token) -> bool: ...

    def person_word(self, tok: Token) -> bool: ...


def relative_subject(verb: Token) -> Token | None:
    """'…, who said': the relative pronoun subject of a verb in a relative clause."""
    if verb.dep_ != "relcl":
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS), None)


def subject_of(verb: Token, parsed: Quoted, depth: int = 0) -> Token | None:
    """The grammatical subject of a reporting verb, climbing through 'saying', 'adding'...; a statement,
    video or ad that its source put out stands for that source ('X issued a statement saying')."""
    subject = _subject_of(verb, parsed, depth)
    if subject is not None and subject.pos_ == "NOUN" and subject.lemma_.lower() in ISSUED_NOUNS and \
            subject.dep_ == "dobj" and subject.head.pos_ == "VERB" and depth < 3:
        issuer = _subject_of(subject.head, parsed, depth + 1)
        if issuer is not None and issuer.i != subject.i and not (
                issuer.pos_ == "NOUN" and issuer.lemma_.lower() in ISSUED_NOUNS):
            return issuer
    return subject


def _subject_of(verb: Token, parsed: Quoted, depth: int = 0) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not parsed.quoted(c)]
    if subjects:
        # two subjects is a misparse ("The plan, Kolby said, ..."): the one next to the verb speaks
        child = min(subjects, key=lambda c: abs(verb.i - c.i))
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        return child
    if depth < 3 and verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp") and verb.head.i != verb.i:
        if verb.dep_ == "acl":
            return verb.head if verb.head.pos_ in ("PROPN", "NOUN", "PRON") and not parsed.quoted(verb.head) else None
        head = verb.head
        if (head.pos_ == "ADP" or head.dep_ == "prep") and head.head.i != head.i:  # "quoted as saying", "upon saying"
            head = head.head
        if verb.dep_ == "conj" and head.pos_ == "NOUN" and head.dep_ == "dobj" and verb.pos_ == "VERB":
            head = head.head  # 'He adopted a fake accent and joked', 'joked' hung on the object: the verb's subject
        if verb.dep_ in ("advcl", "conj") and is_speech_cue(verb) and _reported_clause(head, parsed):
            head = head.head  # 'Byrne wrote the agents knew it, saying, "…"': the reporter goes on speaking
        return _subject_of(head, parsed, depth + 1)
    if verb.dep_ == "pobj" or verb.dep_ == "pcomp":
        return None
    for child in verb.children:  # "said Smith" parsed as an object
        if child.dep_ in ("dobj", "attr") and child.pos_ == "PROPN" and child.i > verb.i and \
                verb.lemma_ in INVERTED_VERBS and not parsed.quoted(child):
            return child
    return _inverted_subject(verb, parsed) or _adjacent_name(verb, parsed) or _series_subject(verb, parsed)


def _series_subject(verb: Token, parsed: Quoted) -> Token | None:
    """'Clinton supports "pay raises," opposes "pay freezes" and …' parsed with 'supports' a clause of
    'opposes': the subject of the first verb of the series, set off before it by a comma."""
    first = next((c for c in verb.children if c.dep_ in ("ccomp", "conj") and c.i < verb.i and c.pos_ == "VERB"),
                 None)
    if first is None or verb.dep_ != "ROOT" or verb.doc[verb.i - 1].text not in (",", *MARK_CHARS):
        return None
    subjects = [c for c in first.children if c.dep_ == "nsubj" and c.i < first.i and not parsed.quoted(c)]
    return subjects[0] if subjects and subjects[0].pos_ in ("PROPN", "PRON", "NOUN") else None


def _inverted_subject(verb: Token, parsed: Quoted) -> Token | None:
    """'"The risk," said Edward Leamer, an economist who …, "is …"': the name right after an inverted reporting
    verb that follows a quotation, which the parser made the subject of another clause."""
    doc = verb.doc
    if verb.lemma_ not in INVERTED_VERBS or verb.i == 0 or verb.i + 1 >= len(doc) or not (
            doc[verb.i - 1].text in MARK_CHARS or doc[verb.i - 1].text == ","):
        return None
    tok = doc[verb.i + 1]
    while tok.dep_ in ("compound", "det", "amod") and tok.head.i > tok.i:
        tok = tok.head
    inside = tok.left_edge.i <= verb.i <= tok.right_edge.i  # 'tweeted' parsed as a modifier of the name
    # '"Sure," wrote a Kolby supporter who …': a noun phrase with its determiner right after the verb speaks too
    described = tok.pos_ == "NOUN" and tok.head.i == verb.i and tok.dep_ != "npadvmod" and \
        doc[verb.i + 1].dep_ == "det" and doc[verb.i - 1].text in MARK_CHARS  # not the subject of its clause
    return tok if (tok.pos_ == "PROPN" or described) and not inside and not parsed.quoted(tok) else None


def _reported_clause(verb: Token, parsed: Quoted) -> bool:
    """A clause that is the reported content of a speech verb with a subject of its own ('X said [the move
    was made]')."""
    head = verb.head
    return verb.dep_ == "ccomp" and head.i != verb.i and is_speech_cue(head) and not parsed.quoted(head) and any(
        c.dep_ in SUBJECT_DEPS and not parsed.quoted(c) for c in head.children)


def _adjacent_name(verb: Token, parsed: Quoted) -> Token | None:
    """'In a statement to the paper, her adviser, Jake Sullivan, said:' parsed without a subject: the
    name right before the reporting verb."""
    if verb.lemma_.lower() not in CORE_VERBS:
        return None
    i = verb.i - 1
    if i >= 0 and verb.doc[i].text == ",":
        i -= 1
    if i < 0 or parsed.quoted(verb.doc[i]):
        return None
    tok = verb.doc[i]
    if verb.dep_ != "ROOT" and tok.head.i != verb.i:  # '"...," Brenn barked' with Brenn a compound of it
        return None
    if tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", "ORG", "") or tok.lower_ in THIRD_PERSON_PEOPLE:
        return tok
    if tok.pos_ != "PRON" and tok.text[:1].isupper() and parsed.person_word(tok):
        return tok  # 'Early described it as "a surprise"' with 'Early' tagged an adverb: the article named Tomas Early
    return None
