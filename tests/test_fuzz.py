"""Fuzzing the whole check (issue 11): mutated seeds and fixtures, hostile characters.

For every mutated article: no exception escapes the engine; every finding's span lies
inside the text, its line and column are its offset's and its snippet is the flagged
text; a rule that quotes the flagged text in its message (「…」) quotes what it flags;
``--fix`` gives exactly the reported edits applied to the input, pass after pass, and the
fixed article re-lints without a fix left to apply. A few examples go through the
command line too.

The default run is bounded to a few seconds; ``pytest -m slow`` runs many more examples.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest_lint.cli import main
from digest_lint.config import Config
from digest_lint.engine.engine import Engine
from digest_lint.gate.fixes import MAX_PASSES, fix_source, fixable
from digest_lint.io.sources import InputError, SourceText, decode
from digest_lint.model.findings import Finding
from digest_lint.model.text import LineIndex
from digest_lint.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 22)
#: Seeds and fixtures to mutate (the holdout set is QA's and stays unseen).
BASES = sorted(
    p
    for d in ("seeds", "clean", "qa")
    for p in (ROOT / "fixtures" / d).iterdir()
    if p.suffix in (".txt", ".md")
)
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in BASES}

#: Rules whose message quotes the flagged text (its first 「…」): DL103 the label's
#: publisher part, DL104 the fused sentence (cut to 24 characters, then …), DL202 the
#: unsupported term, DL302 the stale title as written, DL303 the variant spelling, DL401
#: the late date (in Japanese messages, the default). Others quote something else: DL101
#: and DL201 the card's headline, DL301 the right titles, DL404 the corrected weekday.
QUOTES_FLAGGED = frozenset({"DL103", "DL104", "DL202", "DL302", "DL303", "DL401"})
QUOTE = re.compile(r"「(.*?)」", re.S)

#: Characters that decoding a real file can produce and that rules and the parser meet
#: rarely: controls (no NUL: such a file is refused as binary), CR, line and paragraph
#: separators, bidi and zero-width marks, BOM, emoji (with ZWJ and skin tone), long
#: vowel marks and dashes, every bracket, page markers, punctuation of both widths.
#: Every rule, opt-in ones too.
OPT_IN = [r.code for r in RULES if not r.default_enabled]

HOSTILE = (
    "\t\r\x0b\x0c\x1b\x7f\x85\u2028\u2029\u200b\u200d\u202e\ufeff\ufffd"
    "ーｰ－—―〜~「」『』（）()[]{}【】〈〉《》<>\"'"
    "✅💡🚩⇒→😀👍🏽👨‍👩‍👧🇯🇵"
    "。、．，！？!?:：/・…　 "
    "0123456789０１２３４５６７８９年月日曜前元次期氏大統領首相"
    "aZｱｶﾞ"
)
HOSTILE_LINES = (
    "",
    "公開日:2025/02/30",
    "公開日:2025/13/45",
    "公開日:9999/99/99(月)",
    "公開日:2025/03/19(水)",
    "公開日:0000/01/01(月)",
    "公開日:0001/01/01",
    "公開日:9999/12/31",
    "date: 0001-01-01",
    "date: 9999-12-31",
    "3月19日(水)に会談した。昨年5月にも、来年1月1日(月)にも。",
    "✅ ",
    "✅ " + "a" * 600,
    "✅ " + "ー" * 600,
    "✅ トランプ前大統領とバイデン大統領、岸田首相が2025年3月19日(月)に会談した。",
    "さらに読む ⇒出典/画像元: https://www.asahi.com:abc/a",
    "さらに読む ⇒毎日新聞出典/画像元: http://[x/aロシアは停戦を急ぐ。",
    "さらに読む ⇒ニュースサイト出典/画像元: https://example.com:99999/2025/13/45/x",
    "さらに読む ⇒朝日新聞出典/画像元: https://mainichi.jp/articles/20250319/kさらに読む "
    "⇒朝日新聞出典/画像元: https://www.asahi.com/articles/20250320/x続く。",
    "さらに読む ⇒",
    "🚩 結論",
    "💡 " + "？" * 50,
    "---",
    "date: 2025-02-30",
    "# " + "[" * 300,
    "<!-- digest-lint-disable DL104 -->",
    "<!-- digest-lint-disable-next-line url-glued -- reason -->",
    "<!-- digest-lint-enable",
    "<!-- digest-lint-disable-next-line DL999 -->",
    "プーチン大統領はトランプ大統領に何の譲歩をしたのか?。。",
    "ゼレンスキー、ゼレンスキイ、ゼレンスキー氏。",
    "😀" * 300,
    "a" * 3_000,
)

hostile_text = st.one_of(
    st.text(alphabet=st.sampled_from(HOSTILE), max_size=40),
    # Any character a UTF-8 file can hold (no surrogates; NUL makes a binary file).
    st.text(
        alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20
    ),
)
long_run = st.builds(
    lambda ch, n: ch * n, st.sampled_from(["ー", "a", "😀", "[", "「", "。", " ", "\r"]),
    st.integers(50, 2_000),
)  # fmt: skip


def _insert_line(lines: list[str], data: st.DataObject) -> None:
    new = data.draw(st.one_of(st.sampled_from(HOSTILE_LINES), hostile_text, long_run))
    lines.insert(data.draw(st.integers(0, len(lines))), new)


def _delete_line(lines: list[str], data: st.DataObject) -> None:
    if lines:
        del lines[data.draw(st.integers(0, len(lines) - 1))]


def _duplicate_line(lines: list[str], data: st.DataObject) -> None:
    if lines:
        i = data.draw(st.integers(0, len(lines) - 1))
        lines.insert(data.draw(st.integers(0, len(lines))), lines[i])


def _insert_chars(lines: list[str], data: st.DataObject) -> None:
    if lines:
        i = data.draw(st.integers(0, len(lines) - 1))
        at = data.draw(st.integers(0, len(lines[i])))
        new = data.draw(st.one_of(hostile_text, long_run))
        lines[i] = lines[i][:at] + new + lines[i][at:]


def _delete_chars(lines: list[str], data: st.DataObject) -> None:
    if lines:
        i = data.draw(st.integers(0, len(lines) - 1))
        a = data.draw(st.integers(0, len(lines[i])))
        b = data.draw(st.integers(a, min(len(lines[i]), a + 30)))
        lines[i] = lines[i][:a] + lines[i][b:]


def _shuffle(lines: list[str], data: st.DataObject) -> None:
    data.draw(st.randoms(use_true_random=False)).shuffle(lines)


def _new_article(lines: list[str], data: st.DataObject) -> None:
    """Replace the article with one made of hostile lines and lines of the bases."""
    pool = st.one_of(
        st.sampled_from(HOSTILE_LINES),
        st.sampled_from([ln for t in TEXTS.values() for ln in t.split("\n")]),
        hostile_text,
    )
    lines[:] = data.draw(st.lists(pool, max_size=40))


def _cut_in_a_card(lines: list[str], data: st.DataObject) -> None:
    """End the article in the middle of a card: after 公開日, in a bullet, in a URL."""
    marks = [i for i, ln in enumerate(lines) if ln.startswith(("公開日", "✅", "さらに読む"))]
    if marks:
        i = data.draw(st.sampled_from(marks))
        del lines[i + 1 :]
        lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]


MUTATIONS = {
    f.__name__.lstrip("_"): f
    for f in (
        _insert_line,
        _delete_line,
        _duplicate_line,
        _insert_chars,
        _delete_chars,
        _shuffle,
        _cut_in_a_card,
        _new_article,
    )
}


MAX_MUTATIONS = 6


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, str, list[str]]:
    """``(path, raw text, mutations applied)``: a base article, mutated a few times."""
    name = draw(st.sampled_from(sorted(TEXTS)))
    lines = TEXTS[name].split("\n")
    data = draw(st.data())
    applied = draw(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=MAX_MUTATIONS))
    for m in applied:
        MUTATIONS[m](lines, data)
    ending = draw(st.sampled_from(["\n", "\r\n", "mixed"]))
    if ending == "mixed":
        text = "".join(ln + ("\r\n" if i % 2 else "\n") for i, ln in enumerate(lines))
    else:
        text = ending.join(lines)
    suffix = draw(st.sampled_from([Path(name).suffix, ".md", ".txt"]))
    return f"fuzz{suffix}", text, applied


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.build(Config(as_of=AS_OF, extend_select=OPT_IN))


# ------------------------------------------------------------------ the properties
def assert_findings_sound(text: str, findings: list[Finding]) -> None:
    lines = LineIndex(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert (f.line, f.column) == lines.position(f.start), f
        assert (f.end_line, f.end_column) == lines.position(f.end), f
        flagged = text[f.start : f.end]
        assert f.snippet == flagged, f
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(text), f
            assert (f.fix.line, f.fix.column) == lines.position(f.fix.start), f
        if f.code in QUOTES_FLAGGED:
            m = QUOTE.search(f.message)
            assert m is not None, f"{f.code} quotes nothing: {f.message}"
            quoted = m.group(1).strip()
            if quoted.endswith("…") and f.code == "DL104":
                quoted = quoted[:-1]  # cut by the message
            assert quoted in flagged, (f.code, quoted, flagged)


def reference_fix(text: str, findings: list[Finding], unsafe: bool) -> tuple[str, int]:
    """The reported fixes applied to ``text``: in order of position, the first of
    overlapping (or same-point) edits wins and an edit proposed twice is made once."""
    edits = [(f.fix.start, f.fix.end, f.fix.replacement) for f in findings if f.fix]
    edits = [
        e for e, f in zip(edits, (f for f in findings if f.fix), strict=True) if fixable(f, unsafe)
    ]
    edits.sort(key=lambda e: (e[0], e[1]))  # stable: report order among equals
    chosen: list[tuple[int, int, str]] = []
    for edit in edits:
        if chosen and edit == chosen[-1]:
            continue
        if chosen and (edit[0] < chosen[-1][1] or edit[0] == chosen[-1][0]):
            continue
        chosen.append(edit)
    for start, end, replacement in reversed(chosen):
        text = text[:start] + replacement + text[end:]
    return text, len(chosen)


def check_one(engine: Engine, path: str, raw: bytes, unsafe: bool = False) -> None:
    try:
        source = decode(path, raw)
    except InputError:
        return  # refused as input (one line, exit 2): no crash
    result = engine.check_source(source)  # raises on a bug: the example fails
    assert_findings_sound(source.text, result.findings)

    outcome = fix_source(engine, source, unsafe)
    if not outcome.converged:  # reported, and nothing is written (test_hardening)
        assert outcome.passes <= MAX_PASSES
        return
    # The fixed text is the reported edits applied, pass after pass.
    text, findings = source.text, result.findings
    for _ in range(outcome.passes):
        new, n = reference_fix(text, findings, unsafe)
        if not n or new == text:
            break
        text = new
        findings = engine.check_source(SourceText(path, text)).findings
    assert outcome.text == text
    # Re-linted, nothing is left to fix, and every other line ending is as it was.
    assert not [
        f
        for f in engine.check_source(outcome.fixed).findings
        if fixable(f, unsafe) and f.fix and text[f.fix.start : f.fix.end] != f.fix.replacement
    ]
    written = outcome.fixed.original()  # what --fix writes, with the file's own endings
    assert written.replace("\r\n", "\n").replace("\r", "\n") == outcome.text


def _examples(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@_examples(12)
@given(article=articles(), unsafe=st.booleans())
def test_fuzz_engine(engine: Engine, article: tuple[str, str, list[str]], unsafe: bool) -> None:
    path, text, _ = article
    check_one(engine, path, text.encode("utf-8"), unsafe)


@pytest.mark.slow
@_examples(400)
@given(article=articles(), unsafe=st.booleans())
def test_fuzz_engine_long(
    engine: Engine, article: tuple[str, str, list[str]], unsafe: bool
) -> None:
    path, text, _ = article
    check_one(engine, path, text.encode("utf-8"), unsafe)


def _bases_unmutated(engine: Engine, names: list[str]) -> set[str]:
    seen: set[str] = set()
    for name in names:
        text = TEXTS[name]
        check_one(engine, name, text.encode("utf-8"))
        seen |= {f.code for f in engine.check_source(SourceText(name, text)).findings}
    return seen


def test_fuzz_seeds_findings_unmutated(engine: Engine) -> None:
    """The seed pages' findings as they are (and the quote checks exercised)."""
    seen: set[str] = set()
    for name in (n for n in TEXTS if (ROOT / "fixtures/seeds" / n).exists()):
        findings = engine.check_source(SourceText(name, TEXTS[name])).findings
        assert_findings_sound(TEXTS[name], findings)
        seen |= {f.code for f in findings}
    assert seen >= QUOTES_FLAGGED - {"DL202", "DL401"}


