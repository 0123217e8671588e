"""Command line: argument parsing, printing and exit codes only; the work is in the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from generator import __version__
from generator.diagnostics import Diagnostic, DocgenError, Exit, dump_json

DEFAULT_DOCS = Path("examples/docs")
DEFAULT_SPECS = Path("specs")
DEFAULT_GENERATED = Path("generated")

Handler = Callable[[argparse.Namespace], Exit]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help/--version
        return int(exc.code or 0)
    handler: Handler = args.handler
    try:
        return int(handler(args))
    except DocgenError as exc:
        print(exc.diagnostic.format_text(), file=sys.stderr)
        return int(Exit.ERROR)
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="b24-docgen",
        description="Parse Bitrix24 REST event pages into specs, render examples and stubs, "
        "check and sync docs.",
    )
    parser.add_argument("--version", action="version", version=f"b24-docgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_parse(commands)
    add_schema(commands)
    from generator import cli_more

    cli_more.register(commands)
    return parser


def add_parse(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser("parse", help="parse event pages into YAML specs")
    sub.add_argument(
        "--docs", type=Path, default=DEFAULT_DOCS, help="docs root (default: %(default)s)"
    )
    sub.add_argument(
        "paths", nargs="*", metavar="PATH", help="pages or folders under the docs root"
    )
    sub.add_argument(
        "--out", type=Path, default=None, help=f"write specs here (default: {DEFAULT_SPECS})"
    )
    sub.add_argument("--format", choices=("text", "json"), default="text")
    sub.add_argument("--jobs", type=int, default=None, help="worker processes (default: up to 4)")
    sub.set_defaults(handler=run_parse)


def run_parse(args: argparse.Namespace) -> Exit:
    from generator.outputs import write_specs
    from generator.parse import parse_docs

    result = parse_docs(args.docs, args.paths, jobs=args.jobs)
    out: Path = args.out or DEFAULT_SPECS
    written, changed = write_specs(out, result.specs, prune=not args.paths)
    written_paths = [(out / rel).as_posix() for rel in written]
    if args.format == "json":
        print(
            dump_json(
                {
                    "pages": result.counts(),
                    "specs": written_paths,
                    "diagnostics": [d.to_json() for d in result.diagnostics],
                }
            )
        )
    else:
        print_parse_summary(result.counts(), len(written), len(changed), out, result.diagnostics)
    return Exit.ERROR if result.failed else Exit.OK


def print_parse_summary(
    counts: dict[str, int], written: int, changed: int, out: Path, diagnostics: list[Diagnostic]
) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)
    total = sum(counts.values())
    kinds = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    print(f"event pages: {total} ({kinds})")
    print(f"specs: {written} in {out.as_posix()}/ ({changed} changed)")
    errors = sum(d.is_error for d in diagnostics)
    print(f"diagnostics: {errors} errors, {len(diagnostics) - errors} warnings")


def add_schema(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser("schema", help="print (or --write) the spec's JSON Schema")
    sub.add_argument(
        "--write", action="store_true", help="regenerate generator/schema/spec.schema.json"
    )
    sub.set_defaults(handler=run_schema)


def run_schema(args: argparse.Namespace) -> Exit:
    from generator.fileio import write_atomic
    from generator.spec.io import SCHEMA_PATH, schema_text

    text = schema_text()
    if args.write:
        write_atomic(SCHEMA_PATH, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return Exit.OK
