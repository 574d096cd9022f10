"""Pronoun speakers ("he", "they") resolved against the clauses before them and the speakers seen so far.

Rules of the ``SpeakerResolver`` (mixed into it): a lone pronoun is the subject of the nearest earlier
clause that fits it (number, person or organisation, gender), news convention putting the subject of the
preceding reporting clause first; else coreferee's antecedent; else the latest fitting earlier speaker.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from quotes.attribution.cues import is_cue
from quotes.attribution.names import INDEFINITE, MALE, NEUTER, PLURAL, PRONOUNS, RELATIVE_PRONOUNS, _is_plural
from quotes.attribution.register import Known, NameRegister, Resolution, confidence
from quotes.model import Speaker


class PronounRules:
    """Pronoun rules; the resolver provides the state below and ``_resolve``."""

    names: NameRegister
    history: list[Known]
    resolved_at: dict[int, Speaker]
    coref: object
    quoted: Callable[[Token], bool]
    mention_of: Callable[[Token], Span]
    _resolve: Callable[[Span, int], Resolution]

    def _compatible(self, speaker: Speaker, lower: str, plural: bool) -> bool:
        """Whether pronoun ``lower`` can stand for ``speaker`` (number, organisation or person, gender)."""
        if lower in PLURAL:
            return plural or speaker.kind == "organisation" or (
                speaker.kind == "unnamed" and speaker.name.split()[0].lower() not in INDEFINITE)
        if lower in NEUTER:
            return speaker.kind == "organisation"
        if speaker.kind != "person" or plural:
            return False
        gender = "m" if lower in MALE else "f"
        return self.names.genders.get(speaker.name, gender) == gender

    def _pronoun(self, lower: str, position: int, mention: Span) -> Resolution:
        """The subject of the nearest earlier clause that fits, reporting clauses first (news convention:
        the subject of the preceding reporting clause wins); else coreferee's antecedent; then earlier
        speakers."""
        doc = mention.doc
        sent = mention.root.sent
        sentences = [sent]
        while len(sentences) < 5 and sentences[-1].start > 0:
            sentences.append(doc[sentences[-1].start - 1].sent)
        for k, current in enumerate(sentences):
            limit = mention.start if k == 0 else current.end
            subjects = [t for t in doc[current.start : limit] if t.dep_ in ("nsubj", "nsubjpass")
                        and not self.quoted(t) and t.i != mention.root.i]
            subjects.sort(key=lambda t: (not is_cue(t.head), t.head.dep_ != "ROOT", t.i))
            for subj in subjects:
                speaker, plural = self._subject_speaker(subj)
                if speaker is not None and self._compatible(speaker, lower, plural):
                    near = confidence("pronoun_near") if k <= 1 else confidence("pronoun_far")
                    return Resolution(speaker, "pronoun", near)
        if self.coref is not None and not self.quoted(mention.root):
            at = self.coref.antecedent(mention)
            target = next((t for t in doc if t.idx == at), None) if at is not None else None
            if target is not None and target.i != mention.root.i:
                speaker, plural = self._subject_speaker(target)
                if speaker is not None and self._compatible(speaker, lower, plural):
                    return Resolution(speaker, "coref", confidence("coref"))
        for known in reversed(self.history):
            if self._compatible(known.speaker, lower, known.plural):
                return Resolution(known.speaker, "pronoun", confidence("pronoun_history"))
        return Resolution(Speaker(lower, kind="unnamed", resolved=False), "unresolved",
                          confidence("pronoun_unresolved"))

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

