"""The register of what one article has shown so far: the names in it and the speakers resolved.

``NameRegister`` takes a parsed article (and its dateline place); it gives the fullest form of a
person's name (``canonical_person``), an organisation's fullest name (``org_canonical``) and local or
national bodies named with their place (``placed``). ``Known`` is a speaker resolved earlier,
``Resolution`` what resolving a mention gives, with a confidence from the lexicon's
[sources.confidence]. Built once per article by the ``SpeakerResolver``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.attribution.name_scan import (
    acronyms,
    before_a_name,
    has_surname,
    names_after_org_nouns,
    owned_by_place,
    proper_chains,
    stands_for,
)
from quotes.attribution.names import (
    DEMONYMS,
    FEMALE_HONORIFICS,
    FEMALE_ROLES,
    GIVEN_NAME_GENDERS,
    HONORIFIC_ROLES,
    HONORIFICS,
    LEADING_ARTICLE,
    MALE_HONORIFICS,
    MALE_ROLES,
    NATIONAL_BODY,
    POSSESSIVE,
    TITLE_WORDS,
    _company_name,
    _names_with_roles,
    _title_case,
    clean_name,
    org_name,
    places_in,
)
from quotes.lexicon import entry, value, words
from quotes.model import Speaker
from quotes.text.dateline import Place

PLACE_PREFIXES = words("sources.place_prefixes")
STRONG_LEAD = 3  # pronoun speakers of one gender more than of the other that outweigh a given name
STATE_ABBREVIATIONS: dict[str, str] = dict(entry("sources.state_abbreviations"))
_PARTY_STATE = re.compile(r"\s*\(\s*[RDI]\s*[-–]\s*([A-Z][A-Za-z. ]{1,15}?)\s*\)")  # a party and a state
CONFIDENCE: dict[str, float] = {name: value(f"sources.confidence.{name}") for name in entry("sources.confidence")}


def confidence(name: str) -> float:
    """The confidence of one way of resolving a mention ([sources.confidence] in the lexicon)."""
    return CONFIDENCE[name]


@dataclass
class Resolution:
    """A mention's speaker, how it was found and how sure that is."""

    speaker: Speaker | None
    method: str  # name, description, pronoun, coref, unnamed, unresolved
    confidence: float


@dataclass
class Known:
    """A speaker resolved earlier in the article."""

    speaker: Speaker
    position: int
    head: str  # lower-case head noun of the mention that introduced it
    gender: str | None = None
    plural: bool = False


