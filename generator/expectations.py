"""The bridge from `check`/`sync` to the renderer: which tabs a page should carry, rendered."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from generator.spec import Spec

if TYPE_CHECKING:
    from generator.check import CheckOptions
    from generator.render.examples import RenderedTab


def expected_tabs_for(spec: Spec, options: CheckOptions) -> Sequence[RenderedTab]:
    from generator.config import load_profiles
    from generator.render.examples import expected_tabs

    profiles = load_profiles(options.profiles_file, options.templates)
    return expected_tabs(spec, options.profile, profiles, user_dirs=options.templates)


def label_targets(options: CheckOptions) -> Callable[[str], str | None]:
    """Label → target under the chosen profile (any kind), for pages the profile does not render."""
    from generator.config import load_profiles

    profile = load_profiles(options.profiles_file, options.templates).get(options.profile)
    mapping: dict[str, str] = {}
    for tabs in profile.tabs.values():
        for tab in tabs:
            mapping.setdefault(tab.label, tab.target)
    return mapping.get
