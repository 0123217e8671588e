"""A `check` that keeps no cache takes no stat the cache would compare: not of each page (the
listing reads the folders only), not of each page's includes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from generator.check import run as check_module
from generator.check.run import evaluate, run_check
from generator.options import Options
from generator.pages import discover
from generator.pages.discover import markdown_files, markdown_stats
from tests.corpus import CORPUS_RU, EXAMPLES_DOCS, need

PAGE_WITH_INCLUDE = "api-reference/crm/deals/crm-deal-update.md"


def test_the_listing_without_stats_is_the_listing_with_them() -> None:
    for root in (EXAMPLES_DOCS, need(CORPUS_RU)):
        listed = markdown_files(root)
        assert listed == [rel for rel, _ in markdown_stats(root)]
        assert listed == sorted(listed) and len(listed) == len(set(listed))
    assert len(markdown_files(CORPUS_RU)) == 2687


def test_a_run_without_the_cache_stats_no_page(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: Path) -> list[tuple[str, os.stat_result]]:
        raise AssertionError("stat taken for a run that keeps no cache")

    monkeypatch.setattr(discover, "markdown_stats", refuse)
    with_cache_off = run_check(EXAMPLES_DOCS, (), Options(jobs=1), use_cache=False)
    assert [o.rel for o in with_cache_off.outcomes] == markdown_files(EXAMPLES_DOCS)


def test_include_stats_only_for_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = evaluate(EXAMPLES_DOCS, PAGE_WITH_INCLUDE, Options())
    include = EXAMPLES_DOCS / "_includes" / "required.md"
    info = include.stat()
    assert recorded.deps["_includes/required.md"] == [info.st_size, info.st_mtime_ns]
    bare = evaluate(EXAMPLES_DOCS, PAGE_WITH_INCLUDE, Options(), with_deps=False)
    assert bare.deps == {}
    assert bare.findings == recorded.findings and bare.diagnostics == recorded.diagnostics

    seen: list[bool] = []
    original = check_module.evaluate

    def spy(root: Path, rel: str, options: Options, *run: Any) -> Any:
        seen.append(run[-1])
        return original(root, rel, options, *run)

    monkeypatch.setattr(check_module, "evaluate", spy)
    monkeypatch.chdir(tmp_path)  # the cache lives in the working directory
    run_check(EXAMPLES_DOCS, (PAGE_WITH_INCLUDE,), Options(jobs=1), use_cache=False)
    run_check(EXAMPLES_DOCS, (PAGE_WITH_INCLUDE,), Options(jobs=1), use_cache=True)
    assert seen == [False, True]
