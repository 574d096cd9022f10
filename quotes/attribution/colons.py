"""Who speaks after a colon when no reporting verb says so ('More from pollster Dara Shaw: "…"', 'Here's
Clinton in 1992: "…"', '… - Pew Research: "…"', 'She then turned to the protesters: "…"'), and which
subjects can act as a source at all; read by the frame cues (quotes.attribution.frames)."""

from __future__ import annotations

from spacy.tokens import Token

from quotes.attribution.parsed import Link, ParsedArticle, inside_word, is_dash
from quotes.attribution.sources import SPEECH_WORDS
from quotes.attribution.subjects import subject_of
from quotes.lexicon import value, words

COLON_NAME_REACH = 12  # words allowed before a name that closes with a colon, unless a dash sets the name off
HERE_IS = ("'s", "’s", "is")
NOT_ACTS = words("attribution.marked.not_acts")
ACTOR_ENTS = words("attribution.marked.actor_ents")
ACTOR_PRONOUNS = words("pronouns.subject") | words("pronouns.relative_subject")
ACTOR_NOUNS = words("attribution.marked.actor_nouns") | words("sources.title_words") | words(
    "sources.spokes_nouns") | words("sources.org_nouns")
COLON_SOURCE_NAME = value("confidence.colon_source_name")
COLON_SOURCE_ACTOR = value("confidence.colon_source_actor")
COMMA_SOURCE_ACTOR = value("confidence.comma_source_actor")


def can_act(subject: Token) -> bool:
    """A subject that can be a source: a person, organisation, people or place, a name or a personal pronoun."""
    return subject.ent_type_ in ACTOR_ENTS or subject.lower_ in ACTOR_PRONOUNS or subject.pos_ == "PROPN" or (
        subject.pos_ == "NOUN" and subject.lemma_.lower() in ACTOR_NOUNS)


def colon_source(parsed: ParsedArticle, frame: list[Token]) -> Link | None:
    """Who speaks after a colon when no reporting verb says so: the name just before it ('More from
    pollster Dara Shaw: "…"', 'Stated Stone:'), else the acting subject of the clause it closes ('She then
    turned to the protesters: "…"', 'The board was clear in its findings: "…"')."""
    tokens = [t for t in frame if not t.is_space]
    colon = tokens[-1] if tokens and tokens[-1].text == ":" else None
    if colon is not None:
        tokens = tokens[:-1]
    return _name_before_colon(parsed, tokens, colon) or _from_source(parsed, tokens, colon) or \
        _here_is(parsed, tokens, colon) or _acting_subject(parsed, tokens)


def _here_is(parsed: ParsedArticle, tokens: list[Token], colon: Token | None) -> Link | None:
    """'Here's Clinton in December 1992:', 'Here is the senator on the bill:': who the phrase presents."""
    if colon is None or len(tokens) < 3 or tokens[0].lower_ != "here" or tokens[1].lower_ not in HERE_IS:
        return None
    named = tokens[2] if tokens[2].pos_ != "DET" or len(tokens) < 4 else tokens[3]
    while named.dep_ == "compound" and named.head.i > named.i:  # 'Ines| Kolby'
        named = named.head
    if not (named.pos_ == "PROPN" or can_act(named)):
        return None
    start = parsed.pos(colon)
    mention = parsed.doc[max(named.left_edge.i, tokens[2].i) : named.i + 1]  # not 'in December 1992'
    return Link(colon, start, start + 1, colon.text, mention, None, "pattern", COLON_SOURCE_NAME)


def _from_source(parsed: ParsedArticle, tokens: list[Token], colon: Token | None) -> Link | None:
    """'From the report:', 'More from the two pollsters:': the source the colon's phrase names."""
    if colon is None or not tokens:
        return None
    prep = next((t for t in tokens[:2] if t.lower_ == "from"), None)
    objects = [c for c in prep.children if c.dep_ == "pobj"] if prep is not None else []
    if not objects or objects[0].right_edge.i != tokens[-1].i:
        return None
    start = parsed.pos(colon)
    return Link(colon, start, start + 1, colon.text, parsed.mention_of(objects[0]), None, "pattern",
                COLON_SOURCE_NAME)


