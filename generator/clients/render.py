"""Render every client file (Python package, TypeScript module, PHP classes) from method specs.

Pure: specs → relative path → bytes. Python modules are formatted by black once each, through
the shared content-hash cache (`cache_dir` keeps it on disk between runs).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.clients.model import MethodLike, ScopeModel, build_scopes
from generator.clients.spell import FILTERS
from generator.formatting import format_python
from generator.render.env import load_template, make_environment, render_template

PY_ROOT = "python/b24_methods"
TS_FILE = "typescript/b24-methods.ts"
PHP_ROOT = "php/B24Methods"


def render_clients(
    specs: Iterable[MethodLike], *, user_dirs: Sequence[Path] = (), cache_dir: Path | None = None
) -> dict[str, bytes]:
    """Every client file for the method specs, sorted by path."""
    scopes = build_scopes(specs)
    out = _Output(make_environment(user_dirs, FILTERS), cache_dir)
    methods = sorted((m for scope in scopes for m in scope.methods), key=lambda m: m.method)
    for template, path in _SHARED:
        out.render(template, path, scopes=scopes, methods=methods)
    for scope in scopes:
        out.render("stubs/python/methods/scope.py.j2", f"{PY_ROOT}/{scope.module}.py", scope=scope)
        out.render("stubs/php/methods/Scope.php.j2", f"{PHP_ROOT}/{scope.cls}.php", scope=scope)
    return dict(sorted(out.files.items()))


_SHARED = (
    ("stubs/python/methods/__init__.py.j2", f"{PY_ROOT}/__init__.py"),
    ("stubs/python/methods/_runtime.py.j2", f"{PY_ROOT}/_runtime.py"),
    ("stubs/python/methods/registry.py.j2", f"{PY_ROOT}/registry.py"),
    ("stubs/python/methods/py.typed.j2", f"{PY_ROOT}/py.typed"),
    ("stubs/typescript/methods/b24-methods.ts.j2", TS_FILE),
    ("stubs/php/methods/Methods.php.j2", f"{PHP_ROOT}/Methods.php"),
)


class _Output:
    def __init__(self, env: Any, cache_dir: Path | None) -> None:
        self.env = env
        self.cache_dir = cache_dir
        self.files: dict[str, bytes] = {}

    def render(self, template: str, path: str, **context: Any) -> None:
        compiled = load_template(self.env, template)
        text = render_template(compiled, {"template": template, **context}, path)
        text = text.rstrip("\n") + "\n"
        if path.endswith(".py"):
            text = format_python(text, path, cache_dir=self.cache_dir)
        self.files[path] = text.encode("utf-8")


def scope_modules(scopes: Sequence[ScopeModel]) -> list[str]:
    """The Python module paths of `scopes`, relative to the output folder."""
    return [f"{PY_ROOT}/{scope.module}.py" for scope in scopes]
