"""Render the example tabs of a method page from its spec and the block's canonical call.

A method page's tab of target `t` renders with `examples/method/<t>.<ext>.j2` when a template
folder has one (user folders first), else with the general `examples/<t>.<ext>.j2`; a JS-interface
method (a `BX24.*` widget function, render/interface.py) only with `examples/method/interface/`.
The context is the general one (templates/CONTEXT.md) with `call` set to the block's canonical call
(render/canonical.py) and the response facts the method templates branch on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.diagnostics import DocgenError, error
from generator.memo import last_answer
from generator.paths import builtin_templates
from generator.render.canonical import CanonicalCall, canonical_call
from generator.render.context import RenderRefused, build_context
from generator.render.env import load_template, make_environment, render_template
from generator.render.examples import lang_of, locale_strings, template_name
from generator.render.go_result import go_result
from generator.render.interface import interface_context, interface_template_name
from generator.render.literals import FILTERS
from generator.render.shaped import SHAPED_FILTERS
from generator.render.tab import ExpectedTab
from generator.spec.method import MethodSpec
from generator.spec.parts import Json
from generator.targets import EXAMPLES_DIR, TEMPLATE_SUFFIX, extension_of, registered

if TYPE_CHECKING:
    from generator.profiles import TabSpec

METHOD_DIR = "method"
READ_ONLY_VERBS = frozenset({"get", "list", "getlist", "fields", "getfields"})
METHOD_FILTERS = {**FILTERS, **SHAPED_FILTERS}


def method_template_name(target: str, user_dirs: Sequence[Path] = ()) -> str:
    """The method-page template of `target`, else its general template."""
    return _method_template_name(target, tuple(user_dirs))


@cache  # asked for every tab of every page; the template folders do not change during a run
def _method_template_name(target: str, user_dirs: tuple[Path, ...]) -> str:
    name = (
        f"{EXAMPLES_DIR}/{METHOD_DIR}/{target}.{extension_of(target, user_dirs)}{TEMPLATE_SUFFIX}"
    )
    for root in (*user_dirs, builtin_templates()):
        if (root / name).is_file():
            return name
    return template_name(target, user_dirs)


def _template_name(
    spec: MethodSpec, call: CanonicalCall, target: str, dirs: tuple[Path, ...]
) -> str:
    """The method template of `target`; a JS-interface method's own (render/interface.py)."""
    if call.style != "interface":
        return method_template_name(target, dirs)
    name = interface_template_name(target, dirs)
    if name is None:
        message = f"target {target!r} cannot render {call.method}: a JS-interface function"
        raise DocgenError(error(spec.source.path, "E-RENDER-KIND", message + " has no REST call"))
    return name


def result_of(spec: MethodSpec) -> Json:
    """The `result` of the page's response example (None when the page shows none)."""
    example = spec.response.example
    return example.get("result") if isinstance(example, dict) else None


def result_kind(value: Json) -> str:
    """bool | int | str | list | object | none: what the templates branch on."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    return "object" if isinstance(value, dict) else "none"


TS_RESULT_TYPES = {"bool": "boolean", "int": "number", "str": "string"}


def method_context(
    spec: MethodSpec,
    call: CanonicalCall,
    *,
    target: str,
    label: str | None,
    user_dirs: Sequence[Path] = (),
    layout: Mapping[str, Json] | None = None,
) -> dict[str, Any]:
    """The template context of one method tab (templates/CONTEXT.md, method names). `layout` is
    the style of the page's own tab (`generator/layout/`); empty: the template's default style."""
    strings = locale_strings(spec.locale, user_dirs)
    # the method kind's own name is `call`: the block's canonical call, made once here
    context = build_context(
        spec, strings, target=target, label=label, kind_names={"call": call.as_context()}
    )
    result = result_of(spec)
    kind = result_kind(result)
    first = result[0] if isinstance(result, list) and result else None
    verb = call.method.rsplit(".", 1)[-1].lower()
    context.update(
        result_kind=kind,
        result_item_kind=result_kind(first),
        result_ts_type=TS_RESULT_TYPES.get(kind, "unknown"),
        idempotent=verb in READ_ONLY_VERBS,
        go=_go_result(spec, call.method),
        layout=dict(layout or {}),
    )
    if call.style == "interface":
        context["interface"] = interface_context(call.method, call.params, spec.params)
    return context


def _go_result(spec: MethodSpec, method: str) -> dict[str, Any]:
    """`go_result` of the spec's result, worked out once a page (specs are frozen) and handed
    to each tab as its own copy, as when each tab worked it out."""
    found = _page_go_result(spec, method)
    fields = found.get("fields")
    if isinstance(fields, list):
        return {**found, "fields": [dict(field) for field in fields]}
    return dict(found)


@last_answer  # every tab of a page asks
def _page_go_result(spec: MethodSpec, method: str) -> dict[str, Any]:
    return go_result(result_of(spec), method)


def render_method_tab(
    spec: MethodSpec,
    target: str,
    *,
    block: int = 0,
    user_dirs: Sequence[Path] = (),
    label: str | None = None,
    call: CanonicalCall | None = None,
    formatted: bool = True,
    layout: Mapping[str, Json] | None = None,
) -> str:
    """The code of one tab of `spec.examples[block]` (default: the block's canonical call), in
    `layout` (a page tab's own style; default: the template's). `formatted=False` leaves the
    target's formatter to the caller (render formats in one batch)."""
    dirs = tuple(Path(d).resolve() for d in user_dirs)
    chosen = call or canonical_call(spec, block)
    env = make_environment(dirs, METHOD_FILTERS)
    template = load_template(env, _template_name(spec, chosen, target, dirs))
    context = method_context(
        spec, chosen, target=target, label=label, user_dirs=dirs, layout=layout
    )
    try:
        code = render_template(template, context, spec.source.path)
    except RenderRefused as exc:
        message = f"target {target!r} cannot render {chosen.method}: {exc}"
        raise DocgenError(error(spec.source.path, "E-RENDER-KIND", message)) from None
    code = code.rstrip("\n") + "\n"
    if formatted and registered(target, dirs).formatter == "black":
        from generator.formatting import format_python

        code = format_python(code, f"{spec.source.path} [{label or target}]")
    return code


def method_tabs(
    spec: MethodSpec, tabs: Sequence[TabSpec], user_dirs: Sequence[Path] = ()
) -> list[ExpectedTab]:
    """The profile's `tabs` of the spec's first example block as expected tabs, in the templates'
    own layout (what `render` writes: no page tab's style to follow)."""
    from generator.check.compare import default_mode

    def render(tab: ExpectedTab, formatted: bool) -> str:
        return render_method_tab(
            spec,
            tab.target,
            block=tab.block or 0,
            user_dirs=user_dirs,
            label=tab.label,
            formatted=formatted,
            layout=tab.layout,
        )

    langs = [lang_of(t.target, user_dirs) for t in tabs]
    return [
        ExpectedTab(
            t.label, t.target, lang, t.drift or default_mode(lang), render, block=0, layout={}
        )
        for t, lang in zip(tabs, langs, strict=True)
    ]
