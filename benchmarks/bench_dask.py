#!/usr/bin/env python3
"""Benchmark ``check --jobs N`` against ``check --dask local:N`` on generated archives.

    python benchmarks/bench_dask.py                          # 10,000 and 100,000 articles
    python benchmarks/bench_dask.py --sizes 2000 --workers 2 # one size
    python benchmarks/bench_dask.py --json bench-out/dask.json

Corpora come from ``../shared/tools/make_corpus.py N DIR --distinct`` (kept in
``bench-out/``). For each corpus and each run (``--jobs N``, ``--dask local:N`` with the
report written to a file, and ``--dask local:N --output-dir``), one process is timed
while its process tree is sampled: the peak RSS (``VmHWM``) of the client process and of
the largest other process (a pool worker, or a Dask worker), with the CPU seconds of the
whole tree and the load average (other work on the machine slows wall time, not CPU
time). The ``--jobs`` and
``--dask`` reports are compared byte for byte (and the ``--output-dir`` parts with them),
so a benchmark is also a parity check.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
#: ``shared/`` beside the clone (CI), or beside the worktrees' parent (a git worktree).
SHARED = next(
    (d for d in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if d.is_dir()),
    ROOT.parent / "shared",
)
AS_OF = "2026-11-22"


def hwm_mb(pid: int) -> float | None:
    """The peak resident set of a live process, in MB (Linux ``VmHWM``)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def measure(cmd: list[str], stdout: Path | None = None, interval: float = 0.25) -> dict[str, Any]:
    """Wall seconds, exit code, client and largest-other-process peak RSS of ``cmd`` (its
    standard output to ``stdout``: a report streamed there, not joined to write ``-o``)."""
    load = os.getloadavg()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    sink = open(stdout or os.devnull, "wb")  # noqa: SIM115 (closed once the command ends)
    proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE)
    peaks: dict[int, float] = {}
    stop = threading.Event()
    stderr: list[bytes] = []

    def drain() -> None:
        assert proc.stderr is not None
        stderr.append(proc.stderr.read())

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    root = psutil.Process(proc.pid)
    while not stop.is_set():
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            tree = []
        for p in tree:
            mb = hwm_mb(p.pid)
            if mb is not None:
                peaks[p.pid] = max(peaks.get(p.pid, 0.0), mb)
        if proc.poll() is not None:
            break
        time.sleep(interval)
    code = proc.wait()
    reader.join()
    sink.close()
    wall = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    if code not in (0, 1):
        message = b"".join(stderr).decode(errors="replace")
        raise SystemExit(f"benchmark command failed ({code}): {' '.join(cmd)}\n{message}")
    others = [mb for pid, mb in peaks.items() if pid != proc.pid]
    return {
        "seconds": round(wall, 1),
        "exit": code,
        "client_peak_rss_mb": round(peaks.get(proc.pid, 0.0), 1),
        "worker_peak_rss_mb": round(max(others, default=0.0), 1),
        "processes": len(peaks),
        "cpu_seconds": round(cpu, 1),
        "load_before": round(load, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def corpus(size: int, out: Path) -> Path:
    target = out / f"corpus-{size}-distinct"
    if not (target.is_dir() and len(list(target.glob("*.txt"))) == size):
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run(
            [
                sys.executable,
                str(SHARED / "tools" / "make_corpus.py"),
                str(size),
                str(target),
                "--distinct",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return target


def parts_equal(report: Path, output_dir: Path) -> bool:
    """The ``--output-dir`` parts hold exactly the report's lines."""
    lines: list[str] = []
    for part in sorted(output_dir.glob("part-*.jsonl")):
        lines.extend(part.read_text(encoding="utf-8").splitlines())
    expected = report.read_text(encoding="utf-8").splitlines()
    return sorted(lines) == sorted(expected)


def bench(
    directory: Path, exe: str, workers: int, out: Path, output_dir: bool, extra: list[str]
) -> dict[str, Any]:
    base = [exe, "check", "--quiet", "--no-cache", "--as-of", AS_OF, "--format", "jsonl", *extra]
    n = len(list(directory.glob("*.txt")))
    res: dict[str, Any] = {"articles": n, "workers": workers, "args": extra}
    jobs_out, dask_out = out / f"jobs-{n}.jsonl", out / f"dask-{n}.jsonl"
    res["jobs"] = measure([*base, "--jobs", str(workers), str(directory)], jobs_out)
    print(f"  {n} --jobs {workers}: {res['jobs']}", flush=True)
    res["dask"] = measure([*base, "--dask", f"local:{workers}", str(directory)], dask_out)
    print(f"  {n} --dask local:{workers}: {res['dask']}", flush=True)
    res["identical"] = jobs_out.read_bytes() == dask_out.read_bytes()
    if output_dir:
        parts = out / f"dask-{n}-parts"
        res["dask_output_dir"] = measure(
            [*base, "--dask", f"local:{workers}", "--output-dir", str(parts), str(directory)]
        )
        print(f"  {n} --dask local:{workers} --output-dir: {res['dask_output_dir']}", flush=True)
        res["output_dir_identical"] = parts_equal(jobs_out, parts)
        shutil.rmtree(parts, ignore_errors=True)
    jobs_out.unlink(missing_ok=True)
    dask_out.unlink(missing_ok=True)
    return res


def table(results: dict[str, Any]) -> str:
    rows = [
        "| articles | run | wall s | CPU s | client peak RSS | worker peak RSS | load |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results["runs"]:
        w = r["workers"]
        for key, label in (
            ("jobs", f"`--jobs {w}`"),
            ("dask", f"`--dask local:{w}`"),
            ("dask_output_dir", f"`--dask local:{w} --output-dir`"),
        ):
            if key in r:
                e = r[key]
                if r.get("args"):
                    label += f" `{' '.join(r['args'])}`"
                rows.append(
                    f"| {r['articles']:,} | {label} | {e['seconds']:.0f} | "
                    f"{e['cpu_seconds']:.0f} | "
                    f"{e['client_peak_rss_mb']:.0f} MB | {e['worker_peak_rss_mb']:.0f} MB | "
                    f"{e['load_before']:.1f} |"
                )
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "bench-out")
    ap.add_argument("--corpus-dir", type=Path, help="take corpus-N-distinct/ from here")
    ap.add_argument("--no-output-dir", action="store_true", help="skip the --output-dir run")
    ap.add_argument("--json", type=Path, help="write the results as JSON here")
    ap.add_argument(
        "--check-args",
        default="",
        help="more arguments for every check, e.g. '--select DL1' (the rules' cost aside)",
    )
    ap.add_argument(
        "--exe",
        default=shutil.which("digest-lint") or str(Path(sys.executable).parent / "digest-lint"),
    )
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "runs": [],
    }
    for size in a.sizes:
        directory = corpus(size, a.corpus_dir or a.out)
        print(f"== {size} articles ({directory})", flush=True)
        extra = a.check_args.split()
        results["runs"].append(
            bench(directory, a.exe, a.workers, a.out, not a.no_output_dir, extra)
        )
        if a.json:
            a.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(table(results))
    return 0 if all(r["identical"] for r in results["runs"]) else 1


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"(benchmark took {time.perf_counter() - started:.0f} s)")
    sys.exit(status)
