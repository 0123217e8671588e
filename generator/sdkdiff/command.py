"""`b24-docgen sdk-diff`: its flags (added to the CLI's sub-parsers) and the command itself.

Exit status: 1 when a difference is not in the baseline, 0 when none is (or the SDK exposes
nothing to compare, which the output says), 2 on a usage or input error.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.diagnostics import DocgenError, Exit, error

if TYPE_CHECKING:  # the comparison, its report, the docs reader (YAML) and the model's classes
    from generator.sdkdiff import report  # stay off the start-up of every other command (the
    from generator.sdkdiff.compare import Comparison  # CLI imports this module)
    from generator.sdkdiff.model import DocMethod, SdkSurface

SDKS = ("b24pysdk", "b24jssdk")
FORMATS = ("text", "json", "github")
TOOLS_ENV = "B24_DOCGEN_TOOLS"
PACKAGE = Path("@bitrix24") / "b24jssdk"  # below a node_modules folder


def add_sdk_diff(commands: Any) -> None:
    """Register `sdk-diff` on the CLI's sub-parsers (argparse's private `_SubParsersAction`)."""
    sub: argparse.ArgumentParser = commands.add_parser(
        "sdk-diff", help="compare an installed SDK's method wrappers with the method specs"
    )
    sub.add_argument("--sdk", choices=SDKS, default="b24pysdk")
    source = sub.add_mutually_exclusive_group()
    source.add_argument(
        "--specs", type=Path, default=None, metavar="DIR", help="folder of method spec YAMLs"
    )
    source.add_argument(
        "--docs", type=Path, default=None, metavar="ROOT", help="docs root to parse"
    )
    sub.add_argument("--format", choices=FORMATS, default="text")
    sub.add_argument("--baseline", type=Path, default=None, metavar="FILE")
    sub.add_argument("--write-baseline", type=Path, default=None, metavar="FILE")
    sub.add_argument(
        "--sdk-path",
        type=Path,
        default=None,
        metavar="DIR",
        help="the installed @bitrix24/b24jssdk package (default: the node tools folder)",
    )


def run_sdk_diff(args: argparse.Namespace, options: object = None) -> Exit:
    from generator.sdkdiff import report
    from generator.sdkdiff.compare import compare

    known: Counter[str] = report.load_baseline(args.baseline) if args.baseline else Counter()
    methods = load_docs(args.specs, args.docs)
    surface = load_surface(args.sdk, args.sdk_path)
    comparison = compare(methods, surface) if surface.comparable else _nothing(methods, surface)
    if args.write_baseline is not None:
        report.write_baseline(args.write_baseline, surface.sdk, comparison.differences)
    outcome = report.apply_baseline(comparison.differences, known)
    print(render(args.format, comparison, outcome, surface), end="")
    return Exit.FINDINGS if outcome.new and args.write_baseline is None else Exit.OK


def render(fmt: str, comparison: Comparison, outcome: report.Outcome, surface: SdkSurface) -> str:
    from generator.sdkdiff import report

    if fmt == "json":
        return report.format_json(comparison, outcome, surface)
    if fmt == "github":
        return report.format_github(comparison, outcome, surface.note)
    return report.format_text(comparison, outcome, surface.note)


def load_docs(specs: Path | None, docs_root: Path | None) -> list[DocMethod]:
    from generator.sdkdiff import docs

    if specs is not None:
        return docs.from_specs_folder(specs)
    if docs_root is None:
        raise DocgenError(error("sdk-diff", "E-USAGE", "give --specs DIR or --docs ROOT"))
    if not docs_root.is_dir():
        raise DocgenError(error(docs_root.as_posix(), "E-DOCS", "docs root is not a folder"))
    return docs.from_docs_root(docs_root)


def load_surface(sdk: str, sdk_path: Path | None) -> SdkSurface:
    if sdk == "b24jssdk":
        from generator.sdkdiff.introspect_ts import introspect_b24jssdk

        return introspect_b24jssdk(sdk_path or find_b24jssdk())
    try:
        from generator.sdkdiff.introspect_py import introspect_b24pysdk

        return introspect_b24pysdk()
    except ImportError:
        raise DocgenError(error("b24pysdk", "E-SDK", "b24pysdk is not installed")) from None


def find_b24jssdk(candidates: Sequence[Path] = ()) -> Path:
    """The package under $B24_DOCGEN_TOOLS/node, ./.tools/node or ./node_modules."""
    tools = os.environ.get(TOOLS_ENV)
    roots = [*candidates]
    roots += [Path(tools) / "node" / "node_modules"] if tools else []
    roots += [Path(".tools/node/node_modules"), Path("node_modules")]
    for root in roots:
        if (root / PACKAGE / "package.json").is_file():
            return root / PACKAGE
    raise DocgenError(error("b24jssdk", "E-SDK", "@bitrix24/b24jssdk is not installed"))


def _nothing(methods: Sequence[DocMethod], surface: SdkSurface) -> Comparison:
    """An SDK without per-method typings: the docs are counted, nothing is compared."""
    from generator.sdkdiff.compare import Comparison

    return Comparison(surface.sdk, surface.version, len(methods), 0, 0, ())
