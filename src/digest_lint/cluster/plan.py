"""How a cluster run is cut: partitions of articles, groups of corpus keys, buckets.

Pure functions and data (no Dask here): what a partition task returns and how the corpus
rules' records are hashed into buckets and gathered back into groups, the same on every
machine and testable in one process.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from digest_lint.engine.corpus import (
    GROUP_ARTICLES,
    Member,
    Row,
    bucket_of,
    group_count,
    group_members,
    pack_rows,
)
from digest_lint.engine.engine import Engine
from digest_lint.engine.runner import FileResult

__all__ = [
    "GROUP_ARTICLES",
    "PARTITIONS_PER_WORKER",
    "PARTITION_MAX",
    "WINDOW_PER_WORKER",
    "Checked",
    "Member",
    "bucket_of",
    "group_count",
    "group_members",
    "pack",
    "partition_size",
]

#: Largest partition (articles per task).
PARTITION_MAX = 250
#: Partitions per worker when the archive is small enough to cut finer.
PARTITIONS_PER_WORKER = 8
#: Partitions in flight per worker (submitted, not yet taken by the client).
WINDOW_PER_WORKER = 4


def partition_size(articles: int, workers: int) -> int:
    return max(1, min(PARTITION_MAX, math.ceil(articles / (workers * PARTITIONS_PER_WORKER))))


@dataclass
class Checked:
    """One partition checked: its results (no summaries) and its corpus buckets."""

    results: list[FileResult]
    buckets: list[bytes]


def pack(engine: Engine, first: int, results: list[FileResult], groups: int) -> Checked:
    """A partition's results (article ``first`` onwards) without their corpus summaries,
    which become ``(code, key, article, record number, path, record)`` in ``groups``
    compressed buckets by key."""
    buckets: list[list[Row]] = [[] for _ in range(groups)]
    kept: list[FileResult] = []
    for i, result in enumerate(results):
        if groups and result.summaries:
            for seq, (code, key, record) in enumerate(engine.corpus_keys(result.summaries)):
                row = (code, key, first + i, seq, result.path, record)
                buckets[bucket_of(key, groups)].append(row)
        kept.append(dataclasses.replace(result, summaries={}))
    return Checked(kept, [pack_rows(b) for b in buckets])
