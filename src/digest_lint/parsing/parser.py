"""Text → :class:`~digest_lint.model.Article`, once per article.

The parser never raises on odd text: what it cannot place stays prose. It reads both
layouts of digest pages (blank-line separated, and one paragraph per line), Markdown
articles (YAML front matter, ``#`` headings, HTML comments) and tolerates CRLF, a BOM,
trailing blanks, full-width digits and cards that miss any of their parts.

Markers (公開日, ✅, さらに読む, 🚩, 💡, page chrome) come from the ``layout`` pack.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

import yaml

from digest_lint.knowledge import knowledge, packs
from digest_lint.knowledge.layout import Layout
from digest_lint.model.article import (
    Article,
    Block,
    Card,
    Citation,
    Conclusion,
    Dateline,
    FrontMatterProblem,
    Role,
    Section,
)
from digest_lint.model.text import LineIndex, Span, fold_width, line_bounds, split_sentences
from digest_lint.parsing.datelines import EDGE_LINES, read_dateline

#: The characters a URL is made of (RFC 3986). A sentence fused onto a URL starts at
#: the first character outside this set: Japanese text in practice, unless the
#: Japanese is part of the URL's path (see :func:`match_url`).
URL_RE = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
#: Characters of an IRI path segment written in Japanese (``/wiki/日本銀行``): anything
#: but ASCII, spaces and the punctuation that ends or quotes a sentence.
_IRI_RUN = re.compile(r"[^\x00-\x7f\s。、，．！？「」『』（）【】〈〉《》…]+")
#: ASCII that goes on with a URL after such a segment: a path, query or fragment
#: separator, or a file extension (``日銀.html``).
_URL_GOES_ON = re.compile(
    r"(?:[/?#&=_~%(-]|\.(?=[A-Za-z0-9]))[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+|/(?=\s|$)"
)


def match_url(text: str, pos: int, endpos: int) -> tuple[int, int] | None:
    """The URL that starts at ``pos`` (before ``endpos``), with the Japanese parts of its
    path: a run of Japanese is part of the URL when the URL goes on after it
    (``/20250501/日銀.html``) or when it follows a ``/`` or ``=`` and ends the line
    (``/wiki/日本銀行``); otherwise the URL ends before it, and what follows is a fused
    sentence (``…/319000cロシアは停戦を急がない。``)."""
    m = URL_RE.match(text, pos, endpos)
    if m is None:
        return None
    end = m.end()
    while end < endpos:
        run = _IRI_RUN.match(text, end, endpos)
        if run is None:
            break
        more = _URL_GOES_ON.match(text, run.end(), endpos)
        if more is not None:
            end = more.end()
            continue
        if text[end - 1] in "/=" and not text[run.end() : endpos].strip():
            end = run.end()
        break
    return m.start(), end


def iter_urls(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of every URL of ``text``, as :func:`match_url` reads them."""
    pos = 0
    while (found := URL_RE.search(text, pos)) is not None:
        span = match_url(text, found.start(), line_bounds(text, found.start())[1])
        assert span is not None
        yield span
        pos = span[1]


_DATE_VALUE = re.compile(
    r"^\s*(?P<y>\d{4})\s*[/\-.年]\s*(?P<m>\d{1,2})\s*[/\-.月]\s*(?P<d>\d{1,2})\s*日?"
)
_SENTENCE_END = "。．.!！?？"
_QUESTION_END = "?？"
#: A line ending in one of these is a sentence; a short line ending otherwise is a label.
_LABEL_ENDS = tuple("。．.!！?？」』)）…")
_SENTENCE_SPLIT = re.compile(r"(?<=[。!！?？])")
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_HTML_COMMENT = re.compile(r"^<!--.*-->$")


def parse_card_date(value: str) -> dt.date | None:
    """``2025/03/19``, ``2025-03-19``, ``2025.3.19``, ``２０２５年３月１９日`` → date."""
    m = _DATE_VALUE.match(fold_width(value))
    if not m:
        return None
    try:
        return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


