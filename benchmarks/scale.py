"""The archive at scale: the read commands, export, an ingest and Datasette pages on N quotes.

Builds (once, cached) a database of ``--quotes N`` quotes (default 1,000,000) from real extractions
(:mod:`scale_build`), then times, over ``--runs`` repeats (median and p95):

* library calls in this process: ``lookup`` (a phrase that hits, a fuzzy near-miss, a miss), ``check``
  (verbatim, altered, said by someone else), ``speaker``, ``clusters``;
* the whole commands (``quotes lookup ...`` as a new process: start, imports, open, query, print);
* ``quotes export --csv`` of every row: rows/s and the peak resident memory of the process;
* ``--ingest N`` new articles (PolNeAR train, else the bundled examples, under new ids) extracted by
  ``quotes extract`` into a copy of the big database and into an empty one (words/s of each), and the
  first lookup after it (command and library call);
* Datasette pages over HTTP from a real ``quotes serve`` on 127.0.0.1 (a free port; stopped at the end):
  the quotes table, a facet, full-text search, the review queue, an article page, a speaker page and the
  quote list (each: the first visit, the seconds until its counts are complete, then median and p95),
  then the quotes table
  and quote list again after a change (whole-table counts are made again).

Results go to ``benchmarks/results/scale-N.json`` (``--json``) with the machine's load average.

    python benchmarks/scale.py --quotes 20000 --runs 5 --ingest 20   # a quick run
    python benchmarks/scale.py                                       # 1M quotes (build: ~10 min)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale_build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUOTES = str(Path(sys.executable).with_name("quotes"))
TRAIN = ROOT.parent / "shared" / "bench" / "polnear" / "polnear-train.jsonl"


def summary(times: list[float]) -> dict:
    """Median, p95 and max of ``times`` (seconds) in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1), "runs": len(ordered)}


def timed(call, runs: int) -> tuple[dict, object]:
    """Run ``call`` ``runs`` times; (summary, the last result)."""
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - t)
    return summary(times), result


def command(args: list[str], runs: int) -> dict:
    """The whole command as a new process, ``runs`` times after one untimed run: its wall time, exit status,
    peak memory. Python may write its bytecode caches, as on an installed copy (``PYTHONDONTWRITEBYTECODE``
    would compile every module of the package at each start)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([QUOTES, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times, peak, status = [], 0, None
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.Popen([QUOTES, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _pid, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - t)
        peak = max(peak, usage.ru_maxrss)
    return {**summary(times), "exit_status": os.waitstatus_to_exitcode(status), "peak_rss_mb": round(peak / 1024, 1)}


def probes(db_path: Path) -> dict:
    """Real phrases from the database: a repeated quote with its speaker, and a famous speaker's surname."""
    conn = sqlite3.connect(db_path)
    quote, speaker = conn.execute(
        "select q.text, s.name from quote_clusters c join quotes q on q.id = c.first_quote_id "
        "join speakers s on s.id = q.speaker_id where c.articles >= 3 and length(q.text) between 50 and 140 "
        "and q.type = 'direct' and s.kind = 'person' order by c.articles desc limit 1").fetchone()
    other = conn.execute("select s.name from speakers s join quotes q on q.speaker_id = s.id where s.kind = 'person' "
                         "and s.name != ? group by s.id order by count(*) desc limit 1", [speaker]).fetchone()[0]
    conn.close()
    words = quote.strip(" “”\"'.,").split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    altered = words[:longest] + ["never" if words[longest].lower() != "never" else "always"] + words[longest + 1:]
    typo = words[:longest] + [words[longest][:-2] + words[longest][-1:]] + words[longest + 1:]
    return {"quote": " ".join(words), "speaker": speaker, "other_speaker": other, "surname": speaker.split()[-1],
            "phrase": " ".join(words[:6]), "near_miss": " ".join(typo[max(0, longest - 3): longest + 3]),
            "miss": "zebra quartz marmalade", "altered": " ".join(altered)}


def library(db_path: Path, p: dict, runs: int) -> dict:
    from quotes import store
    from quotes.factcheck import check as checking
    from quotes.store import clusters

    db = store.open_db(db_path, create=False)
    calls = {
        "lookup_hit": lambda: clusters.lookup(db, p["phrase"]),
        "lookup_fuzzy": lambda: clusters.lookup(db, p["near_miss"]),
        "lookup_miss": lambda: clusters.lookup(db, p["miss"]),
        "check_verbatim": lambda: checking.check(db, p["quote"], p["speaker"]).verdict,
        "check_altered": lambda: checking.check(db, p["altered"], p["speaker"]).verdict,
        "check_other_speaker": lambda: checking.check(db, p["quote"], p["other_speaker"]).verdict,
        "speaker": lambda: sum(page.quotes for page in store.speaker_pages(db, p["surname"])),
        "clusters": lambda: len(clusters.repeated(db, limit=20)),
    }
    out = {}
    for name, call in calls.items():
        out[name], result = timed(call, runs)
        out[name]["result"] = len(result) if isinstance(result, list) else result
    db.close()
    return out


