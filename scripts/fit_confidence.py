"""Fit the confidence model (quotes/attribution/confidence.py) and write its coefficients.

    python scripts/fit_confidence.py                      # PolNeAR train -> quotes/lexicon/confidence.json
    python scripts/fit_confidence.py --dev ../shared/bench/polnear/polnear-dev.jsonl   # also report dev AUC

Runs the extractor over the training gold (PolNeAR train, beside the repository in shared/), matches
its quotes to the gold units exactly as ``quotes evaluate`` does (quotes.evaluate.scoring), labels each
matched attributed quote right or wrong by its speaker mention, and fits an L2-regularised logistic
regression (Newton's method, numpy) on the structural evidence of how each speaker was found. Only the
coefficients are written: no text and no word of the articles (PolNeAR has no data licence).
Deterministic: the same code and data give the same file byte for byte. ``--cache DIR`` keeps the
extracted quotes with their evidence in a folder outside the repository (it holds article text, so it is
refused inside), to refit in seconds while the extraction code and lexicon are unchanged. Options:
``--help``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from quotes.attribution import confidence
from quotes.evaluate import SCORED_TYPES, auc, load_gold, parse_types, score
from quotes.evaluate.reliability import format_reliability, reliability
from quotes.extractor import PACKAGE, Extractor, extraction_modules, extractor_version
from quotes.lexicon import CONFIDENCE_MODEL_PATH, LEXICON_PATH
from quotes.model import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "bench" / "polnear"


def evidence_version() -> str:
    """What the extracted evidence depends on: the extraction code and lexicon, not the coefficients."""
    digest = hashlib.sha1(extractor_version().rpartition(" code ")[0].encode())  # model and coreference
    for name in extraction_modules():
        path = PACKAGE.joinpath(*name.split("."))
        digest.update((path.with_suffix(".py") if path.with_suffix(".py").is_file() else path / "__init__.py")
                      .read_bytes())
    digest.update(LEXICON_PATH.read_bytes())
    return digest.hexdigest()[:12]


def predict(gold_path: Path, batch_size: int, limit: int | None, cache: Path | None) -> tuple[list, dict]:
    """The gold articles and the extractor's quotes for each, with their evidence (``{id: [quote]}``)."""
    gold = load_gold(gold_path)[:limit]
    cached = cache / f"{gold_path.stem}-{limit or 'all'}.predictions.json" if cache else None
    version = evidence_version()
    if cached is not None and cached.is_file():
        data = json.loads(cached.read_text(encoding="utf-8"))
        if data["version"] == version:
            print(f"{gold_path.name}: predictions from {cached}", file=sys.stderr)
            return gold, data["predictions"]
    confidence.install(confidence.Model())  # the evidence does not depend on the coefficients being fitted
    extractor = Extractor(batch_size=batch_size)
    started = time.monotonic()
    articles = [Article(id=g["id"], text=g["text"], title=g.get("title")) for g in gold]
    predictions = {}
    for n, e in enumerate(extractor.extract_many(articles), start=1):
        if e.error:
            print(f"{e.article.id}: {e.error}", file=sys.stderr)
        predictions[e.article.id] = [dict(q.as_output(), evidence=q.evidence) for q in e.quotes]
        if n % 100 == 0:
            print(f"  {gold_path.name}: {n}/{len(articles)} articles, {time.monotonic() - started:.0f} s",
                  file=sys.stderr)
    confidence.install(None)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps({"version": version, "predictions": predictions}), encoding="utf-8")
    return gold, predictions


def labelled(gold: list, predictions: dict, types: tuple[str, ...]) -> list[tuple[dict | None, bool]]:
    """(evidence, or None when unattributed; speaker right) of every matched quote with a gold speaker,
    matched and judged by quotes.evaluate.scoring exactly as ``quotes evaluate --types`` does."""
    report = score(gold, predictions, types=types)
    return [(p["evidence"] if p.get("speaker") is not None else None, right) for p, right in report.labelled]


def known_features(rows: list[dict], min_count: int) -> list[str]:
    """Feature names fitted: the numbers and the categories seen at least ``min_count`` times."""
    counts = Counter(name for ev in rows for name in confidence.features(ev))
    return sorted(name for name, n in counts.items() if "=" not in name or n >= min_count)


