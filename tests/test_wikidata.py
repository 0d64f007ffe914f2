"""The Wikidata importer on small Wikidata-format files (SPARQL JSON results and entity JSON).

``fixtures/wikidata/us_presidents.sparql.json`` is a SPARQL result of the query in
docs/packs.md for Q11696 (with one statement of an office the mapping lacks);
``fixtures/wikidata/japan_prime_ministers.entities.json`` is entity JSON in the dump's
one-entity-per-line form whose people have stand-in item ids (Q99000101…), a missing end
time with a successor, a year-precision start, a deprecated statement and a person
without a Japanese label. Other cases are built inline with the same shapes.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from digest_lint.cli import main
from digest_lint.knowledge import knowledge, packs
from digest_lint.knowledge import wikidata as wd
from digest_lint.knowledge.officeholders import OfficeholdersPack, State
from digest_lint.knowledge.officeholders_merge import PackSource, merge, read_sources

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "wikidata"
SPARQL = FIXTURES / "us_presidents.sparql.json"
ENTITIES = FIXTURES / "japan_prime_ministers.entities.json"
ENTITY = "http://www.wikidata.org/entity/"
XSD = "http://www.w3.org/2001/XMLSchema#"
DAY = dt.date(2026, 12, 1)


#: An office no shipped pack has, so that inline cases never meet the shipped data.
TEST_OFFICE = wd.WikidataOffice(item="Q999001", id="test-mayor", name="試験市長", forms=["市長"])


def mapping() -> dict[str, wd.WikidataOffice]:
    return {**wd.load_mapping(), TEST_OFFICE.item: TEST_OFFICE}


@functools.cache
def shipped_sources() -> list[PackSource]:
    """The shipped office-holder pack, read once (its line map is built on first error)."""
    return read_sources()


def build(data: wd.WikidataData) -> wd.ImportResult:
    return wd.build(data, mapping(), shipped_sources(), source="test", checked=DAY)


def binding(
    qid: str,
    ja: str | None,
    start: str | None,
    end: str | None = None,
    *,
    office: str = TEST_OFFICE.item,
    en: str | None = None,
    precision: int = 11,
    **extra: Any,
) -> dict[str, Any]:
    """One SPARQL binding as the query service writes it."""
    b: dict[str, Any] = {
        "person": {"type": "uri", "value": ENTITY + qid},
        "office": {"type": "uri", "value": ENTITY + office},
    }
    if ja is not None:
        b["personLabel"] = {"xml:lang": "ja", "type": "literal", "value": ja}
    if en is not None:
        b["personEnLabel"] = {"xml:lang": "en", "type": "literal", "value": en}
    for var, value in (("start", start), ("end", end)):
        if value is not None:
            b[var] = {"datatype": XSD + "dateTime", "type": "literal", "value": value}
            b[f"{var}Precision"] = {
                "datatype": XSD + "integer",
                "type": "literal",
                "value": str(precision),
            }
    b.update(extra)
    return b


def sparql(*bindings: dict[str, Any]) -> wd.WikidataData:
    head = [
        "person",
        "personLabel",
        "personEnLabel",
        "personAltLabel",
        "office",
        "start",
        "startPrecision",
        "end",
        "endPrecision",
        "replaces",
        "replacedBy",
    ]
    return wd.parse_sparql({"head": {"vars": head}, "results": {"bindings": list(bindings)}})


def time_snak(prop: str, time: str, precision: int = 11, **more: Any) -> dict[str, Any]:
    value = {
        "time": time,
        "timezone": 0,
        "before": 0,
        "after": 0,
        "precision": precision,
        "calendarmodel": "http://www.wikidata.org/entity/Q1985727",
    }
    value.update(more)
    return {
        "snaktype": "value",
        "property": prop,
        "datavalue": {"value": value, "type": "time"},
        "datatype": "time",
    }


def entity(qid: str, ja: str | None, claims: list[dict[str, Any]], en: str = "") -> dict[str, Any]:
    labels = {k: {"language": k, "value": v} for k, v in (("ja", ja), ("en", en)) if v}
    return {"type": "item", "id": qid, "labels": labels, "claims": {"P39": claims}}


def p39(office: str, qualifiers: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        "mainsnak": {
            "snaktype": "value",
            "property": "P39",
            "datavalue": {
                "value": {"entity-type": "item", "numeric-id": int(office[1:]), "id": office},
                "type": "wikibase-entityid",
            },
            "datatype": "wikibase-item",
        },
        "type": "statement",
        "qualifiers": qualifiers,
        "rank": "normal",
    }


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


# --------------------------------------------------------------------- SPARQL JSON
def test_sparql_result_becomes_a_pack() -> None:
    data = wd.read(SPARQL)
    assert data.format == "sparql"
    result = build(data)
    people = {p.id: p for p in result.pack.people}
    assert list(people) == [
        "jimmy-carter",
        "ronald-reagan",
        "bill-clinton",
        "george-w-bush",
        "barack-obama",
        "donald-trump",
        "joe-biden",
    ]
    bush = people["george-w-bush"]
    assert bush.name == "ジョージ・W・ブッシュ"
    # surname after the last ・, aliases without their (子) and without titled aliases
    assert bush.forms == ["ブッシュ", "ジョージ・ウォーカー・ブッシュ"]
    assert [(t.office, t.start, t.end) for t in bush.terms] == [
        ("us-president", dt.date(2001, 1, 20), dt.date(2009, 1, 20))
    ]
    trump = people["donald-trump"]
    assert [(t.start, t.end) for t in trump.terms] == [
        (dt.date(2017, 1, 20), dt.date(2021, 1, 20)),
        (dt.date(2025, 1, 20), None),
    ]
    assert [o.id for o in result.pack.offices] == ["us-president"]
    assert result.pack.source == "test" and result.pack.checked == DAY
    assert not result.skipped
    assert any("Q4416090 (アメリカ合衆国上院議員)" in n for n in result.notes)


def test_person_ids_reuse_the_pack_person_of_the_same_name_else_romanise() -> None:
    result = build(
        sparql(
            binding("Q76", "バラク・オバマ", "2009-01-20T00:00:00Z", "2017-01-20T00:00:00Z"),
            binding(
                "Q1",
                "レジェップ・エルドアン",
                "2017-01-20T00:00:00Z",
                en="Recep Tayyip Erdoğan",
            ),
            binding("Q2", "某氏", "1990-01-20T00:00:00Z", "1991-01-20T00:00:00Z"),
            binding(
                "Q3", "同名一郎", "1980-01-20T00:00:00Z", "1981-01-20T00:00:00Z", en="Same Name"
            ),
            binding(
                "Q4", "同名二郎", "1970-01-20T00:00:00Z", "1971-01-20T00:00:00Z", en="Same Name"
            ),
        )
    )
    ids = {p.name: p.id for p in result.pack.people}
    assert ids["バラク・オバマ"] == "barack-obama"  # the shipped person
    assert ids["レジェップ・エルドアン"] == "recep-tayyip-erdogan"
    assert not result.skipped
    assert ids["某氏"] == "wd-Q2"
    assert {ids["同名一郎"], ids["同名二郎"]} == {"same-name", "same-name-q3"}
    assert wd.slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert wd.slug("習近平") is None


def test_sparql_without_precision_variables_says_so() -> None:
    doc = json.loads(SPARQL.read_text(encoding="utf-8"))
    doc["head"]["vars"] = [v for v in doc["head"]["vars"] if not v.endswith("Precision")]
    for b in doc["results"]["bindings"]:
        b.pop("startPrecision", None)
        b.pop("endPrecision", None)
    data = wd.parse_sparql(doc)
    assert any("no ?startPrecision" in n for n in data.notes)
    assert len(build(data).pack.people) == 7


def test_label_service_fallback_and_other_languages_are_no_japanese_label() -> None:
    result = build(
        sparql(
            binding("Q5", "Q5", "1990-01-20T00:00:00Z", "1991-01-20T00:00:00Z"),
            binding(
                "Q6",
                None,
                "1992-01-20T00:00:00Z",
                "1993-01-20T00:00:00Z",
                personLabel={"xml:lang": "en", "type": "literal", "value": "Someone"},
            ),
        )
    )
    assert not result.pack.people
    assert [s.entry for s in result.skipped] == ["Q5 as test-mayor", "Q6 as test-mayor"]
    assert all("no Japanese label" in s.reason for s in result.skipped)


def test_alt_labels_of_the_label_service_are_split() -> None:
    b = binding(
        "Q7",
        "ジョン・スミス",
        "1990-01-20T00:00:00Z",
        "1991-01-20T00:00:00Z",
        personAltLabel={"xml:lang": "ja", "type": "literal", "value": "スミス氏, J・スミス, Smith"},
    )
    (person,) = build(sparql(b)).pack.people
    assert person.forms == ["スミス", "スミス氏", "J・スミス"]


@pytest.mark.parametrize(
    ("start", "end", "precision", "reason"),
    [
        ("2014-01-01T00:00:00Z", None, 9, "2014 is known only to the year (precision 9)"),
        ("2014-05-01T00:00:00Z", None, 10, "2014-05 is known only to the month (precision 10)"),
        (
            "2014-05-01T00:00:00Z",
            "2013-01-01T00:00:00Z",
            11,
            "ends (2013-01-01) before it starts (2014-05-01)",
        ),
        (None, "2013-01-01T00:00:00Z", 11, "no start time (P580)"),
    ],
)
def test_dates_are_never_invented(
    start: str | None, end: str | None, precision: int, reason: str
) -> None:
    result = build(sparql(binding("Q8", "仮名太郎", start, end, precision=precision)))
    assert not result.pack.people
    (skip,) = result.skipped
    assert reason in skip.reason and skip.where == "results.bindings[0]"


def test_unknown_end_is_refused() -> None:
    b = binding(
        "Q9",
        "仮名次郎",
        "2014-05-01T00:00:00Z",
        end="t1234",
    )
    b["end"] = {"type": "bnode", "value": "t1234"}
    result = build(sparql(b))
    assert "unknown value (somevalue)" in result.skipped[0].reason


def test_overlapping_terms_in_the_input_skip_the_later_one() -> None:
    result = build(
        sparql(
            binding("Q10", "甲野一郎", "1990-01-20T00:00:00Z", "1994-01-20T00:00:00Z"),
            binding("Q11", "乙野二郎", "1993-01-20T00:00:00Z", "1995-01-20T00:00:00Z"),
        )
    )
    assert [p.name for p in result.pack.people] == ["甲野一郎"]
    (skip,) = result.skipped
    assert skip.entry == "wd-Q11 (Q11) as test-mayor"
    assert "overlaps wd-Q10's term from 1990-01-20 to 1994-01-20" in skip.reason


def test_duplicate_statements_are_dropped_and_back_to_back_terms_joined() -> None:
    result = build(
        sparql(
            binding("Q12", "丙野三郎", "1990-01-20T00:00:00Z", "1994-01-20T00:00:00Z"),
            binding("Q12", "丙野三郎", "1990-01-20T00:00:00Z", "1994-01-20T00:00:00Z"),
            binding("Q12", "丙野三郎", "1994-01-20T00:00:00Z", "1998-01-20T00:00:00Z"),
        )
    )
    (person,) = result.pack.people
    assert [(t.start, t.end) for t in person.terms] == [
        (dt.date(1990, 1, 20), dt.date(1998, 1, 20))
    ]
    assert not result.skipped


def test_successor_named_without_end_is_refused() -> None:
    b = binding(
        "Q13",
        "丁野四郎",
        "1990-01-20T00:00:00Z",
        replacedBy={"type": "uri", "value": ENTITY + "Q14"},
    )
    result = build(sparql(b))
    assert not result.pack.people
    assert "replaced by Q14 (P1366) but no end time" in result.skipped[0].reason


def test_conflict_with_the_shipped_pack_is_reported_with_its_entry() -> None:
    # A second sitting US president from 2025 overlaps Trump's term in rules/.
    result = build(sparql(binding("Q15", "戊野五郎", "2025-06-01T00:00:00Z", office="Q11696")))
    assert not result.pack.people
    (skip,) = result.skipped
    assert skip.entry == "wd-Q15 (Q15) as us-president"
    assert "officeholders.yaml:" in skip.reason and "donald-trump" in skip.reason


def test_conflict_when_the_imported_term_is_the_earlier_one() -> None:
    # An open term from 2025-04-25 overlaps Leo XIV's term, the later one (shipped entry).
    result = build(sparql(binding("Q16", "己野六郎", "2025-04-25T00:00:00Z", office="Q19546")))
    assert not result.pack.people
    (skip,) = result.skipped
    assert "officeholders.yaml:" in skip.reason and "(entry 'pope-leo-xiv')" in skip.reason
    assert "overlaps wd-Q16's term from 2025-04-25 with no end" in skip.reason


def test_one_reason_per_skipped_term() -> None:
    # From 2024 with no end: overlaps Biden's term and Trump's second one.
    result = build(sparql(binding("Q17", "庚野七郎", "2024-06-01T00:00:00Z", office="Q11696")))
    (skip,) = result.skipped
    assert "overlaps" in skip.reason and "(this import)" in skip.reason


def test_an_imported_person_of_a_shipped_id_overrides_only_that_office() -> None:
    # Biden is imported as us-president only: his vice-presidency stays, designate too.
    out = build(
        sparql(
            binding(
                "Q6279",
                "ジョー・バイデン",
                "2021-01-20T00:00:00Z",
                "2025-01-20T00:00:00Z",
                office="Q11696",
            )
        )
    )
    assert not out.skipped
    merged = merge([*shipped_sources(), PackSource("imported", out.pack)])
    assert not merged.conflicts
    biden = next(p for p in merged.pack.people if p.id == "joe-biden")
    assert {t.office for t in biden.terms} == {"us-vice-president", "us-president"}
    assert biden.designate


# --------------------------------------------------------------------- entity JSON
def test_entity_json_dump_becomes_a_pack_and_reports_what_it_skips() -> None:
    data = wd.read(ENTITIES)
    assert data.format == "entities"
    result = build(data)
    people = {p.id: p for p in result.pack.people}
    assert list(people) == ["junichiro-koizumi", "yasuo-fukuda", "taro-aso"]
    assert people["junichiro-koizumi"].forms == ["小泉"]  # 小泉首相 carries a title
    # Fukuda has no P582; Aso's statement replaces (P1365) him: the handover day.
    assert people["yasuo-fukuda"].terms[0].end == dt.date(2008, 9, 24)
    assert any("ends when its successor taro-aso starts" in n for n in result.notes)
    assert any("1 deprecated statement" in n for n in result.notes)
    reasons = {s.entry: s.reason for s in result.skipped}
    assert (
        "known only to the year (precision 9)"
        in reasons["Q99000104 (鳩山由紀夫) as japan-prime-minister"]
    )
    assert "no Japanese label" in reasons["Q99000105 (Example Person) as japan-prime-minister"]
    assert all(s.where == "claims.P39[0]" for s in result.skipped)


def test_entity_json_shapes(tmp_path: Path) -> None:
    koizumi = json.loads(ENTITIES.read_text(encoding="utf-8").splitlines()[2].rstrip(","))
    assert koizumi["id"] == "Q99000101"
    special = tmp_path / "special.json"  # Special:EntityData/Q….json
    special.write_text(json.dumps({"entities": {"Q99000101": koizumi}}), encoding="utf-8")
    single = tmp_path / "single.json"
    single.write_text(json.dumps(koizumi), encoding="utf-8")
    lines = tmp_path / "lines.json"  # a dump cut out without its brackets
    lines.write_text(json.dumps(koizumi, ensure_ascii=False) + ",\n", encoding="utf-8")
    for path in (special, single, lines):
        (person,) = build(wd.read(path)).pack.people
        assert person.id == "junichiro-koizumi", path


def test_entity_time_values() -> None:
    def term(snak: dict[str, Any]) -> wd.ImportResult:
        claim = p39(
            TEST_OFFICE.item, {"P580": [time_snak("P580", "+2001-04-26T00:00:00Z")], "P582": [snak]}
        )
        return build(wd.parse_entities([entity("Q99", "仮名三郎", [claim])]))

    assert term(time_snak("P582", "+2006-09-26T00:00:00Z")).pack.people[0].terms[0].end == (
        dt.date(2006, 9, 26)
    )
    assert (
        "known only to the month"
        in term(time_snak("P582", "+2006-09-00T00:00:00Z", precision=10)).skipped[0].reason
    )
    julian = term(
        time_snak(
            "P582",
            "+2006-09-26T00:00:00Z",
            calendarmodel="http://www.wikidata.org/entity/Q1985786",
        )
    )
    assert "another calendar model" in julian.skipped[0].reason
    unknown = term({"snaktype": "somevalue", "property": "P582"})
    assert "unknown value" in unknown.skipped[0].reason
    several = build(
        wd.parse_entities(
            [
                entity(
                    "Q98",
                    "仮名四郎",
                    [
                        p39(
                            TEST_OFFICE.item,
                            {
                                "P580": [
                                    time_snak("P580", "+2001-04-26T00:00:00Z"),
                                    time_snak("P580", "+2001-04-27T00:00:00Z"),
                                ]
                            },
                        )
                    ],
                )
            ]
        )
    )
    assert "several start times" in several.skipped[0].reason


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json at all", "not JSON"),
        ('{"head": {"vars": ["person"]}, "results": {"bindings": []}}', "selects no \\?office"),
        ('{"hello": 1}', "neither a SPARQL JSON result"),
        ('[{"no": "id"}]', "not a Wikidata entity"),
    ],
)
def test_input_that_is_not_wikidata_data(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(wd.WikidataFormatError, match=message):
        wd.read(path)


# --------------------------------------------------------------------- mapping
def test_mapping_agrees_with_the_shipped_offices() -> None:
    pack = packs.load("officeholders", OfficeholdersPack)
    shipped = {o.id: o for o in pack.offices}
    entries = mapping()
    assert entries
    for item, entry in entries.items():
        assert item == entry.item
        if entry.id in shipped:
            assert entry.name == shipped[entry.id].name, entry.id
            assert set(shipped[entry.id].forms) <= set(entry.forms), entry.id


def test_broken_mapping_names_file_line_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "wikidata_offices.yaml"
    bad.write_text(
        "source: t\nchecked: 2026-01-01\noffices:\n"
        "  - {item: Q1, id: a-office, name: 甲, forms: [甲]}\n"
        "  - {item: '11696', id: us-president, name: 米大統領, forms: [大統領]}\n",
        encoding="utf-8",
    )
    with pytest.raises(packs.PackError) as exc:
        wd.load_mapping([tmp_path])
    msg = str(exc.value)
    assert f"{bad}:5:" in msg and "us-president" in msg and "not a Wikidata item id" in msg


def test_later_mapping_entries_replace_earlier_ones(tmp_path: Path) -> None:
    extra = tmp_path / "more.yaml"
    extra.write_text(
        "source: t\nchecked: 2026-01-01\noffices:\n"
        "  - {item: Q11696, id: us-president, name: 米大統領,\n"
        "     forms: [大統領, 米大統領, 合衆国大統領]}\n"
        "  - {item: Q30461, id: some-president, name: 大統領職, forms: [大統領]}\n",
        encoding="utf-8",
    )
    entries = wd.load_mapping((), [extra])
    assert "合衆国大統領" in entries["Q11696"].forms and "Q30461" in entries


# --------------------------------------------------------------------- writing
def test_rendered_pack_reads_back_identical(tmp_path: Path) -> None:
    result = build(wd.read(SPARQL))
    text = wd.render(result.pack, ["from a test"])
    assert text.startswith(wd.GENERATED_MARK + "\n# from a test\n")
    assert "&id" not in text and "*id" not in text
    path = tmp_path / "officeholders.yaml"
    path.write_text(text, encoding="utf-8")
    data, _ = packs.read_data(path)
    again = packs.validate(path, OfficeholdersPack, data)
    assert str(again.checked) == str(result.pack.checked) == "2026-12-01"
    assert again.model_copy(update={"checked": DAY}) == result.pack


# --------------------------------------------------------------------- command line
def test_import_command_writes_a_pack_dir(tmp_path: Path) -> None:
    out = tmp_path / "wd"
    res = invoke("packs", "import-wikidata", str(SPARQL), "--out", str(out), "--isolated")
    assert res.exit_code == 0, res.output
    assert "7 people, 8 terms in 1 offices" in res.output and "0 skipped" in res.output
    text = (out / "officeholders.yaml").read_text(encoding="utf-8")
    assert "checked: " in text and "source: Wikidata (CC0), SPARQL query result" in text
    # re-importing over a generated file is fine
    res = invoke(
        "packs", "import-wikidata", str(SPARQL), "--out", str(out), "--checked", "2026-11-30"
    )
    assert res.exit_code == 0, res.output
    assert "checked: 2026-11-30" in (out / "officeholders.yaml").read_text(encoding="utf-8")


def test_import_command_exit_1_lists_skipped_entries(tmp_path: Path) -> None:
    out = tmp_path / "wd"
    res = invoke("packs", "import-wikidata", str(ENTITIES), "--out", str(out), "--isolated")
    assert res.exit_code == 1
    assert "skipped Q99000104 (鳩山由紀夫) as japan-prime-minister (claims.P39[0])" in res.output
    assert "2 skipped" in res.output
    text = (out / "officeholders.yaml").read_text(encoding="utf-8")
    assert "# Skipped (not in this file):" in text and "鳩山由紀夫" in text
    assert "name: 鳩山由紀夫" not in text


def test_import_command_keeps_a_hand_written_pack(tmp_path: Path) -> None:
    (tmp_path / "officeholders.yaml").write_text("source: mine\nchecked: 2026-01-01\n")
    args = ["packs", "import-wikidata", str(SPARQL), "--out", str(tmp_path), "--isolated"]
    res = invoke(*args)
    assert res.exit_code == 2 and "not written by import-wikidata" in res.output
    assert (tmp_path / "officeholders.yaml").read_text() == "source: mine\nchecked: 2026-01-01\n"
    assert invoke(*args, "--force").exit_code == 0


def test_import_command_bad_input_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    res = invoke("packs", "import-wikidata", str(bad), "--out", str(tmp_path / "o"), "--isolated")
    assert res.exit_code == 2
    assert res.output.count("\n") == 1 and "neither a SPARQL JSON result" in res.output
    assert not (tmp_path / "o").exists()


def test_import_command_uses_extra_mapping_files(tmp_path: Path) -> None:
    doc = json.loads(SPARQL.read_text(encoding="utf-8"))
    senator = [b for b in doc["results"]["bindings"] if "Q4416090" in b["office"]["value"]]
    doc["results"]["bindings"] = senator
    path = tmp_path / "senate.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    extra = tmp_path / "map.yaml"
    extra.write_text(
        "source: t\nchecked: 2026-01-01\noffices:\n"
        "  - {item: Q4416090, id: us-senator, name: 米上院議員, forms: [上院議員, 米上院議員]}\n",
        encoding="utf-8",
    )
    out = tmp_path / "wd"
    args = ["packs", "import-wikidata", str(path), "--out", str(out), "--isolated"]
    assert invoke(*args).exit_code == 1  # nothing mapped: nothing imported
    assert not (out / "officeholders.yaml").exists()
    res = invoke(*args, "--mapping", str(extra))
    assert res.exit_code == 0, res.output
    assert "us-senator" in (out / "officeholders.yaml").read_text(encoding="utf-8")


# --------------------------------------------------------------------- done when
def test_imported_pack_as_extra_dir_makes_dl302_find_an_unknown_person(tmp_path: Path) -> None:
    shipped = knowledge().officeholders
    assert not any("カーター" in f for p in shipped.people.values() for f in p.all_forms)
    out = tmp_path / "wikidata-packs"
    res = invoke("packs", "import-wikidata", str(SPARQL), "--out", str(out), "--isolated")
    assert res.exit_code == 0, res.output
    (tmp_path / "digest-lint.toml").write_text('packs = ["wikidata-packs"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(
        textwrap.dedent(
            """\
            見出しのタイトル
            リード文。
            章の見出し
            何が起きた?
            答え。
            公開日:2025/03/04
            ✅ カーター前大統領が声明を出した。
            ✅ 要約の2文目である。
            ✅ 要約の3文目である。
            さらに読む ⇒毎日新聞出典/画像元: https://mainichi.jp/articles/20250304/k00/00m/030/1c
            本文の段落。
            """
        ),
        encoding="utf-8",
    )
    found = invoke("check", "--select", "DL302", "--no-cache", str(article))
    assert found.exit_code == 1, found.output
    assert "「カーター前大統領」は" in found.output
    assert "「カーター元大統領」と書いてください" in found.output
    without = invoke("check", "--select", "DL302", "--no-cache", "--isolated", str(article))
    assert without.exit_code == 0, without.output
    holders = knowledge((str(out),)).officeholders
    carter = holders.people["jimmy-carter"]
    office = holders.offices["us-president"]
    assert holders.allowed(carter, office, dt.date(2025, 3, 4)) == {State.FORMER}
    # the shipped designate spans of an imported person stay
    assert holders.people["donald-trump"].designate


def test_mapping_in_an_extra_pack_dir_is_a_known_pack(tmp_path: Path) -> None:
    editorial = tmp_path / "editorial"
    editorial.mkdir()
    (editorial / "wikidata_offices.yaml").write_text(
        "source: t\nchecked: 2026-01-01\noffices:\n"
        "  - {item: Q11696, id: us-president, name: 米大統領,\n"
        "     forms: [大統領, 米大統領, アメリカ大統領, 米国大統領, 合衆国大統領]}\n",
        encoding="utf-8",
    )
    (tmp_path / "digest-lint.toml").write_text('packs = ["editorial"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("見出し\nリード文。\n", encoding="utf-8")
    assert invoke("check", "--no-cache", str(article)).exit_code == 0
    config = str(tmp_path / "digest-lint.toml")
    out = tmp_path / "wd"
    res = invoke("packs", "import-wikidata", str(SPARQL), "--out", str(out), "--config", config)
    assert res.exit_code == 0, res.output
    assert "合衆国大統領" in (out / "officeholders.yaml").read_text(encoding="utf-8")
    (editorial / "wikidata_offices.yaml").write_text(
        "source: t\nchecked: 2026-01-01\noffices:\n  - {item: Q1, id: x, name: 甲, forms: []}\n",
        encoding="utf-8",
    )
    broken = invoke("check", "--no-cache", str(article))
    assert broken.exit_code == 2 and "wikidata_offices.yaml:4:" in broken.output
