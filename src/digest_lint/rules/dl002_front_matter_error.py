"""DL002 front-matter-error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule


class FrontMatterError(Rule):
    """Front matter that cannot be read.

    What it flags: the ``---`` … ``---`` block at the top of a Markdown article when it is
    not valid YAML, is not a mapping of keys to values, or nests too deeply. The article
    is still checked, as if it had no front matter.

    Why it matters: the front matter carries the article's metadata, its ``date:`` first
    of all; unread, every rule that judges text at the article's date falls back to
    another date, and the publishing system may reject the article.

    Bad: ``title: 日銀: 追加利上げを見送り`` (an unquoted ``:`` inside the value).

    Good: ``title: "日銀: 追加利上げを見送り"`` (a value that contains ``:`` in quotes).

    Fix safety: no automatic fix; correct the YAML (quote values that contain ``:`` or
    start with ``[``, ``{`` or ``*``).
    """

    doc_ja = """
    読めないフロントマター。

    何を検出するか: Markdown 記事の先頭にある ``---`` から ``---`` までのブロックのうち、
    YAML として正しくないもの、キーと値の組（マッピング）になっていないもの、入れ子が
    深すぎるもの。記事はフロントマターがないものとして確認を続けます。

    なぜ問題か: フロントマターには記事の情報、とりわけ ``date:`` が書かれています。
    読めないと、記事の日付で文を判断するルールはすべて別の日付を使うことになり、
    配信システムが記事を受け付けないこともあります。

    悪い例: ``title: 日銀: 追加利上げを見送り``（値の中の ``:`` を引用符で囲んでいない）。

    良い例: ``title: "日銀: 追加利上げを見送り"``（``:`` を含む値は引用符で囲む）。

    修正の安全性: 自動修正はありません。YAML を直してください（``:`` を含む値や、
    ``[``・``{``・``*`` で始まる値は引用符で囲みます）。
    """

    code = "DL002"
    name = "front-matter-error"
    severity = Severity.ERROR
    scope = "article"
    fix_availability = FixAvailability.NEVER

    messages = {
        "unreadable": Message(
            ja="フロントマターを読めないため無視しました（{problem}）。YAMLを直してください"
            "（「:」を含む値は引用符で囲みます）。",
            en="front matter cannot be read: {problem}; it was ignored",
        ),
        "yaml": Message(
            ja="YAMLとして正しくありません: {detail}", en="it is not valid YAML: {detail}"
        ),
        "yaml-at": Message(
            ja="{line}行目がYAMLとして正しくありません: {detail}",
            en="it is not valid YAML (line {line}): {detail}",
        ),
        "mapping": Message(
            ja="キーと値の組（key: value）になっていません",
            en="it is not a mapping of keys to values",
        ),
        "deep": Message(ja="入れ子が深すぎます", en="it is nested too deeply"),
    }

    #: What the YAML parser's usual complaints mean (its own words are English).
    yaml_problems: ClassVar[dict[str, str]] = {
        "mapping values are not allowed": "値の中に引用符で囲まれていない「:」があります",
        "could not find expected ':'": "「キー: 値」の「:」がありません",
        "that cannot start any token": "値の先頭に使えない文字があります",
        "found undefined alias": "値の先頭の「*」が別名（エイリアス）と読まれました",
        "found unexpected end of stream": "引用符が閉じられていません",
        "expected <block end>": "字下げがそろっていません",
        "but got '<stream end>'": "括弧が閉じられていません",
    }

    def check(self, ctx: Context) -> Iterator[Violation]:
        article = ctx.article
        span = article.front_matter_span
        problem = article.front_matter_problem
        if problem is None or span is None:
            return
        if problem.kind == "yaml":
            key = "yaml-at" if problem.line is not None else "yaml"
            said = ctx.say(key, line=problem.line, detail=_detail(ctx, problem.detail))
        else:
            said = ctx.say(problem.kind)
        first_line_end = article.text.find("\n", span.start)
        end = span.end if first_line_end == -1 else min(span.end, first_line_end)
        yield ctx.violation(span.start, end, ctx.say("unreadable", problem=said))


def _detail(ctx: Context, detail: str) -> str:
    """The YAML parser's complaint, in Japanese where it is a usual one."""
    if ctx.lang == "en":
        return detail
    for words, japanese in FrontMatterError.yaml_problems.items():
        if words in detail:
            return japanese
    return f"「{detail}」"
