"""The README's command synopses, written from the argument parser itself so they cannot drift.

In README.md each synopsis is a ```text block right after a marker naming its commands:
    <!-- synopsis: render build -->
`python -m generator.synopsis` rewrites those blocks in place; `--check` only reports (exit 1)
when one differs, which is what the test runs.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"(<!-- synopsis: (?P<names>[a-z -]+) -->\n```text\n)(?P<body>.*?)(```)", re.S)
WIDTH = 100  # the README's code blocks, whatever the terminal


def synopsis(command: str) -> str:
    """`b24-docgen COMMAND [options…]` as argparse prints its usage (`-h` left out), wrapped at
    WIDTH with continuation lines under the first option."""
    from generator.cli import build_parser

    prefix = "usage: "
    sub = _subparsers(build_parser())[command]
    sub.formatter_class = lambda prog: argparse.HelpFormatter(prog, width=WIDTH + len(prefix))
    usage = sub.format_usage().replace(" [-h]", "", 1).rstrip("\n").removeprefix(prefix)
    return "\n".join(line.removeprefix(" " * len(prefix)) for line in usage.split("\n"))


def commands() -> list[str]:
    """The subcommands, in the parser's order."""
    from generator.cli import build_parser

    return list(_subparsers(build_parser()))


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its subcommands in a private list only
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise LookupError("the parser has no subcommands")


def rewrite(text: str) -> str:
    """The README text with every marked synopsis block regenerated."""

    def block(match: re.Match[str]) -> str:
        lines = [synopsis(name) for name in match.group("names").split()]
        return match.group(1) + "".join(line + "\n" for line in lines) + match.group(4)

    return BLOCK.sub(block, text)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    current = README.read_text(encoding="utf-8")
    wanted = rewrite(current)
    if wanted == current:
        return 0
    if "--check" in args:
        print(f"{README.name}: synopses differ from the parser; run python -m generator.synopsis")
        return 1
    from generator.fileio import write_atomic

    write_atomic(README, wanted.encode("utf-8"))
    print(f"{README.name}: synopses rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
