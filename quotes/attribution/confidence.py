"""A quote's confidence: a small logistic regression over the evidence of how its speaker was found.

Takes a quote's evidence (``Quote.evidence``, from :mod:`quotes.attribution.evidence`) and gives the
probability that its speaker mention is right, in [0, 1]; an unattributed quote gets 0. The evidence
becomes named features (:func:`features`): a categorical value is a one-hot ``"link=right_frame_near"``
(a value the model does not know, such as a resolution rule added after the fit, counts as
``"link=other"``), a count is ``log1p`` of it, capped. The coefficients are data, not code:
``quotes/lexicon/confidence.json`` (``{"weights": {feature: w}, "bias": b}``), fitted on PolNeAR
train by ``scripts/fit_confidence.py``; a feature missing from the file weighs 0.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from quotes.lexicon import confidence_model
from quotes.model import Quote

# evidence keys read as categories (one-hot) and as numbers, with the cap on counts
CATEGORICAL = ("path", "link", "resolution", "type", "cue_side", "mention_pos", "mention_dep", "mention_entity",
               "speaker_kind", "continued_from", "mention_person", "head_class")
PLAIN = ("prior", "link_prior", "resolution_prior", "paragraph_share", "mention_governed", "mention_in_quote",
         "speaker_resolved", "via")
COUNTS = {"cue_gap": 40, "mention_cue_gap": 40, "quote_words": 200, "mention_words": 12, "rivals_sentence": 8,
          "rivals_paragraph": 10, "seen_before": 20, "speakers_before": 20, "cues_sentence": 6, "hops": 6,
          "paragraph_gap": 6, "paragraph_index": 60}
# pairs of categories that also count together ("type*link=partial|governing_cue")
CROSSED = (("type", "link"), ("path", "type"))
OTHER = "other"


def features(evidence: Mapping[str, float | str], known: Collection[str] | None = None) -> dict[str, float]:
    """Named feature values of one quote's evidence. With ``known`` (the model's feature names), a
    category outside it becomes ``"<key>=other"``: new rule names map to a baseline."""
    out: dict[str, float] = {}
    for key in CATEGORICAL:
        name = f"{key}={evidence.get(key, 'none')}"
        if known is not None and name not in known:
            name = f"{key}={OTHER}"
        out[name] = 1.0
    for first, second in CROSSED:
        name = f"{first}*{second}={evidence.get(first, 'none')}|{evidence.get(second, 'none')}"
        if known is not None and name not in known:
            name = f"{first}*{second}={OTHER}"
        out[name] = 1.0
    for key in PLAIN:
        out[key] = float(evidence.get(key, 0.0))
    for key, cap in COUNTS.items():
        out[key] = math.log1p(min(max(float(evidence.get(key, 0.0)), 0.0), cap))
    return out


@dataclass(frozen=True)
class Model:
    """Frozen logistic-regression coefficients: ``P(right) = sigmoid(bias + sum w[f] * x[f])``."""

    weights: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0

    @classmethod
    def from_data(cls, data: Mapping) -> Model:
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))

    def probability(self, evidence: Mapping[str, float | str]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * x for name, x in features(evidence, self.weights).items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


_installed: Model | None = None


def install(model: Model | None) -> None:
    """Use ``model`` instead of the coefficients file (None: the file again); for the fit script and tests."""
    global _installed
    _installed = model


def active_model() -> Model:
    """The installed model, else the one in ``quotes/lexicon/confidence.json`` (ConfidenceModelError if
    that is missing or broken)."""
    return _installed if _installed is not None else _file_model()


@lru_cache(maxsize=1)
def _file_model() -> Model:
    return Model.from_data(confidence_model())


def confidence_of(quote: Quote, model: Model | None = None) -> float:
    """The confidence of one quote, rounded to 3 places: 0 without a speaker or evidence."""
    if quote.speaker is None or not quote.evidence:
        return 0.0
    return round((model or active_model()).probability(quote.evidence), 3)
