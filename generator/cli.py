"""Command line: argument parsing and exit codes only. Builds `Options` once for every command
(generator/options.py) and hands it to the command (generator/commands.py)."""

from __future__ import annotations

import argparse
import atexit
import gc
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import cast

from generator import __version__, progress
from generator.adoption import add_options as add_adoption_options
from generator.arguments import FORMAT_HELP, Parser, job_count, quiet_broken_pipe
from generator.diagnostics import DocgenError, Exit
from generator.options import (
    DEFAULT_DOCS,
    DEFAULT_GENERATED,
    DEFAULT_SPECS,
    Options,
    SyncMode,
    resolve_options,
)
from generator.sdkdiff.command import add_sdk_diff

Handler = Callable[[argparse.Namespace, Options], Exit]
SubParsers = argparse._SubParsersAction  # argparse exposes no public name for it


def main(argv: Sequence[str] | None = None) -> int:
    _skip_the_last_collection()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help/--version
        return int(exc.code or 0)
    _collect_less_often(args.command)
    from generator.workers import Terminated, terminate_as_exception

    try:
        with terminate_as_exception():  # SIGTERM unwinds like Ctrl-C: temp files go, workers die
            _check_folders(args)
            handler = _handler(args.command)
            with progress.showing(args.command, _progress_wanted(args)):
                status = int(handler(args, options_from(args)))
            sys.stdout.flush()  # a reader that went away (`| head`) shows up here at the latest
            return status
    except BrokenPipeError:
        return quiet_broken_pipe()
    except DocgenError as exc:
        print(exc.diagnostic.format_text(), file=sys.stderr)
        return int(Exit.ERROR)
    except OSError as exc:  # a last resort: a located line, never a traceback
        from generator.source import printable

        where = printable(str(exc.filename or "<io>"))
        print(f"{where}:0:0: E-IO {exc.strerror or exc}", file=sys.stderr)
        return int(Exit.ERROR)
    except KeyboardInterrupt:
        return 130
    except Terminated:
        return Terminated.status


# A page's tokens, tree and call models are millions of short-lived objects without reference
# cycles (page trees hold their parents weakly), freed by reference counting; the default gen0
# threshold (700) ran the cyclic collector every few hundred of them: about 0.7 s of a 12 s
# whole-corpus `check`. Workers inherit the setting. Rendering makes cyclic garbage (templates,
# black's trees): `render` and `build` keep the default, which holds their memory down.
GC_THRESHOLDS = (100_000, 50, 100)
PAGE_READERS = frozenset({"check", "sync", "parse"})


def _collect_less_often(command: str) -> None:
    if command in PAGE_READERS:
        gc.set_threshold(*GC_THRESHOLDS)


@cache  # registered once however many times `main` runs in one process
def _skip_the_last_collection() -> None:
    """At exit, freeze what is alive: the interpreter's last cyclic collection then has nothing
    to walk (a cold event-page `check` spent 20 ms of its 0.4 s there)."""
    atexit.register(gc.freeze)


def _progress_wanted(args: argparse.Namespace) -> bool:
    text = getattr(args, "format", "text") == "text"
    return progress.wanted(getattr(args, "progress", False), text_output=text)


def _check_folders(args: argparse.Namespace) -> None:
    """`--out`/`--specs` naming a file are refused before anything runs (or is written)."""
    from generator.fileio import output_folder

    for name in ("out", "specs"):
        folder = getattr(args, name, None)
        if isinstance(folder, Path):
            output_folder(folder)


def options_from(args: argparse.Namespace) -> Options:
    """The one place flags meet `[tool.b24-docgen]`: every command gets the same resolution."""
    return resolve_options(
        profile=getattr(args, "profile", None),
        templates=tuple(getattr(args, "templates", ())),
        profiles_file=getattr(args, "profiles", None),
        twin=getattr(args, "twin", None),
        mode=SyncMode(getattr(args, "add_missing", False), getattr(args, "reshape", False)),
        jobs=getattr(args, "jobs", None),
    )


