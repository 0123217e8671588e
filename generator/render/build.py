"""`render`: every spec's profile tabs as example files, plus the typed stubs, into one output tree."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator import progress

if TYPE_CHECKING:
    from generator.options import Options
    from generator.outputs import WriteReport
    from generator.spec.model import PageSpec


def example_files(specs: Sequence[PageSpec], options: Options) -> dict[str, bytes]:
    """`examples/<page path>/<NN>-<target>.<ext>` for each tab the profile gives the spec's kind."""
    from generator.kinds import kind_of_spec
    from generator.profiles import load_profiles
    from generator.render.canonical import WEBHOOK_TARGETS, app_only
    from generator.render.examples import expected_tabs
    from generator.render.method_tabs import render_method_tab
    from generator.spec.method import MethodSpec
    from generator.targets import extension_of

    profiles = load_profiles(options.profiles_file, options.templates)
    files: dict[str, bytes] = {}
    for spec in progress.counted(sorted(specs, key=lambda s: s.source.path)):
        key = kind_of_spec(spec).profile_key(spec)
        if key is None:
            continue
        folder = "examples/" + spec.source.path.removesuffix(".md")
        if isinstance(spec, MethodSpec):  # the method templates, with the first block's call
            every = profiles.get(options.profile).tabs_for(key, spec.source.path)
            tabs = [t for t in every if not (app_only(spec) and t.target in WEBHOOK_TARGETS)]
            codes = [
                (
                    t.target,
                    render_method_tab(spec, t.target, user_dirs=options.templates, label=t.label),
                )
                for t in tabs
            ]
        else:
            rendered = expected_tabs(
                spec, options.profile, profiles, user_dirs=options.templates, key=key
            )
            codes = [(tab.target, tab.code) for tab in rendered]
        for index, (target, code) in enumerate(codes, 1):
            extension = extension_of(target, options.templates)
            files[f"{folder}/{index:02d}-{target}.{extension}"] = code.encode("utf-8")
    return files


def render_all(
    specs: Sequence[PageSpec], out: Path, options: Options, *, use_cache: bool
) -> WriteReport:
    """Examples, event stubs and method clients into `out`; one manifest covers them all, so
    stale files are pruned."""
    from generator.cache import CACHE_DIR
    from generator.clients.render import render_clients
    from generator.outputs import write_files
    from generator.render.stubs.files import render_stubs
    from generator.spec.method import MethodSpec

    files = example_files(specs, options)
    cache_dir = CACHE_DIR / "black" if use_cache else None
    files.update(render_stubs(specs, user_dirs=options.templates, cache_dir=cache_dir))
    methods = [spec for spec in specs if isinstance(spec, MethodSpec)]
    files.update(render_clients(methods, user_dirs=options.templates, cache_dir=cache_dir))
    return write_files(out, dict(sorted(files.items())))
