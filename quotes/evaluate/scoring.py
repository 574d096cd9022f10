"""Score extracted quotes against gold files (``../shared/gold`` format or converted PolNeAR).

Matching: a prediction and a gold entry match when their spans overlap by at least half of each
(mutual 50% overlap); pairs are assigned greedily, same type first, largest overlap first; a gold
entry whose text occurs more than once may match an identical predicted quote at another occurrence
(gold offsets made with ``text.find`` point at the first one). Optional gold entries never count as
misses, and a prediction that matches only an optional entry is ignored. Predicted
``term``/``title`` entries claim no speaker: they count when they match a gold quote (with no
speaker) and are otherwise ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from quotes.evaluate.reliability import format_reliability, reliability
from quotes.lexicon import words

SCORED_TYPES = ("direct", "partial", "indirect")
MIN_OVERLAP = 0.5
# the pronoun line (mention-scored gold): quoted units whose gold Source mention is a personal pronoun
PRONOUN_TYPES = ("direct", "partial")
PERSONAL_PRONOUNS = words("pronouns.subject") | words("pronouns.first_second")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    by_type: dict[str, Counts] = field(default_factory=dict)
    quotes: Counts = field(default_factory=Counts)
    end_to_end: Counts = field(default_factory=Counts)
    speaker_right: int = 0
    speaker_total: int = 0
    errors: list[str] = field(default_factory=list)
    articles: int = 0
    # lenient figures: a bare surname (or "surname (unnamed)") counts as the person it names
    speaker_right_lenient: int = 0
    end_to_end_lenient: Counts = field(default_factory=Counts)
    # (confidence, speaker right) of every matched quote whose gold has a speaker: how well confidence ranks
    confidences: list[tuple[float, bool]] = field(default_factory=list)
    # the same quotes as (prediction, speaker right): what scripts/fit_confidence.py learns from
    labelled: list[tuple[dict, bool]] = field(default_factory=list)
    # mention-scored gold: matched direct/partial quotes whose gold Source is a personal pronoun ("he"),
    # and how many of them have the predicted mention on that pronoun
    pronoun_right: int = 0
    pronoun_total: int = 0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_total if self.speaker_total else 0.0

    @property
    def speaker_accuracy_lenient(self) -> float:
        return self.speaker_right_lenient / self.speaker_total if self.speaker_total else 0.0

    @property
    def confidence_auc(self) -> float | None:
        """The chance that a right attribution has a higher confidence than a wrong one (ties count half):
        the area under the ROC curve; None without both right and wrong attributions."""
        return auc(self.confidences)

    def as_dict(self) -> dict:
        row = lambda c: {"p": round(100 * c.precision, 1), "r": round(100 * c.recall, 1),  # noqa: E731
                         "f1": round(100 * c.f1, 1), "tp": c.tp, "fp": c.fp, "fn": c.fn}
        return {
            "articles": self.articles,
            "by_type": {t: row(c) for t, c in self.by_type.items()},
            "quotes": row(self.quotes),
            "speaker_accuracy": round(100 * self.speaker_accuracy, 1),
            "speaker_right": self.speaker_right,
            "speaker_total": self.speaker_total,
            "speaker_accuracy_lenient": round(100 * self.speaker_accuracy_lenient, 1),
            "speaker_right_lenient": self.speaker_right_lenient,
            "end_to_end": row(self.end_to_end),
            "end_to_end_lenient": row(self.end_to_end_lenient),
            "confidence_auc": None if self.confidence_auc is None else round(self.confidence_auc, 3),
            "reliability": [b.as_dict() for b in reliability(self.confidences)],
            "pronoun_mention_right": self.pronoun_right,
            "pronoun_total": self.pronoun_total,
        }


def auc(scored: list[tuple[float, bool]]) -> float | None:
    """Area under the ROC curve of ``(score, positive)`` pairs (Mann-Whitney, ties half); None when
    there are no positives or no negatives."""
    positives = sum(1 for _, right in scored if right)
    negatives = len(scored) - positives
    if not positives or not negatives:
        return None
    ranked = sorted(scored, key=lambda pair: pair[0])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mid_rank = (i + 1 + j) / 2  # ranks i+1 .. j share their mean
        rank_sum += mid_rank * sum(1 for _, right in ranked[i:j] if right)
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def normalise_speaker(name: str | None) -> str:
    if not name:
        return ""
    name = name.lower().replace("(unnamed)", "")
    name = re.sub(r"^(the|a|an)\s+", "", name.strip())
    return re.sub(r"[^\w\s]", "", name).strip()


def speaker_matches(pred: str | None, gold: str | None, surnames: Counter, lenient: bool = False) -> bool:
    """Whether a predicted canonical speaker is the gold one: the whole name (case, punctuation, a leading
    article and the "(unnamed)" mark aside). ``lenient`` also accepts a bare surname, or a full name
    for a gold surname, unless two people in the article share that surname."""
    p, g = normalise_speaker(pred), normalise_speaker(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if not lenient:
        return False
    p_words, g_words = p.split(), g.split()
    # a surname alone, unless two people in the article share it
    if p_words[-1] == g_words[-1] and (len(p_words) == 1 or len(g_words) == 1):
        return surnames[g_words[-1]] <= 1
    return False


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _matches(preds: list[dict], golds: list[dict]) -> dict[int, int]:
    """Greedy one-to-one matching; returns {pred index: gold index}."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            ov = _overlap(p, g)
            if ov <= 0:
                continue
            if ov < MIN_OVERLAP * (g["end"] - g["start"]) or ov < MIN_OVERLAP * (p["end"] - p["start"]):
                continue
            pairs.append((not _same_type(p, g), -ov, i, j))
    pairs.sort()
    taken_p: dict[int, int] = {}
    taken_g: set[int] = set()
    for _, _, i, j in pairs:
        if i in taken_p or j in taken_g:
            continue
        taken_p[i] = j
        taken_g.add(j)
    # Gold offsets made with text.find() point at the first occurrence of a repeated phrase:
    # an identical quote elsewhere in the text still matches.
    for j, g in enumerate(golds):
        if j in taken_g:
            continue
        for i, p in enumerate(preds):
            if i not in taken_p and p["quote"].strip() == g["quote"].strip() and p.get("type") == g.get("type"):
                taken_p[i] = j
                taken_g.add(j)
                break
    return taken_p


