"""`render` formats the method pages' Python tabs in one batch; `ruff format` stands in for black
there (render/build.py: `_builtin_python_tabs`) because of this test: on every RU method spec whose
profile has a Python tab, ruff's output of the built-in template's code equals black's."""

from __future__ import annotations

import pytest

from generator import formatting
from generator.diagnostics import DocgenError
from generator.render.method_tabs import render_method_tab
from tests.clients_fixtures import corpus_method_specs
from tests.corpus import CORPUS_RU, need
from tests.support.toolchains import require


@pytest.fixture(scope="module")
def python_tabs() -> dict[str, str]:
    """page path → the Python tab of its first block, as the template writes it (unformatted)."""
    tabs: dict[str, str] = {}
    for spec in corpus_method_specs(need(CORPUS_RU)):
        if not spec.source.path.startswith("api-reference/") or not spec.examples:
            continue
        try:
            tabs[spec.source.path] = render_method_tab(spec, "python", formatted=False)
        except DocgenError:  # a template that cannot render the spec: render reports it
            continue
    return tabs


def test_ruff_formats_every_method_python_tab_as_black_does(python_tabs: dict[str, str]) -> None:
    require("black")
    assert len(python_tabs) > 1000  # the corpus has about 1,600 such pages
    ruffed = formatting._run_ruff(python_tabs)
    assert ruffed is not None, "ruff is not installed"
    differ = [
        path
        for path, code in python_tabs.items()
        if formatting._run_black(code, path, formatting.DEFAULT_LINE_LENGTH) != ruffed[path]
    ]
    assert differ == []
