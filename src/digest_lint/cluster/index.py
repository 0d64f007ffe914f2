"""``index build --dask``: the archive's files read and parsed by Dask workers.

Each partition task reads its files, hashes them and parses their citations with
:func:`digest_lint.gate.index.read_entry` (what a local build does per file); the client
takes the entries in input order and writes the SQLite index itself, in the one
transaction of :meth:`digest_lint.gate.index.CitationIndex.update`.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from typing import Any

from distributed import Client, Future

from digest_lint.cluster.check import locate, windowed
from digest_lint.cluster.client import Settings, engines, worker_engine, workers_of
from digest_lint.cluster.plan import WINDOW_PER_WORKER, partition_size
from digest_lint.engine.engine import Engine
from digest_lint.gate.index import IndexEntry, read_entry


def index_partition(settings: Settings, items: list[tuple[str, str]]) -> list[IndexEntry]:
    """The index entries of ``items`` (``(path, location)``), read on a worker."""
    engine = worker_engine(settings)
    return [read_entry(engine, path, None, location) for path, location in items]


def entries_on_cluster(
    client: Client, engine: Engine, files: list[str], size: int | None = None
) -> Iterator[IndexEntry]:
    """Every file's :class:`IndexEntry`, in the order of ``files``."""
    settings = Settings.of(engine)
    workers = workers_of(client)
    size = size or partition_size(len(files), workers)
    items = [(f, locate(f)) for f in files]
    run = uuid.uuid4().hex[:12]

    def submit(p: int) -> Future[Any]:
        batch = items[p * size : (p + 1) * size]
        return client.submit(index_partition, settings, batch, key=f"digest-lint-index-{run}-{p}")

    count = math.ceil(len(files) / size)
    with engines(client, settings):
        for entries in windowed(count, workers * WINDOW_PER_WORKER, submit, lambda: None):
            yield from entries
