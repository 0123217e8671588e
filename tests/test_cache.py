"""The incremental `check` cache: stat, then hash, then re-evaluate only what changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.check import run as check_module
from generator.check.outcome import Outcome
from generator.check.run import run_check
from generator.options import Options
from tests.corpus import EXAMPLES_DOCS, REPO

PAGE = "api-reference/crm/deals/events/on-crm-deal-update.md"


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "docs"
    shutil.copytree(EXAMPLES_DOCS, root)
    monkeypatch.chdir(tmp_path)  # the cache lives in the working directory
    return root


def evaluated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = check_module.evaluate

    def spy(root: Path, rel: str, options: Options, *run: Any) -> Outcome:
        seen.append(rel)
        return original(root, rel, options, *run)

    monkeypatch.setattr(check_module, "evaluate", spy)
    return seen


def test_warm_run_evaluates_nothing(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    options = Options(jobs=1)
    cold = run_check(docs, (), options, use_cache=True)
    seen = evaluated(monkeypatch)
    warm = run_check(docs, (), options, use_cache=True)
    assert seen == []
    assert warm.findings == cold.findings and warm.in_sync == cold.in_sync


def test_one_changed_page_is_the_only_one_evaluated(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = Options(jobs=1)
    run_check(docs, (), options, use_cache=True)
    page = docs / PAGE
    page.write_text(
        page.read_text(encoding="utf-8").replace("onCrmDealUpdate", "onCrmDealUpdated", 1),
        encoding="utf-8",
    )
    seen = evaluated(monkeypatch)
    report = run_check(docs, (), options, use_cache=True)
    assert seen == [PAGE]
    # the H1 alone now names `onCrmDealUpdated`: outvoted by slug, description, payload and tabs
    assert any(f.kind == "event-code" for f in report.findings)


def test_touch_without_change_is_a_hash_hit(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    options = Options(jobs=1)
    run_check(docs, (), options, use_cache=True)
    os.utime(docs / PAGE, ns=(1, 1))
    seen = evaluated(monkeypatch)
    run_check(docs, (), options, use_cache=True)
    assert seen == []


def test_changed_include_invalidates_the_pages_that_use_it(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = Options(jobs=1)
    run_check(docs, (), options, use_cache=True)
    include = docs / "_includes" / "auth-params-in-events.md"
    include.write_text(include.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    seen = evaluated(monkeypatch)
    run_check(docs, (), options, use_cache=True)
    assert PAGE in seen


def test_no_cache_flag_reads_and_writes_nothing(docs: Path) -> None:
    run_check(docs, (), Options(jobs=1), use_cache=False)
    assert not Path(".b24-docgen-cache").exists()


def test_warm_check_imports_nothing_heavy(docs: Path) -> None:
    code = (
        "import sys\n"
        "from generator.cli import main\n"
        f"main(['check', '--docs', {str(docs)!r}])\n"
        "heavy = [m for m in ('markdown_it', 'jinja2', 'black', 'yaml') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=False)
    warm = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert "HEAVY []" in warm.stdout, warm.stdout + warm.stderr
