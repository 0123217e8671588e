"""The bridge from `check`/`sync` to the renderer: which tabs a page should carry, rendered."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from generator.spec.model import Spec

if TYPE_CHECKING:
    from generator.check import CheckOptions


def has_templates(spec: Spec) -> bool:
    """The templates render `event.bind` subscriptions and widget bindings; chat-bot v1 events,
    bound through `imbot.register`, have no template and so no expected tabs."""
    return spec.kind != "rest_event" or spec.subscription.method == "event.bind"


# kind → ((label, target, fence language), ...): the resolved profile, cheap to keep in the cache
ProfileTable = tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...]


def profile_table(options: CheckOptions) -> ProfileTable:
    """The chosen profile resolved against the templates (reads YAML: the check cache keeps it)."""
    from generator.config import load_profiles
    from generator.render.examples import lang_of

    profile = load_profiles(options.profiles_file, options.templates).get(options.profile)
    return tuple(
        (kind, tuple((t.label, t.target, lang_of(t.target, options.templates)) for t in tabs))
        for kind, tabs in sorted(profile.tabs.items())
    )


class LazyTab:
    """A profile tab whose code is rendered only when something reads it (most pages that lack
    examples need only the labels)."""

    def __init__(self, spec: Spec, tab: tuple[str, str, str], templates: tuple[Path, ...]) -> None:
        self.spec, self.templates = spec, templates
        self.label, self.target, self.lang = tab

    @cached_property
    def code(self) -> str:
        from generator.render.examples import render_tab

        return render_tab(self.spec, self.target, user_dirs=self.templates, label=self.label)


def expected_tabs_for(spec: Spec, options: CheckOptions) -> Sequence[LazyTab]:
    if not has_templates(spec):
        return []
    table = dict(options.profile_table or profile_table(options))
    return [LazyTab(spec, tab, options.templates) for tab in table.get(spec.kind, ())]


def label_targets(options: CheckOptions) -> Callable[[str], str | None]:
    """Label → target under the chosen profile (any kind), for pages the profile does not render."""
    mapping: dict[str, str] = {}
    for _, tabs in options.profile_table or profile_table(options):
        for label, target, _ in tabs:
            mapping.setdefault(label, target)
    return mapping.get
