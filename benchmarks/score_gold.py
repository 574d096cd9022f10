"""Score a ``quotes extract --format jsonl`` prediction file against a gold file.

Usage: python benchmarks/score_gold.py PRED.jsonl GOLD.jsonl [--types direct,partial,indirect] [--errors] [--json]

Gold is ``../shared/gold`` format (one ``{"id", "text", "quotes"}`` article per line) or converted
PolNeAR (speaker mentions with offsets: speakers are then scored on the mention span).
Predictions for articles that are not in the gold file are ignored; a gold article with no
prediction line counts all its quotes as misses.
"""

from __future__ import annotations

import argparse
import json
import sys

from quotes.errors import JobError
from quotes.evaluate import SCORED_TYPES, format_report, load_gold, load_predictions, parse_types, score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions", help="quotes extract --format jsonl output")
    parser.add_argument("gold", help="gold JSON Lines file")
    parser.add_argument("--types", default=",".join(SCORED_TYPES), help="quote types to score, comma-separated")
    parser.add_argument("--errors", action="store_true", help="list misses, false positives and wrong speakers")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args(argv)
    try:
        types = parse_types(args.types)
        gold = load_gold(args.gold)
        predictions = load_predictions(args.predictions)
    except JobError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    report = score(gold, predictions, types=types)
    if args.json:
        data = report.as_dict()
        if args.errors:
            data["errors"] = report.errors
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(format_report(report, title=f"{args.predictions} vs {args.gold} ({', '.join(types)})"))
    if args.errors:
        print(f"\nerrors ({len(report.errors)}):")
        for line in report.errors:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
