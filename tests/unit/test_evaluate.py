"""Scoring against gold: spans by mutual overlap, canonical speakers as whole names (a lenient column
accepts a shared surname), and how well confidence ranks right above wrong attributions."""

from collections import Counter

import pytest

from quotes.evaluate import auc, format_report, score, speaker_matches
from quotes.evaluate.reliability import reliability

TEXT = "“We will open the bridge in May,” Ines Faro said. Faro added that tolls would fall."


def gold_quote(quote: str, speaker: str, type_: str = "direct", **extra) -> dict:
    start = TEXT.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote), "type": type_, "speaker": speaker, **extra}


def predicted(quote: str, speaker: str | None, confidence: float = 0.9, type_: str = "direct") -> dict:
    start = TEXT.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote), "type": type_, "speaker": speaker,
            "confidence": confidence}


GOLD = [{"id": "a", "text": TEXT, "quotes": [gold_quote("We will open the bridge in May,", "Ines Faro")]}]


@pytest.mark.parametrize("pred, gold, strict, lenient", [
    ("Ines Faro", "Ines Faro", True, True),
    ("ines faro", "Ines Faro", True, True),
    ("the city council", "City Council", True, True),
    ("Faro", "Ines Faro", False, True),
    ("faro (unnamed)", "Ines Faro", False, True),
    ("Marta Faro", "Ines Faro", False, False),
    ("Petra Kline", "Ines Faro", False, False),
    (None, "Ines Faro", False, False),
])
def test_a_canonical_speaker_must_be_the_whole_name(pred, gold, strict, lenient):
    assert speaker_matches(pred, gold, Counter({"faro": 1})) is strict
    assert speaker_matches(pred, gold, Counter({"faro": 1}), lenient=True) is lenient


def test_the_lenient_surname_does_not_count_when_two_people_share_it():
    assert not speaker_matches("Faro", "Ines Faro", Counter({"faro": 2}), lenient=True)


def test_a_surname_speaker_is_wrong_but_counted_in_the_lenient_column():
    report = score(GOLD, {"a": [predicted("We will open the bridge in May,", "Faro")]})
    assert (report.speaker_right, report.speaker_right_lenient, report.speaker_total) == (0, 1, 1)
    assert (report.end_to_end.tp, report.end_to_end_lenient.tp) == (0, 1)


def test_a_whole_name_speaker_is_right_in_both_columns():
    report = score(GOLD, {"a": [predicted("We will open the bridge in May,", "Ines Faro")]})
    assert (report.speaker_right, report.speaker_right_lenient) == (1, 1)
    assert report.end_to_end.f1 == 1.0


def test_a_quote_nobody_annotated_is_a_false_positive_and_a_missed_one_a_miss():
    report = score(GOLD, {"a": [predicted("tolls would fall", "Ines Faro", type_="indirect")]})
    assert (report.quotes.tp, report.quotes.fp, report.quotes.fn) == (0, 1, 1)


@pytest.mark.parametrize("scored, expected", [
    ([(0.9, True), (0.1, False)], 1.0),
    ([(0.1, True), (0.9, False)], 0.0),
    ([(0.5, True), (0.5, False)], 0.5),
    ([(0.9, True), (0.7, True), (0.8, False), (0.2, False)], 0.75),
])
def test_auc_is_the_chance_a_right_attribution_outranks_a_wrong_one(scored, expected):
    assert auc(scored) == pytest.approx(expected)


@pytest.mark.parametrize("scored", [[], [(0.9, True)], [(0.2, False), (0.4, False)]])
def test_auc_needs_both_right_and_wrong_attributions(scored):
    assert auc(scored) is None


