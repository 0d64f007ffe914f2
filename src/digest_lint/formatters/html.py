"""HTML report for editors: one self-contained page (inline CSS and JS, no network).

The page has a summary (files, findings by severity and by rule, articles by worst
severity), filters, and every article with findings shown as its text, cards framed,
each finding highlighted in place with its message and proposed fix.

DOM contract (read by the tests and by other tools):

- Each article is a ``section.article`` with ``data-path``; its text is in ``.doc``.
- Each finding is exactly one element with class ``finding`` and ``data-code``,
  ``data-severity``, ``data-line``, ``data-column``, ``data-end-line``, ``data-end-column``
  (1-based, Unicode code points) and an ``id``. Its ``textContent`` is exactly the flagged
  text (empty for a point finding: a zero-width marker).
- Highlights nest: a finding inside another is an element inside the other's element.
  Where two findings cross (one starts inside the other and ends after it) or a finding
  runs out of a card frame, one element cannot hold both, so the ``.finding`` element's
  visible text stops at that point: the rest of its text follows inside it in a hidden
  ``span.finding-rest`` (not displayed, so every character is displayed once) and the
  highlight goes on, in place, in ``.finding-part`` elements whose ``data-part-of`` is
  the finding's ``id``. The article text is the ``textContent`` of ``.doc`` without the
  ``.finding-rest`` elements.
- An article whose text cannot be shown (a file removed or changed since the check) has
  ``data-text="unavailable"``; its ``.finding`` elements are empty markers in its list.
- Filtered-out findings get the class ``is-filtered`` (their text stays, unmarked).
"""

from __future__ import annotations

import base64
import hashlib
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import jinja2

from digest_lint import __version__
from digest_lint.formatters import FormatContext
from digest_lint.model.article import Article
from digest_lint.model.findings import Applicability, Finding, Severity
from digest_lint.model.text import LineIndex

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.ERROR: "エラー",
    Severity.WARNING: "警告",
    Severity.INFO: "情報",
}
#: A shape per severity, so that colour is never the only cue.
SEVERITY_ICONS: dict[Severity, str] = {
    Severity.ERROR: "✖",
    Severity.WARNING: "▲",
    Severity.INFO: "●",
}
_SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_MAX_DEPTH = 4
_SAFE_URL = re.compile(r"https?://[^\s\"'<>]+\Z")


@dataclass(frozen=True)
class FindingView:
    """A finding as the page shows it."""

    id: str
    finding: Finding
    start: int
    end: int
    before: str | None
    """The text the fix replaces (None when the article text is not available)."""

    @property
    def severity(self) -> str:
        return self.finding.severity.value

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.finding.severity]

    @property
    def icon(self) -> str:
        return SEVERITY_ICONS[self.finding.severity]

    @property
    def fix_kind(self) -> str | None:
        fix = self.finding.fix
        if fix is None:
            return None
        return "safe" if fix.applicability == Applicability.SAFE else "unsafe"

    @property
    def before_parts(self) -> list[tuple[str, str]]:
        return _visible_parts(self.before or "")

    @property
    def after_parts(self) -> list[tuple[str, str]]:
        return _visible_parts(self.finding.fix.replacement if self.finding.fix else "")

    @property
    def docs_url(self) -> str | None:
        """The rule's documentation, only when it is a plain web address."""
        url = self.finding.url
        return url if _SAFE_URL.match(url) else None


_SHOWN_CHARS = 80


def _visible_parts(text: str) -> list[tuple[str, str]]:
    """``text`` for a before/after display: ``("text", s)``, ``("nl", "")`` for each
    newline (shown as a mark), and ``("cut", "")`` when it is cut short."""
    parts: list[tuple[str, str]] = []
    cut = len(text) > _SHOWN_CHARS
    for i, piece in enumerate(text[:_SHOWN_CHARS].split("\n")):
        if i:
            parts.append(("nl", ""))
        if piece:
            parts.append(("text", piece))
    if cut:
        parts.append(("cut", ""))
    return parts


EventKind = Literal["frame", "end_frame", "open", "part", "close", "rest", "point", "line", "text"]


