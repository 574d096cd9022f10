"""Gold files and predictions: reading them (one-line JobErrors for any problem) and running the
extractor on gold articles to score it (:mod:`quotes.evaluate.scoring`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quotes.errors import JobError
from quotes.evaluate.scoring import Report, score
from quotes.ingest import json_lines, parse_json_line
from quotes.model import QUOTE_TYPES, Article

if TYPE_CHECKING:
    from quotes.extractor import Extractor, ExtractorSpec


def read_jsonl(path: str | Path, required: tuple[str, ...]) -> list[dict]:
    """JSON objects, one per line, each with the ``required`` fields; JobError on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise JobError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise JobError(f"{path}: is a folder, not a JSON Lines file") from None
    except UnicodeDecodeError as exc:
        raise JobError(f"{path}: not valid UTF-8 (undecodable byte at position {exc.start})") from None
    except OSError as exc:
        raise JobError(f"{path}: cannot read file ({exc.strerror or exc})") from None
    records = []
    # JSON allows U+2028, U+0085... raw inside strings: only a newline ends a line
    for number, line in enumerate(json_lines(text), start=1):
        if not line.strip():
            continue
        try:
            record = parse_json_line(line)
        except ValueError as exc:
            raise JobError(f"{path}:{number}: {exc}") from None
        if not isinstance(record, dict):
            raise JobError(f"{path}:{number}: expected a JSON object per line")
        missing = [name for name in required if name not in record]
        if missing:
            raise JobError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        records.append(record)
    if not records:
        raise JobError(f"{path}: empty file, no JSON lines")
    return records


def load_gold(path: str | Path) -> list[dict]:
    """Gold articles (``{"id", "text", "quotes": [...]}`` per line) as :func:`score` takes them."""
    gold = read_jsonl(path, ("id", "text", "quotes"))
    for record in gold:
        record["id"] = str(record["id"])
    return gold


def load_predictions(path: str | Path) -> dict[str, list[dict]]:
    """A ``quotes extract --format jsonl`` file as ``{article id: quotes}``."""
    return {str(r["id"]): r["quotes"] for r in read_jsonl(path, ("id", "quotes"))}


def parse_types(value: str) -> tuple[str, ...]:
    """``"direct,partial"`` -> ``("direct", "partial")``; JobError on an unknown type."""
    types = tuple(t.strip() for t in value.split(",") if t.strip())
    unknown = [t for t in types if t not in QUOTE_TYPES]
    if unknown or not types:
        raise JobError(f"unknown quote type(s) {', '.join(unknown) or '(none)'}; use {', '.join(QUOTE_TYPES)}")
    return types


def predict_gold(gold: list[dict], extractor: Extractor | ExtractorSpec, workers: int = 1) -> dict[str, list[dict]]:
    """Run the extractor on each gold article's text, under the gold article's id; ``workers`` > 1 runs it on
    that many processes of this machine (the same predictions, in the same order)."""
    from quotes.extractor import ExtractorSpec, cached_extractor

    articles = [
        Article(id=g["id"], text=g["text"], title=g.get("title"), publisher=g.get("publisher"),
                published=g.get("published"))
        for g in gold
    ]
    if workers > 1 and len(articles) > 1:
        from quotes.run.local import extract_parallel

        spec = extractor if isinstance(extractor, ExtractorSpec) else extractor.spec
        extractions = extract_parallel(articles, spec, min(workers, len(articles)))
    else:
        one = cached_extractor(extractor) if isinstance(extractor, ExtractorSpec) else extractor
        extractions = one.extract_many(articles)
    return {e.article.id: [q.as_output(e.article.id) for q in e.quotes] for e in extractions}


def evaluate_gold(gold: list[dict], extractor: Extractor | ExtractorSpec, types: tuple[str, ...],
                  workers: int = 1) -> Report:
    return score(gold, predict_gold(gold, extractor, workers), types=types)
