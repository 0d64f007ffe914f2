#!/usr/bin/env python3
"""Benchmark digest-lint against the morphological-analysis floor.

    python benchmarks/bench.py                   # corpora of 1,000 and 10,000 articles
    python benchmarks/bench.py --sizes 1000      # one size
    python benchmarks/bench.py --dir ARTICLES    # an existing directory
    python benchmarks/bench.py --json out.json   # also write the numbers as JSON

Corpora come from ``../shared/tools/make_corpus.py`` (kept in ``bench-out/``). For each
corpus, one run measures:

  a. the floor: read every file and tokenize every non-empty line with SudachiPy in one
     process, nothing else;
  b. ``digest-lint check --jobs 1 --no-cache``;
  c. ``digest-lint check --no-cache`` (default jobs: every core);
  d. ``digest-lint check`` twice with a fresh cache directory (cold, then warm);
  e. ``digest-lint check`` of one article (startup).

Each is a separate process; wall seconds, characters per second and peak RSS (the
largest process of the run, workers included) are reported, with the ratios b/a, c/a
and warm/cold.
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
SHARED = ROOT.parent / "shared"
FLOOR = r"""
import sys, pathlib
from sudachipy import Dictionary, SplitMode
tok = Dictionary().tokenizer(mode=SplitMode.C)
n = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt")):
    for line in p.read_text(encoding="utf-8").splitlines():
        if line.strip():
            n += len(tok.tokenize(line))
print(n)
"""
PROBE = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{wall} {rss} {proc.returncode}")
if proc.returncode not in (0, 1):
    sys.stderr.write(proc.stderr.decode(errors="replace"))
"""


def measure(cmd: list[str]) -> dict[str, float]:
    """Wall seconds and peak RSS (MB) of ``cmd`` and its children, in a fresh probe."""
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *cmd], capture_output=True, text=True, check=False
    )
    if out.returncode != 0 or not out.stdout.strip():
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{out.stderr}")
    wall, rss, code = out.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"benchmark command failed ({code}): {' '.join(cmd)}\n{out.stderr}")
    return {"seconds": round(float(wall), 3), "peak_rss_mb": round(int(rss) / 1024, 1)}


def corpus(size: int, out: Path, distinct: bool = False) -> Path:
    """A generated corpus: plain seed copies (94% of lines repeat) or ``--distinct``
    (every prose line varied, as real archives are: about 12% repeat)."""
    target = out / f"corpus-{size}{'-distinct' if distinct else ''}"
    if not (target.is_dir() and len(list(target.glob("*.txt"))) == size):
        shutil.rmtree(target, ignore_errors=True)
        cmd = [sys.executable, str(SHARED / "tools" / "make_corpus.py"), str(size), str(target)]
        subprocess.run(
            [*cmd, *(["--distinct"] if distinct else [])], check=True, stdout=subprocess.DEVNULL
        )
    return target


def bench_dir(directory: Path, exe: str) -> dict[str, object]:
    files = sorted(directory.rglob("*.txt"))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    lint = [exe, "check", "--quiet", "--format", "jsonl"]
    res: dict[str, object] = {"articles": len(files), "characters": chars}
    res["floor"] = measure([sys.executable, "-c", FLOOR, str(directory)])
    res["jobs1"] = measure([*lint, "--jobs", "1", "--no-cache", str(directory)])
    res["default_jobs"] = measure([*lint, "--no-cache", str(directory)])
    with tempfile.TemporaryDirectory() as cache:
        res["cache_cold"] = measure([*lint, "--cache-dir", cache, str(directory)])
        res["cache_warm"] = measure([*lint, "--cache-dir", cache, str(directory)])
    res["one_article"] = measure([*lint, "--no-cache", str(files[0])])
    res["startup"] = min(
        (measure([exe, "--version"]) for _ in range(5)), key=lambda e: e["seconds"]
    )
    floor = res["floor"]["seconds"]  # type: ignore[index]
    for key in ("floor", "jobs1", "default_jobs", "cache_cold", "cache_warm"):
        entry = res[key]
        entry["chars_per_second"] = round(chars / entry["seconds"])  # type: ignore[index]
    res["ratio_jobs1_floor"] = round(res["jobs1"]["seconds"] / floor, 3)  # type: ignore[index]
    res["ratio_default_floor"] = round(res["default_jobs"]["seconds"] / floor, 3)  # type: ignore[index]
    res["ratio_warm_cold"] = round(
        res["cache_warm"]["seconds"] / res["cache_cold"]["seconds"],
        3,  # type: ignore[index]
    )
    return res


def report(name: str, r: dict[str, object]) -> str:
    lines = [f"== {name}: {r['articles']} articles, {r['characters']:,} characters"]
    for key in (
        "floor",
        "jobs1",
        "default_jobs",
        "cache_cold",
        "cache_warm",
        "one_article",
        "startup",
    ):
        e = r[key]
        cps = f"{e['chars_per_second']:>12,} chars/s" if "chars_per_second" in e else " " * 20  # type: ignore[operator]
        lines.append(
            f"  {key:<13} {e['seconds']:>8.2f} s {cps}  peak RSS {e['peak_rss_mb']:>7.1f} MB"
        )  # type: ignore[index]
    lines.append(
        f"  ratios: jobs1/floor {r['ratio_jobs1_floor']}  default/floor {r['ratio_default_floor']}"
        f"  warm/cold {r['ratio_warm_cold']}"
    )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument(
        "--dir", type=Path, help="benchmark this directory instead of generated corpora"
    )
    ap.add_argument(
        "--corpus",
        choices=["plain", "distinct", "both"],
        default="both",
        help="generated corpora: seed copies, varied lines (make_corpus.py --distinct), or both",
    )
    ap.add_argument("--out", type=Path, default=ROOT / "bench-out")
    ap.add_argument("--json", type=Path, help="write the results as JSON here")
    ap.add_argument(
        "--exe",
        default=shutil.which("digest-lint") or str(Path(sys.executable).parent / "digest-lint"),
    )
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "runs": {},
    }
    kinds = [False, True] if a.corpus == "both" else [a.corpus == "distinct"]
    targets = (
        [(str(a.dir), a.dir)]
        if a.dir
        else [
            (f"corpus-{n}{'-distinct' if d else ''}", corpus(n, a.out, d))
            for d in kinds
            for n in a.sizes
        ]
    )
    for name, directory in targets:
        r = bench_dir(directory, a.exe)
        results["runs"][name] = r  # type: ignore[index]
        print(report(name, r), flush=True)
    runs = results["runs"]
    for suffix in ("", "-distinct"):
        small_key, large_key = f"corpus-1000{suffix}", f"corpus-10000{suffix}"
        if small_key not in runs or large_key not in runs:  # type: ignore[operator]
            continue
        small, large = runs[small_key], runs[large_key]  # type: ignore[index]
        scale = round(large["jobs1"]["seconds"] / small["jobs1"]["seconds"], 2)
        growth = round(
            large["default_jobs"]["peak_rss_mb"] / small["default_jobs"]["peak_rss_mb"], 2
        )
        results[f"scaling_10k_over_1k_jobs1{suffix}"] = scale
        results[f"rss_growth_10k_over_1k{suffix}"] = growth
        print(f"== scaling{suffix}: 10k/1k time {scale} (10.0 is linear); peak RSS 10k/1k {growth}")
    if a.json:
        a.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    start = time.perf_counter()
    code = main()
    print(f"(benchmark took {time.perf_counter() - start:.0f} s)")
    sys.exit(code)
