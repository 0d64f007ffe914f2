"""Meta-tests over the rule registry, the rule cases and the packs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest_lint.config import Config
from digest_lint.engine.engine import Engine
from digest_lint.knowledge import packs
from digest_lint.knowledge.layout import LayoutPack
from digest_lint.knowledge.publishers import PublishersPack
from digest_lint.rules import RULES
from digest_lint.rules.base import DOC_SECTIONS, FixAvailability, Rule
from tests.cases import CASES_DIR, LoadedCase, all_cases, case_files, load_file

ROOT = Path(__file__).resolve().parent.parent


def cases_of(rule: type[Rule]) -> list[LoadedCase]:
    """The rule's cases, the known bugs (xfail) left out."""
    return [c for c in all_cases() if c.rule is rule and not c.case.xfail]


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_registry_is_in_code_order() -> None:
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_self_describing(rule: type[Rule]) -> None:
    assert re.fullmatch(r"DL\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    sections = rule.doc_sections("en")
    assert sections["summary"], f"{rule.code} has no one-line summary"
    for key in ("flags", "why", "bad", "safety"):  # every section: tests/test_messages.py
        assert sections.get(key), f"{rule.code} docstring lacks '{DOC_SECTIONS[key]['en']}:'"
    assert rule.scope
    assert rule.stability in ("stable", "preview")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_options_have_defaults(rule: type[Rule]) -> None:
    rule.Options.model_validate({})


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_declares_its_fix_availability(rule: type[Rule]) -> None:
    assert isinstance(rule.__dict__.get("fix_availability"), FixAvailability), rule.code


def test_opt_in_rules_run_only_when_selected_by_code() -> None:
    opt_in = [r.code for r in RULES if not r.default_enabled]
    assert opt_in, "no opt-in rule: this test tests nothing"
    for code in opt_in:
        for select in (["DL"], [code[:3]], [code[:4]]):
            active = {a.code for a in Engine.build(Config(select=select)).rules}
            assert code not in active, (code, select)
        assert {a.code for a in Engine.build(Config(select=[code])).rules} == {code}


# ----------------------------------------------------------------- rule cases
@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.name)
def test_every_case_file_names_a_rule(path: Path) -> None:
    cases = load_file(path)
    assert cases, f"{path.name} has no case"
    assert {c.rule.code for c in cases} == {path.stem}


def test_case_files_are_yaml_files_only() -> None:
    others = [p.name for p in CASES_DIR.iterdir() if p.suffix != ".yaml"]
    assert not others, f"files in {CASES_DIR} that the runner does not read: {others}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_a_right_and_a_wrong_case(rule: type[Rule]) -> None:
    cases = cases_of(rule)
    assert any(not c.case.findings for c in cases), f"{rule.code}: no right case (findings: [])"
    assert any(c.wrong() for c in cases), f"{rule.code}: no wrong case"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_the_cases_agree_with_the_fix_availability(rule: type[Rule]) -> None:
    wrong = [c for c in cases_of(rule) if c.wrong()]
    fixed = [c.case.name for c in wrong if c.case.has_fix]
    unfixed = [c.case.name for c in wrong if not c.case.has_fix]
    availability = rule.fix_availability
    if availability is FixAvailability.NEVER:
        assert not fixed, f"{rule.code} never fixes, but these cases have a fix: {fixed}"
    elif availability is FixAvailability.ALWAYS:
        assert not unfixed, f"{rule.code} always fixes, but these cases have none: {unfixed}"
    else:
        assert fixed and unfixed, f"{rule.code} sometimes fixes: it needs a case of each kind"


@pytest.mark.parametrize(
    ("rule", "option"),
    [(r, name) for r in RULES for name in r.Options.model_fields],
    ids=lambda x: str(getattr(x, "code", x)).replace("_", "-"),
)
def test_every_option_has_a_case_that_sets_it(rule: type[Rule], option: str) -> None:
    default = rule.Options.model_fields[option].default
    key = option.replace("_", "-")
    setting = [
        c.case.name
        for c in cases_of(rule)
        if key in c.case.options
        and getattr(rule.Options.model_validate(c.case.options), option) != default
    ]
    assert setting, f"{rule.code}: no case sets {key} to another value than {default!r}"


