"""DL106 citation-reused."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from digest_lint.knowledge.publishers import normalize_url
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.text import Span
from digest_lint.rules.base import Context, CorpusRule, FixAvailability


class CitationReused(CorpusRule):
    """A source already cited by another article.

    What it flags: a card citing a source (normalised as in DL105) that another article of
    the same run cites too, or, with ``check --index FILE``, any article of the citation
    index other than this one. The message names the other files.

    Why it matters: digest sites assemble articles from a pool of summaries; the same
    card reappearing across articles is recycled content that readers and search engines
    notice, and it is how stale or off-topic cards spread.

    Example: ``https://globe.asahi.com/article/15630313`` cited by three articles about
    the same week.

    Fix: summarise a source that no other article uses, or link to the earlier article
    instead of repeating its card. No automatic fix.
    """

    code = "DL106"
    name = "citation-reused"
    severity = Severity.WARNING
    scope = "corpus"
    fix_availability = FixAvailability.NEVER

    def collect(self, ctx: Context) -> list[tuple[str, str, Span]]:
        tracking = ctx.knowledge.publishers.tracking_params
        out: list[tuple[str, str, Span]] = []
        for card in ctx.article.cards:
            cite = card.citation
            if cite is not None and cite.url and cite.url_span is not None:
                out.append((normalize_url(cite.url, tracking), cite.url, cite.url_span))
        return out

    def finish(
        self, summaries: list[tuple[str, Any]], options: Any, extras: dict[str, Any]
    ) -> Iterator[tuple[str, Violation]]:
        by_url: dict[str, list[str]] = defaultdict(list)
        for path, cites in summaries:
            for key, _url, _span in cites:
                if path not in by_url[key]:
                    by_url[key].append(path)
        index = extras.get("index")
        for path, cites in summaries:
            for key, url, span in cites:
                others = [p for p in by_url[key] if p != path]
                if index is not None:
                    others += [p for p in index.citing(key) if p not in others and p != path]
                if not others:
                    continue
                shown = ", ".join(others[:5]) + (
                    f" and {len(others) - 5} more" if len(others) > 5 else ""
                )
                yield (
                    path,
                    Violation(
                        span=span,
                        message=f"{url} is also cited by {shown}; summarise another source",
                        snippet=url,
                    ),
                )
