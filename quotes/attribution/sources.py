"""Turn a speaker mention into a canonical speaker within one article.

Names are mapped to the fullest form used in the article, titles are split off,
unnamed sources get a description, and pronouns or definite descriptions ("he", "the
ministry") are resolved against the speakers attributed earlier in the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quotes.attribution.cues import STATEMENT_NOUNS
from quotes.model import Speaker
from quotes.text.dateline import Place

HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "miss", "sir", "dame", "prof", "prof."}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "we"}
NEUTER = {"it", "its"}
PRONOUNS = MALE | FEMALE | PLURAL | NEUTER | {"i", "you"}
SPOKES_NOUNS = {"spokesperson", "spokesman", "spokeswoman", "representative", "spokespeople", "spokesmen"}
ORG_NOUNS = {
    "company", "firm", "ministry", "department", "agency", "government", "group", "carrier", "council",
    "association", "union", "newspaper", "paper", "bank", "court", "office", "committee", "club", "board",
    "party", "campaign", "commission", "authority", "team", "organisation", "organization", "institute",
    "university", "hospital", "network", "service", "administration", "police", "league", "federation",
    "regulator", "insurer", "airline", "maker", "retailer", "startup", "lender", "fund", "army", "military",
}
TITLE_WORDS = {
    "minister", "president", "secretary", "senator", "governor", "mayor", "councillor", "councilor",
    "chancellor", "premier", "judge", "justice", "attorney", "general", "director", "chief", "executive",
    "spokesperson", "spokesman", "spokeswoman", "commissioner", "ambassador", "officer", "chairman",
    "chairwoman", "chair", "ceo", "coach", "manager", "captain", "professor", "rep.", "sen.", "gov.",
    "representative", "deputy", "vice", "prime", "foreign", "finance", "defence", "defense", "health",
    "state", "treasurer", "inspector", "superintendent", "dean", "pastor", "rabbi", "bishop", "king",
    "queen", "prince", "princess", "lord", "leader", "founder", "mp", "lawyer", "economist", "analyst",
}
ROLE_SYNONYMS = {"lawyer": {"attorney", "counsel"}, "attorney": {"lawyer", "counsel"},
                 "spokesman": {"spokesperson", "spokeswoman"}, "spokeswoman": {"spokesperson", "spokesman"},
                 "spokesperson": {"spokesman", "spokeswoman"}, "official": {"officer"}, "boss": {"executive"}}
NATIONAL_BODY = (r"(Health|Foreign|Interior|Defen[cs]e|Finance|Justice|Education|Economy|Trade|Agriculture|"
                 r"Environment|Labou?r|Transport|Energy) Ministry")
SPEECH_WORDS = {"said", "stated", "added", "continued", "wrote", "explained", "asked", "replied", "says", "adds"}
DETERMINERS = {"a", "an", "the", "some", "several", "two", "three", "four", "many", "other", "another", "one"}
DEMONYMS = {
    "japan": "Japanese", "indonesia": "Indonesian", "china": "Chinese", "russia": "Russian",
    "germany": "German", "france": "French", "britain": "British", "india": "Indian", "brazil": "Brazilian",
    "australia": "Australian", "philippines": "Philippine", "ukraine": "Ukrainian", "poland": "Polish",
    "canada": "Canadian", "denmark": "Danish", "korea": "Korean", "italy": "Italian", "spain": "Spanish",
    "mexico": "Mexican", "israel": "Israeli", "iran": "Iranian", "turkey": "Turkish", "egypt": "Egyptian",
    "taiwan": "Taiwanese", "vietnam": "Vietnamese", "thailand": "Thai", "pakistan": "Pakistani",
    "sweden": "Swedish", "norway": "Norwegian", "finland": "Finnish", "ireland": "Irish",
    "netherlands": "Dutch", "greece": "Greek", "portugal": "Portuguese", "argentina": "Argentine",
}


@dataclass
class Resolution:
    speaker: Speaker | None
    method: str  # name, description, pronoun, unnamed, unresolved
    confidence: float


@dataclass
class _Known:
    speaker: Speaker
    position: int
    head: str  # lower-case head noun of the mention that introduced it
    gender: str | None = None
    plural: bool = False


class SpeakerResolver:
    """Article-level state: the names in the article and the speakers seen so far."""

    def __init__(self, doc: Doc, base: int = 0, quoted: Callable[[Token], bool] | None = None,
                 mention_of: Callable[[Token], Span] | None = None, coref=None, place: Place | None = None):
        self.coref = coref
        self.place = place
        # "Vessel County", "Vestland state": the names of local bodies' places in this article
        self._place_names: dict[str, str] = {}
        for m in re.finditer(r"((?:[A-Z][\w'’-]* ){0,2}[A-Z][\w'’-]*) (County|county|state)\b", doc.text):
            words = m.group(1).split()
            while words and words[0] in ("The", "A", "An", "In", "On", "At", "For", "State", "County", "City"):
                words = words[1:]
            if words:
                self._place_names[m.group(2).lower()] = " ".join(words) + " " + m.group(2)
        self.doc = doc
        self.base = base
        self.quoted = quoted or (lambda tok: False)
        self.mention_of = mention_of or (lambda tok: doc[tok.left_edge.i : tok.i + 1])
        self.persons: list[tuple[int, str]] = []  # (char position, clean name)
        self.orgs: list[tuple[int, str]] = []  # ORG entities only
        self.roles: dict[str, set[str]] = {}  # person name -> role nouns ("attorney", "minister")
        self.history: list[_Known] = []
        self.genders: dict[str, str] = {}
        self.resolved_at: dict[int, Speaker] = {}  # token index of a mention root -> its speaker
        self.issuing: set[tuple[int, int]] = set()  # mentions whose issuer is being looked for
        for ent in doc.ents:
            if ent.label_ == "PERSON" and _company_name(ent):  # "parts maker Lenhold AG" tagged PERSON
                self.orgs.append((ent.start_char + base, org_name(ent)))
            elif ent.label_ == "PERSON":
                name = clean_name(ent)
                if name and name[:1].isupper():
                    self.persons.append((ent.start_char + base, name))
                    self._note_gender(ent, name)
                    self._note_roles(ent, name)
            elif ent.label_ == "ORG":
                self.orgs.append((ent.start_char + base, org_name(ent)))
        for name_span in _names_with_roles(doc):  # "Ilse Marrow, the mayor of Fennick", missed or called ORG
            name = clean_name(name_span)
            if name and not any(full == name for _, full in self.persons):
                self.persons.append((name_span.start_char + base, name))
                self._note_roles(name_span, name)

    def _note_gender(self, ent: Span, name: str) -> None:
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in ("mr", "mr.", "sir"):
            self.genders[name] = "m"
        elif before in ("mrs", "mrs.", "ms", "ms.", "miss", "dame"):
            self.genders[name] = "f"

    def _note_roles(self, ent: Span, name: str) -> None:
        roles = self.roles.setdefault(name, set())
        root = ent.root
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            roles.add(root.head.lemma_.lower())
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                roles.add(child.lemma_.lower())
        for tok in ent.doc[max(0, ent.start - 4) : ent.start]:
            if tok.dep_ == "compound" and tok.head.i >= ent.start:
                roles.add(tok.lower_)
        for tok in ent:
            if tok.lower_ in TITLE_WORDS:
                roles.add(tok.lower_)

    # -- public ---------------------------------------------------------------
    def resolve(self, mention: Span, position: int) -> Resolution:
        """Resolve a mention (a speaker noun phrase) seen at ``position``."""
        res = self._resolve(mention, position)
        if res.speaker is not None and res.speaker.kind in ("organisation", "unnamed"):
            res.speaker.name = self._placed(res.speaker.name)
        if res.speaker is not None and res.speaker.resolved:
            head = mention.root.lower_
            known = _Known(res.speaker, position, head, plural=_is_plural(mention) or (
                res.speaker.kind == "unnamed" and mention.root.tag_ == "NNS"))
            if head in MALE:
                self.genders[res.speaker.name] = "m"
            elif head in FEMALE:
                self.genders[res.speaker.name] = "f"
            self.history.append(known)
            self.resolved_at[mention.root.i] = res.speaker
        return res

    def canonical_person(self, name: str, position: int) -> str:
        """The fullest name in the article for ``name``; the nearest earlier one if ambiguous."""
        tokens = name.split()
        if not tokens:
            return name
        last = tokens[-1]
        candidates = [
            (pos, full) for pos, full in self.persons
            if full.split()[-1] == last and all(t in full.split() for t in tokens)
        ]
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
        words = text.split()
        return bool(words) and any(full.split()[-1] == words[-1] for _, full in self.persons)

    def _placed(self, name: str) -> str:
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
            named = self._place_names.get(word)
            if named is None and word == "city" and self.place is not None:
                named = f"{self.place.city} {word}"
            if named is not None:
                return f"{named}{name[len(word):]}"
        if self.place is not None and self.place.region and re.fullmatch(NATIONAL_BODY, name):
            demonym = DEMONYMS.get(self.place.region.lower())
            if demonym:
                return f"{demonym} {name}"
        return name

    # -- internals ------------------------------------------------------------
    def _resolve(self, mention: Span, position: int) -> Resolution:
        root = mention.root
        lower = root.lower_
        if lower in PRONOUNS and len(mention) == 1:
            return self._pronoun(lower, position, mention)
        spokes = _spokesperson_for(mention)
        if spokes is not None:
            return Resolution(Speaker(self._org_canonical(spokes), kind="organisation"), "name", 0.85)
        if lower in STATEMENT_NOUNS:
            found = self._issuer(mention, position)
            if found is not None:
                return found
        named = _named_apposition(root)
        if named is not None:  # "His lawyer, Karl Vinter, ...", "ticketing company Lenpay"
            return self._resolve(named, position)
        company = next((e for e in mention.ents if e.label_ == "PERSON" and _company_name(e)), None)
        if company is not None:
            return Resolution(Speaker(org_name(company), kind="organisation"), "name", 0.85)
        person = next((e for e in mention.ents if e.label_ == "PERSON"), None)
        if person is not None and (root.i >= person.start and root.i < person.end or root.pos_ == "PROPN"):
            name = self.canonical_person(clean_name(person), position)
            title = _title_before(mention, person)
            return Resolution(Speaker(name, kind="person", title=title), "name", 0.9)
        first = mention[0].lower_
        if root.pos_ == "PROPN" and first not in DETERMINERS and self.is_person_name(_strip_possessive(
                _strip_titles(mention.text))):
            name = self.canonical_person(_strip_possessive(_strip_titles(mention.text)), position)
            return Resolution(Speaker(name, kind="person"), "name", 0.85)
        kinds = [t for t in mention if t.lower_ in ORG_NOUNS and t.pos_ == "NOUN"]
        tail = [t for t in mention if kinds and t.i > kinds[-1].i]
        if tail and all(t.pos_ == "PROPN" for t in tail) and (root.i == kinds[-1].i or root.i == tail[-1].i):
            return Resolution(Speaker(mention.doc[tail[0].i : tail[-1].i + 1].text, kind="organisation"),
                              "name", 0.85)  # "ticketing company Lenpay"
        org = next((e for e in mention.ents if e.label_ in ("ORG", "GPE", "NORP")), None)
        if org is not None and org.label_ == "ORG" and org.end == mention.end and root.lower_ in ORG_NOUNS:
            return Resolution(Speaker(org_name(org), kind="organisation"), "name", 0.85)  # "company Lenpay"
        if org is not None and (org.start <= root.i < org.end):
            name = self._org_canonical(mention)
            return Resolution(Speaker(name, kind="organisation"), "name", 0.85)
        if root.pos_ == "PROPN" and first not in DETERMINERS:
            text = _strip_possessive(mention.text)
            if root.ent_type_ in ("ORG", "GPE", "NORP", "") and any(t.lower_ in ORG_NOUNS for t in mention):
                return Resolution(Speaker(self._org_canonical(mention), kind="organisation"), "name", 0.8)
            return Resolution(
                Speaker(self.canonical_person(text, position), kind="person"), "name", 0.75
            )
        if first == "the" or first in ("this", "that") or mention[0].dep_ == "poss":
            found = self._description(mention, position)
            if found is not None:
                return found
            if lower in ORG_NOUNS and any(t.pos_ in ("PROPN", "ADJ") for t in mention[1:-1]):
                return Resolution(Speaker(self._org_canonical(mention), kind="organisation"), "name", 0.7)
            if lower in ORG_NOUNS:
                found = self._reported_subject(mention)
                if found is not None:
                    return found
        if lower in ORG_NOUNS and any(t.pos_ == "PROPN" for t in mention):
            return Resolution(Speaker(self._org_canonical(mention), kind="organisation"), "name", 0.75)
        desc = _description_text(mention)
        if first in ("the", "this", "that") and len(mention) <= 3:
            return Resolution(Speaker(desc, kind="unnamed", resolved=False), "unresolved", 0.3)
        return Resolution(Speaker(f"{desc} (unnamed)", kind="unnamed"), "unnamed", 0.8)

    def _compatible(self, speaker: Speaker, lower: str, plural: bool) -> bool:
        if lower in PLURAL:
            return plural or speaker.kind == "organisation" or (
                speaker.kind == "unnamed" and speaker.name.split()[0].lower() not in ("a", "an"))
        if lower in NEUTER:
            return speaker.kind == "organisation"
        if speaker.kind != "person" or plural:
            return False
        gender = "m" if lower in MALE else "f"
        return self.genders.get(speaker.name, gender) == gender

    def _pronoun(self, lower: str, position: int, mention: Span) -> Resolution:
        """The subject of the nearest earlier clause that fits (news convention: the subject of the
        preceding reporting clause wins); else coreferee's antecedent; then earlier speakers."""
        doc = mention.doc
        sent = mention.root.sent
        sentences = [sent]
        while len(sentences) < 5 and sentences[-1].start > 0:
            sentences.append(doc[sentences[-1].start - 1].sent)
        for k, current in enumerate(sentences):
            limit = mention.start if k == 0 else current.end
            subjects = [t for t in doc[current.start : limit] if t.dep_ in ("nsubj", "nsubjpass")
                        and not self.quoted(t) and t.i != mention.root.i]
            subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", t.i))
            for subj in subjects:
                speaker, plural = self._subject_speaker(subj)
                if speaker is not None and self._compatible(speaker, lower, plural):
                    return Resolution(speaker, "pronoun", 0.7 if k <= 1 else 0.55)
        if self.coref is not None and not self.quoted(mention.root):
            at = self.coref.antecedent(mention)
            target = next((t for t in doc if t.idx == at), None) if at is not None else None
            if target is not None and target.i != mention.root.i:
                speaker, plural = self._subject_speaker(target)
                if speaker is not None and self._compatible(speaker, lower, plural):
                    return Resolution(speaker, "coref", 0.75)
        for known in reversed(self.history):
            if self._compatible(known.speaker, lower, known.plural):
                return Resolution(known.speaker, "pronoun", 0.5)
        return Resolution(Speaker(lower, kind="unnamed", resolved=False), "unresolved", 0.2)

    def _subject_speaker(self, subj: Token) -> tuple[Speaker | None, bool]:
        if subj.i in self.resolved_at:
            sp = self.resolved_at[subj.i]
            return sp, subj.lower_ in PLURAL or subj.tag_ == "NNS"
        if subj.lower_ in PRONOUNS or subj.lower_ in ("who", "which", "that", "what"):
            return None, False
        mention = self.mention_of(subj)
        res = self._resolve(mention, subj.idx + self.base)
        if res.speaker is None or not res.speaker.resolved:
            return None, False
        return res.speaker, _is_plural(mention)

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
        root = mention.root
        for tok in root.subtree:
            if tok.i == root.i or tok.lower_ in STATEMENT_NOUNS:
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "from") or tok.dep_ == "poss":
                owner = mention.doc[tok.left_edge.i : tok.i + 1] if tok.dep_ == "poss" else self.mention_of(tok)
                if owner.root.lower_ in STATEMENT_NOUNS:
                    continue
                res = self._resolve(owner, position)
                if res.speaker is not None and res.speaker.resolved:
                    return Resolution(res.speaker, "description", 0.75)
        found = self._earlier_issuer(mention, position)
        if found is not None:
            return found
        for known in reversed(self.history):
            if known.speaker.kind == "organisation":
                return Resolution(known.speaker, "description", 0.6)
        earlier = [o for o in self.orgs if o[0] < position]
        if earlier:
            return Resolution(Speaker(earlier[-1][1], kind="organisation"), "description", 0.5)
        return None

    def _reported_subject(self, mention: Span) -> Resolution | None:
        """'Brightmoor Robotics will cut 120 jobs, the company said': the named subject of the clause the
        company reports is the company."""
        verb = mention.root.head
        for comp in verb.children:
            if comp.dep_ != "ccomp":
                continue
            subject = next((c for c in comp.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ == "PROPN" and subject.ent_type_ not in ("PERSON", "GPE", "NORP"):
                name = self.mention_of(subject)
                words = [t for t in name if t.pos_ == "PROPN"]
                if words:
                    text = name.doc[words[0].i : words[-1].i + 1].text
                    return Resolution(Speaker(_strip_possessive(text), kind="organisation"), "description", 0.6)
        return None

    def _earlier_issuer(self, mention: Span, position: int) -> Resolution | None:
        """'X, in a separate statement, said ... The statement said ...': the subject of the clause that
        last mentioned a statement of the same kind, within the three sentences before."""
        doc, root = mention.doc, mention.root
        first_sent = root.sent
        for _ in range(3):
            if first_sent.start == 0:
                break
            first_sent = doc[first_sent.start - 1].sent
        for tok in reversed(doc[first_sent.start : mention.start]):
            if tok.lemma_.lower() != root.lemma_.lower() or tok.dep_ != "pobj" or tok.head.lower_ != "in":
                continue
            verb = tok.head.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj" and not self.quoted(c)), None)
            if subject is None or subject.lower_ in STATEMENT_NOUNS:
                continue
            res = self._resolve(self.mention_of(subject), position)
            if res.speaker is not None and res.speaker.resolved and res.speaker.kind != "unnamed":
                return Resolution(res.speaker, "description", 0.7)
        return None

    def _description(self, mention: Span, position: int) -> Resolution | None:
        """'the official', 'the company', 'the Japanese ministry' -> an earlier speaker or entity."""
        head = mention.root.lower_
        lemma = mention.root.lemma_.lower()
        mods = {t.lower_ for t in mention if t.i != mention.root.i and t.lower_ not in DETERMINERS}
        for known in reversed(self.history):
            sp = known.speaker
            words = set(re.findall(r"[a-z]+", (sp.name + " " + (sp.title or "")).lower()))
            if (head in words or lemma in words or known.head in (head, lemma)) and _mods_fit(mods, words):
                return Resolution(sp, "description", 0.7)
            if head in ORG_NOUNS - {"ministry", "department", "agency", "court", "newspaper", "paper"} \
                    and sp.kind == "organisation" and not _mods_fit_strict(mods, words):
                continue
            if head in ("company", "firm", "carrier", "group", "maker", "lender") and sp.kind == "organisation":
                return Resolution(sp, "description", 0.6)
        wanted = {head, lemma} | ROLE_SYNONYMS.get(lemma, set())
        for _pos, name in sorted((p for p in self.persons if p[0] < position), reverse=True):
            if wanted & self.roles.get(name, set()):
                return Resolution(Speaker(self.canonical_person(name, position)), "description", 0.6)
        if head in ORG_NOUNS:
            demonyms = {m for m in mods if m.capitalize() in DEMONYMS.values()}
            for _pos, name in reversed([o for o in self.orgs if o[0] < position]):
                words = set(re.findall(r"[a-z]+", name.lower()))
                if (head in words or head in ("company", "firm")) and _mods_fit(mods - demonyms, words):
                    for demonym in demonyms:
                        if demonym not in words:
                            name = f"{demonym.capitalize()} {name}"
                    return Resolution(Speaker(name, kind="organisation"), "description", 0.55)
        return None

    def _org_canonical(self, mention: Span) -> str:
        text = mention.text
        poss = [t for t in mention if t.dep_ == "case" and t.lower_ in ("'s", "’s")]
        if poss:
            owner_end = poss[0].i - mention.start
            owner = mention[:owner_end].text
            rest = mention[owner_end + 1 :].text
            demonym = DEMONYMS.get(owner.lower().replace("the ", ""))
            if demonym:
                text = f"{demonym} {_title_case(rest)}"
        text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
        words = set(text.lower().split())
        for _pos, name in self.orgs:
            if len(name) > len(text) and text.lower() in name.lower() and len(words) > 1:
                return name
        return text


def _title_case(text: str) -> str:
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in text.split())


def _mods_fit(mods: set[str], words: set[str]) -> bool:
    useful = {m for m in mods if m.isalpha() and m not in ("'s", "’s")}
    for mod in useful:
        if mod in words:
            continue
        if any(d.lower() == mod or mod.startswith(d.lower()[:5]) for d in DEMONYMS.values() for _ in [0]) and \
                any(w.startswith(mod[:4]) for w in words):
            continue
        if mod[:1].isupper() or mod in ("japanese", "u.s.", "american", "federal", "state"):
            return False
    return True


def _mods_fit_strict(mods: set[str], words: set[str]) -> bool:
    return all(m in words for m in mods if m.isalpha())


def _is_plural(mention: Span) -> bool:
    root = mention.root
    return root.tag_ in ("NNS", "NNPS") or root.lower_ in PLURAL or any(t.lower_ == "and" for t in mention)


def clean_name(ent: Span) -> str:
    words = [t.text for t in ent if t.lower_ not in HONORIFICS and t.text not in ("'s", "’s", "'", "’")]
    while len(words) > 1 and words[0].lower() in SPEECH_WORDS:  # "Stated Stone:" read as one name
        words = words[1:]
    return _strip_titles(" ".join(words)).strip(" ,.")


def _strip_titles(text: str) -> str:
    """'Ward 3 Councillor Priya Raman' -> 'Priya Raman'."""
    words = text.split()
    last_title = max((i for i, w in enumerate(words[:-1]) if w.lower() in TITLE_WORDS), default=-1)
    return " ".join(words[last_title + 1 :]) if last_title >= 0 else text


def _strip_possessive(text: str) -> str:
    return re.sub(r"[’']s?$", "", text).strip()


def _title_before(mention: Span, person: Span) -> str | None:
    title = mention.doc[mention.start : person.start].text.strip(" ,")
    title = re.sub(r"^(the|a|an)\s+", "", title, flags=re.IGNORECASE)
    words = [w for w in title.split() if w.lower() not in HONORIFICS]
    return " ".join(words) or None


def _spokesperson_for(mention: Span) -> Span | None:
    root = mention.root
    if root.lower_ not in SPOKES_NOUNS:
        return None
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                obj = objs[0]
                return mention.doc[obj.left_edge.i : obj.right_edge.i + 1]
    return None


def _description_text(mention: Span) -> str:
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


def org_name(ent: Span) -> str:
    return re.sub(r"^(the)\s+", "", ent.text, flags=re.IGNORECASE)


def _names_with_roles(doc: Doc) -> list[Span]:
    """Two- or three-word proper names with a personal role in apposition ("X Y, the mayor of Z") that
    the entity recogniser missed or called ORG."""
    found = []
    for tok in doc:
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


COMPANY_SUFFIXES = {"ag", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "llc", "plc", "gmbh", "sa", "nv", "co.",
                    "group", "holdings", "bank"}


def _company_name(ent: Span) -> bool:
    """A name the recogniser calls a person but that names a company: 'Lenhold AG', 'maker Lenhold'."""
    if ent[-1].lower_ in COMPANY_SUFFIXES:
        return True
    return any(c.dep_ == "compound" and c.lower_ in ORG_NOUNS for c in ent.root.children if c.i < ent.start)


def _named_apposition(root: Token) -> Span | None:
    """The name set beside a role or organisation noun: 'his lawyer, Karl Vinter,' / 'company Lenpay'."""
    if root.pos_ != "NOUN" or not (root.lower_ in ORG_NOUNS or root.lower_ in TITLE_WORDS
                                   or root.lemma_.lower() in ROLE_SYNONYMS):
        return None
    for child in root.children:
        near = child.i > root.i and child.left_edge.i - root.i <= 2
        if child.dep_ == "appos" and child.pos_ == "PROPN" and near and child.ent_type_ in ("PERSON", "ORG", ""):
            first = child.left_edge.i
            return root.doc[first : child.i + 1]
    return None