def test_the_report_gives_the_confidence_auc_of_matched_quotes():
    gold = [{"id": "a", "text": TEXT, "quotes": [
        gold_quote("We will open the bridge in May,", "Ines Faro"),
        gold_quote("tolls would fall", "Ines Faro", type_="indirect")]}]
    preds = {"a": [predicted("We will open the bridge in May,", "Ines Faro", confidence=0.9),
                   predicted("tolls would fall", "Marta Kline", confidence=0.3, type_="indirect")]}
    report = score(gold, preds)
    assert report.confidence_auc == 1.0
    text = format_report(report)
    assert "confidence AUC (right vs wrong speaker): 1.000 (1 right, 1 wrong)" in text
    assert report.as_dict()["confidence_auc"] == 1.0


def test_the_reliability_table_bins_confidence_by_tenths():
    table = reliability([(0.05, False), (0.93, True), (0.97, False), (1.0, True)])
    assert [(b.low, b.count, b.right) for b in table if b.count] == [(0.0, 1, 0), (0.9, 3, 2)]


def test_a_reliability_bin_gives_accuracy_and_mean_confidence():
    [row] = [b.as_dict() for b in reliability([(0.6, True), (0.68, False)]) if b.count]
    assert (row["accuracy"], row["mean_confidence"]) == (0.5, 0.64)


def test_the_report_prints_and_gives_its_reliability_table():
    preds = {"a": [predicted("We will open the bridge in May,", "Ines Faro", confidence=0.85)]}
    report = score(GOLD, preds)
    assert "  0.8-0.9:     1  mean 0.850  right 100.0%" in format_report(report)
    assert [b for b in report.as_dict()["reliability"] if b["count"]] == [
        {"low": 0.8, "high": 0.9, "count": 1, "right": 1, "mean_confidence": 0.85, "accuracy": 1.0}]


def test_the_report_keeps_each_scored_prediction_with_its_verdict():
    pred = predicted("We will open the bridge in May,", "Ines Faro")
    assert score(GOLD, {"a": [pred]}).labelled == [(pred, True)]


PRONOUN_TEXT = "“The dam will hold,” she said. Ola Berg said “it will not.” “We wait,” Ida Holm said."


def mention_unit(quote: str, speaker: str, at: str, type_: str = "direct") -> dict:
    """A quote with its speaker mention at ``at`` (PolNeAR-style mention offsets)."""
    start, mention = PRONOUN_TEXT.index(quote), PRONOUN_TEXT.index(at)
    return {"quote": quote, "start": start, "end": start + len(quote), "type": type_, "speaker": speaker,
            "speaker_start": mention, "speaker_end": mention + len(at)}


def test_the_pronoun_line_counts_matched_quotes_whose_gold_source_is_a_pronoun():
    gold = [{"id": "a", "text": PRONOUN_TEXT, "quotes": [
        mention_unit("The dam will hold,", "she", "she"),
        mention_unit("it will not.", "Ola Berg", "Ola Berg", type_="partial"),
        mention_unit("We wait,", "Ida Holm", "Ida Holm")]}]
    preds = {"a": [mention_unit("The dam will hold,", "Ida Holm", "she"),  # mention on the pronoun: right
                   mention_unit("it will not.", "Ola Berg", "Ola Berg", type_="partial"),
                   mention_unit("We wait,", "Ida Holm", "Ida Holm")]}
    report = score(gold, preds)
    assert (report.pronoun_right, report.pronoun_total) == (1, 1)
    assert "predicted mention on the pronoun 100.0 (1/1)" in format_report(report)
    assert report.as_dict()["pronoun_total"] == 1


def test_a_predicted_mention_off_the_gold_pronoun_is_a_pronoun_miss():
    gold = [{"id": "a", "text": PRONOUN_TEXT, "quotes": [mention_unit("The dam will hold,", "She", "she")]}]
    preds = {"a": [mention_unit("The dam will hold,", "Ola Berg", "Ola Berg")]}
    report = score(gold, preds)
    assert (report.pronoun_right, report.pronoun_total) == (0, 1)


def test_canonical_gold_has_no_pronoun_line():
    report = score(GOLD, {"a": [predicted("We will open the bridge in May,", "Ines Faro")]})
    assert report.pronoun_total == 0
    assert "pronoun" not in format_report(report)
