"""The HTML report (``--format html``) read with an HTML parser: its DOM contract,
escaping, self-containment and the nesting of overlapping highlights."""

from __future__ import annotations

import base64
import hashlib
import json
import random
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest_lint.cli import main
from digest_lint.formatters import FORMATTERS, FormatContext
from digest_lint.formatters.html import FindingView, article_events, format_html
from digest_lint.io.sources import read_source
from digest_lint.model.findings import Applicability, Finding, Fix, Severity
from digest_lint.model.text import LineIndex
from digest_lint.parsing.parser import parse
from tests.html_dom import Node, parse_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
SEED_001 = SEEDS / "001_9df63d4f55690bb9.txt"
HOSTILE = '"><script>alert(1)</script>'
HOSTILE_ARTICLE = (
    "見出しのテスト\nリード文である。\n公開日:2025/03/19\n✅ 要約である。\n"
    f"さらに読む ⇒{HOSTILE}出典/画像元: https://mainichi.jp/articles/x{HOSTILE}です。\n"
)


def _check(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--isolated", *args], input=input)
    return result.exit_code, result.output


def _report(tmp_path: Path, *paths: str, args: tuple[str, ...] = ()) -> tuple[str, list[dict]]:
    """The HTML report and the JSON findings of the same run."""
    out = tmp_path / "report.html"
    status, output = _check("--format", "html", "-o", str(out), *args, *paths)
    assert status in (0, 1, 2), output
    status, listing = _check("--format", "json", *args, *paths)
    return out.read_text(encoding="utf-8"), json.loads(listing)


def _flagged(text: str, node: Node) -> str:
    lines = LineIndex(text)
    start = lines.line_start(int(node.attrs["data-line"] or 0)) + int(
        node.attrs["data-column"] or 0
    )
    end = lines.line_start(int(node.attrs["data-end-line"] or 0)) + int(
        node.attrs["data-end-column"] or 0
    )
    return text[start - 1 : end - 1]


def _articles(root: Node) -> list[Node]:
    return [n for n in root.find_all("article") if n.tag == "section"]


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Node, str, list[dict]]:
    markup, findings = _report(tmp_path_factory.mktemp("html"), str(SEEDS))
    return parse_html(markup), markup, findings


# ------------------------------------------------------------------ contract
def test_registered_and_offered_by_check_help() -> None:
    assert "html" in FORMATTERS
    status, output = _check("--help")
    assert status == 0 and "html" in output


def test_one_finding_element_per_finding_with_its_attributes(seeds_report) -> None:  # type: ignore[no-untyped-def]
    root, _, findings = seeds_report
    elements = root.find_all("finding")
    assert len(findings) == 54  # DL304: 巡る/めぐる in 000
    assert len(elements) == len(findings)
    shown = Counter(
        (
            a.attrs["data-path"],
            e.attrs["data-code"],
            e.attrs["data-severity"],
            int(e.attrs["data-line"] or 0),
            int(e.attrs["data-column"] or 0),
            int(e.attrs["data-end-line"] or 0),
            int(e.attrs["data-end-column"] or 0),
        )
        for a in _articles(root)
        for e in a.find_all("finding")
    )
    expected = Counter(
        (
            f["path"],
            f["code"],
            f["severity"],
            f["line"],
            f["column"],
            f["end_line"],
            f["end_column"],
        )
        for f in findings
    )
    assert shown == expected
    assert len({e.attrs["id"] for e in elements}) == len(elements)


def test_each_highlight_holds_the_flagged_text_and_the_text_is_shown_once(seeds_report) -> None:  # type: ignore[no-untyped-def]
    root, _, _ = seeds_report
    articles = _articles(root)
    assert {a.attrs["data-path"] for a in articles} == {str(p) for p in SEEDS.glob("*.txt")}
    crossing = 0
    for a in articles:
        text = read_source(a.attrs["data-path"] or "").text
        (doc,) = a.find_all("doc")
        assert doc.text(skip="finding-rest") == text
        for e in a.find_all("finding"):
            assert e.text() == _flagged(text, e), e.attrs
            parts = [
                p for p in a.find_all("finding-part") if p.attrs["data-part-of"] == e.attrs["id"]
            ]
            if parts:
                crossing += 1
                visible = e.text(skip="finding-rest") + "".join(
                    p.text(skip="finding-rest") for p in parts
                )
                assert visible == _flagged(text, e)
    # DL102 (the citation) and DL104 (its URL and the fused sentence) cross in 001.
    assert crossing >= 1


