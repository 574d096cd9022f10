"""The reporting-cue lexicon and its predicates: which tokens introduce speech.

Takes single spaCy tokens; gives yes/no answers (is this a cue, a speech verb, a naming verb, "according
to"). The word lists are data in ``quotes/lexicon/en.toml`` ([attribution.cues]).
"""

from __future__ import annotations

from spacy.tokens import Token

from quotes.lexicon import entry, words

# Verbs whose clause complement is reported speech in the strict sense (gold's required cues).
SPEECH_VERBS = words("attribution.cues.speech_verbs")
PHRASAL_CUES = words("attribution.cues.phrasal_cues")
# Verbs that introduce a quotation or reported clause (lemmas): the speech verbs and more.
CORE_VERBS = SPEECH_VERBS | words("attribution.cues.other_cue_verbs") | set(entry("attribution.cues.parc_verbs"))
FRAME_MIN_SHARE = float(entry("attribution.cues.frame_min_share"))


def frame_share(frame: str) -> dict[str, float]:
    """Each lemma of [attribution.cues.parc_frames.FRAME] (counts from PolNeAR train) with the share of
    its occurrences in that frame that are an annotated cue with their content there."""
    return {lemma: cue / seen for lemma, (cue, seen) in entry(f"attribution.cues.parc_frames.{frame}").items()}


def learnt(frame: str, hand: frozenset[str] = frozenset()) -> frozenset[str]:
    """The lemmas that train shows to be cues in ``frame`` at least ``frame_min_share`` of the time, with
    the ``hand`` list's lemmas that train does not show to be cues less often than that."""
    share = frame_share(frame)
    return frozenset(lemma for lemma, s in share.items() if s >= FRAME_MIN_SHARE) | frozenset(
        lemma for lemma in hand if lemma not in share)


# Verbs whose clause complement is reported speech at PARC breadth (beliefs, findings, intentions too).
COMPLEMENT_VERBS = SPEECH_VERBS | learnt("complement")
# Verbs whose object or infinitive is the content of an attribution (PARC counts beliefs, intentions and
# speech acts, not only reported clauses): "cited the figure", "called for more investment", "wants to ...".
OBJECT_CONTENT_VERBS = learnt("object", words("attribution.cues.object_content_verbs"))
INFINITIVE_CONTENT_VERBS = learnt("infinitive", words("attribution.cues.infinitive_content_verbs"))
# Verb + preposition and noun + preposition whose object is the content: "talked about the wall",
# "his attacks on the mayor" (keys "lemma preposition").
PREPOSITION_FRAMES = learnt("preposition")
NOUN_PREPOSITION_FRAMES = learnt("noun_preposition")
# Nouns whose possessor is the speaker: "Brenn's claim that there were "thousands of empty seats"".
CLAIM_NOUNS = words("attribution.cues.claim_nouns")
# Nouns whose that-clause is the content of an attribution: "the claim that ...", "suggestions that ...".
CONTENT_NOUNS = learnt("noun") | CLAIM_NOUNS
# Verbs whose direct object is the person addressed, not what was said: "told reporters".
ADDRESSEE_VERBS = words("attribution.cues.addressee_verbs")
# Verbs that take a quoted name or label as object: called it "aggression".
NAMING_VERBS = words("attribution.cues.naming_verbs")
# Nouns that mark a document or event carrying a statement (sources.py imports it from here).
STATEMENT_NOUNS = words("attribution.cues.statement_nouns")
REPORTER_OBJECTS = words("attribution.cues.reporter_objects")


def next_is_to(tok: Token) -> bool:
    """The token after ``tok`` is "to"."""
    return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"


def is_according_to(tok: Token) -> bool:
    """``tok`` opens the phrasal cue "according to"."""
    return tok.lower_ == "according" and next_is_to(tok)


def is_cue(tok: Token) -> bool:
    """A reporting verb (any cue verb but "be") or "according to"."""
    if is_according_to(tok):
        return True
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_ == "be":
        return False
    lemma = tok.lemma_.lower()
    return lemma in CORE_VERBS or any(
        c.dep_ in ("prt", "advmod") and f"{lemma} {c.lower_}" in PHRASAL_CUES for c in tok.children)


def is_speech_cue(tok: Token) -> bool:
    """A verb of speech in the strict sense: its complement is reported speech."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in SPEECH_VERBS


def takes_reported_clause(tok: Token) -> bool:
    """A verb whose clause complement is the content of an attribution: 'said', 'argued', 'found', ..."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in COMPLEMENT_VERBS


def is_naming(tok: Token) -> bool:
    """A verb that takes a name or label as object: call, dub, brand ..."""
    return tok.lemma_.lower() in NAMING_VERBS
