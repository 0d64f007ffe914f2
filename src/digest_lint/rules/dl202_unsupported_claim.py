"""DL202 unsupported-claim."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import chain, compress
from operator import attrgetter

from pydantic import Field

from digest_lint.analysis.tokens import Token
from digest_lint.analysis.topic import ArticleTerms, TermInfo, Vocabulary, nfkc
from digest_lint.model.article import Block, Role
from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule, RuleOptions

#: Where an article makes claims, and the key of each place's name in the catalog.
CLAIM_ROLES = {Role.TITLE: "title", Role.LEAD: "lead", Role.CONCLUSION_BULLET: "conclusion"}
#: The body: what the sections and cards say (headings and Q&A lines included).
BODY_ROLES = frozenset(
    {
        Role.HEADING,
        Role.QUESTION,
        Role.ANSWER,
        Role.PROSE,
        Role.COMMENTARY,
        Role.PERSONA,
        Role.CARD_HEADLINE,
        Role.CARD_DATE,
        Role.BULLET,
    }
)
_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]{1,7}(?![A-Za-z0-9])")
_YEAR_COUNTERS = frozenset({"年", "年度"})


@dataclass(frozen=True)
class Term:
    """A key term of a claim: a name, a year or a figure, with its place."""

    kind: str  # "name" | "year" | "figure"
    text: str
    start: int
    end: int
    keys: tuple[str, ...]
    """Forms any one of which, found in the body, supports the term."""
    role: str | None = None
    """The office a person is named with (岸田文雄 **首相**): the body may use it alone."""


class _Body:
    """What the body says, in the forms terms are looked up in."""

    def __init__(self, ctx: Context, terms: ArticleTerms) -> None:
        blocks = [b for b in ctx.article.blocks if b.role in BODY_ROLES]
        self.blocks = blocks
        per_block = [(ctx.analysis.tokens(b), terms.infos(b)) for b in blocks]
        # token infos are shared by every token of one form: look at each distinct one once
        uses = Counter(chain.from_iterable(infos for _, infos in per_block))
        self.keys: set[str] = set()
        self.numbers: set[str] = set()
        """Numbers the body's tokens give (see also :attr:`digit_runs`)."""
        role_uses: Counter[str] = Counter()
        for info, n in uses.items():
            self.keys.update(info.keys)
            if info.number:
                self.numbers.add(info.form)
            if info.role:
                role_uses[info.form] += n
        self.owners: dict[str, set[str]] = {}
        """Role noun → the names it directly follows in the body."""
        owned_uses: Counter[str] = Counter()
        for tokens, infos in per_block:
            for i in compress(range(len(infos) - 1), map(attrgetter("name"), infos)):
                nxt = infos[i + 1]
                if nxt.role and tokens[i].end == tokens[i + 1].start:
                    self.owners.setdefault(nxt.form, set()).add(infos[i].form)
                    owned_uses[nxt.form] += 1
        self.alone = {role for role, n in role_uses.items() if n > owned_uses[role]}
        """Role nouns the body also uses without a name before them."""

    @cached_property
    def text(self) -> str:
        return "\n".join(nfkc(b.body) for b in self.blocks).casefold()

    @cached_property
    def digit_runs(self) -> set[str]:
        return set(re.findall(r"\d+", self.text))

    def has_number(self, number: str) -> bool:
        return number in self.numbers or number in self.digit_runs

    def has_role_for(self, term: Term) -> bool:
        """The body uses the term's role noun alone, and never for someone else."""
        if term.role is None or term.role not in self.alone:
            return False
        return all(o in term.keys for o in self.owners.get(term.role, ()))

    def has_text(self, form: str) -> bool:
        form = nfkc(form).casefold()
        if len(form) < 2:
            return False
        if form.isascii():  # whole words only: EU is not in EUROPE
            return re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", self.text) is not None
        return form in self.text


