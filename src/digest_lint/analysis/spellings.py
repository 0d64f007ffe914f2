"""Spellings of names, terms and common words, and the groups of spellings that are one
name or word written two ways: what DL303 name-variant (names and terms) and DL304
orthographic-variant (common words) report.

A *spelling* is one occurrence of a written form with the keys that relate it to other
forms:

- ``n:`` SudachiPy's normalized form of a proper noun (ヴェトナム → ベトナム) or of a term the
  name-variants pack compares (米ロ → 米露);
- ``w:`` the normalized form of a common word (組立 → 組み立て, 子ども → 子供, 出来る/できる),
  for the parts of speech the house style pack compares, with the part of speech and the
  conjugation type (科す and 科する, 読む and 読める are different verbs);
- ``f:`` the fold key of a katakana name or loanword (``Variants.fold``: メドヴェージェフ and
  メドベージェフ, インデクス and インデックス);
- ``d:`` a form the name-variants pack declares;
- ``h:`` an institution name without its head noun (国際原子力機関/国際原子力機構).

Folded spellings are one only when the guards let them (:func:`fold_compatible`): not a
``never_merge`` pair, the same part of speech, and not two words of the dictionary. A
katakana spelling starts and ends where its katakana run does (never with ー or a small
kana, never inside a longer run), so no fix can grow a run.

:func:`find_groups` joins the spellings of an article into groups (union by shared key,
plus close spellings of person names); a group is a *name* group (DL303) when one of its
forms is a name or term, else a *word* group (DL304).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from digest_lint.analysis.mentions import ends_at, starts_at
from digest_lint.analysis.tokens import Lexeme, Token, dictionary_word, senses
from digest_lint.model.text import NAME_SEPARATORS, is_katakana, nfkc
from digest_lint.parsing.parser import iter_urls

if TYPE_CHECKING:
    from digest_lint.analysis import Analysis, Sentence
    from digest_lint.knowledge import Knowledge
    from digest_lint.knowledge.variants import Variants

#: Katakana letters and the long-vowel mark, full and half width (ｶﾀｶﾅ, ｰ, ﾞ).
_KATA = "ァ-ヺー\uff66-\uff9f"
#: A katakana run, names with inner separators included (ジャン＝ピエール・ラファラン).
_KATA_UNIT = re.compile(rf"[{_KATA}]+(?:[{NAME_SEPARATORS}][{_KATA}]+)*")
_KATA_CHAR = re.compile(rf"[{_KATA}]")
#: Characters no word starts with (full and half width).
_NO_START = frozenset("ーァィゥェォッャュョヮヵヶｰｧｨｩｪｫｯｬｭｮﾞﾟ")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々]")
_HIRAGANA = re.compile(r"[ぁ-ゖー]+")
_KATAKANA = re.compile(r"[ァ-ヺー]+")
#: Characters a compared word may have: kana, kanji, the long-vowel and iteration marks.
_WORD_CHARS = re.compile(r"[ぁ-ゖァ-ヺー々〆ヶ\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_START = attrgetter("start")
_OPEN_QUOTES = "「『"
_CLOSE_QUOTES = "」』"

#: How two forms were found to be one, strongest first: declared, normalized (proper
#: noun), normalized (common word), institution head noun, folded, close (fuzzy).
LINK_RANK = {"d": 0, "n": 1, "w": 2, "h": 3, "f": 4, "z": 5}

#: Word classes that name something (DL303); "common" is a common word (DL304).
NAME_CLASSES = frozenset({"person", "place", "proper"})


@dataclass(frozen=True, slots=True)
class Spelling:
    """One occurrence of a written form of a name, term or word."""

    start: int
    end: int
    surface: str
    """The text of the span."""
    keys: tuple[str, ...]
    """What makes two spellings one: ``n:``, ``w:``, ``f:``, ``d:``, ``h:`` (module doc)."""
    person_name: bool
    """Part of a person's name (close spellings are compared too)."""
    person: str | None
    """The pack person whose form this is."""
    form: str = ""
    """The form compared: the surface, or for a conjugated word its dictionary form as
    written (出来た → 出来る, でき → できる)."""
    word_class: str | None = None
    """``person``, ``place``, ``proper`` or ``common``; None when the dictionary does not
    know the form (its part of speech would be a guess)."""
    lexeme: Lexeme | None = None
    """The dictionary word the form is on its own (katakana spellings), else None."""
    quoted: bool = False
    """Inside 「…」 or 『…』: the source's own spelling (DL304 leaves it alone)."""
    in_compound: bool = False
    """A common word that is part of a longer noun compound or name (組立作業,
    こども家庭庁): DL304 rewrites it only toward a house form."""
    evidence: bool = False
    """Read as another word's form but never rewritten (the noun 組み立て that the verb
    組み立てて contains)."""

    @property
    def name_like(self) -> bool:
        """A name or term (DL303) rather than a common word."""
        return (
            self.person_name
            or self.word_class in NAME_CLASSES
            or any(k[0] in "ndh" for k in self.keys)
        )

    @property
    def word_like(self) -> bool:
        """A common word (DL304)."""
        return self.word_class == "common" or any(k[0] == "w" for k in self.keys)


