#!/usr/bin/env python3
"""Behaviour snapshot of `b24-docgen check`: record it, or compare the current tool against one.

    python benchmarks/snapshot.py [--out DIR]             record into DIR (default benchmarks/snapshots)
    python benchmarks/snapshot.py --compare [--out DIR]   exit 1 when the current output differs

Each corpus is checked with `check --format json --no-cache`; the report is normalised (paths made
relative to the docs root, findings sorted) and stored with the exit status and stderr, one file per
corpus. This is an acceptance script for a refactoring, not a permanent test: a change that is meant to
alter check output (new page kinds, new findings) re-records the snapshot.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "benchmarks" / "snapshots"
CORPORA = {"ru": Path("../shared/corpus/ru"), "en-sample": Path("../shared/corpus/en-sample")}


def run_check(docs: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "generator", "check", "--format", "json", "--no-cache"]
    proc = subprocess.run(
        [*command, "--docs", docs.as_posix()], cwd=REPO, capture_output=True, text=True, check=False
    )
    report = json.loads(proc.stdout) if proc.stdout.strip() else None
    prefix = docs.as_posix().rstrip("/") + "/"
    return {
        "exit": proc.returncode,
        "stderr": sorted(line.replace(prefix, "") for line in proc.stderr.splitlines()),
        "report": normalise(report, prefix),
    }


def normalise(report: dict[str, Any] | None, prefix: str) -> dict[str, Any] | None:
    if report is None:
        return None
    findings = [strip_prefix(f, prefix) for f in report["findings"]]
    findings.sort(key=lambda f: json.dumps(f, sort_keys=True, ensure_ascii=False))
    return dict(report, findings=findings)


def strip_prefix(finding: dict[str, Any], prefix: str) -> dict[str, Any]:
    diff = finding.get("diff")
    return dict(
        finding,
        path=str(finding["path"]).removeprefix(prefix),
        diff=diff.replace(prefix, "") if isinstance(diff, str) else diff,
    )


def render(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def record(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for name, docs in CORPORA.items():
        (out / f"{name}.json").write_text(render(run_check(docs)), encoding="utf-8")
        print(f"recorded {name} into {(out / f'{name}.json').as_posix()}")
    return 0


def compare(out: Path) -> int:
    status = 0
    for name, docs in CORPORA.items():
        stored = (out / f"{name}.json").read_text(encoding="utf-8")
        current = render(run_check(docs))
        if stored == current:
            print(f"{name}: identical")
            continue
        status = 1
        print(f"{name}: DIFFERENT")
        diff = difflib.unified_diff(
            stored.splitlines(keepends=True), current.splitlines(keepends=True), "stored", "current"
        )
        sys.stdout.writelines(diff)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="snapshot folder")
    parser.add_argument("--compare", action="store_true", help="compare instead of recording")
    args = parser.parse_args(argv)
    missing = [d for d in CORPORA.values() if not (REPO / d).is_dir()]
    if missing:
        print(f"corpus not found: {missing[0].as_posix()}", file=sys.stderr)
        return 2
    return compare(args.out) if args.compare else record(args.out)


if __name__ == "__main__":
    sys.exit(main())
