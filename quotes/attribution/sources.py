"""Turn a speaker mention into a canonical speaker within one article.

Takes a parsed article and speaker mentions (noun phrases) with their positions; gives a
``Resolution``: the speaker, how it was found and a confidence. Names are mapped to the fullest form
used in the article (``register``), titles are split off (``names``), unnamed sources get a
description, and pronouns (``pronouns``) or definite descriptions ("he", "the ministry") are resolved
against the clauses before them and the speakers attributed earlier in the article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from quotes.attribution.cues import STATEMENT_NOUNS
from quotes.attribution.descriptions import DescriptionRules
from quotes.attribution.names import (
    DEFINITE,
    DETERMINERS,
    FEMALE,
    MALE,
    ORG_NOUNS,
    PRONOUNS,
    SPEECH_WORDS,
    _company_name,
    _description_text,
    _is_plural,
    _named_apposition,
    _spokesperson_for,
    _strip_possessive,
    _strip_titles,
    _title_before,
    clean_name,
    entities,
    org_name,
)
from quotes.attribution.pronouns import PronounRules
from quotes.attribution.register import Known, NameRegister, Resolution, confidence
from quotes.model import Speaker
from quotes.text.dateline import Place

__all__ = ["SPEECH_WORDS", "Resolution", "SpeakerResolver"]

class SpeakerResolver(PronounRules, DescriptionRules):
    """Article-level state: the names in the article (a ``NameRegister``) and the speakers seen so far."""

    def __init__(self, doc: Doc, base: int = 0, quoted: Callable[[Token], bool] | None = None,
                 mention_of: Callable[[Token], Span] | None = None, coref=None, place: Place | None = None):
        self.coref = coref
        self.place = place
        self.doc = doc
        self.base = base
        self.quoted = quoted or (lambda tok: False)
        self.mention_of = mention_of or (lambda tok: doc[tok.left_edge.i : tok.i + 1])
        self.names = NameRegister(doc, base, place)
        self.history: list[Known] = []
        self.resolved_at: dict[int, Speaker] = {}  # token index of a mention root -> its speaker
        self.issuing: set[tuple[int, int]] = set()  # mentions whose issuer is being looked for
        self.quote_span: tuple[int, int] | None = None  # the quote whose speaker is being resolved
        # the rules of _resolve, tried in order: the first that gives a Resolution wins
        self.rules: tuple[Callable[[Span, int], Resolution | None], ...] = (
            self._by_pronoun, self._by_spokesperson, self._by_issuer, self._by_named_apposition,
            self._by_company_person, self._by_person_entity, self._by_known_person, self._by_org_noun_then_name,
            self._by_org_entity, self._by_proper_name, self._by_definite_description, self._by_org_noun_with_name,
            self._earlier_description, self._as_description,
        )

    # -- public ---------------------------------------------------------------
    def resolve(self, mention: Span, position: int, quote: tuple[int, int] | None = None) -> Resolution:
        """Resolve a mention (a speaker noun phrase) seen at ``position`` and remember its speaker;
        ``quote`` (start, end) is the quote it speaks, whose words can tell who a pronoun is."""
        self.quote_span = quote
        try:
            res = self._resolve(mention, position)
        finally:
            self.quote_span = None
        if res.speaker is not None and res.speaker.kind in ("organisation", "unnamed"):
            res.speaker.name = self.names.placed(res.speaker.name)
        if res.speaker is not None and res.speaker.resolved:
            head = mention.root.lower_
            known = Known(res.speaker, position, head, plural=_is_plural(mention) or (
                res.speaker.kind == "unnamed" and mention.root.tag_ == "NNS"))
            if head in MALE or head in FEMALE:
                self.names.pronoun_genders.setdefault(res.speaker.name, Counter())["m" if head in MALE else "f"] += 1
            self.history.append(known)
            self.resolved_at[mention.root.i] = res.speaker
        return res

    def resolve_via(self, mention: Span, position: int) -> Resolution:
        """Resolve a mention without remembering it (a "via" source, a name in passing)."""
        return self._resolve(mention, position)

    def canonical_person(self, name: str, position: int) -> str:
        """The fullest name in the article for ``name``; the nearest earlier one if ambiguous."""
        return self.names.canonical_person(name, position)

    def is_person_name(self, text: str) -> bool:
        """Whether ``text`` ends with the surname of a person named in the article."""
        return self.names.is_person_name(text)

    # -- the rules, in the order _resolve tries them ---------------------------
    def _resolve(self, mention: Span, position: int) -> Resolution:
        """The first rule's resolution; the last rule always gives one."""
        for rule in self.rules:
            found = rule(mention, position)
            if found is not None:
                return found
        raise AssertionError("the last rule always resolves")  # pragma: no cover

    def _by_pronoun(self, mention: Span, position: int) -> Resolution | None:
        """A lone pronoun ("he", "they") -> an earlier speaker (see ``_pronoun``)."""
        lower = mention.root.lower_
        if lower in PRONOUNS and len(mention) == 1:
            return self._pronoun(lower, position, mention)
        return None

    def _by_spokesperson(self, mention: Span, position: int) -> Resolution | None:
        """'a spokeswoman for the Health Ministry' -> the ministry."""
        spokes = _spokesperson_for(mention)
        if spokes is None:
            return None
        return Resolution(Speaker(self.names.org_canonical(spokes), kind="organisation"), "name",
                          confidence("spokesperson"))

    def _by_issuer(self, mention: Span, position: int) -> Resolution | None:
        """'the statement', 'a filing by X' -> the organisation that issued it."""
        if mention.root.lower_ in STATEMENT_NOUNS:
            return self._issuer(mention, position)
        return None

    def _by_named_apposition(self, mention: Span, position: int) -> Resolution | None:
        """"His lawyer, Karl Vinter, ...", "ticketing company Lenpay" -> the name beside the noun."""
        named = _named_apposition(mention.root)
        return self._resolve(named, position) if named is not None else None

    def _by_company_person(self, mention: Span, position: int) -> Resolution | None:
        """A PERSON entity that names a company ('Lenhold AG') -> that organisation."""
        company = next((e for e in entities(mention) if e.label_ == "PERSON" and _company_name(e)), None)
        if company is None:
            return None
        return Resolution(Speaker(org_name(company), kind="organisation"), "name", confidence("company_person"))

    def _by_person_entity(self, mention: Span, position: int) -> Resolution | None:
        """'director Helena Quist' -> Helena Quist (fullest form), title 'director'."""
        root = mention.root
        persons = [e for e in entities(mention) if e.label_ == "PERSON"]
        # 'Lenpay communications director Ida Holm': the name that holds the head, not the first one
        person = next((e for e in persons if e.start <= root.i < e.end), persons[0] if persons else None)
        if person is None or not (root.i >= person.start and root.i < person.end or root.pos_ == "PROPN"):
            return None
        name = self.canonical_person(clean_name(person), position)
        title = _title_before(mention, person)
        return Resolution(Speaker(name, kind="person", title=title), "name", confidence("person_entity"))

    def _by_known_person(self, mention: Span, position: int) -> Resolution | None:
        """'Quist' (not tagged PERSON, even tagged a noun) -> the person of that surname named in the article."""
        capitalised = all(t.text[:1].isupper() for t in mention if t.is_alpha)
        if not (mention.root.pos_ == "PROPN" or capitalised) or mention[0].lower_ in DETERMINERS:
            return None
        text = _strip_possessive(_strip_titles(mention.text))
        if not self.is_person_name(text):
            return None
        return Resolution(Speaker(self.canonical_person(text, position), kind="person"), "name",
                          confidence("known_person"))

    def _by_org_noun_then_name(self, mention: Span, position: int) -> Resolution | None:
        """'ticketing company Lenpay' -> Lenpay: the proper names after the last organisation noun."""
        root = mention.root
        kinds = [t for t in mention if t.lower_ in ORG_NOUNS and t.pos_ == "NOUN"]
        tail = [t for t in mention if kinds and t.i > kinds[-1].i]
        if tail and all(t.pos_ == "PROPN" for t in tail) and (root.i == kinds[-1].i or root.i == tail[-1].i):
            return Resolution(Speaker(mention.doc[tail[0].i : tail[-1].i + 1].text, kind="organisation"),
                              "name", confidence("org_noun_then_name"))
        return None

    def _by_org_entity(self, mention: Span, position: int) -> Resolution | None:
        """An ORG entity ending 'the company Lenpay', or an ORG/GPE/NORP entity that holds the head."""
        root = mention.root
        org = next((e for e in entities(mention) if e.label_ in ("ORG", "GPE", "NORP")), None)
        if org is None:
            return None
        if org.label_ == "ORG" and org.end == mention.end and root.lower_ in ORG_NOUNS:
            return Resolution(Speaker(self.names.org_canonical(org), kind="organisation"), "name",
                              confidence("org_entity_after_noun"))  # "company Lenpay", "the Authority"
        if org.start <= root.i < org.end:
            name = self.names.org_canonical(mention)
            return Resolution(Speaker(name, kind="organisation"), "name", confidence("org_entity"))
        return None

    def _by_proper_name(self, mention: Span, position: int) -> Resolution | None:
        """Any other proper name: an organisation if it holds an organisation noun, else a person."""
        root = mention.root
        if root.pos_ != "PROPN" or mention[0].lower_ in DETERMINERS or len(mention.text) == 1:
            return None  # a lone letter is no name: "Q:" and "A:" label an interview's turns
        if root.ent_type_ in ("ORG", "GPE", "NORP", "") and any(t.lower_ in ORG_NOUNS for t in mention):
            return Resolution(Speaker(self.names.org_canonical(mention), kind="organisation"), "name",
                              confidence("proper_org"))
        text = _strip_possessive(mention.text)
        return Resolution(Speaker(self.canonical_person(text, position), kind="person"), "name",
                          confidence("proper_name"))

    def _by_definite_description(self, mention: Span, position: int) -> Resolution | None:
        """'the official', 'this company', 'its lawyer' -> an earlier speaker or entity (``_description``);
        'the Nordic agency' -> that organisation; 'X will cut jobs, the company said' -> X."""
        if not (mention[0].lower_ in DEFINITE or mention[0].dep_ == "poss"):
            return None
        found = self._description(mention, position)
        if found is not None:
            return found
        lower = mention.root.lower_
        if lower in ORG_NOUNS and any(t.pos_ in ("PROPN", "ADJ") for t in mention[1:-1]):
            return Resolution(Speaker(self.names.org_canonical(mention), kind="organisation"), "name",
                              confidence("definite_org"))
        if lower in ORG_NOUNS:
            return self._reported_subject(mention)
        return None

    def _by_org_noun_with_name(self, mention: Span, position: int) -> Resolution | None:
        """An organisation noun with a proper noun in the mention ('Vessel's water board')."""
        if mention.root.lower_ in ORG_NOUNS and any(t.pos_ == "PROPN" for t in mention):
            return Resolution(Speaker(self.names.org_canonical(mention), kind="organisation"), "name",
                              confidence("org_noun_with_name"))
        return None

    def _as_description(self, mention: Span, position: int) -> Resolution:
        """The last rule: a short definite description is unresolved; anything else an unnamed source."""
        desc = _description_text(mention)
        if mention[0].lower_ in DEFINITE and len(mention) <= 3:
            return Resolution(Speaker(desc, kind="unnamed", resolved=False), "unresolved",
                              confidence("unresolved_description"))
        return Resolution(Speaker(f"{desc} (unnamed)", kind="unnamed"), "unnamed", confidence("unnamed"))