def test_cards_are_framed_and_blocks_keep_their_role(seeds_report) -> None:  # type: ignore[no-untyped-def]
    root, _, _ = seeds_report
    (a,) = [a for a in _articles(root) if a.attrs["data-path"] == str(SEED_001)]
    article = parse(read_source(str(SEED_001)).text, str(SEED_001))
    cards = [n for n in a.iter() if "frame-card" in n.classes]
    assert len(cards) == len(article.cards) == 3
    first = cards[0].text(skip="finding-rest")
    assert first.startswith("公開日:2025/03/19") and "さらに読む" in first
    headings = [n.text() for n in a.iter() if "r-heading" in n.classes]
    assert "プーチンの譲歩とトランプ政権の対応" in headings


def test_side_list_has_message_fix_and_jump_target(seeds_report) -> None:  # type: ignore[no-untyped-def]
    root, _, findings = seeds_report
    items = root.find_all("item")
    assert len(items) == len(findings)
    ids = {e.attrs["id"] for e in root.find_all("finding")}
    assert {i.attrs["data-target"] for i in items} == ids
    messages = Counter(i.find_all("msg")[0].text() for i in items)
    assert messages == Counter(f["message"] for f in findings)
    safe = [i for i in items if i.find_all("fix-safe")]
    unsafe = [i for i in items if i.find_all("fix-unsafe")]
    assert len(safe) == sum(1 for f in findings if f["fix"] and f["fix"]["applicability"] == "safe")
    assert len(unsafe) == sum(
        1 for f in findings if f["fix"] and f["fix"]["applicability"] == "unsafe"
    )
    assert all("安全な修正" in i.text() for i in safe)
    assert all("要確認の修正" in i.text() for i in unsafe)
    stale = next(i for i in unsafe if i.attrs["data-code"] == "DL302")
    assert stale.find_all(tag="del")[0].text() == "トランプ前大統領"
    assert stale.find_all(tag="ins")[0].text() == "トランプ大統領"


def test_summary_counts_and_articles_by_worst_severity(seeds_report) -> None:  # type: ignore[no-untyped-def]
    root, _, findings = seeds_report
    by_severity = Counter(f["severity"] for f in findings)
    rows = {
        r.attrs.get("data-severity"): int(r.find_all("num")[0].text())
        for r in root.find_all("bar-row")
        if "data-severity" in r.attrs
    }
    assert rows == {s.value: by_severity[s.value] for s in Severity}
    rules = {
        r.attrs["data-code"]: int(r.find_all("num")[0].text())
        for r in root.find_all("bar-row")
        if "data-code" in r.attrs
    }
    assert rules == dict(Counter(f["code"] for f in findings))
    order = [r.attrs["data-path"] for r in root.find_all("article-row")]
    per_path = {p: Counter(f["severity"] for f in findings if f["path"] == p) for p in order}
    keys = [(-c["error"], -c["warning"], -c["info"]) for c in per_path.values()]
    assert keys == sorted(keys)
    assert order[0].endswith("002_69feb8ec74a0a1a3.txt")  # 9 errors


def test_interface_text_is_japanese(seeds_report) -> None:  # type: ignore[no-untyped-def]
    root, markup, _ = seeds_report
    assert '<html lang="ja">' in markup
    legends = [n.text() for n in root.find_all(tag="legend")]
    assert legends == ["重大度", "ルール"]
    assert "ファイル" in root.find_all("file")[0].text()
    for label in ("エラー", "警告", "情報", "修正案", "指摘一覧"):
        assert label in markup


# ------------------------------------------------------------------ safety
def test_hostile_text_and_paths_render_as_text(tmp_path: Path) -> None:
    article = tmp_path / 'a"><img src=x onerror=alert(3)>.txt'
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    markup, findings = _report(tmp_path, str(article))
    assert [f["code"] for f in findings] == ["DL104"]
    root = parse_html(markup)
    scripts = root.find_all(tag="script")
    assert len(scripts) == 1 and "src" not in scripts[0].attrs
    assert not root.find_all(tag="img")
    assert HOSTILE not in markup and "<img src=x" not in markup
    (section,) = _articles(root)
    assert section.attrs["data-path"] == str(article)
    (doc,) = section.find_all("doc")
    assert doc.text(skip="finding-rest") == HOSTILE_ARTICLE
    (flagged,) = section.find_all("finding")
    assert flagged.text().endswith(f"{HOSTILE}です。")
    assert HOSTILE[:12] in section.find_all("msg")[0].text()