def fit(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (IRLS); the bias is not penalised."""
    n, k = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(k + 1)
    penalty = np.full(k + 1, l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-a @ w))
        gradient = a.T @ (p - y) + penalty * w
        hessian = (a * (p * (1 - p))[:, None]).T @ a + np.diag(penalty) + 1e-9 * np.eye(k + 1)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return w[:-1], float(w[-1])


def train(rows: list[tuple[dict | None, bool]], l2: float, min_count: int) -> tuple[confidence.Model, dict]:
    """The fitted model and what it was fitted on (counts, no text)."""
    attributed = [(ev, right) for ev, right in rows if ev is not None]
    names = known_features([ev for ev, _ in attributed], min_count)
    column = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(attributed), len(names)))
    for r, (ev, _) in enumerate(attributed):
        for name, value in confidence.features(ev).items():
            if name in column:  # a rare category is left at the baseline, as an unknown one is at run time
                x[r, column[name]] = value
    y = np.array([float(right) for _, right in attributed])
    # standardised for the fit, so that one penalty suits every feature; folded back into raw weights
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    w, b = fit((x - mean) / scale, y, l2)
    raw = w / scale
    bias = b - float(raw @ mean)
    weights = {name: round(float(v), 6) for name, v in zip(names, raw)}
    # the baseline of every category: a rule the fit never saw (or saw too rarely) weighs nothing; with
    # the penalty shrinking every known rule towards 0, that is close to an average rule
    weights.update({f"{key}={confidence.OTHER}": 0.0 for key in confidence.CATEGORICAL})
    weights.update({f"{a}*{b}={confidence.OTHER}": 0.0 for a, b in confidence.CROSSED})
    model = confidence.Model(weights, round(bias, 6))
    return model, {"quotes": len(attributed), "right": int(y.sum()), "wrong": int(len(y) - y.sum())}


def scored(model: confidence.Model, rows: list[tuple[dict | None, bool]]) -> list[tuple[float, bool]]:
    """(confidence, right) as ``quotes evaluate`` scores them: an unattributed quote has confidence 0."""
    return [(round(model.probability(ev), 3) if ev is not None else 0.0, right) for ev, right in rows]


def cross_validated(gold: list, predictions: dict, types: tuple[str, ...],
                    args: argparse.Namespace) -> float | None:
    """Mean AUC over ``args.folds`` folds of the training articles (a fixed shuffle: reproducible)."""
    ids = sorted(g["id"] for g in gold)
    random.Random(0).shuffle(ids)
    areas = []
    for k in range(args.folds):
        held = set(ids[k :: args.folds])
        fitted, _ = train(labelled([g for g in gold if g["id"] not in held], predictions, types), args.l2,
                          args.min_count)
        areas.append(auc(scored(fitted, labelled([g for g in gold if g["id"] in held], predictions, types))))
    known = [a for a in areas if a is not None]
    return sum(known) / len(known) if known else None


def _area(area: float | None) -> str:
    return "n/a" if area is None else f"{area:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=SHARED / "polnear-train.jsonl",
                        help="training gold, PolNeAR format (default: %(default)s)")
    parser.add_argument("--dev", type=Path, default=None,
                        help="also report AUC and the reliability table on this gold file (never fitted on)")
    parser.add_argument("--output", type=Path, default=CONFIDENCE_MODEL_PATH,
                        help="coefficients file to write (default: %(default)s); '-' prints it")
    parser.add_argument("--types", default=",".join(SCORED_TYPES), help="quote types fitted on (default: %(default)s)")
    parser.add_argument("--l2", type=float, default=30.0,
                        help="L2 penalty on standardised weights (default: 30; 5-fold cross-validation on train "
                             "is flat from 3 to 100)")
    parser.add_argument("--min-count", type=int, default=10,
                        help="a rule seen fewer times in training counts as 'other' (default: 10)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N training articles (a quick try)")
    parser.add_argument("--batch-size", type=int, default=16, help="spaCy batch size (default: 16)")
    parser.add_argument("--folds", type=int, default=0,
                        help="also print the K-fold cross-validated AUC on the training articles (default: off)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder outside the repository to keep extracted evidence in (refits skip extraction "
                             "while the extractor version is unchanged)")
    args = parser.parse_args(argv)
    types = parse_types(args.types)
    if args.cache is not None and args.cache.resolve().is_relative_to(REPO):
        parser.error("--cache must be outside the repository: it holds extracted article text")
    gold, predictions = predict(args.train, args.batch_size, args.limit, args.cache)
    rows = labelled(gold, predictions, types)
    model, fitted = train(rows, args.l2, args.min_count)
    train_auc = auc(scored(model, rows))
    print(f"fitted on {fitted['quotes']} attributed quotes ({fitted['right']} right, {fitted['wrong']} wrong), "
          f"{len(model.weights)} features; train AUC {_area(train_auc)}", file=sys.stderr)
    data = {
        "about": "Confidence model of quotes (quotes/attribution/confidence.py): logistic-regression coefficients "
                 "over structural evidence only. Written by scripts/fit_confidence.py; do not edit by hand.",
        "fitted_on": {"gold": args.train.name, "types": list(types), "l2": args.l2, "min_count": args.min_count,
                      "limit": args.limit, **fitted, "train_auc": None if train_auc is None else round(train_auc, 4)},
        "bias": model.bias,
        "weights": dict(sorted(model.weights.items())),
    }
    if args.folds > 1:
        print(f"{args.folds}-fold cross-validated AUC on {args.train.name}: "
              f"{_area(cross_validated(gold, predictions, types, args))}", file=sys.stderr)
    text = json.dumps(data, indent=1, sort_keys=False) + "\n"
    if str(args.output) == "-":
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    if args.dev is not None:
        dev_gold, dev_predictions = predict(args.dev, args.batch_size, None, args.cache)
        for wanted in (("direct", "partial"), SCORED_TYPES):
            pairs = scored(model, labelled(dev_gold, dev_predictions, wanted))
            area = auc(pairs)
            print(f"{args.dev.name} ({', '.join(wanted)}): AUC {_area(area)} over {len(pairs)} quotes", file=sys.stderr)
            print("\n".join(format_reliability(reliability(pairs))), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