# --------------------------------------------------------------------------- lines
@dataclass
class _Line:
    start: int
    end: int
    text: str
    kind: str  # text | dateline | date | bullet | citation | cmarker | cbullet
    body_offset: int = 0
    md_level: int = 0
    match: re.Match[str] | None = field(default=None, repr=False)

    @cached_property
    def ends_sentence(self) -> bool:
        return bool(self.text) and self.text[-1] in _SENTENCE_END + "」』)）…"

    @cached_property
    def is_question(self) -> bool:
        return self.kind == "text" and self.text[-1] in _QUESTION_END


@dataclass
class _CardDraft:
    """A card while its lines are read (it becomes a :class:`Card` when it closes)."""

    index: int
    blocks: list[Block] = field(default_factory=list)
    bullets: list[Block] = field(default_factory=list)
    date: Block | None = None
    headline: Block | None = None
    repeats: list[Block] = field(default_factory=list)
    citation: Citation | None = None
    citation_block: Block | None = None


@dataclass(frozen=True)
class _Zone:
    """Where a text line stands in its section, which decides whose voice it is."""

    kind: str
    seen: int = 0
    """In the intro: how many narrator lines came before."""

    INTRO: ClassVar[str] = "intro"
    """Between a question's answer and the first card."""
    AFTER: ClassVar[str] = "after"
    """Right after a citation."""
    BODY: ClassVar[str] = "body"
    """The prose."""
    CLOSING: ClassVar[str] = "closing"
    """After a persona line."""


