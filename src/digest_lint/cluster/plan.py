"""How a cluster run is cut: partitions of articles, groups of corpus keys, buckets.

Pure functions and data (no Dask here): what a partition task returns and how the corpus
rules' records are hashed into buckets and gathered back into groups, the same on every
machine and testable in one process.
"""

from __future__ import annotations

import dataclasses
import math
import pickle
import zlib
from dataclasses import dataclass
from typing import Any

from digest_lint.engine.engine import Engine
from digest_lint.engine.runner import FileResult

#: Largest partition (articles per task).
PARTITION_MAX = 250
#: Partitions per worker when the archive is small enough to cut finer.
PARTITIONS_PER_WORKER = 8
#: Partitions in flight per worker (submitted, not yet taken by the client).
WINDOW_PER_WORKER = 4
#: Articles whose corpus records one group task holds.
GROUP_ARTICLES = 10_000

#: A member of a key's group: (article's index in the run, record's index in the
#: article, path, record).
Member = tuple[int, int, str, Any]


def partition_size(articles: int, workers: int) -> int:
    return max(1, min(PARTITION_MAX, math.ceil(articles / (workers * PARTITIONS_PER_WORKER))))


def group_count(articles: int) -> int:
    return max(1, math.ceil(articles / GROUP_ARTICLES))


def bucket_of(key: str, groups: int) -> int:
    """The group of a key: the same on every machine (Python's ``hash`` is salted)."""
    return zlib.crc32(key.encode("utf-8")) % groups


@dataclass
class Checked:
    """One partition checked: its results (no summaries) and its corpus buckets."""

    results: list[FileResult]
    buckets: list[bytes]


def pack(engine: Engine, first: int, results: list[FileResult], groups: int) -> Checked:
    """A partition's results (article ``first`` onwards) without their corpus summaries,
    which become ``(code, key, article, record number, path, record)`` in ``groups``
    compressed buckets by key."""
    buckets: list[list[tuple[str, str, int, int, str, Any]]] = [[] for _ in range(groups)]
    kept: list[FileResult] = []
    for i, result in enumerate(results):
        if groups and result.summaries:
            for seq, (code, key, record) in enumerate(engine.corpus_keys(result.summaries)):
                row = (code, key, first + i, seq, result.path, record)
                buckets[bucket_of(key, groups)].append(row)
        kept.append(dataclasses.replace(result, summaries={}))
    packed = [zlib.compress(pickle.dumps(b, pickle.HIGHEST_PROTOCOL), 1) for b in buckets]
    return Checked(kept, packed)


def group_members(*buckets: bytes) -> list[tuple[str, str, list[Member]]]:
    """Every ``(code, key)`` of one group (its bucket of every partition, in any order)
    with its members in run order: articles in input order, then their records'."""
    groups: dict[tuple[str, str], list[Member]] = {}
    for packed in buckets:
        for code, key, order, seq, path, record in pickle.loads(zlib.decompress(packed)):
            groups.setdefault((code, key), []).append((order, seq, path, record))
    out: list[tuple[str, str, list[Member]]] = []
    for (code, key), members in groups.items():
        members.sort(key=lambda m: (m[0], m[1]))
        out.append((code, key, members))
    return out
