"""Name, title and organisation strings of speaker mentions (quotes.attribution.names), on hand-built spans."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc

from quotes.attribution.names import (
    NATIONAL_BODY,
    _company_name,
    _description_text,
    _mods_fit,
    _strip_possessive,
    _strip_titles,
    _title_before,
    _title_case,
    clean_name,
    entities,
    org_name,
)

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case), no model


def span(text: str, pos: list[str] | None = None):
    """The whole of ``text`` (split on spaces; "'s" and "," glued to the word before) as a hand-built span."""
    words = text.split()
    spaces = [not after.startswith(("'", "’", ",")) for after in words[1:]] + [False]
    return Doc(VOCAB, words=words, spaces=spaces, pos=pos)[:]


@pytest.mark.parametrize(("text", "name"), [
    ("Ward 3 Councillor Mira Solberg", "Mira Solberg"),
    ("Finance Minister Ola Berg", "Ola Berg"),
    ("Deputy Mayor Jon Ek", "Jon Ek"),
    ("Mira Solberg", "Mira Solberg"),
    ("Minister", "Minister"),  # a title alone stays: nothing follows it
    ("Lord", "Lord"),
])
def test_titles_before_a_name_are_split_off(text, name):
    assert _strip_titles(text) == name


@pytest.mark.parametrize(("text", "stripped"), [
    ("Quist's", "Quist"),
    ("Quist’s", "Quist"),
    ("the Lindqvists'", "the Lindqvists"),
    ("Quist", "Quist"),
])
def test_possessive_endings_are_dropped(text, stripped):
    assert _strip_possessive(text) == stripped


@pytest.mark.parametrize(("text", "name"), [
    ("Mr Karl Vinter", "Karl Vinter"),
    ("Dr. Mira Delacroix 's", "Mira Delacroix"),
    ("Stated Stone", "Stone"),  # a reporting verb read as the first word of the name
    ("Councillor Mira Solberg ,", "Mira Solberg"),
    ("Dame Ilse Marrow", "Ilse Marrow"),
])
def test_clean_name_drops_honorifics_possessives_speech_verbs_and_titles(text, name):
    assert clean_name(span(text)) == name


@pytest.mark.parametrize(("mention", "person_from", "title"), [
    ("the Finance Minister Ola Berg", 3, "Finance Minister"),
    ("Mr Ola Berg", 1, None),
    ("director Helena Quist", 1, "director"),
])
def test_the_title_is_the_text_before_the_name(mention, person_from, title):
    whole = span(mention)
    assert _title_before(whole, whole[person_from:]) == title


@pytest.mark.parametrize(("text", "titled"), [
    ("foreign ministry", "Foreign Ministry"),
    ("NATO office", "NATO Office"),
])
def test_title_case_keeps_capitalised_words(text, titled):
    assert _title_case(text) == titled


@pytest.mark.parametrize(("text", "name"), [
    ("the Vessel Water Board", "Vessel Water Board"),
    ("The Ostby Tidings", "Ostby Tidings"),
    ("Lenhold AG", "Lenhold AG"),
])
def test_organisation_names_lose_a_leading_the(text, name):
    assert org_name(span(text)) == name


@pytest.mark.parametrize(("text", "company"), [
    ("Lenhold AG", True),
    ("Brightmoor Holdings", True),
    ("Arvid Lenhold", False),
    ("Fennick Harbour Primary School", True),  # a body, three words or more
    ("Margit School", False),  # two words: a person may bear the surname
])
def test_a_person_name_ending_in_a_company_suffix_is_a_company(text, company):
    assert _company_name(span(text)) is company


@pytest.mark.parametrize(("text", "pos", "description"), [
    ("a senior official", ["DET", "ADJ", "NOUN"], "senior official"),
    ("two Senior officials", ["NUM", "ADJ", "NOUN"], "senior officials"),
    ("the ministry 's adviser", ["DET", "NOUN", "PART", "NOUN"], "ministry adviser"),
    ("a Lenpay engineer", ["DET", "PROPN", "NOUN"], "Lenpay engineer"),
])
def test_an_unnamed_source_is_described_without_determiners(text, pos, description):
    assert _description_text(span(text, pos)) == description


@pytest.mark.parametrize(("mods", "words", "fits"), [
    (set(), {"health", "ministry"}, True),
    ({"health"}, {"health", "ministry"}, True),
    ({"japanese"}, {"japan", "trade", "ministry"}, True),  # a demonym fits its country
    ({"federal"}, {"health", "ministry"}, False),  # a binding modifier must be in the name
    ({"new"}, {"health", "ministry"}, True),  # other modifiers say nothing
])
def test_description_modifiers_fit_a_speaker_name(mods, words, fits):
    assert _mods_fit(mods, words) is fits


@pytest.mark.parametrize(("name", "national"), [
    ("Health Ministry", True),
    ("Defense Ministry", True),
    ("Defence Ministry", True),
    ("Labor Ministry", True),
    ("Labour Ministry", True),
    ("Culture Ministry", False),
    ("Health Ministry officials", False),
])
def test_national_ministries_are_recognised_by_name(name, national):
    assert bool(re.fullmatch(NATIONAL_BODY, name)) is national


def test_the_national_body_pattern_is_the_one_written_before_the_lexicon():
    assert NATIONAL_BODY == (r"(Health|Foreign|Interior|Defen[cs]e|Finance|Justice|Education|Economy|Trade|"
                             r"Agriculture|Environment|Labou?r|Transport|Energy) Ministry")


def test_clean_name_keeps_the_spacing_inside_a_hyphenated_name():
    doc = Doc(VOCAB, words=["Mr", "Jon", "Sae", "-", "ho"], spaces=[True, True, False, False, False])
    assert clean_name(doc[:]) == "Jon Sae-ho"


def test_clean_name_keeps_only_the_line_that_holds_the_name_s_head():
    # "X." numbering a section, recognised as one name with the surname that opens the next paragraph
    doc = Doc(VOCAB, words=["X.", "\n\n", "Sexton"], spaces=[False, False, False], heads=[2, 2, 2],
              deps=["compound", "dep", "ROOT"])
    assert clean_name(doc[:]) == "Sexton"


ENTITY_WORDS = ["Lenpay", "director", "Ida", "Holm", "told", "Coastal", "Water", "Authority"]
ENTITY_TAGS = ["B-ORG", "O", "B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "I-ORG"]


@pytest.mark.parametrize("start, end", [(0, 8), (0, 4), (1, 4), (2, 3), (3, 7), (5, 8), (6, 8), (4, 4)])
def test_entities_of_a_span_are_those_wholly_inside_it_as_spacy_gives_them(start, end):
    doc = Doc(VOCAB, words=ENTITY_WORDS, ents=ENTITY_TAGS)
    span = doc[start:end]
    assert [(e.start, e.end, e.label_) for e in entities(span)] == [(e.start, e.end, e.label_) for e in span.ents]

