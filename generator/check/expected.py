"""The bridge from `check`/`sync` to the renderer: which tabs a page should carry, rendered lazily."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from generator.render.tab import ExpectedTab

if TYPE_CHECKING:
    from generator.check.plan import Expected
    from generator.options import Options
    from generator.profiles import TabSpec
    from generator.spec.model import PageSpec

# (kind, path globs, ((label, target, fence language), ...)): the resolved profile, cheap to keep in
# the cache. Scoped entries come first in the profile's order; the kind's default has no globs.
TableTabs = tuple[tuple[str, str, str, str], ...]  # (label, target, fence language, drift mode)
ProfileTable = tuple[tuple[str, tuple[str, ...], TableTabs], ...]


def has_templates(spec: PageSpec) -> bool:
    """Whether the profile renders tabs for this spec (its kind's `profile_key`)."""
    from generator.kinds import kind_of_spec

    return kind_of_spec(spec).profile_key(spec) is not None


def profile_table(options: Options) -> ProfileTable:
    """The chosen profile resolved against the templates (reads YAML: the check cache keeps it)."""
    from generator.check.compare import default_mode
    from generator.profiles import load_profiles
    from generator.render.examples import lang_of

    profile = load_profiles(options.profiles_file, options.templates).get(options.profile)

    def row(tabs: tuple[TabSpec, ...]) -> TableTabs:
        langs = [lang_of(t.target, options.templates) for t in tabs]
        return tuple(
            (t.label, t.target, lang, t.drift or default_mode(lang))
            for t, lang in zip(tabs, langs, strict=True)
        )

    scoped = [
        (kind, scope.paths, row(tabs))
        for scope in profile.scoped
        for kind, tabs in scope.tabs.items()
    ]
    defaults = [(kind, (), row(tabs)) for kind, tabs in sorted(profile.tabs.items())]
    return (*scoped, *defaults)


def table_from_data(stored: Any) -> ProfileTable:
    """A profile table read back from the cache's JSON (lists become tuples)."""
    return tuple(
        (kind, tuple(globs), tuple((a, b, c, d) for a, b, c, d in tabs))
        for kind, globs, tabs in stored
    )


def table_tabs(table: ProfileTable, key: str, path: str) -> TableTabs:
    """The tabs for a page: the first scoped entry whose globs match its path, else the default."""
    for kind, globs, tabs in table:
        if kind == key and (not globs or any(fnmatchcase(path, glob) for glob in globs)):
            return tabs
    return ()


def lazy_tab(spec: PageSpec, tab: tuple[str, str, str, str], options: Options) -> ExpectedTab:
    """A profile tab whose code is rendered only when something reads it (most pages that lack
    examples need only the labels)."""

    def render(_tab: ExpectedTab, _formatted: bool) -> str:
        from generator.render.examples import render_tab

        return render_tab(spec, tab[1], user_dirs=options.templates, label=tab[0])

    return ExpectedTab(*tab, render)


def expected_tabs_for(
    spec: PageSpec, key: str, options: Options, table: ProfileTable | None
) -> Sequence[Expected]:
    """The tabs the profile gives the page's `key` (its kind's profile key), in order."""
    tabs = table_tabs(table or profile_table(options), key, spec.source.path)
    if spec.kind == "method":
        from generator.check.method_expected import method_expected_tabs

        return method_expected_tabs(spec, tabs, options.templates)  # type: ignore[arg-type]
    return [lazy_tab(spec, tab, options) for tab in tabs]


def label_targets(options: Options, table: ProfileTable | None) -> Callable[[str], str | None]:
    """Label → target under the chosen profile (any kind), for pages the profile does not render."""
    mapping: dict[str, str] = {}
    for _, _, tabs in table or profile_table(options):
        for label, target, *_ in tabs:
            mapping.setdefault(label, target)
    return mapping.get