_TOML_TABLE = re.compile(
    r"^\[(?:tool\.digest-lint\.)?rules\.([A-Za-z0-9-]+)\]\n((?:[a-z][a-z0-9-]*\s*=.*\n)*)", re.M
)


def test_every_option_the_docs_name_exists() -> None:
    """``[rules.DLnnn]`` tables in the README and docs name only options the rule has."""
    from digest_lint.engine.engine import resolve_rule

    seen = 0
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for m in _TOML_TABLE.finditer(path.read_text(encoding="utf-8")):
            rule = resolve_rule(m.group(1))
            assert rule is not None, f"{path.name}: [rules.{m.group(1)}] is no rule"
            options = {n.replace("_", "-") for n in rule.Options.model_fields}
            for line in m.group(2).splitlines():
                key = line.split("=", 1)[0].strip()
                assert key in options, f"{path.name}: {rule.code} has no option {key!r}"
                seen += 1
    assert seen, "no [rules.*] table found in the docs: the pattern is wrong"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_doc_and_options_agree(rule: type[Rule], lang: str) -> None:
    """Every option is documented in the rule's doc (in each language), and every
    ``kebab-key`` the doc calls an option exists."""
    doc = rule.doc(lang)
    options = {n.replace("_", "-") for n in rule.Options.model_fields}
    for key in options:
        assert key in doc, f"{rule.code} ({lang}): option {key!r} is not documented"
    for key in re.findall(r"``([a-z]+(?:-[a-z]+)+)``\s*(?:\(|（|option|オプション)", doc):
        assert key in options, f"{rule.code} ({lang}): doc names option {key!r} it does not have"


def test_every_builtin_pack_parses() -> None:
    pack_dir = packs.builtin_pack_dir()
    files = sorted(pack_dir.glob("*.yaml"))
    assert files, pack_dir
    for file in files:
        data, _ = packs.read_yaml(file)
        assert isinstance(data, dict), file
        assert data.get("source"), f"{file.name} has no provenance 'source'"
        assert data.get("checked"), f"{file.name} has no 'checked' date"
    packs.load("layout", LayoutPack)
    packs.load("publishers", PublishersPack)


def test_broken_pack_names_file_line_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "publishers.yaml"
    bad.write_text(
        "source: test\nchecked: 2026-01-01\ngeneric_labels: []\npublishers:\n"
        "  - name: 良い新聞\n    domains: [good.example]\n    labels: [良い新聞]\n"
        "  - name: 悪い新聞\n    domains: [bad.example]\n    lables: [悪い新聞]\n",
        encoding="utf-8",
    )
    with pytest.raises(packs.PackError) as exc:
        packs.load("publishers", PublishersPack, [str(tmp_path)])
    msg = str(exc.value)
    assert str(bad) in msg
    assert ":10:" in msg or ":8:" in msg
    assert "悪い新聞" in msg


def test_invalid_yaml_pack_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "layout.yaml"
    bad.write_text("source: x\nchecked: 2026-01-01\nchrome: [\n", encoding="utf-8")
    with pytest.raises(packs.PackError) as exc:
        packs.load("layout", LayoutPack, [str(tmp_path)])
    assert str(bad) in str(exc.value) and "invalid YAML" in str(exc.value)


def test_extra_pack_directory_extends_builtin(tmp_path: Path) -> None:
    (tmp_path / "publishers.yaml").write_text(
        "source: house list\nchecked: 2026-11-22\ngeneric_labels: [まとめ]\npublishers:\n"
        "  - {name: 中日新聞, domains: [www.chunichi.co.jp], labels: [中日新聞]}\n",
        encoding="utf-8",
    )
    pack = packs.load("publishers", PublishersPack, [str(tmp_path)])
    assert pack.for_url("https://www.chunichi.co.jp/article/1") is not None
    assert pack.for_url("https://mainichi.jp/a") is not None
    assert pack.is_generic("まとめ") and pack.is_generic("ニュースサイト")
