"""Where a run keeps the corpus rules' records until the end: bucketed by key, on disk.

A corpus rule (DL106: one source cited by two articles) can only judge once every article
has been read, so each article leaves ``(code, key, record)`` rows behind
(:meth:`~digest_lint.engine.engine.Engine.corpus_keys`). Held as objects, they would make
a run's memory grow with the archive (about 5 KB an article). :class:`CorpusSpool`
hashes each row into one of G buckets by key (G grows with the run: one bucket per
10,000 articles), writes full buckets to a temporary file as compressed chunks and, at
the end, reads back one bucket at a time: every record of a key is in the same bucket,
so each key's group is complete while memory holds one bucket, not the archive.

The same buckets serve a cluster run (:mod:`digest_lint.cluster`), where partitions are
cut on the workers and gathered per group by a task: :func:`pack_rows`,
:func:`group_members` and :func:`bucket_of` are shared, so both give each key its members
in run order (articles in input order, then each article's records in order).
"""

from __future__ import annotations

import math
import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from digest_lint.engine.store import Spool

#: Articles whose records one bucket holds (the memory of the final group step).
GROUP_ARTICLES = 10_000
#: Rows a bucket gathers in memory before they are written out as one chunk.
CHUNK_ROWS = 2_000

#: A member of a key's group: (article's index in the run, record's index in the
#: article, path, record).
Member = tuple[int, int, str, Any]
#: A spooled row: (code, key, article's index, record's index, path, record).
Row = tuple[str, str, int, int, str, Any]
Keys = Callable[[dict[str, Any]], Iterable[tuple[str, str, Any]]]


def group_count(articles: int) -> int:
    """Buckets for a run of ``articles``: one per :data:`GROUP_ARTICLES`."""
    return max(1, math.ceil(articles / GROUP_ARTICLES))


def bucket_of(key: str, groups: int) -> int:
    """The bucket of a key: the same on every machine (Python's ``hash`` is salted)."""
    return zlib.crc32(key.encode("utf-8")) % groups


def pack_rows(rows: list[Row]) -> bytes:
    """Rows as one compressed chunk."""
    return zlib.compress(pickle.dumps(rows, pickle.HIGHEST_PROTOCOL), 1)


def group_members(*chunks: bytes) -> list[tuple[str, str, list[Member]]]:
    """Every ``(code, key)`` of one bucket (its chunks, in any order) with its members in
    run order: articles in input order, then their records'."""
    return group_rows(row for packed in chunks for row in pickle.loads(zlib.decompress(packed)))


def group_rows(rows: Iterable[Row]) -> list[tuple[str, str, list[Member]]]:
    """:func:`group_members` of rows not packed."""
    groups: dict[tuple[str, str], list[Member]] = {}
    for code, key, order, seq, path, record in rows:
        groups.setdefault((code, key), []).append((order, seq, path, record))
    out: list[tuple[str, str, list[Member]]] = []
    for (code, key), members in groups.items():
        members.sort(key=lambda m: (m[0], m[1]))
        out.append((code, key, members))
    return out


class CorpusSpool:
    """The corpus records of one run, in buckets by key, spooled to a temporary file.

    ``keys`` turns one article's corpus summaries into ``(code, key, record)`` rows;
    ``articles`` is the size of the run (it sets the number of buckets). Articles are
    added in input order; :meth:`groups` then yields every key's group, one bucket at a
    time.
    """

    def __init__(self, keys: Keys, articles: int, chunk_rows: int | None = None) -> None:
        self._keys = keys
        self.buckets = group_count(articles)
        self._chunk_rows = chunk_rows or CHUNK_ROWS
        self._pending: list[list[Row]] = [[] for _ in range(self.buckets)]
        self._chunks: list[list[tuple[int, int]]] = [[] for _ in range(self.buckets)]
        self._spool = Spool()
        self._articles = 0

    def add(self, path: str, summaries: dict[str, Any]) -> None:
        """The next article's corpus summaries (in input order)."""
        order = self._articles
        self._articles += 1
        for seq, (code, key, record) in enumerate(self._keys(summaries)):
            b = bucket_of(key, self.buckets)
            pending = self._pending[b]
            pending.append((code, key, order, seq, path, record))
            if len(pending) >= self._chunk_rows:
                self._flush(b)

    def _flush(self, b: int) -> None:
        if not self._pending[b]:
            return
        self._chunks[b].append(self._spool.write(pack_rows(self._pending[b])))
        self._pending[b] = []

    def groups(self) -> Iterator[tuple[str, str, list[Member]]]:
        """Every ``(code, key, members)``, bucket by bucket (members in run order)."""
        for b in range(self.buckets):
            rows, self._pending[b] = self._pending[b], []
            chunks, self._chunks[b] = self._chunks[b], []
            for at in chunks:
                rows.extend(pickle.loads(zlib.decompress(self._spool.read(at))))
            yield from group_rows(rows)

    def close(self) -> None:
        self._spool.close()
