"""The citation index: which archived article cites which source (SQLite).

``digest-lint index build ARCHIVE_DIR --db FILE`` records every article's citations
(normalised URL as in DL105/DL106, the URL as written, 公開日, file, summary text);
``index update`` re-reads the archive and re-parses only files whose content hash changed
(and forgets deleted ones); ``check --index FILE`` makes DL106 report a source that an
indexed article other than the checked one already cites.

The database runs in WAL mode, so readers (``check --index``) never block on a writer
and see the last committed index. ``build`` and ``update`` write in one transaction: a
crash or an error part-way leaves the previous index as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from digest_lint.engine.runner import internal_error
from digest_lint.io.sources import InputError, decode
from digest_lint.model.messages import EditorError, Message, Said, said

if TYPE_CHECKING:
    from digest_lint.engine.engine import Engine

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    path TEXT PRIMARY KEY,
    hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS citations (
    path TEXT NOT NULL,
    url_key TEXT NOT NULL,
    url TEXT NOT NULL,
    published TEXT,
    summary TEXT NOT NULL,
    line INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS citations_by_key ON citations (url_key);
CREATE INDEX IF NOT EXISTS citations_by_path ON citations (path);
"""


#: What the index says to editors, in each language.
MESSAGES = {
    "missing": Message(
        ja="索引がありません（`digest-lint index build` で作ってください）",
        en="no such index (build it with `digest-lint index build`)",
    ),
    "not-index": Message(
        ja="digest-lint の引用索引ではありません（{reason}）",
        en="not a digest-lint citation index ({reason})",
    ),
}


class CitationIndexError(EditorError):
    """A problem with the index file (missing, not an index, locked, corrupt)."""

    def __init__(self, path: str, what: Said | str) -> None:
        super().__init__(path, what)
        self.path = path


@dataclass
class Citation:
    url_key: str
    url: str
    published: str | None
    summary: str
    line: int


@dataclass
class UpdateStats:
    scanned: int = 0
    parsed: int = 0
    unchanged: int = 0
    removed: int = 0
    citations: int = 0
    errors: list[InputError] = field(default_factory=list)


def _real(path: str) -> str:
    return os.path.realpath(path)


def display_path(real: str) -> str:
    """A stored (absolute) path as people want to read it: relative to here if below."""
    rel = os.path.relpath(real)
    return real if rel.startswith("..") else rel


def citations_of(engine: Engine, path: str, text: str) -> list[Citation]:
    """The citations of one article, as DL106 sees them."""
    from digest_lint.io.sources import SourceText
    from digest_lint.knowledge.publishers import normalize_url

    tracking = engine.knowledge.publishers.tracking_params
    article = engine.parse(SourceText(path, text))
    out: list[Citation] = []
    for card in article.cards:
        cite = card.citation
        if cite is None or not cite.url or cite.url_span is None:
            continue
        summary = "\n".join(b.body for b in card.summary_blocks())
        out.append(
            Citation(
                url_key=normalize_url(cite.url, tracking),
                url=cite.url,
                published=card.date.isoformat() if card.date else None,
                summary=summary,
                line=cite.url_span.line,
            )
        )
    return out


@dataclass
class IndexEntry:
    """One file as the index records it: read, hashed, its citations parsed."""

    path: str
    digest: str = ""
    citations: list[Citation] | None = None
    """None when the file is unchanged (its hash is the indexed one) or not indexed."""
    error: InputError | None = None


