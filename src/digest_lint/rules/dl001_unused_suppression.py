"""DL001 unused-suppression."""

from __future__ import annotations

from collections.abc import Iterable

from digest_lint.model.findings import Severity, Violation
from digest_lint.model.messages import Message
from digest_lint.rules.base import Context, FixAvailability, Rule


class UnusedSuppression(Rule):
    """A suppression comment that suppresses nothing.

    What it flags: a ``<!-- digest-lint-disable-next-line … -->`` or
    ``<!-- digest-lint-disable … -->`` comment in a Markdown article whose rule found
    nothing on the lines it covers, or that names no rule at all. Only rules that ran are
    judged, so ``--select DL1`` does not make a DL302 suppression look stale.

    Why it matters: a stale suppression hides the next real defect on that line, and
    readers of the source cannot tell which exceptions still matter.

    Bad: ``<!-- digest-lint-disable-next-line DL402 -->`` above a card whose old 公開日
    was replaced by this week's date: DL402 has nothing left to find there.

    Good: no comment once the card is current; a comment only above a line the rule
    still flags, with the reason (``<!-- digest-lint-disable-next-line DL402 -- 2019年の
    経緯として引用 -->``).

    Fix safety: no automatic fix; delete the comment, or the codes in it that are no
    longer needed.
    """

    doc_ja = """
    何も抑制していない抑制コメント。

    何を検出するか: Markdown 記事の ``<!-- digest-lint-disable-next-line … -->`` や
    ``<!-- digest-lint-disable … -->`` のうち、対象の行で指定のルールが何も検出しなかった
    もの、またはルールでないものを指定したもの。実行したルールだけを判断するので、
    ``--select DL1`` で確認したときに DL302 の抑制コメントを不要とは言いません。

    なぜ問題か: 不要になった抑制コメントは、同じ行に次に生じる本当の誤りを隠します。
    原稿を読む人にも、どの例外がまだ必要なのか分からなくなります。

    悪い例: 古い公開日を今週の日付に直したカードの上に
    ``<!-- digest-lint-disable-next-line DL402 -->`` が残っている（DL402 が検出するものは
    もうありません）。

    良い例: カードを直したらコメントも消す。コメントは、ルールがまだ検出する行の上にだけ、
    理由を添えて書く（``<!-- digest-lint-disable-next-line DL402 -- 2019年の経緯として
    引用 -->``）。

    修正の安全性: 自動修正はありません。コメントを消すか、不要になったコードをコメントから
    外してください。
    """

    code = "DL001"
    name = "unused-suppression"
    severity = Severity.INFO
    scope = "article"
    fix_availability = FixAvailability.NEVER

    # Rendered by the engine (Engine.unused_suppressions), which judges the comments once
    # every rule has run.
    messages = {
        "unused": Message(
            ja="使われていない抑制コメント（{comment}）です: {problems}。"
            "コメントを消すか、不要なコードを外してください。",
            en="unused suppression ({comment}): {problems}",
        ),
        "unknown": Message(
            ja="{codes} はルールのコードでも名前でもありません", en="{codes} names no rule"
        ),
        "nothing": Message(ja="何も抑制していません", en="it suppresses nothing"),
        "stale": Message(
            ja="{codes} はここで何も検出していません", en="{codes} found nothing to suppress"
        ),
        "and": Message(ja="{a}。{b}", en="{a}; {b}"),
    }

    def check(self, ctx: Context) -> Iterable[Violation]:
        # The engine reports unused suppressions once every rule (corpus rules included)
        # has run: see digest_lint.engine.suppression and Engine.unused_suppressions.
        return ()