@dataclass(frozen=True)
class Event:
    """One step of an article's markup: the template turns each into a tag or text."""

    kind: EventKind
    text: str = ""
    cls: str = ""
    """A frame's kind (``card``, ``flow``) or a text's block role (``""``: between blocks)."""
    item: FindingView | None = None
    depth: int = 0
    line: int = 0


@dataclass
class ArticleView:
    index: int
    path: str
    findings: list[FindingView]
    events: list[Event] | None
    """None when the text cannot be shown (then :attr:`note` says why)."""
    note: str | None = None

    @property
    def anchor(self) -> str:
        return f"a{self.index}"

    @property
    def counts(self) -> dict[str, int]:
        by = Counter(f.finding.severity for f in self.findings)
        return {s.value: by[s] for s in _SEVERITY_ORDER}

    @property
    def worst_severity(self) -> str:
        for s in _SEVERITY_ORDER:
            if any(f.finding.severity == s for f in self.findings):
                return s.value
        return "none"


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    count: int
    percent: float
    """The bar's length relative to the longest bar (0-100)."""
    cls: str = ""
    title: str = ""


@dataclass
class ReportView:
    articles: list[ArticleView]
    files: int
    total: int
    severity_bars: list[Bar]
    rule_bars: list[Bar]
    failed: list[tuple[str, str]]
    fixable: dict[str, int] = field(default_factory=dict)


def format_html(findings: Iterable[Finding], ctx: FormatContext) -> str:
    """The whole report page for ``findings``."""
    view = build_report(list(findings), ctx)
    script = _asset("report.js")
    style = _asset("report.css")
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=view,
            script=script,
            style=style,
            csp=_csp(script, style),
            severity_labels={s.value: SEVERITY_LABELS[s] for s in _SEVERITY_ORDER},
            severity_icons={s.value: SEVERITY_ICONS[s] for s in _SEVERITY_ORDER},
            version=__version__,
        )
    )


def build_report(findings: Sequence[Finding], ctx: FormatContext) -> ReportView:
    """Everything the template shows, with each article's text split for highlighting."""
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    failed_paths = {p for p, _ in ctx.failed}
    paths = [p for p in dict.fromkeys([*ctx.paths, *by_path]) if p not in failed_paths]
    articles: list[ArticleView] = []
    serial = 0
    for index, path in enumerate(paths):
        found = sorted(by_path.get(path, []), key=lambda f: (f.start, -f.end, f.code))
        ids = [f"f{serial + i}" for i in range(len(found))]
        serial += len(found)
        articles.append(_article(index, path, found, ids, ctx))
    articles.sort(key=lambda a: (*(-n for n in a.counts.values()), a.path))
    total = sum(len(a.findings) for a in articles)
    by_severity = Counter(f.severity for f in findings)
    most = max(by_severity.values(), default=0)
    severity_bars = [
        Bar(
            s.value,
            f"{SEVERITY_ICONS[s]} {SEVERITY_LABELS[s]}",
            by_severity[s],
            _percent(by_severity[s], most),
            cls=f"sev-{s.value}",
        )
        for s in _SEVERITY_ORDER
    ]
    by_rule = Counter((f.code, f.name) for f in findings)
    worst_of_rule: dict[str, Severity] = {}
    for f in findings:
        if f.code not in worst_of_rule or f.severity.rank > worst_of_rule[f.code].rank:
            worst_of_rule[f.code] = f.severity
    most_rule = max(by_rule.values(), default=0)
    rule_bars = [
        Bar(
            code,
            f"{code} {name}",
            n,
            _percent(n, most_rule),
            cls=f"sev-{worst_of_rule[code].value}",
            title=name,
        )
        for (code, name), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0][0]))
    ]
    fixable = Counter(
        "safe" if f.fix.applicability == Applicability.SAFE else "unsafe"
        for f in findings
        if f.fix is not None
    )
    return ReportView(
        articles=articles,
        files=ctx.files or len(paths),
        total=total,
        severity_bars=severity_bars,
        rule_bars=rule_bars,
        failed=list(ctx.failed),
        fixable={"safe": fixable["safe"], "unsafe": fixable["unsafe"]},
    )


def _percent(n: int, most: int) -> float:
    return round(100.0 * n / most, 1) if most else 0.0


