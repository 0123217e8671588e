"""Fixture pages for every YFM construct and every irregularity of the corpus notes (section 5).

Each `tests/fixtures/pages/<name>.expect.yaml` states what a correct parser extracts from the page
or folder beside it (see `tests/fixtures/pages/INDEX.md` for the keys).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import DocgenError
from generator.includes import IncludeResolver
from generator.pages.model import Node, Page
from generator.parse import PageResult, parse_page, select_pages
from generator.source import decode
from generator.spec.event import EventSpec

FIXTURES = Path(__file__).parent / "fixtures" / "pages"
SIDECARS = sorted(FIXTURES.glob("*.expect.yaml"))

# Sidecar diagnostic names → the codes b24-docgen emits. Names not listed here (file-hygiene
# notices, heading-style and indentation notes) are not diagnosed by the parser, by design: they do
# not change a fact of the spec, and `check` reports what matters about tabs.
CODES = {
    "W-SCOPE-MISSING": {"W-SCOPE-MISSING"},
    "W-H1-HOMOGLYPH": {"W-H1-HOMOGLYPH"},
    "W-H1-CODE-POSITION": {"W-H1-CODE-POSITION"},
    "W-H1-CODE-MISSING": {"W-H1-CODE-MISSING"},
    "W-H1-CODE-MISMATCH": {"W-H1-CODE-MISMATCH", "W-SLUG-MISMATCH"},
    "W-PAYLOAD-NOT-JSON": {"W-PAYLOAD"},
    "W-ROW-NO-TYPE": {"W-FIELD-NO-TYPE"},
    "I-TABLE-EXTRA-COLUMN": {"W-TABLE-COLUMNS"},
    "W-TAB-EMPTY": {"W-TAB-NO-CODE"},
    "W-TAB-MISPLACED": {"W-TAB-MISPLACED"},
    "E-INCLUDE-CYCLE": {"E-INCLUDE-CYCLE"},
    "E-INCLUDE-OUTSIDE-ROOT": {"E-INCLUDE-OUTSIDE"},
    "W-INCLUDE-NOT-FOUND": {"E-INCLUDE-MISSING"},
    "E-NOTE-UNCLOSED": {"E-UNCLOSED"},
    "E-TABS-UNCLOSED": {"E-UNCLOSED"},
    "E-NOT-UTF8": {"E-ENCODING"},
}


def load(sidecar: Path) -> tuple[Path, str, dict[str, Any]]:
    expect = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
    name = sidecar.name.removesuffix(".expect.yaml")
    folder = FIXTURES / name
    if folder.is_dir():
        root = folder / expect.get("root", ".")
        return root.resolve(), expect["page"], expect
    return FIXTURES, f"{name}.md", expect


class IsolatedPageResolver(IncludeResolver):
    """Single-page fixtures are parsed alone: their includes stand for empty pages."""

    def load(self, page: Page, node: Node, stack: tuple[str, ...]) -> Page:
        try:
            return super().load(page, node, stack)
        except DocgenError:
            return Page("_missing.md", decode(b"", "_missing.md"))


def result_for(sidecar: Path) -> tuple[PageResult, dict[str, Any], Path, str]:
    root, rel, expect = load(sidecar)
    resolver = IncludeResolver(root) if root != FIXTURES else IsolatedPageResolver(root)
    return parse_page(root, rel, resolver), expect, root, rel


@pytest.mark.parametrize("sidecar", SIDECARS, ids=lambda p: p.name.removesuffix(".expect.yaml"))
def test_fixture(sidecar: Path) -> None:
    result, expect, root, rel = result_for(sidecar)
    if "error" in expect:
        assert result.spec is None, f"{rel} should fail: {expect['error']}"
        assert_codes(expect, [d.code for d in result.diagnostics])
        return
    if expect.get("kind") == "not_event":
        assert rel not in select_pages(root, [rel])
        return
    if expect.get("kind") == "method":  # a method page is parsed, never as an event
        assert rel in select_pages(root, [rel])
        assert result.spec is not None and result.spec.kind == "method"
        assert result.spec.method == expect["method"]
        assert_codes(expect, [d.code for d in result.diagnostics])
        return
    assert rel in select_pages(root, [rel]), f"{rel} is not discovered as an event page"
    assert result.spec is not None, [d.format_text() for d in result.diagnostics]
    assert_spec(result.spec, expect)
    assert_codes(expect, [d.code for d in result.diagnostics])
    for other in expect.get("also_not_event", []):
        assert other not in select_pages(root)
    for other in expect.get("also_event", []):
        assert other in select_pages(root)


def assert_codes(expect: dict[str, Any], emitted: list[str]) -> None:
    for name in expect.get("diagnostic_codes", []) or []:
        if name in CODES:
            assert CODES[name] & set(emitted), f"expected {name}, got {emitted}"


def assert_spec(spec: EventSpec, expect: dict[str, Any]) -> None:
    if "kind" in expect:
        assert spec.kind == expect["kind"]
    if "event" in expect:
        assert spec.event.casefold() == str(expect["event"]).casefold()
    if "locale" in expect:
        assert spec.locale == expect["locale"]
    if "scopes" in expect:
        assert [(s.name, s.description) for s in spec.scopes] == [
            (s["name"], s.get("description")) for s in expect["scopes"]
        ]
    if "subscribers" in expect:
        assert_subscribers(spec, expect["subscribers"])
    if "notes" in expect:
        assert [(n.type, n.title, n.dev_only) for n in spec.notes] == [
            (n["type"], n.get("title"), n.get("dev_only", False)) for n in expect["notes"]
        ]
    assert_handler(spec, expect.get("handler") or {}, expect.get("field_types") or {})
    if "examples" in expect:
        assert_examples(spec, expect["examples"] or [])
    if "related" in expect:
        assert [link.path for link in spec.related if link.text is None] == expect["related"]


def assert_subscribers(spec: EventSpec, expected: dict[str, Any] | None) -> None:
    if expected is None:
        assert spec.subscribers is None
        return
    assert spec.subscribers is not None
    assert spec.subscribers.value == expected["value"]
    # the spec keeps the value without the backticks some pages wrap it in
    assert spec.subscribers.raw == str(expected["raw"]).strip("`")


def assert_handler(spec: EventSpec, handler: dict[str, Any], field_types: dict[str, Any]) -> None:
    if "delivery" in handler:
        assert spec.handler.delivery == handler["delivery"]
    # payload-only fields (`documented: false`) are the page's gaps, not its documented names
    names = [f.name for f in spec.handler.fields if f.documented]
    if "field_names" in handler:
        # array elements are typed (`array`, `object[]`) in the spec, not marked in the name
        expected = [str(n).replace("[]", "") for n in handler["field_names"]]
        assert sorted(names) == sorted(expected)
    for name, type_name in field_types.items():
        field = next(f for f in spec.handler.fields if f.name == str(name).replace("[]", ""))
        assert field.type == type_name, name
    if "payload_keys" in handler:
        data = spec.handler.payloads[0].data if spec.handler.payloads else None
        if isinstance(data, list) and len(data) == 1:
            data = data[0]  # a JS `callback({...})`: the spec holds the argument list
        keys = list(data) if isinstance(data, dict) else []
        assert keys == handler["payload_keys"]
    if "payload_variants" in handler:
        assert [p.label for p in spec.handler.payloads] == handler["payload_variants"]


def assert_examples(spec: EventSpec, blocks: list[list[dict[str, Any]]]) -> None:
    assert len(spec.examples) == len(blocks)
    for block, expected in zip(spec.examples, blocks, strict=True):
        got = [(t.label, t.lang, first_line(t.code)) for t in block.tabs]
        want = [(t["label"], t.get("lang"), t.get("first_code_line")) for t in expected]
        assert got == want
        for tab, item in zip(block.tabs, expected, strict=True):
            if "fences" in item:
                assert (1 if tab.code_span else 0) + len(tab.more_fences) == item["fences"]


def first_line(code: str) -> str | None:
    return code.split("\n", 1)[0] if code else None
