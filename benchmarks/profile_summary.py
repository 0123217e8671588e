"""Condense a pyinstrument session into the two lists a hotspot hunt needs.

    python -m pyinstrument -r session -o check.pyisession -m generator check --docs ROOT --no-cache --jobs 1
    python benchmarks/profile_summary.py check.pyisession [--top 25]

Prints, in seconds and % of the wall time: the functions with the most *inclusive* time (each counted
once per stack, so recursion is not double-counted) and those with the most *self* time.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from pyinstrument.session import Session


def _key(frame: Any) -> str:
    where = (frame.file_path_short or "").replace("\\", "/")
    return f"{frame.function}  {where}:{frame.line_no}"


def summarize(session: Session) -> tuple[float, Counter[str], Counter[str]]:
    root = session.root_frame()
    inclusive: Counter[str] = Counter()
    self_time: Counter[str] = Counter()

    def walk(frame: Any, on_stack: frozenset[str]) -> None:
        key = _key(frame)
        if key not in on_stack:
            inclusive[key] += frame.time
        if frame.is_synthetic_leaf or not frame.children:
            self_time[key if not frame.is_synthetic_leaf else _key(frame.parent)] += frame.time
        for child in frame.children:
            walk(child, on_stack | {key})

    if root is not None:
        walk(root, frozenset())
    return session.duration, inclusive, self_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("session")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    duration, inclusive, self_time = summarize(Session.load(args.session))
    print(f"wall {duration:.3f} s")
    for title, counter in (("inclusive", inclusive), ("self", self_time)):
        print(f"\n{title}:")
        for key, seconds in counter.most_common(args.top):
            print(f"{seconds:8.3f} s {100 * seconds / duration:5.1f}%  {key}")


if __name__ == "__main__":
    main()
