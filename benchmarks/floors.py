"""Floor workloads for benchmarks/run.py, each run as a whole process so start-up counts like the tool's.

usage: python benchmarks/floors.py MODE LIST_FILE
  MODE       `read`: read and UTF-8 decode every listed file;
             `mdit`: that, plus markdown-it-py `MarkdownIt("commonmark").parse` of each;
             `pass`: nothing (interpreter start-up only; LIST_FILE may be omitted).
  LIST_FILE  first line the docs root, then one page path per line, relative to it.
Prints one JSON line: {"pages": N, "bytes": N, "tokens": N}.
"""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "pass":
        return 0
    with open(argv[1], encoding="utf-8") as listing:
        root, *rels = [line for line in listing.read().split("\n") if line]
    parse = None
    if mode == "mdit":
        from markdown_it import MarkdownIt

        parse = MarkdownIt("commonmark").parse
    elif mode != "read":
        print(f"unknown mode {mode!r}", file=sys.stderr)
        return 2
    size = tokens = 0
    for rel in rels:
        with open(f"{root}/{rel}", "rb") as file:
            raw = file.read()
        size += len(raw)
        text = raw.decode("utf-8", errors="replace")
        if parse is not None:
            tokens += len(parse(text))
    print(json.dumps({"pages": len(rels), "bytes": size, "tokens": tokens}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
