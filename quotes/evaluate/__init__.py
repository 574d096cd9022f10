"""Evaluation against gold files: ``scoring`` (matching, speaker rules, the report, confidence AUC),
``reliability`` (the confidence table: accuracy per tenth of the confidence scale) and ``gold`` (reading
gold and prediction files, running the extractor on gold articles)."""

from quotes.evaluate.gold import evaluate_gold, load_gold, load_predictions, parse_types, predict_gold, read_jsonl
from quotes.evaluate.scoring import (
    MIN_OVERLAP,
    SCORED_TYPES,
    Counts,
    Report,
    auc,
    format_report,
    normalise_speaker,
    score,
    speaker_matches,
)

__all__ = [
    "MIN_OVERLAP", "SCORED_TYPES", "Counts", "Report", "auc", "evaluate_gold", "format_report", "load_gold",
    "load_predictions", "normalise_speaker", "parse_types", "predict_gold", "read_jsonl", "score", "speaker_matches",
]
