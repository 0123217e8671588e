"""Render every client file (Python package, TypeScript module, PHP classes) from method specs.

Pure: specs → relative path → bytes. The Python modules are formatted in one batch after
rendering (black's style; `ruff format` as the fast path while the built-in Python templates are
used, since tests/test_clients_corpus.py shows its output equal to black's on all of them), through
the shared content-hash cache (`cache_dir` keeps it on disk between runs).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.clients.inputs import MethodLike
from generator.clients.model import build_scopes
from generator.clients.spell import FILTERS
from generator.formatting import format_python_modules
from generator.render.env import load_template, make_environment, render_template

PY_ROOT = "python/b24_methods"
TS_FILE = "typescript/b24-methods.ts"
PHP_ROOT = "php/B24Methods"


def render_clients(
    specs: Iterable[MethodLike], *, user_dirs: Sequence[Path] = (), cache_dir: Path | None = None
) -> dict[str, bytes]:
    """Every client file for the method specs, sorted by path, Python formatted."""
    files = render_client_sources(specs, user_dirs=user_dirs)
    python = {path: text for path, text in files.items() if path.endswith(".py")}
    fast = not any((folder / "stubs" / "python" / "methods").exists() for folder in user_dirs)
    files.update(format_python_modules(python, cache_dir=cache_dir, fast=fast))
    return {path: files[path].encode("utf-8") for path in sorted(files)}


def render_client_sources(
    specs: Iterable[MethodLike], *, user_dirs: Sequence[Path] = ()
) -> dict[str, str]:
    """Every client file as the templates write it (Python not yet formatted)."""
    scopes = build_scopes(specs)
    out = _Output(make_environment(user_dirs, FILTERS))
    methods = sorted((m for scope in scopes for m in scope.methods), key=lambda m: m.method)
    for template, path in _SHARED:
        out.render(template, path, scopes=scopes, methods=methods)
    for scope in scopes:
        out.render("stubs/python/methods/scope.py.j2", f"{PY_ROOT}/{scope.module}.py", scope=scope)
        out.render("stubs/php/methods/Scope.php.j2", f"{PHP_ROOT}/{scope.cls}.php", scope=scope)
    return out.files


_SHARED = (
    ("stubs/python/methods/__init__.py.j2", f"{PY_ROOT}/__init__.py"),
    ("stubs/python/methods/_runtime.py.j2", f"{PY_ROOT}/_runtime.py"),
    ("stubs/python/methods/registry.py.j2", f"{PY_ROOT}/registry.py"),
    ("stubs/python/methods/py.typed.j2", f"{PY_ROOT}/py.typed"),
    ("stubs/typescript/methods/b24-methods.ts.j2", TS_FILE),
    ("stubs/php/methods/Methods.php.j2", f"{PHP_ROOT}/Methods.php"),
)


class _Output:
    def __init__(self, env: Any) -> None:
        self.env = env
        self.files: dict[str, str] = {}

    def render(self, template: str, path: str, **context: Any) -> None:
        compiled = load_template(self.env, template)
        text = render_template(compiled, {"template": template, **context}, path)
        self.files[path] = text.rstrip("\n") + "\n"
