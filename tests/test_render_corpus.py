"""`render` over every spec of the RU corpus (issue 12): it finishes with no template error, its
bytes do not depend on how many processes render, and the event stubs' fast formatting path
(`ruff format`, black where their styles differ) gives black's bytes on every event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import formatting
from generator.options import Options
from generator.outputs import WriteReport, read_specs, write_specs
from generator.parse import parse_docs
from generator.render.parallel import render_folder
from generator.render.stubs.files import render_stub_sources
from generator.spec.event import EventSpec
from generator.spec.method import MethodSpec
from tests.corpus import CORPUS_RU, need
from tests.support.toolchains import require

POSITIONAL_PAGE = "api-reference/tasks/elapsed-item/task-elapsed-item-get-list"


@pytest.fixture(scope="module")
def spec_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = parse_docs(need(CORPUS_RU))
    folder = tmp_path_factory.mktemp("ru-specs")
    write_specs(folder, result.specs, prune=False)
    return folder


@pytest.fixture(scope="module")
def rendered(
    spec_folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, WriteReport]:
    out = tmp_path_factory.mktemp("ru-render")
    return out, render_folder(spec_folder, out, Options(jobs=2), use_cache=False)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_every_ru_spec_renders(spec_folder: Path, rendered: tuple[Path, WriteReport]) -> None:
    out, report = rendered
    specs = read_specs(spec_folder)
    events = [s for s in specs if isinstance(s, EventSpec)]
    methods = [s for s in specs if isinstance(s, MethodSpec)]
    assert (len(events), len(methods)) == (209, 1686)
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    assert [entry["path"] for entry in manifest["files"]] == report.written[:-1]
    assert sorted(tree(out)) == sorted(report.written)
    # the positional-array method (its canonical params are a JSON list) has its Python tab
    [python] = [
        p
        for p in report.written
        if p.startswith(f"examples/{POSITIONAL_PAGE}/") and p.endswith("-python.py")
    ]
    positional = (
        'client.task.elapseditem.getlist(\n        {\n            "ID": "desc",\n        },\n'
    )
    assert positional in (out / python).read_text(encoding="utf-8")
    registry = (out / "python/b24_methods/registry.py").read_text(encoding="utf-8")
    assert '    "task.elapseditem.getlist": MethodInfo(\n' in registry


def test_the_bytes_do_not_depend_on_the_number_of_processes(
    spec_folder: Path, rendered: tuple[Path, WriteReport], tmp_path: Path
) -> None:
    out, report = rendered
    one = render_folder(spec_folder, tmp_path / "one", Options(jobs=1), use_cache=False)
    assert one.written == report.written
    assert tree(tmp_path / "one") == tree(out)


def test_event_stubs_fast_formatting_is_black(spec_folder: Path) -> None:
    require("black")
    events = [s for s in read_specs(spec_folder) if isinstance(s, EventSpec)]
    sources = render_stub_sources(events)
    python = {path: text for path, text in sources.items() if path.endswith(".py")}
    assert len(python) == 214  # a module per event, and the package's own modules
    formatting.clear_memory_cache()
    fast = formatting.format_python_modules(python, fast=True)
    differ = [p for p, text in python.items() if formatting._run_black(text, p, 88) != fast[p]]
    assert differ == []
