"""The one spaCy loader and what the extractor version records about the pipeline it runs."""

import pytest
import spacy

from quotes.extractor import Extractor, extractor_version
from quotes.nlp import coref, loader


def test_loader_splits_curly_marks_glued_to_words():
    nlp = loader.load()
    assert [t.text for t in nlp.tokenizer("Ryan said,“Look")] == ["Ryan", "said", ",", "“", "Look"]


@pytest.mark.parametrize("text, sentences", [
    ("The harbour will close in May\nDana Holt, the harbour master, said the work would take a year.",
     ["The harbour will close in May\n", "Dana Holt, the harbour master, said the work would take a year."]),
    ("“But he is saying it.”\n\nStudent Jared Potts echoed:\n\n“He speaks his mind.”",
     ["“But he is saying it.”\n\n", "Student Jared Potts echoed:\n\n", "“He speaks his mind.”"]),
])
def test_each_paragraph_starts_a_sentence(text, sentences):
    # left alone, the parser runs a headline or a lead-in line into the next paragraph's sentence
    assert [s.text for s in loader.load()(text).sents] == sentences


def test_coreferee_is_an_optional_last_pipe_of_the_same_loader():
    assert "coreferee" not in loader.load().pipe_names
    assert loader.load(loader.default_model_name(), coref=True).pipe_names[-1] == "coreferee"


def test_the_coref_pipeline_is_the_loaders():
    name = loader.default_model_name()
    assert coref.coref_pipeline(name) is loader.load(name, coref=True)


def test_coreference_that_cannot_run_is_recorded_as_off(monkeypatch):
    monkeypatch.setattr(coref, "coref_pipeline", lambda name: None)
    extractor = Extractor(coref=True)
    assert extractor.coref is None
    assert not extractor.spec.coref
    assert extractor.version == extractor_version(coref=False)
    assert "nocoref" in extractor.version


def test_a_custom_pipeline_records_its_own_name_and_version():
    nlp = spacy.blank("en")
    nlp.meta["name"], nlp.meta["version"] = "newsroom_tuned", "2.1.0"
    version = Extractor(nlp=nlp).version
    assert version.startswith("en_newsroom_tuned-2.1.0")
    assert loader.default_model_name() not in version


def test_the_default_version_names_the_installed_model():
    assert extractor_version().startswith(f"{loader.default_model_name()}-")


def test_a_pipeline_from_our_loader_keeps_the_model_and_its_coreference():
    extractor = Extractor(nlp=loader.load())
    assert extractor.version == extractor_version()
    assert extractor.coref is not None


def test_loader_splits_a_hyphen_opening_a_name():
    nlp = loader.load()
    assert [t.text for t in nlp.tokenizer("-Mara Lind, Oskarvik.")][:3] == ["-", "Mara", "Lind"]


@pytest.mark.parametrize("text, tokens", [
    ("Army Capt. Mira Solberg", ["Army", "Capt.", "Mira", "Solberg"]),
    ("Lt. Col. Anders Vik said", ["Lt.", "Col.", "Anders", "Vik", "said"]),
    ("Ole Brask Sr. said", ["Ole", "Brask", "Sr.", "said"]),
])
def test_loader_keeps_abbreviations_in_names_whole(text, tokens):
    nlp = loader.load()
    assert [t.text for t in nlp.tokenizer(text)] == tokens


@pytest.mark.parametrize("text", [
    "“We will hold the line,” said Army Capt. Mira Solberg, who leads the unit.",
    "“We are at sea already,” said navy spokesman Navy Capt. Jens Dahl, who was asked about the plan.",
])
def test_a_title_abbreviation_does_not_end_the_sentence(text):
    assert len(list(loader.load()(text).sents)) == 1


def test_a_name_suffix_may_end_the_sentence():
    doc = loader.load()("The prize went to Ole Brask Sr. The family thanked the jury.")
    assert [s.text for s in doc.sents] == ["The prize went to Ole Brask Sr.", "The family thanked the jury."]


def test_the_version_names_the_coreference_model():
    digest = loader.coref_model_digest()
    assert len(digest) == 8 and int(digest, 16) >= 0  # the shipped model's files are installed
    assert f" coref {digest} " in extractor_version()
    assert " coref " not in extractor_version(coref=False)


def test_another_coreference_model_is_another_version(monkeypatch):
    before = extractor_version()
    monkeypatch.setattr(loader, "coref_model_digest", lambda: "0badc0de")
    after = extractor_version()
    assert after != before and " coref 0badc0de " in after
    assert extractor_version(coref=False) == after.replace("coref 0badc0de", "nocoref")


def test_the_coreference_digest_follows_the_model_files(monkeypatch, tmp_path):
    from importlib.machinery import ModuleSpec

    entry = tmp_path / "coreferee_model_en" / "sm_3_8_0"
    entry.mkdir(parents=True)
    spec = ModuleSpec("coreferee_model_en", None, is_package=True)
    spec.submodule_search_locations = [str(entry.parent)]
    monkeypatch.setattr(loader, "find_spec", lambda name: spec)

    def digest():
        loader.coref_model_digest.cache_clear()
        return loader.coref_model_digest()

    try:
        assert digest() == "none"
        (entry / "model").write_bytes(b"weights")
        (entry / "feature_table.bin").write_bytes(b"table")
        first = digest()
        (entry / "model").write_bytes(b"retrained weights")
        assert digest() not in (first, "none")
    finally:
        monkeypatch.undo()
        loader.coref_model_digest.cache_clear()
