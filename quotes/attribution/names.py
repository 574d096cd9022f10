"""Name, title and organisation strings of speaker mentions, and the sources' word lists.

Takes spaCy spans or plain strings; gives cleaned names ("Mr Karl Vinter's" -> "Karl Vinter"), the
title before a name, organisation names, description texts and the small span tests the resolver's
rules share. No article state: see ``register`` for the names seen in an article.
"""

from __future__ import annotations

import re

import numpy
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from quotes.lexicon import entry, sequence, words

HONORIFICS = words("sources.honorifics")
MALE_HONORIFICS = words("sources.male_honorifics")
FEMALE_HONORIFICS = words("sources.female_honorifics")
MALE_ROLES = words("sources.male_roles")
FEMALE_ROLES = words("sources.female_roles")
GIVEN_NAME_GENDERS = {**dict.fromkeys(words("sources.male_given_names"), "m"),
                      **dict.fromkeys(words("sources.female_given_names"), "f")}
MALE = words("pronouns.male")
FEMALE = words("pronouns.female")
PLURAL = words("pronouns.plural")
NEUTER = words("pronouns.neuter")
PRONOUNS = MALE | FEMALE | PLURAL | NEUTER | words("pronouns.first_second")
RELATIVE_PRONOUNS = words("sources.relative_pronouns")
ISSUER_PREPOSITIONS = words("sources.issuer_prepositions")
SPOKES_NOUNS = words("sources.spokes_nouns")
SPOKES_PREPOSITIONS = words("sources.spokes_prepositions")
ORG_NOUNS = words("sources.org_nouns")
TITLE_WORDS = words("sources.title_words")
ROLE_SYNONYMS: dict[str, set[str]] = {role: set(same) for role, same in entry("sources.role_synonyms").items()}
HONORIFIC_ROLES: dict[str, str] = dict(entry("sources.honorific_roles"))
PERSONAL_POSSESSIVES = words("pronouns.male") | words("pronouns.female")
NATIONAL_BODY = "(" + "|".join(sequence("sources.national_bodies.ministries")) + ") Ministry"
SPEECH_WORDS = words("sources.speech_words")
DETERMINERS = words("sources.determiners")
DEFINITE = words("sources.definite_determiners")
INDEFINITE = words("sources.indefinite_articles")
LEADING_ARTICLE = r"^(" + "|".join(sequence("sources.articles")) + r")\s+"  # r"^(the|a|an)\s+"
POSSESSIVE = words("sources.possessive_clitics")
APOSTROPHES = words("sources.apostrophes")
DEMONYMS: dict[str, str] = dict(entry("sources.demonyms"))
_COUNTRY_OF = {demonym: country for country, demonym in DEMONYMS.items()}
COMPANY_SUFFIXES = words("sources.company_suffixes")
BODY_SUFFIXES = words("sources.body_suffixes")
_NOT_IN_NAME = POSSESSIVE | APOSTROPHES
BINDING_MODIFIERS = words("sources.descriptions.binding_modifiers")


def clean_name(ent: Span) -> str:
    """A person's name without honorifics, possessive, a leading speech verb or the titles before it."""
    # a name does not run across a line break ("X." numbering the section before "Sexton tweeted"): the
    # line that holds the name's head
    breaks = [t.i for t in ent if "\n" in t.text_with_ws]
    start = max((i + 1 for i in breaks if i < ent.root.i), default=ent.start)
    end = min((i + 1 for i in breaks if i >= ent.root.i), default=ent.end)
    tokens = ent.doc[start:end]
    # each token with its own spacing: 'Ban Ki-moon', not 'Ban Ki - moon'
    kept = "".join(t.text_with_ws for t in tokens if t.lower_ not in HONORIFICS and t.text not in _NOT_IN_NAME).split()
    while len(kept) > 1 and kept[0].lower() in SPEECH_WORDS:  # "Stated Stone:" read as one name
        kept = kept[1:]
    return _strip_titles(" ".join(kept)).strip(" ,.")


