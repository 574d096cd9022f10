"""``scripts/fit_confidence.py``: the logistic fit, rare rules left at the baseline, and a coefficients file
that holds numbers and feature names only (run on invented gold articles)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fit_confidence.py"


@pytest.fixture(scope="module")
def fitting():
    spec = importlib.util.spec_from_file_location("fit_confidence", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fit_gives_a_positive_weight_to_a_feature_that_goes_with_right(fitting):
    x = np.array([[0.0], [0.2], [0.4], [0.6], [0.8], [1.0]] * 5)
    y = np.array([0, 0, 1, 0, 1, 1] * 5, dtype=float)
    weights, _bias = fitting.fit(x, y, l2=1.0)
    assert weights[0] > 0


def test_a_rule_seen_too_rarely_stays_at_the_baseline(fitting):
    common = {"link": "right_frame_near", "prior": 0.9}
    rows = [(dict(common), True)] * 20 + [(dict(common, prior=0.4), False)] * 5 + [
        ({"link": "rare_rule", "prior": 0.9}, False)] * 2
    model, fitted = fitting.train(rows, l2=1.0, min_count=10)
    assert "link=rare_rule" not in model.weights and model.weights["link=other"] == 0.0
    assert fitted == {"quotes": 27, "right": 20, "wrong": 7}


GOLD_TEXT = ("Harbour works to start in March\n\n\"The pier will close for six weeks,\" harbour master Ines Kolby "
             "said on Monday.\n\nShe said the ferry would use the north quay instead.")


def test_the_coefficients_file_holds_no_text_of_the_articles(fitting, tmp_path):
    quote = "The pier will close for six weeks,"
    start = GOLD_TEXT.index(quote)
    mention = GOLD_TEXT.index("harbour master Ines Kolby")
    gold = {"id": "g1", "text": GOLD_TEXT, "quotes": [{"quote": quote, "start": start, "end": start + len(quote),
                                                       "type": "direct", "speaker": "Ines Kolby",
                                                       "speaker_start": mention, "speaker_end": mention + 25}]}
    gold_path, out = tmp_path / "gold.jsonl", tmp_path / "confidence.json"
    gold_path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    assert fitting.main(["--train", str(gold_path), "--output", str(out), "--min-count", "1"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"about", "fitted_on", "bias", "weights"}
    words = {w.strip('.,"').lower() for w in GOLD_TEXT.split()} - {"the", "on", "in", "to", "would", "use"}
    names = " ".join(data["weights"]).lower().replace("_", " ").replace("=", " ").replace("*", " ").replace("|", " ")
    assert not words & set(names.split())