def _article(
    index: int, path: str, found: list[Finding], ids: list[str], ctx: FormatContext
) -> ArticleView:
    text, note = _text_of(path, ctx)
    if text is not None and not _positions_hold(text, found):
        text, note = None, "チェックの後にファイルが変更されたため、本文は表示できません。"
    if text is None:
        views = [FindingView(i, f, f.start, f.end, None) for i, f in zip(ids, found, strict=True)]
        return ArticleView(index, path, views, None, note)
    views = [
        FindingView(
            i,
            f,
            f.start,
            f.end,
            text[f.fix.start : f.fix.end] if f.fix is not None else None,
        )
        for i, f in zip(ids, found, strict=True)
    ]
    if not views:
        return ArticleView(index, path, views, [])
    return ArticleView(index, path, views, article_events(text, _structure(text, path), views))


def _text_of(path: str, ctx: FormatContext) -> tuple[str | None, str | None]:
    """The article text the findings point into, or why there is none."""
    if path in ctx.sources:
        return ctx.sources[path], None
    if path == "<stdin>":
        return None, "標準入力から読んだ記事の本文は表示できません。"
    from digest_lint.io.sources import InputError, read_source

    try:
        return read_source(path).text, None
    except InputError as exc:
        return None, f"本文を読めません: {exc.describe('ja')}"


def _positions_hold(text: str, found: list[Finding]) -> bool:
    """Whether every finding's offsets and line/column still agree with ``text``."""
    lines = LineIndex(text)
    for f in found:
        if not 0 <= f.start <= f.end <= len(text):
            return False
        if lines.position(f.start) != (f.line, f.column):
            return False
        if lines.position(f.end) != (f.end_line, f.end_column):
            return False
    return True


def _structure(text: str, path: str) -> Article | None:
    """The parsed article (blocks and cards frame the text), or None if it cannot be."""
    from digest_lint.parsing.parser import parse

    try:
        return parse(text, path)
    except Exception:  # the structure only decorates the text: show it plain
        return None


# ------------------------------------------------------------------ segmentation
@dataclass
class _Open:
    item: FindingView
    end: int
    head: bool
    """The finding's ``.finding`` element (else a ``.finding-part`` continuing it)."""


class _Nesting:
    """The finding elements open at a point of the text, innermost last.

    Invariant: an element never ends after the one around it, so the elements that
    end at a point are always the innermost ones.
    """

    def __init__(self, text: str, events: list[Event]) -> None:
        self.text = text
        self.events = events
        self.stack: list[_Open] = []
        self.opened: set[str] = set()

    @property
    def depth(self) -> int:
        return min(len(self.stack), _MAX_DEPTH)

    def close_ended(self, at: int) -> None:
        while self.stack and self.stack[-1].end <= at:
            self.stack.pop()
            self.events.append(Event("close"))

    def open(self, new: Sequence[_Open], at: int) -> None:
        """Open ``new`` at ``at``; a finding ending after an open element crosses it,
        so that element (and every head around it) is closed here and continued inside."""
        running: list[_Open] = []
        if new:
            longest = max(o.end for o in new)
            crossed = next((i for i, o in enumerate(self.stack) if o.end < longest), None)
            if crossed is not None:
                heads = [i for i in range(crossed) if self.stack[i].head]
                running = self.close_from(heads[0] if heads else crossed, at)
        for o in sorted([*running, *new], key=lambda o: (-o.end, o.item.start, o.item.id)):
            head = o.item.id not in self.opened
            self.opened.add(o.item.id)
            self.events.append(Event("open" if head else "part", item=o.item, depth=self.depth))
            self.stack.append(_Open(o.item, o.end, head))

    def close_from(self, index: int, at: int) -> list[_Open]:
        """Close ``stack[index:]`` at ``at`` and return those that run on. A head that
        runs on gets the rest of its text, hidden, so that it still holds all of it:
        the heads inside it already hold the rest up to their own ends."""
        covered = at
        running: list[_Open] = []
        while len(self.stack) > index:
            top = self.stack.pop()
            if top.end > at:
                if top.head:
                    self.events.append(Event("rest", text=self.text[covered : top.end]))
                    covered = top.end
                running.append(top)
            self.events.append(Event("close"))
        return running


