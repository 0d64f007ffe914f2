"""The office-holder pack: meta-tests over the shipped data, merging packs by person and
office id with conflicts reported, and ``digest-lint packs status``."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rapidfuzz import fuzz

from digest_lint.cli import main
from digest_lint.knowledge import knowledge, packs
from digest_lint.knowledge.officeholders import OfficeholdersPack, Person
from digest_lint.knowledge.officeholders_merge import has_japanese, load_merged, merge, read_sources

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "rules" / "officeholders.yaml"


def shipped() -> OfficeholdersPack:
    data, _ = packs.read_data(SHIPPED)
    return packs.validate(SHIPPED, OfficeholdersPack, data)


def shipped_checked() -> dt.date:
    """The shipped pack's ``checked`` (packs keep dates as text until a schema reads them)."""
    return dt.date.fromisoformat(str(shipped().checked))


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


# --------------------------------------------------------------------- meta-tests
def test_ids_are_unique_and_kebab_case() -> None:
    pack = shipped()
    for kind, ids in (
        ("office", [o.id for o in pack.offices]),
        ("person", [p.id for p in pack.people]),
    ):
        assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
        for i in ids:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i), f"{kind} id {i!r}"


def test_every_office_has_title_forms_and_is_held() -> None:
    pack = shipped()
    held = {t.office for p in pack.people for t in (*p.terms, *p.designate)}
    for office in pack.offices:
        assert office.forms and all(f.strip() == f and f for f in office.forms), office.id
        assert len(set(office.forms)) == len(office.forms), office.id
        assert office.id in held, f"{office.id}: no person holds it"


def test_terms_are_ordered() -> None:
    for person in shipped().people:
        assert person.terms or person.designate, person.id
        for term in person.terms:
            assert term.end is None or term.start < term.end, (person.id, term)
        starts = [(t.office, t.start) for t in person.terms]
        assert len(set(starts)) == len(starts), f"{person.id}: a term listed twice"


def test_no_two_terms_of_one_office_overlap() -> None:
    pack = shipped()
    for office in {o.id for o in pack.offices}:
        terms = sorted(
            (t.start, t.end or dt.date.max, p.id)
            for p in pack.people
            for t in p.terms
            if t.office == office
        )
        for (_, end, who), (start, _, nxt) in itertools.pairwise(terms):
            assert end <= start, f"{office}: {who} and {nxt} overlap"


def test_designate_spans_end_before_the_term_starts() -> None:
    for person in shipped().people:
        for span in person.designate:
            assert span.start <= span.end, (person.id, span)
            following = [t.start for t in person.terms if t.office == span.office]
            nxt = [s for s in following if s > span.start]
            assert nxt, f"{person.id}: designate span {span} for an office never held"
            assert span.end < min(nxt), f"{person.id}: designate {span} runs into the term"
            inside = [
                t
                for t in person.terms
                if t.office == span.office and t.start <= span.start < (t.end or dt.date.max)
            ]
            assert not inside, f"{person.id}: designate {span} while in office"


_VARIANTS = ROOT / "rules" / "name_variants.yaml"
_KANA = re.compile(r"[\u30a0-\u30ff]")
_SUFFIX = re.compile(r"(\d+世|ジュニア)$")
#: People whose surname is no form, for reasons no rule below can see.
FULL_NAME_ONLY = {
    "pham-minh-chinh": "チン is inside ワクチン, キッチン",
    "mohammed-bin-nayef": "ナエフ also names his father, crown prince Nayef bin Abdulaziz",
    "sherif-ismail": "イスマイル is the given name of others in the news (イスマイル・ハニヤ)",
}


def _folder() -> Callable[[str], str]:
    """The fold key of the shipped name-variants pack."""
    return knowledge().variants.fold


def _common_words() -> set[str]:
    data = packs.read_data(ROOT / "rules" / "word_frequencies.yaml")[0]
    return {w for band in data["zipf"].values() for w in str(band).split()}