def _strip_titles(text: str) -> str:
    """'Ward 3 Councillor Mira Solberg' -> 'Mira Solberg'."""
    parts = text.split()
    last_title = max((i for i, w in enumerate(parts[:-1]) if w.lower() in TITLE_WORDS), default=-1)
    return " ".join(parts[last_title + 1 :]) if last_title >= 0 else text


def _strip_possessive(text: str) -> str:
    """'Quist's' -> 'Quist', "the Quists'" -> 'the Quists'."""
    return re.sub(r"[’']s?$", "", text).strip()


def _title_case(text: str) -> str:
    """Capitalise each word, leaving all-capital words ('NATO') as they are."""
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in text.split())


def _title_before(mention: Span, person: Span) -> str | None:
    """The title in front of a person's name in a mention ('the Finance Minister Ola Berg' -> 'Finance Minister')."""
    title = mention.doc[mention.start : person.start].text.strip(" ,")
    title = re.sub(LEADING_ARTICLE, "", title, flags=re.IGNORECASE)
    kept = [w for w in title.split() if w.lower() not in HONORIFICS]
    return " ".join(kept) or None


def org_name(ent: Span) -> str:
    """An organisation entity's text without a leading 'the'."""
    return re.sub(r"^(the)\s+", "", ent.text, flags=re.IGNORECASE)


def _company_name(ent: Span) -> bool:
    """A name the recogniser calls a person but that names a company or body: 'Lenhold AG', 'maker Lenhold',
    'Fennick Harbour Primary School' (three words or more ending in an organisation noun)."""
    if ent[-1].lower_ in COMPANY_SUFFIXES or len(ent) >= 3 and ent[-1].lower_ in BODY_SUFFIXES:
        return True
    return any(c.dep_ == "compound" and c.lower_ in ORG_NOUNS for c in ent.root.children if c.i < ent.start)


def _description_text(mention: Span) -> str:
    """An unnamed source's description: determiners and possessives dropped, a common-noun start in lower case."""
    tokens = list(mention)
    while tokens and tokens[0].lower_ in DETERMINERS:
        tokens = tokens[1:]
    if not tokens:
        return mention.text
    text = mention.doc[tokens[0].i : tokens[-1].i + 1].text
    text = re.sub(r"[’']s\b", "", text)
    if tokens[0].pos_ != "PROPN" and text[:1].isupper() is not False and tokens[0].ent_type_ == "":
        text = text[:1].lower() + text[1:]
    return text


def _mods_fit(mods: set[str], words: set[str]) -> bool:
    """Whether a description's modifiers can describe a speaker whose name and title hold ``words``:
    a demonym fits a word with its stem ("Japanese" ~ "japan"); a capitalised or binding modifier
    ("federal") must be among the words; other modifiers are ignored."""
    useful = {m for m in mods if m.isalpha() and m not in POSSESSIVE}
    for mod in useful:
        if mod in words:
            continue
        if any(d.lower() == mod or mod.startswith(d.lower()[:5]) for d in DEMONYMS.values()) and \
                any(w.startswith(mod[:4]) for w in words):
            continue
        if mod[:1].isupper() or mod in BINDING_MODIFIERS:
            return False
    return True


def _mods_fit_strict(mods: set[str], words: set[str]) -> bool:
    """Whether every alphabetic modifier is among ``words``."""
    return all(m in words for m in mods if m.isalpha())


def _is_plural(mention: Span) -> bool:
    """A plural head, a plural pronoun or a coordination ('Berg and Quist')."""
    root = mention.root
    return root.tag_ in ("NNS", "NNPS") or root.lower_ in PLURAL or any(t.lower_ == "and" for t in mention)


def _spokesperson_for(mention: Span) -> Span | None:
    """'a spokesman for the Health Ministry' -> 'the Health Ministry'."""
    root = mention.root
    if root.lower_ not in SPOKES_NOUNS:
        return None
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in SPOKES_PREPOSITIONS:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                obj = objs[0]
                return mention.doc[obj.left_edge.i : obj.right_edge.i + 1]
    return None


