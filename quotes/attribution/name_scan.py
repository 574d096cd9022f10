"""Spotting names in a parsed article and comparing name strings, for the article's register.

Takes a spaCy ``Doc`` (or name strings); gives proper-noun chains the recogniser missed or mislabelled
("Ward 3 Councillor Mira Solberg"), names premodified by an organisation noun ("payments company Lenpay"),
acronyms spelled by an organisation's initials ("CWA"), organisations owned by a country ("Japan's Foreign
Ministry"), and the string tests of surnames and fuller forms. No article state: see ``register``.
"""

from __future__ import annotations

import numpy
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from quotes.attribution.names import DEMONYMS, HONORIFICS, ORG_NOUNS, POSSESSIVE, TITLE_WORDS, org_name, tagged
from quotes.lexicon import words

NAME_SUFFIXES = words("sources.name_suffixes")
NOT_NAME_ENTS = words("sources.not_name_entities")


def proper_chains(doc: Doc) -> list[tuple[Span, bool]]:
    """Capitalised proper-noun compounds ending at their head ("Councillor Mira Solberg"; titles are
    stripped later by ``clean_name``), each with whether a title or honorific comes before the name."""
    chains = []
    for tok in tagged(doc, PROPN):
        if tok.dep_ == "compound" or tok.ent_type_ in NOT_NAME_ENTS:
            continue
        first = tok.i
        while first > 0 and _chain_word(doc[first - 1]) and doc[first - 1].head.i == tok.i:
            first -= 1
        span = doc[first : tok.i + 1]
        titled = any(t.lower_ in TITLE_WORDS for t in span[:-2]) or (
            first > 0 and doc[first - 1].lower_ in HONORIFICS and len(span) >= 2)
        if first < tok.i and tok.is_alpha and tok.text[:1].isupper():
            chains.append((span, titled))
    return chains


def owned_by_place(ent: Span) -> str | None:
    """"Japan's Foreign Ministry" -> 'Japanese Foreign Ministry': an organisation owned by a country."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ not in POSSESSIVE:
        return None
    demonym = DEMONYMS.get(doc[ent.start - 2].lower_)
    return f"{demonym} {org_name(ent)}" if demonym else None


def has_surname(full: str, word: str) -> bool:
    """'Pate' in 'Luther Stan Pate IV' (a suffix dropped), 'Acosta' in 'Melba Acosta Febo' (a double surname)."""
    parts = full.split()
    while len(parts) > 2 and parts[-1].lower() in NAME_SUFFIXES:
        parts = parts[:-1]
    return parts[-1] == word or len(parts) >= 3 and word in parts[1:-1]


def names_after_org_nouns(doc: Doc) -> list[tuple[Span, str]]:
    """'payments company Lenpay', 'regulator Ofwex': the proper name after an organisation noun that
    premodifies it, with the noun."""
    found = []
    for tok in tagged(doc, PROPN):
        if tok.dep_ == "compound":
            continue
        nouns = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.lower_ in ORG_NOUNS]
        if nouns and nouns[-1].i < tok.i:
            first = nouns[-1].i + 1
            if all(t.pos_ == "PROPN" for t in doc[first : tok.i + 1]):
                found.append((doc[first : tok.i + 1], nouns[-1].lower_))
    return found


def acronyms(doc: Doc, orgs: list[str]) -> dict[str, str]:
    """'CWA' -> 'Coastal Water Authority': an all-capital word of the article spelling the initials of an
    organisation's capitalised words."""
    initials = {}
    for name in orgs:
        caps = [w for w in name.split() if w[:1].isupper()]
        if len(caps) >= 2:
            initials.setdefault("".join(w[0] for w in caps), name)
    upper = numpy.flatnonzero(doc.to_array("IS_UPPER")) if initials else []
    return {t.text: initials[t.text] for t in (doc[int(i)] for i in upper) if len(t.text) >= 2 and t.text in initials}


def before_a_name(full: str, forms: set[str]) -> bool:
    """Whether ``full`` is a capitalised word put before another full name in ``forms``."""
    rest = full.split(maxsplit=1)[1:]
    return bool(rest) and len(rest[0].split()) >= 2 and rest[0][:1].isupper() and rest[0] in forms


def stands_for(short: str, full: str) -> bool:
    """Whether name ``short`` can be a shorter form of ``full`` (same surname, its words among full's)."""
    words = full.split()
    return short.split()[-1] == words[-1] and all(w in words for w in short.split())


def _chain_word(tok: Token) -> bool:
    return tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.is_alpha and tok.text[:1].isupper() and \
        tok.ent_type_ not in NOT_NAME_ENTS and tok.lower_ not in ORG_NOUNS
