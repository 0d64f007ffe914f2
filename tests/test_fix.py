"""``check --fix``, ``--unsafe-fixes`` and ``--diff``."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest_lint.cli import main
from digest_lint.config import Config
from digest_lint.engine.engine import Engine
from digest_lint.gate.fixes import WriteError, apply_fixes, fix_source, write_fixed
from digest_lint.io.sources import read_source
from digest_lint.model.findings import Applicability, Finding, Fix, Severity
from digest_lint.model.text import LineIndex
from digest_lint.rules import BY_CODE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED_001 = next(SEEDS.glob("001_*.txt"))
GLUED = "https://mainichi.jp/articles/20250319/k00/00m/030/319000cロシアは停戦を急ぐ"
SPLIT = "https://mainichi.jp/articles/20250319/k00/00m/030/319000c\nロシアは停戦を急ぐ"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--isolated", *args])


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    path = tmp_path / "001.txt"
    shutil.copy(SEED_001, path)
    return path


def test_fix_seed_and_second_run_changes_nothing(seed_copy: Path) -> None:
    result = invoke("--fix", str(seed_copy))
    fixed = seed_copy.read_text(encoding="utf-8")
    assert SPLIT in fixed and GLUED not in fixed
    assert "の問題を修正しました" in result.stderr
    # DL104 is gone after fixing; what is left decides the exit status.
    assert "DL104" not in result.stdout
    assert result.exit_code == (1 if "件の問題（" in result.stdout else 0)
    once = seed_copy.read_bytes()
    second = invoke("--fix", str(seed_copy))
    assert seed_copy.read_bytes() == once
    assert "修正しました" not in second.stderr
    diff = invoke("--diff", str(seed_copy))
    assert diff.exit_code == 0 and diff.stdout == ""


def test_fix_exit_status_is_what_is_left(seed_copy: Path) -> None:
    before = invoke("--select", "DL104", str(seed_copy))
    assert before.exit_code == 1
    after = invoke("--select", "DL104", "--fix", str(seed_copy))
    assert after.exit_code == 0, after.output
    assert "問題は見つかりませんでした（1ファイル）" in after.stdout
    assert "1ファイルで3件の問題を修正しました" in after.stderr


def test_fix_only_safe_unless_unsafe_fixes(seed_copy: Path) -> None:
    label = "⇒ニュースサイト出典"
    invoke("--select", "DL103", "--fix", str(seed_copy))
    assert label in seed_copy.read_text(encoding="utf-8")
    result = invoke("--select", "DL103", "--fix", "--unsafe-fixes", str(seed_copy))
    assert label not in seed_copy.read_text(encoding="utf-8")
    assert "⇒毎日新聞出典" in seed_copy.read_text(encoding="utf-8")
    assert result.exit_code == 0, result.output


def test_crlf_and_bom_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    text = SEED_001.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    invoke("--select", "DL104", "--fix", str(path))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert SPLIT.replace("\n", "\r\n").encode("utf-8") in raw
    assert raw.count(b"\r\n") == text.count("\r\n") + 3


@pytest.mark.skipif("DL502" not in BY_CODE, reason="DL502 not built yet")
def test_legacy_encoding_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "sjis.txt"
    path.write_bytes("停戦の行方\n交渉は続くのでしょうか?。\n".encode("cp932"))
    result = invoke("--select", "DL502", "--fix", str(path))
    assert "Shift_JIS (CP932)として読みました" in result.stderr
    assert path.read_bytes() == "停戦の行方\n交渉は続くのでしょうか?\n".encode("cp932")


def test_diff_prints_and_writes_nothing(seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    result = invoke("--select", "DL104", "--diff", str(seed_copy))
    assert result.exit_code == 1
    assert seed_copy.read_bytes() == before
    assert result.stdout.startswith(f"--- a/{seed_copy}\n+++ b/{seed_copy}\n")
    assert "+ロシアは停戦を急ぐメリットが少ないため" in result.stdout
    assert "1ファイルで3件の問題を修正できます" in result.stderr
    english = invoke("--lang", "en", "--select", "DL104", "--diff", str(seed_copy))
    assert "would fix 3 problems in 1 file" in english.stderr


def test_atomic_write_leaves_file_untouched_on_failure(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = seed_copy.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = invoke("--select", "DL104", "--fix", str(seed_copy))
    assert seed_copy.read_bytes() == before
    assert sorted(p.name for p in seed_copy.parent.iterdir()) == [seed_copy.name]
    assert f"{seed_copy}: 修正を書けません（No space left on device）" in result.stderr
    assert result.exit_code == 1  # the findings are still there
    assert "Traceback" not in result.output


def test_file_changed_on_disk_is_left_alone(seed_copy: Path) -> None:
    engine = Engine.build(Config(select=["DL104"]))
    source = read_source(str(seed_copy))
    outcome = fix_source(engine, source)
    assert outcome.changed and outcome.applied == 3
    seed_copy.write_text("an editor saved this meanwhile\n", encoding="utf-8")
    with pytest.raises(WriteError, match="changed on disk since it was read"):
        write_fixed(source, outcome.fixed)
    assert seed_copy.read_text(encoding="utf-8") == "an editor saved this meanwhile\n"


def test_fix_never_writes_through_a_symlink(seed_copy: Path) -> None:
    """A symlink may lead out of the checked tree: --fix refuses it and says so."""
    link = seed_copy.parent / "link.txt"
    link.symlink_to(seed_copy.name)
    before = seed_copy.read_bytes()
    result = invoke("--select", "DL104", "--fix", str(link))
    assert link.is_symlink()
    assert seed_copy.read_bytes() == before
    assert f"{link}: シンボリックリンクなので修正していません" in result.stderr


def test_fix_keeps_file_mode(seed_copy: Path) -> None:
    seed_copy.chmod(0o640)
    invoke("--select", "DL104", "--fix", str(seed_copy))
    assert seed_copy.stat().st_mode & 0o777 == 0o640


def test_fix_of_stdin_prints_the_fixed_article() -> None:
    """Like ruff: standard input cannot be fixed in place, so the fixed text is printed."""
    text = SEED_001.read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--select", "DL104", "--fix", "-"], input=text
    )
    assert result.exit_code == 0, result.output
    assert SPLIT in result.stdout and result.stdout != text


def test_fix_of_stdin_reports_what_is_left_on_stderr_and_exits_1() -> None:
    """Was: exit 0 and silence, although findings the safe fixes cannot touch were left.
    As for files, what is left decides the exit status; standard output stays the
    article alone."""
    text = SEED_001.read_text(encoding="utf-8")
    args = ["check", "--isolated", "--as-of", "2025-06-01", "--format", "concise"]
    result = CliRunner().invoke(main, [*args, "--fix", "-"], input=text)
    assert result.exit_code == 1, result.output
    fixed = CliRunner().invoke(main, [*args, "--select", "DL104", "--fix", "-"], input=text)
    assert SPLIT in result.stdout and "<stdin>:" not in result.stdout
    left = CliRunner().invoke(main, [*args, "-"], input=result.stdout)
    assert left.exit_code == 1
    reported = [ln for ln in result.stderr.splitlines() if ln.startswith("<stdin>:")]
    assert reported == [ln for ln in left.stdout.splitlines() if ln.startswith("<stdin>:")]
    assert fixed.exit_code == 0 and "<stdin>:" not in fixed.stderr


def test_fixable_hint_with_only_unsafe_fixes_left() -> None:
    text = SEED_001.read_text(encoding="utf-8")
    args = ["check", "--isolated", "--as-of", "2025-06-01"]
    result = CliRunner().invoke(main, [*args, "--fix", "-"], input=text)
    assert "[*] 0件" not in result.stderr
    assert "件は --fix --unsafe-fixes で修正できます（要確認の修正）。" in result.stderr


def _f(text: str, start: int, end: int, replacement: str, code: str = "DL502") -> Finding:
    span = LineIndex(text).span(start, end)
    return Finding(
        path="t.txt",
        line=span.line,
        column=span.column,
        end_line=span.end_line,
        end_column=span.end_column,
        code=code,
        name="x",
        severity=Severity.WARNING,
        message="m",
        fix=Fix.replace(span, replacement),
    )


def test_overlapping_fixes_apply_the_first_and_report_the_rest() -> None:
    text = "abcdef"
    first = _f(text, 1, 3, "X", "DL104")
    overlapping = _f(text, 2, 4, "Y")
    later = _f(text, 4, 5, "W")
    new, applied, skipped = apply_fixes(text, [later, overlapping, first])
    assert new == "aXdWf"
    assert applied == [first, later]
    assert skipped == [overlapping]


def test_two_insertions_at_one_point_conflict() -> None:
    text = "abc"
    a, b = _f(text, 1, 1, "X"), _f(text, 1, 1, "Y", "DL104")
    new, applied, skipped = apply_fixes(text, [a, b])
    assert new == "aXbc" and applied == [a] and skipped == [b]


def test_overlapping_fixes_are_retried_after_recheck(seed_copy: Path) -> None:
    """The loop re-checks after each pass, so the skipped fix lands in a later one."""
    engine = Engine.build(Config(select=["DL1", "DL5"]))
    outcome = fix_source(engine, read_source(str(seed_copy)))
    assert outcome.converged
    second = fix_source(engine, read_source(str(seed_copy)).__class__(str(seed_copy), outcome.text))
    assert not second.changed


def test_unsafe_fixes_need_the_flag() -> None:
    text = "abc"
    span = LineIndex(text).span(0, 1)
    f = _f(text, 0, 1, "A").model_copy(update={"fix": Fix.replace(span, "A", Applicability.UNSAFE)})
    assert apply_fixes(text, [f])[0] == "abc"
    assert apply_fixes(text, [f], unsafe=True)[0] == "Abc"


def test_identical_fixes_apply_once() -> None:
    text = "abc"
    a, b = _f(text, 1, 1, "\n"), _f(text, 1, 1, "\n", "DL104")
    new, applied, skipped = apply_fixes(text, [a, b])
    assert new == "a\nbc" and len(applied) == 2 and not skipped


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_fix_of_a_seed_brings_no_new_finding(seed: Path) -> None:
    """The rule cases' round trip on the seeds: every fix, unsafe ones too, applied; the
    fixed text re-linted by every rule has no finding the text had not."""
    from tests.cases import new_findings

    engine = Engine.build(Config(select=["DL"]))
    source = read_source(str(seed))
    outcome = fix_source(engine, source, unsafe=True)
    assert outcome.converged and outcome.changed == (outcome.applied > 0)
    before = engine.check_source(source).findings
    after = engine.check_source(source.__class__(str(seed), outcome.text)).findings
    new = new_findings(after, before, source.text, outcome.text)
    assert not new, [(f.code, f.line, f.snippet, f.message) for f in new]
    assert not [f for f in after if f.fix is not None]  # a fixed point
