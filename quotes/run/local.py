"""Extraction on several processes of this machine (``quotes extract --workers N``).

Articles go to the workers in chunks; each worker builds its extractor once
(:func:`quotes.extractor.cached_extractor`) and sends back only the quotes. Results come back in
input order, so the parent stores exactly what a single process would.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from quotes.errors import WorkerError
from quotes.extractor import Extraction, ExtractorSpec, extract_chunk
from quotes.model import Article, Quote


def ordered_results(
    submit: Callable[[list[Article]], object], articles: list[Article], chunk_size: int, window: int
) -> Iterator[Extraction]:
    """Submit chunks of ``articles`` (at most ``window`` in flight) and yield their extractions in
    input order. ``submit(chunk)`` returns a future whose ``result()`` is one quote list per article."""
    chunks = iter([articles[i : i + chunk_size] for i in range(0, len(articles), chunk_size)])
    pending = deque((chunk, submit(chunk)) for chunk in islice(chunks, max(1, window)))
    while pending:
        chunk, future = pending.popleft()
        quotes: list[list[Quote] | str] = future.result()
        following = next(chunks, None)
        if following is not None:
            pending.append((following, submit(following)))
        for article, found in zip(chunk, quotes, strict=True):
            yield Extraction(article, [], error=found) if isinstance(found, str) else Extraction(article, found)


def extract_parallel(articles: list[Article], spec: ExtractorSpec, workers: int) -> Iterator[Extraction]:
    """Extract ``articles`` on ``workers`` fresh processes (spawned: safe beside threads)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            yield from ordered_results(
                lambda chunk: pool.submit(extract_chunk, spec, chunk), articles, spec.batch_size, 2 * workers
            )
        except BrokenProcessPool:
            raise WorkerError("a worker process died (out of memory?); try fewer --workers") from None