def _name_forms(run: list[tuple[Token, TermInfo]], vocab: Vocabulary) -> tuple[str, ...]:
    forms: list[str] = []
    for tok, info in run:
        for key in info.keys or (info.form,):
            full, _ = vocab.aliases.variants(key)
            forms += [key, *full]
        forms += [tok.surface, tok.normalized]
        forms += [p for p in re.split(r"[・=＝]", tok.surface) if len(p) >= 2]
    return tuple(dict.fromkeys(forms))


def terms_of(ctx: Context, block: Block, terms: ArticleTerms, opts: Options) -> list[Term]:
    """The names, years and figures of one claim block, in order, each once."""
    vocab = terms.vocab
    counters = vocab.pack.names.date_counters
    tokens = ctx.analysis.tokens(block)
    infos = terms.infos(block)
    out: list[Term] = []
    text = ctx.article.text
    n = len(tokens)
    i = 0
    while i < n:
        tok, info = tokens[i], infos[i]
        if info.name:
            run = [(tok, info)]
            j = i + 1
            while j < n:
                cur = tokens[j]
                if cur.start == run[-1][0].end and infos[j].name:
                    run.append((cur, infos[j]))
                    j += 1
                elif cur.surface == "・" and j + 1 < n and infos[j + 1].name:
                    run.append((tokens[j + 1], infos[j + 1]))
                    j += 2
                else:
                    break
            start, end = run[0][0].start, run[-1][0].end
            person = all(t.pos[2] == "人名" or not t.is_proper_noun for t, _ in run)
            role = (
                infos[j].form
                if person and j < n and tokens[j].start == end and infos[j].role
                else None
            )
            forms = _name_forms(run, vocab)
            out.append(Term("name", text[start:end], start, end, forms, role))
            i = j
            continue
        nxt = tokens[i + 1] if info.number and i + 1 < n else None
        if nxt is not None and nxt.start == tok.end:
            value = info.form
            counter = infos[i + 1].form
            end = nxt.end
            if counter in _YEAR_COUNTERS and re.fullmatch(r"[12]\d{3}", value):
                out.append(Term("year", text[tok.start : end], tok.start, end, (value,)))
            elif (
                (nxt.pos[2] in ("助数詞", "助数詞可能") or nxt.pos[0] == "接尾辞")
                and counter not in counters
                and value.isdigit()
                and int(value) >= opts.min_figure
            ):
                digits = nfkc(tok.surface).replace(",", "")
                out.append(Term("figure", text[tok.start : end], tok.start, end, (value, digits)))
        i += 1
    body = block.body
    for m in _ACRONYM.finditer(nfkc(body)):
        # NFKC keeps the length of Latin letters and digits (full width → half width)
        start = block.body_start + m.start()
        if any(t.start <= start < t.end for t in out):
            continue
        full, _ = vocab.aliases.variants(m.group())
        forms = (m.group(), *full)
        out.append(
            Term("name", text[start : start + len(m.group())], start, start + len(m.group()), forms)
        )
    out.sort(key=lambda t: t.start)
    seen: set[str] = set()
    unique: list[Term] = []
    for term in out:
        ident = nfkc(term.text).casefold()
        if ident not in seen:
            seen.add(ident)
            unique.append(term)
    return unique


_ENDS = tuple("。．.!！?？」』)）…")


def _truncated(ctx: Context) -> bool:
    """Whether the page is cut off: its last line of text stops in mid-sentence."""
    for block in reversed(ctx.article.blocks):
        if block.role in (Role.CITATION, Role.CARD_DATE, Role.DATELINE):
            continue
        text = block.text.rstrip()
        if text.endswith(("、", "，", ",")):
            return True  # cut in mid-sentence
        return block.role != Role.LABEL and not text.endswith(_ENDS)
    return False


