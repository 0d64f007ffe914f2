"""What the messages of the rule cases tell the editor, beyond the span.

The cases (``tests/rule_cases``) assert spans and fixed texts, never messages. These tests
check the facts a message must carry for the editor to act on it: the first citation
of a duplicate, the other file citing a source, the dates and the gap, the topics of an
off-topic card, the forms of a drifting title. They look for the facts (names, numbers,
files, dates), not for the wording, which is the rule's to change.
"""

from __future__ import annotations

import pytest

from tests.cases import messages

FACTS = [
    ("DL101", "a card without 公開日 is flagged at its first bullet", [["公開日", "mainichi.jp"]]),
    ("DL103", "another publisher's name on the URL of a known domain", [["朝日新聞"]]),
    (
        "DL105",
        "the same source twice, after normalising scheme, case, slash, query and fragment",
        [["10"]],
    ),
    (
        "DL106",
        "one source cited by two articles of the run, a trailing slash aside",
        [["b.txt"], ["a.txt"]],
    ),
    ("DL107", "a URL dated four weeks before 公開日", [["2025-02-19", "28"]]),
    (
        "DL202",
        "a name in the lead and the conclusion that the body never mentions",
        [["「トルコ」"], ["「トルコ」"]],
    ),
    ("DL202", "a year beside a name the body never mentions", [["「2022年」"], ["「トルコ」"]]),
    (
        "DL301",
        "a person the pack does not know, in office and previous in one article",
        [["首相 (line 7)", "前首相 (line 9)"]],
    ),
    (
        "DL302",
        "トランプ前大統領 in 2025, when he is the sitting president",
        [["2025-03-04", "トランプ", "2025-01-20", "トランプ大統領"]],
    ),
    ("DL302", "a nominee after taking office", [["2025-01-21"]]),
    (
        "DL302",
        "an article that gives no date, judged at the as-of date on request, stale in 2025",
        [["gives no date", "2025-03-01"]],
    ),
    (
        "DL303",
        "the minority spelling of a name, with the majority as fix",
        [["ラヴロフ", "ラブロフ"]],
    ),
    ("DL303", "in a tie the later form is flagged", [["「ゼレンスキイ」"]]),
    ("DL401", "a meeting told as past, three months after the card's 公開日", [["2025-02-19"]]),
    ("DL402", "a card a year and a day older than the others", [["2024-02-29", "2025-03-01"]]),
    ("DL501", "a plain run after polite prose", [["prose", "5", "2"]]),
    ("DL501", "one finding per minority run", [["line 4"], ["lines 7-8"]]),
    ("DL501", "a section in another register, like a pasted article", [["lines 19-22"]]),
    ("DL501", "the bullets of each card are judged on their own", [["card"]]),
    ("DL501", "the conclusion bullets are a group", [["conclusion"]]),
    ("DL501", "the narrator's commentary is a group when selected", [["commentary"]]),
]


@pytest.mark.parametrize(("code", "name", "facts"), FACTS, ids=[f"{c}: {n}" for c, n, _ in FACTS])
def test_the_message_names_the_facts(code: str, name: str, facts: list[list[str]]) -> None:
    found = messages(code, name)
    assert len(found) == len(facts), found
    for message, wanted in zip(found, facts, strict=True):
        missing = [w for w in wanted if w not in message]
        assert not missing, f"{message!r} does not name {missing}"


def test_an_off_topic_card_names_the_card_s_topic_and_the_article_s() -> None:
    (message,) = messages("DL201", "a card about pandas in an article on an election")
    assert "上野動物園" in message or "パンダ" in message
    assert any(w in message for w in ("知事選", "県政", "投票率", "子育て"))
    assert message.index("上野動物園") < min(
        message.index(w) for w in ("知事選", "県政", "投票率", "子育て") if w in message
    )


def test_a_stale_title_in_english_and_in_japanese() -> None:
    name = "トランプ前大統領 in 2025, when he is the sitting president"
    assert messages("DL302", name) == [
        "「トランプ前大統領」 is wrong on 2025-03-04 (トランプ has been 米大統領 since "
        "2025-01-20); write 「トランプ大統領」"
    ]
    assert messages("DL302", name, lang="ja") == [
        "「トランプ前大統領」は2025年3月4日時点では誤りです（トランプ氏は2025年1月20日から"
        "米大統領）。「トランプ大統領」と書いてください。"
    ]
