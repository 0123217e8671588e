"""The surviving-mutant rate per module from mutmut's results (mutants/**/*.meta).

A mutant listed in benchmarks/mutation_equivalent.txt (`<mutant key>  <why>`) was judged
equivalent: no test can tell it from the original. The table gives the raw survivors and the
rate without the equivalent ones; then every survivor, equivalent or not.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
EQUIVALENT = Path(__file__).with_name("mutation_equivalent.txt")
STATUS = {1: "killed", 3: "killed", 0: "survived", 33: "no tests", 5: "no tests", 34: "skipped"}
TIMEOUTS = {24, -24, 36, 152, 255}


def status(code: int | None) -> str:
    if code in TIMEOUTS:
        return "killed"  # a mutant that hangs the tests is caught (by the timeout)
    if code is None:
        return "not checked"
    return STATUS.get(code, "suspicious")


def equivalent() -> dict[str, str]:
    if not EQUIVALENT.is_file():
        return {}
    found = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, why = line.partition(" ")
            found[key] = why.strip()
    return found


def main() -> int:
    metas = sorted(MUTANTS.glob("generator/**/*.py.meta"))
    if not metas:
        print("no mutmut results under mutants/: run benchmarks/mutation.sh", file=sys.stderr)
        return 2
    judged = equivalent()
    survivors: list[str] = []
    print(f"{'module':40} {'mutants':>8} {'killed':>7} {'survived':>9} {'equiv.':>7} {'rate':>7}")
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        counts = Counter(status(code) for code in codes.values())
        alive = sorted(k for k, c in codes.items() if status(c) in ("survived", "no tests"))
        same = [k for k in alive if k in judged]
        survivors += alive
        total = len(codes)
        rate = (len(alive) - len(same)) / total if total else 0.0
        module = meta.relative_to(MUTANTS).as_posix().removesuffix(".meta")
        print(
            f"{module:40} {total:8} {counts['killed']:7} {len(alive):9} {len(same):7} {rate:7.1%}"
        )
        other = {k: v for k, v in counts.items() if k not in ("killed", "survived", "no tests")}
        if other:
            print(f"  also: {dict(sorted(other.items()))}")
    for key in survivors:
        print(f"survivor {key}" + (f"  [equivalent: {judged[key]}]" if key in judged else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
