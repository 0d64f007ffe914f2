"""Issue 11, never crash, never corrupt: one regression test per item of the issue.

Each test is named after its item. Big inputs (a 5 MB line, a 50 MB file) are marked
``slow``; the default run checks the same code paths on proportional, smaller inputs.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest_lint.analysis.tokens import MAX_INPUT_BYTES, chunks, tokenize, tokenizer
from digest_lint.cli import main
from digest_lint.config import Config
from digest_lint.engine import engine as engine_module
from digest_lint.engine.engine import Engine
from digest_lint.engine.runner import FileResult, check_source
from digest_lint.formatters import FormatContext
from digest_lint.formatters.junit import format_junit
from digest_lint.formatters.text import format_text
from digest_lint.io.sources import decode
from digest_lint.knowledge.packs import checked_regex
from digest_lint.knowledge.publishers import normalize_url, split_url
from digest_lint.model.findings import Finding, Severity
from digest_lint.model.text import LineIndex
from digest_lint.rules import BY_CODE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED_001 = next(SEEDS.glob("001_*.txt"))
SEED_003 = next(SEEDS.glob("003_*.txt"))
AS_OF = dt.date(2026, 11, 22)
#: A Japanese sentence with a comma and a full stop (33 bytes in UTF-8).
SENTENCE = "ロシアは停戦に反対し、交渉は続く。"
BUG_WORDS = "This is a bug in digest-lint"
#: The messages these tests read are the English ones (Japanese is the default; a few
#: tests check the Japanese form too).
EN = {"DIGEST_LINT_LANG": "en"}


# ------------------------------------------------------------------ helpers
def invoke(
    *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
) -> Result:
    return CliRunner().invoke(main, list(args), input=input, env={**EN, **(env or {})})


def exe() -> str:
    local = Path(sys.executable).parent / "digest-lint"
    return str(local) if local.exists() else shutil.which("digest-lint") or "digest-lint"


def seed_text() -> str:
    return SEED_001.read_text(encoding="utf-8")


def clean_text() -> str:
    """Seed 003 with its generic label corrected: clean for the DL1 rules."""
    return SEED_003.read_text(encoding="utf-8").replace("⇒ニュースサイト出典", "⇒毎日新聞出典")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.build(Config(as_of=AS_OF, lang="en"))


def check_text(engine: Engine, text: str, path: str = "t.txt") -> FileResult:
    return check_source(engine, decode(path, text.encode("utf-8")), None)


def assert_spans_exact(text: str, findings: list[Finding]) -> None:
    """Every finding lies inside the text, quotes it, and its line/column are its offset's."""
    lines = LineIndex(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.snippet == text[f.start : f.end], f
        assert (f.line, f.column) == lines.position(f.start), f


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )


