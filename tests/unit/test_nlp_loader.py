"""The one spaCy loader and what the extractor version records about the pipeline it runs."""

import spacy

from quotes.extractor import Extractor, extractor_version
from quotes.nlp import coref, loader


def test_loader_splits_curly_marks_glued_to_words():
    nlp = loader.load()
    assert [t.text for t in nlp.tokenizer("Ryan said,“Look")] == ["Ryan", "said", ",", "“", "Look"]


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