def read_entry(
    engine: Engine, path: str, known: str | None = None, location: str | None = None
) -> IndexEntry:
    """Read ``path`` (at ``location``, if given) and parse its citations, unless its
    content hash is ``known``. Reading and parsing errors are the entry's ``error``."""
    try:
        with open(location or path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return IndexEntry(path, error=InputError(path, exc.strerror or str(exc)))
    digest = hashlib.sha256(raw).hexdigest()
    if known == digest:
        return IndexEntry(path, digest)
    try:
        source = decode(path, raw)
    except InputError as exc:
        return IndexEntry(path, digest, error=exc)
    try:
        cites = citations_of(engine, path, source.text) if source.text.strip() else []
    except sqlite3.Error:
        raise  # the database itself: the whole update rolls back
    except Exception as exc:  # a bug on this article: index the others
        return IndexEntry(
            path,
            digest,
            error=InputError(path, f"not indexed: internal error: {internal_error(exc)}"),
        )
    return IndexEntry(path, digest, cites)


class CitationIndex:
    """An open citation index."""

    def __init__(self, path: str, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # ------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: str, create: bool = False) -> CitationIndex:
        if not create and not os.path.isfile(path):
            raise CitationIndexError(path, said(MESSAGES["missing"]))
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 30000")
            if create:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.executescript(_SCHEMA)
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise CitationIndexError(path, said(MESSAGES["not-index"], reason=str(exc))) from None
        if row is None or row[0] != SCHEMA_VERSION:
            what = said(MESSAGES["not-index"], reason="unknown schema")
            raise CitationIndexError(path, what)
        return cls(path, conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> CitationIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ reading
    def citing(self, url_key: str) -> list[str]:
        """Paths (absolute) of the indexed articles that cite ``url_key``."""
        rows = self.conn.execute(
            "SELECT DISTINCT path FROM citations WHERE url_key = ? ORDER BY path", (url_key,)
        )
        return [r[0] for r in rows]

    def citations(self, path: str) -> list[Citation]:
        rows = self.conn.execute(
            "SELECT url_key, url, published, summary, line FROM citations WHERE path = ?"
            " ORDER BY line",
            (_real(path),),
        )
        return [Citation(*r) for r in rows]

    def roots(self) -> list[str]:
        """The archive directories the index was built from."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'roots'").fetchone()
        return list(json.loads(row[0])) if row else []

    def count(self) -> tuple[int, int]:
        """``(articles, citations)`` in the index."""
        articles = self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        cites = self.conn.execute("SELECT count(*) FROM citations").fetchone()[0]
        return articles, cites

    def view(self, run_paths: Iterable[str]) -> IndexView:
        return IndexView(self, run_paths)

    # ------------------------------------------------------------ writing
    def update(
        self,
        engine: Engine,
        files: list[str],
        *,
        rebuild: bool = False,
        prune_under: list[str] | None = None,
        roots: list[str] | None = None,
        progress: Callable[[int], object] | None = None,
        entries: Iterable[IndexEntry] | None = None,
    ) -> UpdateStats:
        """Index ``files``: re-parse those whose content changed, in one transaction.

        ``rebuild`` forgets everything first; ``prune_under`` forgets indexed articles
        below these directories that are no longer among ``files``; ``roots`` are recorded
        as the archive directories (``index update`` without arguments re-reads them).
        ``entries`` are the files already read (:func:`read_entry`, e.g. on a cluster),
        one per file in ``files``' order; without them each file is read here.
        """
        stats = UpdateStats()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            if rebuild:
                conn.execute("DELETE FROM citations")
                conn.execute("DELETE FROM articles")
            known = dict(conn.execute("SELECT path, hash FROM articles"))
            present: set[str] = set()
            if entries is None:
                entries = (read_entry(engine, path, known.get(_real(path))) for path in files)
            for entry in entries:
                stats.scanned += 1
                real = _real(entry.path)
                present.add(real)
                if entry.error is not None:
                    stats.errors.append(entry.error)
                elif entry.citations is None:
                    stats.unchanged += 1
                else:
                    conn.execute("DELETE FROM citations WHERE path = ?", (real,))
                    conn.execute(
                        "INSERT OR REPLACE INTO articles VALUES (?, ?)", (real, entry.digest)
                    )
                    conn.executemany(
                        "INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?)",
                        [
                            (real, c.url_key, c.url, c.published, c.summary, c.line)
                            for c in entry.citations
                        ],
                    )
                    stats.parsed += 1
                if progress:
                    progress(1)
            for root in prune_under or []:
                prefix = _real(root).rstrip(os.sep) + os.sep
                for real in [p for p in known if p.startswith(prefix) and p not in present]:
                    conn.execute("DELETE FROM citations WHERE path = ?", (real,))
                    conn.execute("DELETE FROM articles WHERE path = ?", (real,))
                    stats.removed += 1
            if roots:
                known_roots = [] if rebuild else self.roots()
                merged = list(dict.fromkeys([*known_roots, *(_real(r) for r in roots)]))
                conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('roots', ?)", (json.dumps(merged),)
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        stats.citations = self.count()[1]
        return stats


class IndexView:
    """The index as one run's DL106 sees it: the run's own files under the run's names."""

    def __init__(self, index: CitationIndex, run_paths: Iterable[str]) -> None:
        self.index = index
        self._names = {_real(p): p for p in run_paths if not p.startswith("<")}

    def citing(self, url_key: str) -> list[str]:
        return [self._names.get(p) or display_path(p) for p in self.index.citing(url_key)]