class _Builder:
    def __init__(self, text: str, path: str, layout: Layout, markdown: bool) -> None:
        self.text = text
        self.path = path
        self.layout = layout
        self.markdown = markdown
        self.index = LineIndex(text)
        self.blocks: list[Block] = []
        self.cards: list[Card] = []
        self.sections: list[Section] = []
        self.ignored: list[Span] = []
        self.front_matter: dict[str, Any] = {}
        self.continuation = False
        self.dateline: Dateline | None = None
        self.front_matter_span: Span | None = None
        self.front_matter_error: str | None = None
        self.front_matter_problem: FrontMatterProblem | None = None

    # ---------------------------------------------------------------- scanning
    def front_matter_data(self, text: str) -> Any:
        """The YAML front matter as plain data (dates stay text); None when it is not
        YAML, with :attr:`front_matter_error` saying why."""
        try:
            return packs.load_data(text)
        except RecursionError:
            self.front_matter_error = "it is nested too deeply"
            self.front_matter_problem = FrontMatterProblem(kind="deep")
        except yaml.YAMLError as exc:
            # The line of the construct left open (``title: [broken``) when PyYAML names
            # one: its problem mark is where it gave up, often the next line.
            mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problem = getattr(exc, "problem", None) or type(exc).__name__
            self.front_matter_error = f"it is not valid YAML{where}: {problem}"
            line = mark.line + 2 if mark is not None else None
            self.front_matter_problem = FrontMatterProblem(kind="yaml", line=line, detail=problem)
        except Exception as exc:  # any other constructor failure: the text is still read
            self.front_matter_error = f"it is not valid YAML: {exc}"
            self.front_matter_problem = FrontMatterProblem(kind="yaml", detail=str(exc))
        return None

    def scan(self) -> list[_Line]:
        text = self.text
        pos = 0
        lines: list[_Line] = []
        if self.markdown and not self.continuation and (text.startswith("---\n") or text == "---"):
            end = text.find("\n---", 3)
            if end != -1:
                close = text.find("\n", end + 4)
                close = len(text) if close == -1 else close
                data = self.front_matter_data(text[4:end])
                if isinstance(data, dict):
                    self.front_matter = {str(k): v for k, v in data.items()}
                elif data is not None and self.front_matter_error is None:
                    self.front_matter_error = "it is not a mapping of keys to values"
                    self.front_matter_problem = FrontMatterProblem(kind="mapping")
                self.front_matter_span = self.index.span(0, close)
                self.ignored.append(self.front_matter_span)
                pos = close
        in_comment = False
        while pos <= len(text):
            nl = text.find("\n", pos)
            nl = len(text) if nl == -1 else nl
            raw = text[pos:nl]
            stripped = raw.strip()
            if stripped:
                lead = len(raw) - len(raw.lstrip())
                start = pos + lead
                end = start + len(stripped)
                if in_comment or (self.markdown and stripped.startswith("<!--")):
                    in_comment = "-->" not in stripped
                    self.ignored.append(self.index.span(start, end))
                elif any(p.search(stripped) for p in self.layout.chrome) or (
                    self.markdown and _HTML_COMMENT.match(stripped)
                ):
                    self.ignored.append(self.index.span(start, end))
                else:
                    lines.append(self.classify(start, end, stripped))
            pos = nl + 1
        return lines

    def classify(self, start: int, end: int, text: str) -> _Line:
        lay = self.layout
        if m := lay.card_date.match(text):
            return _Line(start, end, text, "date", m.start("value"), match=m)
        if m := lay.bullet.match(text):
            return _Line(start, end, text, "bullet", m.end())
        if m := lay.citation.match(text):
            return _Line(start, end, text, "citation", match=m)
        if m := lay.conclusion_marker.match(text):
            return _Line(start, end, text, "cmarker")
        if m := lay.conclusion_bullet.match(text):
            return _Line(start, end, text, "cbullet", m.end())
        if self.markdown and (m := _MD_HEADING.match(text)):
            return _Line(start, end, text, "text", m.end(), md_level=len(m.group(1)))
        return _Line(start, end, text, "text")

    # ---------------------------------------------------------------- blocks
    def block(
        self,
        line: _Line,
        role: Role,
        section: int | None = None,
        card: int | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Block:
        s = line.start if start is None else start
        e = line.end if end is None else end
        body_offset = line.body_offset if start is None else 0
        b = Block(
            index=len(self.blocks),
            role=role,
            text=self.text[s:e],
            span=self.index.span(s, e),
            body_offset=body_offset,
            section=section,
            card=card,
        )
        self.blocks.append(b)
        return b

    # ---------------------------------------------------------------- structure
    def find_dateline(self, lines: list[_Line]) -> None:
        """The text's own date, from its first or last lines (:mod:`.datelines`); a line
        that is nothing but a dateline becomes a ``dateline`` line (no article text)."""
        if self.continuation:
            return
        texts = [ln for ln in lines if ln.kind == "text"]
        edge = texts if len(texts) <= 2 * EDGE_LINES else texts[:EDGE_LINES] + texts[-EDGE_LINES:]
        best: tuple[dt.date, _Line, int, int] | None = None
        for ln in edge:
            found = read_dateline(ln.text)
            if found is None:
                continue
            if found.whole_line:
                ln.kind = "dateline"
            # A page dated at the top and updated at the bottom speaks as of the update.
            if best is None or found.date > best[0]:
                best = (found.date, ln, found.start, found.end)
        if best is not None:
            day, ln, start, end = best
            self.dateline = Dateline(
                date=day, span=self.index.span(ln.start + start, ln.start + end)
            )

    def build(self) -> Article:
        lines = self.scan()
        self.find_dateline(lines)
        i = 0
        title = lead = None

        def datelines() -> None:
            nonlocal i
            while i < len(lines) and lines[i].kind == "dateline":
                self.block(lines[i], Role.DATELINE)
                i += 1

        datelines()
        if (
            not self.continuation
            and i < len(lines)
            and lines[i].kind == "text"
            and lines[i].md_level <= 1
        ):
            title = self.block(lines[i], Role.TITLE)
            i += 1
            datelines()
            if (
                i < len(lines)
                and lines[i].kind == "text"
                and not lines[i].md_level
                and not self._starts_section(lines, i)
                and not self._is_headline_of_card(lines, i)
            ):
                lead = self.block(lines[i], Role.LEAD)
                i += 1
        body = lines[i:]
        concl_at = next(
            (k for k, ln in enumerate(body) if ln.kind in ("cmarker", "cbullet")), len(body)
        )
        section_lines, concl_lines = body[:concl_at], body[concl_at:]
        starts = [k for k in range(len(section_lines)) if self._starts_section(section_lines, k)]
        if section_lines and (not starts or starts[0] != 0):
            starts.insert(0, 0)
        for n, k in enumerate(starts):
            stop = starts[n + 1] if n + 1 < len(starts) else len(section_lines)
            self.section(section_lines[k:stop])
        conclusion = self.conclusion(concl_lines) if concl_lines else None
        article = Article(
            path=self.path,
            text=self.text,
            blocks=self.blocks,
            title=title,
            lead=lead,
            sections=self.sections,
            cards=self.cards,
            conclusion=conclusion,
            front_matter=self.front_matter,
            front_matter_span=self.front_matter_span,
            front_matter_error=self.front_matter_error,
            front_matter_problem=self.front_matter_problem,
            dateline=self.dateline,
            ignored_spans=self.ignored,
        )
        article._index = self.index
        return article

    def _starts_section(self, lines: list[_Line], k: int) -> bool:
        ln = lines[k]
        if ln.kind != "text":
            return False
        if ln.md_level >= 2:
            return True
        if ln.md_level == 1 or ln.ends_sentence or len(ln.text) > 60:
            return False
        return (
            k + 2 < len(lines)
            and lines[k + 1].is_question
            and lines[k + 2].kind == "text"
            and not lines[k + 2].is_question
        )

    @staticmethod
    def _quotes_into_bullets(lines: list[_Line], k: int) -> bool:
        """A line right above the bullets that ends in a quotation or a bracket, not in
        a full stop: a headline that quotes someone (``植田総裁「慎重に判断」``)."""
        return (
            lines[k].text[-1] not in _SENTENCE_END
            and k + 1 < len(lines)
            and lines[k + 1].kind == "bullet"
        )

    @staticmethod
    def _is_headline_of_card(lines: list[_Line], k: int) -> bool:
        """A card headline, repeated in the blank-line layout: above and below the 公開日
        line, or (a card without 公開日) twice right above its bullets."""
        if k + 2 >= len(lines) or lines[k + 2].kind == "date":
            return False
        after = lines[k + 1]
        if after.kind == "date":
            return lines[k + 2].kind == "text" and lines[k + 2].text == lines[k].text
        return (
            after.kind == "text"
            and after.text == lines[k].text
            and lines[k + 2].kind in ("bullet", "citation")
        )

    def section(self, lines: list[_Line]) -> None:
        si = len(self.sections)
        first_block = len(self.blocks)
        heading = question = answer = None
        k = 0
        if (
            lines
            and lines[0].kind == "text"
            and (lines[0].md_level >= 2 or self._starts_section(lines, 0))
        ):
            heading = self.block(lines[0], Role.HEADING, si)
            k = 1
            if k < len(lines) and lines[k].is_question:
                question = self.block(lines[k], Role.QUESTION, si)
                k += 1
                if k < len(lines) and lines[k].kind == "text" and not lines[k].md_level:
                    answer = self.block(lines[k], Role.ANSWER, si)
                    k += 1
        card_ids: list[int] = []
        card: _CardDraft | None = None
        zone = _Zone(_Zone.INTRO if answer is not None else _Zone.BODY)

        def close() -> None:
            nonlocal card
            if card is not None:
                card_ids.append(self.finish_card(card, si))
                card = None

        def new_card() -> _CardDraft:
            close()
            return _CardDraft(index=len(self.cards))

        while k < len(lines):
            ln = lines[k]
            if ln.kind == "dateline":
                self.block(ln, Role.DATELINE, si)
            elif ln.kind == "date":
                if card is None or card.bullets or card.citation or card.date:
                    card = new_card()
                card.date = self.block(ln, Role.CARD_DATE, si, card.index)
                card.blocks.append(card.date)
            elif ln.kind == "bullet":
                if card is None or card.citation:
                    card = new_card()
                b = self.block(ln, Role.BULLET, si, card.index)
                card.bullets.append(b)
                card.blocks.append(b)
            elif ln.kind == "citation":
                if card is None or card.citation:
                    card = new_card()
                citation = self.citation(ln, card, si)
                close()
                zone = _Zone(_Zone.AFTER)
                if citation.fused is not None:
                    citation.fused.role, zone = self.text_role(citation.fused.text, zone)
                    self._list_body(citation.fused)
            elif ln.kind == "text" and self._is_headline_of_card(lines, k):
                card = new_card()
                card.headline = self.block(ln, Role.CARD_HEADLINE, si, card.index)
                card.blocks.append(card.headline)
            elif (
                ln.kind == "text"
                and card is not None
                and not card.bullets
                and not card.citation
                and (card.date or card.headline)
                and (
                    not ln.ends_sentence
                    or (card.headline is not None and ln.text == card.headline.text)
                    or self._quotes_into_bullets(lines, k)
                )
            ):
                # A headline between the date and the bullets (or its repeat).
                b = self.block(ln, Role.CARD_HEADLINE, si, card.index)
                if card.headline is None:
                    card.headline = b
                else:
                    card.repeats.append(b)
                card.blocks.append(b)
            else:
                if card is not None and (card.bullets or card.date):
                    close()
                role, zone = self.text_role(ln.text[ln.body_offset :], zone)
                self._list_body(self.block(ln, role, si))
            k += 1
        close()
        blocks = self.blocks[first_block:]
        if not blocks:
            return
        span = self.index.span(blocks[0].span.start, blocks[-1].span.end)
        self.sections.append(
            Section(
                index=si,
                span=span,
                heading=heading,
                question=question,
                answer=answer,
                blocks=blocks,
                cards=card_ids,
            )
        )

    def text_role(self, text: str, zone: _Zone) -> tuple[Role, _Zone]:
        """First-pass role of a text line inside a section, and the zone after it.

        What a line is comes before where it stands: someone else's words (a quotation,
        an interview turn), a list item, a persona's speech, the narrator's remarks about
        the article; then the zone decides between commentary and prose. A sentence
        fused onto a citation URL gets the role it would have on its own line."""
        lay = self.layout
        if lay.is_quote(text):
            return Role.QUOTE, zone
        if lay.list_marker(text):
            return Role.LIST_ITEM, zone
        if lay.is_persona(text):
            return Role.PERSONA, _Zone(_Zone.CLOSING)
        if zone.kind == _Zone.CLOSING:
            return Role.COMMENTARY, zone
        if zone.kind == _Zone.INTRO:
            # The narrator's remarks between a question's answer and the first card are a
            # line or two; a section without a card goes on in prose.
            if zone.seen < lay.pack.commentary_intro_lines:
                return Role.COMMENTARY, _Zone(_Zone.INTRO, zone.seen + 1)
            zone = _Zone(_Zone.BODY)
        if lay.is_commentary(text):
            return Role.COMMENTARY, zone
        if len(text) <= lay.pack.label_max_chars and not text.rstrip().endswith(_LABEL_ENDS):
            return Role.LABEL, zone
        if zone.kind == _Zone.AFTER and (
            len(text) <= lay.pack.commentary_max_chars
            or (len(split_sentences(text)) == 1 and lay.ends_politely(text))
        ):
            # The narrator's reaction to the card just cited, on the citation's line or
            # the next: a short line, or one polite sentence (…注目されます。); the prose
            # goes on after it.
            return Role.COMMENTARY, _Zone(_Zone.BODY)
        return Role.PROSE, _Zone(_Zone.BODY)

    def _list_body(self, block: Block) -> None:
        """A list item's body starts after its marker (``・``, ``1.``)."""
        if block.role == Role.LIST_ITEM:
            block.body_offset += self.layout.list_marker(block.body)

    def citation(self, ln: _Line, card: _CardDraft, si: int) -> Citation:
        m = ln.match
        assert m is not None
        base = ln.start
        label = m["label"].strip() or None
        label_span = None
        if label is not None:
            ls = base + m.start("label")
            label_span = self.index.span(ls, ls + len(m["label"].rstrip()))
        rest_start = base + m.start("rest")
        url = url_span = None
        fused_start = None
        um = match_url(self.text, rest_start, ln.end)
        if um:
            url = self.text[um[0] : um[1]]
            url_span = self.index.span(*um)
            end = um[1]
            if end < ln.end:
                fused_start = end
        else:
            end = ln.end
        cite_block = self.block(ln, Role.CITATION, si, card.index, start=ln.start, end=end)
        fused = None
        if fused_start is not None:
            # Leading spaces belong to neither part.
            while fused_start < ln.end and self.text[fused_start] in " \t　":
                fused_start += 1
            if fused_start < ln.end:
                fused = self.block(ln, Role.COMMENTARY, si, None, start=fused_start, end=ln.end)
        card.citation = Citation(
            span=cite_block.span,
            label=label,
            label_span=label_span,
            url=url,
            url_span=url_span,
            fused=fused,
        )
        card.citation_block = cite_block
        card.blocks.append(cite_block)
        return card.citation

    def finish_card(self, card: _CardDraft, si: int) -> int:
        blocks = card.blocks
        date_block = card.date
        date_text = date_value = None
        if date_block is not None:
            date_text = date_block.body.strip() or None
            date_value = parse_card_date(date_block.body) if date_text else None
        c = Card(
            index=card.index,
            section=si,
            span=self.index.span(blocks[0].span.start, blocks[-1].span.end),
            headline=card.headline,
            headline_repeats=card.repeats,
            date=date_value,
            date_text=date_text,
            date_block=date_block,
            bullets=card.bullets,
            citation=card.citation,
            citation_block=card.citation_block,
        )
        self.cards.append(c)
        return c.index

    def conclusion(self, lines: list[_Line]) -> Conclusion:
        marker = None
        bullets: list[Block] = []
        first = len(self.blocks)
        for ln in lines:
            if ln.kind == "dateline":
                self.block(ln, Role.DATELINE)
            elif ln.kind == "cmarker" and marker is None:
                marker = self.block(ln, Role.CONCLUSION_MARKER)
            elif ln.kind == "cbullet":
                bullets.append(self.block(ln, Role.CONCLUSION_BULLET))
            else:
                self.block(ln, Role.COMMENTARY)
        blocks = self.blocks[first:]
        return Conclusion(
            span=self.index.span(blocks[0].span.start, blocks[-1].span.end),
            marker=marker,
            bullets=bullets,
        )


def parse(
    text: str,
    path: str = "<text>",
    *,
    markdown: bool | None = None,
    layout: Layout | None = None,
    continuation: bool = False,
) -> Article:
    """Build the article model of ``text`` (already decoded, BOM removed, ``\\n`` newlines).

    ``markdown`` defaults to whether ``path`` ends in ``.md``. ``continuation``: the text
    is a later part of a longer article (no title, lead or front matter of its own).
    """
    if markdown is None:
        markdown = path.lower().endswith((".md", ".markdown"))
    builder = _Builder(text, path, layout or knowledge().layout, markdown)
    builder.continuation = continuation
    return builder.build()
