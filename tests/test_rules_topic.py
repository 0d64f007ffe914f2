"""DL201 off-topic-summary and DL202 unsupported-claim on articles about many subjects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from digest_lint.analysis import Analysis
from digest_lint.analysis.topic import Bag, coverage, vocabulary
from digest_lint.config import Config
from digest_lint.engine.engine import Engine
from digest_lint.io.sources import read_source
from digest_lint.knowledge import knowledge
from digest_lint.knowledge.aliases import Aliases, AliasPack
from digest_lint.parsing.parser import parse
from digest_lint.rules.dl201_off_topic_summary import Options as OffTopicOptions
from tests.conftest import SEEDS, codes, lint


@dataclass
class Card:
    bullets: list[str]
    date: str = "2025/03/19"
    url: str = "https://www3.nhk.or.jp/news/html/20250319/k10014754321000.html"
    label: str = "NHKニュース"

    def lines(self) -> list[str]:
        out = [f"公開日:{self.date}", ""]
        out += [f"✅ {b}" for b in self.bullets]
        out.append(f"さらに読む ⇒{self.label}出典/画像元: {self.url}")
        return out


@dataclass
class Section:
    heading: str
    question: str
    answer: str
    items: list[str | Card] = field(default_factory=list)


def digest(title: str, lead: str, sections: list[Section], conclusion: list[str]) -> str:
    """A page in the one-paragraph-per-line layout."""
    lines = [title, lead]
    for s in sections:
        lines += [s.heading, s.question, s.answer]
        for item in s.items:
            lines += item.lines() if isinstance(item, Card) else [item]
    lines += ["🚩 結論!"] + [f"💡 {c}" for c in conclusion]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------- the articles
PANDA = Card(
    [
        "上野動物園で飼育されているジャイアントパンダの双子が1歳の誕生日を迎え、"
        "竹や果物で作った特製のケーキが贈られた。",
        "双子は元気に竹をかじり、飼育員によると体重は順調に増えている。",
        "動物園は混雑を避けるため、観覧整理券を配布している。",
    ]
)

ELECTION_CARDS = [
    Card(
        [
            "県知事選が告示され、3選を目指す現職と元副知事の新人の2人が届け出た。",
            "現職は子育て支援の拡充と財政再建の実績を強調し、新人は県政の刷新と"
            "路線バスの維持を訴えた。",
            "投開票は今月下旬で、選挙管理委員会は期日前投票の利用を呼びかけている。",
        ]
    ),
    Card(
        [
            "前回の知事選の投票率は過去最低の38%にとどまり、若い世代の棄権が目立った。",
            "県内の大学では学生団体が候補者の公開討論会を企画している。",
            "選管は商業施設に期日前投票所を設け、若者の投票を促す。",
        ]
    ),
]


def election(foreign: Card | None) -> str:
    extra: list[str | Card] = (
        [foreign, "パンダの話題で会場が和む場面もあったようです。"] if foreign else []
    )
    return digest(
        "県知事選が告示、現職と新人の一騎打ち 子育て支援と交通再建が争点",
        "任期満了に伴う県知事選が告示され、3選を目指す現職と元副知事の新人が立候補した。"
        "子育て支援と公共交通の再建が争点で、投票率の行方も注目される。",
        [
            Section(
                "告示日の第一声",
                "候補者は何を訴えたのか?",
                "子育て支援と交通の再建",
                [
                    ELECTION_CARDS[0],
                    "両候補は第一声で、人口減少が進む県の将来像を語った。",
                    "現職は県政の継続を訴え、新人は世代交代と県政の刷新を掲げた。",
                    "路線バスの廃止が相次ぐ地域では、公共交通の再建を求める声が強い。",
                ],
            ),
            Section(
                "投票率を上げるには",
                "若い世代は投票に行くのか?",
                "期日前投票所を増やす",
                [
                    ELECTION_CARDS[1],
                    *extra,
                    "投票率の低下は県政への関心の薄れを映しているとの指摘もある。",
                    "学生による討論会は、候補者の政策を比べる機会として期待されている。",
                ],
            ),
        ],
        [
            "知事選は子育て支援と公共交通の再建をめぐる論戦になっています。",
            "若い世代の投票率が選挙結果を左右しそうです。",
        ],
    )


GAME = Card(
    [
        "全国高校サッカー選手権の決勝が国立競技場で行われ、延長戦でも決着がつかず、"
        "PK戦の末に初優勝を果たした。",
        "主将は後半終了間際に同点ゴールを決め、スタンドの応援団を沸かせた。",
        "監督は選手たちの粘り強い守備をたたえた。",
    ]
)


def trade(foreign: Card | None) -> str:
    cards: list[str | Card] = [foreign, "試合の結果が話題になっています。"] if foreign else []
    return digest(
        "米中貿易摩擦が再燃 電気自動車と半導体に追加関税、中国は報復を表明",
        "米国が中国製の電気自動車や半導体に追加関税を課すと発表し、中国は報復措置を表明した。"
        "部品の供給網を通じて日本企業への影響も懸念される。",
        [
            Section(
                "米国の追加関税",
                "米国は何を発表したのか?",
                "電気自動車への関税を引き上げ",
                [
                    Card(
                        [
                            "米政府は中国製の電気自動車にかける関税を現在の4倍に"
                            "引き上げると発表した。",
                            "半導体や太陽光パネル、蓄電池も対象で、国内産業の保護を理由に挙げた。",
                            "中国の過剰生産が世界市場をゆがめていると批判した。",
                        ]
                    ),
                    "追加関税は、中国の産業補助金に対抗する狙いがあるとみられる。",
                    "米国内では、電気自動車の価格上昇を懸念する声もある。",
                ],
            ),
            Section(
                "中国の報復措置",
                "中国はどう対抗するのか?",
                "レアアースの輸出規制",
                [
                    Card(
                        [
                            "中国商務省は米国の措置に断固反対し、対抗措置をとると表明した。",
                            "電子部品に欠かせないレアアースやガリウムの輸出規制の強化を検討している。",
                            "世界貿易機関への提訴も辞さない構えだ。",
                        ]
                    ),
                    *cards,
                    "報復の応酬が続けば、部品の供給網が混乱するおそれがある。",
                    "日本の部品メーカーは、中国向けの輸出と米国向けの生産の両面で対応を迫られる。",
                ],
            ),
        ],
        [
            "米中の関税の応酬は、電気自動車や半導体の供給網に広がっています。",
            "日本企業も輸出規制と追加関税への備えが必要です。",
        ],
    )


RATES = Card(
    [
        "日銀は金融政策決定会合で政策金利を0.5%に引き上げることを決めた。",
        "利上げは半年ぶりで、物価と賃金の上昇が続いていると判断した。",
        "住宅ローンの金利上昇が家計の負担になるとの懸念も出ている。",
    ]
)


def ekiden(foreign: Card | None) -> str:
    cards: list[str | Card] = [foreign] if foreign else []
    return digest(
        "箱根駅伝、往路は大会新記録で首位 山登りの5区で逆転",
        "正月恒例の箱根駅伝の往路が行われ、山登りの5区で逆転した大学が大会新記録で"
        "往路優勝を果たした。復路は明日、芦ノ湖から大手町を目指す。",
        [
            Section(
                "往路の結果",
                "どこで順位が入れ替わったのか?",
                "山登りの5区",
                [
                    Card(
                        [
                            "箱根駅伝の往路で、5区の選手が区間新記録の走りで首位に立った。",
                            "1区から先頭を走っていた大学は4区で失速し、2位で芦ノ湖に着いた。",
                            "往路のタイムは大会新記録だった。",
                        ]
                    ),
                    "5区の山登りは標高差が大きく、毎年順位が大きく動く区間だ。",
                    "逆転を許した大学も、復路での巻き返しを狙う。",
                ],
            ),
            Section(
                "復路の展望",
                "総合優勝の行方は?",
                "復路の層の厚さが鍵",
                [
                    Card(
                        [
                            "総合優勝を争う大学は、復路に経験豊富な4年生をそろえた。",
                            "6区の山下りでは、昨年の区間賞の選手が出走する予定だ。",
                            "監督は「10区まで気が抜けない」と話した。",
                        ]
                    ),
                    *cards,
                    "復路は山下りの6区から始まり、大手町のゴールを目指す。",
                    "往路と復路の合計タイムで総合優勝が決まる。",
                ],
            ),
        ],
        [
            "往路は5区の逆転劇で大会新記録が生まれました。",
            "総合優勝の行方は復路の走りにかかっています。",
        ],
    )


def earthquake() -> str:
    """Cards on shelters, railways and donations: little shared vocabulary, one topic."""
    return digest(
        "能登の地震から1か月 避難生活と復旧の現状",
        "石川県能登地方の地震から1か月がたった。避難所での生活は長引き、鉄道の復旧や"
        "義援金の配分が課題になっている。被災地の今を伝える。",
        [
            Section(
                "避難生活",
                "避難所の暮らしはどうなっているのか?",
                "高齢者の負担が大きい",
                [
                    Card(
                        [
                            "避難所では段ボールベッドの導入が進んだが、感染症の広がりが心配されている。",
                            "高齢者の多くが持病を抱え、医師や保健師が巡回している。",
                            "仮設住宅の建設は予定より遅れている。",
                        ]
                    ),
                    "被災地の避難所では、長引く避難生活で体調を崩す人が増えている。",
                    "仮設住宅への入居を待つ人も多い。",
                ],
            ),
            Section(
                "鉄道と道路の復旧",
                "交通はいつ戻るのか?",
                "一部区間で運転再開",
                [
                    Card(
                        [
                            "のと鉄道は一部区間で運転を再開し、通学の高校生らが利用した。",
                            "残る区間はレールのゆがみやトンネルの損傷があり、代行バスが走る。",
                            "全線の再開は春以降になる見通しだ。",
                        ]
                    ),
                    "地震で寸断された道路や鉄道の復旧は、被災地の生活再建に欠かせない。",
                ],
            ),
            Section(
                "支援の輪",
                "義援金はどう届くのか?",
                "配分が始まった",
                [
                    Card(
                        [
                            "日本赤十字社などに寄せられた義援金は数百億円に達した。",
                            "県は配分委員会を開き、住宅の被害に応じて被災者に配ることを決めた。",
                            "振り込みは来月から始まる。",
                        ]
                    ),
                    "全国から寄せられた支援が、能登の被災者に届き始めている。",
                ],
            ),
        ],
        [
            "地震から1か月、能登の避難生活と復旧はまだ途上です。",
            "義援金など支援が被災地に届き始めました。",
        ],
    )


# ---------------------------------------------------------------------- DL201
@pytest.mark.parametrize(
    ("build", "foreign", "first_bullet"),
    [(election, PANDA, "上野動物園"), (trade, GAME, "全国高校サッカー"), (ekiden, RATES, "日銀")],
    ids=["election", "trade", "ekiden"],
)
def test_dl201_finds_the_foreign_card(
    build: Callable[[Card | None], str], foreign: Card, first_bullet: str
) -> None:
    text = build(foreign)
    found = lint(text, "DL201", dedent=False)
    assert codes(found) == ["DL201"], [f.message for f in found]
    line = text.splitlines()[found[0].line - 1]
    assert line.startswith(f"✅ {first_bullet}")
    assert "card 「" in found[0].message and "article is about" in found[0].message


@pytest.mark.parametrize("build", [election, trade, ekiden], ids=["election", "trade", "ekiden"])
def test_dl201_article_without_foreign_card_is_clean(build: Callable[[Card | None], str]) -> None:
    assert lint(build(None), "DL201", dedent=False) == []


def test_dl201_cards_with_little_in_common_still_belong() -> None:
    assert lint(earthquake(), "DL201", dedent=False) == []


def test_dl201_message_names_both_topics() -> None:
    found = lint(election(PANDA), "DL201", dedent=False)
    msg = found[0].message
    card_part, article_part = msg.split("; the article is about ")
    assert "パンダ" in card_part or "上野動物園" in card_part
    assert any(w in article_part for w in ("知事選", "県政", "投票率", "子育て"))


def test_dl201_threshold_option() -> None:
    assert lint(election(PANDA), "DL201", dedent=False, options={"DL201": {"threshold": 0.0}}) == []


def test_dl201_seed_alone_same_as_in_a_batch() -> None:
    """Weights come from a shipped frequency table, never from the other checked files."""
    path = next(SEEDS.glob("001_*.txt"))
    alone = lint(read_source(str(path)).text, "DL201", dedent=False)
    assert [f.line for f in alone] == [24]
    assert "児童相談所" in alone[0].message


def _seed_scores() -> dict[tuple[str, int], float]:
    vocab = vocabulary(knowledge())
    out: dict[tuple[str, int], float] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        art = parse(read_source(str(path)).text, str(path))
        an = Analysis(art, dt.date(2026, 11, 22))
        for card in art.cards:
            own = {b.index for b in [*card.summary_blocks(), *card.headline_repeats]}
            bag = vocab.bag(t for b in card.summary_blocks() for t in an.tokens(b))
            rest = vocab.bag(t for b in art.blocks if b.index not in own for t in an.tokens(b))
            out[(path.name[:3], card.index)] = coverage(bag, rest, OffTopicOptions().partial_credit)
    return out


def test_dl201_seed_margin() -> None:
    scores = _seed_scores()
    aum = scores.pop(("001", 1))
    threshold = OffTopicOptions().threshold
    assert aum < threshold / 2
    assert min(scores.values()) > threshold * 1.5


# ---------------------------------------------------------------------- DL202
BODY = [
    Section(
        "首脳会談の焦点",
        "両首脳は何を話し合うのか?",
        "停戦と制裁の扱い",
        [
            Card(
                [
                    "米ロ首脳は電話会談で、ウクライナでの停戦に向けた協議を始めることで合意した。",
                    "露側は制裁の緩和を求め、米側は30日間の一時停戦を提案した。",
                    "会談はサウジアラビアで開かれる見通しだ。",
                ]
            ),
            "首脳会談では、停戦の監視や捕虜交換も議題になるとみられる。",
            "欧州各国は、ウクライナ抜きの合意に警戒を強めている。",
            "ピート・ヘグセス国防長官は、欧州の負担増を求めた。",
            "2025年の交渉は、エネルギー施設への攻撃停止から始まった。",
        ],
    ),
    Section(
        "和平への課題",
        "合意の障害は何か?",
        "領土と安全の保証",
        [
            Card(
                [
                    "ウクライナは占領された領土の返還と、将来の侵攻を防ぐ安全の保証を求めている。",
                    "ロシアは北大西洋条約機構への加盟断念を条件に掲げ、譲歩の姿勢を見せていない。",
                    "仲介役の各国は、段階的な合意を探っている。",
                ]
            ),
            "領土をめぐる溝は深く、和平合意までの道のりは長いとの見方が多い。",
            "復興資金の負担や難民の帰還も、交渉の行方を左右しそうだ。",
        ],
    ),
]


def claims(title: str, lead: str, conclusion: list[str]) -> str:
    return digest(title, lead, BODY, conclusion)


def test_dl202_unsupported_name_in_lead_and_conclusion() -> None:
    text = claims(
        "米ロ首脳会談へ 停戦協議の行方",
        "トルコが仲介した停戦案の再検討も取り沙汰される。",
        ["トルコでの協議から振り返ります。", "停戦の監視が焦点です。"],
    )
    found = lint(text, "DL202", dedent=False)
    assert [
        (f.line, text.splitlines()[f.line - 1][f.column - 1 : f.end_column - 1]) for f in found
    ] == [
        (2, "トルコ"),
        (len(text.splitlines()) - 1, "トルコ"),
    ]
    assert "lead names 「トルコ」" in found[0].message
    assert "conclusion" in found[1].message


def test_dl202_aliases_width_and_parts_support_terms() -> None:
    text = claims(
        "アメリカとロシア、サウジで首脳会談へ",  # 米ロ / 露 in the body
        "ヘグセス長官は欧州に負担を要求。２０２５年の交渉は攻撃停止から。",  # full width
        ["米国とロシアはサウジアラビアで協議します。"],
    )
    assert lint(text, "DL202", dedent=False) == []


def test_dl202_year_beside_an_unsupported_name() -> None:
    text = claims(
        "停戦協議の行方",
        "2022年のトルコ案から2025年の米国案まで、停戦交渉は曲折を経た。",
        ["停戦の監視が焦点です。"],
    )
    found = lint(text, "DL202", dedent=False)
    terms = [text.splitlines()[f.line - 1][f.column - 1 : f.end_column - 1] for f in found]
    assert terms == ["2022年", "トルコ"]  # 2025 is in the body
    assert "year" in found[0].message


def test_dl202_lone_background_year_is_not_a_claim() -> None:
    text = claims(
        "停戦協議の行方", "2014年に始まった紛争で、米ロが停戦を協議する。", ["停戦が焦点です。"]
    )
    assert lint(text, "DL202", dedent=False) == []


def test_dl202_one_finding_per_term_and_place() -> None:
    text = claims("トルコ案とトルコ仲介", "停戦の行方。", ["停戦が焦点です。"])
    found = lint(text, "DL202", dedent=False)
    assert [f.line for f in found] == [1]


def test_dl202_no_body_no_judgement() -> None:
    text = "トルコで停戦協議\nトルコが仲介する停戦協議が始まる。\n"
    assert lint(text, "DL202", dedent=False) == []


@pytest.mark.parametrize(
    "text",
    [election(None), trade(None), ekiden(None), earthquake()],
    ids=["election", "trade", "ekiden", "earthquake"],
)
def test_dl202_quiet_on_consistent_articles(text: str) -> None:
    assert lint(text, "DL202", dedent=False) == []


def test_dl202_unsupported_figure_with_name() -> None:
    text = claims(
        "停戦協議の行方",
        "ベラルーシが仲介し、捕虜500人の交換で合意した。",
        ["停戦が焦点です。"],
    )
    found = lint(text, "DL202", dedent=False)
    terms = [text.splitlines()[f.line - 1][f.column - 1 : f.end_column - 1] for f in found]
    assert terms == ["ベラルーシ", "500人"]


# ---------------------------------------------------------------------- packs
def test_topic_packs_load_and_aliases_fold() -> None:
    vocab = vocabulary(knowledge())
    assert vocab.zipf("こと") > vocab.zipf("停戦") > vocab.zipf("児童相談所")
    from digest_lint.knowledge import packs

    aliases = Aliases(packs.load("aliases", AliasPack))
    full, short = aliases.variants("アメリカ")
    assert "米国" in full and "米" in short


def test_bags_of_shared_token_infos_match_token_by_token_bags() -> None:
    """``Analysis.topic`` bags (counted per distinct token form) equal ``Bag.add`` per token."""
    vocab = vocabulary(knowledge())
    for path in sorted(SEEDS.glob("*.txt")):
        art = parse(read_source(str(path)).text, str(path))
        an = Analysis(art, dt.date(2026, 11, 22))
        terms = an.terms
        assert an.terms is terms and terms.vocab is vocab
        groups = [art.blocks] + [card.summary_blocks() for card in art.cards]
        for blocks in groups:
            slow = Bag()
            for t in (t for b in blocks for t in an.tokens(b)):
                for key in vocab.terms(t):
                    weight = vocab.weight(key, t)
                    if weight > 0:
                        slow.add(key, weight, key if key != t.normalized else t.surface)
            fast = terms.bag(blocks)
            assert list(fast.counts.items()) == list(slow.counts.items())
            assert fast.weights == slow.weights and fast.shown == slow.shown
        assert [len(terms.infos(b)) for b in art.blocks] == [len(an.tokens(b)) for b in art.blocks]


def test_seeds_dl2_findings_are_what_we_expect() -> None:
    config = Config(select=["DL2"], as_of=dt.date(2026, 11, 22))
    engine = Engine.build(config)
    got: list[tuple[str, str, int]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        art = parse(read_source(str(path)).text, str(path))
        found, _ = engine.check_article(art)
        got += [(path.name[:3], f.code, f.line) for f in found]
    assert ("001", "DL201", 24) in got
    assert [g for g in got if g[1] == "DL201"] == [("001", "DL201", 24)]
    dl202 = {g[0] for g in got if g[1] == "DL202"}
    assert dl202 == {"003"}


def test_dl202_person_with_office_supported_by_the_office_alone() -> None:
    text = claims(
        "停戦協議の行方",
        "カラス・ミハイル外相が停戦案を示した。",
        ["停戦が焦点です。"],
    ).replace("欧州各国は、", "外相は停戦の監視を重視した。欧州各国は、")
    assert lint(text, "DL202", dedent=False) == []
    # … but not when the body uses the office for someone else
    text2 = claims(
        "停戦協議の行方",
        "ゼレンスキー大統領は拒否した。",
        ["停戦が焦点です。"],
    ).replace("欧州各国は、", "プーチン大統領は停戦の監視を重視した。欧州各国は、")
    assert codes(lint(text2, "DL202", dedent=False)) == ["DL202"]


def test_dl202_place_with_office_needs_the_place() -> None:
    text = claims("停戦協議の行方", "トルコ政府が停戦案を示した。", ["停戦が焦点です。"]).replace(
        "欧州各国は、", "政府は停戦の監視を重視した。欧州各国は、"
    )
    assert codes(lint(text, "DL202", dedent=False)) == ["DL202"]


def test_dl202_plain_news_without_headings_or_cards_is_not_judged() -> None:
    lines = ["政府、補助金を再開へ", "岸田文雄首相はトルコ訪問後、補助金の再開を表明した。"]
    lines += [
        f"補助金の{i}回目の支給について、経済産業省が制度の詳細を説明した。" for i in range(12)
    ]
    assert lint("\n".join(lines) + "\n", "DL202", dedent=False) == []


# ------------------------------------------------- DL201: names foreign to the article
JAPAN_ELECTION_CARDS = [
    Card(
        [
            "衆院選が公示され、自民党の高市早苗総裁は東京都内で第一声を上げ、物価高対策を訴えた。",
            "立憲民主党の野田佳彦代表は大阪市で街頭演説し、政治資金問題への対応を批判した。",
            "日本維新の会と公明党も候補者を擁立し、全国289の小選挙区で論戦が始まった。",
        ],
        date="2026/01/27",
    ),
    Card(
        [
            "自民党は小選挙区で優勢を保ち、高市総裁は単独過半数の確保に自信を示した。",
            "立憲民主党は比例代表で議席を伸ばす見通しで、野田代表は政権交代を訴え続けた。",
            "公明党は連立離脱後初めての衆院選で、東京と大阪の選挙区に候補を立てた。",
        ],
        date="2026/02/03",
    ),
]
UK_ELECTION = Card(
    [
        "英国の総選挙で労働党が圧勝し、スターマー党首が新首相に就任する見通しとなった。",
        "保守党のスナク首相は敗北を認め、党首を辞任する意向を示した。",
        "ロンドンの選挙区では自由民主党も議席を伸ばし、改革英国のファラージ氏が初当選した。",
    ],
    date="2026/02/03",
)
LDP_BACKGROUND = Card(
    [
        "前回の衆院選では自民党が議席を減らし、高市氏は党内の結束を課題に挙げていた。",
        "立憲民主党の野田代表は当時、野党の候補者一本化を呼びかけていた。",
        "公明党は東京の小選挙区で候補者調整に苦しみ、比例代表で得票を減らした。",
    ],
    date="2024/10/28",
)


def japan_election(extra: Card) -> str:
    return digest(
        "衆院選、自民党と立憲民主党の論戦 高市総裁と野田代表の訴えは",
        "衆院選が公示された。自民党の高市総裁と立憲民主党の野田代表が物価高対策と"
        "政治資金問題をめぐり論戦を交わしている。",
        [
            Section(
                "公示日の第一声",
                "各党の党首は何を訴えた?",
                "物価高対策と政治改革。",
                [
                    JAPAN_ELECTION_CARDS[0],
                    "高市総裁は物価高対策として給付と減税を組み合わせると述べた。",
                    "野田代表は政治資金規正法の再改正を公約の柱に据えた。",
                ],
            ),
            Section(
                "終盤の情勢",
                "選挙区の情勢はどうか?",
                "自民党が優勢。",
                [
                    JAPAN_ELECTION_CARDS[1],
                    extra,
                    "各党は最終盤の週末に大票田の東京と大阪で街頭演説を重ねた。",
                    "投票率の行方が、比例代表の議席配分を左右するとみられる。",
                ],
            ),
        ],
        ["自民党と立憲民主党の論戦は、投票日まで続く。"],
    )


def test_dl201_card_on_another_countrys_election_is_off_topic() -> None:
    """It shares 総選挙, 首相, 党首, 選挙区 with the article, and none of its names."""
    text = japan_election(UK_ELECTION)
    found = lint(text, "DL201", dedent=False)
    assert codes(found) == ["DL201"]
    line = text.splitlines().index("✅ " + UK_ELECTION.bullets[0]) + 1
    assert (found[0].line, found[0].column) == (line, 1)


def test_dl201_on_topic_background_card_with_the_articles_names_is_quiet() -> None:
    assert lint(japan_election(LDP_BACKGROUND), "DL201", dedent=False) == []


def test_dl202_compound_with_a_head_name_the_body_uses_is_supported() -> None:
    text = digest(
        "バイデン政権の対中政策、ブリンケン長官が訪中へ",
        "米国のバイデン政権は対中関係の安定化を目指し、ブリンケン国務長官が北京を訪れる。",
        [
            Section(
                "訪中の狙い",
                "何を協議する?",
                "対話の継続。",
                [
                    Card(
                        [
                            "バイデン大統領は習近平国家主席との首脳会談で、対話の継続を確認していた。",
                            "ブリンケン国務長官は北京で王毅外相と会談し、軍同士の対話再開を求める。",
                            "米中は気候変動や麻薬対策でも協力の余地を探っている。",
                        ]
                    ),
                    "バイデン大統領は、競争を衝突にしないことが重要だと述べた。",
                    "ブリンケン国務長官の訪中は約1年ぶりとなる。",
                    "米国は台湾海峡の安定も議題にする考えだ。",
                    "中国側は半導体の輸出規制に強く反発している。",
                ],
            )
        ],
        ["バイデン政権の対中政策は、対話と競争の両立が課題だ。"],
    )
    assert lint(text, "DL202", dedent=False) == []


def test_dl202_page_cut_off_mid_sentence_is_not_judged() -> None:
    lead = "ベネチアとフィレンツェ、ミラノの美術館を巡る旅を、ローマの遺跡とともに紹介する。"
    whole = digest(
        "イタリア美術紀行",
        lead,
        [
            Section(
                "ベネチアの美術館",
                "どこを訪ねた?",
                "アカデミア美術館。",
                [
                    Card(
                        [
                            "アカデミア美術館ではルネサンス期のベネチア派の絵画を見ることができる。",
                            "ティツィアーノやベッリーニの祭壇画が修復を終えて公開された。",
                            "館内は予約制で、一日の入場者数を制限している。",
                        ]
                    ),
                    "運河沿いには小さな美術館も多く、半日で三つを巡ることもできる。",
                    "冬は観光客が少なく、作品をゆっくり見られる。",
                    "ベネチアの美術館は、どこも水の都らしい光に満ちていた。",
                ],
            )
        ],
        ["ベネチアの旅は、美術と水の風景を楽しむ旅だった。"],
    )
    small = {"DL202": {"min-body-terms": 0}}
    judged = codes(lint(whole, "DL202", dedent=False, options=small))
    assert judged, "the whole page names Florence, Milan and Rome that the body never does"
    cut = whole[: whole.index("半日で三つを")] + "\n"
    assert lint(cut, "DL202", dedent=False, options=small) == []
