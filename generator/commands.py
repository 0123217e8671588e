"""The commands: each takes the parsed flags and the resolved `Options`, calls the library,
prints, and returns an exit status. No argument parsing here (generator/cli.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic, DocgenError, Exit, dump_json, error
from generator.options import DEFAULT_SPECS, Options

if TYPE_CHECKING:
    from generator.outputs import WriteReport
    from generator.spec.model import PageSpec


def run_parse(args: argparse.Namespace, options: Options) -> Exit:
    from generator.outputs import write_specs
    from generator.parse import parse_docs
    from generator.targets import load_targets

    result = parse_docs(args.docs, args.paths, options.jobs, load_targets(options.templates))
    out: Path = args.out or DEFAULT_SPECS
    written, changed = write_specs(out, result.specs, prune=not args.paths)
    if args.format == "json":
        payload = {
            "pages": result.counts(),
            "specs": [(out / rel).as_posix() for rel in written],
            "diagnostics": [d.to_json() for d in result.diagnostics],
        }
        print(dump_json(payload))
    else:
        print_parse_summary(result.counts(), len(written), len(changed), out, result.diagnostics)
    if result.failed:
        return Exit.ERROR
    # a kept spec with a located error (a missing include: generator/extract/unresolved.py)
    return Exit.FINDINGS if any(d.is_error for d in result.diagnostics) else Exit.OK


def print_parse_summary(
    counts: dict[str, int], written: int, changed: int, out: Path, diagnostics: list[Diagnostic]
) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)
    events = {kind: n for kind, n in counts.items() if kind != "method"}
    kinds = ", ".join(f"{n} {kind}" for kind, n in events.items())
    print(f"event pages: {sum(events.values())} ({kinds})")
    print(f"method pages: {counts.get('method', 0)}")
    print(f"specs: {written} in {out.as_posix()}/ ({changed} changed)")
    errors = sum(d.is_error for d in diagnostics)
    print(f"diagnostics: {errors} errors, {len(diagnostics) - errors} warnings")


def run_schema(args: argparse.Namespace, options: Options) -> Exit:
    from generator.fileio import write_atomic
    from generator.spec.io import SCHEMA_PATH, schema_text

    text = schema_text()
    if args.write:
        write_atomic(SCHEMA_PATH, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return Exit.OK


def run_check_command(args: argparse.Namespace, options: Options) -> Exit:
    from generator.adoption import adopt, prepare
    from generator.check.report import json_report, text_summary
    from generator.check.run import run_check
    from generator.extract.recovery import is_fatal

    accepted = prepare(args)
    report = run_check(args.docs, args.paths, options, use_cache=not args.no_cache)
    adopted = adopt(args, accepted, report)
    findings = adopted.shown  # with --baseline: the new findings only
    for diagnostic in report.diagnostics:
        github = args.format == "github"
        print(diagnostic.format_github() if github else diagnostic.format_text(), file=sys.stderr)
    if args.format == "json":
        print(adopted.json_report(json_report(findings, len(report.checked), report.in_sync)))
    elif args.format == "github":
        for finding in findings:
            print(finding.format_github())
        adopted.print_github()
    else:
        for finding in findings:
            print(finding.format_text())
        print(text_summary(findings, len(report.checked), report.in_sync))
        adopted.print_text()
        if any(f.kind == "drift" for f in findings):
            print(f"fix the drift with: b24-docgen sync --docs {args.docs.as_posix()}")
    if any(is_fatal(d.code, d.severity) for d in report.diagnostics):
        return Exit.ERROR
    # a recoverable error (a missing include) is a defect of the page, reported like a finding
    failing = report.diagnostics or any(f.failing for f in findings)
    return Exit.FINDINGS if failing else Exit.OK


def run_sync_command(args: argparse.Namespace, options: Options) -> Exit:
    from generator.check.run import run_check
    from generator.sync import sync_pages

    report = run_check(args.docs, args.paths, options, use_cache=False, want_edits=True)
    for diagnostic in report.diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)
    result = sync_pages(args.docs, report.outcomes, args.dry_run)
    for leftover in result.removed:
        note = "W-LEFTOVER removed a temp file an interrupted run left"
        print(f"{leftover}:0:0: {note}", file=sys.stderr)
    for diff in result.diffs:
        sys.stdout.write(diff)
    verb = "would change" if args.dry_run else "changed"
    pages = "page" if len(result.changed) == 1 else "pages"
    listed = "".join(f"\n  {p}" for p in result.changed)
    print(f"sync: {verb} {len(result.changed)} {pages}{listed}")
    if report.diagnostics:
        return Exit.ERROR
    return Exit.FINDINGS if args.dry_run and result.changed else Exit.OK


def run_render_command(args: argparse.Namespace, options: Options) -> Exit:
    from generator.render.parallel import render_folder
    from generator.spec.io import SpecError

    if not args.specs.is_dir():
        raise DocgenError(error(args.specs.as_posix(), "E-SPECS", "spec folder does not exist"))
    try:
        report = render_folder(args.specs, args.out, options, use_cache=not args.no_cache)
    except SpecError as exc:
        print(exc.diagnostic.format_text(), file=sys.stderr)
        return Exit.ERROR
    return _print_generated(report, args.out)


def run_build_command(args: argparse.Namespace, options: Options) -> Exit:
    from generator.outputs import write_specs
    from generator.parse import parse_docs
    from generator.targets import load_targets

    result = parse_docs(args.docs, (), options.jobs, load_targets(options.templates))
    written, changed = write_specs(args.specs, result.specs, prune=True)
    print_parse_summary(result.counts(), len(written), len(changed), args.specs, result.diagnostics)
    if result.failed:
        return Exit.ERROR
    return _render(result.specs, args, options)


def _render(specs: Sequence[PageSpec], args: argparse.Namespace, options: Options) -> Exit:
    from generator.render.build import render_all

    report = render_all(specs, args.out, options, use_cache=not args.no_cache)
    return _print_generated(report, args.out)


def _print_generated(report: WriteReport, out: Path) -> Exit:
    print(
        f"generated: {len(report.written)} files in {out.as_posix()}/ "
        f"({len(report.changed)} changed, {len(report.removed)} removed)"
    )
    return Exit.OK
