"""Content-level scores, the granularity of published PolNeAR results (CofeNet): one unit per annotated
attribution (its whole Content span, ``content_start``/``content_end``, grouped by ``attribution_id``).

A predicted unit is an attribution of the output (quotes sharing an ``attribution_id``; a quote without
one is its own unit) spanning its ``content_start``..``content_end`` (else its quote offsets), its source
``source_start``..``source_end`` (else the speaker mention's). Content is
scored exact (same span) and by overlap (mutual 50%, as quotes are); cue and source spans are scored exact
over the units that have one, each span once per attribution. Pairing is one-to-one per article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotes.evaluate.scoring import MIN_OVERLAP, Counts

Unit = tuple[int, int, tuple[int, int] | None, tuple[int, int] | None]  # content start, end, cue, source


@dataclass
class ContentReport:
    articles: int = 0
    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)
    cue: Counts = field(default_factory=Counts)
    source: Counts = field(default_factory=Counts)


def _span(row: dict, start: str, end: str) -> tuple[int, int] | None:
    return (row[start], row[end]) if row.get(start) is not None and row.get(end) is not None else None


def gold_units(quotes: list[dict]) -> list[Unit]:
    """One unit per gold attribution id (the first fragment's content, cue and source spans)."""
    seen: dict[str, Unit] = {}
    for q in quotes:
        key = str(q.get("attribution_id", id(q)))
        if key not in seen:
            start = q.get("content_start", q["start"])
            end = q.get("content_end", q["end"])
            seen[key] = (start, end, _span(q, "cue_start", "cue_end"), _span(q, "speaker_start", "speaker_end"))
    return list(seen.values())


def predicted_units(quotes: list[dict]) -> list[Unit]:
    """One unit per predicted attribution; terms and titles claim no content."""
    seen: dict[object, Unit] = {}
    for n, q in enumerate(quotes):
        if q.get("type") in ("term", "title"):
            continue
        key = q.get("attribution_id") or ("quote", n)
        if key not in seen:
            start = q.get("content_start", q["start"])
            end = q.get("content_end", q["end"])
            source = _span(q, "source_start", "source_end") or _span(q, "speaker_start", "speaker_end")
            seen[key] = (start, end, _span(q, "cue_start", "cue_end"), source)
    return list(seen.values())


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    ov = min(a[1], b[1]) - max(a[0], b[0])
    return ov > 0 and ov >= MIN_OVERLAP * (a[1] - a[0]) and ov >= MIN_OVERLAP * (b[1] - b[0])


def _count(counts: Counts, preds: list[tuple[int, int]], golds: list[tuple[int, int]], exact: bool) -> None:
    free = list(golds)
    for p in preds:
        hit = next((g for g in free if (g == p if exact else _overlaps(p, g))), None)
        if hit is None:
            counts.fp += 1
        else:
            counts.tp += 1
            free.remove(hit)
    counts.fn += len(free)


def score_content(gold_articles: list[dict], predictions: dict[str, list[dict]]) -> ContentReport:
    report = ContentReport()
    for article in gold_articles:
        report.articles += 1
        golds = gold_units(article.get("quotes", []))
        preds = predicted_units(predictions.get(article["id"], []))
        _count(report.exact, [u[:2] for u in preds], [u[:2] for u in golds], exact=True)
        _count(report.overlap, [u[:2] for u in preds], [u[:2] for u in golds], exact=False)
        _count(report.cue, [u[2] for u in preds if u[2]], [u[2] for u in golds if u[2]], exact=True)
        _count(report.source, [u[3] for u in preds if u[3]], [u[3] for u in golds if u[3]], exact=True)
    return report


def format_content(report: ContentReport, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"articles: {report.articles} (content level: one unit per attribution)")
    lines.append(f"{'':<18}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    for name, c in (("content exact", report.exact), ("content overlap", report.overlap),
                    ("cue exact", report.cue), ("source exact", report.source)):
        lines.append(f"{name:<18}{100 * c.precision:>7.1f}{100 * c.recall:>7.1f}{100 * c.f1:>7.1f}"
                     f"{c.tp:>6}{c.fp:>6}{c.fn:>6}")
    return "\n".join(lines)


def content_as_dict(report: ContentReport) -> dict:
    row = lambda c: {"p": round(100 * c.precision, 1), "r": round(100 * c.recall, 1),  # noqa: E731
                     "f1": round(100 * c.f1, 1), "tp": c.tp, "fp": c.fp, "fn": c.fn}
    return {"articles": report.articles, "content_exact": row(report.exact),
            "content_overlap": row(report.overlap), "cue_exact": row(report.cue), "source_exact": row(report.source)}