def commands(db_path: Path, p: dict, runs: int) -> dict:
    db = ["--db", str(db_path)]
    return {
        "help": command(["--help"], runs),
        "lookup_hit": command(["lookup", p["phrase"], *db], runs),
        "lookup_fuzzy": command(["lookup", p["near_miss"], *db], runs),
        "lookup_miss": command(["lookup", p["miss"], *db], runs),
        "check_verbatim": command(["check", p["quote"], "--speaker", p["speaker"], *db], runs),
        "check_altered": command(["check", p["altered"], "--speaker", p["speaker"], *db], runs),
        "check_other_speaker": command(["check", p["quote"], "--speaker", p["other_speaker"], *db], runs),
        "speaker": command(["speaker", p["surname"], *db], runs),
        "clusters": command(["clusters", "--limit", "20", *db], runs),
    }


def export(db_path: Path, rows: int, work: Path) -> dict:
    out = work / "export.csv"
    result = command(["export", "--csv", str(out), "--db", str(db_path)], 1)
    written = sum(1 for _ in open(out, encoding="utf-8-sig", newline="")) - 1  # lines; a quote may hold a newline
    seconds = result["median_ms"] / 1000
    out.unlink()
    return {"rows": rows, "lines": written, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds),
            "peak_rss_mb": result["peak_rss_mb"], "exit_status": result["exit_status"]}


