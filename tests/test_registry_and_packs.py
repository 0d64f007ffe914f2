"""Meta-tests over the rule registry and the packs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest_lint.knowledge import packs
from digest_lint.knowledge.layout import LayoutPack
from digest_lint.knowledge.publishers import PublishersPack
from digest_lint.rules import RULES
from digest_lint.rules.base import DOC_SECTIONS, Rule


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_registry_is_in_code_order() -> None:
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_self_describing(rule: type[Rule]) -> None:
    assert re.fullmatch(r"DL\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    sections = rule.doc_sections()
    assert sections["summary"], f"{rule.code} has no one-line summary"
    for name in DOC_SECTIONS:
        assert sections.get(name), f"{rule.code} docstring lacks '{name}:'"
    assert rule.scope
    assert rule.stability in ("stable", "preview")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_options_have_defaults(rule: type[Rule]) -> None:
    rule.Options.model_validate({})


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_doc_and_options_agree(rule: type[Rule]) -> None:
    """Every option is documented in the rule's docstring, and every ``kebab-key``
    the docstring calls an option exists."""
    doc = rule.doc()
    options = {n.replace("_", "-") for n in rule.Options.model_fields}
    for key in options:
        assert key in doc, f"{rule.code}: option {key!r} is not documented"
    for key in re.findall(r"``([a-z]+(?:-[a-z]+)+)``\s*(?:\(|option)", doc):
        assert key in options, f"{rule.code}: doc names option {key!r} it does not have"


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