def score(
    gold_articles: list[dict],
    predictions: dict[str, list[dict]],
    types: tuple[str, ...] = SCORED_TYPES,
    mention_mode: bool | None = None,
) -> Report:
    """Score predictions ({article id: quotes as in the jsonl output}) against gold articles.

    ``mention_mode`` scores speakers on the mention span (PolNeAR); by default it is on when
    the gold carries ``speaker_start`` offsets.
    """
    report = Report()
    for t in types:
        report.by_type[t] = Counts()
    for article in gold_articles:
        _score_article(report, article, predictions.get(article["id"], []), types, mention_mode)
    return report


def _score_article(report: Report, article: dict, predicted: list[dict], types: tuple[str, ...],
                   mention_mode: bool | None) -> None:
    """Add one article's matches, misses, false positives and speaker errors to ``report``."""
    report.articles += 1
    article["text"]  # a gold article without its text is an error (KeyError), not an empty article
    gold_all = article.get("quotes", [])
    mention = mention_mode if mention_mode is not None else any("speaker_start" in g for g in gold_all)
    golds = [dict(g, optional=bool(g.get("optional")) or g["type"] not in types) for g in gold_all]
    preds = [p for p in predicted if p["type"] in types + ("term", "title")]
    surnames = Counter(
        normalise_speaker(n).split()[-1]
        for n in {g.get("speaker") for g in golds if g.get("speaker")}
        if normalise_speaker(n)
    )
    matched = _matches(preds, golds)
    for i, p in enumerate(preds):
        j = matched.get(i)
        if j is None:
            if p["type"] in types:
                _count_false_positive(report, article["id"], p)
        elif not golds[j]["optional"]:
            right = _speaker_right(p, golds[j], surnames, mention)
            lenient = right or _speaker_right(p, golds[j], surnames, mention, lenient=True)
            _count_match(report, article["id"], p, golds[j], right, lenient, mention)
    gold_hit = set(matched.values())
    for j, g in enumerate(golds):
        if not (g["optional"] or j in gold_hit):
            _count_miss(report, article["id"], g)
    # per-type recall counts matched gold of that type
    for i, j in matched.items():
        g, p = golds[j], preds[i]
        if not g["optional"] and g["type"] in report.by_type and not _same_type(p, g):
            report.by_type[g["type"]].fn += 1
            if p["type"] in report.by_type:
                report.by_type[p["type"]].fp += 1


