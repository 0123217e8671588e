"""Subcommands beyond parse: check, sync, render, build (kept apart to keep each module small)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import Exit

if TYPE_CHECKING:
    from generator.check import CheckOptions
    from generator.spec.model import Spec

SubParsers = argparse._SubParsersAction  # argparse exposes no public name for it


def register(commands: SubParsers[argparse.ArgumentParser]) -> None:
    add_check(commands)
    add_sync(commands)
    add_render(commands)
    add_build(commands)


def _docs_options(sub: argparse.ArgumentParser) -> None:
    from generator.cli import DEFAULT_DOCS

    sub.add_argument(
        "--docs", type=Path, default=DEFAULT_DOCS, help="docs root (default: %(default)s)"
    )
    sub.add_argument(
        "paths", nargs="*", metavar="PATH", help="pages or folders under the docs root"
    )
    _template_options(sub)
    sub.add_argument("--no-cache", action="store_true", help="ignore and do not update the cache")
    sub.add_argument("--jobs", type=int, default=None, help="worker processes (default: up to 4)")


def _template_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--profile", default=None, help="tab profile (default: current)")
    sub.add_argument(
        "--templates",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of templates that override the built-in ones file by file",
    )
    sub.add_argument(
        "--profiles",
        type=Path,
        default=None,
        metavar="FILE",
        help="a profiles file that replaces or extends the built-in profiles",
    )


def add_check(commands: SubParsers[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser(
        "check", help="report examples that drift from the templates, and contradictions"
    )
    _docs_options(sub)
    sub.add_argument("--format", choices=("text", "json", "github"), default="text")
    sub.add_argument(
        "--twin",
        type=Path,
        default=None,
        metavar="ROOT",
        help="English docs root to compare facts with",
    )
    sub.set_defaults(handler=run_check_command)


def add_sync(commands: SubParsers[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser(
        "sync", help="rewrite drifting examples in place, touching nothing else"
    )
    _docs_options(sub)
    sub.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    sub.add_argument(
        "--add-missing", action="store_true", help="insert missing tabs and examples sections"
    )
    sub.add_argument(
        "--reshape",
        action="store_true",
        help="rewrite whole blocks to the profile's tabs and order",
    )
    sub.set_defaults(handler=run_sync_command)


def options_from(args: argparse.Namespace, twin: Path | None = None) -> CheckOptions:
    from generator.check import CheckOptions, SyncMode
    from generator.config import load_config

    settings = load_config()
    return CheckOptions(
        profile=args.profile or settings.profile,
        templates=tuple(args.templates or settings.templates),
        profiles_file=args.profiles or settings.profiles,
        twin=twin,
        mode=SyncMode(getattr(args, "add_missing", False), getattr(args, "reshape", False)),
        jobs=args.jobs,
    )


def run_check_command(args: argparse.Namespace) -> Exit:
    from generator.check import run_check
    from generator.findings import json_report, text_summary

    report = run_check(
        args.docs, args.paths, options_from(args, args.twin), use_cache=not args.no_cache
    )
    findings = report.findings
    for diagnostic in report.diagnostics:
        print(
            diagnostic.format_github() if args.format == "github" else diagnostic.format_text(),
            file=sys.stderr,
        )
    if args.format == "json":
        print(json_report(findings, len(report.checked), report.in_sync))
    elif args.format == "github":
        for finding in findings:
            print(finding.format_github())
    else:
        for finding in findings:
            print(finding.format_text())
        print(text_summary(findings, len(report.checked), report.in_sync))
        if any(f.kind == "drift" for f in findings):
            print(f"fix the drift with: b24-docgen sync --docs {args.docs.as_posix()}")
    if report.diagnostics:
        return Exit.ERROR
    return Exit.FINDINGS if any(f.failing for f in findings) else Exit.OK


def run_sync_command(args: argparse.Namespace) -> Exit:
    from generator.check import run_check
    from generator.sync import sync_pages

    report = run_check(args.docs, args.paths, options_from(args), use_cache=False, want_edits=True)
    for diagnostic in report.diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)
    result = sync_pages(args.docs, report.outcomes, args.dry_run)
    for diff in result.diffs:
        sys.stdout.write(diff)
    verb = "would change" if args.dry_run else "changed"
    print(f"sync: {verb} {len(result.changed)} pages" + "".join(f"\n  {p}" for p in result.changed))
    if report.diagnostics:
        return Exit.ERROR
    return Exit.FINDINGS if args.dry_run and result.changed else Exit.OK


def _output_options(sub: argparse.ArgumentParser) -> None:
    from generator.cli import DEFAULT_GENERATED, DEFAULT_SPECS

    sub.add_argument(
        "--specs", type=Path, default=DEFAULT_SPECS, help="spec folder (default: %(default)s)"
    )
    sub.add_argument(
        "--out", type=Path, default=DEFAULT_GENERATED, help="output folder (default: %(default)s)"
    )
    _template_options(sub)
    sub.add_argument(
        "--no-cache", action="store_true", help="do not use the formatter's disk cache"
    )


def add_render(commands: SubParsers[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser("render", help="render examples and typed stubs from specs")
    _output_options(sub)
    sub.set_defaults(handler=run_render_command)


def add_build(commands: SubParsers[argparse.ArgumentParser]) -> None:
    from generator.cli import DEFAULT_DOCS

    sub = commands.add_parser(
        "build", help="parse + render: docs → specs → generated (default: the sample docs)"
    )
    sub.add_argument(
        "--docs", type=Path, default=DEFAULT_DOCS, help="docs root (default: %(default)s)"
    )
    _output_options(sub)
    sub.add_argument("--jobs", type=int, default=None, help="worker processes (default: up to 4)")
    sub.set_defaults(handler=run_build_command)


def run_render_command(args: argparse.Namespace) -> Exit:
    from generator.outputs import read_specs
    from generator.spec.io import SpecError

    if not args.specs.is_dir():
        from generator.diagnostics import DocgenError, error

        raise DocgenError(error(args.specs.as_posix(), "E-SPECS", "spec folder does not exist"))
    try:
        specs = read_specs(args.specs)
    except SpecError as exc:
        print(exc.diagnostic.format_text(), file=sys.stderr)
        return Exit.ERROR
    return _render(specs, args)


def run_build_command(args: argparse.Namespace) -> Exit:
    from generator.cli import print_parse_summary
    from generator.outputs import write_specs
    from generator.parse import parse_docs

    result = parse_docs(args.docs, (), jobs=args.jobs)
    written, changed = write_specs(args.specs, result.specs, prune=True)
    print_parse_summary(result.counts(), len(written), len(changed), args.specs, result.diagnostics)
    if result.failed:
        return Exit.ERROR
    return _render(result.specs, args)


def _render(specs: list[Spec], args: argparse.Namespace) -> Exit:
    from generator.render.build import render_all

    report = render_all(
        specs,
        args.out,
        profile=args.profile,
        templates=tuple(args.templates),
        profiles_file=args.profiles,
        use_cache=not args.no_cache,
    )
    print(
        f"generated: {len(report.written)} files in {args.out.as_posix()}/ "
        f"({len(report.changed)} changed, {len(report.removed)} removed)"
    )
    return Exit.OK
