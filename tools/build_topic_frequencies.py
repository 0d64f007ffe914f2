#!/usr/bin/env python3
"""Build ``rules/word_frequencies.yaml``: Zipf frequencies of Japanese content words.

    python3 -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1
    /tmp/wf/bin/python tools/build_topic_frequencies.py --sudachi-python .venv/bin/python

Reads wordfreq's Japanese "large" word list (Wikipedia, subtitles, news, books, web and
social text; tokenized by MeCab), re-tokenizes every entry with SudachiPy (mode C, as
digest-lint does), keeps entries that are exactly one content word (noun, verb,
adjective; no numbers, counters or pronouns), keys them by Sudachi's normalized form (so
inflected MeCab pieces such as 分から add to 分かる) and sums their frequencies. Words
at or above ``--min-zipf`` are written, grouped by Zipf value (0.1 steps). The data of
wordfreq is CC BY-SA 4.0; so is the table this script writes.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

_SUDACHI = r"""
import json, sys
from digest_lint.analysis.tokens import tokenize
words = json.load(sys.stdin)
out = []
for w in words:
    toks = [t for t in tokenize(w) if t.pos[0] != "補助記号"]
    if len(toks) == 1 and toks[0].is_content and toks[0].surface == w:
        out.append(toks[0].normalized)
    else:
        out.append(None)
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sudachi-python", default=sys.executable)
    ap.add_argument("--min-zipf", type=float, default=3.0)
    ap.add_argument(
        "--out",
        default=str(Path(__file__).resolve().parent.parent / "rules" / "word_frequencies.yaml"),
    )
    a = ap.parse_args()
    import wordfreq  # type: ignore[import-not-found]

    freqs = wordfreq.get_frequency_dict("ja", wordlist="large")
    # Entries below the cut cannot reach it by summing a handful of inflected pieces.
    floor = 10 ** (a.min_zipf - 1.0) / 1e9
    words = [w for w, f in freqs.items() if f >= floor]
    proc = subprocess.run(
        [a.sudachi_python, "-c", _SUDACHI],
        input=json.dumps(words, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
    )
    keys = json.loads(proc.stdout)
    total: dict[str, float] = defaultdict(float)
    for w, k in zip(words, keys, strict=True):
        if k is not None:
            total[k] += freqs[w]
    bands: dict[float, list[str]] = defaultdict(list)
    for k, f in total.items():
        z = round(math.log10(f * 1e9), 1)
        if z >= a.min_zipf:
            bands[z].append(k)
    n = sum(len(v) for v in bands.values())
    lines = [
        "# Zipf frequency (log10 of uses per billion words) of Japanese content words, keyed",
        "# by SudachiPy's normalized form (mode C). Built by tools/build_topic_frequencies.py",
        "# from wordfreq's Japanese 'large' list; words below the lowest band are rarer.",
        "# Schema: digest_lint.analysis.topic.FrequencyPack. Data license: CC BY-SA 4.0",
        "# (derived from wordfreq's data, https://github.com/rspeer/wordfreq).",
        'source: "wordfreq 3.1.1 large_ja (Wikipedia, OpenSubtitles, news, books, web, social '
        "text; CC BY-SA 4.0) re-tokenized with SudachiPy 0.7 + sudachidict-core 20261015, "
        'mode C, normalized forms"',
        "checked: 2026-11-22",
        f"min_zipf: {a.min_zipf}",
        f"# {n} words",
        "zipf:",
    ]
    for z in sorted(bands, reverse=True):
        lines.append(f"  {z}: >-")
        ws = sorted(bands[z])
        row: list[str] = []
        for w in ws:
            row.append(w)
            if sum(len(x) + 1 for x in row) > 60:
                lines.append("    " + " ".join(row))
                row = []
        if row:
            lines.append("    " + " ".join(row))
    Path(a.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {n} words in {len(bands)} bands to {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