@dataclass(frozen=True, slots=True)
class VariantGroup:
    """Forms that are one name or word, as one article writes them."""

    kind: str
    """``name`` (DL303) or ``word`` (DL304)."""
    forms: dict[str, list[Spelling]]
    """Each form's occurrences in reading order; forms in order of first occurrence."""
    links: dict[frozenset[str], str]
    """How two forms were found to be one (:data:`LINK_RANK`), for the pairs found so."""

    def link(self, a: str, b: str) -> str:
        """How ``a`` and ``b`` are one; ``f`` (the weakest sure link) when only through
        other forms."""
        return self.links.get(frozenset((a, b)), "f")


# --------------------------------------------------------------------------- guards
def class_of(pos: Sequence[str]) -> str | None:
    """The word class of a part of speech: person, place, proper, common, or None."""
    if pos[0] != "名詞":
        return None
    if pos[1] == "固有名詞":
        return {"人名": "person", "地名": "place"}.get(pos[2], "proper")
    if pos[1] == "普通名詞":
        return "common"
    return None


def fold_compatible(a: Spelling, b: Spelling) -> bool:
    """Whether two spellings with one fold key may be one name or word.

    The part of speech: both known (the dictionary's, or a person's name in a mention)
    and different is two words (バス, a common noun, and the name バース). Two dictionary
    words with different normalized forms are two words too (ビル/ビール, and names:
    モーリス/モリス, ベーカー/ベッカー): SudachiPy gives the variants it knows one normalized
    form (ベートーヴェン → ベートーベン, ウイリアム → ウィリアム). Pairs the pack declares, and
    the ``never_merge`` pairs, are decided before this."""
    if a.word_class and b.word_class and a.word_class != b.word_class:
        return False
    la, lb = a.lexeme, b.lexeme
    return not (la is not None and lb is not None and la.normalized != lb.normalized)


def word_compatible(a: str, b: str, pos0: str) -> bool:
    """Whether two spellings of one normalized form are one common word (part of speech
    ``pos0``).

    Neither is a Latin or digit rendering of the other (グーグル/Google); one's kanji are
    among the other's (子供/子ども, 組立/組み立て, 出来る/できる), so that different kanji of
    one reading (見る/観る/診る) stay different words; not hiragana against katakana
    (おすすめ/オススメ: katakana for emphasis is a choice, not a slip); and a kana
    spelling set against a kanji one stands for one word only (かかる is 掛かる or 罹る:
    SudachiPy's normalized form of the kana is a guess)."""
    if bool(_LATIN_OR_DIGIT.search(nfkc(a))) != bool(_LATIN_OR_DIGIT.search(nfkc(b))):
        return False
    ka, kb = set(_KANJI.findall(a)), set(_KANJI.findall(b))
    if not (ka <= kb or kb <= ka):
        return False
    if (_HIRAGANA.fullmatch(a) and _KATAKANA.fullmatch(b)) or (
        _KATAKANA.fullmatch(a) and _HIRAGANA.fullmatch(b)
    ):
        return False
    for kana, other in ((a, b), (b, a)):
        if not _KANJI.search(kana) and _KANJI.search(other) and len(senses(kana, pos0)) > 1:
            return False
    return True


