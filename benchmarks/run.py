#!/usr/bin/env python3
"""Benchmark b24-docgen against its floors and its peer, all in one run so the ratios are fair.

    python benchmarks/run.py [--docs ROOT] [--runs N] [--out results.json] [--skip-diplodoc]
                             [--only ID,ID,...] [--keep-work]

Every measured stage is a whole process (start-up included), timed wall-clock; the stages are measured
round-robin (run 1 of every stage, then run 2, ...) so that a noisy, shared machine hurts all of them
alike. Each stage reports the median, min and max wall time, its peak resident memory, and its ratio to
the floor (markdown-it-py tokenising the same pages) and to the peer (`@diplodoc/transform` rendering the
same pages). The Markdown table and the pass/miss lines for the targets go to stdout, progress to
stderr, everything as JSON to `--out` (default `benchmarks/results/latest.json`).

Everything runs on copies in a scratch folder (the tool's cache, the one-page edits and the specs stay
there): `tool/` (a snapshot of generator/ and templates/, first on PYTHONPATH, so that one run measures
one version of the tool even while the checkout is edited), `corpus/` (the whole docs root) and
`events/` (the event pages `b24-docgen parse` finds, plus every `_includes/` folder and every file they
include, so the event pipeline runs on the same pages as the event-page floors).

The work is in the `bench` package beside this script (measure, workspace, stages, runner, targets,
report); this file is the command line.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the `bench` package beside this script

from bench.common import DEFAULT_DOCS, DEFAULT_OUT, REPO, log
from bench.report import render_report, render_table
from bench.runner import run_benchmark
from bench.targets import assemble
from bench.workspace import description_line, edit_one_page

# the script's library surface (the tests load this file as a module)
__all__ = ["assemble", "description_line", "edit_one_page", "main", "render_table"]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--docs",
        type=Path,
        default=None,
        help=f"docs root (default: {DEFAULT_DOCS} relative to the repository root)",
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="measured runs per stage (default: %(default)s)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="JSON results (default: benchmarks/results/latest.json)",
    )
    parser.add_argument(
        "--skip-diplodoc", action="store_true", help="do not install or run the Diplodoc peer"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated stage ids to run (default: all)"
    )
    parser.add_argument(
        "--keep-work", action="store_true", help="keep the scratch folder (logs, copies, specs)"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # so the scratch folder is still removed


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    docs = args.docs if args.docs is not None else REPO / DEFAULT_DOCS
    if args.runs < 5:
        log(f"note: {args.runs} run(s); use at least 5 for numbers worth quoting")
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if in_main else None
    try:
        results = run_benchmark(docs, args.runs, args.skip_diplodoc, only, args.keep_work)
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(render_report(results))
    log(f"results: {args.out}")
    return 1 if any(s["status"] == "failed" for s in results["stages"]) else 0


if __name__ == "__main__":
    sys.exit(main())