class Options(RuleOptions):
    needs_structure: bool = Field(
        default=True,
        description="Judge only pages with section headings or cards: in running news "
        "prose the lead is the story's first paragraph, not a summary the body backs up.",
        json_schema_extra={
            "ja": "見出しかカードのあるページだけを判断します。普通のニュース記事では、"
            "リードは記事の最初の段落で、本文が裏付ける要約ではないからです。"
        },
    )
    min_body_terms: int = Field(
        default=60,
        ge=0,
        description="A body (sections, cards) with fewer distinct words is not judged: in a "
        "short body silence means little.",
        json_schema_extra={
            "ja": "異なる語がこれより少ない本文（節とカード）は判断しません。短い本文では、"
            "書かれていないことにあまり意味がありません。"
        },
    )
    numbers_need_name: bool = Field(
        default=True,
        description="Report a year or figure only in a sentence that also names something "
        "the body never mentions (a lone year beside covered names dates the subject).",
        json_schema_extra={
            "ja": "年や数字は、本文にない名前も含む文にあるときだけ報告します（本文にある名前"
            "と並ぶ年は、話題の時期を示しているだけだからです）。"
        },
    )
    min_figure: int = Field(
        default=10,
        ge=0,
        description="Figures smaller than this (1人, 3つ) are no claims.",
        json_schema_extra={"ja": "これより小さい数（1人、3つ）は主張と見なしません。"},
    )


