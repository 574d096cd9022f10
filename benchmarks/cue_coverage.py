"""How much of a PolNeAR split's cue mass the cue lexicon covers.

Parses each article body with the extractor's pipeline, takes the syntactic head of every annotated cue
span and counts the attributions (and units) whose head lemma the lexicon knows: a reported-clause,
object or infinitive verb (quotes.attribution.cues, learnt frames included), a content or claim noun,
or "according to".

    python benchmarks/cue_coverage.py ../shared/bench/polnear/polnear-dev.jsonl [--top 30]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from quotes.attribution import cues
from quotes.extractor import Extractor, _prepare
from quotes.model import Article

VERBS = cues.COMPLEMENT_VERBS | cues.CORE_VERBS | cues.OBJECT_CONTENT_VERBS | cues.INFINITIVE_CONTENT_VERBS
NOUNS = cues.CONTENT_NOUNS | cues.STATEMENT_NOUNS


def cue_heads(path: str) -> tuple[Counter, Counter]:
    """(attributions, units) per cue head (coarse part of speech, lemma)."""
    records = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    prepared = [_prepare(Article(id=str(r["id"]), text=r["text"])) for r in records]
    nlp = Extractor(coref=False).nlp
    attributions, units = Counter(), Counter()
    for record, (doc, p) in zip(records, nlp.pipe(((p[1], p) for p in prepared), as_tuples=True)):
        base, seen = p[2], set()
        for q in record["quotes"]:
            if q.get("cue_start") is None:
                continue
            span = doc.char_span(q["cue_start"] - base, q["cue_end"] - base, alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root.head if span.root.lower_ == "to" and span.root.head.lower_ == "according" else span.root
            key = ("VERB" if head.pos_ == "AUX" else head.pos_, head.lemma_.lower() if head.lower_ != "according"
                   else "according")
            units[key] += 1
            if q["attribution_id"] not in seen:
                seen.add(q["attribution_id"])
                attributions[key] += 1
    return attributions, units


def covered(key: tuple[str, str]) -> bool:
    pos, lemma = key
    return lemma == "according" or pos == "VERB" and lemma in VERBS or pos == "NOUN" and lemma in NOUNS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", help="converted PolNeAR JSON Lines file")
    parser.add_argument("--top", type=int, default=0, help="list this many uncovered cue heads")
    args = parser.parse_args()
    attributions, units = cue_heads(args.split)
    for name, counts in (("attributions", attributions), ("units", units)):
        total = sum(counts.values())
        hit = sum(n for k, n in counts.items() if covered(k))
        print(f"{name} with a cue: {total}; head lemma in the lexicon: {hit} ({100 * hit / max(total, 1):.1f}%)")
    if args.top:
        missing = [(key, n) for key, n in attributions.most_common() if not covered(key)][: args.top]
        print("uncovered:", ", ".join(f"{lemma}/{pos} {n}" for (pos, lemma), n in missing))


if __name__ == "__main__":
    main()