def test_self_contained_nothing_loaded_from_anywhere(seeds_report) -> None:  # type: ignore[no-untyped-def]
    root, _, _ = seeds_report
    assert not root.find_all(tag="link")
    for tag in ("img", "iframe", "object", "embed", "video", "audio", "source", "frame"):
        assert not root.find_all(tag=tag), tag
    for script in root.find_all(tag="script"):
        assert "src" not in script.attrs
    styles = "".join(n.text() for n in root.find_all(tag="style"))
    assert "@import" not in styles and "url(" not in styles
    for node in root.iter():
        for name, value in node.attrs.items():
            if name in ("src", "srcset", "poster", "data", "background"):
                raise AssertionError(f"<{node.tag} {name}={value}>")
            if name == "href":
                assert node.tag == "a", node.tag  # links only navigate, on a click
    (meta,) = [m for m in root.find_all(tag="meta") if m.attrs.get("http-equiv")]
    assert (meta.attrs["content"] or "").startswith("default-src 'none'")


def test_policy_allows_exactly_the_page_script_and_style(seeds_report) -> None:  # type: ignore[no-untyped-def]
    root, _, _ = seeds_report
    (meta,) = [m for m in root.find_all(tag="meta") if m.attrs.get("http-equiv")]
    policy = meta.attrs["content"] or ""

    def digest(code: str) -> str:
        return base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()

    (script,) = root.find_all(tag="script")
    (style,) = root.find_all(tag="style")
    assert f"script-src 'sha256-{digest(script.text())}'" in policy
    assert f"style-src 'sha256-{digest(style.text())}'" in policy


# ------------------------------------------------------------------ edge runs
def test_empty_run(tmp_path: Path) -> None:
    markup = format_html([], FormatContext(files=0))
    root = parse_html(markup)
    assert not root.find_all("finding") and not _articles(root)
    assert "指摘はありません" in root.find_all("all-clear")[0].text()
    clean = tmp_path / "clean.txt"
    clean.write_text("見出し\nリード文である。\n", encoding="utf-8")
    markup, findings = _report(tmp_path, str(clean))
    root = parse_html(markup)
    assert findings == [] and not root.find_all("finding")
    (row,) = root.find_all("article-row")
    assert row.attrs["data-path"] == str(clean) and "指摘なし" in row.text()


