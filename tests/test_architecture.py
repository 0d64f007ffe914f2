"""The tree shows the architecture: each folder is one role, and imports flow one way.

A module may import its own package and the packages of lower layers, never a higher one
(function-level and ``TYPE_CHECKING`` imports included). ``docs/architecture.md`` draws
the same layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "digest_lint"

#: Lowest first. A package at one layer may import the packages of its own and lower ones.
LAYERS: list[set[str]] = [
    {"model"},  # the article model, positions and the finding record
    {"io", "config"},  # reading and writing files; the configuration
    {"knowledge"},  # the packs: schemas and compiled views
    {"parsing"},  # text → article model
    {"analysis"},  # tokens, sentences, dates, mentions…: computed once per article
    {"rules"},  # the rules and their registry
    {"engine"},  # selecting and running rules over files, the cache, suppressions
    {"gate"},  # fixes, baselines, the citation index
    {"formatters"},  # reports
    {"cluster"},  # check and index runs on a Dask cluster (the optional extra "dask")
    {"server"},  # the language server
    {"cli"},  # the command line
]
LAYER_OF = {name: i for i, names in enumerate(LAYERS) for name in names}


def _role(module: str) -> str | None:
    """The top-level package of ``digest_lint.x.y`` (``x``), or None for the root."""
    parts = module.split(".")
    if parts[0] != "digest_lint" or len(parts) < 2:
        return None
    return parts[1]


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module))
            if node.module == "digest_lint":
                out += [(node.lineno, f"digest_lint.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return out


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_package_has_a_layer() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages - set(LAYER_OF) == set(), "add the new package to LAYERS and the docs"
    loose = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert loose <= {"config"}, f"modules outside a role's package: {sorted(loose)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_downwards(path: Path) -> None:
    rel = path.relative_to(PACKAGE)
    own = rel.parts[0] if len(rel.parts) > 1 else rel.stem
    if own not in LAYER_OF:  # the package root (__init__, __main__)
        return
    bad = []
    for line, module in _imports(path):
        role = _role(module)
        if role is None or role == own or role not in LAYER_OF:
            continue
        if LAYER_OF[role] > LAYER_OF[own]:
            bad.append(f"{rel}:{line} imports {module} ({role} is above {own})")
    assert not bad, "\n".join(bad)