class UnsupportedClaim(Rule):
    """A name, year or figure in the title, lead or conclusion that the body never mentions.

    What it flags: each proper noun (people, places, organisations; rare katakana and
    Latin names such as ``ルカシェンコ``, ``G7``), year (``2022年``) and figure
    (``30日間``, ``500億円``; not dates or times of day) of the title, the lead or the
    conclusion that no heading, question, answer, prose line, commentary or card of the
    article mentions. Forms are compared after folding full/half width, ``2025年`` with
    ``2025``, and equivalent names (``ロシア``/``露``, ``米国``/``アメリカ``/``米``, from
    ``rules/aliases.yaml``); a name found inside a compound (``トルコ政府``) or by one part
    (``ヘグセス`` for ``ピート・ヘグセス``) is supported. One finding per term and place.
    A person named with an office (``岸田文雄首相``) is supported by a body that uses the
    office alone (``首相は…``) and for no one else. Very common names (``日本``,
    ``rules/topic.yaml``), articles whose body has fewer than ``min-body-terms`` words,
    and, with ``needs-structure``, pages with neither headings nor cards (plain news,
    whose lead is the story's first paragraph, not a promise of what follows) are not
    judged. With ``numbers-need-name`` a year or figure is reported only in a sentence
    that also names something the body lacks; figures below ``min-figure`` never are.
    Severity is info: a lead may rightly name background the body does not repeat, so an
    editor decides.

    Why it matters: the title, lead and conclusion promise what the article covers. A
    name or year that only they mention is either a claim the article never backs up or a
    leftover from another story; readers looking for it find nothing.

    Bad: a lead ``新潟と福島で記録的な大雨、被害額は300億円に`` over sections that only
    tell of Niigata: ``福島`` and ``300億円`` appear nowhere in the body.

    Good: a section on the damage in Fukushima that gives the figure, or a lead that
    promises only what the body tells (``新潟で記録的な大雨``).

    Fix safety: no automatic fix: add the missing part to the body (a section or a card
    that covers it), or take the term out of the title, lead or conclusion.
    """

    doc_ja = """
    タイトル・リード・結論にあるのに、本文に出てこない名前・年・数字。

    何を検出するか: タイトル、リード、結論にある固有名（人名・地名・組織名。
    ``ルカシェンコ`` や ``G7`` のような珍しいカタカナやローマ字の名前も）、年（``2022年``）、
    数字（``30日間``、``500億円``。日付や時刻は除きます）のうち、記事の見出し、問い、答え、
    本文、コメント、カードのどれにも出てこないもの。全角と半角、``2025年`` と ``2025``、
    同じものを指す名前（``ロシア``／``露``、``米国``／``アメリカ``／``米``。
    ``rules/aliases.yaml``）はそろえて比べます。複合語の中（``トルコ政府``）や名前の一部
    （``ピート・ヘグセス`` に対する ``ヘグセス``）で出てくれば、出てきたものとします。
    語と場所ごとに一件です。役職と一緒に書かれた人物（``岸田文雄首相``）は、本文が役職だけで
    （``首相は…``）その人を指し、ほかの人には使っていなければ、出てきたものとします。
    ごくありふれた名前（``日本``。``rules/topic.yaml``）、本文の語が ``min-body-terms`` 未満の
    記事、``needs-structure`` のときは見出しもカードもないページ（リードが記事の最初の段落で
    ある普通のニュース）は判断しません。``numbers-need-name`` のときは、年や数字は本文にない
    名前も含む文にあるときだけ報告します。``min-figure`` より小さい数は報告しません。
    重大度は情報です。本文で繰り返さない背景をリードで触れるのは正しいこともあるので、
    判断は編集者に委ねます。

    なぜ問題か: タイトル、リード、結論は、記事が何を扱うかの約束です。そこにしかない名前や
    年は、記事が裏付けていない主張か、別の記事の残りです。それを探して読んだ読者は何も
    見つけられません。

    悪い例: 新潟のことしか書いていない本文に、リード
    ``新潟と福島で記録的な大雨、被害額は300億円に``（``福島`` も ``300億円`` も本文にない）。

    良い例: 福島の被害を数字とともに伝える節を設ける。または、リードでは本文が伝える
    ことだけを約束する（``新潟で記録的な大雨``）。

    修正の安全性: 自動修正はありません。足りない内容を本文（それを扱う節かカード）に
    加えるか、タイトル・リード・結論からその語を外してください。
    """

    code = "DL202"
    name = "unsupported-claim"
    severity = Severity.INFO
    scope = "article"
    fix_availability = FixAvailability.NEVER
    Options = Options

    messages = {
        "name": Message(
            ja="{place}にある「{term}」は、本文のどの節にもカードにも出てきません。"
            "本文で扱うか、{place}から外してください。",
            en="{place} names 「{term}」, which no section or card mentions; cover it in "
            "the body or take it out",
        ),
        "year": Message(
            ja="{place}にある年「{term}」は、本文のどの節にもカードにも出てきません。"
            "本文で扱うか、{place}から外してください。",
            en="{place} gives the year 「{term}」, which no section or card mentions; cover "
            "it in the body or take it out",
        ),
        "figure": Message(
            ja="{place}にある数字「{term}」は、本文のどの節にもカードにも出てきません。"
            "本文で扱うか、{place}から外してください。",
            en="{place} gives the figure 「{term}」, which no section or card mentions; "
            "cover it in the body or take it out",
        ),
        "title": Message(ja="タイトル", en="title"),
        "lead": Message(ja="リード", en="lead"),
        "conclusion": Message(ja="結論", en="conclusion"),
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        article = ctx.article
        claims = [b for b in article.blocks if b.role in CLAIM_ROLES]
        if not claims:
            return
        terms = ctx.analysis.terms
        opts: Options = ctx.options
        if opts.needs_structure and not any(
            b.role in (Role.HEADING, Role.BULLET) for b in article.blocks
        ):
            return  # running news prose: its lead is the first paragraph, not a promise
        if _truncated(ctx):
            return  # the page ends mid-sentence: what the body never reaches says nothing
        body = _Body(ctx, terms)
        if len(body.keys) < opts.min_body_terms:
            return
        lone_numbers = not opts.numbers_need_name
        for block in claims:
            place = ctx.say(CLAIM_ROLES[block.role])
            missing = [t for t in terms_of(ctx, block, terms, opts) if not self._supported(t, body)]
            named = [
                (s.start, s.end)
                for s in ctx.analysis.sentences_of(block)
                if any(t.kind == "name" and s.start <= t.start < s.end for t in missing)
            ]
            for term in missing:
                if (
                    term.kind != "name"
                    and not lone_numbers
                    and not any(s <= term.start < e for s, e in named)
                ):
                    continue
                yield ctx.violation(
                    term.start, term.end, ctx.say(term.kind, place=place, term=term.text)
                )

    @staticmethod
    def _supported(term: Term, body: _Body) -> bool:
        if term.kind in ("year", "figure"):
            return any(body.has_number(k) for k in term.keys)
        return body.has_role_for(term) or any(k in body.keys or body.has_text(k) for k in term.keys)
