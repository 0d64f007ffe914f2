"""The HTML report in a real headless Chromium (Debian's), driven by Playwright.

Run with ``pytest -m browser``. Skipped when Chromium or Playwright is missing, unless
``DIGEST_LINT_REQUIRE_BROWSER=1`` (CI), where that is a failure.
``DIGEST_LINT_SCREENSHOT=docs/report.png`` also writes the seeds' screenshot there.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from digest_lint.cli import main
from digest_lint.io.sources import read_source
from digest_lint.model.text import LineIndex

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = '"><script>alert(1)</script>'


def _unavailable(why: str) -> None:
    if os.environ.get("DIGEST_LINT_REQUIRE_BROWSER"):
        pytest.fail(f"browser tests required but {why}")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[browser]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


def _run(out: Path, *args: str) -> list[dict[str, Any]]:
    """Write the HTML report of ``args`` to ``out``; return the same run's JSON findings."""
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--isolated", "--format", "html", "-o", str(out), *args])
    assert result.exit_code in (0, 1), result.output
    listing = runner.invoke(main, ["check", "--isolated", "--format", "json", *args])
    return json.loads(listing.stdout)


class Page:
    """A report opened from disk, recording every request and script error."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1440, "height": 1000})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", lambda r: self.requests.append(r.url))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def visible_items(self) -> list[str]:
        return self.page.eval_on_selector_all(
            ".item", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.target)"
        )

    def filtered(self) -> list[str]:
        return self.page.eval_on_selector_all(".finding.is-filtered", "els => els.map(e => e.id)")


@pytest.fixture(scope="module")
def seeds(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Page, list]]:
    out = tmp_path_factory.mktemp("browser") / "report.html"
    with contextlib.chdir(ROOT):  # paths as an editor types them: fixtures/seeds/…
        findings = _run(out, "fixtures/seeds/")
    page = Page(browser, out)
    yield page, findings
    page.close()


@pytest.fixture
def fresh(seeds: tuple[Page, list]) -> Page:
    page, _ = seeds
    page.reload()
    return page


def _flagged(f: dict[str, Any]) -> str:
    text = read_source(str(ROOT / f["path"])).text
    lines = LineIndex(text)
    start = lines.line_start(f["line"]) + f["column"] - 1
    end = lines.line_start(f["end_line"]) + f["end_column"] - 1
    return text[start:end]


def test_one_highlight_per_finding_holding_the_flagged_text(seeds: tuple[Page, list]) -> None:
    page, findings = seeds
    assert len(findings) >= 48  # every expected seed defect is in the report
    assert page.locator(".finding").count() == len(findings)
    shown = page.eval_on_selector_all(
        ".finding",
        """els => els.map(e => [e.closest('.article').dataset.path, e.dataset.code,
            +e.dataset.line, +e.dataset.column, +e.dataset.endLine, +e.dataset.endColumn,
            e.textContent])""",
    )
    expected = [
        [f["path"], f["code"], f["line"], f["column"], f["end_line"], f["end_column"], _flagged(f)]
        for f in findings
    ]
    assert sorted(map(tuple, shown)) == sorted(map(tuple, expected))
    assert page.errors == [] and page.dialogs == []


def test_the_text_is_displayed_once_and_highlights_continue_in_place(
    seeds: tuple[Page, list],
) -> None:
    page, _ = seeds
    for path in sorted(SEEDS.glob("*.txt")):
        rel = path.relative_to(ROOT).as_posix()
        section = page.locator(f'section.article[data-path="{rel}"]')
        visible, continued = section.evaluate(
            """s => {
                const doc = s.querySelector('.doc').cloneNode(true);
                doc.querySelectorAll('.finding-rest').forEach(r => r.remove());
                const ok = [...s.querySelectorAll('.finding')].every(f => {
                    const parts = [...s.querySelectorAll(`[data-part-of="${f.id}"]`)];
                    const strip = el => { const c = el.cloneNode(true);
                        c.querySelectorAll('.finding-rest').forEach(r => r.remove());
                        return c.textContent; };
                    return strip(f) + parts.map(strip).join('') === f.textContent;
                });
                return [doc.textContent, ok];
            }"""
        )
        assert visible == read_source(str(path)).text
        assert continued
    # hidden rests are not displayed
    assert page.locator(".finding-rest").first.is_hidden()


def test_nothing_is_loaded_from_the_network(seeds: tuple[Page, list]) -> None:
    page, _ = seeds
    assert page.requests == [page.url]


def test_severity_filter_hides_and_shows(fresh: Page) -> None:
    page = fresh
    total = page.locator(".finding").count()
    errors = page.locator('.finding[data-severity="error"]').count()
    assert 0 < errors < total
    page.locator('input[name="severity"][value="error"]').uncheck()
    filtered = page.filtered()
    assert len(filtered) == errors
    assert all(
        page.locator(f"#{i}").get_attribute("data-severity") == "error" for i in filtered[:5]
    )
    assert len(page.visible_items()) == total - errors
    assert page.locator("#filter-count").inner_text() == f"表示中 {total - errors} / {total} 件"
    style = page.locator(".finding.is-filtered").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert style == "rgba(0, 0, 0, 0)"
    page.locator('input[name="severity"][value="error"]').check()
    assert page.filtered() == [] and len(page.visible_items()) == total


def test_rule_and_file_filters(fresh: Page) -> None:
    page = fresh
    total = page.locator(".finding").count()
    for box in page.locator('input[name="rule"]').all():
        if box.get_attribute("value") != "DL104":
            box.uncheck()
    shown = page.eval_on_selector_all(
        ".finding:not(.is-filtered)", "els => els.map(e => e.dataset.code)"
    )
    assert shown and set(shown) == {"DL104"}
    assert len(page.visible_items()) == len(shown)
    # articles without a DL104 are hidden
    hidden = page.eval_on_selector_all(
        "section.article", "els => els.filter(e => e.hidden).map(e => e.dataset.path)"
    )
    assert [p for p in hidden if p.endswith("000_16a9df6dd44b8a61.txt")]
    page.click("#filter-reset")
    assert page.filtered() == []
    target = page.locator("section.article").nth(2)
    page.select_option("#filter-file", target.get_attribute("id"))
    visible = page.eval_on_selector_all(
        "section.article", "els => els.filter(e => !e.hidden).map(e => e.id)"
    )
    assert visible == [target.get_attribute("id")]
    assert len(page.visible_items()) == target.locator(".finding").count() < total
    page.select_option("#filter-file", "")
    assert len(page.visible_items()) == total


def test_n_and_p_move_between_findings(fresh: Page) -> None:
    page = fresh
    ids = page.eval_on_selector_all(".finding", "els => els.map(e => e.id)")
    page.keyboard.press("n")
    assert page.eval_on_selector_all(".finding.is-current", "els => els.map(e => e.id)") == [ids[0]]
    page.keyboard.press("n")
    page.keyboard.press("n")
    current = page.locator(".finding.is-current")
    assert current.get_attribute("id") == ids[2]
    assert page.evaluate("document.activeElement.id") == ids[2]
    assert current.is_visible() and _in_viewport(page, f"#{ids[2]}")
    assert page.locator(".item.is-current").get_attribute("data-target") == ids[2]
    page.keyboard.press("p")
    assert page.locator(".finding.is-current").get_attribute("id") == ids[1]
    assert page.locator("#tip").is_visible()
    # filtered findings are skipped
    page.locator('input[name="severity"][value="error"]').uncheck()
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("n")
    assert page.locator(".finding.is-current").get_attribute("data-severity") != "error"


def test_click_in_the_list_scrolls_to_the_finding(fresh: Page) -> None:
    page = fresh
    last = page.locator(".item").last
    target = last.get_attribute("data-target")
    assert not _in_viewport(page, f"#{target}")
    last.locator(".jump").click()
    assert _in_viewport(page, f"#{target}")
    assert "is-current" in (page.locator(f"#{target}").get_attribute("class") or "")


def test_hover_shows_message_and_fix(fresh: Page) -> None:
    page = fresh
    stale = page.locator('.finding[data-code="DL302"]').first
    stale.scroll_into_view_if_needed()
    stale.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    text = tip.inner_text()
    assert "DL302" in text and "時点では誤りです" in text
    assert "修正案" in text and "要確認の修正" in text and "トランプ大統領" in text
    page.mouse.move(1, 1)
    assert tip.is_hidden()


def test_overlapping_highlights_show_every_finding_on_hover(fresh: Page) -> None:
    page = fresh
    # DL106 (the URL) is inside DL104 (URL and fused sentence) in 002.
    inner = page.locator(
        'section.article[data-path$="002_69feb8ec74a0a1a3.txt"] .finding[data-code="DL106"]'
    )
    assert inner.evaluate("e => e.parentElement.closest('.finding').dataset.code") == "DL104"
    inner.scroll_into_view_if_needed()
    inner.hover()
    text = page.locator("#tip").inner_text()
    assert "DL106" in text and "DL104" in text


def test_hostile_label_renders_as_text(browser: Any, tmp_path: Path) -> None:
    article = tmp_path / 'x"><b>bold<i>.txt'
    article.write_text(
        "見出しのテスト\nリード文である。\n公開日:2025/03/19\n✅ 要約である。\n"
        f"さらに読む ⇒{HOSTILE}出典/画像元: https://mainichi.jp/articles/x{HOSTILE}です。\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    findings = _run(out, str(article))
    page = Page(browser, out)
    try:
        assert page.locator(".finding").count() == len(findings) == 1
        assert page.locator("script").count() == 1
        assert page.locator("b").count() == 0
        assert page.dialogs == [] and page.errors == []
        assert HOSTILE in page.locator(".doc").inner_text()
        assert page.locator(".finding").text_content().endswith(f"{HOSTILE}です。")
        assert page.locator("section.article").get_attribute("data-path") == str(article)
    finally:
        page.close()


def test_screenshot_of_the_seeds_report(seeds: tuple[Page, list], tmp_path: Path) -> None:
    page, _ = seeds
    page.reload()
    page.evaluate("document.fonts.ready")
    families = page.evaluate("getComputedStyle(document.querySelector('.doc')).fontFamily")
    assert "Noto Sans CJK JP" in families
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK JP\"', '重大度')")
    # The summary, the filters and the first article, with a finding's hover card.
    page.set_viewport_size({"width": 1440, "height": 1400})
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("section.article").first.locator(".finding").first.hover()
    out = Path(os.environ.get("DIGEST_LINT_SCREENSHOT") or tmp_path / "report.png")
    page.screenshot(path=str(out))
    page.set_viewport_size({"width": 1440, "height": 1000})
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000


def _in_viewport(page: Page, selector: str) -> bool:
    return page.locator(selector).evaluate(
        """e => { const r = e.getBoundingClientRect();
                  return r.bottom > 0 && r.top < window.innerHeight; }"""
    )
