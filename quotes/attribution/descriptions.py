"""Definite descriptions and statements resolved against what the article has seen so far.

Rules of the ``SpeakerResolver`` (mixed into it): "the official", "the company", "the Japanese
ministry" -> an earlier speaker, a person with that role or an organisation named earlier; "the
statement", "a filing by X" -> the organisation that issued it. Each takes a mention and its
position and gives a ``Resolution`` or None (the next rule is tried).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from quotes.attribution.cues import STATEMENT_NOUNS
from quotes.attribution.names import (
    DEMONYMS,
    DETERMINERS,
    INDEFINITE,
    ISSUER_PREPOSITIONS,
    ORG_NOUNS,
    ROLE_SYNONYMS,
    _mods_fit,
    _mods_fit_strict,
    _strip_possessive,
    places_in,
)
from quotes.attribution.register import Known, NameRegister, Resolution, confidence
from quotes.lexicon import words
from quotes.model import Speaker

ANY_MODIFIER_ORG_NOUNS = words("sources.descriptions.any_modifier_org_nouns")
COMPANY_NOUNS = words("sources.descriptions.company_nouns")
GENERIC_ORG_NOUNS = words("sources.descriptions.generic_org_nouns")
STATE_BODY_NOUNS = words("sources.descriptions.state_body_nouns")
# organisation nouns that refer back to an organisation only if their modifiers are in its name
_STRICT_ORG_NOUNS = ORG_NOUNS - ANY_MODIFIER_ORG_NOUNS
class DescriptionRules:
    """Description and issuer rules; the resolver provides the state below and ``_resolve``."""

    names: NameRegister
    history: list[Known]
    issuing: set[tuple[int, int]]
    quoted: Callable[[Token], bool]
    mention_of: Callable[[Token], Span]
    _resolve: Callable[[Span, int], Resolution]

    def _issuer(self, mention: Span, position: int) -> Resolution | None:
        """A statement, filing or readout -> the organisation that issued it."""
        key = (mention.start, mention.end)
        if key in self.issuing:
            return None  # resolving an owner led back to this mention (a garbled parse)
        self.issuing.add(key)
        try:
            return self._issuer_of(mention, position)
        finally:
            self.issuing.discard(key)

    def _issuer_of(self, mention: Span, position: int) -> Resolution | None:
        """The issuer named in the mention ('by the ministry', "the ministry's statement"), else the
        subject that spoke 'in a statement' just before, the last organisation speaker, or the last
        organisation named before ``position``."""
        root = mention.root
        for tok in root.subtree:
            if tok.i == root.i or tok.lower_ in STATEMENT_NOUNS:
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ in ISSUER_PREPOSITIONS or tok.dep_ == "poss":
                owner = mention.doc[tok.left_edge.i : tok.i + 1] if tok.dep_ == "poss" else self.mention_of(tok)
                if owner.root.lower_ in STATEMENT_NOUNS:
                    continue
                res = self._resolve(owner, position)
                if res.speaker is not None and res.speaker.resolved:
                    return Resolution(res.speaker, "description", confidence("issuer_named"))
        found = self._earlier_issuer(mention, position)
        if found is not None:
            return found
        for known in reversed(self.history):
            if known.speaker.kind == "organisation":
                return Resolution(known.speaker, "description", confidence("issuer_history"))
        earlier = [o for o in self.names.orgs if o[0] < position]
        if earlier:
            return Resolution(Speaker(earlier[-1][1], kind="organisation"), "description",
                              confidence("issuer_org"))
        return None

    def _reported_subject(self, mention: Span) -> Resolution | None:
        """'Brightmoor Robotics will cut 120 jobs, the company said': the named subject of the clause the
        company reports is the company; 'Japan will send a plane, the government said': the Japanese government."""
        verb = mention.root.head
        for comp in verb.children:
            if comp.dep_ != "ccomp":
                continue
            subject = next((c for c in comp.children if c.dep_ == "nsubj"), None)
            demonym = DEMONYMS.get(subject.lower_) if subject is not None and subject.ent_type_ == "GPE" else None
            if demonym and mention.root.lower_ in STATE_BODY_NOUNS:  # 'Japan will send a plane, the government said'
                return Resolution(Speaker(f"{demonym} {mention.root.lower_}", kind="organisation"), "description",
                                  confidence("reported_subject"))
            if subject is not None and subject.pos_ == "PROPN" and subject.ent_type_ not in ("PERSON", "GPE", "NORP"):
                name = self.mention_of(subject)
                words = [t for t in name if t.pos_ == "PROPN"]
                if words:
                    text = name.doc[words[0].i : words[-1].i + 1].text
                    return Resolution(Speaker(_strip_possessive(text), kind="organisation"), "description",
                                      confidence("reported_subject"))
        return None

    def _earlier_issuer(self, mention: Span, position: int) -> Resolution | None:
        """'X, in a separate statement, said ... The statement said ...', 'X published its report ... the
        report said': the subject of the clause that last said or issued a document of the same kind, within
        the three sentences before."""
        doc, root = mention.doc, mention.root
        first_sent = root.sent
        for _ in range(3):
            if first_sent.start == 0:
                break
            first_sent = doc[first_sent.start - 1].sent
        for tok in reversed(doc[first_sent.start : mention.start]):
            if tok.lemma_.lower() != root.lemma_.lower():
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ == "in":  # "X said in a statement"
                verb = tok.head.head
            elif tok.dep_ == "dobj":  # "X published its annual report"
                verb = tok.head
            else:
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and not self.quoted(c)), None)
            if subject is None or subject.lower_ in STATEMENT_NOUNS:
                continue
            res = self._resolve(self.mention_of(subject), position)
            if res.speaker is not None and res.speaker.resolved and res.speaker.kind != "unnamed":
                return Resolution(res.speaker, "description", confidence("issuer_earlier"))
        return None

    def _earlier_description(self, mention: Span, position: int) -> Resolution | None:
        """'prosecutors' after 'federal prosecutors said': an earlier unnamed source described more fully
        with the same head noun and every word of the mention."""
        root = mention.root
        if root.pos_ != "NOUN" or mention[0].lower_ in INDEFINITE:
            return None
        said = {t.lower_ for t in mention if t.is_alpha and t.lower_ not in DETERMINERS}
        for known in reversed(self.history):
            sp = known.speaker
            if sp.kind != "unnamed" or not sp.resolved or known.head != root.lower_:
                continue
            words = set(re.findall(r"[a-z]+", sp.name.lower())) - {"unnamed"}
            if said < words:
                return Resolution(sp, "description", confidence("description_history"))
        return None

    def _places_of(self, name: str) -> set[str]:
        """The places the article gave a person ('Florida Sen. …', '(D-Vt.)')."""
        return self.names.places.get(name, set())

    def _description(self, mention: Span, position: int) -> Resolution | None:
        """'the official', 'the company', 'the Japanese ministry' -> an earlier speaker or entity."""
        head = mention.root.lower_
        lemma = mention.root.lemma_.lower()
        mods = {t.lower_ for t in mention if t.i != mention.root.i and t.lower_ not in DETERMINERS}
        # 'the Vermont senator' is a person the article placed there ('Vermont Sen. Ola Berg'), no other
        places = places_in([t for t in mention if t.i < mention.root.i])
        for known in reversed(self.history):
            sp = known.speaker
            words = set(re.findall(r"[a-z]+", (sp.name + " " + (sp.title or "")).lower()))
            placed = self._places_of(sp.name)
            if places and sp.kind == "person" and placed and not places & placed:
                continue  # placed elsewhere
            if (head in words or lemma in words or known.head in (head, lemma)) and _mods_fit(mods, words):
                return Resolution(sp, "description", confidence("description_history"))
            if head in _STRICT_ORG_NOUNS and sp.kind == "organisation" and not _mods_fit_strict(mods, words):
                continue
            if head in COMPANY_NOUNS and sp.kind == "organisation":
                return Resolution(sp, "description", confidence("description_company"))
        wanted = {head, lemma} | ROLE_SYNONYMS.get(lemma, set())
        persons = [] if mention.root.tag_ == "NNS" else self.names.persons  # 'the senators' is no one person
        earlier = sorted((p for p in persons if p[0] < position and wanted & self.names.roles.get(p[1], set())),
                         reverse=True)
        # with a place: the one placed there, else one the article placed nowhere
        fitting = [p for p in earlier if places & self._places_of(p[1])] + [
            p for p in earlier if not places or not self._places_of(p[1])]
        if fitting:
            return Resolution(Speaker(self.names.canonical_person(fitting[0][1], position)), "description",
                              confidence("description_role"))
        for _pos, name in reversed([o for o in self.names.orgs if o[0] < position]):
            if wanted & self.names.org_roles.get(name, set()):  # "the publisher" after "publisher Lenmark"
                return Resolution(Speaker(name, kind="organisation"), "description", confidence("description_org"))
        if head in ORG_NOUNS:
            demonyms = {m for m in mods if m.capitalize() in DEMONYMS.values()}
            for _pos, name in reversed([o for o in self.names.orgs if o[0] < position]):
                words = set(re.findall(r"[a-z]+", name.lower()))
                if (head in words or head in GENERIC_ORG_NOUNS) and _mods_fit(mods - demonyms, words):
                    for demonym in demonyms:
                        if demonym not in words:
                            name = f"{demonym.capitalize()} {name}"
                    return Resolution(Speaker(name, kind="organisation"), "description",
                                      confidence("description_org"))
        return None
