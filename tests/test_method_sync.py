"""`check` and `sync` on method pages: `call` drift (params literal only), `exact` drift (the tab),
--add-missing, --reshape; no byte outside the edited spans, idempotent, CRLF and indentation kept;
and a whole-RU-corpus copy synced, compared with its example blocks cut out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.check.run import run_check
from generator.options import Options, SyncMode
from generator.parse import parse_page
from generator.sync import sync_pages
from tests.corpus import CORPUS_RU, need, writable_copy
from tests.test_check_sync import cut_blocks
from tests.test_method_render import (
    CREST_TAB,
    CURL_TAB,
    GO,
    GO_TAB,
    OAUTH_TAB,
    PAGE,
    check,
    method_page,
    write,
)

FOUR = (CURL_TAB, OAUTH_TAB, CREST_TAB, GO_TAB)


def test_call_mode_names_the_difference_at_the_params_line(tmp_path: Path) -> None:
    page = write(tmp_path, method_page(*FOUR))
    found = [f for f in check(tmp_path) if "drift" in f or "missing-tab" in f]
    assert found == [
        "20: missing-tab [BX24.js] the profile expects a `BX24.js` tab",
        "20: missing-tab [JS (TS)] the profile expects a `JS (TS)` tab",
        "20: missing-tab [JS (UMD)] the profile expects a `JS (UMD)` tab",
        "20: missing-tab [PHP] the profile expects a `PHP` tab",
        "50: drift [PHP CRest] params differ: passes `select`",
    ]
    lines = page.read_text(encoding="utf-8").split("\n")
    assert lines[49:51] == ["        [", "            'ID' => 42,"]  # line 50: the literal opens


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_call_sync_rewrites_only_the_params_literal(tmp_path: Path, newline: str) -> None:
    page = write(tmp_path, method_page(*FOUR), newline)
    before = page.read_bytes()
    check(tmp_path, mode=SyncMode())
    after = page.read_bytes()
    # the comment, the result handling and the Go tab's own value (42 vs 7: same kind) stay
    old = f"'ID' => 42,{newline}            'select' => ['ID']".encode()
    assert after == before.replace(old, b"'id' => 42")
    check(tmp_path, mode=SyncMode())
    assert page.read_bytes() == after  # idempotent


def test_call_sync_keeps_a_block_nested_in_a_list_item(tmp_path: Path) -> None:
    text = method_page(*FOUR)
    start, end = text.index("{% list tabs %}"), text.index("{% endlist %}") + len("{% endlist %}")
    block = text[start:end]
    nested = "\n".join("    " + line if line.strip() else "" for line in block.split("\n"))
    page = write(tmp_path, text[:start] + "1. Получите сделку:\n\n" + nested + text[end:])
    before = page.read_bytes()
    check(tmp_path, mode=SyncMode())
    old = b"'ID' => 42,\n                'select' => ['ID']"
    assert page.read_bytes() == before.replace(old, b"'id' => 42")


def test_exact_mode_compares_and_rewrites_the_whole_tab(tmp_path: Path) -> None:
    write(tmp_path, method_page(*FOUR))
    options = Options(profile="method-exact")
    report = run_check(tmp_path, (), options, use_cache=False)
    go = next(f for f in report.findings if f.kind == "drift" and f.label == "Go")
    assert go.diff is not None and '-\t"id": 7,\n+\t"id": 42,\n' in go.diff
    check(tmp_path, "method-exact", SyncMode())
    spec = parse_page(tmp_path, PAGE).spec
    assert spec is not None
    assert next(t.code for t in spec.examples[0].tabs if t.label == "Go") == GO


ORDER = [
    "cURL (Webhook)",
    "cURL (OAuth)",
    "JS (TS)",
    "JS (UMD)",
    "PHP",
    "BX24.js",
    "PHP CRest",
    "Go",
]


def labels_of(root: Path) -> list[str]:
    spec = parse_page(root, PAGE).spec
    assert spec is not None
    return [t.label for t in spec.examples[0].tabs]


def test_add_missing_and_reshape(tmp_path: Path) -> None:
    write(tmp_path, method_page(GO_TAB, CREST_TAB, OAUTH_TAB, CURL_TAB))
    check(tmp_path, mode=SyncMode(add_missing=True))
    # each missing tab goes after the nearest tab the profile puts before it (cURL (OAuth))
    assert labels_of(tmp_path) == ["Go", "PHP CRest", "cURL (OAuth)", *ORDER[2:6], ORDER[0]]
    check(tmp_path, mode=SyncMode(reshape=True))
    assert labels_of(tmp_path) == ORDER
    assert check(tmp_path) == []


def test_whole_ru_corpus_sync_touches_only_example_blocks(tmp_path: Path) -> None:
    root = writable_copy(need(CORPUS_RU), tmp_path / "ru")
    report = run_check(root, (), Options(), use_cache=False, want_edits=True)
    drift = Counter(
        f.label
        for o in report.outcomes
        if o.page_type == "method"
        for f in o.findings
        if f.kind == "drift"
    )
    assert dict(drift) == METHOD_DRIFT
    methods = sorted(o.rel for o in report.outcomes if o.page_type == "method" and o.edits)
    before = {page: cut_blocks(root, page) for page in methods}
    raw = {p: p.read_bytes() for p in root.rglob("*.md")}
    changed = sync_pages(root, report.outcomes, dry_run=False).changed
    touched = sorted(p.relative_to(root).as_posix() for p in raw if p.read_bytes() != raw[p])
    assert sorted(Path(c).relative_to(root).as_posix() for c in changed) == touched
    assert len([t for t in touched if t in before]) == METHOD_PAGES_SYNCED
    for page in methods:
        assert cut_blocks(root, page) == before[page], page
    again = run_check(root, (), Options(), use_cache=False, want_edits=True)
    assert sync_pages(root, again.outcomes, dry_run=False).changed == []


METHOD_PAGES_SYNCED = 146  # every edit a params literal of a `call`-mode tab
# `call`-mode drift findings on the RU method pages, per label (README: what they are)
METHOD_DRIFT = {
    "Go": 75,
    "Python": 42,
    "cURL (Webhook)": 42,
    "BX24.js": 22,
    "PHP CRest": 16,
    "PHP": 10,
    "cURL (OAuth)": 10,
    "JS (TS)": 8,
    "JS (UMD)": 8,
}