def _named_apposition(root: Token) -> Span | None:
    """The name set beside a noun: 'his lawyer, Karl Vinter,' / 'company Lenpay' / 'Her challenger, Marta
    Kline,' / 'Its owner, Brightwater Capital,'. A one-word name needs a role or organisation noun."""
    if root.pos_ != "NOUN" and not (root.pos_ == "ADJ" and any(c.dep_ in ("poss", "det") for c in root.children)):
        return None  # 'her rival Mara Lind': the parser tags some role nouns as adjectives
    role = root.lower_ in ORG_NOUNS or root.lower_ in TITLE_WORDS or root.lemma_.lower() in ROLE_SYNONYMS
    for child in root.children:
        near = child.i > root.i and child.left_edge.i - root.i <= 2
        if child.dep_ != "appos" or child.pos_ != "PROPN" or not near:
            continue
        name = root.doc[child.left_edge.i : child.i + 1]
        full = len(name) >= 2 and all(t.text[:1].isupper() for t in name)
        if role and child.ent_type_ in ("PERSON", "ORG", "") or full:
            return name
    return None


def is_personal_role(root: Token) -> bool:
    """A noun that stands for a person: a title or role ('the mayor'), or one owned by 'his'/'her'."""
    lemma = root.lemma_.lower()
    return root.lower_ in TITLE_WORDS or lemma in ROLE_SYNONYMS or any(
        c.dep_ == "poss" and c.lower_ in PERSONAL_POSSESSIVES for c in root.children)


def _names_with_roles(doc: Doc) -> list[Span]:
    """Two- or three-word proper names with a personal role in apposition ("X Y, the mayor of Z", "Her
    challenger, X Y") that the entity recogniser missed or mislabelled."""
    found = []
    for tok in tagged(doc, NOUN, PROPN):
        if tok.pos_ == "NOUN" and is_personal_role(tok):
            name = _named_apposition(tok)
            if name is not None and len(name) >= 2 and name.root.ent_type_ != "PERSON":
                found.append(name)
        if tok.pos_ != "PROPN" or tok.dep_ == "compound" or tok.ent_type_ not in ("", "ORG"):
            continue
        appos = [c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if not any(a.lower_ in TITLE_WORDS or a.lower_ in ROLE_SYNONYMS for a in appos):
            continue
        first = tok.i
        while first > 0 and tok.i - first < 2 and doc[first - 1].dep_ == "compound" and \
                doc[first - 1].pos_ == "PROPN" and doc[first - 1].head.i == tok.i:
            first -= 1
        span = doc[first : tok.i + 1]
        if len(span) >= 2 and all(t.text[:1].isupper() for t in span) and not any(
                t.lower_ in ORG_NOUNS for t in span):
            found.append(span)
    return found


def entities(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside the span) read from the span's own tokens: spaCy's walks every
    entity of the document, at each of the many mentions an article resolves."""
    doc, found, i = span.doc, [], span.start
    while i < span.end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "I":
            j += 1
        if j > span.end:
            break
        found.append(Span(doc, i, j, label=doc[i].ent_type_))
        i = j
    return found


def tagged(doc: Doc, *tags: int) -> list[Token]:
    """The tokens of ``doc`` with one of the part-of-speech ``tags`` (``spacy.symbols``), in order, read from
    the tag array: an article's other tokens are never made into ``Token`` objects."""
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(doc.to_array("POS"), tags))]


def places_in(tokens: list[Token]) -> set[str]:
    """The places the tokens name, whole and in lower case: a country, state or city ('New Jersey' -> 'new
    jersey') or a nationality ('Mexican' -> 'mexico'), not a party ('Republican')."""
    gpes: list[list[Token]] = []
    found: set[str] = set()
    for tok in tokens:
        if tok.ent_type_ == "GPE":
            if tok.ent_iob_ == "B" or not gpes or gpes[-1][-1].i != tok.i - 1:
                gpes.append([])
            gpes[-1].append(tok)
        elif tok.ent_type_ == "NORP" and tok.text in _COUNTRY_OF:
            found.add(_COUNTRY_OF[tok.text])
    return found | {" ".join(t.lower_ for t in run) for run in gpes}
