"""What `check` adds for teams adopting it: a baseline of accepted findings and an HTML report.

The check command calls `add_options` on its parser, `prepare` before the run (a bad baseline or
output path fails before minutes of work) and `adopt` after it: `adopt` writes the baseline or
compares with one, writes the HTML page, and hands back the findings the command should print and
count (with a baseline: the new ones only).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.baseline import Comparison, Entry
from generator.check.report import Finding

if TYPE_CHECKING:
    from generator.check.outcome import Report


@dataclass(frozen=True, slots=True)
class Adopted:
    shown: list[Finding]  # what to print and what decides the exit status
    root: Path
    comparison: Comparison | None = None

    def json_report(self, report: str) -> str:
        """The schema-1 report with a `baseline` object added when one was compared with."""
        if self.comparison is None:
            return report
        document = json.loads(report)
        document["baseline"] = self.comparison.to_json()
        return json.dumps(document, ensure_ascii=False, indent=2)

    def print_text(self) -> None:
        """The baseline's verdict after the text report: counts, then the fixed entries."""
        if self.comparison is None:
            return
        print(self.comparison.summary())
        for entry in self.comparison.fixed:
            print(f"  fixed: {entry.format_text()}")

    def print_github(self) -> None:
        if self.comparison is None:
            return
        print(self.comparison.summary(), file=sys.stderr)
        for entry in self.comparison.fixed:
            where = (self.root / entry.path).as_posix()
            label = f" [{entry.label}]" if entry.label else ""
            text = f"{entry.kind}{label} is gone; prune the baseline".replace("%", "%25")
            text = text.replace("\r", "%0D").replace("\n", "%0A")
            print(f"::notice file={where},title=b24-docgen fixed::{text}")


def add_options(sub: argparse.ArgumentParser) -> None:
    baseline = sub.add_mutually_exclusive_group()
    baseline.add_argument(
        "--baseline",
        type=Path,
        default=None,
        metavar="FILE",
        help="fail only on findings this baseline does not hold; list the ones fixed since",
    )
    baseline.add_argument(
        "--write-baseline",
        type=Path,
        default=None,
        metavar="FILE",
        help="record the current findings as accepted (exit 0 unless a page cannot be read)",
    )
    sub.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="FILE",
        help="also write a self-contained HTML report (findings by section, side-by-side diffs)",
    )


def prepare(args: argparse.Namespace) -> list[Entry] | None:
    """Before the run: the baseline read (a bad one fails fast), output files that are folders
    refused. Returns the baseline's entries with --baseline."""
    from generator.diagnostics import DocgenError, error

    for path, code in ((args.report, "E-REPORT"), (args.write_baseline, "E-BASELINE")):
        if path is not None and path.is_dir():
            raise DocgenError(error(path.as_posix(), code, "is a folder, not a file"))
    if args.baseline is None:
        return None
    from generator.baseline import load_baseline

    return load_baseline(args.baseline)


def adopt(args: argparse.Namespace, accepted: list[Entry] | None, report: Report) -> Adopted:
    """After the run: write the baseline or compare with `accepted`, write the HTML page."""
    root: Path = args.docs
    findings = report.findings
    adopted = Adopted(findings, root)
    if args.write_baseline is not None:
        from generator.baseline import write_baseline

        recorded = write_baseline(args.write_baseline, findings, root)
        noun = "finding" if recorded == 1 else "findings"
        where = args.write_baseline.as_posix()
        print(f"baseline: {recorded} {noun} recorded in {where}", file=sys.stderr)
        adopted = Adopted([f for f in findings if not f.failing], root)
    elif accepted is not None:
        from generator.baseline import compare

        scope = {o.rel for o in report.outcomes} if args.paths else None
        comparison = compare(findings, accepted, root, scope)
        known = [f for f in findings if not f.failing] + list(comparison.new)
        adopted = Adopted(sorted(known), root, comparison)
    if args.report is not None:
        from generator.report_html import ReportInput, write_report

        new = None if adopted.comparison is None else adopted.comparison.new
        pages, in_sync = len(report.checked), report.in_sync
        write_report(ReportInput(findings, root, pages, in_sync, args.report, new))
    return adopted
