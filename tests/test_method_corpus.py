"""Method pages of the shared corpus: discovery, one MethodSpec per page, auth and EN twins."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.extract.method import extract_method_spec
from generator.extract.method_params import walk_params
from generator.includes import IncludeResolver
from generator.pages.classify import METHOD_MARKER, PageType, classify_file
from generator.pages.discover import markdown_files
from generator.pages.model import Page
from generator.source import decode
from generator.spec.method import MethodSpec
from tests.corpus import CORPUS_EN, CORPUS_RU, need


def method_pages(root: Path) -> list[str]:
    return [
        rel
        for rel in markdown_files(root)
        if classify_file(rel, (root / rel).read_text(encoding="utf-8", errors="replace"))
        is PageType.METHOD
    ]


def read_specs(root: Path, rels: list[str], includes: bool = True) -> dict[str, MethodSpec]:
    resolver = IncludeResolver(root) if includes else None
    return {
        rel: extract_method_spec(Page(rel, decode((root / rel).read_bytes(), rel)), resolver)
        for rel in rels
    }


@pytest.fixture(scope="module")
def ru_specs() -> dict[str, MethodSpec]:
    root = need(CORPUS_RU)
    return read_specs(root, method_pages(root))


def test_discovery_counts_single_method_pages() -> None:
    root = need(CORPUS_RU)
    rels = method_pages(root)
    assert len(rels) == 1686  # corpus notes' 1,689 minus three `_include/` scope fragments
    assert sum(r.startswith(("tutorials/", "settings/")) for r in rels) == 8
    fragments = [
        r
        for r in markdown_files(root)
        if "/_include/" in r and METHOD_MARKER.search((root / r).read_text(encoding="utf-8"))
    ]
    assert fragments == [
        "api-reference/crm/_include/scope-crm-all.md",
        "api-reference/departments/_include/scope-department-admin.md",
        "api-reference/departments/_include/scope-department-all.md",
    ]
    assert len(method_pages(need(CORPUS_EN))) == 16


def test_every_method_page_yields_a_spec_with_warnings_only(
    ru_specs: dict[str, MethodSpec],
) -> None:
    assert len(ru_specs) == 1686
    assert all(d.severity == "warning" for s in ru_specs.values() for d in s.diagnostics)
    codes = Counter(d.code for s in ru_specs.values() for d in s.diagnostics)
    assert dict(sorted(codes.items())) == {
        "W-METHOD-H1": 12,
        "W-METHOD-SLUG": 2,
        "W-METHOD-TABS": 4,
        "W-PARAM-TABLE-ORPHAN": 42,
        "W-RESPONSE-JSON": 66,
    }


def test_auth_and_rest_version_statements(ru_specs: dict[str, MethodSpec]) -> None:
    app_only = sorted(r for r, s in ru_specs.items() if s.auth.app_only)
    assert len(app_only) == 106
    assert all(not ru_specs[r].auth.webhook and ru_specs[r].auth.evidence for r in app_only)
    assert "api-reference/events/event-bind.md" in app_only
    assert "api-reference/ai/ai-engine-list.md" not in app_only  # allows webhooks explicitly
    assert sum(s.auth.user_only for s in ru_specs.values()) == 0
    assert sum(s.rest_version == 3 for s in ru_specs.values()) == 106


def twin_facts(spec: MethodSpec) -> dict[str, object]:
    return {
        "method": spec.method,
        "scopes": [s.name for s in spec.scopes],
        "callers": spec.callers.value if spec.callers else None,
        "auth": (spec.auth.webhook, spec.auth.app_only, spec.auth.user_only),
        "rest_version": spec.rest_version,
        "params": [(p.path, p.type, p.required) for p in walk_params(spec.params)],
        "errors": [e.code for e in spec.errors],
        "labels": [[t.label for t in b.tabs] for b in spec.examples],
    }


def test_english_twins_state_the_same_facts() -> None:
    en_root = need(CORPUS_EN)
    ru_root = need(CORPUS_RU)
    rels = method_pages(en_root)
    # the EN sample lacks some `_includes/`: both sides read the pages' own text only
    english = read_specs(en_root, rels, includes=False)
    russian = read_specs(ru_root, rels, includes=False)
    differing = {
        rel: sorted(
            key
            for key, value in twin_facts(english[rel]).items()
            if twin_facts(russian[rel])[key] != value
        )
        for rel in rels
    }
    assert {rel: keys for rel, keys in differing.items() if keys} == EN_DIFFERENCES


EN_DIFFERENCES: dict[str, list[str]] = {}
