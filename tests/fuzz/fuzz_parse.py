"""atheris target for `parse`: input bytes → a page in a temp docs root → `parse_page`.

Nothing may escape but the handled outcome: a `PageResult` with a spec, or without one and with an
error diagnostic saying why. A spec must pass the schema and round-trip through YAML byte for byte.

An input that starts with 0x00 drives the page composer of tests/fuzz/pages.py (structure-aware:
notes, tabs in lists, tables with fences, includes, line endings, ...); any other input is the page
itself (raw bytes, so invalid UTF-8, NUL and lone CR reach the parser too).

    python tests/fuzz/fuzz_parse.py -runs=100000 -max_len=65536 CORPUS_DIR   # see README, Robustness
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import atheris  # noqa: E402

with atheris.instrument_imports(include=["generator", "markdown_it"]):
    from generator.extract.recovery import is_fatal
    from generator.parse import PageResult, parse_page
    from generator.spec.io import dump_yaml, load_yaml

from tests.fuzz.pages import tree_from_input, write_tree  # noqa: E402

ROOT = Path(tempfile.mkdtemp(prefix="b24-fuzz-parse-"))


def check(data: bytes) -> PageResult:
    tree = tree_from_input(data)
    write_tree(ROOT, tree)
    result = parse_page(ROOT, tree.page)
    assert isinstance(result, PageResult)
    if result.spec is None:
        assert any(d.is_error for d in result.diagnostics), result.diagnostics
    else:  # a spec may carry a recoverable error (a missing include), never a fatal one
        assert not any(is_fatal(d.code, d.severity) for d in result.diagnostics)
        text = dump_yaml(result.spec)
        assert load_yaml(text) == result.spec
        assert dump_yaml(load_yaml(text)) == text
    for diagnostic in result.diagnostics:
        assert "\n" not in diagnostic.format_text()
    return result


def TestOneInput(data: bytes) -> None:  # the name atheris looks for
    check(data)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
