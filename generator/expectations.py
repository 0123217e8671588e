"""The bridge from `check`/`sync` to the renderer: which tabs a page should carry, rendered."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from generator.spec import Spec

if TYPE_CHECKING:
    from generator.check import CheckOptions


def has_templates(spec: Spec) -> bool:
    """The templates render `event.bind` subscriptions and widget bindings; chat-bot v1 events,
    bound through `imbot.register`, have no template and so no expected tabs."""
    return spec.kind != "rest_event" or spec.subscription.method == "event.bind"


class LazyTab:
    """A profile tab whose code is rendered only when something reads it (most pages that lack
    examples need only the labels)."""

    def __init__(self, spec: Spec, label: str, target: str, templates: tuple[Path, ...]) -> None:
        self.spec, self.label, self.target, self.templates = spec, label, target, templates

    @property
    def lang(self) -> str:
        from generator.render.examples import lang_of

        return lang_of(self.target, self.templates)

    @cached_property
    def code(self) -> str:
        from generator.render.examples import render_tab

        return render_tab(self.spec, self.target, user_dirs=self.templates, label=self.label)


def expected_tabs_for(spec: Spec, options: CheckOptions) -> Sequence[LazyTab]:
    from generator.config import load_profiles

    profile = load_profiles(options.profiles_file, options.templates).get(options.profile)
    if not has_templates(spec):
        return []
    return [
        LazyTab(spec, t.label, t.target, options.templates) for t in profile.tabs_for(spec.kind)
    ]


def label_targets(options: CheckOptions) -> Callable[[str], str | None]:
    """Label → target under the chosen profile (any kind), for pages the profile does not render."""
    from generator.config import load_profiles

    profile = load_profiles(options.profiles_file, options.templates).get(options.profile)
    mapping: dict[str, str] = {}
    for tabs in profile.tabs.values():
        for tab in tabs:
            mapping.setdefault(tab.label, tab.target)
    return mapping.get
