"""Smoke test of benchmarks/run.py on a tiny docs tree: structure of the table and the JSON, never timings."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"

PAGE = """# Widget {verb} event {code}

> Scope: [`demo`](../scopes.md)
>
> Who can subscribe: any user

The event fires when a demo widget is {verb}ed.

{{% include [auth](../_includes/auth-note.md) %}}

## What the handler receives

```json
{{"event": "{upper}", "data": {{"FIELDS": {{"ID": "7"}}}}, "ts": "1700000000"}}
```

#|
|| **Name**
`type` | **Description** ||
|| **data.FIELDS.ID**
[`integer`](../data-types.md) | Widget id ||
|#
"""

METHOD_PAGE = """# Add a demo widget demo.widget.add

> Scope: [`demo`](../scopes.md)
>
> Who can execute the method: any user

The method adds a demo widget.

## Method parameters

#|
|| **Name**
`type` | **Description** ||
|| **NAME***
[`string`](../data-types.md) | Widget name ||
|#

## Code examples

{% list tabs %}

- cURL (Webhook)

  ```bash
  curl -X POST -d '{"NAME":"w"}' https://example.bitrix24.com/rest/1/token/demo.widget.add
  ```

{% endlist %}
"""

STAGE_IDS = {
    "python-start",
    "read-events",
    "read-all",
    "mdit-events",
    "mdit-all",
    "diplodoc-events",
    "diplodoc-all",
    "version",
    "parse-events",
    "parse-all",
    "render",
    "render-warm",
    "render-all",
    "check-cold-events",
    "check-cold-all",
    "check-warm-all",
    "check-changed-all",
    "sync-dry-all",
    "check-changed-method",
}
TARGET_IDS = [
    "cold-vs-floor",
    "vs-diplodoc",
    "changed-page",
    "version",
    "cold-all-vs-floor",
    "changed-method",
    "render-all-vs-floor",
    "rss",
]
STAGE_KEYS = {
    "id",
    "label",
    "group",
    "pages",
    "cmd",
    "status",
    "error",
    "runs",
    "exit_codes",
    "median_s",
    "min_s",
    "max_s",
    "peak_rss_mb",
    "largest_process_rss_mb",
    "floor",
    "peer",
    "ratio_floor",
    "ratio_diplodoc",
    "cpu_runs",
    "cpu_median_s",
    "ratio_floor_cpu",
    "ratio_diplodoc_cpu",
}


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmarks_run", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def tiny_docs(root: Path) -> Path:
    events = root / "widgets" / "events"
    events.mkdir(parents=True)
    for verb, code in (("add", "onDemoWidgetAdd"), ("delet", "onDemoWidgetDelete")):
        text = PAGE.format(verb=verb, code=code, upper=code.upper())
        (events / f"on-demo-widget-{verb}.md").write_text(text, encoding="utf-8")
    (root / "widgets" / "_includes").mkdir()
    (root / "widgets" / "_includes" / "auth-note.md").write_text(
        "The `auth` key holds the app's tokens.\n", encoding="utf-8"
    )
    (root / "widgets" / "widget-add.md").write_text(METHOD_PAGE, encoding="utf-8")
    (root / "widgets" / "index.md").write_text(
        "# Demo widgets\n\nAn overview page without events.\n", encoding="utf-8"
    )
    return root


def test_run_on_a_tiny_tree(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tiny_docs(tmp_path / "docs")
    out = tmp_path / "results" / "r.json"
    code = bench.main(["--docs", str(docs), "--runs", "1", "--skip-diplodoc", "--out", str(out)])
    printed = capsys.readouterr().out
    results = json.loads(out.read_text(encoding="utf-8"))

    assert code in (0, 1)  # 1 when a b24-docgen stage failed (the tool may be mid-development)
    assert set(results) == {"meta", "stages", "targets"}
    assert results["meta"]["docs"]["pages_event"] == 2
    assert results["meta"]["docs"]["pages_all"] == 5
    assert results["meta"]["docs"]["changed_method_page"] == "widgets/widget-add.md"
    assert results["meta"]["runs"] == 1
    stages = {s["id"]: s for s in results["stages"]}
    assert set(stages) >= STAGE_IDS
    for stage in stages.values():
        assert set(stage) >= STAGE_KEYS
        assert stage["status"] in ("ok", "failed", "skipped")
        if stage["status"] == "ok":
            assert len(stage["runs"]) == 1
            assert stage["min_s"] <= stage["median_s"] <= stage["max_s"]
            assert stage["peak_rss_mb"] > 0
    for floor in ("python-start", "read-events", "read-all", "mdit-events", "mdit-all"):
        assert stages[floor]["status"] == "ok", stages[floor]["error"]
    assert stages["mdit-events"]["ratio_floor"] == 1.0
    assert stages["diplodoc-events"]["status"] == "skipped"
    assert stages["check-cold-events"]["floor"] == "mdit-events"
    assert stages["check-cold-all"]["peer"] == "diplodoc-all"
    assert stages["render-all"]["floor"] == stages["check-changed-method"]["floor"] == "mdit-all"
    assert [t["id"] for t in results["targets"]] == TARGET_IDS
    assert all(t["status"] in ("pass", "miss", "n/a") for t in results["targets"])
    assert results["targets"][1]["status"] == "n/a"  # no Diplodoc

    header = "| stage | median s | min | max | CPU s | peak RSS MB | × floor | × Diplodoc |"
    assert header in printed
    table = [line for line in printed.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + len(results["stages"])
    assert sum(line.startswith("- **") for line in printed.splitlines()) == len(TARGET_IDS)
    assert (
        (docs / "widgets" / "events" / "on-demo-widget-add.md")
        .read_text(encoding="utf-8")
        .endswith("|#\n")
    )


def test_failed_and_missing_stages_render(bench: ModuleType) -> None:
    def stage(
        sid: str, group: str, pages: str | None, median: float | None, status: str = "ok"
    ) -> dict[str, object]:
        return {
            "id": sid,
            "label": sid,
            "group": group,
            "pages": pages,
            "cmd": [],
            "status": status,
            "error": "exit status 1: boom\nmore" if status == "failed" else None,
            "runs": [],
            "exit_codes": [],
            "median_s": median,
            "min_s": median,
            "max_s": median,
            "peak_rss_mb": None if median is None else 100.0,
            "largest_process_rss_mb": None,
        }

    results = bench.assemble(
        {"runs": 1},
        [
            stage("mdit-events", "floor", "event", 2.0),
            stage("diplodoc-events", "peer", "event", 2.5),
            stage("check-cold-events", "tool", "event", 1.0),
            stage("check-changed-all", "tool", "all", None, "failed"),
            stage("version", "tool", None, 0.1),
        ],
    )
    by_id = {t["id"]: t for t in results["targets"]}
    assert by_id["cold-vs-floor"]["status"] == "pass"
    assert by_id["vs-diplodoc"]["status"] == "miss"  # 2.5x faster, the target is 3x
    assert by_id["changed-page"]["status"] == "n/a"
    assert by_id["rss"]["status"] == "n/a"  # a tool stage failed: memory not known for all
    table = bench.render_table(results)
    assert "check-changed-all — **failed** (exit status 1: boom)" in table
    assert "| check-cold-events | 1.000 | 1.000 | 1.000 | — | 100 | 0.50× | 0.40× |" in table


def test_edit_one_page_toggles_a_space(bench: ModuleType, tmp_path: Path) -> None:
    page = tiny_docs(tmp_path / "docs") / "widgets" / "events" / "on-demo-widget-add.md"
    original = page.read_bytes()
    index = bench.description_line(page)
    assert original.split(b"\n")[index].startswith(b"The event fires")
    bench.edit_one_page(page)
    assert page.read_bytes() != original and len(page.read_bytes()) == len(original) + 1
    bench.edit_one_page(page)
    assert page.read_bytes() == original