def _handler(command: str) -> Handler:
    from generator import commands
    from generator.sdkdiff.command import run_sdk_diff

    handlers: dict[str, Handler] = {
        "parse": commands.run_parse,
        "schema": commands.run_schema,
        "check": commands.run_check_command,
        "sync": commands.run_sync_command,
        "render": commands.run_render_command,
        "build": commands.run_build_command,
        "sdk-diff": run_sdk_diff,
    }
    return handlers[command]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="b24-docgen",
        description="Parse Bitrix24 REST docs pages into specs, render examples and stubs, "
        "check and sync docs.",
    )
    parser.add_argument("--version", action="version", version=f"b24-docgen {__version__}")
    # subcommands are `Parser`s too (argparse makes them of the parent's class); typed as the base
    commands = cast(
        "SubParsers[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", required=True, metavar="COMMAND"),
    )
    for add in (add_parse, add_schema, add_check, add_sync, add_render, add_build, add_sdk_diff):
        add(commands)
    return parser


def _docs_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--docs",
        type=Path,
        default=DEFAULT_DOCS,
        metavar="ROOT",
        help="docs root (default: %(default)s)",
    )


def _paths_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "paths", nargs="*", metavar="PATH", help="pages or folders under the docs root"
    )


def _jobs_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--jobs",
        type=job_count,
        default=None,
        metavar="N",
        help="worker processes, 1 or more (default: up to 4)",
    )


def _progress_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--progress",
        action="store_true",
        help="show progress on stderr even when it is not a terminal, in CI or with json output",
    )


def _template_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--profile", default=None, metavar="NAME", help="tab profile (default: current)"
    )
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


def add_parse(commands: SubParsers[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser("parse", help="parse docs pages into YAML specs")
    _docs_option(sub)
    _paths_option(sub)
    sub.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"write specs here (default: {DEFAULT_SPECS})",
    )
    sub.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: a summary (default); json: one object with the pages, specs and diagnostics",
    )
    _jobs_option(sub)
    _progress_option(sub)


def add_schema(commands: SubParsers[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser("schema", help="print (or --write) the spec's JSON Schema")
    sub.add_argument(
        "--write", action="store_true", help="regenerate generator/schema/spec.schema.json"
    )


def _check_options(sub: argparse.ArgumentParser) -> None:
    _docs_option(sub)
    _paths_option(sub)
    _template_options(sub)
    sub.add_argument("--no-cache", action="store_true", help="ignore and do not update the cache")
    _jobs_option(sub)
    _progress_option(sub)


def add_check(commands: SubParsers[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser(
        "check", help="report examples that drift from the templates, and contradictions"
    )
    _check_options(sub)
    sub.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help=FORMAT_HELP
    )
    sub.add_argument(
        "--twin",
        type=Path,
        default=None,
        metavar="ROOT",
        help="English docs root to compare facts with",
    )
    add_adoption_options(sub)


def add_sync(commands: SubParsers[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser(
        "sync", help="rewrite drifting examples in place, touching nothing else"
    )
    _check_options(sub)
    sub.add_argument("--dry-run", action="store_true", help="print the diff, write nothing")
    sub.add_argument(
        "--add-missing", action="store_true", help="insert missing tabs and examples sections"
    )
    sub.add_argument(
        "--reshape",
        action="store_true",
        help="rewrite whole blocks to the profile's tabs and order",
    )


def _output_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--specs",
        type=Path,
        default=DEFAULT_SPECS,
        metavar="DIR",
        help="spec folder (default: %(default)s)",
    )
    sub.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_GENERATED,
        metavar="DIR",
        help="output folder (default: %(default)s)",
    )
    _template_options(sub)
    sub.add_argument(
        "--no-cache", action="store_true", help="do not use the formatter's disk cache"
    )
    _progress_option(sub)


def add_render(commands: SubParsers[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser("render", help="render examples and typed stubs from specs")
    _output_options(sub)


def add_build(commands: SubParsers[argparse.ArgumentParser]) -> None:
    sub = commands.add_parser(
        "build", help="parse + render: docs → specs → generated (default: the sample docs)"
    )
    _docs_option(sub)
    _output_options(sub)
    _jobs_option(sub)
