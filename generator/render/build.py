"""`render`: every spec's profile tabs as example files, plus the typed stubs, into one output tree."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator.spec.model import Spec

if TYPE_CHECKING:
    from generator.render.stubs import StubReport

EXTENSIONS = {
    "bash": "sh",
    "js": "js",
    "ts": "ts",
    "html": "html",
    "php": "php",
    "python": "py",
    "go": "go",
}


def example_files(
    specs: Sequence[Spec],
    profile: str | None,
    templates: tuple[Path, ...],
    profiles_file: Path | None,
) -> dict[str, bytes]:
    """`examples/<page path>/<NN>-<target>.<ext>` for each tab the profile gives the spec's kind."""
    from generator.config import load_config, load_profiles
    from generator.expectations import has_templates
    from generator.render.examples import expected_tabs

    profiles = load_profiles(profiles_file, templates)
    name = profile or load_config().profile
    files: dict[str, bytes] = {}
    for spec in sorted(specs, key=lambda s: s.source.path):
        folder = "examples/" + spec.source.path.removesuffix(".md")
        if not has_templates(spec):
            continue
        tabs = expected_tabs(spec, name, profiles, user_dirs=templates)
        for index, tab in enumerate(tabs, 1):
            files[f"{folder}/{index:02d}-{tab.target}.{EXTENSIONS.get(tab.lang, 'txt')}"] = (
                tab.code.encode("utf-8")
            )
    return files


def render_all(
    specs: Sequence[Spec],
    out: Path,
    *,
    profile: str | None,
    templates: tuple[Path, ...],
    profiles_file: Path | None,
    use_cache: bool,
) -> StubReport:
    """Examples and stubs into `out`; one manifest covers both, so stale files are pruned."""
    from generator.cache import CACHE_DIR
    from generator.render.stubs import render_stubs, write_stubs

    files = example_files(specs, profile, templates, profiles_file)
    cache_dir = CACHE_DIR / "black" if use_cache else None
    files.update(render_stubs(specs, user_dirs=templates, cache_dir=cache_dir))
    return write_stubs(out, dict(sorted(files.items())))