def test_every_form_belongs_to_its_person() -> None:
    """Each form is in the name (after katakana folding: ヴ/ブ, ー, ・), shares a part of it
    (ジム・マティス, ビクトル・オルバン for オルバン・ビクトル), is a declared variant
    (name_variants.yaml), a close spelling of a part (ムニューチン/ムニューシン), or the
    reading of a name written in kanji (尹錫悦: ユン・ソンニョル). A form of someone else
    (トランプ under Biden) fails."""
    fold = _folder()
    variants = packs.read_data(_VARIANTS)[0]["variants"]
    declared = {f: set(v["forms"]) for v in variants for f in v["forms"]}
    for p in shipped().people:
        assert has_japanese(p.name), p.id
        assert len(set(p.forms)) == len(p.forms), f"{p.id}: a form listed twice"
        name = fold(p.name)
        parts = [fold(q) for q in p.name.split("・") if q]
        inside = {f for f in p.forms if fold(f) in name}
        for form in p.forms:
            assert form and form.strip() == form, p.id
            folded = fold(form)
            ok = (
                form in inside
                or any(fold(q) in parts for q in form.split("・") if len(q) >= 2)
                or any(len(q) >= 3 and q in folded for q in parts)
                or bool(declared.get(form, set()) & inside)
                or max(fuzz.ratio(folded, q) for q in [*parts, name]) >= 65
                or (not _KANA.search(p.name) and bool(_KANA.search(form)))
                or (not _KANA.search(p.name) and len(set(form) & set(p.name)) >= 2)
            )
            assert ok, f"{p.id}: form {form!r} does not belong to {p.name!r}"


def test_every_person_has_the_surname_news_uses() -> None:
    """A name in ・-separated parts has its last part (the surname of most names) as a form,
    unless: another pack person's name has that part too (シャリフ, ハメネイ), it is an
    ordinary word (ミラー, ブラウン: word_frequencies.yaml), news uses another part
    instead (オルバン, プラユット, ジョコ), it is a regnal number or a suffix (パウロ2世,
    ジュニア), the person died in office (故ライシ大統領 keeps the title), or
    FULL_NAME_ONLY says why."""
    fold = _folder()
    words = _common_words()
    pack = shipped()
    owners: dict[str, set[str]] = {}
    for p in pack.people:
        for part in p.name.split("・"):
            owners.setdefault(part, set()).add(p.id)
    for p in pack.people:
        parts = [q for q in p.name.split("・") if q]
        if len(parts) < 2 or parts[-1] in p.forms:
            continue
        surname = parts[-1]
        died = any(t.note and "died" in t.note for t in p.terms)
        reason = (
            len(owners[surname]) > 1
            or surname in words
            or fold(surname) in words
            or any(q in f for q in parts[:-1] for f in p.forms)
            or _SUFFIX.search(surname) is not None
            or died
            or p.id in FULL_NAME_ONLY
        )
        assert reason, f"{p.id}: surname {surname!r} of {p.name!r} is no form"
    assert set(FULL_NAME_ONLY) <= {p.id for p in pack.people}


def test_shipped_pack_loads_merged_without_conflicts() -> None:
    result = merge(read_sources())
    assert not result.conflicts, [str(c) for c in result.conflicts]
    shipped_checked()  # a date
    assert len(result.pack.people) == len(shipped().people)


