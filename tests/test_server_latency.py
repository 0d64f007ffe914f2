"""How quickly the server answers a change: ``didChange`` → ``publishDiagnostics``.

Runs ``benchmarks/lsp_latency.py`` (a real client over stdio, ``--debounce 0``) on the
five seeds and a 500-line article, with bounds generous enough for a loaded CI machine;
the numbers measured on a developer machine are in the README ("Editor setup").
"""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("pygls")

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "lsp_latency.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lsp_latency", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_change_to_diagnostics_latency(capsys: pytest.CaptureFixture[str]) -> None:
    results = asyncio.run(_bench().measure(rounds=4))
    with capsys.disabled():
        for name, r in results.items():
            print(
                f"\n{name}: {r['lines']} lines, median {r['median_s'] * 1000:.0f} ms, "
                f"max {r['max_s'] * 1000:.0f} ms",
                end="",
            )
        print()
    assert len(results) == 6
    long = results.pop("long-500.txt")
    assert long["lines"] == 500 and long["diagnostics"] > 0
    assert long["median_s"] < 2.5
    for r in results.values():
        assert r["diagnostics"] > 0
        assert r["median_s"] < 1.0
