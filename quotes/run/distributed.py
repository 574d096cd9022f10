"""Extraction on a Dask cluster (``quotes extract --scheduler ADDRESS``).

Chunks of articles go to the Dask workers; each worker builds its extractor once
(:func:`quotes.extractor.cached_extractor`) and sends back the quotes; the client stores them, so the
database never leaves this machine. ``local:N`` starts a LocalCluster of N worker processes here.
Workers need the same ``quotes`` version and spaCy model installed as the client.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from quotes.errors import DaskError
from quotes.extractor import Extraction, ExtractorSpec, extract_chunk
from quotes.model import Article
from quotes.run.local import ordered_results

_LOCAL = re.compile(r"local:(\d+)")
CONNECT_TIMEOUT_S = 20


@contextmanager
def dask_client(scheduler: str):
    """A ``dask.distributed.Client`` for ``scheduler`` (``tcp://host:8786`` or ``local:N``)."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    local = _LOCAL.fullmatch(scheduler.strip())
    try:
        if local:
            workers = int(local.group(1))
            if workers < 1:
                raise DaskError(f"{scheduler}: a local cluster needs at least one worker")
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
            client = Client(cluster)
        elif scheduler.startswith("local"):
            raise DaskError(f"{scheduler}: write local:N with a number of workers, e.g. local:4")
        else:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise DaskError(f"cannot use Dask scheduler {scheduler!r}: {' '.join(str(exc).split())}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def extract_on_dask(articles: list[Article], spec: ExtractorSpec, client) -> Iterator[Extraction]:
    """Extract ``articles`` on the client's workers; extractions come back in input order."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    return ordered_results(
        lambda chunk: client.submit(extract_chunk, spec, chunk, pure=False), articles, spec.batch_size,
        window=2 * workers,
    )
