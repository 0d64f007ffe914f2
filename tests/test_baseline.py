"""Baselines: ``--write-baseline`` records findings, ``--baseline`` reports only new ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest_lint.cli import main
from digest_lint.gate.baseline import Baseline, BaselineError, write_baseline
from digest_lint.model.findings import Finding, Severity

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--isolated", *args])


def findings_of(result: Result) -> list[dict]:
    return json.loads(result.stdout)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    d = tmp_path / "archive"
    shutil.copytree(SEEDS, d, ignore=shutil.ignore_patterns("*.json"))
    return d


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_adopt_baseline_then_only_new_defects(archive: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    result = invoke("--select", "DL1", "--write-baseline", str(baseline), str(archive))
    assert result.exit_code == 0, result.output
    recorded = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert len(recorded) >= 15
    assert f"{len(recorded)}件の指摘をベースライン {baseline} に書きました" in result.stderr

    clean = invoke("--select", "DL1", "--baseline", str(baseline), str(archive))
    assert clean.exit_code == 0, clean.output
    assert "問題は見つかりませんでした" in clean.stdout
    assert (
        f"ベースライン {baseline} にある{len(recorded)}件の指摘は表示していません" in clean.stderr
    )
    english = invoke("--lang", "en", "--select", "DL1", "--baseline", str(baseline), str(archive))
    assert f"{len(recorded)} findings hidden by baseline" in english.stderr

    # An edit above old findings moves them down two lines: they stay hidden.
    seed1 = next(archive.glob("001_*.txt"))
    _edit(seed1, "得られていません\n", "得られていません\n補足です。\n追記です。\n")
    # A new defect: a citation URL glued to the next sentence in 000.
    seed0 = next(archive.glob("000_*.txt"))
    _edit(seed0, "&g=int\n\nゼレンスキー", "&g=intゼレンスキー")

    after = invoke("--select", "DL1", "--baseline", str(baseline), "--format", "json", str(archive))
    assert after.exit_code == 1
    new = findings_of(after)
    assert [(Path(f["path"]).name, f["code"]) for f in new] == [(seed0.name, "DL104")], new


def test_line_numbers_do_not_matter(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("001_*.txt"))
    article = tmp_path / "a.txt"
    shutil.copy(seed, article)
    baseline = tmp_path / "b.json"
    invoke("--select", "DL104", "--write-baseline", str(baseline), str(article))
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert {e["path"] for e in entries} == {"a.txt"}
    assert all(e["snippet"].startswith("https://") for e in entries)
    text = article.read_text(encoding="utf-8")
    lines = text.split("\n")
    article.write_text("\n".join(lines[:2] + ["追記です。"] * 5 + lines[2:]), encoding="utf-8")
    result = invoke("--select", "DL104", "--baseline", str(baseline), str(article))
    assert result.exit_code == 0, result.output


def test_same_defect_twice_counts_occurrences(tmp_path: Path) -> None:
    def f(line: int) -> Finding:
        return Finding(
            path=str(tmp_path / "a.txt"),
            line=line,
            column=1,
            end_line=line,
            end_column=3,
            code="DL502",
            name="doubled-punctuation",
            severity=Severity.WARNING,
            message="m",
            snippet="?。",
        )

    path = tmp_path / "b.json"
    write_baseline(str(path), [f(3)])
    kept, hidden = Baseline.load(str(path)).filter([f(1), f(9)])
    assert hidden == 1 and [k.line for k in kept] == [9]


def test_corpus_findings_match_on_their_url(archive: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    invoke("--select", "DL106", "--write-baseline", str(baseline), str(archive))
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert len(entries) == 3
    assert {e["snippet"] for e in entries} == {"https://globe.asahi.com/article/15630313"}
    # A fourth article citing the same source: only it is new.
    shutil.copy(next(archive.glob("000_*.txt")), archive / "005_copy.txt")
    result = invoke(
        "--select", "DL106", "--baseline", str(baseline), "--format", "json", str(archive)
    )
    new = findings_of(result)
    asahi = [f for f in new if f["message"].startswith("https://globe.asahi.com/article/15630313 ")]
    # The three recorded ones stay hidden even though their messages now name the copy.
    assert [Path(f["path"]).name for f in asahi] == ["005_copy.txt"]
    # 000's other sources are newly shared with the copy: new findings, rightly.
    assert {Path(f["path"]).name for f in new} == {"000_16a9df6dd44b8a61.txt", "005_copy.txt"}


@pytest.mark.parametrize(
    ("content", "message", "japanese"),
    [
        (
            "{not json",
            "corrupt baseline: invalid JSON at line 1",
            "ベースラインが壊れています: 1行目がJSONとして読めません",
        ),
        (
            '{"version": 1}',
            "corrupt baseline: findings: Field required",
            "ベースラインが壊れています: findings: ",
        ),
        (
            '{"version": 1, "findings": [{"path": "a"}]}',
            "corrupt baseline: findings.0.code",
            "ベースラインが壊れています: findings.0.code",
        ),
        (
            '{"version": 7, "findings": []}',
            "baseline version 7 is not supported",
            "ベースラインの形式 7 には対応していません",
        ),
        ("[]", "corrupt baseline: top level", "ベースラインが壊れています: 全体の形が違います"),
    ],
)
def test_corrupt_baseline_is_exit_2_naming_the_file(
    tmp_path: Path, content: str, message: str, japanese: str
) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    result = invoke("--baseline", str(path), str(SEEDS))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"digest-lint: {path}: {japanese}"), result.stderr
    english = invoke("--lang", "en", "--baseline", str(path), str(SEEDS))
    assert english.stderr.startswith(f"digest-lint: {path}: {message}"), english.stderr
    assert "Traceback" not in result.output + english.output


def test_missing_baseline(tmp_path: Path) -> None:
    result = invoke("--baseline", str(tmp_path / "none.json"), str(SEEDS))
    assert result.exit_code == 2
    assert "none.json: ベースラインのファイルがありません" in result.stderr
    with pytest.raises(BaselineError):
        Baseline.load(str(tmp_path / "none.json"))


def test_baseline_and_write_baseline_together_is_usage_error(tmp_path: Path) -> None:
    p = str(tmp_path / "b.json")
    assert invoke("--baseline", p, "--write-baseline", p, str(SEEDS)).exit_code == 2


def _weekday_page(*bullets: str) -> str:
    from tests.pages import page

    return page(cards=[{"date": "2025/04/01", "bullets": list(bullets)}], prose=["本文の段落。"])


def test_new_finding_with_the_same_short_snippet_on_another_line_is_reported(
    tmp_path: Path,
) -> None:
    """Was: DL404 flags only 「月」; a new wrong weekday above the recorded one took its
    place in the baseline, and the old one was shown instead of the new."""
    article = tmp_path / "a.txt"
    old = "会談は4月12日(月)に行われる見通しだ。"
    article.write_text(_weekday_page(old, "要約の2文目である。"), encoding="utf-8")
    baseline = tmp_path / "bl.json"
    args = ("--as-of", "2025-04-20", "--select", "DL404", "--format", "json")
    invoke(*args, "--write-baseline", str(baseline), str(article))
    assert json.loads(baseline.read_text(encoding="utf-8"))["version"] == 2
    new = "会談は5月1日(月)に行われる。"
    article.write_text(_weekday_page(new, old, "要約の2文目である。"), encoding="utf-8")
    shown = findings_of(invoke(*args, "--baseline", str(baseline), str(article)))
    lines = article.read_text(encoding="utf-8").splitlines()
    assert [new in lines[f["line"] - 1] for f in shown] == [True]


def test_version_1_baseline_still_matches_on_snippet(tmp_path: Path) -> None:
    baseline = tmp_path / "bl.json"
    invoke("--write-baseline", str(baseline), str(SEEDS))
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["version"] = 1  # as version 1 wrote it: occurrences among path, code, snippet
    seen: dict[tuple[str, str, str], int] = {}
    for e in data["findings"]:
        del e["context"]
        key = (e["path"], e["code"], e["snippet"])
        e["occurrence"] = seen.get(key, 0)
        seen[key] = e["occurrence"] + 1
    baseline.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = invoke("--format", "json", "--baseline", str(baseline), str(SEEDS))
    assert result.exit_code == 0 and findings_of(result) == []
