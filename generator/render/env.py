"""The Jinja environment: sandboxed, StrictUndefined, user template folders override file by file."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from generator.paths import builtin_templates


def make_environment(
    user_dirs: Sequence[Path] = (), filters: Mapping[str, Callable[..., Any]] | None = None
) -> Any:
    """A `SandboxedEnvironment` whose loader tries each user folder, then the built-in templates."""
    return _make_environment(
        tuple(p.resolve() for p in user_dirs), tuple(sorted((filters or {}).items()))
    )


@cache
def _make_environment(
    user_dirs: tuple[Path, ...], filters: tuple[tuple[str, Callable[..., Any]], ...]
) -> Any:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    loaders = [jinja2.FileSystemLoader(str(p)) for p in user_dirs]
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates())))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(dict(filters))
    return env


def template_location(exc: BaseException, default: str) -> tuple[str, int]:
    """The template file and line a render error was raised at (`default`, 0 when unknown): Jinja
    rewrites the traceback so that template frames carry the template's file name and line."""
    found = (default, 0)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
