"""Typed client stubs (Python, TypeScript, PHP) rendered from specs: which files, from which templates.

`render_stubs` is pure (specs → relative path → bytes); writing them is generator/outputs.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import progress
from generator.formatting import format_python
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
    """Every stub file for `specs` (sorted by path); `cache_dir` keeps black's output between runs."""
    events = build_models([s for s in specs if isinstance(s, EventSpec)])
    env = make_environment(user_dirs, FILTERS)
    render = _Renderer(env, cache_dir)
    for template, path in _SHARED_FILES:
        render(template, path, events=events)
    for event in progress.counted(events):
        module = f"{PY_ROOT}/payloads/{event.module}.py"
        render("stubs/python/payloads/event.py.j2", module, event=event)
        render("stubs/php/event.php.j2", f"{PHP_ROOT}/{event.base}.php", event=event)
    return dict(sorted(render.files.items()))


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
    def __init__(self, env: Any, cache_dir: Path | None) -> None:
        self.env = env
        self.cache_dir = cache_dir
        self.files: dict[str, bytes] = {}

    def __call__(self, template: str, path: str, **context: Any) -> None:
        context.setdefault("events", [])
        text = _render_template(self.env, template, path, context).rstrip("\n") + "\n"
        if path.endswith(".py"):
            text = format_python(text, path, cache_dir=self.cache_dir)
        self.files[path] = text.encode("utf-8")


def _render_template(env: Any, name: str, path: str, context: dict[str, Any]) -> str:
    """The template's text; a broken (user) template is an E-TEMPLATE error, not a traceback."""
    template = load_template(env, name)
    return render_template(template, {"template": name, "tool": TOOL, **context}, path)
