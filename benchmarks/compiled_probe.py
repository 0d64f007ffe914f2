#!/usr/bin/env python3
"""What would a compiled module gain?  A measured prototype, not a shipped feature.

    python benchmarks/compiled_probe.py                    # 1,000 distinct articles
    python benchmarks/compiled_probe.py --size 300 --plain
    python benchmarks/compiled_probe.py --json bench-out/compiled.json

The prototype copies ``src/`` and ``rules/`` into a scratch directory and compiles the
hot modules — the analysis layer, the parser and the rules — to C extension modules
with Cython in pure-Python mode (the same ``.py`` files, no type declarations, no
rewrite). Then, on one generated corpus, it runs in one process each:

  a. the floor: SudachiPy tokenization of every non-empty line, nothing else;
  b. ``check --jobs 1 --no-cache --format json`` with the pure-Python tree;
  c. the same with the compiled tree;

and checks that the JSON reports of b and c are byte-identical. It prints the three
times, the ratios to the floor, the per-module compile result and the build cost
(seconds, size of the extension modules), which is what a wheel would ship per
platform. Needs ``Cython`` and a C compiler (``pip install cython``; gcc).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import FLOOR, corpus, measure  # noqa: E402

HOT = ("analysis", "parsing", "rules")
SETUP = r"""
import sys
from setuptools import setup
from Cython.Build import cythonize
modules = sys.argv[2:]
sys.argv[1:] = ["build_ext", "--inplace", "-q"]
setup(
    ext_modules=cythonize(
        modules, language_level=3, quiet=True, nthreads=os.cpu_count() or 1,
        compiler_directives={"binding": True, "annotation_typing": False},
    ),
    script_args=sys.argv[1:],
)
"""


def _copy_tree(scratch: Path) -> Path:
    src = scratch / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    shutil.copytree(ROOT / "rules", scratch / "rules")
    return src


def _build(src: Path, modules: list[Path]) -> subprocess.CompletedProcess[str]:
    rel = [str(m.relative_to(src)) for m in modules]
    return subprocess.run(
        [sys.executable, "-c", "import os\n" + SETUP, "x", *rel],
        cwd=src,
        capture_output=True,
        text=True,
        check=False,
    )


def _compile(src: Path) -> dict[str, object]:
    """Compile the modules of the hot packages in one build; if Cython rejects one,
    build them one by one and leave the rejected ones as Python (they are listed)."""
    t = time.perf_counter()
    modules = [
        m
        for package in HOT
        for m in sorted((src / "digest_lint" / package).glob("*.py"))
        if m.name != "__init__.py"
    ]
    failed: dict[str, str] = {}
    if _build(src, modules).returncode != 0:
        for module in modules:
            proc = _build(src, [module])
            if proc.returncode != 0:
                why = (proc.stderr.strip().splitlines() or ["?"])[-1][:200]
                failed[str(module.relative_to(src))] = why
    compiled = []
    for module in modules:
        if list(module.parent.glob(module.stem + ".*.so")):
            compiled.append(str(module.relative_to(src)))
            module.rename(module.with_suffix(".py.src"))  # the extension is imported
    for junk in src.rglob("*.c"):
        junk.unlink()
    size = sum(p.stat().st_size for p in src.rglob("*.so"))
    return {
        "compiled": compiled,
        "failed": failed,
        "build_seconds": round(time.perf_counter() - t, 1),
        "extension_mb": round(size / 1e6, 1),
    }


def _check(src: Path, target: Path, out: Path) -> list[str]:
    code = (
        f"import sys; sys.path.insert(0, {str(src)!r}); "
        "from digest_lint.cli import main; sys.argv[0] = 'digest-lint'; main()"
    )
    return [
        sys.executable,
        "-c",
        code,
        "check",
        "--jobs",
        "1",
        "--no-cache",
        "--isolated",
        "--format",
        "json",
        "-o",
        str(out),
        str(target),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--plain", action="store_true", help="plain seed copies, not --distinct")
    ap.add_argument("--repeat", type=int, default=1, help="runs of b and c (best is kept)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    bench_out = ROOT / "bench-out"
    bench_out.mkdir(exist_ok=True)
    target = corpus(args.size, bench_out, distinct=not args.plain)
    with tempfile.TemporaryDirectory(prefix="dl-compiled-") as tmp:
        scratch = Path(tmp)
        pure = _copy_tree(scratch / "pure")
        fast = _copy_tree(scratch / "compiled")
        build = _compile(fast)
        floor = measure([sys.executable, "-c", FLOOR, str(target)])
        runs: dict[str, dict[str, float]] = {}
        for name, tree in (("pure", pure), ("compiled", fast)):
            best: dict[str, float] | None = None
            for _ in range(args.repeat):
                m = measure(_check(tree, target, scratch / f"{name}.json"))
                if best is None or m["seconds"] < best["seconds"]:
                    best = m
            assert best is not None
            runs[name] = best
        identical = (scratch / "pure.json").read_bytes() == (scratch / "compiled.json").read_bytes()
    result = {
        "corpus": str(target.relative_to(ROOT)),
        "floor": floor,
        **runs,
        "pure_ratio": round(runs["pure"]["seconds"] / floor["seconds"], 2),
        "compiled_ratio": round(runs["compiled"]["seconds"] / floor["seconds"], 2),
        "speedup": round(runs["pure"]["seconds"] / runs["compiled"]["seconds"], 3),
        "identical_reports": identical,
        "build": build,
        "load": os.getloadavg()[0],
    }
    print(f"corpus   {result['corpus']}  (load {result['load']:.1f})")
    print(f"floor    {floor['seconds']:8.2f} s  {floor['peak_rss_mb']:7.1f} MB")
    for name in ("pure", "compiled"):
        r = runs[name]
        ratio = result[f"{name}_ratio"]
        print(f"{name:8} {r['seconds']:8.2f} s  {r['peak_rss_mb']:7.1f} MB  {ratio:5.2f}x floor")
    print(f"speedup  {result['speedup']:.3f}x   reports identical: {identical}")
    print(
        f"build    {len(build['compiled'])} modules compiled in {build['build_seconds']} s, "
        f"{build['extension_mb']} MB of extensions"  # type: ignore[arg-type]
    )
    for module, why in build["failed"].items():  # type: ignore[attr-defined]
        print(f"  not compiled: {module}: {why}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0 if identical else 1


if __name__ == "__main__":
    raise SystemExit(main())
