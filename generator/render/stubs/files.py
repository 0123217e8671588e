"""Typed client stubs (Python, TypeScript, PHP) rendered from specs: which files, from which templates.

`render_stubs` is pure (specs → relative path → bytes); writing them is generator/outputs.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import progress
from generator.formatting import format_python_modules
from generator.render.env import load_template, make_environment, render_template
from generator.render.stubs.models import build_models
from generator.render.stubs.spelling import FILTERS
from generator.spec.event import EventSpec
from generator.spec.model import PageSpec

TOOL = "b24-docgen"
PY_ROOT = "python/b24_events"
PHP_ROOT = "php/B24Events"


def render_stubs(
    specs: Sequence[PageSpec], *, user_dirs: Sequence[Path] = (), cache_dir: Path | None = None
) -> dict[str, bytes]:
    """Every stub file for `specs` (sorted by path); `cache_dir` keeps black's output between runs.
    The Python modules are formatted in one batch: `ruff format` stands in for black while the
    built-in Python templates are used (tests/test_render_corpus.py shows its output equal to
    black's on every RU event's stubs)."""
    files = render_stub_sources(specs, user_dirs=user_dirs)
    python = {path: text for path, text in files.items() if path.endswith(".py")}
    fast = not any((Path(folder) / "stubs" / "python").exists() for folder in user_dirs)
    files.update(format_python_modules(python, cache_dir=cache_dir, fast=fast))
    return {path: files[path].encode("utf-8") for path in sorted(files)}


def render_stub_sources(
    specs: Sequence[PageSpec], *, user_dirs: Sequence[Path] = ()
) -> dict[str, str]:
    """Every stub file as the templates write it (Python not yet formatted)."""
    events = build_models([s for s in specs if isinstance(s, EventSpec)])
    env = make_environment(user_dirs, FILTERS)
    render = _Renderer(env)
    for template, path in _SHARED_FILES:
        render(template, path, events=events)
    for event in progress.counted(events):
        module = f"{PY_ROOT}/payloads/{event.module}.py"
        render("stubs/python/payloads/event.py.j2", module, event=event)
        render("stubs/php/event.php.j2", f"{PHP_ROOT}/{event.base}.php", event=event)
    return render.files


_SHARED_FILES = (
    ("stubs/python/__init__.py.j2", f"{PY_ROOT}/__init__.py"),
    ("stubs/python/_runtime.py.j2", f"{PY_ROOT}/_runtime.py"),
    ("stubs/python/binding.py.j2", f"{PY_ROOT}/binding.py"),
    ("stubs/python/registry.py.j2", f"{PY_ROOT}/registry.py"),
    ("stubs/python/py.typed.j2", f"{PY_ROOT}/py.typed"),
    ("stubs/python/payloads/__init__.py.j2", f"{PY_ROOT}/payloads/__init__.py"),
    ("stubs/typescript/b24-events.ts.j2", "typescript/b24-events.ts"),
    ("stubs/php/Events.php.j2", f"{PHP_ROOT}/Events.php"),
    ("stubs/php/Support.php.j2", f"{PHP_ROOT}/Support.php"),
    ("stubs/php/PayloadException.php.j2", f"{PHP_ROOT}/PayloadException.php"),
    ("stubs/php/EventPayload.php.j2", f"{PHP_ROOT}/EventPayload.php"),
)


class _Renderer:
    def __init__(self, env: Any) -> None:
        self.env = env
        self.files: dict[str, str] = {}

    def __call__(self, template: str, path: str, **context: Any) -> None:
        context.setdefault("events", [])
        self.files[path] = _render_template(self.env, template, path, context).rstrip("\n") + "\n"


def _render_template(env: Any, name: str, path: str, context: dict[str, Any]) -> str:
    """The template's text; a broken (user) template is an E-TEMPLATE error, not a traceback."""
    template = load_template(env, name)
    return render_template(template, {"template": name, "tool": TOOL, **context}, path)
