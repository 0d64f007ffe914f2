"""Messages in the editors' language: per-rule catalogs of templates with named fields.

Each rule keeps its messages next to its check, one :class:`Message` per situation, in
Japanese (the default) and English::

    messages = {
        "stale": Message(
            ja="「{written}」は{day}時点では誤りです（{fact}）。「{right}」と書いてください。",
            en="「{written}」 is wrong on {day} ({fact}); write 「{right}」",
        ),
    }

and renders one with ``ctx.say("stale", written=…, day=ctx.day(d), …)``. Field values are
already in the run's language (``ctx.day`` writes 2025年2月19日 or 2025-02-19). A
translator edits the strings without reading the code; a meta-test proves that every
message has both languages and the same fields in each.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
#: The environment variable that chooses the language where no flag or config does.
LANG_ENV = "DIGEST_LINT_LANG"


@dataclass(frozen=True, slots=True)
class Message:
    """One message template in every language."""

    ja: str
    en: str

    def template(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja

    def render(self, lang: str, **fields: object) -> str:
        return self.template(lang).format(**fields)


def fields_of(template: str) -> set[str]:
    """The named fields of a template (``{written}`` → ``written``)."""
    return {
        name.split(".")[0].split("[")[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }


def day(value: dt.date, lang: str) -> str:
    """A date as the language writes it: ``2025年2月19日`` or ``2025-02-19``."""
    if lang == "en":
        return value.isoformat()
    return f"{value.year}年{value.month}月{value.day}日"


def join(items: Iterable[str], lang: str) -> str:
    """A list as the language writes it: ``A、B、C`` or ``A, B, C``."""
    return ("、" if lang != "en" else ", ").join(items)


def lines(numbers: Iterable[int], lang: str, limit: int = 5) -> str:
    """Line numbers: ``12行目``, ``12・15・20行目…`` or ``line 12``, ``lines 12, 15, 20 …``."""
    nums = list(numbers)
    shown = nums[:limit]
    more = len(nums) > limit
    if lang == "en":
        head = "line" if len(nums) == 1 else "lines"
        return f"{head} {', '.join(map(str, shown))}{' …' if more else ''}"
    return f"{'・'.join(map(str, shown))}{'…' if more else ''}行目"


def line_range(first: int, last: int, lang: str) -> str:
    """``13〜17行目`` / ``lines 13-17`` (one line: ``13行目`` / ``line 13``)."""
    if first == last:
        return lines([first], lang)
    return f"lines {first}-{last}" if lang == "en" else f"{first}〜{last}行目"


# --------------------------------------------------------------------- messages held
@dataclass(frozen=True, slots=True)
class Said:
    """A message with its fields, not yet in a language: rendered where it is printed.

    Errors and notes are made long before anyone knows who reads them (a pack is read
    before the config says ``lang``); they carry a :class:`Said` and the code that prints
    them renders it in the run's language. A field may itself be a :class:`Said`, a date
    (written as :func:`day` writes it) or a list or tuple (joined as :func:`join` does),
    each rendered in the same language.
    """

    message: Message
    fields: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str) -> str:
        return self.message.render(lang, **{k: _field(v, lang) for k, v in self.fields})

    def __str__(self) -> str:
        return self.render("en")


def _field(value: object, lang: str) -> object:
    if isinstance(value, Said):
        return value.render(lang)
    if isinstance(value, dt.date):
        return day(value, lang)
    if isinstance(value, list | tuple):
        return join((str(_field(v, lang)) for v in value), lang)
    return value


def said(message: Message, **fields: object) -> Said:
    """``message`` with ``fields``, to be rendered later (:meth:`Said.render`)."""
    return Said(message, tuple(fields.items()))


def verbatim(text: str) -> Said:
    """Text that is the same in every language (an operating system's reason, a name)."""
    return Said(Message(ja="{text}", en="{text}"), (("text", text),))


def render(text: str | Said, lang: str) -> str:
    """``text`` in ``lang`` (a plain string is already in its language)."""
    return text.render(lang) if isinstance(text, Said) else text


class EditorError(Exception):
    """An error an editor can meet (a file, a pack entry, a config key): ``where`` it is
    and what is wrong, rendered in the run's language where it is printed.

    ``str(error)`` is the English text (logs, tracebacks); :meth:`render` gives either.
    """

    def __init__(self, where: str | None, what: str | Said) -> None:
        super().__init__(where, what)
        self.where = where
        self.what = what

    def describe(self, lang: str) -> str:
        """What is wrong, without where."""
        return render(self.what, lang)

    def render(self, lang: str) -> str:
        what = self.describe(lang)
        return f"{self.where}: {what}" if self.where else what

    def __str__(self) -> str:
        return self.render("en")


@dataclass(frozen=True, slots=True)
class Voice:
    """Renders one catalog's messages in one language (what a rule's context speaks with)."""

    lang: str
    messages: Mapping[str, Message]

    def say(self, key: str, **fields: object) -> str:
        return self.messages[key].render(self.lang, **fields)

    def day(self, value: dt.date) -> str:
        return day(value, self.lang)

    def join(self, items: Iterable[str]) -> str:
        return join(items, self.lang)

    def lines(self, numbers: Iterable[int]) -> str:
        return lines(numbers, self.lang)

    def line_range(self, first: int, last: int) -> str:
        return line_range(first, last, self.lang)


#: Severity names as editors read them (the summary line, ``explain``).
SEVERITY_NAMES = {
    "error": Message(ja="エラー", en="error"),
    "warning": Message(ja="警告", en="warning"),
    "info": Message(ja="情報", en="info"),
}


def language(value: str | None) -> str:
    """A supported language: ``value`` if it is one, else :data:`DEFAULT_LANGUAGE`."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def start_language(flag: str | None = None) -> str:
    """The language before any config is read: ``flag`` (``--lang``), else
    ``$DIGEST_LINT_LANG``, else Japanese."""
    import os

    return language(flag or os.environ.get(LANG_ENV))


#: What a failed validation (pydantic's error ``type``) means, for editors. The English
#: text is pydantic's own message; the Japanese one says what to write.
_PROBLEMS: dict[str, str] = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "このキーは使えません（綴りを確かめてください）",
    "literal_error": "{expected} のどれかを書いてください",
    "enum": "{expected} のどれかを書いてください",
    "int_type": "整数を書いてください",
    "int_parsing": "整数を書いてください",
    "int_from_float": "整数を書いてください",
    "float_type": "数値を書いてください",
    "float_parsing": "数値を書いてください",
    "bool_type": "true か false を書いてください",
    "bool_parsing": "true か false を書いてください",
    "string_type": "文字列を書いてください",
    "list_type": "リスト（[…]）を書いてください",
    "tuple_type": "リスト（[…]）を書いてください",
    "set_type": "リスト（[…]）を書いてください",
    "dict_type": "キーと値の組（テーブル）を書いてください",
    "model_type": "キーと値の組（テーブル）を書いてください",
    "model_attributes_type": "キーと値の組（テーブル）を書いてください",
    "greater_than_equal": "{ge} 以上の値を書いてください",
    "greater_than": "{gt} より大きい値を書いてください",
    "less_than_equal": "{le} 以下の値を書いてください",
    "less_than": "{lt} より小さい値を書いてください",
    "too_short": "少なくとも{min_length}個必要です",
    "too_long": "多くとも{max_length}個までです",
    "string_too_short": "少なくとも{min_length}文字必要です",
    "string_too_long": "多くとも{max_length}文字までです",
    "date_type": "日付（YYYY-MM-DD）を書いてください",
    "date_parsing": "日付（YYYY-MM-DD）を書いてください",
    "date_from_datetime_parsing": "日付（YYYY-MM-DD）を書いてください",
    "date_from_datetime_inexact": "時刻のない日付（YYYY-MM-DD）を書いてください",
    "string_pattern_mismatch": "書き方が正しくありません（{pattern} の形）",
    "value_error": "値が正しくありません: {error}",
    "assertion_error": "値が正しくありません: {error}",
}


def validation_problem(error: Mapping[str, object]) -> Said:
    """One validation error (pydantic's ``ErrorDetails``) for an editor: pydantic's
    message in English, what to write in Japanese."""
    msg = str(error.get("msg", ""))
    ctx = error.get("ctx")
    fields: dict[str, object] = {k: str(v) for k, v in ctx.items()} if isinstance(ctx, dict) else {}
    ja = _PROBLEMS.get(str(error.get("type", "")))
    if ja is None or not fields_of(ja) <= set(fields):
        ja = "値が正しくありません（{msg}）"
    fields = {k: v for k, v in fields.items() if k in fields_of(ja) and k != "msg"}
    return said(Message(ja=ja, en="{msg}"), msg=msg, **fields)


def counted(n: int, one: Message, many: Message) -> Said:
    """``n`` of something: ``one`` when ``n`` is 1 (English singular), else ``many``
    (both take the field ``n``)."""
    return said(one if n == 1 else many, n=n)