@pytest.mark.slow
def test_fuzz_bases_unmutated(engine: Engine) -> None:
    """Every seed and fixture as it is."""
    assert _bases_unmutated(engine, sorted(TEXTS)) >= QUOTES_FLAGGED


# ------------------------------------------------------------------ through the CLI
def _cli_example(tmp_path: Path, path: str, text: str) -> None:
    file = tmp_path / path
    file.write_bytes(text.encode("utf-8"))
    runner = CliRunner()
    base = ["check", "--isolated", "--jobs", "1", "--as-of", AS_OF.isoformat()]
    checked = runner.invoke(main, [*base, "--format", "json", str(file)])
    assert checked.exit_code in (0, 1), checked.output
    findings = json.loads(checked.stdout)
    lines = decode(str(file), file.read_bytes()).text.split("\n")
    for f in findings:
        assert f["path"] == str(file)
        assert 1 <= f["line"] <= f["end_line"] <= len(lines)
        assert (f["line"], f["column"]) <= (f["end_line"], f["end_column"])
        assert 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1
    fixed = runner.invoke(main, [*base, "--fix", str(file)])
    assert fixed.exit_code in (0, 1), fixed.output
    assert "internal error" not in fixed.output and "Traceback" not in fixed.output
    again = runner.invoke(main, [*base, "--diff", str(file)])
    if "did not settle" not in fixed.stderr:
        assert again.exit_code == 0 and again.stdout == "", again.stdout  # nothing left
    else:
        assert file.read_bytes() == text.encode("utf-8")  # untouched


@settings(max_examples=3, deadline=None, database=None)
@given(article=articles())
def test_fuzz_cli(
    tmp_path_factory: pytest.TempPathFactory, article: tuple[str, str, list[str]]
) -> None:
    path, text, _ = article
    _cli_example(tmp_path_factory.mktemp("fuzz"), path, text)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, database=None)
@given(article=articles())
def test_fuzz_cli_long(
    tmp_path_factory: pytest.TempPathFactory, article: tuple[str, str, list[str]]
) -> None:
    path, text, _ = article
    _cli_example(tmp_path_factory.mktemp("fuzz"), path, text)
