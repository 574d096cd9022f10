"""Build a newsroom-sized quotes database from real extractions (for ``benchmarks/scale.py``).

The seed is a real extraction: the bundled examples and, when present, PolNeAR dev
(``../shared/bench/polnear/polnear-dev.jsonl``), extracted once by ``quotes extract`` into a seed
database kept outside the repository (``--cache``). The big database copies the seed's articles, quotes,
speakers and name forms under new ids until it holds N quotes, so that it looks like a year of a
newsroom:

* **wire copies**: copies come in *families* (one story); a family's copies carry the same text in
  1 to 10 outlets (most stories in one, a few in many), published within days of each other, so the
  same quote appears in several outlets (the clusters);
* **stories differ**: each family rewrites about a third of the words (the same letters rotated, so every
  offset stays right and ``text[start:end]`` is still each quote), so quotes of different families are
  different quotes with a realistic share of common words;
* **speakers**: a speaker quoted often in the seed (a politician, a ministry) stays the same person in
  every copy; the others are new people every 25 copies (their surnames rewritten the same way).
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_INPUTS = [ROOT / "quotes" / "examples", ROOT.parent / "shared" / "bench" / "polnear" / "polnear-dev.jsonl"]
OUTLETS = ["Northsound Herald", "Calder Evening Post", "Harrowby Gazette", "Kestrel Daily", "Brightmoor Wire",
           "Oskarvik Tidende", "The Lindqvist Ledger", "Coastal Courier", "Fenwick Times", "Marwick Mercury",
           "Quayside Chronicle", "Upland Observer", "Vance Valley News", "Solano Sentinel", "Achter Bulletin",
           "Harbour Morning", "Riverside Record", "Eastfield Echo", "Westmarch Journal", "Dunmore Dispatch"]
FAMILY_SIZES = [(1, 0.62), (2, 0.16), (3, 0.08), (4, 0.05), (6, 0.05), (10, 0.04)]  # outlets per story
FAMOUS_MIN_QUOTES = 5  # a seed speaker with this many quotes is the same person in every copy
SPEAKER_GROUP = 25  # other speakers are new people every this many copies
_WORD = re.compile(r"[A-Za-z]{4,}")


def seed_db(cache: Path) -> Path:
    """The seed database: the real extraction of :data:`SEED_INPUTS`, made once and kept in ``cache``."""
    cache.mkdir(parents=True, exist_ok=True)
    inputs = [str(p) for p in SEED_INPUTS if p.exists()]
    stamp = hashlib.sha1("\n".join(inputs).encode()).hexdigest()[:10]
    path = cache / f"seed-{stamp}.db"
    if not path.exists():
        tmp = path.with_suffix(".tmp.db")
        tmp.unlink(missing_ok=True)
        print(f"extracting the seed ({', '.join(inputs)}) once into {path}", file=sys.stderr)
        quotes = Path(sys.executable).with_name("quotes")
        subprocess.run([str(quotes), "extract", *inputs, "--db", str(tmp)], check=True,
                       stdout=subprocess.DEVNULL)
        tmp.rename(path)
    return path


def rewrite(text: str, family: int) -> str:
    """``text`` with about a third of its words (of four letters or more) rotated, chosen by ``family``;
    family 0 is the text as it is. Length and every offset are kept."""
    if family == 0:
        return text

    def turn(m: re.Match) -> str:
        word = m.group()
        if hashlib.blake2b(f"{family}:{word.lower()}".encode(), digest_size=2).digest()[0] % 3:
            return word
        shift = 1 + family % (len(word) - 1)
        turned = word[shift:] + word[:shift]
        return "".join(c.upper() if o.isupper() else c.lower() for c, o in zip(turned, word))

    return _WORD.sub(turn, text)


def families(copies: int, rng: random.Random) -> list[int]:
    """The family (story) of each copy: consecutive copies of one story, sizes drawn from FAMILY_SIZES."""
    sizes, weights = zip(*FAMILY_SIZES)
    out, family = [], 0
    while len(out) < copies:
        out += [family] * rng.choices(sizes, weights)[0]
        family += 1
    return out[:copies]


def build(path: Path, quotes_wanted: int, cache: Path, seed: int = 12) -> dict:
    """Make the database at ``path`` with about ``quotes_wanted`` quotes; returns what it holds."""
    from quotes import store
    from quotes.store import clusters

    started = time.perf_counter()
    source = sqlite3.connect(seed_db(cache))
    source.row_factory = sqlite3.Row
    articles = [dict(r) for r in source.execute("select * from articles order by id")]
    quotes = [dict(r) for r in source.execute("select * from quotes order by article_id, start")]
    speakers = {r["id"]: dict(r) for r in source.execute("select * from speakers")}
    aliases = [dict(r) for r in source.execute("select * from speaker_aliases")]
    counts: dict[str, int] = {}
    for q in quotes:
        if q["speaker_id"]:
            counts[q["speaker_id"]] = counts.get(q["speaker_id"], 0) + 1
    famous = {sid for sid, n in counts.items() if n >= FAMOUS_MIN_QUOTES}
    copies = max(1, -(-quotes_wanted // max(1, len(quotes))))
    rng = random.Random(seed)
    family_of = families(copies, rng)
    by_article: dict[str, list[dict]] = {}
    for q in quotes:
        by_article.setdefault(q["article_id"], []).append(q)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = store.open_db(path)
    db.execute("PRAGMA synchronous=OFF")
    written = 0
    for k in range(copies):
        family = family_of[k]
        day = (family * 7919) % 365
        batch_articles, batch_quotes, batch_speakers, batch_aliases = [], [], {}, []

        speaker_of = functools.partial(_copy_speaker, k=k, famous=famous, speakers=speakers, made=batch_speakers)
        for a in articles:
            aid = f"{a['id']}~{k}"
            text = rewrite(a["text"], family)
            published = f"2025-{1 + (day // 31) % 12:02d}-{1 + (day + rng.randrange(3)) % 28:02d}"
            batch_articles.append(dict(a, id=aid, text=text, title=rewrite(a["title"] or "", family) or None,
                                       publisher=OUTLETS[(k * 7 + family) % len(OUTLETS)], published=published,
                                       content_hash=hashlib.sha1(text.encode()).hexdigest()))
            for q in by_article.get(a["id"], []):
                sentence = q["sentence"]
                batch_quotes.append(dict(q, id=f"{q['id']}~{k}", article_id=aid, text=text[q["start"]:q["end"]],
                                         sentence=rewrite(sentence, family) if sentence else sentence,
                                         speaker_id=speaker_of(q["speaker_id"])))
        for al in aliases:
            batch_aliases.append(dict(al, speaker_id=speaker_of(al["speaker_id"]),
                                      article_id=f"{al['article_id']}~{k}"))
        with db.atomic():
            db["articles"].insert_all(batch_articles, pk="id")
            db["speakers"].insert_all([s for s in speakers.values() if s["id"] in famous] if k == 0 else [],
                                      pk="id", ignore=True)
            db["speakers"].insert_all(batch_speakers.values(), pk="id", ignore=True)
            db["quotes"].insert_all(batch_quotes, pk="id")
            db["speaker_aliases"].insert_all(batch_aliases, pk=("speaker_id", "alias", "article_id"), replace=True)
        written += len(batch_quotes)
        if k % 50 == 0:
            print(f"  copy {k + 1}/{copies}: {written:,} quotes ({time.perf_counter() - started:.0f} s)",
                  file=sys.stderr)
    with db.atomic():
        n_clusters = clusters.refresh(db)
    db.execute("ANALYZE")
    stats = {"quotes": db["quotes"].count, "articles": db["articles"].count, "speakers": db["speakers"].count,
             "clusters": n_clusters, "copies": copies, "families": family_of[-1] + 1,
             "seed_articles": len(articles), "seed_quotes": len(quotes),
             "build_s": round(time.perf_counter() - started, 1)}
    db.close()
    return stats


def _copy_speaker(sid: str | None, k: int, famous: set[str], speakers: dict[str, dict],
                  made: dict[str, dict]) -> str | None:
    """The speaker id of seed speaker ``sid`` in copy ``k``: the same for a famous one, else one new person
    per :data:`SPEAKER_GROUP` copies (added to ``made``)."""
    if sid is None or sid in famous:
        return sid
    new = f"{sid}~{k // SPEAKER_GROUP}"
    if new not in made:
        row = dict(speakers[sid], id=new)
        words = row["name"].split()
        if row["kind"] == "person" and k >= SPEAKER_GROUP and words:
            words[-1] = rewrite(words[-1], 1 + k // SPEAKER_GROUP) or words[-1]
            row["name"] = " ".join(words)
        made[new] = row
    return new


def copy_db(source: Path, target: Path) -> None:
    """A copy of a built database (checkpointed first), to ingest into without touching the original."""
    conn = sqlite3.connect(source)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)