def article_events(text: str, article: Article | None, items: Sequence[FindingView]) -> list[Event]:
    """The article's markup as events: frames (cards and the text between them), block
    text split at every finding boundary, and finding elements nested as described in
    the module docstring. Every character of ``text`` is in exactly one ``text`` event,
    in order, and each finding's head element holds exactly its flagged text.
    """
    length = len(text)
    line_starts = _line_starts(text)
    line_numbers = {pos: n for n, pos in enumerate(line_starts, start=1)}
    frames = _frames(text, article, line_starts)
    blocks = (
        sorted((b.span.start, b.span.end, b.role.value) for b in article.blocks) if article else []
    )
    block_starts = [b[0] for b in blocks]
    ignored = sorted((s.start, s.end) for s in article.ignored_spans) if article else []

    bounds = {0, length, *line_starts}
    for spans in (blocks, ignored, frames):
        for span in spans:
            bounds.update(span[:2])
    starts_at: dict[int, list[_Open]] = {}
    points_at: dict[int, list[FindingView]] = {}
    for it in items:
        start, end = max(0, min(it.start, length)), max(0, min(it.end, length))
        if end <= start:
            points_at.setdefault(start, []).append(it)
            bounds.add(start)
        else:
            starts_at.setdefault(start, []).append(_Open(it, end, head=True))
            bounds.update((start, end))
    ordered = sorted(bounds)

    events: list[Event] = []
    nesting = _Nesting(text, events)
    running: list[_Open] = []
    for frame_start, frame_end, kind in frames:
        events.append(Event("frame", cls=kind))
        nesting.open([o for o in running if o.end > frame_start], frame_start)
        first = bisect_right(ordered, frame_start) - 1
        for k in range(first, len(ordered)):
            pos = ordered[k]
            last = pos == length
            if pos >= frame_end and not (last and frame_end == length):
                break
            nesting.close_ended(pos)
            for it in points_at.get(pos, []):
                events.append(Event("point", item=it, depth=nesting.depth))
            if pos in line_numbers and not last:
                events.append(Event("line", line=line_numbers[pos]))
            nesting.open(starts_at.get(pos, []), pos)
            if last:
                break
            role = _role_at(blocks, block_starts, pos)
            if _inside(ignored, pos):
                role = f"{role} ignored".strip()
            events.append(Event("text", text=text[pos : ordered[k + 1]], cls=role))
        running = nesting.close_from(0, frame_end)
        events.append(Event("end_frame"))
    return events


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    if starts[-1] == len(text) and len(starts) > 1:
        starts.pop()  # no empty last line after a final newline
    return starts


def _frames(
    text: str, article: Article | None, line_starts: list[int]
) -> list[tuple[int, int, str]]:
    """Cards (whole lines, so a sentence fused onto a card's last line stays on it)
    and the text between them, covering ``text`` from start to end."""
    length = len(text)
    cards: list[tuple[int, int]] = []
    for card in article.cards if article else []:
        start = line_starts[bisect_right(line_starts, card.span.start) - 1]
        last = max(card.span.start, card.span.end - 1)
        nl = text.find("\n", last)
        end = length if nl == -1 else nl + 1
        if cards and start < cards[-1][1]:
            cards[-1] = (cards[-1][0], max(end, cards[-1][1]))
        else:
            cards.append((start, end))
    frames: list[tuple[int, int, str]] = []
    pos = 0
    for start, end in cards:
        if start > pos:
            frames.append((pos, start, "flow"))
        frames.append((start, end, "card"))
        pos = end
    if pos < length or not frames:
        frames.append((pos, length, "flow"))
    return frames


def _role_at(blocks: list[tuple[int, int, str]], starts: list[int], pos: int) -> str:
    i = bisect_right(starts, pos) - 1
    if i >= 0 and blocks[i][0] <= pos < blocks[i][1]:
        return f"r-{blocks[i][2]}"
    return ""


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(start <= pos < end for start, end in spans)


# ------------------------------------------------------------------ rendering
@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("digest_lint.formatters", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> str:
    loader = _environment().loader
    assert loader is not None
    source, _, _ = loader.get_source(_environment(), name)
    return source


def _csp(script: str, style: str) -> str:
    """A policy that loads nothing from anywhere and runs only the page's own script."""

    def digest(code: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"

    return (
        "default-src 'none'; "
        f"script-src {digest(script)}; style-src {digest(style)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
