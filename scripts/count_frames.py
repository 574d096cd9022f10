"""Count prepositional argument frames of cues on PolNeAR train, for [attribution.cues.parc_frames.*].

    python scripts/count_frames.py [--gold ../shared/bench/polnear/polnear-train.jsonl] [--min-cue 5]

A frame is a verb with a preposition right after it (or after its particle) and that preposition's object
("talked about the wall", "pointed to the figures", "weighed in on the picks"): ``preposition``, keyed
"lemma preposition"; or a noun with a preposition and object whose holder is named ("his attacks on the
mayor", "voiced support for the plan"): ``noun_preposition``. For each key it prints, as TOML, [times the
frame is an annotated cue (the cue span holds the verb or noun) with its content on the object, times
the frame occurs], listed when a cue at least ``--min-cue`` times. Only counts and lemmas are printed:
no text of the articles (PolNeAR has no data licence).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import spacy

from quotes.attribution.nominal import noun_source
from quotes.attribution.parsed import ParsedArticle
from quotes.nlp.loader import default_model_name

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO.parent / "shared" / "bench" / "polnear" / "polnear-train.jsonl"


def frames(doc):
    """(kind, key, head token, object token) of every prepositional frame in ``doc``."""
    parsed = ParsedArticle(doc, 0, [])
    for tok in doc:
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.i < tok.i:
                continue
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None:
                continue
            between = doc[tok.i + 1 : prep.i]
            if tok.pos_ == "VERB" and all(t.dep_ == "prt" for t in between):
                yield "preposition", f"{tok.lemma_.lower()} {prep.lower_}", tok, obj
            elif tok.pos_ == "NOUN" and noun_source(tok, parsed) is not None:
                yield "noun_preposition", f"{tok.lemma_.lower()} {prep.lower_}", tok, obj


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--min-cue", type=int, default=5)
    parser.add_argument("--model", default=default_model_name(), help="spaCy model (default: the extractor's)")
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    articles = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    cue, seen = Counter(), Counter()
    for n, (article, doc) in enumerate(zip(articles, nlp.pipe(a["text"] for a in articles)), 1):
        units = [(q["cue_start"], q["cue_end"], q["content_start"], q["content_end"]) for q in article["quotes"]
                 if q.get("cue_start") is not None and q.get("content_start") is not None]
        for kind, key, head, obj in frames(doc):
            seen[kind, key] += 1
            h, o0, o1 = head.idx, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
            if any(c0 <= h < c1 and o0 - 1 <= s < o1 and e <= o1 + 2 for c0, c1, s, e in units):
                cue[kind, key] += 1
        if n % 100 == 0:
            print(f"{n}/{len(articles)} articles", file=sys.stderr)
    for kind in ("preposition", "noun_preposition"):
        print(f"[attribution.cues.parc_frames.{kind}]")
        for (k, key), count in sorted(cue.items(), key=lambda kv: kv[0][1]):
            if k == kind and count >= args.min_cue:
                print(f'"{key}" = [{count}, {seen[k, key]}]')
        print()


if __name__ == "__main__":
    main()