# --------------------------------------------------------------------- merging
def _extra(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "officeholders.yaml"
    path.write_text("source: test\nchecked: 2026-01-01\n" + body, encoding="utf-8")
    return path


def _person(pack: OfficeholdersPack, pid: str) -> Person:
    return next(p for p in pack.people if p.id == pid)


def test_extra_pack_overrides_a_person_by_id_per_office(tmp_path: Path) -> None:
    _extra(
        tmp_path,
        "people:\n  - id: marco-rubio\n    name: マルコ・ルビオ\n    forms: [ルビオ長官代行]\n"
        "    terms:\n      - {office: us-secretary-of-state, start: 2025-01-21, end: 2029-01-20}\n",
    )
    pack = load_merged([str(tmp_path)])
    rubio = _person(pack, "marco-rubio")
    assert rubio.forms == ["ルビオ", "ルビオ長官代行"]  # forms are added
    state = [t for t in rubio.terms if t.office == "us-secretary-of-state"]
    assert [(t.start, t.end) for t in state] == [(dt.date(2025, 1, 21), dt.date(2029, 1, 20))]
    # his other office and his designate span stay
    assert any(t.office == "us-national-security-advisor" for t in rubio.terms)
    assert rubio.designate
    assert [p.id for p in pack.people] == [p.id for p in shipped().people]


def test_extra_pack_overrides_an_office_by_id(tmp_path: Path) -> None:
    _extra(tmp_path, "offices:\n  - {id: pope, name: 教皇, forms: [教皇, 教皇聖下]}\n")
    pack = load_merged([str(tmp_path)])
    pope = next(o for o in pack.offices if o.id == "pope")
    assert pope.name == "教皇"
    assert pope.forms == ["教皇", "ローマ教皇", "法王", "ローマ法王", "教皇聖下"]
    holders = knowledge((str(tmp_path),)).officeholders
    assert holders.offices["pope"].name == "教皇"


def test_overlapping_terms_are_a_pack_error_naming_file_line_and_entry(tmp_path: Path) -> None:
    path = _extra(
        tmp_path,
        "people:\n  - id: someone-else\n    name: 誰某\n    terms:\n"
        "      - {office: ukraine-president, start: 2024-05-20}\n",
    )
    with pytest.raises(packs.PackError) as exc:
        load_merged([str(tmp_path)])
    msg = str(exc.value)
    assert msg.startswith(f"{path}:7: people.0.terms.0 (entry 'someone-else'): ")
    assert "overlaps volodymyr-zelensky's term from 2019-05-20 with no end" in msg
    assert "rules/officeholders.yaml:" in msg


def test_one_persons_terms_overlapping_are_a_conflict(tmp_path: Path) -> None:
    _extra(
        tmp_path,
        "offices:\n  - {id: mayor, name: 市長, forms: [市長]}\n"
        "people:\n  - id: mayor-a\n    name: 甲山太郎\n    terms:\n"
        "      - {office: mayor, start: 2020-01-01, end: 2024-01-01}\n"
        "      - {office: mayor, start: 2023-01-01, end: 2025-01-01}\n",
    )
    with pytest.raises(packs.PackError, match="overlaps the same person's term"):
        load_merged([str(tmp_path)])


def test_person_without_a_japanese_name_is_a_conflict(tmp_path: Path) -> None:
    _extra(
        tmp_path,
        "people:\n  - id: john-doe\n    name: John Doe\n    terms:\n"
        "      - {office: us-president, start: 1801-03-04, end: 1809-03-04}\n",
    )
    with pytest.raises(packs.PackError) as exc:
        load_merged([str(tmp_path)])
    assert ":5: people.0.name (entry 'john-doe'): person has no Japanese name" in str(exc.value)


def test_unknown_office_in_an_extension_is_a_conflict(tmp_path: Path) -> None:
    _extra(
        tmp_path,
        "people:\n  - id: new-one\n    name: 新人\n    terms:\n"
        "      - {office: mars-governor, start: 2030-01-01}\n",
    )
    with pytest.raises(packs.PackError, match="unknown office 'mars-governor'"):
        load_merged([str(tmp_path)])


def test_check_exits_2_on_conflicting_packs(tmp_path: Path) -> None:
    ext = tmp_path / "editorial"
    ext.mkdir()
    _extra(
        ext,
        "people:\n  - id: rival\n    name: 対抗馬\n    terms:\n"
        "      - {office: france-president, start: 2020-01-01}\n",
    )
    (tmp_path / "digest-lint.toml").write_text('packs = ["editorial"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("見出し\nマクロン大統領が述べた。\n", encoding="utf-8")
    res = invoke("check", "--no-cache", "--select", "DL302", str(article))
    assert res.exit_code == 2
    assert "パックの誤り:" in res.output and "（項目 'rival'）" in res.output
    res = invoke("check", "--no-cache", "--lang", "en", "--select", "DL302", str(article))
    assert "pack error:" in res.output and "(entry 'rival')" in res.output


# --------------------------------------------------------------------- packs status
def test_status_lists_every_pack_with_provenance() -> None:
    res = invoke("packs", "status", "--isolated", "--as-of", "2026-12-01")
    files = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))
    lines = [line for line in res.output.splitlines() if not line.startswith("    source: ")]
    assert len(lines) == len(files), res.output
    checked = shipped_checked()
    age = (dt.date(2026, 12, 1) - checked).days
    assert age <= 90
    assert res.exit_code == 0, res.output
    assert f"officeholders, checked {checked}, {age} days before 2026-12-01" in res.output
    assert res.output.count("    source: ") == len(files)
    assert "warning" not in res.output


