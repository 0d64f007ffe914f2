"""The citation index: build, update by content hash, DL106 against it, crash safety."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest_lint.cli import main
from digest_lint.config import Config
from digest_lint.engine.engine import Engine
from digest_lint.gate.index import CitationIndex, CitationIndexError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
ASAHI = "globe.asahi.com/article/15630313"


def invoke(*args: str, lang: str = "en") -> Result:
    """The command line, in English unless ``lang`` says otherwise (this module reads
    the English messages; one test reads the Japanese ones)."""
    return CliRunner().invoke(main, list(args), env={"DIGEST_LINT_LANG": lang})


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Seeds 000-003 in an archive; 004 stays out (the article being written)."""
    d = tmp_path / "archive"
    d.mkdir()
    for seed in sorted(SEEDS.glob("00[0-3]_*.txt")):
        shutil.copy(seed, d / seed.name)
    return d


@pytest.fixture
def db(archive: Path, tmp_path: Path) -> Path:
    path = tmp_path / "citations.db"
    result = invoke("index", "build", str(archive), "--db", str(path), "--isolated")
    assert result.exit_code == 0, result.output
    assert "4 articles" in result.stdout and "4 read" in result.stdout
    return path


def dl106(*args: str) -> tuple[int, list[dict]]:
    result = invoke("check", "--isolated", "--select", "DL106", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_build_four_then_dl106_on_the_fifth_alone(db: Path) -> None:
    fifth = next(SEEDS.glob("004_*.txt"))
    status, found = dl106(str(fifth))
    assert status == 0 and found == []
    status, found = dl106("--index", str(db), str(fifth))
    assert status == 1
    assert len(found) == 1
    f = found[0]
    assert f["line"] == 48 and f["column"] == 38
    assert "000_16a9df6dd44b8a61.txt" in f["message"]
    assert "002_69feb8ec74a0a1a3.txt" in f["message"]


def test_checked_article_is_not_its_own_reuse(db: Path, archive: Path) -> None:
    seed2 = next(archive.glob("002_*.txt"))
    _, found = dl106("--index", str(db), str(seed2))
    assert len(found) == 1
    assert "000_16a9df6dd44b8a61.txt" in found[0]["message"]
    assert "002_" not in found[0]["message"]
    # With the same file also in the run, it is named once.
    seed0 = next(archive.glob("000_*.txt"))
    _, found = dl106("--index", str(db), str(seed2), str(seed0))
    for f in found:
        assert f["message"].count("000_16a9df6dd44b8a61.txt") <= 1


def test_index_records_citations(db: Path, archive: Path) -> None:
    with CitationIndex.open(str(db)) as index:
        assert index.count() == (4, 11)
        cites = index.citations(str(next(archive.glob("000_*.txt"))))
        assert [c.url_key for c in cites][1] == ASAHI
        assert cites[0].published == "2025-01-03"
        assert "\n" in cites[0].summary and cites[0].summary.strip()
        assert len(index.citing(ASAHI)) == 2
        assert index.roots() == [str(archive.resolve())]


def test_update_reads_only_changed_files(db: Path, archive: Path) -> None:
    result = invoke("index", "update", "--db", str(db), "--isolated")
    assert result.exit_code == 0, result.output
    assert "(0 read, 4 unchanged, 0 removed)" in result.stdout
    seed0 = next(archive.glob("000_*.txt"))
    seed0.write_text(seed0.read_text(encoding="utf-8").replace(ASAHI, "example.com/x"), "utf-8")
    (archive / "001_9df63d4f55690bb9.txt").unlink()
    shutil.copy(next(SEEDS.glob("004_*.txt")), archive / "new.txt")
    result = invoke("index", "update", str(archive), "--db", str(db), "--isolated")
    assert result.exit_code == 0, result.output
    assert "4 articles" in result.stdout
    assert "(2 read, 2 unchanged, 1 removed)" in result.stdout
    with CitationIndex.open(str(db)) as index:
        citing = index.citing(ASAHI)
        assert sorted(Path(p).name for p in citing) == ["002_69feb8ec74a0a1a3.txt", "new.txt"]


def test_crash_during_update_keeps_previous_index(db: Path, archive: Path) -> None:
    """A process killed mid-update (os._exit, no cleanup) leaves the last committed index."""
    for p in archive.glob("*.txt"):
        p.write_text(p.read_text(encoding="utf-8").replace("https://", "https://x."), "utf-8")
    script = textwrap.dedent(
        f"""
        import os
        import digest_lint.gate.index as ix
        from digest_lint.config import Config
        from digest_lint.engine.engine import Engine
        real = ix.citations_of
        calls = []
        def dying(*a, **k):
            calls.append(1)
            if len(calls) == 3:
                os._exit(9)
            return real(*a, **k)
        ix.citations_of = dying
        index = ix.CitationIndex.open({str(db)!r})
        files = sorted(str(p) for p in __import__("pathlib").Path({str(archive)!r}).glob("*.txt"))
        index.update(Engine.build(Config()), files)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert proc.returncode == 9, proc.stderr
    with CitationIndex.open(str(db)) as index:
        assert index.count() == (4, 11)
        assert len(index.citing(ASAHI)) == 2
    _, found = dl106("--index", str(db), str(next(SEEDS.glob("004_*.txt"))))
    assert len(found) == 1


def test_error_during_update_rolls_back(
    db: Path, archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import digest_lint.gate.index as ix

    for p in archive.glob("*.txt"):
        p.write_text(p.read_text(encoding="utf-8") + "\n追記。\n", "utf-8")
    calls: list[int] = []
    real = ix.citations_of

    def failing(*a: object, **k: object) -> list[ix.Citation]:
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(ix, "citations_of", failing)
    result = invoke("index", "update", "--db", str(db), "--isolated")
    assert result.exit_code == 2
    assert f"{db}: index not changed: disk I/O error" in result.stderr
    with CitationIndex.open(str(db)) as index:
        assert index.count() == (4, 11)
    monkeypatch.setattr(ix, "citations_of", real)
    result = invoke("index", "update", "--db", str(db), "--isolated")
    assert "(4 read, 0 unchanged, 0 removed)" in result.stdout


def test_readers_are_not_blocked_by_a_writer(db: Path) -> None:
    writer = sqlite3.connect(str(db), isolation_level=None)
    assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM citations")
    try:
        with CitationIndex.open(str(db)) as reader:
            assert reader.count() == (4, 11)  # the last committed index, at once
            assert len(reader.citing(ASAHI)) == 2
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_bad_index_files(tmp_path: Path) -> None:
    seed = str(next(SEEDS.glob("004_*.txt")))
    missing = tmp_path / "none.db"
    result = invoke("check", "--isolated", "--index", str(missing), seed)
    assert result.exit_code == 2
    assert f"{missing}: no such index" in result.stderr
    junk = tmp_path / "junk.db"
    junk.write_text("not a database, just text\n" * 100)
    result = invoke("check", "--isolated", "--index", str(junk), seed)
    assert result.exit_code == 2
    assert f"{junk}: not a digest-lint citation index" in result.stderr
    other = tmp_path / "other.db"
    sqlite3.connect(str(other)).execute("CREATE TABLE t (x)").connection.commit()
    result = invoke("check", "--isolated", "--index", str(other), seed)
    assert result.exit_code == 2 and "not a digest-lint citation index" in result.stderr
    with pytest.raises(CitationIndexError):
        CitationIndex.open(str(other))
    result = invoke("index", "update", "--db", str(missing))
    assert result.exit_code == 2 and "no such index" in result.stderr
    result = invoke("index", "build", str(tmp_path / "nodir"), "--db", str(tmp_path / "n.db"))
    assert result.exit_code == 2 and "nodir: not a directory" in result.stderr


def test_progress_is_silent_when_not_a_terminal(archive: Path, tmp_path: Path) -> None:
    result = invoke("index", "build", str(archive), "--db", str(tmp_path / "i.db"), "--isolated")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_engine_and_index_agree_on_keys(db: Path) -> None:
    """The index stores the keys DL106 computes (normalised URL, tracking params dropped)."""
    from digest_lint.gate.index import citations_of

    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    tracked = text.replace(ASAHI, ASAHI + "?utm_source=x")
    keys = [c.url_key for c in citations_of(Engine.build(Config()), "t.txt", tracked)]
    assert ASAHI in keys


def test_index_speaks_japanese_by_default(archive: Path, tmp_path: Path) -> None:
    path = tmp_path / "ja.db"
    built = invoke("index", "build", str(archive), "--db", str(path), "--isolated", lang="ja")
    assert f"{path}: 記事4件、引用" in built.stdout and "読んだもの4件" in built.stdout
    missing = invoke("index", "update", "--db", str(tmp_path / "none.db"), lang="ja")
    assert "索引がありません（`digest-lint index build` で作ってください）" in missing.stderr
    nodir = invoke("index", "build", str(tmp_path / "nodir"), "--db", str(path), lang="ja")
    assert "nodir: ディレクトリではありません" in nodir.stderr and nodir.exit_code == 2
