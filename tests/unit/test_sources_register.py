"""The names register of one article (quotes.attribution.register), on hand-built docs: fullest names,
organisation names and bodies named with their place."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from quotes.attribution.register import NameRegister
from quotes.text.dateline import Place

VOCAB = spacy.blank("en").vocab


def doc(text: str, persons: tuple[str, ...] = (), orgs: tuple[str, ...] = ()) -> Doc:
    """``text`` split on spaces, with the given names marked as PERSON / ORG entities wherever they occur."""
    words = text.split()
    ents = ["O"] * len(words)
    for names, label in ((persons, "PERSON"), (orgs, "ORG")):
        for name in names:
            parts = name.split()
            for i in range(len(words) - len(parts) + 1):
                if words[i : i + len(parts)] == parts:
                    ents[i : i + len(parts)] = [f"B-{label}"] + [f"I-{label}"] * (len(parts) - 1)
    return Doc(VOCAB, words=words, ents=ents)


def test_a_surname_maps_to_the_fullest_name_in_the_article():
    register = NameRegister(doc("Helena Quist spoke . Later Quist left .", persons=("Helena Quist",)))
    assert register.canonical_person("Quist", 30) == "Helena Quist"


def test_an_ambiguous_surname_maps_to_the_nearest_earlier_full_name():
    text = "Anna Berg spoke . Ola Berg replied . Berg left ."
    register = NameRegister(doc(text, persons=("Anna Berg", "Ola Berg")))
    assert register.canonical_person("Berg", text.index("Berg left")) == "Ola Berg"
    assert register.canonical_person("Berg", text.index("Ola Berg") - 1) == "Anna Berg"


def test_an_unknown_name_stays_as_given():
    register = NameRegister(doc("Helena Quist spoke .", persons=("Helena Quist",)))
    assert register.canonical_person("Lindqvist", 0) == "Lindqvist"


def test_titles_and_honorifics_are_not_part_of_a_registered_name():
    register = NameRegister(doc("Mr Karl Vinter spoke .", persons=("Mr Karl Vinter",)))
    assert [name for _, name in register.persons] == ["Karl Vinter"]


def test_an_honorific_before_a_name_gives_the_gender():
    register = NameRegister(doc("Ms Anna Lind and Mr Ola Berg spoke .", persons=("Anna Lind", "Ola Berg")))
    assert register.genders == {"Anna Lind": "f", "Ola Berg": "m"}


def test_an_honorific_before_a_surname_gives_the_gender_of_the_full_name():
    register = NameRegister(doc("Ilse Marrow spoke . Later Mrs Marrow left .", persons=("Marrow", "Ilse Marrow")))
    assert register.genders["Ilse Marrow"] == "f"


def test_a_surname_two_people_share_gives_neither_full_name_a_gender():
    text = "Ilse Marrow and Ola Marrow spoke . Later Mrs Marrow left ."
    register = NameRegister(doc(text, persons=("Marrow", "Ilse Marrow", "Ola Marrow")))
    assert "Ilse Marrow" not in register.genders and "Ola Marrow" not in register.genders


@pytest.mark.parametrize(("name", "gender"), [
    ("Helen Marsh", "f"), ("Tom Ventry", "m"),
    ("Kim Lind", None),  # a given name borne by women and men
    ("Marsh", None),  # a surname alone
])
def test_a_given_name_borne_by_one_gender_gives_the_gender(name, gender):
    register = NameRegister(doc(f"{name} spoke .", persons=(name,)))
    assert register.gender_of(name) == gender


def test_an_honorific_outweighs_the_given_name():
    register = NameRegister(doc("Mr Helen Marsh spoke .", persons=("Helen Marsh",)))
    assert register.gender_of("Helen Marsh") == "m"


def test_a_gendered_title_gives_the_gender():
    register = NameRegister(doc("Congresswoman Ilse Marrow spoke .", persons=("Congresswoman Ilse Marrow",)))
    assert register.genders == {"Ilse Marrow": "f"}


@pytest.mark.parametrize("name", ["Marrow", "Rival Ilse Marrow"])
def test_a_word_put_before_a_full_name_is_no_fuller_form_of_it(name):
    text = "Rival Ilse Marrow spoke . Ilse Marrow left . Marrow returned ."
    register = NameRegister(doc(text, persons=("Ilse Marrow", "Rival Ilse Marrow")))
    assert register.canonical_person(name, text.index("Marrow returned")) == "Ilse Marrow"


def test_a_first_name_before_a_surname_of_two_words_is_part_of_the_name():
    text = "Luis Ortega Vidal spoke . Later Mr Ortega Vidal left ."
    register = NameRegister(doc(text, persons=("Ortega Vidal", "Luis Ortega Vidal")))
    assert register.canonical_person("Ortega Vidal", text.index("left")) == "Luis Ortega Vidal"


def test_a_person_tagged_company_is_registered_as_an_organisation():
    register = NameRegister(doc("Lenhold AG said so .", persons=("Lenhold AG",)))
    assert (register.persons, [name for _, name in register.orgs]) == ([], ["Lenhold AG"])


def test_a_partial_organisation_name_maps_to_the_fuller_one_named_earlier():
    text = "The Vessel Water Board met . the Water Board said ."
    register = NameRegister(doc(text, orgs=("Vessel Water Board",)))
    assert register.org_canonical(doc(text)[6:9]) == "Vessel Water Board"


@pytest.mark.parametrize(("text", "name"), [
    ("Japan 's foreign ministry", "Japanese Foreign Ministry"),
    ("the Russia 's defence ministry", "Russian Defence Ministry"),
    ("Lenpay 's board", "Lenpay 's board"),  # not a country: the text stays
])
def test_a_country_possessive_becomes_its_demonym(text, name):
    mention = doc(text)[:]
    for tok in mention:
        tok.dep_ = "case" if tok.text == "'s" else "dep"
    assert NameRegister(doc(text)).org_canonical(mention) == name


@pytest.mark.parametrize(("text", "place", "name", "placed"), [
    ("The Vessel County board met .", None, "County officials", "Vessel County officials"),
    ("In Vestland state the vote passed .", None, "state government", "Vestland state government"),
    ("The vote passed .", Place("Oskarvik"), "City officials", "Oskarvik city officials"),
    ("The vote passed .", None, "City officials", "City officials"),  # no dateline, no city
    ("The vote passed .", None, "state government of Vestland", "Vestland state government"),
    ("The vote passed .", Place("Oslo", "Norway"), "Health Ministry", "Norwegian Health Ministry"),
    ("The vote passed .", Place("Oslo", "Atlantis"), "Health Ministry", "Health Ministry"),  # no demonym
    ("The vote passed .", Place("Oslo", "Norway"), "Lenpay", "Lenpay"),
])
def test_local_and_national_bodies_are_named_with_their_place(text, place, name, placed):
    assert NameRegister(doc(text), place=place).placed(name) == placed


@pytest.mark.parametrize("persons, surname, full", [
    (("Luther Stan Pate IV",), "Pate", "Luther Stan Pate IV"),
    (("Melba Acosta Febo",), "Acosta", "Melba Acosta Febo"),
])
def test_a_surname_is_found_behind_a_suffix_or_inside_a_double_surname(persons, surname, full):
    register = NameRegister(doc(f"{persons[0]} spoke . Later {surname} left .", persons=persons))
    assert register.canonical_person(surname, 40) == full
