"""The Jinja environment: sandboxed, StrictUndefined, user template folders override file by file."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from generator.diagnostics import DocgenError, error
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

    from generator.render.sandbox import BoundedSandbox

    loaders = [jinja2.FileSystemLoader(str(p)) for p in user_dirs]
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates())))
    env = BoundedSandbox(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,  # the template folders do not change during a run: no stat a lookup
    )
    env.filters.update(dict(filters))
    return env


def load_template(env: Any, name: str) -> Any:
    """The compiled template; a syntax error is an E-TEMPLATE diagnostic at its file and line."""
    import jinja2

    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or name
        raise DocgenError(
            error(where, "E-TEMPLATE", exc.message or str(exc), exc.lineno, 1)
        ) from None


def render_template(template: Any, context: Mapping[str, Any], rendering: str) -> str:
    """`template.render(context)`; a failing (user) template is an E-TEMPLATE diagnostic at the
    template's line, naming what was being rendered. The one template-error wrapper."""
    import jinja2

    try:
        text: str = template.render(context)
    except jinja2.TemplateError as exc:
        where, line = template_location(exc, template.filename or template.name)
        message = f"{exc} (rendering {rendering})"
        raise DocgenError(error(where, "E-TEMPLATE", message, line, 1 if line else 0)) from None
    return text


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
