"""Suppression comments in Markdown articles, DL001 unused-suppression, per-file ignores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from digest_lint.cli import main
from digest_lint.engine.suppression import parse_directives

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED_001 = next(SEEDS.glob("001_*.txt"))
# DL104 in seed 001: lines 12, 27 and 45.


def md_article(tmp_path: Path, inserts: dict[int, str], name: str = "a.md") -> Path:
    """Seed 001 as Markdown with comment lines inserted before the given (original) lines."""
    lines = SEED_001.read_text(encoding="utf-8").split("\n")
    for before in sorted(inserts, reverse=True):
        lines.insert(before - 1, inserts[before])
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def check(path: Path, *args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", "--isolated", "--format", "json", *args, str(path)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def lines_of(findings: list[dict], code: str) -> list[int]:
    return [f["line"] for f in findings if f["code"] == code]


def test_disable_next_line_by_code(tmp_path: Path) -> None:
    path = md_article(tmp_path, {12: "<!-- digest-lint-disable-next-line DL104 -->"})
    _, found = check(path, "--select", "DL1,DL001")
    assert lines_of(found, "DL104") == [28, 46]
    assert lines_of(found, "DL103") == [13]  # other rules on that line are not suppressed
    assert not lines_of(found, "DL001")


def test_disable_next_line_by_name_with_reason_skips_blank_lines(tmp_path: Path) -> None:
    path = md_article(
        tmp_path,
        {12: "<!-- digest-lint-disable-next-line url-glued, DL103 -- desk checked -->\n"},
    )
    _, found = check(path, "--select", "DL1,DL001")
    assert lines_of(found, "DL104") == [29, 47]
    assert not lines_of(found, "DL103") or 14 not in lines_of(found, "DL103")
    assert not lines_of(found, "DL001")
    d = parse_directives(path.read_text(encoding="utf-8"), str(path))[0]
    assert d.selectors == ["url-glued", "DL103"] and d.reason == "desk checked"
    assert d.first_line == d.last_line == 14


def test_disable_enable_range(tmp_path: Path) -> None:
    path = md_article(
        tmp_path,
        {
            10: "<!-- digest-lint-disable DL104 -->",
            30: "<!-- digest-lint-enable DL104 -->",
        },
    )
    _, found = check(path, "--select", "DL1,DL001")
    assert lines_of(found, "DL104") == [47]
    assert not lines_of(found, "DL001")


def test_disable_without_end_runs_to_the_end_and_without_codes_means_all(
    tmp_path: Path,
) -> None:
    path = md_article(tmp_path, {40: "<!-- digest-lint-disable -->"})
    _, found = check(path, "--select", "DL1,DL001")
    assert found and max(f["line"] for f in found) < 40


def test_unused_suppression_is_reported(tmp_path: Path) -> None:
    path = md_article(
        tmp_path,
        {
            3: "<!-- digest-lint-disable-next-line DL104 -- stale -->",
            5: "<!-- digest-lint-disable-next-line DL999 -->",
        },
    )
    status, found = check(path, "--select", "DL104,DL001")
    unused = [f for f in found if f["code"] == "DL001"]
    assert [(f["line"], f["severity"], f["name"]) for f in unused] == [
        (3, "info", "unused-suppression"),
        (6, "info", "unused-suppression"),
    ]
    assert unused[0]["message"] == (
        "使われていない抑制コメント（digest-lint-disable-next-line）です: DL104 はここで何も"
        "検出していません。コメントを消すか、不要なコードを外してください。"
    )
    assert "DL999 はルールのコードでも名前でもありません" in unused[1]["message"]
    _, english = check(path, "--select", "DL104,DL001", "--lang", "en")
    unused = [f for f in english if f["code"] == "DL001"]
    assert unused[0]["message"] == (
        "unused suppression (digest-lint-disable-next-line): DL104 found nothing to suppress"
    )
    assert "DL999 names no rule" in unused[1]["message"]
    assert status == 1  # the DL104 errors, not the info findings


def test_info_findings_alone_do_not_fail(tmp_path: Path) -> None:
    path = tmp_path / "clean.md"
    path.write_text(
        "タイトル\nリードです。\n<!-- digest-lint-disable-next-line DL104 -->\n本文です。\n",
        encoding="utf-8",
    )
    status, found = check(path, "--select", "DL104,DL001")
    assert [f["code"] for f in found] == ["DL001"]
    assert status == 0


def test_suppression_for_a_rule_that_did_not_run_is_not_stale(tmp_path: Path) -> None:
    path = md_article(tmp_path, {3: "<!-- digest-lint-disable-next-line DL105 -->"})
    _, found = check(path, "--select", "DL104,DL001")
    assert not lines_of(found, "DL001")
    _, found = check(path, "--select", "DL1,DL001")
    assert lines_of(found, "DL001") == [3]


def test_corpus_findings_are_suppressed_too(tmp_path: Path) -> None:
    seed2 = next(SEEDS.glob("002_*.txt"))
    seed4 = next(SEEDS.glob("004_*.txt"))
    lines = seed2.read_text(encoding="utf-8").split("\n")
    lines.insert(44, "<!-- digest-lint-disable-next-line citation-reused -->")
    (tmp_path / "b.md").write_text("\n".join(lines), encoding="utf-8")
    shutil.copy(seed4, tmp_path / "d.txt")
    result = CliRunner().invoke(
        main, ["check", "--isolated", "--select", "DL106,DL001", "--format", "json", str(tmp_path)]
    )
    found = json.loads(result.stdout)
    assert [(Path(f["path"]).name, f["code"]) for f in found] == [("d.txt", "DL106")]


def test_plain_text_articles_ignore_comments(tmp_path: Path) -> None:
    path = md_article(tmp_path, {12: "<!-- digest-lint-disable-next-line DL104 -->"}, "a.txt")
    assert parse_directives(path.read_text(encoding="utf-8"), str(path)) == []
    _, found = check(path, "--select", "DL104,DL001")
    assert 13 in lines_of(found, "DL104")


def test_per_file_ignores(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "new").mkdir()
    for seed in SEEDS.glob("00[024]_*.txt"):
        target = tmp_path / ("archive" if seed.name < "004" else "new") / seed.name
        shutil.copy(seed, target)
    (tmp_path / "digest-lint.toml").write_text(
        '[per-file-ignores]\n"archive/*.txt" = ["DL104", "citation-reused"]\n'
    )
    result = CliRunner().invoke(
        main,
        ["check", "--format", "json", "--select", "DL104,DL106", str(tmp_path)],
    )
    found = json.loads(result.stdout)
    assert found
    assert all("/new/" in f["path"] for f in found), [f["path"] for f in found]
    # The archive still counts for DL106: the new article's reuse is reported.
    reused = [f for f in found if f["code"] == "DL106"]
    assert len(reused) == 1 and "archive/" in reused[0]["message"]