def same_script(a: str, b: str) -> bool:
    """Sudachi also normalises across scripts (グーグル → Google, ニッポン → 日本): those
    are renderings, not spelling variants. Compare only forms of one length and script."""
    na, nb = unicodedata.normalize("NFKC", a), unicodedata.normalize("NFKC", b)
    la = any(c.isascii() and c.isalpha() for c in na)
    lb = any(c.isascii() and c.isalpha() for c in nb)
    if la and lb and na.casefold() == nb.casefold():
        return False  # JOSEPH/Joseph: capitals are typography (credits, headlines)
    return la == lb and len(a) == len(b)


def whole_katakana(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends where its katakana runs do: no ー or
    small kana first, no katakana letter just before or after (ーチン in 動向をーチン大統領,
    チン inside ワクチン are no spellings)."""
    if start >= end:
        return False
    if _kata(text[start]) and (text[start] in _NO_START or (start > 0 and _kata(text[start - 1]))):
        return False
    return not (_kata(text[end - 1]) and end < len(text) and _kata(text[end]))


def _kata(ch: str) -> bool:
    return bool(_KATA_CHAR.match(ch))


# --------------------------------------------------------------------------- spellings
@dataclass(slots=True)
class _Draft:
    surface: str
    keys: list[str]
    person_name: bool
    form: str
    word_class: str | None
    lexeme: Lexeme | None
    quoted: bool
    in_compound: bool
    evidence: bool


class _Found:
    """Spellings being collected, by span: one spelling per span, with every key found."""

    def __init__(self) -> None:
        self.by_span: dict[tuple[int, int, str], _Draft] = {}

    def add(
        self,
        start: int,
        end: int,
        surface: str,
        key: str,
        *,
        person_name: bool = False,
        form: str | None = None,
        word_class: str | None = None,
        lexeme: Lexeme | None = None,
        quoted: bool = False,
        in_compound: bool = False,
        evidence: bool = False,
    ) -> None:
        form = form or surface
        old = self.by_span.get((start, end, form))
        if old is None:
            self.by_span[(start, end, form)] = _Draft(
                surface,
                [key],
                person_name,
                form,
                word_class,
                lexeme,
                quoted,
                in_compound,
                evidence,
            )
            return
        if key not in old.keys:
            old.keys.append(key)
        old.person_name = old.person_name or person_name
        old.quoted = old.quoted or quoted
        old.in_compound = old.in_compound or in_compound
        old.evidence = old.evidence and evidence
        if old.word_class is None:
            old.word_class = word_class
        if old.lexeme is None:
            old.lexeme = lexeme

    def spellings(self, person_form: dict[str, str], kept_keys: set[str]) -> list[Spelling]:
        """The spellings of the forms that may have a variant: a key another form shares, a
        key of ``kept_keys`` (the house forms'), or a person's name (compared by
        closeness). Every occurrence of such a form is kept."""
        forms_of: dict[str, set[str]] = {}
        for (_, _, form), d in self.by_span.items():
            for k in d.keys:
                forms_of.setdefault(k, set()).add(form)
        wanted = {
            d.form
            for d in self.by_span.values()
            if d.person_name or any(len(forms_of[k]) > 1 or k in kept_keys for k in d.keys)
        }
        out = [
            Spelling(
                s,
                e,
                d.surface,
                tuple(d.keys),
                d.person_name,
                person_form.get(d.surface),
                form=d.form,
                word_class=d.word_class,
                lexeme=d.lexeme,
                quoted=d.quoted,
                in_compound=d.in_compound,
                evidence=d.evidence,
            )
            for (s, e, form), d in self.by_span.items()
            if form in wanted
        ]
        out.sort(key=_START)
        return out


def _quoted(text: str, opening: str = _OPEN_QUOTES, closing: str = _CLOSE_QUOTES) -> bytearray:
    """1 for each character of ``text`` inside 「…」 or 『…』 (or the given brackets)."""
    inside = bytearray(len(text))
    depth = 0
    for i, ch in enumerate(text):
        if ch in closing:
            depth = max(0, depth - 1)
        if depth:
            inside[i] = 1
        if ch in opening:
            depth += 1
    return inside


def _katakana_units(
    sentence: Sentence,
    found: _Found,
    variants: Variants,
    article_text: str,
    urls: bytearray,
    quoted: bytes | bytearray,
) -> None:
    """Katakana runs that are whole words or names (nouns throughout), with their fold key."""
    text, base, toks = sentence.text, sentence.start, sentence.tokens
    for m in _KATA_UNIT.finditer(text):
        unit = m.group(0)
        s, e = base + m.start(), base + m.end()
        if urls[m.start()] or unit[0] in _NO_START or len(unit.replace("ー", "")) < 2:
            continue
        if not (starts_at(toks, s) and ends_at(toks, e)):
            continue  # 米ロ: the run is part of a longer word
        if not whole_katakana(article_text, s, e):
            continue
        first = bisect_left(toks, s, key=_START)
        last = bisect_left(toks, e, key=_START) - 1
        inner = toks[first : last + 1]
        if any(t.pos[0] not in ("名詞", "補助記号") for t in inner):
            continue  # a verb, an adverb, an interjection
        plain = "".join(ch for ch in unit if ch not in NAME_SEPARATORS)
        lexeme = dictionary_word(unit) if plain == unit else None
        if lexeme is not None:
            word_class = class_of(lexeme.pos)
        else:
            word_class = _run_class([t for t in inner if t.pos[0] == "名詞"])
        found.add(
            s,
            e,
            unit,
            "f:" + variants.fold(unit),
            word_class=word_class,
            lexeme=lexeme,
            quoted=bool(quoted[m.start()]),
            in_compound=_in_compound(toks, first, last),
        )


def _run_class(tokens: list[Token]) -> str | None:
    """The class of a run of several noun tokens (シュタイン+マイヤー): a name when a piece
    is a dictionary name, common when every piece is a dictionary common noun."""
    classes = []
    for t in tokens:
        lex = dictionary_word(t.surface)
        classes.append(class_of(lex.pos) if lex is not None else None)
    if len(classes) < 2:
        return None
    for c in ("person", "place", "proper"):
        if c in classes:
            return c
    return "common" if all(c == "common" for c in classes) else None


def _institutions(sentence: Sentence, found: _Found, variants: Variants) -> None:
    """Institution names ending in a head noun of the pack (国際原子力機関)."""
    if not variants.heads:
        return
    toks = sentence.tokens
    run: list[Token] = []
    for t in (*toks, None):
        if t is not None and (
            (t.pos[0] == "名詞" and t.pos[1] != "数詞")
            or (t.pos[0] == "接尾辞" and t.pos[1] == "名詞的")
        ):
            if run and run[-1].end != t.start:
                run = []
            run.append(t)
            head = variants.head(
                sentence.text[run[0].start - sentence.start : t.end - sentence.start]
            )
            if head is not None:
                rest, cls = head
                s, e = run[0].start, t.end
                surface = sentence.text[s - sentence.start : e - sentence.start]
                found.add(s, e, surface, f"h:{nfkc(rest)}:{cls}")
            continue
        run = []


@dataclass(frozen=True, slots=True)
class _WordInfo:
    """What a token's spelling, part of speech and forms alone say about it (memoised)."""

    key: str
    form: str
    noun: bool
    kana_check: bool
    """Holds katakana: must start and end where its katakana run does."""
    auxiliary: bool
    evidence_key: str | None
    """The noun a verb's 連用形 also is (組み立て of 組み立てて), for evidence."""


def _word_info(style: Any, t: Token) -> _WordInfo | None:
    """The static part of :func:`_words`' test of a token: None when its word is never
    compared, whatever stands around it."""
    pos = t.pos
    if not style.compares(pos):
        return None
    if t.normalized in style.not_compared or not _WORD_CHARS.fullmatch(t.surface):
        return None
    form = t.dictionary if pos[4] != "*" else t.surface
    if len(form) < 2:
        return None
    if t.normalized == t.surface and dictionary_word(t.surface) is None:
        return None  # out of the dictionary (ビルクネン): no normalized form to compare
    evidence = None
    if pos[0] == "動詞" and pos[5].startswith("連用形") and form != t.surface:
        # the verb's 連用形 is also the noun (組み立てて and 組立作業)
        noun = dictionary_word(t.surface)
        if noun is not None and noun.pos[:2] == ("名詞", "普通名詞"):
            evidence = f"w:名詞:{noun.normalized}:*"
    return _WordInfo(
        f"w:{pos[0]}:{t.normalized}:{pos[4]}",
        form,
        pos[0] == "名詞",
        bool(_KATA_CHAR.search(t.surface)),
        style.auxiliary(pos),
        evidence,
    )


def _words(analysis: Analysis, sentence: Sentence, found: _Found, skip: bytes | bytearray) -> None:
    """Common words compared by normalized form (``w:``), per the house style pack."""
    style = analysis.knowledge.style
    if not style.compared_pos:
        return
    memo: dict[tuple[object, ...], _WordInfo | None] = analysis.knowledge.derived(
        "spelling-word-infos", dict
    )
    text = analysis.article.text
    toks = sentence.tokens
    base = sentence.start
    for i, t in enumerate(toks):
        sig = (t.surface, t.pos, t.normalized, t.dictionary, t.oov)
        info = memo.get(sig, _MISSING)
        if info is _MISSING:
            info = memo[sig] = _word_info(style, t)
        if info is None or skip[t.start - base]:
            continue
        assert isinstance(info, _WordInfo)
        if info.auxiliary and i > 0 and _after_auxiliary(toks, i, style.after_auxiliary):
            continue  # 〜てみる, 〜という, 〜しつづける: kana on purpose
        if _glossed(toks, i):
            continue  # はげしい (激しい): a reading and its word
        if info.kana_check and not whole_katakana(text, t.start, t.end):
            continue
        found.add(
            t.start,
            t.end,
            t.surface,
            info.key,
            form=info.form,
            word_class="common" if info.noun else None,
            in_compound=info.noun and _in_compound(toks, i, i),
        )
        if info.evidence_key is not None:
            found.add(
                t.start,
                t.end,
                t.surface,
                info.evidence_key,
                word_class="common",
                evidence=True,
            )


_MISSING: Any = object()


def _glossed(toks: Sequence[Token], i: int) -> bool:
    """Whether ``toks[i]`` is glossed by a parenthesis that starts with the same word
    (はげしい (激しい), 彗星(すいせい)): the pair is a reading, not a variant."""
    j = i + 1
    while j < len(toks) and toks[j].pos[0] == "空白":
        j += 1
    if j + 1 >= len(toks) or toks[j].surface not in ("(", "（"):
        return False
    return toks[j + 1].normalized == toks[i].normalized


def _in_compound(toks: Sequence[Token], k: int, j: int) -> bool:
    """Whether the noun of ``toks[k]`` to ``toks[j]`` is part of a longer name: it touches
    another noun, a prefix or a suffix, directly or across a ・ (組立作業, 新サーバー,
    こども家庭庁, 子ども・子育て支援金)."""

    def near(t: Token) -> bool:
        return t.pos[0] in ("名詞", "接頭辞", "接尾辞") and t.pos[1] != "数詞"

    def joined(a: int, b: int) -> bool:
        """Whether tokens ``a`` and ``b`` (``a`` first) touch."""
        return toks[a].end == toks[b].start

    if k > 0 and joined(k - 1, k):
        before = toks[k - 1]
        if near(before):
            return True
        if before.surface in NAME_SEPARATORS and k > 1 and joined(k - 2, k - 1):
            return near(toks[k - 2])
    if j + 1 < len(toks) and joined(j, j + 1):
        after = toks[j + 1]
        if near(after):
            return True
        if after.surface in NAME_SEPARATORS and j + 2 < len(toks) and joined(j + 1, j + 2):
            return near(toks[j + 2])
    return False


def _after_auxiliary(toks: Sequence[Token], i: int, words: frozenset[str]) -> bool:
    """Whether ``toks[i]`` follows one of ``words`` (one token, or two: て+も) or a verb
    (the second verb of a compound: 探求しつづける)."""
    if toks[i - 1].end != toks[i].start:
        return False
    if toks[i - 1].surface in words or toks[i - 1].pos[0] == "動詞":
        return True
    return (
        i > 1
        and toks[i - 2].end == toks[i - 1].start
        and (toks[i - 2].surface + toks[i - 1].surface in words)
    )


def find_spellings(analysis: Analysis) -> list[Spelling]:
    """Every compared spelling of the article (``analysis.spellings``)."""
    variants = analysis.knowledge.variants
    holders = analysis.knowledge.officeholders
    text = analysis.article.text
    found = _Found()

    # name parts of person mentions
    for m in analysis.mentions:
        for offset, part, key in variants.name_parts(m.name):
            s = m.name_start + offset
            e = s + len(part)
            if not whole_katakana(text, s, e):
                continue  # ーチン: a run that starts with ー is no name
            found.add(
                s,
                e,
                part,
                key,
                person_name=True,
                word_class="person",
                lexeme=dictionary_word(part),
            )
    compared = variants.compared_normalized
    declared = variants.declared_forms
    finder = variants.declared_finder
    kinds: dict[tuple[str, ...], tuple[bool, str | None]] = {}
    for sentence in analysis.sentences:
        stext, base, toks = sentence.text, sentence.start, sentence.tokens
        urls = _url_spans(stext)
        for t in toks:
            pos = t.pos
            if pos[0] != "名詞" or urls[t.start - base]:
                continue
            kind = kinds.get(pos)
            if kind is None:
                kind = (variants.compared_pos(pos), class_of(pos))
                kinds[pos] = kind
            if (kind[0] or compared(t.normalized)) and whole_katakana(text, t.start, t.end):
                found.add(
                    t.start,
                    t.end,
                    t.surface,
                    "n:" + t.normalized,
                    word_class=kind[1] if kind[0] else None,
                )
        quoted: bytes | bytearray = (
            _quoted(stext) if _QUOTE_HINT.search(stext) else bytes(len(stext))
        )
        _katakana_units(sentence, found, variants, text, urls, quoted)
        _institutions(sentence, found, variants)
        if _PAREN_HINT.search(stext):
            parens = _quoted(stext, "(（", ")）")
            skip: bytes | bytearray = bytes(
                a | b | c for a, b, c in zip(urls, quoted, parens, strict=True)
            )
        elif any(quoted) or any(urls):
            skip = bytes(a | b for a, b in zip(urls, quoted, strict=True))
        else:
            skip = quoted
        _words(analysis, sentence, found, skip)
        for rank, i in finder.find(stext):
            form = declared[rank]
            s, e = base + i, base + i + len(form)
            if starts_at(toks, s) and ends_at(toks, e) and whole_katakana(text, s, e):
                found.add(s, e, form, f"d:{variants.declared[form]}")
    kept = set(house_keys(analysis.knowledge).by_key)
    return found.spellings(holders.form_person, kept)


_QUOTE_HINT = re.compile(f"[{re.escape(_OPEN_QUOTES)}]")
_PAREN_HINT = re.compile(r"[(（]")


def _url_spans(text: str) -> bytearray:
    """1 for each character of ``text`` inside a URL."""
    inside = bytearray(len(text))
    if "://" not in text:
        return inside
    for start, end in iter_urls(text):
        inside[start:end] = b"\x01" * (end - start)
    return inside


# --------------------------------------------------------------------------- groups
def find_groups(analysis: Analysis) -> list[VariantGroup]:
    """The article's forms that are one name or word, written two ways or more
    (``analysis.variant_groups``)."""
    variants = analysis.knowledge.variants
    spellings = analysis.spellings
    by_form: dict[str, list[Spelling]] = {}
    for s in spellings:
        by_form.setdefault(s.form, []).append(s)
    forms = list(by_form)
    parent = {f: f for f in forms}
    links: dict[frozenset[str], str] = {}
    people = {f: {o.person for o in occ} - {None} for f, occ in by_form.items()}
    # a form's class and dictionary word: the first occurrence that has one
    first = {
        f: _typical(occ[0], [o.word_class for o in occ], [o.lexeme for o in occ])
        for f, occ in by_form.items()
    }

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def mergeable(a: str, b: str) -> bool:
        if variants.never_merged(a, b):
            return False
        pa, pb = people[a], people[b]
        return not (pa and pb and not (pa & pb))

    def link(a: str, b: str, how: str) -> None:
        parent[find(b)] = find(a)
        pair = frozenset((a, b))
        old = links.get(pair)
        if old is None or LINK_RANK[how] < LINK_RANK[old]:
            links[pair] = how

    keys: dict[str, list[str]] = {}
    for f, occ in by_form.items():
        for k in {k for s in occ for k in s.keys}:
            keys.setdefault(k, []).append(f)
    for k, group in keys.items():
        if len(group) < 2:
            continue
        kind = k[0]
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if kind == "n" and not same_script(a, b):
                    continue
                if kind == "w" and not word_compatible(a, b, k.split(":", 2)[1]):
                    continue
                if kind == "f" and not fold_compatible(first[a], first[b]):
                    continue
                if mergeable(a, b):
                    link(a, b, kind)
    # close spellings of katakana person names
    persons = [f for f in forms if any(o.person_name for o in by_form[f])]
    fz = variants.pack.fuzzy
    loose = {a: variants.loose(a) for a in persons}
    for i, a in enumerate(persons):
        la = loose[a]
        for b in persons[i + 1 :]:
            if find(a) == find(b):
                continue
            lb = loose[b]
            if min(len(la), len(lb)) < fz.min_length:
                continue
            if fuzz.ratio(la, lb) >= fz.min_ratio and mergeable(a, b):
                link(a, b, "z")
    clusters: dict[str, list[str]] = {}
    for f in forms:
        clusters.setdefault(find(f), []).append(f)
    out = []
    for members in clusters.values():
        if len(members) < 2:
            continue
        occ = [o for m in members for o in by_form[m]]
        name = any(o.name_like for o in occ) or not any(o.word_like for o in occ)
        out.append(
            VariantGroup(
                kind="name" if name else "word",
                forms={m: by_form[m] for m in members},
                links={p: h for p, h in links.items() if p <= set(members)},
            )
        )
    return out


def _typical(s: Spelling, classes: list[str | None], lexemes: list[Lexeme | None]) -> Spelling:
    """``s`` with the first class and dictionary word any occurrence of its form has."""
    word_class = next((c for c in classes if c), None)
    lexeme = next((x for x in lexemes if x is not None), None)
    if s.word_class == word_class and s.lexeme == lexeme:
        return s
    return Spelling(
        s.start,
        s.end,
        s.surface,
        s.keys,
        s.person_name,
        s.person,
        form=s.form,
        word_class=word_class,
        lexeme=lexeme,
        quoted=s.quoted,
        in_compound=s.in_compound,
    )


# --------------------------------------------------------------------------- house style
@dataclass(frozen=True, slots=True)
class HouseKeys:
    """The keys of the house style pack's forms (compiled once per configuration)."""

    by_key: dict[str, str]
    """``w:`` and ``f:`` keys → house form."""
    spelling: dict[str, Spelling]
    """House form → a spelling of it alone (for the fold guards)."""


def house_keys(knowledge: Knowledge) -> HouseKeys:
    """The keys of every house form (``knowledge.derived``)."""

    def build() -> HouseKeys:
        style, variants = knowledge.style, knowledge.variants
        by_key: dict[str, str] = {}
        spelling: dict[str, Spelling] = {}
        for form in style.house:
            lex = dictionary_word(form)
            keys = []
            if lex is not None:
                keys.append(f"w:{lex.pos[0]}:{lex.normalized}:{lex.pos[4]}")
            if all(is_katakana(c) for c in form):
                keys.append("f:" + variants.fold(form))
            for k in keys:
                by_key.setdefault(k, form)
            spelling[form] = Spelling(
                0,
                len(form),
                form,
                tuple(keys),
                False,
                None,
                form=form,
                word_class=class_of(lex.pos) if lex is not None else None,
                lexeme=lex,
            )
        return HouseKeys(by_key, spelling)

    return knowledge.derived("house-style-keys", build)


def house_form(knowledge: Knowledge, s: Spelling) -> tuple[str, str] | None:
    """``(house form, link)`` when ``s`` is a variant of a house form: one normalized form
    (``w``), one fold key the guards let through (``f``) or a declared variant (``d``)."""
    style = knowledge.style
    if s.form in style.house:
        return None
    declared = style.declared.get(s.form)
    if declared is not None:
        return declared, "d"
    hk = house_keys(knowledge)
    for k in sorted(s.keys, key=lambda k: LINK_RANK[k[0]]):
        house = hk.by_key.get(k)
        if house is None or house == s.form:
            continue
        if k[0] == "w" and word_compatible(s.form, house, k.split(":", 2)[1]):
            return house, "w"
        if (
            k[0] == "f"
            and fold_compatible(s, hk.spelling[house])
            and not knowledge.variants.never_merged(s.form, house)
        ):
            return house, "f"
    return None