def dashed_name(parsed: ParsedArticle, frame: list[Token]) -> Link | None:
    """'Pollsters agree - Dara Shaw: "…"', '… problematic - Harbor Research: "…"': a name set off by a dash
    before the colon speaks, not the subject of a cue in the clause before the dash; set off so, capitalised
    common nouns are a name too (the parser tags 'Harbor Research' as two nouns)."""
    tokens = [t for t in frame if not t.is_space]
    if len(tokens) < 3 or tokens[-1].text != ":":
        return None
    before, name = _split_name(tokens[:-1])
    if len(before) >= 2 and before[-1].lower_ == "and":  # '- Ada Lind and Ola Berg:' as a subject: the first
        before, first = _split_name(before[:-1])
        name = first or name
    if not name or not before or not is_dash(before[-1]):
        return None
    return _name_link(parsed, name, tokens[-1])


def _split_name(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """``tokens`` as what comes before the name that ends them, and that name (nouns count)."""
    name = _closing_name(tokens, ("PROPN", "NOUN"))
    return tokens[: len(tokens) - len(name)], name


def _closing_name(tokens: list[Token], kinds: tuple[str, ...] = ("PROPN",)) -> list[Token]:
    """The capitalised proper nouns (or other ``kinds``) that end ``tokens``, hyphenated ones whole
    ('Lena Marsh-Okafor')."""
    name: list[Token] = []
    for tok in reversed(tokens):
        if not (name and inside_word(tok)) and (tok.pos_ not in kinds or not tok.text[:1].isupper()):
            break
        name.insert(0, tok)
    while name and name[0].text == "-":
        name.pop(0)
    return name


def _name_before_colon(parsed: ParsedArticle, tokens: list[Token], colon: Token | None) -> Link | None:
    """'More from pollster Dara Shaw:', 'Stated Stone:': the name that closes the frame."""
    name = _closing_name(tokens)
    if name and name[0].lower_ in SPEECH_WORDS:  # "Stated Stone:" tagged as one name
        name = name[1:]
    dashed = bool(name) and len(tokens) > len(name) and is_dash(tokens[-len(name) - 1])
    if name and (len(tokens) - len(name) <= COLON_NAME_REACH or dashed):
        return _name_link(parsed, name, colon)
    return None


def _name_link(parsed: ParsedArticle, name: list[Token], colon: Token | None) -> Link | None:
    """The link to ``name`` through its colon, unless the name is some other kind of entity (a date, a place)."""
    if name[-1].ent_type_ not in ("PERSON", "ORG", ""):
        return None
    mention = parsed.doc[name[0].i : name[-1].i + 1]
    cue = colon if colon is not None else name[-1]
    start = parsed.pos(cue)
    return Link(cue, start, start + len(cue.text), cue.text, mention, None, "pattern", COLON_SOURCE_NAME)


def comma_source(parsed: ParsedArticle, frame: list[Token]) -> Link | None:
    """'The mayor issued a statement, "Last night the levy held …."', 'Lind sings, "…."': the subject acting in
    the clause a comma closes right before a quotation that is a sentence of its own (``sentence_like``), when
    no reporting verb speaks."""
    tokens = [t for t in frame if not t.is_space]
    if tokens and (tokens[-1].text == "," or is_dash(tokens[-1])):
        tokens = tokens[:-1]
    return _acting_subject(parsed, tokens, COMMA_SOURCE_ACTOR) if tokens else None


def _acting_subject(parsed: ParsedArticle, tokens: list[Token], prior: float = COLON_SOURCE_ACTOR) -> Link | None:
    """'She then turned to the protesters:': the subject acting in the clause the colon closes."""
    for tok in tokens:
        top = tok.dep_ == "ROOT" or tok.head.i > tokens[-1].i  # the clause the colon closes
        acts = tok.pos_ == "VERB" and tok.lemma_.lower() not in NOT_ACTS or tok.lemma_ == "be"
        if top and acts:
            subject = subject_of(tok, parsed)
            if subject is not None and can_act(subject):
                return parsed.link_from_cue(tok, "pattern", prior)
    return None
