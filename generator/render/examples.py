"""Render a spec's example tabs: one template per target, the tabs of a page chosen by a profile.

Each tab renders on its own (`render_tab`), so a page that carries only some of a profile's tabs
can be compared tab by tab. Templates compile once per template folder set and are cached.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.diagnostics import DocgenError, error
from generator.paths import builtin_templates
from generator.profiles import Profiles
from generator.render.context import RenderRefused, build_context
from generator.render.env import load_template, make_environment, render_template
from generator.render.literals import FILTERS
from generator.render.tab import ExpectedTab
from generator.targets import language_of, template_targets

if TYPE_CHECKING:  # annotations only: rendering an event page's tabs needs no method spec
    from generator.spec.model import PageSpec

I18N_DIR = "i18n"


def render_tab(
    spec: PageSpec, target: str, *, user_dirs: Sequence[Path] = (), label: str | None = None
) -> str:
    """The code of one tab for `spec`, rendered by the target's template."""
    dirs = _resolve(user_dirs)
    template = _template(dirs, template_name(target, dirs))
    context = build_context(spec, locale_strings(spec.locale, dirs), target=target, label=label)
    code = _render(template, context, spec, target)
    return code.rstrip("\n") + "\n"


def expected_tabs(
    spec: PageSpec,
    profile_name: str,
    profiles: Profiles,
    *,
    user_dirs: Sequence[Path] = (),
    key: str | None = None,
) -> list[ExpectedTab]:
    """Every tab the profile gives the page's `key` (its kind's profile key; default the spec's
    kind), in the profile's order, rendered."""
    from generator.check.compare import default_mode

    dirs = _resolve(user_dirs)
    tabs = []
    for tab in profiles.get(profile_name).tabs_for(key or spec.kind, spec.source.path):
        lang = lang_of(tab.target, dirs)
        code = render_tab(spec, tab.target, user_dirs=dirs, label=tab.label)
        tabs.append(ExpectedTab(tab.label, tab.target, lang, tab.drift or default_mode(lang), code))
    return tabs


def template_name(target: str, user_dirs: Sequence[Path] = ()) -> str:
    names = template_targets(user_dirs)
    if target not in names:
        known = ", ".join(sorted(names))
        raise DocgenError(
            error(
                "<templates>",
                "E-RENDER-TARGET",
                f"no template for target {target!r} (known: {known})",
            )
        )
    return names[target]


def lang_of(target: str, user_dirs: Sequence[Path] = ()) -> str:
    """The fence language of a target that has a template, from the target registry."""
    template_name(target, user_dirs)
    return language_of(target, user_dirs)


def locale_strings(locale: str, user_dirs: Sequence[Path] = ()) -> Mapping[str, str]:
    """`i18n/<locale>.yaml`: the built-in table, with keys from user template folders on top."""
    return _locale_strings(locale, _resolve(user_dirs))


def _resolve(user_dirs: Sequence[Path]) -> tuple[Path, ...]:
    return tuple(Path(d).resolve() for d in user_dirs)


@cache
def _locale_strings(locale: str, dirs: tuple[Path, ...]) -> Mapping[str, str]:
    strings: dict[str, str] = {}
    for root in (builtin_templates(), *reversed(dirs)):
        path = root / I18N_DIR / f"{locale}.yaml"
        if path.is_file():
            strings.update(_read_strings(path))
        elif root == builtin_templates():
            raise DocgenError(error(str(path), "E-I18N", f"no string table for locale {locale!r}"))
    return strings


def _read_strings(path: Path) -> dict[str, str]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DocgenError(error(str(path), "E-I18N", f"cannot read string table: {exc}")) from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise DocgenError(error(str(path), "E-I18N", "expected a mapping of key → string"))
    return {str(k): v for k, v in data.items()}


@cache
def _template(dirs: tuple[Path, ...], name: str) -> Any:
    return load_template(make_environment(dirs, FILTERS), name)


def _render(template: Any, context: dict[str, Any], spec: PageSpec, target: str) -> str:
    try:
        return render_template(template, context, spec.source.path)
    except RenderRefused as exc:
        message = f"target {target!r} cannot render a {spec.kind}: {exc}"
        raise DocgenError(error(spec.source.path, "E-RENDER-KIND", message)) from None