class NameRegister:
    """The names in an article, with the character position (offset by ``base``) where each appears."""

    def __init__(self, doc: Doc, base: int = 0, place: Place | None = None):
        self.place = place
        self._text = doc.text  # built once: Doc.text joins every token's text each time it is read
        self.place_names = _place_names(self._text)
        self.persons: list[tuple[int, str]] = []  # (char position, clean name)
        self.orgs: list[tuple[int, str]] = []  # ORG entities only
        self.roles: dict[str, set[str]] = {}  # person name -> role nouns ("attorney", "minister")
        self.places: dict[str, set[str]] = {}  # person name -> places before the name ("Florida Sen. …")
        self.surnames: set[str] = set()  # names written after an honorific ("Mr. Van Voorhis")
        self.genders: dict[str, str] = {}  # person name -> "m" / "f" (honorifics, gendered roles)
        # person name -> how often a "he" / "she" speaker was resolved to it
        self.pronoun_genders: dict[str, Counter] = {}
        self.org_roles: dict[str, set[str]] = {}  # organisation name -> descriptors ("group", "regulator")
        for ent in doc.ents:
            if ent.label_ == "PERSON" and _company_name(ent):  # "parts maker Lenhold AG" tagged PERSON
                self.orgs.append((ent.start_char + base, org_name(ent)))
                self._note_roles(ent, org_name(ent), self.org_roles)
            elif ent.label_ == "PERSON":
                name = clean_name(ent)
                if name and name[:1].isupper():
                    self.persons.append((ent.start_char + base, name))
                    self._note_gender(ent, name)
                    self._note_roles(ent, name)
            elif ent.label_ == "ORG":
                name = owned_by_place(ent) or org_name(ent)
                self.orgs.append((ent.start_char + base, name))
                self._note_roles(ent, name, self.org_roles)
        for name_span in _names_with_roles(doc):  # "Ilse Marrow, the mayor of Fennick", missed or called ORG
            name = clean_name(name_span)
            if name and not any(full == name for _, full in self.persons):
                self.persons.append((name_span.start_char + base, name))
                self._note_roles(name_span, name)
        for name_span, noun in names_after_org_nouns(doc):  # "payments company Lenpay", whatever its tag
            name = name_span.text
            if not any(full == name for _, full in self.orgs):
                self.orgs.append((name_span.start_char + base, name))
            self.org_roles.setdefault(name, set()).add(noun)
        self.orgs.sort()
        self.acronyms = acronyms(doc, [name for _, name in self.orgs])
        # untagged proper-noun chains: a titled one is a person ("Councillor Mirela Dunca", even tagged
        # ORG); any other only gives a fuller form of a person's name ("Ward 3 Councillor Mira Solberg")
        self.chains: list[tuple[int, str]] = []
        for span, titled in proper_chains(doc):
            name = clean_name(span)
            if len(name.split()) < 2:
                continue
            if titled and not any(full == name for _, full in self.persons):
                self.persons.append((span.start_char + base, name))
                self._note_roles(span, name)
            self.chains.append((span.start_char + base, name))
        self._spread_genders()

    def gender_of(self, name: str, margin: int = 1) -> str | None:
        """A person's gender: from an honorific or gendered role, else from a given name borne by one gender
        ("Helen Marsh") unless the pronoun speakers resolved to them clearly say otherwise, else from those
        pronouns when one gender leads by ``margin``."""
        if name in self.genders:
            return self.genders[name]
        votes = self.pronoun_genders.get(name, Counter())
        lead = votes["m"] - votes["f"]
        given = name.split(maxsplit=1)
        if len(given) == 2 and given[0].lower() in GIVEN_NAME_GENDERS and abs(lead) < STRONG_LEAD:
            return GIVEN_NAME_GENDERS[given[0].lower()]  # the article's own pronouns, when clear, outweigh it
        return "m" if lead >= margin else "f" if -lead >= margin else None

    def _spread_genders(self) -> None:
        """'Ilse Marrow ... Mrs. Marrow': the gender of a shorter form is that of the one full name it stands
        for (not when two people share the surname)."""
        names = {full for _, full in self.persons}
        fuller = {name: {full for full in names if full != name and stands_for(name, full)} for name in names}
        for _pos, name in self.persons:  # a mention at a time: a gender spread to a name spreads on from it
            gender = self.genders.get(name)
            if gender is not None and len(fuller[name]) == 1:
                self.genders.setdefault(next(iter(fuller[name])), gender)

    def _note_gender(self, ent: Span, name: str) -> None:
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in HONORIFICS:
            self.surnames.add(name)  # 'Mr. Guajardo Villarreal': a surname, however many words
        if before in MALE_HONORIFICS:
            self.genders[name] = "m"
        elif before in FEMALE_HONORIFICS:
            self.genders[name] = "f"
        if before in HONORIFIC_ROLES:  # "Dr. Ines Faro" is "the doctor"
            self.roles.setdefault(name, set()).add(HONORIFIC_ROLES[before])

    def _note_role_gender(self, name: str) -> None:
        """'Ilse Marrow, the mother of three', 'Congresswoman Ilse Marrow': a gendered role gives the gender,
        unless an honorific gave it first."""
        roles = self.roles.get(name, set())
        if name not in self.genders and roles & MALE_ROLES and not roles & FEMALE_ROLES:
            self.genders[name] = "m"
        elif name not in self.genders and roles & FEMALE_ROLES and not roles & MALE_ROLES:
            self.genders[name] = "f"

    def _note_roles(self, ent: Span, name: str, register: dict[str, set[str]] | None = None) -> None:
        """The nouns the article describes a name with: an apposition ("Harbeck Foods, the dairy group";
        "the plant's operator, Vantor Energy"), a premodifier ("regulator Ofgem"), a copula ("Lind is the
        winner") and titles inside the name."""
        roles = (self.roles if register is None else register).setdefault(name, set())
        root = ent.root
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            roles.add(root.head.lemma_.lower())
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                roles.add(child.lemma_.lower())
        before = [tok for tok in ent.doc[max(0, ent.start - 4) : ent.start] if _premodifies(tok, ent)]
        roles.update(tok.lower_ for tok in before)  # "regulator Ofgem", "Florida Sen. Ola Berg"
        if register is None:
            places = places_in(before)
            label = _PARTY_STATE.match(self._text, ent.end_char)  # "Sen. Ola Berg (D-Vt.)"
            if label:
                state = label.group(1).strip().lower()
                places.add(STATE_ABBREVIATIONS.get(state, state))
            if places:
                self.places.setdefault(name, set()).update(places)
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            roles.update(c.lemma_.lower() for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN")
        for tok in ent:
            if tok.lower_ in TITLE_WORDS:
                roles.add(tok.lower_)
        if register is None:
            self._note_role_gender(name)

    def canonical_person(self, name: str, position: int) -> str:
        """The fullest name in the article for ``name``; the nearest earlier one if ambiguous. A surname
        is matched with its suffix dropped ("Luther Stan Pate IV") or inside a double surname ("Melba Acosta
        Febo"); a given name alone only when no one has it as a surname."""
        tokens = name.split()
        if not tokens:
            return name
        if before_a_name(name, {full for _, full in self.persons} - self.surnames):
            tokens = tokens[1:]  # 'Rival Ilse Marrow' is Ilse Marrow
            name = " ".join(tokens)
        last = tokens[-1]

        def fits(full: str) -> bool:
            return has_surname(full, last) and all(t in full.split() for t in tokens)

        candidates = [(pos, full) for pos, full in self.persons if fits(full)]
        # chains give fuller forms: of a registered person, or of a name judged a person elsewhere
        candidates += [(pos, full) for pos, full in self.chains if fits(full)]
        if len(tokens) == 1 and all(full == name for _, full in candidates):
            # a given name alone: "Anna" after "Anna Berg and her sister Eva Berg"
            candidates = [(pos, full) for pos, full in self.persons if len(full.split()) >= 2
                          and full.split()[0] == last] or candidates
        # a word put before a full name the article uses ('Rival Ilse Marrow' opening a sentence, 'Crooked
        # Ilse Marrow', 'Miss Universe Ilse Marrow') is no fuller form of it; before a surname of two words
        # ('Mr. Van Voorhis') it is the first name
        forms = {full for _, full in candidates} - self.surnames
        candidates = [(pos, full) for pos, full in candidates if not before_a_name(full, forms)]
        if not candidates:
            return name
        distinct = {full for _, full in candidates}
        longest = max(len(full.split()) for full in distinct)
        fullest = [c for c in candidates if len(c[1].split()) == longest]
        if len({full for _, full in fullest}) == 1:
            return fullest[0][1]
        earlier = [c for c in fullest if c[0] <= position]
        if earlier:
            return max(earlier)[1]
        return min(fullest)[1]

    def is_person_name(self, text: str) -> bool:
        """Whether ``text`` ends with the surname (or is the given name) of a person named in the article."""
        parts = text.split()
        return bool(parts) and any(has_surname(full, parts[-1]) or len(parts) == 1 and len(full.split()) >= 2
                                   and full.split()[0] == parts[0] for _, full in self.persons)

    def org_canonical(self, mention: Span) -> str:
        """An organisation mention's name: 'Japan's foreign ministry' -> 'Japanese Foreign Ministry', the
        fullest organisation named in the article that holds it ('the Water Board' -> 'Vessel Water Board')."""
        text = mention.text
        poss = [t for t in mention if t.dep_ == "case" and t.lower_ in POSSESSIVE]
        if poss:
            owner_end = poss[0].i - mention.start
            owner = mention[:owner_end].text
            rest = mention[owner_end + 1 :].text
            demonym = DEMONYMS.get(owner.lower().replace("the ", ""))
            if demonym:
                text = f"{demonym} {_title_case(rest)}"
        text = re.sub(LEADING_ARTICLE, "", text, flags=re.IGNORECASE)
        if text in self.acronyms:  # "the CWA" -> "Coastal Water Authority"
            return self.acronyms[text]
        lower = text.lower()
        for _pos, name in self.orgs:
            if len(name) > len(text) and lower in name.lower() and (
                    len(lower.split()) > 1 or name.lower().split()[-1] == lower):  # "the Authority"
                return name
        return text

    def placed(self, name: str) -> str:
        """Local and national bodies named with their place, so that they stay apart across articles:
        'City officials' -> 'Oskarvik city officials', 'County officials' -> 'Vessel County officials',
        'Health Ministry' -> 'Norwegian Health Ministry' (from the dateline), and 'state government of
        Vestland' -> 'Vestland state government'."""
        of = re.fullmatch(r"([a-z][a-z -]+) of ((?:[A-Z][\w'’.-]*[ -]?){1,4})", name)
        if of:
            return f"{of.group(2).strip()} {of.group(1)}"
        local = re.match(r"(city|county|state)\b", name, flags=re.IGNORECASE)
        if local:
            word = local.group(1).lower()
            named = self.place_names.get(word)
            if named is None and word == "city" and self.place is not None:
                named = f"{self.place.city} {word}"
            if named is not None:
                return f"{named}{name[len(word):]}"
        if self.place is not None and self.place.region and re.fullmatch(NATIONAL_BODY, name):
            demonym = DEMONYMS.get(self.place.region.lower())
            if demonym:
                return f"{demonym} {name}"
        return name


def _place_names(text: str) -> dict[str, str]:
    """'Vessel County', 'Vestland state': the last named place of each local kind ("county", "state")."""
    found: dict[str, str] = {}
    for m in re.finditer(r"((?:[A-Z][\w'’-]* ){0,2}[A-Z][\w'’-]*) (County|county|state)\b", text):
        parts = m.group(1).split()
        while parts and parts[0] in PLACE_PREFIXES:
            parts = parts[1:]
        if parts:
            found[m.group(2).lower()] = " ".join(parts) + " " + m.group(2)
    return found


def _premodifies(tok: Token, ent: Span) -> bool:
    """A compound before ``ent`` that modifies it, directly or through the title it modifies ("Florida" in
    "Florida Sen. Ola Berg")."""
    node = tok
    for _ in range(3):
        if node.dep_ != "compound" or node.head.i <= node.i:
            return False
        node = node.head
        if node.i >= ent.start:
            return True
    return False
