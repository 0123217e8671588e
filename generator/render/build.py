"""`render`: every spec's profile tabs as example files, plus the typed stubs, into one output tree."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import progress

if TYPE_CHECKING:
    from generator.options import Options
    from generator.outputs import WriteReport
    from generator.profiles import Profiles
    from generator.spec.model import PageSpec


def example_files(
    specs: Sequence[PageSpec], options: Options, cache_dir: Path | None = None
) -> dict[str, bytes]:
    """`examples/<page path>/<NN>-<target>.<ext>` for each tab the profile gives the spec's kind.
    The method pages' black-formatted tabs are formatted in one batch (`format_python_modules`)."""
    return format_examples(example_sources(specs, options), options, cache_dir)


@dataclass
class ExampleSources:
    """The example files of some specs as the templates write them: `files` are final (bytes),
    the code in `unformatted` still goes through its target's formatter (black's style)."""

    files: dict[str, bytes] = field(default_factory=dict)
    unformatted: dict[str, str] = field(default_factory=dict)

    def update(self, other: ExampleSources) -> None:
        self.files.update(other.files)
        self.unformatted.update(other.unformatted)


def example_sources(specs: Sequence[PageSpec], options: Options) -> ExampleSources:
    """Every example file of `specs`, not yet formatted."""
    from generator.kinds import kind_of_spec
    from generator.profiles import load_profiles
    from generator.targets import extension_of

    profiles = load_profiles(options.profiles_file, options.templates)
    sources = ExampleSources()
    for spec in progress.counted(sorted(specs, key=lambda s: s.source.path)):
        key = kind_of_spec(spec).profile_key(spec)
        if key is None:
            continue
        folder = "examples/" + spec.source.path.removesuffix(".md")
        for index, (target, code, black) in enumerate(_tabs(spec, key, options, profiles), 1):
            name = f"{folder}/{index:02d}-{target}.{extension_of(target, options.templates)}"
            if black:
                sources.unformatted[name] = code
            else:
                sources.files[name] = code.encode("utf-8")
    return sources


def format_examples(
    sources: ExampleSources, options: Options, cache_dir: Path | None = None
) -> dict[str, bytes]:
    """The example files, formatted, as bytes. Consumes `sources` (a whole corpus's examples
    are tens of megabytes: they are not held twice)."""
    from generator.formatting import format_python_modules

    fast = _builtin_python_tabs(options.templates)
    formatted = format_python_modules(sources.unformatted, cache_dir=cache_dir, fast=fast)
    sources.unformatted.clear()
    files, sources.files = sources.files, {}
    while formatted:
        name, code = formatted.popitem()
        files[name] = code.encode("utf-8")
    return files


def _tabs(
    spec: PageSpec, key: str, options: Options, profiles: Profiles
) -> list[tuple[str, str, bool]]:
    """(target, code, whether black is still to format it) for each tab of the spec."""
    from generator.render.canonical import WEBHOOK_TARGETS, app_only
    from generator.render.examples import expected_tabs
    from generator.render.method_tabs import method_tabs
    from generator.spec.method import MethodSpec
    from generator.targets import registered

    if not isinstance(spec, MethodSpec):
        rendered = expected_tabs(
            spec, options.profile, profiles, user_dirs=options.templates, key=key
        )
        return [(tab.target, tab.code, False) for tab in rendered]
    every = profiles.get(options.profile).tabs_for(key, spec.source.path)
    tabs = [t for t in every if not (app_only(spec) and t.target in WEBHOOK_TARGETS)]
    dirs = options.templates
    return [  # the method templates, with the first block's canonical call
        (tab.target, tab.call_code, registered(tab.target, dirs).formatter == "black")
        for tab in method_tabs(spec, tabs, dirs)
    ]


def _builtin_python_tabs(user_dirs: Sequence[Path]) -> bool:
    """`ruff format` may stand in for black only for the built-in Python templates: a test
    (tests/test_method_tabs_format.py) shows its output equal to black's on every RU method page."""
    names = ("examples/method/python.py.j2", "examples/python.py.j2")
    return not any((Path(d) / name).exists() for d in user_dirs for name in names)


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

    cache_dir = CACHE_DIR / "black" if use_cache else None
    files = example_files(specs, options, cache_dir)
    files.update(render_stubs(specs, user_dirs=options.templates, cache_dir=cache_dir))
    methods = [spec for spec in specs if isinstance(spec, MethodSpec)]
    files.update(render_clients(methods, user_dirs=options.templates, cache_dir=cache_dir))
    return write_files(out, dict(sorted(files.items())))