def test_status_warns_when_the_officeholder_pack_is_stale() -> None:
    late = shipped_checked() + dt.timedelta(days=91)
    res = invoke("packs", "status", "--isolated", "--as-of", late.isoformat())
    assert res.exit_code == 1
    (warning,) = [line for line in res.output.splitlines() if line.startswith("warning:")]
    assert "officeholders.yaml: the office-holder pack was checked" in warning
    assert "91 days before" in warning and "DL302" in warning
    limit = invoke(
        "packs", "status", "--isolated", "--as-of", late.isoformat(), "--max-age-days", "91"
    )
    assert limit.exit_code == 0 and "warning" not in limit.output


def test_status_covers_extra_pack_dirs_and_json(tmp_path: Path) -> None:
    ext = tmp_path / "editorial"
    ext.mkdir()
    (ext / "officeholders.yaml").write_text(
        "source: our desk\nchecked: 2026-01-05\npeople:\n  - id: new-pm\n    name: 山田太郎\n"
        "    terms:\n      - {office: mayor, start: 2030-01-01}\n"
        "offices:\n  - {id: mayor, name: 市長, forms: [市長]}\n",
        encoding="utf-8",
    )
    config = tmp_path / "digest-lint.toml"
    config.write_text('packs = ["editorial"]\n', encoding="utf-8")
    res = invoke(
        "packs", "status", "--config", str(config), "--as-of", "2026-12-01", "--format", "json"
    )
    assert res.exit_code == 1  # the extra pack is 330 days old
    doc = json.loads(res.output)
    assert doc["as_of"] == "2026-12-01" and doc["max_age_days"] == 90
    extra = [p for p in doc["packs"] if p["path"] == str(ext / "officeholders.yaml")]
    assert extra == [
        {
            "name": "officeholders",
            "path": str(ext / "officeholders.yaml"),
            "source": "our desk",
            "checked": "2026-01-05",
            "age_days": 330,
            "entries": {"people": 1, "offices": 1},
            "stale": True,
        }
    ]
    builtin = [p for p in doc["packs"] if p["path"] == str(SHIPPED)]
    assert builtin and builtin[0]["stale"] is False


def test_status_of_a_pack_without_a_date_is_stale(tmp_path: Path) -> None:
    ext = tmp_path / "editorial"
    ext.mkdir()
    (ext / "officeholders.yaml").write_text(
        "source: our desk\nchecked: sometime in spring\n", encoding="utf-8"
    )
    config = tmp_path / "digest-lint.toml"
    config.write_text('packs = ["editorial"]\n', encoding="utf-8")
    res = invoke("packs", "status", "--config", str(config), "--as-of", "2026-12-01")
    assert res.exit_code == 1
    assert "has no checked date (sometime in spring)" in res.output


def test_status_of_conflicting_packs_is_exit_2(tmp_path: Path) -> None:
    ext = tmp_path / "editorial"
    ext.mkdir()
    _extra(
        ext,
        "people:\n  - id: rival\n    name: 対抗馬\n    terms:\n"
        "      - {office: france-president, start: 2020-01-01}\n",
    )
    config = tmp_path / "digest-lint.toml"
    config.write_text('packs = ["editorial"]\n', encoding="utf-8")
    res = invoke("packs", "status", "--config", str(config))
    assert res.exit_code == 2 and "（項目 'rival'）" in res.output
