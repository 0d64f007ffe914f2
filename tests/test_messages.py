"""Meta-tests of the languages: every rule speaks Japanese and English, with the same fields.

- every rule has a message catalog (DL001's is rendered by the engine), every message both
  languages with the same named fields; so do the catalogs of the errors editors meet;
- every rule has its doc in both languages with the summary and the five sections, every
  option a description in both, and no doc example is copied from the fixtures;
- every rule's wrong cases run in both languages: the same findings (code, name, place),
  a Japanese message in Japanese, an English one without Japanese sentence endings outside
  the article text it quotes.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

import digest_lint
from digest_lint.config import Config
from digest_lint.engine.engine import Engine
from digest_lint.io.sources import SourceText
from digest_lint.model.findings import Finding
from digest_lint.model.messages import LANGUAGES, Message, fields_of
from digest_lint.parsing.parser import parse
from digest_lint.rules import BY_CODE, RULES
from digest_lint.rules.base import DOC_SECTIONS, Rule, option_description
from tests.conftest import lint

ROOT = Path(__file__).resolve().parent.parent
#: Rules whose messages and docs another branch is rewriting: they keep their English
#: f-strings and docstring until it lands (remove the code here when it does).
PENDING: dict[str, str] = {}
TRANSLATED = [r for r in RULES if r.code not in PENDING]
AS_OF = dt.date(2025, 12, 1)

#: Japanese sentence endings an English message must not have outside quoted text.
JA_ENDINGS = re.compile(r"ください|です|ます|ません|でした|ました")
_QUOTED = re.compile(r"「[^「」]*」")
_URL = re.compile(r"https?://[^\s（）()、]+|[\w/.-]+\.(?:txt|md)\b")


def _catalogs() -> list[tuple[str, str, Message]]:
    """Every module-level catalog of messages in the package: ``(where, key, message)``."""
    found: list[tuple[str, str, Message]] = []
    package = Path(digest_lint.__file__).parent
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        try:
            module: ModuleType = importlib.import_module(name)
        except ImportError:  # an optional extra (the language server) not installed
            continue
        for attr, value in vars(module).items():
            if (
                isinstance(value, dict)
                and value
                and all(isinstance(v, Message) for v in value.values())
            ):
                found += [(f"{name}.{attr}", k, m) for k, m in value.items()]
    return found


# ------------------------------------------------------------------------ catalogs
@pytest.mark.parametrize("rule", TRANSLATED, ids=lambda r: r.code)
def test_every_rule_has_a_catalog_in_both_languages(rule: type[Rule]) -> None:
    assert rule.messages, f"{rule.code} has no message catalog"
    for key, message in rule.messages.items():
        assert message.ja.strip() and message.en.strip(), f"{rule.code} {key}: empty text"
        assert fields_of(message.ja) == fields_of(message.en), (
            f"{rule.code} {key}: ja fields {sorted(fields_of(message.ja))} != "
            f"en fields {sorted(fields_of(message.en))}"
        )


def test_pending_rules_are_still_pending() -> None:
    """Once a pending rule has its catalog and Japanese doc, take it off the list."""
    for code in PENDING:
        rule = BY_CODE[code]
        assert not (rule.messages and rule.doc_ja), f"{code} is translated: remove it from PENDING"


def test_every_catalog_of_the_package_has_matching_fields() -> None:
    catalogs = _catalogs()
    places = {where for where, _, _ in catalogs}
    # the errors editors meet and the words around the findings have catalogs too
    for expected in (
        "digest_lint.io.sources.MESSAGES",
        "digest_lint.knowledge.packs.MESSAGES",
        "digest_lint.config.MESSAGES",
        "digest_lint.cli._shared.MESSAGES",
        "digest_lint.cli.check.MESSAGES",
        "digest_lint.formatters.text.MESSAGES",
        "digest_lint.rules.docs.PAGE",
    ):
        assert expected in places
    for where, key, message in catalogs:
        assert fields_of(message.ja) == fields_of(message.en), f"{where}[{key!r}]"
        # both empty (a deliberately empty part) or both written
        assert bool(message.ja) == bool(message.en), f"{where}[{key!r}]"


# ------------------------------------------------------------------------ docs
@pytest.mark.parametrize("rule", TRANSLATED, ids=lambda r: r.code)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_rule_has_both_docs_with_every_section(rule: type[Rule], lang: str) -> None:
    assert rule.has_doc(lang), f"{rule.code} has no {lang} doc"
    sections = rule.doc_sections(lang)
    assert sections["summary"] and "\n" not in sections["summary"], (
        f"{rule.code} ({lang}): the summary is one line before the sections"
    )
    for key, titles in DOC_SECTIONS.items():
        assert sections.get(key), f"{rule.code} ({lang}) lacks '{titles[lang]}:'"
    text = rule.doc(lang)
    other = "en" if lang == "ja" else "ja"
    for titles in DOC_SECTIONS.values():
        assert not re.search(rf"^{re.escape(titles[other])}[:：]", text, re.M), (
            f"{rule.code}: the {lang} doc has a {other} section title"
        )
    if lang == "ja":
        assert re.search(r"[ぁ-ん]", sections["summary"] + sections["flags"])


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_option_is_described_in_both_languages(rule: type[Rule]) -> None:
    for name, field in rule.Options.model_fields.items():
        for lang in LANGUAGES:
            assert option_description(field, lang), f"{rule.code} {name}: no {lang} description"
        assert re.search(r"[ぁ-ん]", option_description(field, "ja")), f"{rule.code} {name}"


def _fixture_texts() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for d in ("seeds", "qa", "holdout")
        for p in sorted((ROOT / "fixtures" / d).rglob("*"))
        if p.is_file() and p.suffix in (".txt", ".md")
    )


def test_doc_examples_are_not_copied_from_the_fixtures() -> None:
    texts = _fixture_texts()
    assert texts
    for rule in TRANSLATED:
        for lang in LANGUAGES:
            sections = rule.doc_sections(lang)
            for key in ("bad", "good"):
                for example in re.findall(r"``(.+?)``", sections[key], re.S):
                    words = example.strip()
                    if len(words) >= 12 and not words.startswith(("http", "公開日")):
                        assert words not in texts, f"{rule.code} ({lang}) copies {words!r}"


# ------------------------------------------------------------------------ wrong cases
def _page(*cards: str, lead: str = "政府が電気代の補助を再開します。") -> str:
    return (
        f"物価高対策の行方\n{lead}\n政府の方針\n何が決まった?\n補助の再開です。\n"
        + "\n".join(cards)
        + "\n本文の段落です。\n"
    )


_BULLETS = (
    "政府は電気代の補助を再開する方針を示した。",
    "夏の間の家計負担を抑える狙いがある。",
    "財源は予備費を充てる。",
)
_NIKKEI = "https://www.nikkei.com/article/DGXZQOUA120000S5A610C2000000/"


def _card(
    date: str | None = "2025/06/12",
    label: str = "日本経済新聞",
    url: str = _NIKKEI,
    bullets: tuple[str, ...] = _BULLETS,
    after: str = "",
) -> str:
    lines = [f"公開日:{date}"] if date is not None else []
    lines += [f"✅ {b}" for b in bullets]
    lines.append(f"さらに読む ⇒{label}出典/画像元: {url}{after}")
    return "\n".join(lines)


TYPHOON = """台風10号、沖縄に接近
大型で強い台風10号が沖縄本島と奄美大島に接近し、被害額は300億円に達する見込みで、気象庁は暴風警報を出して厳重な警戒を呼びかけています。
空の便と船の欠航
航空各社の対応は?
那覇空港発着の便が相次いで欠航しています。
公開日:2025/08/28
✅ 台風10号の接近で、那覇空港を発着する航空便の欠航が相次いだ。
✅ 航空各社は28日の全便の欠航を決め、利用客に振り替えを案内した。
✅ 離島を結ぶフェリーも運航を取りやめ、物流への影響が懸念される。
さらに読む ⇒NHKニュース出典/画像元: https://www3.nhk.or.jp/news/html/20250828/k10014000001000.html
暴風と大雨への備え
住民はどう備える?
気象庁は早めの避難を呼びかけています。
公開日:2025/08/28
✅ 気象庁は沖縄本島に暴風警報を出し、高潮や大雨にも警戒するよう呼びかけた。
✅ 那覇市などは避難所を開設し、高齢者に早めの避難を求めている。
✅ 台風は29日にかけて沖縄本島に最も接近する見通しだ。
さらに読む ⇒琉球新報出典/画像元: https://ryukyushimpo.jp/news/entry-1000000.html
球場の話題
昨夜の試合は?
公開日:2025/08/28
✅ エースの山田投手が7回無失点の好投で今季12勝目を挙げた。
✅ 打線は4番の本塁打など3本塁打で援護し、チームは首位に浮上した。
✅ 監督は「ブルペンも含めて全員で勝ち取った勝利だ」と振り返った。
さらに読む ⇒日刊スポーツ出典/画像元: https://www.nikkansports.com/baseball/news/202508280000001.html
🚩 結論!
💡 台風10号の接近で、沖縄では欠航や避難が広がっています。
💡 気象庁の情報に注意し、早めの備えを進めましょう。
"""

#: Wrong texts per rule, written for these tests: ``(name, text, path)``.
WRONG: dict[str, list[tuple[str, str, str]]] = {
    "DL002": [("unquoted colon", "---\ntitle: 日銀: 利上げ見送り\n---\n本文です。\n", "t.md")],
    "DL101": [("no 公開日", _page(_card(date=None)), "t.txt")],
    "DL102": [
        ("known publisher", _page(_card(label="")), "t.txt"),
        ("unknown publisher", _page(_card(label="", url="https://example.org/n/1")), "t.txt"),
    ],
    "DL103": [
        ("generic label", _page(_card(label="ニュースサイト")), "t.txt"),
        (
            "generic label, unknown site",
            _page(_card(label="ニュースサイト", url="https://example.org/n/1")),
            "t.txt",
        ),
        ("another publisher", _page(_card(label="毎日新聞")), "t.txt"),
    ],
    "DL104": [
        ("glued sentence", _page(_card(after="専門家は慎重な見方を示しています。")), "t.txt")
    ],
    "DL105": [
        (
            "same source twice",
            _page(
                _card(),
                _card(
                    url="http://WWW.NIKKEI.COM/article/DGXZQOUA120000S5A610C2000000/?utm_source=x"
                ),
            ),
            "t.txt",
        )
    ],
    "DL107": [
        (
            "a month apart",
            _page(
                _card(
                    date="2025/07/20",
                    label="朝日新聞デジタル",
                    url="https://www.asahi.com/articles/20250612/a.html",
                )
            ),
            "t.txt",
        )
    ],
    "DL201": [("a baseball card in a typhoon article", TYPHOON, "t.txt")],
    "DL202": [("a place and a figure only the lead has", TYPHOON, "t.txt")],
    "DL301": [
        (
            "首相 and 次期首相 in one November",
            _page(
                _card(date="2025/11/12", bullets=("高市首相は所信表明演説に臨んだ。",)),
                _card(
                    date="2025/11/13",
                    url="https://www.nikkei.com/a/9",
                    bullets=("高市次期首相は補正予算の編成を指示した。",),
                ),
            ),
            "t.txt",
        )
    ],
    "DL302": [
        (
            "previous holder as sitting",
            _page(_card(date="2025/06/10", bullets=("ショルツ首相は新政権の方針を批判した。",))),
            "t.txt",
        ),
        (
            "designate after taking office",
            _page(_card(date="2025/12/01", bullets=("高市次期首相は記者会見を開いた。",))),
            "t.txt",
        ),
    ],
    "DL303": [
        (
            "ボ once against ヴォ twice",
            _page(
                _card(
                    bullets=(
                        "ヴォロディン下院議長は会見で西側を批判した。",
                        "ヴォロディン下院議長はさらに制裁の解除を求めた。",
                        "ボロディン下院議長の発言に各国が反発した。",
                    )
                )
            ),
            "t.txt",
        )
    ],
    "DL304": [
        (
            "組立 against 組み立て",
            _page(_card(bullets=("棚を組み立てて、組立の手順を写真で示した。",))),
            "t.txt",
        )
    ],
    "DL401": [
        (
            "a day after the source",
            _page(_card(bullets=("政府は2025年8月5日、補正予算案を閣議決定しました。",))),
            "t.txt",
        ),
        (
            "a month after the source",
            _page(_card(bullets=("政府は2025年9月に補正予算案を閣議決定しました。",))),
            "t.txt",
        ),
    ],
    "DL402": [
        (
            "an old card",
            _page(
                _card(date="2021/08/03"),
                _card(date="2025/06/12", url="https://www.nikkei.com/a/2"),
                _card(date="2025/06/14", url="https://www.nikkei.com/a/3"),
            ),
            "t.txt",
        )
    ],
    "DL403": [
        (
            "31 June in the text",
            _page(_card(bullets=("国会は2025年6月31日に閉会した。",))),
            "t.txt",
        ),
        ("31 September as 公開日", _page(_card(date="2025/09/31")), "t.txt"),
        ("no date as 公開日", _page(_card(date="近日")), "t.txt"),
        ("front matter date", "---\ndate: 2025-02-30\n---\n見出し\n本文です。\n", "t.md"),
    ],
    "DL404": [
        (
            "Saturday for a Sunday",
            _page(_card(bullets=("参院選は2025年7月20日(土)に投開票される。",))),
            "t.txt",
        )
    ],
    "DL405": [("a year in the future", _page(_card(date="2052/06/12")), "t.txt")],
    "DL501": [
        (
            "plain prose after polite prose",
            "日銀の判断\nリードです。\n日銀は政策金利を据え置きました。\n植田総裁は慎重な姿勢を示しました。\n"
            "市場では円安が進んだ。\n輸入物価の上昇が続く見通しだ。\n企業は価格転嫁を急いでいる。\n",
            "t.txt",
        )
    ],
    "DL502": [("?。", _page(_card(bullets=("値上げの波はいつまで続くのでしょうか?。",))), "t.txt")],
    "DL503": [
        ("half-width ?", "新紙幣の発行で何が変わる?キャッシュレス化の行方\nリードです。\n", "t.txt")
    ],
}


def _corpus(code: str, lang: str) -> list[Finding]:
    """DL106 over two articles citing one source, as a run does."""
    engine = Engine.build(Config(select=[code], as_of=AS_OF, lang=lang))  # type: ignore[arg-type]
    summaries = []
    for path in ("a.txt", "b.txt"):
        _, summary = engine.check_article(parse(_page(_card()), path))
        summaries.append((path, summary))
    return list(engine.finish(summaries))


def _unused_suppression(lang: str) -> list[Finding]:
    """DL001: a suppression comment with nothing to suppress, and one naming no rule."""
    text = (
        "見出し\n<!-- digest-lint-disable-next-line DL502 -->\n値上げは続くのでしょうか?\n"
        "<!-- digest-lint-disable-next-line DL999 -->\n本文です。\n"
    )
    engine = Engine.build(Config(select=["DL502", "DL001"], as_of=AS_OF, lang=lang))  # type: ignore[arg-type]
    result = engine.check_source(SourceText("t.md", text))
    return list(engine.unused_suppressions({"t.md": result.directives}))


def _findings(code: str, name: str, lang: str) -> list[Finding]:
    if code == "DL001":
        return _unused_suppression(lang)
    if code == "DL106":
        return _corpus(code, lang)
    _, text, path = next(c for c in WRONG[code] if c[0] == name)
    return lint(text, code, path=path, as_of=AS_OF, dedent=False, lang=lang)


CASES = [("DL001", "unused and unknown"), ("DL106", "one source in two articles")] + [
    (code, name) for code, cases in WRONG.items() for name, _, _ in cases
]


def test_every_translated_rule_has_wrong_cases() -> None:
    assert {code for code, _ in CASES} == {r.code for r in TRANSLATED}


def _outside_quotes(message: str) -> str:
    return _URL.sub(" ", _QUOTED.sub(" ", message))


@pytest.mark.parametrize(("code", "name"), CASES, ids=[f"{c}-{n}" for c, n in CASES])
def test_wrong_cases_speak_both_languages(code: str, name: str) -> None:
    ja = _findings(code, name, "ja")
    en = _findings(code, name, "en")
    assert ja, f"{code} {name}: no finding"
    # the same findings, the code and name the same in both languages
    assert [(f.code, f.name, f.line, f.column, f.end_line, f.end_column) for f in ja] == [
        (f.code, f.name, f.line, f.column, f.end_line, f.end_column) for f in en
    ]
    for j, e in zip(ja, en, strict=True):
        assert j.message != e.message
        assert re.search(r"[ぁ-ん]", _outside_quotes(j.message)), j.message
        # no English words of its own (the article's words and names may be Latin)
        leftover = re.sub(
            r"digest-lint-[a-z-]+|YYYY/MM/DD|--[a-z-]+", " ", _outside_quotes(j.message)
        )
        assert not re.search(r"\b[a-z]{3,}\b", leftover), j.message
        assert not JA_ENDINGS.search(_outside_quotes(e.message)), e.message
        assert e.url.endswith(f"rules.en.md#{code.lower()}")
        assert j.url.endswith(f"rules.md#{code.lower()}")


def _rule_case_params() -> list[object]:
    from tests.cases import all_cases

    return [
        pytest.param(c, id=c.id)
        for c in all_cases()
        if c.wrong() and c.rule.code not in PENDING and not c.case.xfail
    ]


@pytest.mark.parametrize("case", _rule_case_params())
def test_rule_cases_speak_both_languages(case: object) -> None:
    """The wrong cases of ``tests/rule_cases`` in both languages: the same findings, each
    message in its language."""
    from tests.cases import LoadedCase, engine_for, key
    from tests.cases import lint as lint_case

    assert isinstance(case, LoadedCase)
    sources = case.case.sources()
    found = {
        lang: sorted(
            (
                f
                for f in lint_case(engine_for(case, lang=lang), sources)
                if f.code == case.rule.code
            ),
            key=key,
        )
        for lang in LANGUAGES
    }
    assert [key(f) for f in found["ja"]] == [key(f) for f in found["en"]]
    assert found["ja"], case.id
    for j, e in zip(found["ja"], found["en"], strict=True):
        assert re.search(r"[ぁ-ん]", _outside_quotes(j.message)), j.message
        assert not JA_ENDINGS.search(_outside_quotes(e.message)), e.message


def test_japanese_messages_end_with_what_to_do() -> None:
    """Every Japanese finding says what to write or do (…ください。)."""
    for code, name in CASES:
        for f in _findings(code, name, "ja"):
            assert "ください" in f.message, f"{code} {name}: {f.message}"


# ------------------------------------------------------------------------ every format
@pytest.mark.parametrize("fmt", ["json", "jsonl", "github", "sarif", "junit", "concise"])
def test_every_format_carries_the_message_in_the_chosen_language(fmt: str) -> None:
    from click.testing import CliRunner

    from digest_lint.cli import main

    seed = next((ROOT / "fixtures" / "seeds").glob("001_*.txt"))
    out = {}
    for lang in LANGUAGES:
        args = ["check", "--isolated", "--select", "DL104,DL502", "--format", fmt, "--lang", lang]
        out[lang] = CliRunner().invoke(main, [*args, str(seed)]).stdout
    # the code and name the same in both, the message in its language
    for lang in LANGUAGES:
        assert "DL104" in out[lang] and "url-glued" in out[lang]
    assert "改行し、文を次の行に書いてください" in out["ja"]
    assert "put the sentence on its own line" in out["en"]
    assert "put the sentence on its own line" not in out["ja"]
    assert "ください" not in out["en"]


# ------------------------------------------------------------------------ errors
def test_errors_are_rendered_where_printed_and_survive_worker_processes() -> None:
    import pickle

    from digest_lint.config import ConfigError
    from digest_lint.io.sources import InputError, decode
    from digest_lint.knowledge.packs import PackError
    from digest_lint.model.messages import validation_problem

    with pytest.raises(InputError) as caught:
        decode("a.txt", b"\x00\x01")
    error = pickle.loads(pickle.dumps(caught.value))
    assert str(error) == "a.txt: binary file (contains NUL bytes), not checked"
    assert (
        error.render("ja")
        == "a.txt: テキストではないファイル（NULバイトを含む）なので確認しませんでした"
    )
    pack = pickle.loads(pickle.dumps(PackError("p.yaml", "x", 3)))
    assert (pack.path, pack.line, str(pack)) == ("p.yaml", 3, "p.yaml:3: x")
    assert str(ConfigError(None, "y")) == "y"
    problem = validation_problem(
        {"type": "greater_than_equal", "msg": "Input should be >= 0", "ctx": {"ge": 0}}
    )
    assert (problem.render("en"), problem.render("ja")) == (
        "Input should be >= 0",
        "0 以上の値を書いてください",
    )
    unknown = validation_problem({"type": "no_such_type", "msg": "Odd"})
    assert unknown.render("ja") == "値が正しくありません（Odd）"