def test_files_that_could_not_be_checked_are_listed(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01")
    out = tmp_path / "r.html"
    status, _ = _check("--format", "html", "-o", str(out), str(SEED_001), str(missing), str(binary))
    assert status == 2
    root = parse_html(out.read_text(encoding="utf-8"))
    failed = {n.attrs["data-path"]: n.text() for n in root.find_all("failed-file")}
    assert set(failed) == {str(missing), str(binary)}
    assert "ファイルもディレクトリもありません" in failed[str(missing)]
    assert "テキストではないファイル" in failed[str(binary)]
    assert [a.attrs["data-path"] for a in _articles(root)] == [str(SEED_001)]


def test_standard_input_is_shown_from_what_was_read(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    text = SEED_001.read_text(encoding="utf-8")
    Path("named.txt").write_text("別の記事\n", encoding="utf-8")  # not what was checked
    for args in (("-",), ("--stdin-filename", "named.txt", "-")):
        status, output = _check("--format", "html", "-o", "r.html", *args, input=text)
        assert status == 1, output
        root = parse_html(Path("r.html").read_text(encoding="utf-8"))
        (a,) = _articles(root)
        assert a.attrs["data-path"] == ("<stdin>" if args == ("-",) else "named.txt")
        assert a.find_all("doc")[0].text(skip="finding-rest") == text
        assert all(e.text() == _flagged(text, e) for e in a.find_all("finding"))


def test_an_article_changed_since_the_check_is_listed_without_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("見出し\nトランプ前大統領は言った。\n", encoding="utf-8")
    f = _finding(str(path), 3, 8, line=2, column=4)  # "プ前大統領" as checked
    path.write_text("まったく別の\n記事\n", encoding="utf-8")
    root = parse_html(format_html([f], FormatContext(files=1, paths=[str(path)])))
    (a,) = _articles(root)
    assert a.attrs["data-text"] == "unavailable" and not a.find_all("doc")
    assert "変更" in a.find_all("note")[0].text()
    (e,) = root.find_all("finding")
    assert e.attrs["data-code"] == "DL302" and e.text() == ""


def test_point_finding_is_an_empty_marker_in_place(tmp_path: Path) -> None:
    text = "見出し\nリード文である。\n"
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    at = text.index("である")
    line, column = LineIndex(text).position(at)
    fix = Fix(replacement="\n", line=line, column=column, end_line=line, end_column=column,
              start=at, end=at)  # fmt: skip
    f = _finding(str(path), at, at, line=line, column=column, fix=fix, code="DL104")
    root = parse_html(format_html([f], FormatContext(files=1, paths=[str(path)])))
    (e,) = root.find_all("finding")
    assert "point" in e.classes and e.text() == ""
    (doc,) = root.find_all("doc")
    assert doc.text_before(e) == text[:at]
    (item,) = root.find_all("item")
    assert "（挿入）" in item.text() and "↵" in item.text() and "安全な修正" in item.text()


# ------------------------------------------------------------------ nesting
def _finding(
    path: str, start: int, end: int, *, line: int = 1, column: int = 1, **kw: object
) -> Finding:
    data: dict[str, object] = {
        "path": path,
        "line": line,
        "column": column,
        "end_line": line,
        "end_column": column + end - start,
        "code": "DL302",
        "name": "stale-title",
        "severity": Severity.ERROR,
        "message": "m",
        "start": start,
        "end": end,
    }
    data.update(kw)
    return Finding.model_validate(data)


def _random_findings(text: str, rng: random.Random, n: int) -> list[Finding]:
    lines = LineIndex(text)
    out = []
    for _ in range(n):
        start = rng.randrange(0, len(text) + 1)
        end = min(len(text), start + rng.choice([0, 1, 2, 5, 20, 80, 400]))
        if rng.random() < 0.2:  # same start or end as another: ties
            end = start if rng.random() < 0.5 else end
        (line, column), (end_line, end_column) = lines.position(start), lines.position(end)
        severity = rng.choice(list(Severity))
        out.append(
            _finding(
                "x.txt",
                start,
                end,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                severity=severity,
                code=rng.choice(["DL104", "DL201", "DL302"]),
            )
        )
    return out


def test_random_overlaps_nest_and_keep_every_flagged_text() -> None:
    continued = sum(_random_case(seed) for seed in range(60))
    assert continued > 20  # the cases do cross each other and the card frames


def _random_case(seed: int) -> int:
    text = read_source(str(SEED_001)).text[: 600 + 40 * seed]
    rng = random.Random(seed)
    findings = _random_findings(text, rng, rng.randrange(1, 25))
    markup = format_html(findings, FormatContext(files=1, paths=["x.txt"], sources={"x.txt": text}))
    root = parse_html(markup)  # asserts that every element closes where it opened
    elements = root.find_all("finding")
    assert len(elements) == len(findings)
    (doc,) = root.find_all("doc")
    assert doc.text(skip="finding-rest") == text
    for e in elements:
        flagged = _flagged(text, e)
        assert e.text() == flagged
        parts = [
            p for p in doc.find_all("finding-part") if p.attrs["data-part-of"] == e.attrs["id"]
        ]
        shown = e.text(skip="finding-rest") + "".join(p.text(skip="finding-rest") for p in parts)
        assert shown == flagged
        assert not [a for a in e.ancestors() if "finding-rest" in a.classes]
        start = LineIndex(text).line_start(int(e.attrs["data-line"] or 0))
        start += int(e.attrs["data-column"] or 0) - 1
        assert doc.text_before(e, skip="finding-rest") == text[:start]
    crossing = sum(1 for p in doc.find_all("finding-part"))
    return crossing


def test_events_split_text_at_every_boundary() -> None:
    text = "あいうえお\nかきくけこ\n"
    items = [
        FindingView("f0", _finding("x", 1, 8), 1, 8, None),  # crosses the line break
        FindingView("f1", _finding("x", 3, 10), 3, 10, None),  # crosses f0
    ]
    events = article_events(text, None, items)
    kinds = [e.kind for e in events]
    assert kinds.count("open") == 2 and kinds.count("frame") == 1
    assert "".join(e.text for e in events if e.kind == "text") == text
    rests = [e.text for e in events if e.kind == "rest"]
    assert rests == [text[3:8]]  # f0 stops where f1 starts; the rest of it is hidden
    assert [e.item.id for e in events if e.kind == "part" and e.item] == ["f0"]


def test_fix_applicability_labels() -> None:
    text = "見出し\n本文。\n"
    safe = Fix(replacement="x", line=2, column=1, end_line=2, end_column=2, start=4, end=5)
    unsafe = safe.model_copy(update={"applicability": Applicability.UNSAFE, "replacement": ""})
    findings = [
        _finding("x.txt", 4, 5, line=2, fix=safe),
        _finding("x.txt", 4, 5, line=2, fix=unsafe, code="DL303"),
    ]
    root = parse_html(
        format_html(findings, FormatContext(files=1, paths=["x.txt"], sources={"x.txt": text}))
    )
    texts = [i.text() for i in root.find_all("item")]
    assert "安全な修正" in texts[0] and "本" in texts[0] and "x" in texts[0]
    assert "要確認の修正" in texts[1] and "（削除）" in texts[1]
    assert "安全な修正 1 件" in root.find_all("fixable")[0].text()


def test_readme_shows_the_report_screenshot() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## HTML report for editors" in readme and "(docs/report.png)" in readme
    assert (ROOT / "docs" / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