# ================================================================== crashes
def _seventeen_thousand_character_line() -> str:
    return (SENTENCE * (17_000 // len(SENTENCE) + 1))[:17_000]


def test_line_longer_than_sudachi_limit_is_tokenized_in_pieces_with_exact_offsets() -> None:
    line = _seventeen_thousand_character_line()
    assert len(line.encode("utf-8")) > 49_149  # over SudachiPy's own limit
    with pytest.raises(Exception):  # noqa: B017 - proves the pieces are needed
        tokenizer()._tokenizer.tokenize(line)
    for text in (line, "あ" * 17_000):  # with and without places to cut
        tokens = tokenize(text, 7)
        assert "".join(t.surface for t in tokens) == text
        assert tokens[0].start == 7 and tokens[-1].end == 7 + len(text)
        for a, b in itertools.pairwise(tokens):
            assert a.end == b.start
        assert all(text[t.start - 7 : t.end - 7] == t.surface for t in tokens)
        pieces = chunks(text, MAX_INPUT_BYTES)
        assert all(len(text[s:e].encode("utf-8")) <= MAX_INPUT_BYTES for s, e in pieces)
        assert [s for s, _ in pieces[1:]] == [e for _, e in pieces[:-1]]


def test_seventeen_thousand_character_line_in_a_file_is_checked(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(
        seed_text().replace("✅ 米露首脳は", "✅ " + _seventeen_thousand_character_line(), 1),
        encoding="utf-8",
    )
    shutil.copy(SEED_001, tmp_path / "other.txt")
    result = invoke("check", "--isolated", "--jobs", "1", str(tmp_path))
    no_traceback(result)
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert "long.txt:" in result.stdout and "other.txt:" in result.stdout


def _one_line_file(engine: Engine, n_chars: int) -> None:
    text = (SENTENCE * (n_chars // len(SENTENCE) + 1))[:n_chars]
    result = check_text(engine, text)
    assert result.internal is None and result.error is None
    assert_spans_exact(text, result.findings)


def test_one_line_file_is_checked_in_parts(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The 5 MB one-line file, in proportion: parts cut where there is no line end."""
    monkeypatch.setattr(engine_module, "PART_CHARS", 2_000)
    assert len(engine_module.article_parts("a" * 10_000, 2_000)) == 5
    _one_line_file(engine, 50_000)


@pytest.mark.slow
def test_five_megabyte_one_line_file(engine: Engine) -> None:
    started = time.perf_counter()
    _one_line_file(engine, 5_000_000 // 3)
    assert time.perf_counter() - started < 120


def test_article_checked_in_parts_has_exact_spans(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A huge article is checked in parts: every finding is moved to its place."""
    monkeypatch.setattr(engine_module, "PART_CHARS", 4_000)
    text = "\n\n".join([seed_text()] * 4)
    result = check_text(engine, text)
    assert result.internal is None
    assert len({f.line for f in result.findings if f.code == "DL104"}) >= 4
    assert_spans_exact(text, result.findings)


FRONT_MATTER = {
    "impossible-date.md": "---\ndate: 2025-02-30\n---\n",
    "hour-25.md": "---\ndate: 2025-02-03 25:00:00\n---\n",
    "nested.md": "---\ntitle: " + "[" * 2_000 + "\n---\n",
}


def test_front_matter_with_impossible_date_hour_or_deep_nesting(tmp_path: Path) -> None:
    body = seed_text()
    for name, front in FRONT_MATTER.items():
        (tmp_path / name).write_text(front + body, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(body, encoding="utf-8")
    result = invoke("check", "--isolated", "--jobs", "1", "--format", "json", str(tmp_path))
    no_traceback(result)
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.stderr
    findings = json.loads(result.stdout)
    by_file: dict[str, list[dict[str, object]]] = {}
    for f in findings:
        by_file.setdefault(Path(str(f["path"])).name, []).append(f)
    assert set(by_file) == {*FRONT_MATTER, "plain.txt"}
    # Each bad front matter is one finding on its own line, not a crash.
    assert [f["code"] for f in by_file["impossible-date.md"] if f["line"] == 2] == ["DL403"]
    assert [f["code"] for f in by_file["hour-25.md"] if f["line"] == 2] == ["DL403"]
    assert [f["code"] for f in by_file["nested.md"] if f["line"] == 1] == ["DL002"]


def test_dates_at_the_ends_of_the_calendar_are_findings_not_crashes(engine: Engine) -> None:
    """Found by the fuzz test: 公開日 0000/01/01 was a valid date of year 0, and a date
    without a year next to 0001 or 9999 was tried in year 0 or 10000 (ValueError)."""
    yearless = "\n3月19日(水)に会談した。昨年5月にも、来年1月1日(月)にも。\n"
    for day, path in (
        ("0000/01/01(月)", "t.txt"),
        ("0001/01/01", "t.txt"),
        ("9999/12/31", "t.txt"),
        ("0001-01-01", "t.md"),
        ("9999-12-31", "t.md"),
    ):
        text = seed_text().replace("公開日:2025/03/19", f"公開日:{day.replace('-', '/')}")
        if path.endswith(".md"):
            text = f"---\ndate: {day}\n---\n{text}"
        result = check_text(engine, text + yearless, path)
        assert result.internal is None, (day, result.internal)
        assert_spans_exact(text + yearless, result.findings)
        if day.startswith("0000"):
            [*messages] = {f.message for f in result.findings if f.code == "DL403"}
            assert messages and all("year 0 does not exist" in m for m in messages)


BAD_URLS = ("https://www.asahi.com:abc/a", "http://[x/a")


def test_urls_that_urllib_rejects() -> None:
    for url in BAD_URLS:
        with pytest.raises(ValueError):
            urllib.parse.urlsplit(url).port  # noqa: B018 - what the old code called
        parts = split_url(url)
        assert parts.host in ("www.asahi.com", "x")
        assert normalize_url(url)
    assert split_url(BAD_URLS[0]).port == "abc" and split_url(BAD_URLS[0]).path == "/a"


def test_urls_that_urllib_rejects_in_articles(tmp_path: Path) -> None:
    for i, url in enumerate(BAD_URLS):
        text = seed_text().replace("https://mainichi.jp/articles/", url + "/", 1)
        (tmp_path / f"url{i}.txt").write_text(text, encoding="utf-8")
    shutil.copy(SEED_001, tmp_path / "other.txt")
    result = invoke("check", "--isolated", "--jobs", "1", "--select", "DL1", str(tmp_path))
    no_traceback(result)
    assert result.exit_code == 1 and "internal error" not in result.output
    for name in ("url0.txt", "url1.txt", "other.txt"):
        assert f"{name}:" in result.stdout


def _pack_dir(tmp_path: Path, name: str, text: str) -> Path:
    packs = tmp_path / "packs"
    packs.mkdir(exist_ok=True)
    (packs / name).write_text(text, encoding="utf-8")
    (tmp_path / "digest-lint.toml").write_text('packs = ["packs"]\n', encoding="utf-8")
    shutil.copy(SEED_001, tmp_path / "a.txt")
    return packs / name


PERSON_WITH_IMPOSSIBLE_START = """\
source: test
checked: 2026-11-01
people:
  - id: test-person
    name: テスト・パーソン
    forms: [パーソン]
    terms:
      - {office: us-president, start: 2025-13-01}
"""


def test_pack_entry_with_impossible_date_is_a_pack_error(tmp_path: Path) -> None:
    pack = _pack_dir(tmp_path, "officeholders.yaml", PERSON_WITH_IMPOSSIBLE_START)
    result = invoke("check", str(tmp_path / "a.txt"))
    no_traceback(result)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"digest-lint: pack error: {pack}:8: ")
    assert "test-person" in line and "month" in line
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""


def test_broken_pack_is_reported_even_when_the_selected_rules_do_not_read_it(
    tmp_path: Path,
) -> None:
    pack = _pack_dir(tmp_path, "officeholders.yaml", PERSON_WITH_IMPOSSIBLE_START)
    result = invoke("check", "--select", "DL104", str(tmp_path / "a.txt"))  # reads no people
    assert result.exit_code == 2 and f"pack error: {pack}:8:" in result.stderr
    pack.unlink()
    writing = _pack_dir(tmp_path, "writing.yaml", "source: x\nchecked: 2026-11-01\ndoubled: 3\n")
    result = invoke("check", "--select", "DL104", str(tmp_path / "a.txt"))
    assert result.exit_code == 2 and f"pack error: {writing}" in result.stderr


def test_index_build_with_one_bad_article_indexes_the_rest_and_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(SEED_001, archive / "good.txt")
    (archive / "binary.txt").write_bytes(b"\x89PNG\x00\x00")
    (archive / "crash.txt").write_text(seed_text() + "\nBOOM\n", encoding="utf-8")
    from digest_lint.gate import index as index_module

    real = index_module.citations_of

    def citations_of(engine: Engine, path: str, text: str) -> list[object]:
        if "BOOM" in text:
            raise RuntimeError("boom")
        return real(engine, path, text)  # type: ignore[return-value]

    monkeypatch.setattr(index_module, "citations_of", citations_of)
    db = tmp_path / "c.db"
    result = invoke("index", "build", "--isolated", str(archive), "--db", str(db))
    no_traceback(result)
    assert result.exit_code == 2, result.output
    assert "1 articles" in result.stdout and "2 not indexed" in result.stdout
    assert "binary.txt: binary file" in result.stderr
    assert "crash.txt" in result.stderr and "RuntimeError" in result.stderr


# ================================================================== exit contract
def test_exit_status_0_clean_1_findings_2_input_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(clean_text(), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    shutil.copy(SEED_001, bad)
    args = ("check", "--isolated", "--select", "DL1")
    assert invoke(*args, str(good)).exit_code == 0
    assert invoke(*args, str(bad)).exit_code == 1
    missing = invoke(*args, str(good), str(bad), str(tmp_path / "missing.txt"))
    assert missing.exit_code == 2
    assert "missing.txt: no such file" in missing.stderr
    assert "bad.txt:" in missing.stdout  # the other files are still reported
    assert invoke("check", "--isolated", "--fail-on", "bogus", str(good)).exit_code == 2


def _explode_on_boom(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = BY_CODE["DL104"]
    real = rule.check

    def check(self: object, ctx: object) -> Iterator[object]:
        if "BOOM" in ctx.article.text:  # type: ignore[attr-defined]
            raise ZeroDivisionError("simulated bug")
        return real(self, ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(rule, "check", check)


def test_exit_status_3_internal_error_names_the_file_and_asks_for_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _explode_on_boom(monkeypatch)
    (tmp_path / "boom.txt").write_text(seed_text() + "BOOM\n", encoding="utf-8")
    shutil.copy(SEED_001, tmp_path / "other.txt")
    result = invoke("check", "--isolated", "--jobs", "1", str(tmp_path))
    no_traceback(result)
    assert result.exit_code == 3, result.output
    [line] = [ln for ln in result.stderr.splitlines() if "internal error" in ln]
    assert f"{tmp_path / 'boom.txt'}: internal error" in line
    assert "ZeroDivisionError" in line and BUG_WORDS in line and "report" in line
    assert "other.txt:" in result.stdout and "boom.txt:" not in result.stdout


def test_internal_error_during_fix_or_diff_names_the_file_and_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Was: the whole --fix run stopped at the file, named none, fixed no other file."""
    _explode_on_boom(monkeypatch)
    boom, other = tmp_path / "boom.txt", tmp_path / "other.txt"
    boom.write_text(seed_text() + "BOOM\n", encoding="utf-8")
    shutil.copy(SEED_001, other)
    args = ("check", "--isolated", "--jobs", "1", "--select", "DL1")
    diff = invoke(*args, "--diff", str(tmp_path))
    assert diff.exit_code == 3 and f"--- a/{other}" in diff.stdout
    assert f"{boom}: internal error, no diff: ZeroDivisionError" in diff.stderr
    fixed = invoke(*args, "--fix", str(tmp_path))
    no_traceback(fixed)
    assert fixed.exit_code == 3
    assert other.read_bytes() != SEED_001.read_bytes()  # the other file is fixed
    assert boom.read_text(encoding="utf-8") == seed_text() + "BOOM\n"
    [line] = [ln for ln in fixed.stderr.splitlines() if "internal error" in ln]
    assert line.startswith(f"digest-lint: {boom}: internal error") and BUG_WORDS in line
    piped = invoke(*args, "--fix", "-", input=seed_text() + "BOOM\n")
    assert piped.exit_code == 3 and "<stdin>: internal error, not fixed" in piped.stderr
    assert piped.stdout == seed_text() + "BOOM\n"  # the piped article is not lost


def test_tool_error_never_prints_all_checks_passed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(clean_text(), encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    args = ("check", "--isolated", "--select", "DL1", "--jobs", "1")
    assert "All checks passed!" in invoke(*args, str(good)).stdout  # the claim exists
    for extra in ([str(tmp_path / "binary.txt")], [str(tmp_path / "missing.txt")]):
        result = invoke(*args, str(good), *extra)
        assert result.exit_code == 2
        assert "All checks passed!" not in result.output
        assert "could not be checked" in result.stdout
    _explode_on_boom(monkeypatch)
    (tmp_path / "boom.txt").write_text(clean_text() + "BOOM\n", encoding="utf-8")
    result = invoke(*args, str(good), str(tmp_path / "boom.txt"))
    assert result.exit_code == 3 and "All checks passed!" not in result.output


def test_output_file_written_atomically_and_only_after_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")
    bad_config = tmp_path / "bad.toml"
    bad_config.write_text("selct = 1\n", encoding="utf-8")
    # No report (a config error, a bad flag): the old file stays as it was.
    for args in (("--config", str(bad_config)), ("--isolated", "--select", "")):
        result = invoke("check", *args, "--format", "json", "-o", str(out), str(SEED_001))
        assert result.exit_code == 2
        assert out.read_text(encoding="utf-8") == "previous report\n"

    # A formatter that fails half-way writes nothing either.
    from digest_lint.formatters import json_format

    def broken(findings: object, ctx: object) -> Iterator[str]:
        yield "[\n"
        raise RuntimeError("formatter bug")

    monkeypatch.setattr(json_format, "iter_json", broken)
    result = invoke("check", "--isolated", "--format", "json", "-o", str(out), str(SEED_001))
    assert result.exit_code == 3 and out.read_text(encoding="utf-8") == "previous report\n"
    monkeypatch.undo()

    result = invoke("check", "--isolated", "--format", "json", "-o", str(out), str(SEED_001))
    assert result.exit_code == 1 and json.loads(out.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []


# ================================================================== time and memory
def _latin_bullet(n: int, spaced: bool) -> str:
    letters = "".join("abcdefghijklmnopqrstuvwxyz"[(i * 7) % 26] for i in range(n))
    if spaced:  # words of five letters
        letters = " ".join(letters[i : i + 5] for i in range(0, n, 5))
    return seed_text().replace("✅ 米露首脳は", f"✅ {letters}米露首脳は", 1)


def _seconds(engine: Engine, text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        result = check_text(engine, text)
        best = min(best, time.perf_counter() - started)
        assert result.internal is None
    return best


def test_bullet_with_extra_latin_letters_is_linear(engine: Engine) -> None:
    """Was 4.3 s and 4.9 GB for 3,000 letters: worse than quadratic in the run's length.
    Four times the letters must take about four times as long, not sixteen."""
    import tracemalloc

    check_text(engine, seed_text())  # warm the tokenizer and the packs
    base = _seconds(engine, seed_text())
    for spaced in (False, True):
        big = _seconds(engine, _latin_bullet(1_500, spaced)) - base
        huge = _seconds(engine, _latin_bullet(6_000, spaced)) - base
        assert huge < 0.3 + 8 * max(big, 0.01), (spaced, base, big, huge)
    tracemalloc.start()
    try:
        check_text(engine, _latin_bullet(3_000, True))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 << 20, peak  # bytes: was 4.9 GB


def _rss_of_check(path: Path) -> tuple[float, int]:
    """Seconds and peak RSS (bytes) of a one-article check in a fresh process."""
    code = (
        "import sys, time\n"
        "from digest_lint.cli import main\n"
        "t = time.perf_counter()\n"
        "try:\n"
        "    main(['check', '--isolated', '--no-cache', '-q', '--statistics', sys.argv[1]])\n"
        "except SystemExit as e:\n"
        "    assert e.code in (0, 1), e.code\n"
        # VmHWM, not ru_maxrss: Linux keeps the latter across exec, from the forked pytest.
        "hwm = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM:')][0]\n"
        "print(time.perf_counter() - t, hwm.split()[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    seconds, kib = done.stdout.split()[-2:]
    return float(seconds), int(kib) * 1024


def _big_article(path: Path, size: int) -> int:
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt")))
    data = (body * (size // len(body.encode()) + 1)).encode()[:size]
    path.write_bytes(data.decode("utf-8", "ignore").encode())
    return path.stat().st_size


@pytest.mark.bench  # a speed and memory target: pytest -m bench, not part of CI's run
def test_fifty_megabyte_file_is_linear_in_time_and_memory(tmp_path: Path) -> None:
    """Measured on main before the fix: 419 s and 417 MB for 50 MB."""
    small = _big_article(tmp_path / "small.txt", 5_000_000)
    big = _big_article(tmp_path / "big.txt", 50_000_000)
    t_small, rss_small = _rss_of_check(tmp_path / "small.txt")
    t_big, rss_big = _rss_of_check(tmp_path / "big.txt")
    print(f"5 MB: {t_small:.1f} s {rss_small >> 20} MB; 50 MB: {t_big:.1f} s {rss_big >> 20} MB")
    assert rss_big < 1 << 30
    assert rss_big < 300 * (1 << 20) + 8 * big
    assert t_big < 15 * t_small * big / small / 10 + 30


def test_big_article_is_checked_in_parts_of_bounded_size(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What bounds the memory of a 50 MB article: every article the rules see (and so
    every token list, sentence and mention) is a part of about PART_CHARS characters."""
    monkeypatch.setattr(engine_module, "PART_CHARS", 2_000)
    sizes: list[int] = []
    real = Engine.check_article

    def check_article(self: Engine, article: object) -> object:
        sizes.append(len(article.text))  # type: ignore[attr-defined]
        return real(self, article)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "check_article", check_article)
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt")))
    text = (body * (60_000 // len(body) + 1))[:60_000]
    result = check_text(engine, text)
    assert result.internal is None and result.findings
    assert len(sizes) >= 30 and max(sizes) <= 3_000 and sum(sizes) == len(text)


@pytest.mark.slow
def test_big_article_memory_is_bounded_by_its_size(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 50 MB case in proportion: parts of 2,000 characters, articles of 6,000 and
    24,000. Checked whole, four times the text takes over four times the memory."""
    import tracemalloc

    monkeypatch.setattr(engine_module, "PART_CHARS", 2_000)
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt")))
    check_text(engine, body)  # warm the caches that every article shares

    def peak(n: int) -> int:
        text = (body * (n // len(body) + 1))[:n]
        tracemalloc.start()
        try:
            result = check_text(engine, text)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert result.internal is None

    one, four = peak(6_000), peak(24_000)
    assert four < 3.2 * one, (one, four)
    assert four < 150 * 24_000, four  # bytes per character of the article


def test_catastrophic_pack_regex_is_refused(tmp_path: Path) -> None:
    for pattern in ("^(a+)+$", "(a*)*b", "(?:x|ab+)*c", "(a{2,})+"):
        with pytest.raises(ValueError, match="exponential"):
            checked_regex(pattern)
    for pattern in ("ちゃう(?:かな|ん)", "a++", "(?>a+)+", "(ab){2}", "[0-9]+年"):
        assert checked_regex(pattern) == pattern
    layout = (ROOT / "rules" / "layout.yaml").read_text(encoding="utf-8")
    layout = layout.replace("persona_patterns:\n", 'persona_patterns:\n  - "^(a+)+$"\n', 1)
    pack = _pack_dir(tmp_path, "layout.yaml", layout)
    result = invoke("check", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    line_no = layout.splitlines().index('  - "^(a+)+$"') + 1
    assert f"pack error: {pack}:{line_no}: persona_patterns" in result.stderr
    assert "exponential" in result.stderr


# ================================================================== --fix
def _fix(*args: str) -> Result:
    return invoke("check", "--isolated", "--jobs", "1", "--fix", *args)


def _toggling_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    """DL502 proposes, forever, to swap the first character between 甲 and 乙."""
    from digest_lint.model.findings import Fix, Violation

    def check(self: object, ctx: object) -> Iterator[Violation]:
        text = ctx.article.text  # type: ignore[attr-defined]
        if text[:1] in ("甲", "乙"):
            span = ctx.span(0, 1)  # type: ignore[attr-defined]
            yield Violation(
                span=span, message="swap", fix=Fix.replace(span, "乙甲"[text[0] == "乙"])
            )

    monkeypatch.setattr(BY_CODE["DL502"], "check", check)


def test_fix_that_does_not_settle_leaves_the_file_untouched_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _toggling_fix(monkeypatch)
    path = tmp_path / "a.txt"
    path.write_text("甲" + seed_text(), encoding="utf-8")
    other = tmp_path / "b.txt"
    shutil.copy(SEED_001, other)
    before = path.read_bytes()
    result = _fix("--select", "DL502,DL104", str(path), str(other))
    no_traceback(result)
    assert path.read_bytes() == before
    assert f"{path}: the fixes did not settle" in result.stderr
    assert "file left unchanged" in result.stderr
    assert other.read_bytes() != SEED_001.read_bytes()  # the other file is fixed
    assert result.exit_code == 1


def test_fix_keeps_each_lines_own_ending_in_mixed_line_endings(tmp_path: Path) -> None:
    lines = seed_text().split("\n")
    endings = ["\r\n", "\n", "\r"]
    raw = "".join(ln + endings[i % 3] for i, ln in enumerate(lines[:-1]))
    path = tmp_path / "mixed.txt"
    path.write_bytes(raw.encode("utf-8"))
    result = _fix("--select", "DL104", str(path))
    assert "fixed 3 problems" in result.stderr
    expected = []
    for i, ln in enumerate(lines[:-1]):
        m = re.search(r"(https://\S+?[0-9a-z])(?=[ぁ-んァ-ン一-龥])", ln)
        if ln.startswith("さらに読む") and m:
            ln = ln[: m.end()] + endings[i % 3] + ln[m.end() :]
        expected.append(ln + endings[i % 3])
    assert path.read_bytes() == "".join(expected).encode("utf-8")


CHAIN = "".join(
    f"さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/2025031{i % 10}/k00/{i}c"
    for i in range(12)
)


def test_chained_fused_citations_reach_the_fixed_point_in_one_run(tmp_path: Path) -> None:
    text = seed_text()
    glued = next(ln for ln in text.splitlines() if ln.startswith("さらに読む"))
    path = tmp_path / "chain.txt"
    path.write_text(text.replace(glued, CHAIN + "ロシアは停戦を急ぐ。", 1), encoding="utf-8")
    result = _fix("--select", "DL104", "--show-fixes", str(path))
    assert result.exit_code == 0, result.output
    assert "fixed 14 problems" in result.stderr and "DL104 ×14" in result.stderr
    fixed = path.read_text(encoding="utf-8")
    assert fixed.count("\nさらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/") == 12
    again = _fix("--select", "DL104", str(path))
    assert path.read_text(encoding="utf-8") == fixed and "fixed" not in again.stderr


def test_fix_never_writes_through_a_symlink_out_of_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    shutil.copy(SEED_001, outside)
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.txt").symlink_to(outside)
    shutil.copy(SEED_001, tree / "own.txt")
    result = _fix("--select", "DL104", str(tree))
    assert outside.read_bytes() == SEED_001.read_bytes()
    assert (tree / "link.txt").is_symlink()
    assert f"{tree / 'link.txt'}: is a symbolic link; not fixed" in result.stderr
    assert (tree / "own.txt").read_bytes() != SEED_001.read_bytes()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temp_files_left_by_a_kill_during_fix_are_removed_by_a_later_run(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    shutil.copy(SEED_001, path)
    # A --fix killed while writing, for real: SIGKILL in the middle of the write.
    code = (
        "import os, sys\n"
        "from digest_lint.io import atomic\n"
        "real = os.replace\n"
        "def killed(src, dst):\n"
        "    os.kill(os.getpid(), 9)\n"
        "atomic.os.replace = killed\n"
        "from digest_lint.cli import main\n"
        "main(['check', '--isolated', '--no-cache', '--select', 'DL104', '--fix', sys.argv[1]])\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, check=False)
    assert done.returncode == -signal.SIGKILL
    left = [p.name for p in tmp_path.iterdir() if p.name != "a.txt"]
    assert len(left) == 1 and left[0].startswith(".a.txt.digest-lint-"), left
    assert path.read_bytes() == SEED_001.read_bytes()  # the file itself is intact
    # One of a process that is still running is not touched.
    alive = tmp_path / f".a.txt.digest-lint-{os.getpid()}-x.tmp"
    alive.write_bytes(b"mine")
    # The next run recognises the dead writer's file and removes it, fixing or not.
    result = _fix("--select", "DL101", str(path))  # no fix to apply here
    no_traceback(result)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.txt", alive.name])
    stale = tmp_path / f".a.txt.digest-lint-{_dead_pid()}-y.tmp"
    stale.write_bytes(b"x")
    _fix("--select", "DL104", str(path))
    assert not stale.exists() and alive.exists()


# ================================================================== cache and outputs
def _cached(*args: str) -> Result:
    return invoke("check", "--jobs", "1", *args, env={"DIGEST_LINT_NO_CACHE": ""})


def test_cache_is_json_verified_against_its_key_with_gitignore(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEED_001, a)
    b.write_text(clean_text(), encoding="utf-8")
    args = ("--isolated", "--select", "DL1", "--cache-dir", str(cache), str(a), str(b))
    first = _cached(*args)
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").exists()
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 2
    data = [json.loads(p.read_text(encoding="utf-8")) for p in entries]
    assert {d["key"] for d in data} == {p.stem for p in entries}
    # An entry moved under another key (a tampered or mixed-up cache) is not believed.
    by_findings = sorted(zip(data, entries, strict=True), key=lambda de: len(de[0]["findings"]))
    (clean_data, clean_entry), (_, dirty_entry) = by_findings
    assert clean_data["findings"] == []
    shutil.copy(clean_entry, dirty_entry)
    second = _cached(*args)
    assert second.stdout == first.stdout and second.exit_code == first.exit_code == 1
    # Nor is one that is not JSON.
    dirty_entry.write_bytes(b"\x80\x04garbage")
    assert _cached(*args).stdout == first.stdout


def test_per_file_ignores_applied_after_the_cache(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    shutil.copy(SEED_001, tmp_path / "a.txt")
    shutil.copy(SEED_001, tmp_path / "archive" / "a.txt")
    (tmp_path / "digest-lint.toml").write_text(
        'select = ["DL1"]\n[per-file-ignores]\n"archive/*" = ["DL104"]\n', encoding="utf-8"
    )
    cache = tmp_path / "cache"
    for _ in range(2):  # a cold cache, then a warm one
        result = _cached("--cache-dir", str(cache), "--format", "json", str(tmp_path))
        found = json.loads(result.stdout)
        top = {f["code"] for f in found if not f["path"].startswith(str(tmp_path / "archive"))}
        archived = {f["code"] for f in found if f["path"].startswith(str(tmp_path / "archive"))}
        assert "DL104" in top and archived and "DL104" not in archived
    assert len(list(cache.rglob("*.json"))) == 1  # one content, one entry: it was a hit


def _finding(path: str, message: str, severity: Severity, code: str = "DL104") -> Finding:
    return Finding(
        path=path, line=1, column=1, end_line=1, end_column=2, code=code, name="url-glued",
        severity=severity, message=message, url="u", start=0, end=1,
    )  # fmt: skip


def test_junit_well_formed_with_control_characters_and_worst_severity() -> None:
    nasty = 'ctl \x00\x01\x08\x0b\x0c\x1b[31m\x7f \ufffe end & <tag> "q"'
    findings = [
        _finding("a\x1b.txt", nasty, Severity.INFO),
        _finding("a\x1b.txt", "w", Severity.WARNING),
        _finding("b.txt", "i", Severity.INFO),
    ]
    ctx = FormatContext(files=3, paths=["a\x1b.txt", "b.txt", "c.txt"], failed=[("d\x01", "x")])
    xml = format_junit(findings, ctx)
    root = ET.fromstring(xml.encode("utf-8"))  # well-formed
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"a\\x1b.txt", "b.txt", "c.txt", "d\\x01"}
    assert cases["a\\x1b.txt"].find("failure").get("type") == "warning"  # type: ignore[union-attr]
    assert cases["b.txt"].find("failure").get("type") == "info"  # type: ignore[union-attr]
    assert cases["c.txt"].find("failure") is None
    text = cases["a\\x1b.txt"].find("failure").text or ""  # type: ignore[union-attr]
    assert "\\x00\\x01\\x08\\x0b\\x0c\\x1b[31m" in text and "& <tag>" in text


def test_text_output_escapes_newline_and_esc_in_file_names_and_labels(tmp_path: Path) -> None:
    out = format_text(
        [_finding("evil\nb.txt:1:1: DL999 forged", "label 「\x1b[2J\u202e」", Severity.ERROR)],
        FormatContext(files=1),
    )
    first, _summary = out.splitlines()
    assert first.startswith("evil\\nb.txt:1:1: DL999 forged:1:1: DL104 [url-glued] ")
    assert "\x1b" not in out and "\u202e" not in out and "\\x1b[2J\\u202e" in first
    # For real: a label with ESC in an article, a file name with a newline.
    name = tmp_path / "new\nline.txt"
    text = seed_text().replace("⇒ニュースサイト出典", "⇒ロイター\x1b[2J出典", 1)
    name.write_text(text, encoding="utf-8")
    args = ("check", "--isolated", "--select", "DL1", "--no-color", str(name))
    concise = invoke(*args, "--format", "concise").stdout
    full = invoke(*args).stdout  # with the flagged lines shown
    for out in (concise, full):
        assert "\x1b" not in out and f"{tmp_path}/new\nline" not in out
    lines = concise.splitlines()
    assert all(ln.startswith(f"{tmp_path}/new\\nline.txt:") for ln in lines[:-2]), lines
    assert any("DL103" in ln and "「ロイター\\x1b[2J" in ln for ln in lines), lines
    assert "さらに読む ⇒ロイター\\x1b[2J出典" in full


def _worker_pids(parent: int) -> list[int]:
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                ln.split(":\t", 1) for ln in status.read_text().splitlines() if ":\t" in ln
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(parent):
            pids.append(int(status.parent.name))
    return pids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_sigterm_to_the_parent_stops_the_worker_processes(tmp_path: Path) -> None:
    for i in range(40):
        shutil.copy(SEED_001, tmp_path / f"a{i:02d}.txt")
    proc = subprocess.Popen(
        [exe(), "check", "--isolated", "--no-cache", "--jobs", "2", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            workers = [p for p in _worker_pids(proc.pid) if _alive(p)]
        assert len(workers) >= 2, "the pool never started"
        time.sleep(0.5)  # the workers are checking articles now
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 128 + signal.SIGTERM
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [p for p in workers if _alive(p)], "workers survived SIGTERM"
        assert b"Traceback" not in (proc.stderr.read() if proc.stderr else b"")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# ================================================================== what CI users expect
def test_exit_zero(tmp_path: Path) -> None:
    args = ("check", "--isolated", "--select", "DL1", "--exit-zero")
    result = invoke(*args, str(SEED_001))
    assert result.exit_code == 0 and "DL104" in result.stdout
    assert invoke(*args, "--diff", str(SEED_001)).exit_code == 0
    # Errors still exit 2.
    assert invoke(*args, str(SEED_001), str(tmp_path / "missing.txt")).exit_code == 2


def test_no_color_force_color_and_color_into_a_pipe() -> None:
    args = ("check", "--isolated", "--select", "DL104", str(SEED_001))
    esc = "\x1b["
    assert esc not in invoke(*args).stdout  # not a terminal: no colour
    assert esc in invoke(*args, env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout
    assert esc not in invoke(*args, env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout
    assert esc in invoke(*args, "--color", env={"NO_COLOR": "1"}).stdout
    assert esc not in invoke(*args, "--no-color", env={"FORCE_COLOR": "1"}).stdout


@pytest.mark.slow
def test_color_forced_into_a_real_pipe() -> None:
    args = ("check", "--isolated", "--select", "DL104", str(SEED_001))
    piped = subprocess.run([exe(), *args, "--color"], capture_output=True, check=False)
    assert piped.returncode == 1 and b"\x1b[" in piped.stdout
    plain = subprocess.run([exe(), *args], capture_output=True, check=False)
    assert b"\x1b[" not in plain.stdout


def test_progress_bar_on_stderr_for_long_check_runs_on_a_terminal(tmp_path: Path) -> None:
    import fcntl
    import pty
    import struct
    import termios

    small = "停戦交渉の行方\nロシアとウクライナの停戦交渉が続いています。\n"
    for i in range(60):
        (tmp_path / f"a{i:02d}.txt").write_text(small, encoding="utf-8")
    args = [exe(), "check", "--isolated", "--no-cache", "--jobs", "1", "--select", "DL104"]

    def stderr_of(*extra: str) -> bytes:
        main_fd, sub_fd = pty.openpty()
        # A new pty is 0 columns wide, where tqdm draws nothing: give it a size.
        fcntl.ioctl(sub_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
        proc = subprocess.Popen(
            [*args, *extra], stdout=subprocess.DEVNULL, stderr=sub_fd, stdin=subprocess.DEVNULL
        )
        os.close(sub_fd)
        out = b""
        while True:
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # the pty closed
                break
            if not chunk:
                break
            out += chunk
        proc.wait(timeout=60)
        os.close(main_fd)
        return out

    on_terminal = stderr_of(str(tmp_path))
    assert b"checking" in on_terminal and b"/60 [" in on_terminal, on_terminal
    # Not with --quiet, nor on fewer files, nor off a terminal: tests of the CLI that
    # run through CliRunner or a pipe would show it otherwise.


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "github", "sarif", "junit", "html"])
def test_statistics_works_with_every_format(fmt: str, tmp_path: Path) -> None:
    result = invoke(
        "check", "--isolated", "--select", "DL1", "--statistics", "--format", fmt, str(SEED_001)
    )
    no_traceback(result)
    assert result.exit_code == 1
    if fmt in ("json", "jsonl"):
        records = (
            json.loads(result.stdout)
            if fmt == "json"
            else [json.loads(ln) for ln in result.stdout.splitlines()]
        )
        assert {"code": "DL104", "name": "url-glued", "count": 3, "fixable": 3} in records
    else:  # the table instead of the findings, and the total (the table alone with -q)
        row = re.compile(r" *\d+\tDL\d{3}\t[a-z-]+( \[\*\])?")
        *rows, total = result.stdout.splitlines()
        assert rows[0] == "    3\tDL104\turl-glued [*]" and total == "Found 6 problems."
        assert all(row.fullmatch(ln) for ln in rows), rows
        quiet = invoke(
            "check", "--isolated", "--select", "DL1", "--statistics", "-q", "--format", fmt,
            str(SEED_001),
        )  # fmt: skip
        assert quiet.stdout.splitlines() == rows


def test_show_fixes_after_fix(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    shutil.copy(SEED_001, path)
    result = _fix("--select", "DL1", "--show-fixes", str(path))
    assert result.stderr.splitlines()[-3:] == [
        "digest-lint: fixed 3 problems in 1 file",
        "digest-lint: fixes applied:",
        f"digest-lint:   {path}: 3 (DL104 ×3)",
    ]
    assert "DL104" not in result.stdout and "DL101" in result.stdout
    assert "fixes applied" not in _fix("--select", "DL1", "--show-fixes", str(path)).stderr


def test_stdin_filename(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "digest-lint.toml").write_text(
        'select = ["DL1"]\n[per-file-ignores]\n"archive/*" = ["DL104"]\n', encoding="utf-8"
    )
    name = str(tmp_path / "archive" / "named.txt")
    result = invoke("check", "--stdin-filename", name, "-", input=seed_text())
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{name}:") and "DL104" not in result.stdout
    plain = invoke("check", "--isolated", "--select", "DL1", "-", input=seed_text())
    assert plain.stdout.startswith("<stdin>:") and "DL104" in plain.stdout
    assert invoke("check", "--stdin-filename", "x.txt", str(SEED_001)).exit_code == 2


def test_diff_of_standard_input() -> None:
    result = invoke("check", "--isolated", "--select", "DL104", "--diff", "-", input=seed_text())
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/<stdin>\n+++ b/<stdin>\n@@ ")
    assert "+ロシアは停戦を急ぐメリットが少ないため" in result.stdout
    named = invoke(
        "check", "--isolated", "--select", "DL104", "--diff", "--stdin-filename", "n.txt", "-",
        input=seed_text(),
    )  # fmt: skip
    assert named.stdout.startswith("--- a/n.txt\n+++ b/n.txt\n")
    clean = invoke("check", "--isolated", "--select", "DL104", "--diff", "-", input=clean_text())
    assert clean.exit_code == 0 and clean.stdout == ""


def test_empty_select_is_an_error() -> None:
    for args in (("--select", ""), ("--select", ","), ("--select", " ")):
        result = invoke("check", "--isolated", *args, str(SEED_001))
        assert result.exit_code == 2, args
        assert "--select names no rule" in result.stderr and result.stdout == ""


def _config_error(tmp_path: Path, toml: str) -> str:
    config = tmp_path / "digest-lint.toml"
    config.write_text(toml, encoding="utf-8")
    shutil.copy(SEED_001, tmp_path / "a.txt")
    result = invoke("check", str(tmp_path / "a.txt"))
    no_traceback(result)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    prefix = f"digest-lint: config error: {config}: "
    assert line.startswith(prefix), line
    return line[len(prefix) :]


def test_per_file_ignores_with_an_unknown_code_is_an_error(tmp_path: Path) -> None:
    message = _config_error(tmp_path, '[per-file-ignores]\n"archive/*" = ["DL104", "DL999"]\n')
    assert "per-file-ignores" in message and "'DL999' matches no rule" in message
    assert "(line 2)" in message


@pytest.mark.parametrize(
    ("toml", "wanted"),
    [
        ('selct = ["DL1"]\n', ["unknown key 'selct' (line 1)", "did you mean 'select'?"]),
        ('select = ["DL1"]\nfail-on = "warnin"\n', ["'fail-on' (line 2)", "'warning'"]),
        ('select = ["DL1", "stale-titel"]\n', ["'stale-titel'", "(line 1)", "'stale-title'?"]),
        ('ignore = ["DL9"]\n', ["ignore", "'DL9' matches no rule", "(line 1)"]),
        (
            '\n[severity]\nstale-titel = "error"\n',
            ["'stale-titel' is not a rule", "(line 3)", "did you mean 'stale-title'?"],
        ),
        (
            "[rules.DL107]\ntolerance-dayz = 3\n",
            ["rules.DL107.tolerance-dayz: unknown key (line 2)", "did you mean 'tolerance-days'?"],
        ),
        (
            '[rules.DL107]\ntolerance-days = "three"\n',
            ["rules.DL107.tolerance-days", "(line 2)", "integer"],
        ),
        ("[rules.DL17]\ntolerance-days = 3\n", ["'DL17' is not a rule", "(line 1)", "'DL107'"]),
        ('select = ["DL1"]\nfail-on =\n', ["invalid TOML", "line 2"]),
        ("[rules.DL104]\nx = 1\n", ["rules.DL104.x: unknown key (line 2)"]),
    ],
)
def test_config_errors_name_the_line_in_plain_words_with_did_you_mean(
    tmp_path: Path, toml: str, wanted: list[str]
) -> None:
    message = _config_error(tmp_path, toml)
    for part in wanted:
        assert part in message, message
    assert "Extra inputs are not permitted" not in message


def _archive(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "archive").mkdir()
    shutil.copy(SEED_001, tmp_path / "archive" / "a.txt")
    return tmp_path / "archive", tmp_path / "c.db"


def test_python_m_digest_lint_cli_index_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m digest_lint.cli index build …``, as the interpreter runs it (runpy)."""
    import runpy

    archive, db = _archive(tmp_path)
    argv = ["digest_lint.cli", "index", "build", "--isolated", str(archive), "--db", str(db)]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("digest_lint.cli", run_name="__main__", alter_sys=True)
    assert stopped.value.code == 0
    assert f"{db}: 記事1件、引用3件" in capsys.readouterr().out


@pytest.mark.slow
def test_python_m_digest_lint_cli_index_works_in_a_subprocess(tmp_path: Path) -> None:
    archive, db = _archive(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "digest_lint.cli", "index", "build", "--isolated",
         str(archive), "--db", str(db)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{db}: 記事1件、引用3件" in done.stdout


def test_output_into_a_closed_pipe_is_no_internal_error() -> None:
    """``digest-lint check … | head -1``: a reader that stops early is no bug."""
    proc = subprocess.Popen(
        [exe(), "check", "--isolated", "--select", "DL1", "--statistics", str(SEEDS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 128 + signal.SIGPIPE  # what a shell gives
    assert "internal error" not in err and "Traceback" not in err


def test_config_errors_in_japanese_name_the_line_too(tmp_path: Path) -> None:
    (tmp_path / "digest-lint.toml").write_text(
        'select = ["DL1"]\n[severity]\nstale-titel = "error"\n', encoding="utf-8"
    )
    shutil.copy(SEED_001, tmp_path / "a.txt")
    result = invoke("check", "--lang", "ja", str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert "（3行目）" in result.stderr and "'stale-title' の誤りではありませんか" in result.stderr
    option = tmp_path / "digest-lint.toml"
    option.write_text("[rules.DL107]\ntolerance-dayz = 3\n", encoding="utf-8")
    result = invoke("check", "--lang", "ja", str(tmp_path / "a.txt"))
    assert "rules.DL107.tolerance-dayz: このキーは使えません（2行目）" in result.stderr
    assert "'tolerance-days' の誤りではありませんか" in result.stderr
