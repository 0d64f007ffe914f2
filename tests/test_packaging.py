"""The wheel ships the editorial packs, and an installed copy uses them from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_installed_wheel_works_outside_the_checkout(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("digest_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in sorted((ROOT / "rules").glob("*.yaml")):
        assert f"digest_lint/_packs/{pack.name}" in names, pack.name
    for asset in ("report.html.j2", "report.css", "report.js"):
        assert f"digest_lint/formatters/templates/{asset}" in names, asset

    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    article = tmp_path / "a.txt"
    article.write_text(
        "見出し\nリード文。\n公開日:2025/03/19\n✅ 要約である。\n"
        "さらに読む ⇒ニュースサイト出典/画像元: https://mainichi.jp/articles/x\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(site), "DIGEST_LINT_NO_CACHE": "1"}
    probe = (
        "import digest_lint.knowledge.packs as p, sys; print(p.builtin_pack_dir());"
        "from digest_lint.cli import main; sys.argv=['digest-lint','check','--select','DL103',"
        f"{str(article)!r}]; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    pack_dir = proc.stdout.splitlines()[0]
    assert pack_dir.startswith(str(site)) and pack_dir.endswith("_packs"), proc.stdout
    assert "DL103" in proc.stdout and "毎日新聞" in proc.stdout, proc.stdout + proc.stderr
    assert proc.returncode == 1
    report = tmp_path / "report.html"
    html_probe = (
        "import sys; from digest_lint.cli import main; sys.argv=['digest-lint','check',"
        f"'--format','html','-o',{str(report)!r},{str(article)!r}]; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", html_probe], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stderr
    assert 'class="finding' in report.read_text(encoding="utf-8")
