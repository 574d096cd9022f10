"""The confidence model (``quotes.attribution.confidence``): features from a quote's evidence, frozen
coefficients read from ``quotes/lexicon/confidence.json``, and the extractor version that hashes them."""

from __future__ import annotations

import json
import pickle

import pytest

from quotes import extractor
from quotes.attribution import confidence
from quotes.attribution.confidence import CATEGORICAL, Model, confidence_of, features
from quotes.errors import ConfidenceModelError
from quotes.lexicon import CONFIDENCE_MODEL_PATH, LEXICON_PATH, Prior, confidence_model, value
from quotes.model import Quote, Speaker

EVIDENCE = {"path": "link", "link": "right_frame_near", "resolution": "proper_name", "type": "direct",
            "prior": 0.7, "cue_gap": 2, "rivals_sentence": 1}


def attributed(evidence: dict) -> Quote:
    return Quote(text="We will open the bridge in May,", start=0, end=31, type="direct",
                 speaker=Speaker("Ines Kolby"), evidence=evidence)


def test_the_probability_rises_with_a_feature_of_positive_weight():
    model = Model({"prior": 2.0}, -1.0)
    low, high = (model.probability(dict(EVIDENCE, prior=p)) for p in (0.2, 0.9))
    assert 0 < low < high < 1


def test_the_probability_falls_with_a_count_of_negative_weight():
    model = Model({"rivals_sentence": -1.5}, 1.0)
    assert model.probability(dict(EVIDENCE, rivals_sentence=0)) > model.probability(dict(EVIDENCE, rivals_sentence=3))


def test_an_unknown_rule_counts_as_other():
    known = {"resolution=proper_name", "resolution=other"}
    assert "resolution=other" in features(dict(EVIDENCE, resolution="rule_added_later"), known)


def test_an_unknown_rule_gets_the_baseline_weight():
    model = Model({"resolution=proper_name": 1.0, "resolution=other": -0.5}, 0.0)
    assert model.probability(dict(EVIDENCE, resolution="rule_added_later")) == model.probability(
        dict(EVIDENCE, resolution="other"))


def test_missing_evidence_reads_as_none_or_zero():
    got = features({})
    assert all(got[f"{key}=none"] == 1.0 for key in CATEGORICAL) and got["prior"] == 0.0


def test_a_count_is_capped():
    assert features({"cue_gap": 10_000}) == features({"cue_gap": confidence.COUNTS["cue_gap"]})


def test_an_unattributed_quote_has_confidence_zero():
    quote = attributed(EVIDENCE)
    quote.speaker = None
    assert confidence_of(quote, Model({}, 5.0)) == 0.0


def test_the_confidence_is_rounded_to_three_places():
    assert confidence_of(attributed(EVIDENCE), Model({"prior": 1.234567}, 0.1)) == round(
        Model({"prior": 1.234567}, 0.1).probability(EVIDENCE), 3)


def test_a_missing_coefficients_file_is_a_clear_error(tmp_path):
    with pytest.raises(ConfidenceModelError, match="fit_confidence.py"):
        confidence_model(tmp_path / "confidence.json")


def test_a_broken_coefficients_file_is_a_clear_error(tmp_path):
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps({"weights": []}), encoding="utf-8")
    with pytest.raises(ConfidenceModelError, match="weights"):
        confidence_model(path)


def test_an_installed_model_replaces_the_file_and_can_be_removed():
    confidence.install(Model({}, 0.0))
    try:
        assert confidence_of(attributed(EVIDENCE)) == 0.5
    finally:
        confidence.install(None)
    assert confidence.active_model() == Model.from_data(confidence_model())


CATEGORIES = set(CATEGORICAL) | {f"{a}*{b}" for a, b in confidence.CROSSED}


def test_the_shipped_model_has_a_neutral_baseline_for_every_category():
    weights = confidence_model()["weights"]
    assert {weights[f"{key}=other"] for key in CATEGORIES} == {0.0}


def test_the_shipped_model_holds_only_structural_features():
    names = set(confidence_model()["weights"])
    numbers = set(confidence.PLAIN) | set(confidence.COUNTS)
    assert all(name in numbers or name.partition("=")[0] in CATEGORIES for name in names)


def test_a_lexicon_prior_names_its_rule_and_survives_pickling():
    prior = value("confidence.right_frame_near")
    assert isinstance(prior, Prior) and prior.rule == "right_frame_near"
    assert pickle.loads(pickle.dumps(prior)).rule == "right_frame_near"


def test_the_coefficients_file_is_part_of_the_extractor_version(tmp_path, monkeypatch):
    coefficients = tmp_path / "confidence.json"
    coefficients.write_bytes(CONFIDENCE_MODEL_PATH.read_bytes())
    monkeypatch.setattr(extractor, "DATA_PATHS", (LEXICON_PATH, coefficients))
    extractor.code_digest.cache_clear()
    before = extractor.code_digest()
    coefficients.write_text(json.dumps({"weights": {"prior": 1.0}, "bias": 0.0}), encoding="utf-8")
    extractor.code_digest.cache_clear()
    try:
        assert extractor.code_digest() != before
    finally:
        monkeypatch.undo()
        extractor.code_digest.cache_clear()


def test_the_extractor_version_hashes_the_shipped_coefficients():
    assert CONFIDENCE_MODEL_PATH in extractor.DATA_PATHS
