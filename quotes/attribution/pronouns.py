"""Pronoun speakers ("he", "they") resolved against the clauses before them and the speakers seen so far.

Rules of the ``SpeakerResolver`` (mixed into it): a lone pronoun is the subject of the nearest earlier
clause that fits it (number, person or organisation, gender), news convention putting the subject of the
preceding reporting clause first; else coreferee's antecedent; else the latest fitting earlier speaker.
The quote's own words count too: a person it names is not its speaker, and a first-person claim ("my
company") picks the person the article gives that role ("Lenpay's chief executive").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from quotes.attribution.cues import is_cue
from quotes.attribution.names import (
    INDEFINITE,
    MALE,
    NEUTER,
    PLURAL,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    _is_plural,
    entities,
)
from quotes.attribution.register import Known, NameRegister, Resolution, confidence
from quotes.lexicon import entry, words
from quotes.model import Speaker

FIRST_PERSON_POSSESSIVES = words("sources.pronouns.first_person_possessives")
# what a first-person noun in a quote says of its speaker: "my company" -> a chief executive, founder ...
CONTENT_ROLES: dict[str, set[str]] = {
    noun: set(roles) for noun, roles in entry("sources.pronouns.content_roles").items()}
WINDOW = 5  # sentences searched for a pronoun's antecedent: its own and four before
PRONOUN_MARGIN = 2  # earlier pronoun speakers of one gender more than of the other that bar a near candidate


class PronounRules:
    """Pronoun rules; the resolver provides the state below and ``_resolve``."""

    names: NameRegister
    history: list[Known]
    resolved_at: dict[int, Speaker]
    coref: object
    quoted: Callable[[Token], bool]
    mention_of: Callable[[Token], Span]
    _resolve: Callable[[Span, int], Resolution]
    base: int
    quote_span: tuple[int, int] | None  # the quote whose speaker is being resolved (stored-text offsets)

    def _compatible(self, speaker: Speaker, lower: str, plural: bool, near: bool = False) -> bool:
        """Whether pronoun ``lower`` can stand for ``speaker`` (number, organisation or person, gender). The
        gender earlier pronoun speakers give a person rules out a far candidate at once, a near one (this or
        the previous sentence) only when they agree twice over: one wrong resolution must not bar the
        subject right before the quote."""
        if lower in PLURAL:
            return plural or speaker.kind == "organisation" or (
                speaker.kind == "unnamed" and speaker.name.split()[0].lower() not in INDEFINITE)
        if lower in NEUTER:
            return speaker.kind == "organisation"
        if speaker.kind != "person" or plural:
            return False
        gender = "m" if lower in MALE else "f"
        return self.names.gender_of(speaker.name, PRONOUN_MARGIN if near else 1) in (gender, None)

    def _pronoun(self, lower: str, position: int, mention: Span) -> Resolution:
        """The person the quote's first-person words point to; else the subject of the nearest clause
        above the pronoun's own that fits; else that of the nearest earlier clause, reporting clauses
        first (news convention: the subject of the preceding reporting clause wins); else coreferee's
        antecedent; then earlier speakers. Never a person the quote names."""
        doc = mention.doc
        sentences, distance = self._sentences_before(mention)
        content = self._quote_tokens()
        named = {t.text for t in content if t.pos_ == "PROPN"}

        def fits(speaker: Speaker | None, plural: bool, near: bool = False) -> bool:
            return speaker is not None and self._compatible(speaker, lower, plural, near) and not (
                speaker.kind == "person" and set(speaker.name.split()) & named)

        claimed = self._claimed_roles(content)
        if claimed:
            found = self._by_claimed_role(claimed, sentences, mention, fits)
            if found is not None:
                return found
        for verb in _clauses_above(mention.root):  # 'Lind said Berg was angry because she ...': Berg
            for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not self.quoted(c)):
                speaker, plural = self._subject_speaker(subj)
                if fits(speaker, plural, near=True):
                    return Resolution(speaker, "pronoun", confidence("pronoun_near"))
        for i, (k, current) in enumerate(zip(distance, sentences)):
            limit = mention.start if i == 0 else current.end
            subjects = [t for t in doc[current.start : limit] if t.dep_ in ("nsubj", "nsubjpass")
                        and not self.quoted(t) and t.i != mention.root.i]
            subjects.sort(key=lambda t: (not is_cue(t.head), t.head.dep_ != "ROOT", t.i))
            for subj in subjects:
                speaker, plural = self._subject_speaker(subj)
                if fits(speaker, plural, near=k <= 1):
                    near = confidence("pronoun_near") if k <= 1 else confidence("pronoun_far")
                    return Resolution(speaker, "pronoun", near)
        if self.coref is not None and not self.quoted(mention.root) and self._any_fits(mention, fits):
            at = self.coref.antecedent(mention)
            target = next((t for t in doc if t.idx == at), None) if at is not None else None
            if target is not None and target.i != mention.root.i:
                speaker, plural = self._subject_speaker(target)
                if fits(speaker, plural):
                    return Resolution(speaker, "coref", confidence("coref"))
        for known in reversed(self.history):
            if fits(known.speaker, known.plural):
                return Resolution(known.speaker, "pronoun", confidence("pronoun_history"))
        return Resolution(Speaker(lower, kind="unnamed", resolved=False), "unresolved",
                          confidence("pronoun_unresolved"))

    def _any_fits(self, mention: Span, fits: Callable[[Speaker | None, bool], bool]) -> bool:
        """Whether any word coreferee could name as the pronoun's antecedent stands for a speaker that fits:
        if none does, its answer would be passed over, so it is not asked (coreferee costs about a
        millisecond a word)."""
        return any(t.i != mention.root.i and (t.i in self.resolved_at or _may_corefer(t)) and fits(
            *self._subject_speaker(t)) for t in self.coref.window(mention))

    def _sentences_before(self, mention: Span) -> tuple[list[Span], list[int]]:
        """The mention's sentence and those before it, nearest first, with how far back each is: a sentence
        wholly inside quotation marks ('"We lost. We will appeal," she said') is passed over, not counted."""
        doc = mention.doc
        sentences, distance = [mention.root.sent], [0]
        while distance[-1] < WINDOW - 1 and sentences[-1].start > 0 and len(sentences) < 4 * WINDOW:
            prev = doc[sentences[-1].start - 1].sent
            quoted = all(self.quoted(t) or t.is_punct or t.is_space for t in prev)
            sentences.append(prev)
            distance.append(distance[-1] + (not quoted))
        return sentences, distance

    def _quote_tokens(self) -> list[Token]:
        """The tokens of the quote being attributed, if the caller said which."""
        if self.quote_span is None:
            return []
        start, end = self.quote_span
        span = self.doc.char_span(start - self.base, end - self.base, alignment_mode="expand")
        return list(span) if span is not None else []

    def _claimed_roles(self, content: list[Token]) -> set[str]:
        """The roles a quote's first-person nouns give its speaker: "my company" -> chief executive, founder ..."""
        roles: set[str] = set()
        for tok in content:
            if tok.lower_ in FIRST_PERSON_POSSESSIVES and tok.dep_ == "poss":
                roles |= CONTENT_ROLES.get(tok.head.lemma_.lower(), set())
        return roles

    def _by_claimed_role(self, claimed: set[str], sentences: list, mention: Span,
                         fits: Callable[..., bool]) -> Resolution | None:
        """The nearest person named before the pronoun (subject or not) whom the article gives a role the
        quote claims."""
        for k, current in enumerate(sentences):
            people = [e for e in entities(current) if e.label_ == "PERSON" and not self.quoted(e.root)
                      and (k > 0 or e.end <= mention.start)]
            for ent in reversed(people):
                res = self._resolve(self.mention_of(ent.root), ent.start_char + self.base)
                speaker = res.speaker
                if speaker is not None and speaker.kind == "person" and fits(speaker, False, near=True) and \
                        self.names.roles.get(speaker.name, set()) & claimed:
                    return Resolution(speaker, "pronoun", confidence("pronoun_content"))
        return None

    def _subject_speaker(self, subj: Token) -> tuple[Speaker | None, bool]:
        """The speaker a clause subject stands for (already resolved, or resolved now) and whether it is plural."""
        if subj.i in self.resolved_at:
            sp = self.resolved_at[subj.i]
            return sp, subj.lower_ in PLURAL or subj.tag_ == "NNS"
        if subj.lower_ in PRONOUNS or subj.lower_ in RELATIVE_PRONOUNS:
            return None, False
        mention = self.mention_of(subj)
        res = self._resolve(mention, subj.idx + self.base)
        if res.speaker is None or not res.speaker.resolved:
            return None, False
        return res.speaker, _is_plural(mention)


def _may_corefer(token: Token) -> bool:
    """Whether coreferee can give ``token`` as an antecedent: a noun, proper noun, pronoun, number or
    standalone determiner (its ``is_independent_noun`` and anaphors)."""
    return token.pos_ in ("NOUN", "PROPN", "PRON") or token.tag_ in ("CD", "DT")


def _clauses_above(pronoun: Token) -> list[Token]:
    """The clauses a pronoun's own clause depends on, nearest first ('because she ...' in 'X said Y was
    angry because she ...': 'was', then 'said')."""
    found, node = [], pronoun.head
    while node.head.i != node.i and len(found) < 6:
        node = node.head
        found.append(node)
    return found
