"""Specification of the cue lexicon (``quotes.attribution.cues``) and of the lexicon keys attribution reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotes.attribution import cues
from quotes.lexicon import entry
from quotes.nlp import loader

ATTRIBUTION = Path(cues.__file__).parent
STAGES = ("cues", "subjects", "parsed", "frames", "marked", "reported", "assemble")


@pytest.fixture(scope="module")
def nlp():
    return loader.load()


def token(nlp, text: str, word: str):
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize("text, word", [
    ("Ines Kolby said the bridge would reopen.", "said"),
    ("Kolby told reporters the bridge would reopen.", "told"),
    ("The mayor praised the new harbour plan.", "praised"),
    ("The bridge will reopen, according to the council.", "according"),
    # a verb that is a cue only with its particle
    ("After the vote, Kolby shot back, “That is simply false.”", "shot"),
    ("Mara Lind weighed in on the harbour plan.", "weighed"),
])
def test_reporting_verbs_and_according_to_are_cues(nlp, text, word):
    assert cues.is_cue(token(nlp, text, word))


@pytest.mark.parametrize("text, word", [
    ("The bridge was closed in May.", "was"),
    ("The ferry crossed the harbour.", "crossed"),
    ("The guard shot the lock off the gate.", "shot"),
    ("The council acted according as it wished.", "according"),
])
def test_other_words_are_not_cues(nlp, text, word):
    assert not cues.is_cue(token(nlp, text, word))


@pytest.mark.parametrize("text, word, speech", [
    ("Ines Kolby said the bridge would reopen.", "said", True),
    ("Kolby warned the bridge would close.", "warned", True),
    ("The mayor praised the new harbour plan.", "praised", False),
])
def test_speech_cues_are_the_strict_speech_verbs(nlp, text, word, speech):
    assert cues.is_speech_cue(token(nlp, text, word)) is speech


@pytest.mark.parametrize("text, word, naming", [
    ("Kolby called the plan a harbour grab.", "called", True),
    ("Critics dubbed the bridge a folly.", "dubbed", True),
    ("Kolby said the plan was late.", "said", False),
])
def test_naming_verbs_take_a_label(nlp, text, word, naming):
    assert cues.is_naming(token(nlp, text, word)) is naming


def test_cue_verbs_include_every_speech_verb():
    assert cues.SPEECH_VERBS < cues.CORE_VERBS


def test_statement_nouns_stay_importable_for_sources():
    from quotes.attribution.sources import STATEMENT_NOUNS

    assert STATEMENT_NOUNS is cues.STATEMENT_NOUNS and "statement" in STATEMENT_NOUNS


def lexicon_keys() -> list[str]:
    keys = set()
    for stage in STAGES:
        source = (ATTRIBUTION / f"{stage}.py").read_text(encoding="utf-8")
        keys |= set(re.findall(r"""\b(?:words|sequence|value)\("([\w.]+)"\)""", source))
    return sorted(keys)


def test_the_attribution_reads_lexicon_keys():
    assert len(lexicon_keys()) > 40


@pytest.mark.parametrize("key", lexicon_keys())
def test_every_lexicon_key_attribution_reads_exists_and_is_not_empty(key):
    found = entry(key)
    if key.startswith("confidence."):
        assert isinstance(found, float) and 0 < found <= 1
    else:
        assert isinstance(found, list) and found


@pytest.mark.parametrize("text, word", [
    ("The senator denounced the plan as a giveaway.", "denounced"),
    ("Critics have speculated that the bridge will close.", "speculated"),
])
def test_cue_verbs_learnt_from_annotated_cues_are_cues(nlp, text, word):
    assert cues.is_cue(token(nlp, text, word))


def test_each_learnt_cue_verb_keeps_its_counts_and_is_a_cue_most_of_the_time():
    counts = entry("attribution.cues.parc_verbs")
    assert counts and all(8 <= cue <= seen and cue / seen >= 0.5 for cue, seen in counts.values())
