"""Content-level scoring: one unit per attribution, content exact and overlap, cue and source exact."""

from quotes.evaluate.content import score_content

TEXT = 'Mayor Odile Brandt said that the ferry will "not run before May" at the earliest.'
GOLD = [{"id": "a", "text": TEXT, "quotes": [
    {"quote": "not run before May", "start": 45, "end": 63, "type": "partial", "attribution_id": "T1",
     "content_start": 29, "content_end": 80, "cue_start": 19, "cue_end": 23, "speaker_start": 0, "speaker_end": 18},
]}]


def test_a_prediction_with_the_whole_content_span_is_an_exact_match():
    pred = {"a": [{"quote": "not run before May", "start": 45, "end": 63, "type": "partial", "attribution_id": "x1",
                   "content_start": 29, "content_end": 80, "cue_start": 19, "cue_end": 23,
                   "speaker_start": 0, "speaker_end": 18}]}
    report = score_content(GOLD, pred)
    assert (report.exact.tp, report.cue.tp, report.source.tp) == (1, 1, 1)


def test_the_quoted_fragment_alone_is_neither_exact_nor_a_half_overlap_of_the_content():
    pred = {"a": [{"quote": "not run before May", "start": 45, "end": 63, "type": "partial",
                   "cue_start": 19, "cue_end": 23, "speaker_start": 12, "speaker_end": 18}]}
    report = score_content(GOLD, pred)
    assert (report.exact.fp, report.exact.fn, report.overlap.tp) == (1, 1, 0)  # 18 of 51 characters
    assert (report.cue.tp, report.source.fp, report.source.fn) == (1, 1, 1)