def _same_type(pred: dict, gold: dict) -> bool:
    """A partial quote predicted as a term (or the other way round) still counts as its type."""
    return pred["type"] == gold["type"] or {pred["type"], gold["type"]} <= {"partial", "term"}


def _count_false_positive(report: Report, article_id: str, p: dict) -> None:
    report.quotes.fp += 1
    report.by_type[p["type"]].fp += 1
    report.end_to_end.fp += 1
    report.end_to_end_lenient.fp += 1
    report.errors.append(f"{article_id} FP {p['type']} {p['quote'][:70]!r} -> {p.get('speaker')}")


def _count_match(report: Report, article_id: str, p: dict, g: dict, right: bool, lenient: bool,
                 mention: bool) -> None:
    report.quotes.tp += 1
    if p["type"] in report.by_type and _same_type(p, g):
        report.by_type[p["type"]].tp += 1
    if g.get("speaker"):
        report.speaker_total += 1
        report.speaker_right += right
        report.speaker_right_lenient += lenient
        if p.get("confidence") is not None:
            report.confidences.append((float(p["confidence"]), right))
            report.labelled.append((p, right))
        if mention and g["type"] in PRONOUN_TYPES and g["speaker"].strip().lower() in PERSONAL_PRONOUNS:
            report.pronoun_total += 1
            report.pronoun_right += right
    _count_outcome(report.end_to_end_lenient, lenient)
    if right:
        report.end_to_end.tp += 1
        return
    report.end_to_end.fp += 1
    report.end_to_end.fn += 1
    want = g.get("speaker") if not mention else f"{g.get('speaker')} (mention)"
    got = p.get("speaker") if not mention else p.get("speaker_mention")
    report.errors.append(f"{article_id} SPEAKER {g['type']} {g['quote'][:60]!r}: {got!r} != {want!r}")


def _count_outcome(counts: Counts, right: bool) -> None:
    if right:
        counts.tp += 1
    else:
        counts.fp += 1
        counts.fn += 1


def _count_miss(report: Report, article_id: str, g: dict) -> None:
    report.quotes.fn += 1
    report.end_to_end.fn += 1
    report.end_to_end_lenient.fn += 1
    report.by_type[g["type"]].fn += 1
    report.errors.append(f"{article_id} MISS {g['type']} {g['quote'][:70]!r} ({g.get('speaker')})")


def _speaker_right(pred: dict, gold: dict, surnames: Counter, mention: bool, lenient: bool = False) -> bool:
    if not gold.get("speaker"):
        return not pred.get("speaker")
    if mention:
        if pred.get("speaker_start") is None or gold.get("speaker_start") is None:
            return False
        return pred["speaker_start"] < gold["speaker_end"] and gold["speaker_start"] < pred["speaker_end"]
    return speaker_matches(pred.get("speaker"), gold.get("speaker"), surnames, lenient)


def format_report(report: Report, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(f"articles: {report.articles}")
    lines.append(f"{'':<12}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}")
    rows = [(t, c) for t, c in report.by_type.items()] + [("all quotes", report.quotes)]
    for name, c in rows:
        lines.append(
            f"{name:<12}{100 * c.precision:>7.1f}{100 * c.recall:>7.1f}{100 * c.f1:>7.1f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"
        )
    lines.append(
        f"speaker accuracy on matched quotes: {100 * report.speaker_accuracy:.1f} "
        f"({report.speaker_right}/{report.speaker_total}); lenient (a shared surname counts): "
        f"{100 * report.speaker_accuracy_lenient:.1f} ({report.speaker_right_lenient}/{report.speaker_total})"
    )
    e, el = report.end_to_end, report.end_to_end_lenient
    lines.append(f"end-to-end (span + speaker): P {100 * e.precision:.1f} R {100 * e.recall:.1f} F1 {100 * e.f1:.1f}"
                 f"; lenient F1 {100 * el.f1:.1f}")
    wrong = sum(1 for _, right in report.confidences if not right)
    area = report.confidence_auc
    lines.append(f"confidence AUC (right vs wrong speaker): {'n/a' if area is None else f'{area:.3f}'} "
                 f"({len(report.confidences) - wrong} right, {wrong} wrong)")
    if report.pronoun_total:
        lines.append(f"pronoun sources (direct, partial): predicted mention on the pronoun "
                     f"{100 * report.pronoun_right / report.pronoun_total:.1f} "
                     f"({report.pronoun_right}/{report.pronoun_total})")
    lines.extend(format_reliability(reliability(report.confidences)))
    return "\n".join(lines)
