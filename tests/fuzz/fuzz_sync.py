"""atheris target for `sync`: input bytes → a page in a temp docs root → `check.evaluate` (with edits)
→ `rewrite.apply_edits`, in the default mode, with `--add-missing` and with `--reshape`.

Invariants: evaluate returns an Outcome (page problems are diagnostics, never exceptions); a page
with diagnostics gets no edits; the bytes outside the example blocks are kept (default mode: equal;
add-missing and reshape: the old lines in order, only insertions); the synced page parses again; a
second sync of the synced page changes nothing.

Input framing as in fuzz_parse.py: 0x00 first drives the page composer, anything else is the page.

    python tests/fuzz/fuzz_sync.py -runs=20000 -max_len=65536 CORPUS_DIR   # see README, Robustness
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import atheris  # noqa: E402

with atheris.instrument_imports(include=["generator"]):
    from generator.check.run import evaluate
    from generator.extract.recovery import RECOVERABLE
    from generator.options import Options, SyncMode
    from generator.parse import parse_page
    from generator.rewrite import apply_edits
    from generator.source import decode

from tests.fuzz.pages import block_spans, cut_lines, tree_from_input, write_tree  # noqa: E402

ROOT = Path(tempfile.mkdtemp(prefix="b24-fuzz-sync-"))
MODES = (SyncMode(), SyncMode(add_missing=True), SyncMode(reshape=True))


def sync_once(rel: str, mode: SyncMode) -> tuple[bytes, bytes, bool]:
    raw = (ROOT / rel).read_bytes()
    outcome = evaluate(ROOT, rel, Options(mode=mode, jobs=1))
    if outcome.diagnostics:
        # only a kept spec (a recoverable error: a missing include) may carry a plan, and
        # sync_pages still skips a page with an error (tests/test_robustness_sync.py)
        fatal = [d for d in outcome.diagnostics if d.code not in RECOVERABLE]
        assert not (fatal and outcome.edits), "a page that does not parse must not be rewritten"
        return raw, raw, False
    new = apply_edits(decode(raw, rel), outcome.edits) if outcome.edits else raw
    return raw, new, True


def kept_in_order(small: list[bytes], big: list[bytes]) -> bool:
    it = iter(big)
    last = len(small) - 1

    def same(i: int, line: bytes, other: bytes) -> bool:
        if i == last and not line.endswith((b"\n", b"\r")):  # lines appended after a last line
            return other.rstrip(b"\r\n") == line
        return line == other

    return all(any(same(i, line, other) for other in it) for i, line in enumerate(small))


def check(data: bytes) -> None:
    tree = tree_from_input(data)
    for mode in MODES:
        write_tree(ROOT, tree)
        rel = tree.page
        before = parse_page(ROOT, rel).spec
        old, new, clean = sync_once(rel, mode)
        if not clean or new == old:
            continue
        assert before is not None, "edits for a page that does not parse"
        (ROOT / rel).write_bytes(new)
        after = parse_page(ROOT, rel)
        assert after.spec is not None, after.diagnostics
        kept_old = cut_lines(old, block_spans(before))
        kept_new = cut_lines(new, block_spans(after.spec))
        if mode.add_missing or mode.reshape:
            assert kept_in_order(kept_old, kept_new), "sync changed bytes outside example blocks"
        else:
            assert kept_old == kept_new, "sync changed bytes outside example blocks"
        _, again, _ = sync_once(rel, mode)
        assert again == new, "sync is not idempotent"


def TestOneInput(data: bytes) -> None:  # the name atheris looks for
    check(data)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