def ingest(db_path: Path, articles: int, phrase: str, work: Path, runs: int, rounds: int = 3) -> dict:
    """``articles`` new articles into a copy of the big database and into an empty one, ``rounds`` times
    each, alternating (the machine's load shifts between runs): median seconds of each."""
    source = TRAIN if TRAIN.exists() else None
    lines = source.read_text(encoding="utf-8").splitlines() if source else []
    if not lines:
        lines = [json.dumps({"id": "ex", "text": (ROOT / "quotes/examples/harrowby-flood-barrier.txt").read_text()})]
    words = sum(len(json.loads(lines[i % len(lines)])["text"].split()) for i in range(articles))
    out: dict = {"articles": articles, "words": words, "rounds": rounds}
    big = work / "big.db"
    scale_build.copy_db(db_path, big)
    seconds: dict[str, list[float]] = {"into_empty": [], "into_big": []}
    status = 0
    for round_ in range(rounds):
        feed = work / f"new-{round_}.jsonl"  # new ids each round: each is an ingest of new articles
        with feed.open("w", encoding="utf-8") as handle:
            for i in range(articles):
                record = json.loads(lines[i % len(lines)])
                record["id"] = f"new-{round_}-{i}-{record.get('id', i)}"
                handle.write(json.dumps(record) + "\n")
        targets = (("into_empty", work / f"empty-{round_}.db"), ("into_big", big))
        for name, target in targets if round_ % 2 == 0 else targets[::-1]:
            t = time.perf_counter()
            status = status or subprocess.run([QUOTES, "extract", str(feed), "--db", str(target)],
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
            seconds[name].append(time.perf_counter() - t)
    for name, times in seconds.items():
        middle = statistics.median(times)
        out[name] = {"seconds": round(middle, 1), "words_per_s": round(words / middle),
                     "all_seconds": [round(t, 1) for t in times], "exit_status": status}
    out["big_vs_empty"] = round(out["into_big"]["words_per_s"] / out["into_empty"]["words_per_s"], 3)
    out["first_lookup_command"] = command(["lookup", phrase, "--db", str(big)], 1)
    from quotes import store
    from quotes.store import clusters

    subprocess.run([QUOTES, "extract", str(feed), "--db", str(big), "--force"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)  # again, so that the library call is the first read after it
    db = store.open_db(big, create=False)
    out["first_lookup_library"], _ = timed(lambda: clusters.lookup(db, phrase), 1)
    out["next_lookups_library"], _ = timed(lambda: clusters.lookup(db, phrase), runs)
    db.close()
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def web(db_path: Path, p: dict, runs: int, limit_s: float = 600) -> dict:
    """Pages from a real ``quotes serve`` on 127.0.0.1, stopped at the end (at most ``limit_s``)."""
    port, name = free_port(), db_path.stem
    conn = sqlite3.connect(db_path)
    quote_id = conn.execute("select id from quotes where type = 'direct' limit 1").fetchone()[0]
    conn.close()
    word = p["phrase"].split()[-1]
    pages = {
        "quotes_table": f"/{name}/quotes", "facet_speaker": f"/{name}/quotes?_facet=speaker_id",
        "search": f"/{name}/quotes?_search={urllib.request.quote(word)}",
        "review_queue": f"/{name}/unreviewed_quotes", "article_page": f"/-/article?quote={quote_id}",
        "speaker_page": f"/{name}/speaker_page?speaker={urllib.request.quote(p['surname'])}",
        "quote_list": f"/{name}/quote_list",
    }
    server = subprocess.Popen([QUOTES, "serve", "--db", str(db_path), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started, out = time.monotonic(), {}
    try:
        while time.monotonic() - started < 60:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        for page, path in pages.items():
            out[page] = visits(port, path, runs, started + limit_s)
        bump_generation(db_path)  # as any write does: the kept counts are made again
        for page in ("quotes_table", "quote_list"):
            out[f"{page}_after_a_change"] = visits(port, pages[page], runs, started + limit_s)
    finally:
        server.terminate()
        server.wait(10)
    return out


def fetch(port: int, path: str) -> tuple[float, object, bytes]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
            return time.perf_counter() - t, response.status, response.read()
    except OSError as exc:
        return time.perf_counter() - t, str(exc), b""


def visits(port: int, path: str, runs: int, until: float, settle_s: float = 120) -> dict:
    """The first visit of ``path``, the seconds until the page is complete (no facet or count marked as timed
    out: whole-table counts are made in the background, at most ``settle_s``), then ``runs`` timed fetches
    (until the monotonic time ``until``): median, p95, status, whether the last page was complete."""
    first, status, body = fetch(port, path)
    started = time.monotonic()
    while b"timed out" in body and time.monotonic() - started < settle_s:
        time.sleep(0.5)
        _, status, body = fetch(port, path)
    complete_after = round(time.monotonic() - started, 1)
    times = []
    for _ in range(runs):
        if time.monotonic() > until:
            break
        elapsed, status, body = fetch(port, path)
        times.append(elapsed)
    if not times:
        return {"path": path, "first_ms": round(first * 1000, 1)}
    return {**summary(times), "first_ms": round(first * 1000, 1), "complete_after_s": complete_after,
            "path": path, "status": status, "complete": b"timed out" not in body}


def bump_generation(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("update quote_changes set generation = generation + 1 where id = 2")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000, help="quotes in the database")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "quotes-scale",
                        help="where the seed extraction and the built databases are kept")
    parser.add_argument("--runs", type=int, default=15, help="repeats of each library call and page")
    parser.add_argument("--command-runs", type=int, default=5, help="repeats of each whole command")
    parser.add_argument("--ingest", type=int, default=1000, help="new articles to ingest (0: skip)")
    parser.add_argument("--no-web", action="store_true", help="skip the Datasette pages")
    parser.add_argument("--only", help="comma-separated parts to run: library,commands,export_csv,web,ingest")
    parser.add_argument("--json", type=Path, help="result file (default benchmarks/results/scale-N.json)")
    args = parser.parse_args()
    db_path = args.cache / f"scale-{args.quotes}.db"
    built = None
    if not db_path.exists():
        built = scale_build.build(db_path, args.quotes, args.cache)
    conn = sqlite3.connect(db_path)
    held = {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("quotes", "articles", "speakers", "quote_clusters")}
    conn.close()
    p = probes(db_path)
    result = {"machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "load_before": os.getloadavg()},
              "database": {**held, "path": str(db_path), "build": built}, "probes": p}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, run in (("library", lambda: library(db_path, p, args.runs)),
                          ("commands", lambda: commands(db_path, p, args.command_runs)),
                          ("export_csv", lambda: export(db_path, held["quotes"], work)),
                          ("web", lambda: None if args.no_web else web(db_path, p, args.runs)),
                          ("ingest", lambda: ingest(db_path, args.ingest, p["phrase"], work, args.runs)
                           if args.ingest else None)):
            if args.only and name not in args.only.split(","):
                continue
            print(f"{name}...", file=sys.stderr, flush=True)
            result[name] = run()
            result["machine"][f"load_after_{name}"] = os.getloadavg()
            print(json.dumps(result[name], indent=1), file=sys.stderr)
    target = args.json or ROOT / "benchmarks" / "results" / f"scale-{args.quotes}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
