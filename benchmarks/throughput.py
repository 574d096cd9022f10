"""Throughput of ``quotes extract`` against raw spaCy parsing, in the same run.

For each corpus size it times, in one process, taking turns every 25 articles (``--interleave``) so
that both sides see the same machine load, and alternating which goes first:

* raw: ``nlp.pipe`` over the full article texts with the extractor's own spaCy pipeline;
* end to end: :func:`quotes.run.batch.extract_batch` into a fresh SQLite database (body detection,
  quote marks, parse, coreference fallback, attribution, speaker identity, batched store);
* rerun: the same call over the same, unchanged corpus (content-hash skip);

and reports words/s, articles/s, the end-to-end/raw ratio, the rerun speed-up and the peak resident
memory of each phase (sampled, worker processes included). ``--profile N`` adds a cProfile breakdown
of where end-to-end time goes. Texts come from PolNeAR (``../shared/bench/polnear/polnear-train.jsonl``)
when present, else from generated articles; sizes beyond the corpus repeat it under new ids.

    python benchmarks/throughput.py --sizes 1,10,100,1000 --json bench.json
    python benchmarks/throughput.py --sizes 100 --workers 2 --profile 50
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil
import spacy

from quotes import store
from quotes.extractor import Extractor
from quotes.model import Article
from quotes.run import batch as jobs

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "bench" / "polnear" / "polnear-train.jsonl"


# -- corpus -------------------------------------------------------------------------------
def load_corpus(path: Path | None, generated: int = 200, seed: int = 7) -> tuple[str, list[Article]]:
    """(description, articles) from a JSON Lines file with ``text`` per line, else generated ones."""
    if path is not None and path.exists():
        articles = []
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                record = json.loads(line)
                articles.append(Article(id=str(record.get("id", number)), text=record["text"],
                                             title=record.get("title"), publisher=record.get("publisher")))
        return f"{path} ({len(articles)} articles)", articles
    rng = random.Random(seed)
    articles = [Article(id=f"generated-{i}", text=generated_article(rng)) for i in range(generated)]
    return f"generated text ({generated} articles, seed {seed})", articles


FIRST = ["Ada", "Bruno", "Carla", "Dmitri", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kaia", "Leon"]
LAST = ["Marwick", "Okonedo", "Lindqvist", "Achterberg", "Solano", "Brightmoor", "Quist", "Harrow", "Vance"]
ROLES = ["the mayor", "a spokesperson for the council", "the union leader", "the finance minister",
         "an analyst at Fenwick Partners", "the head teacher", "the harbour master"]
CLAIMS = ["the budget would not cover the repairs", "the vote came too late for the families",
          "the new line will open before the winter", "nobody had asked the residents",
          "prices are rising faster than wages", "the report left out the most important figures",
          "the company had met every safety rule", "the schools need more teachers, not more forms"]
FILLER = ["The plan was first proposed in the spring and has been revised twice since then.",
          "Officials expect the work to take at least eighteen months.",
          "Local businesses have been divided over the proposal.",
          "The committee will meet again next week to discuss the costs.",
          "Several residents attended the meeting on Tuesday evening."]


def generated_article(rng: random.Random, paragraphs: int = 14) -> str:
    """A news-like article with direct, partial and reported quotes from invented people."""
    people = [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(ROLES)) for _ in range(3)]
    lines = [f"{rng.choice(LAST)} council faces questions over {rng.choice(['bridge', 'school', 'harbour'])} plan"]
    for i in range(paragraphs):
        name, role = people[i % len(people)]
        claim = rng.choice(CLAIMS)
        kind = rng.randrange(4)
        if kind == 0:
            day = rng.choice(["Monday", "Friday"])
            lines.append(f"“{claim[0].upper()}{claim[1:]},” {name}, {role}, said on {day}.")
        elif kind == 1:
            lines.append(f"{name} said that {claim}. {rng.choice(FILLER)}")
        elif kind == 2:
            lines.append(f"“We cannot wait any longer,” she said. “{claim[0].upper()}{claim[1:]}.”")
        else:
            lines.append(f"{rng.choice(FILLER)} {name} called the decision “{rng.choice(CLAIMS)}”.")
        lines.append(" ".join(rng.sample(FILLER, 2)))
    return "\n\n".join(lines) + "\n"


def take(articles: list[Article], n: int) -> list[Article]:
    """The first ``n`` articles, the corpus repeated under new ids when ``n`` is larger."""
    out = []
    for i in range(n):
        base = articles[i % len(articles)]
        copy = i // len(articles)
        out.append(base if copy == 0 else Article(id=f"{base.id}~{copy + 1}", text=base.text, title=base.title,
                                                      publisher=base.publisher))
    return out


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


# -- measuring ----------------------------------------------------------------------------
class PeakMemory:
    """Peak resident memory (MiB) of this process and its children while the block runs."""

    def __init__(self, interval: float = 0.05):
        self.interval, self.peak, self._stop = interval, 0.0, threading.Event()

    def _rss(self) -> float:
        me = psutil.Process()
        total = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                total += child.memory_info().rss
            except psutil.Error:
                pass
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, self._rss())

    def __enter__(self):
        self.peak = self._rss()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._rss())


def time_raw(nlp, articles, batch_size: int) -> tuple[float, float]:
    with PeakMemory() as memory:
        start = time.perf_counter()
        for _doc in nlp.pipe((a.text for a in articles), batch_size=batch_size):
            pass
        seconds = time.perf_counter() - start
    return seconds, memory.peak


def time_extract(extractor, articles, db_path: Path, workers: int) -> tuple[float, float, dict]:
    db = store.open_db(db_path)
    counts = {"extracted": 0, "skipped": 0, "errors": 0, "quotes": 0}
    try:
        with PeakMemory() as memory:
            start = time.perf_counter()
            for result in jobs.extract_batch(articles, extractor if workers == 1 else extractor.spec, db,
                                             workers=workers):
                if isinstance(result, jobs.Skipped):
                    counts["skipped"] += 1
                elif isinstance(result, jobs.InputError):
                    counts["errors"] += 1
                else:
                    counts["extracted"] += 1
                    counts["quotes"] += len(result.quotes)
            seconds = time.perf_counter() - start
    finally:
        db.close()
    return seconds, memory.peak, counts


@dataclass
class Row:
    articles: int
    words: int
    raw_s: float
    extract_s: float
    rerun_s: float
    raw_words_per_s: float
    extract_words_per_s: float
    extract_articles_per_s: float
    ratio: float  # end-to-end words/s over raw words/s
    rerun_speedup: float
    raw_peak_mib: float
    extract_peak_mib: float
    quotes: int
    skipped_on_rerun: int


def measure(extractor: Extractor, articles: list[Article], workers: int, repeats: int, tmp: Path,
            interleave: int = 0) -> Row:
    """Best of ``repeats`` runs of each side. With ``interleave`` K (one worker only) each run goes
    K articles at a time, raw and end to end alternating, so both see the same machine load."""
    raw_times, extract_times, rerun_times, raw_peaks, extract_peaks = [], [], [], [], []
    counts: dict = {}
    step = interleave if interleave > 0 and workers == 1 else len(articles)
    for repeat in range(repeats):
        db_path = tmp / f"bench-{len(articles)}-{repeat}.db"
        raw_s = extract_s = raw_peak = extract_peak = 0.0
        counts = {"quotes": 0}
        for part_number, start in enumerate(range(0, len(articles), step)):
            part = articles[start : start + step]
            # alternate which side goes first, between parts and between repeats
            order = ("raw", "extract") if (part_number + repeat) % 2 == 0 else ("extract", "raw")
            for what in order:
                if what == "raw":
                    seconds, peak = time_raw(extractor.nlp, part, extractor.batch_size)
                    raw_s, raw_peak = raw_s + seconds, max(raw_peak, peak)
                else:
                    seconds, peak, part_counts = time_extract(extractor, part, db_path, workers)
                    extract_s, extract_peak = extract_s + seconds, max(extract_peak, peak)
                    counts["quotes"] += part_counts["quotes"]
        raw_times.append(raw_s)
        raw_peaks.append(raw_peak)
        extract_times.append(extract_s)
        extract_peaks.append(extract_peak)
        again, _peak, rerun_counts = time_extract(extractor, articles, db_path, workers)
        rerun_times.append(again)
        counts["skipped_on_rerun"] = rerun_counts["skipped"]
    n_words = words(articles)
    raw, extract, rerun = min(raw_times), min(extract_times), min(rerun_times)
    return Row(
        articles=len(articles), words=n_words, raw_s=round(raw, 3), extract_s=round(extract, 3),
        rerun_s=round(rerun, 4), raw_words_per_s=round(n_words / raw), extract_words_per_s=round(n_words / extract),
        extract_articles_per_s=round(len(articles) / extract, 2), ratio=round(raw / extract, 3),
        rerun_speedup=round(extract / rerun, 1), raw_peak_mib=round(max(raw_peaks)),
        extract_peak_mib=round(max(extract_peaks)), quotes=counts["quotes"],
        skipped_on_rerun=counts["skipped_on_rerun"],
    )


def time_cli_rerun(articles: list[Article], tmp: Path, workers: int) -> dict:
    """``quotes extract`` as a user runs it, twice over the same JSON Lines file: wall seconds of
    each run (process start, imports and reading included)."""
    corpus = tmp / "cli-corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for a in articles:
            handle.write(json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) + "\n")
    script = Path(sys.executable).with_name("quotes")
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from quotes.cli import app; app()"]
    command += ["extract", str(corpus), "--db", str(tmp / "cli.db"), "--format", "jsonl", "--output",
                str(tmp / "cli-out.jsonl"), "--workers", str(workers)]
    seconds = []
    for _run in range(2):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - start)
    return {"articles": len(articles), "words": words(articles), "first_s": round(seconds[0], 2),
            "rerun_s": round(seconds[1], 2), "speedup": round(seconds[0] / seconds[1], 1)}


# -- profile ------------------------------------------------------------------------------
STAGES = {  # stage: (file suffix, function name) whose cumulative time is the stage's
    "spaCy parse (nlp.pipe)": ("spacy/language.py", "pipe"),
    "coreferee windows": ("quotes/nlp/coref.py", "antecedent"),
    "attribution (extract_quotes)": ("quotes/attribution/assemble.py", "extract_quotes"),
    "body and quote marks (_prepare)": ("quotes/extractor.py", "_prepare"),
    "store (save_extractions)": ("quotes/store/write.py", "save_extractions"),
    "skip check (unchanged_ids)": ("quotes/store/write.py", "unchanged_ids"),
}


def profile(extractor: Extractor, articles: list[Article], tmp: Path, top: int = 12) -> dict:
    """Where end-to-end time goes: cumulative seconds per stage and the costliest functions."""
    db = store.open_db(tmp / "profile.db")
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    for _result in jobs.extract_batch(articles, extractor, db):
        pass
    profiler.disable()
    total = time.perf_counter() - start
    db.close()
    stats = pstats.Stats(profiler)
    cumulative: dict[str, float] = {}
    for (filename, _line, function), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        for stage, (suffix, name) in STAGES.items():
            if function == name and filename.endswith(suffix):
                cumulative[stage] = max(cumulative.get(stage, 0.0), ct)
    stages = dict(cumulative)
    # attribution's time includes the coreferee windows it asks for: report them apart
    attribution = "attribution (extract_quotes)"
    if attribution in stages:
        stages[attribution] -= stages.get("coreferee windows", 0.0)
    stages["other"] = max(0.0, stats.total_tt - sum(stages.values()))
    functions = sorted(
        ((tt, ct, nc, f"{Path(f).name}:{line}({fn})") for (f, line, fn), (_cc, nc, tt, ct, _c) in stats.stats.items()
         if "quotes/" in f or "spacy/tokens" in f),
        reverse=True,
    )[:top]
    return {
        "articles": len(articles), "words": words(articles), "wall_s": round(total, 3),
        "profiled_s": round(stats.total_tt, 3),
        "stages_s": {k: round(v, 3) for k, v in stages.items()},
        "top_functions_by_own_time": [
            {"function": name, "own_s": round(tt, 3), "cumulative_s": round(ct, 3), "calls": nc}
            for tt, ct, nc, name in functions
        ],
    }


# -- report -------------------------------------------------------------------------------
def machine() -> dict:
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(), "spacy": spacy.__version__, "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def print_table(rows: list[Row]) -> None:
    header = ("articles", "words", "raw w/s", "e2e w/s", "e2e art/s", "ratio", "raw s", "e2e s", "rerun s",
              "rerun x", "raw MiB", "e2e MiB", "quotes")
    print(" | ".join(header))
    print(" | ".join("-" * len(h) for h in header))
    for r in rows:
        print(" | ".join(str(v) for v in (
            r.articles, r.words, r.raw_words_per_s, r.extract_words_per_s, r.extract_articles_per_s,
            f"{r.ratio:.0%}", r.raw_s, r.extract_s, r.rerun_s, r.rerun_speedup, r.raw_peak_mib, r.extract_peak_mib,
            r.quotes)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=POLNEAR,
                        help="JSON Lines file with 'text' per line (default: PolNeAR train when present).")
    parser.add_argument("--generated", action="store_true", help="Use generated articles even if PolNeAR is there.")
    parser.add_argument("--sizes", default="1,10,100,1000", help="Comma-separated article counts.")
    parser.add_argument("--workers", type=int, default=1, help="Processes for end-to-end extraction.")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (both sides).")
    parser.add_argument("--repeats", type=int, default=1, help="Runs per size (best kept; order alternates).")
    parser.add_argument("--interleave", type=int, default=25, metavar="K",
                        help="Alternate raw and end to end every K articles (one worker; 0: whole runs).")
    parser.add_argument("--model", default=None, help="spaCy model (default: the extractor's default).")
    parser.add_argument("--no-coref", action="store_true", help="Without the coreferee fallback.")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="Also profile end to end on N articles.")
    parser.add_argument("--cli", type=int, default=0, metavar="N",
                        help="Also time 'quotes extract' on N articles, first run and unchanged rerun.")
    parser.add_argument("--json", type=Path, default=None, help="Write the results here as JSON.")
    args = parser.parse_args(argv)

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    described, corpus = load_corpus(None if args.generated else args.corpus)
    info = machine()
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB, Python {info['python']}, "
          f"spaCy {info['spacy']}; load average {info['load_average_at_start']}")
    extractor = Extractor(args.model, batch_size=args.batch_size, coref=not args.no_coref)
    print(f"corpus: {described}; extractor: {extractor.version}; pipeline: {', '.join(extractor.nlp.pipe_names)}; "
          f"workers: {args.workers}; batch size: {args.batch_size}; repeats: {args.repeats}; "
          f"interleave: {args.interleave if args.workers == 1 else 0}")
    list(extractor.extract_many(corpus[:2]))  # warm up: models, coreferee, caches
    rows = []
    with tempfile.TemporaryDirectory(prefix="quotes-bench-") as tmp:
        for size in sizes:
            rows.append(measure(extractor, take(corpus, size), args.workers, args.repeats, Path(tmp), args.interleave))
            print(f"  measured {size} articles", file=sys.stderr, flush=True)
        print()
        print_table(rows)
        result = {"machine": info, "corpus": described, "extractor": extractor.version, "workers": args.workers,
                  "batch_size": args.batch_size, "repeats": args.repeats,
                  "interleave": args.interleave if args.workers == 1 else 0, "rows": [asdict(r) for r in rows]}
        if args.cli:
            result["cli"] = cli = time_cli_rerun(take(corpus, args.cli), Path(tmp), args.workers)
            print(f"\nquotes extract on {cli['articles']} articles ({cli['words']} words): "
                  f"first run {cli['first_s']} s, unchanged rerun {cli['rerun_s']} s ({cli['speedup']}x faster)")
        if args.profile:
            result["profile"] = report = profile(extractor, take(corpus, args.profile), Path(tmp))
            print(f"\nprofile of end to end on {report['articles']} articles ({report['words']} words, "
                  f"{report['profiled_s']} s under cProfile):")
            for stage, seconds in report["stages_s"].items():
                print(f"  {stage:34} {seconds:8.2f} s  {seconds / report['profiled_s']:6.1%}")
            print("  costliest functions (own time):")
            for f in report["top_functions_by_own_time"]:
                print(f"    {f['own_s']:7.2f} s own {f['cumulative_s']:7.2f} s cum {f['calls']:>9} calls  "
                      f"{f['function']}")
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(f"\nload average at end: {result['machine']['load_average_at_end']}")
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
