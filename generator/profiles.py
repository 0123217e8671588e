"""Configuration: `[tool.b24-docgen]` in pyproject.toml, and the tab profiles (built-in + user).

A profile maps each event kind to the ordered example tabs `{label, target}` a page carries.
Profiles may `extends` another: the kinds a profile lists replace its parent's, the others are
inherited. A user profiles file adds profiles or replaces them by name; a user profile that extends
its own name builds on the built-in profile of that name. Every problem is a `DocgenError` with
code `E-CONFIG`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from generator.diagnostics import DocgenError, error
from generator.paths import builtin_templates
from generator.vocabulary import KINDS

CODE = "E-CONFIG"
DEFAULT_PROFILE = "current"
TOOL_TABLE = "b24-docgen"
CONFIG_KEYS = ("profile", "profiles", "templates")
FILE_KEYS = ("profiles",)
PROFILE_KEYS = ("description", "extends", *KINDS)
TAB_KEYS = ("label", "target")
EXAMPLES_DIR = "examples"
TEMPLATE_SUFFIX = ".j2"


@dataclass(frozen=True, slots=True)
class TabSpec:
    """One tab a profile asks for: the label shown on the page and the template target."""

    label: str
    target: str


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    tabs: Mapping[str, tuple[TabSpec, ...]]
    description: str | None = None

    def tabs_for(self, kind: str) -> tuple[TabSpec, ...]:
        return self.tabs.get(kind, ())


@dataclass(frozen=True, slots=True)
class Profiles:
    by_name: Mapping[str, Profile]

    def get(self, name: str) -> Profile:
        if name not in self.by_name:
            raise config_error(
                "<profiles>", f"unknown profile {name!r} (known: {_list(self.by_name)})"
            )
        return self.by_name[name]

    def tabs_by_kind(self, name: str) -> Mapping[str, tuple[TabSpec, ...]]:
        """Every kind's tabs under the named profile (kinds without tabs included)."""
        profile = self.get(name)
        return {kind: profile.tabs_for(kind) for kind in KINDS}

    @property
    def names(self) -> list[str]:
        return sorted(self.by_name)


@dataclass(frozen=True, slots=True)
class Config:
    """`[tool.b24-docgen]`: paths are absolute, resolved against the pyproject's folder."""

    profile: str = DEFAULT_PROFILE
    templates: tuple[Path, ...] = ()
    profiles: Path | None = None
    source: Path | None = field(default=None, compare=False)


def config_error(path: str | Path, message: str, line: int = 0) -> DocgenError:
    return DocgenError(error(str(path), CODE, message, line, 1 if line else 0))


def _list(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "none"


def _check_keys(
    path: Path | str, where: str, data: Mapping[str, Any], valid: Sequence[str]
) -> None:
    unknown = [k for k in data if k not in valid]
    if unknown:
        raise config_error(
            path, f"{where}: unknown key {unknown[0]!r} (valid keys: {', '.join(valid)})"
        )


# --- pyproject.toml ------------------------------------------------------------------------------


def find_pyproject(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml in `start` (default: the cwd) or a parent folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """Read `[tool.b24-docgen]` from the nearest pyproject.toml; defaults when there is none."""
    path = find_pyproject(start)
    if path is None:
        return Config()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise config_error(path, f"cannot read: {exc}") from None
    table = document.get("tool", {}).get(TOOL_TABLE)
    if table is None:
        return Config(source=path)
    return parse_config(table, path)


def project_settings(start: Path | None = None) -> Config:
    """The project's settings: `load_config` from the cwd (or `start`)."""
    return load_config(start)


def parse_config(table: object, path: Path) -> Config:
    """Validate the `[tool.b24-docgen]` table read from `path`."""
    where = f"[tool.{TOOL_TABLE}]"
    if not isinstance(table, dict):
        raise config_error(path, f"{where} must be a table")
    _check_keys(path, where, table, CONFIG_KEYS)
    base = path.parent
    profile = table.get("profile", DEFAULT_PROFILE)
    if not isinstance(profile, str) or not profile:
        raise config_error(path, f"{where} profile: expected a profile name (a string)")
    dirs = table.get("templates", [])
    if not isinstance(dirs, list) or not all(isinstance(d, str) for d in dirs):
        raise config_error(path, f"{where} templates: expected a list of folders (strings)")
    profiles = table.get("profiles")
    if profiles is not None and not isinstance(profiles, str):
        raise config_error(
            path, f"{where} profiles: expected the path of a profiles file (a string)"
        )
    return Config(
        profile=profile,
        templates=tuple((base / d).resolve() for d in dirs),
        profiles=(base / profiles).resolve() if profiles else None,
        source=path,
    )


# --- templates -----------------------------------------------------------------------------------


def template_targets(user_dirs: Sequence[Path] = ()) -> dict[str, str]:
    """target → template name (`examples/<target>.<ext>.j2`); user folders shadow built-ins."""
    return dict(_template_targets(tuple(Path(d).resolve() for d in user_dirs)))


@cache
def _template_targets(user_dirs: tuple[Path, ...]) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for root in (*user_dirs, builtin_templates()):
        folder = root / EXAMPLES_DIR
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
            parts = path.name.split(".")
            if path.name.startswith("_") or len(parts) != 3:
                continue
            found.setdefault(parts[0], f"{EXAMPLES_DIR}/{path.name}")
    return tuple(sorted(found.items()))


# --- profiles ------------------------------------------------------------------------------------


def builtin_profiles_file() -> Path:
    return builtin_templates() / "profiles.yaml"


def load_profiles(user_file: Path | None = None, user_dirs: Sequence[Path] = ()) -> Profiles:
    """The built-in profiles, then the user file's on top; targets must have a template.

    Loaded once per process for the same files (re-read when a file's size or mtime changes).
    """
    files = (builtin_profiles_file(), *([Path(user_file).resolve()] if user_file else []))
    dirs = tuple(Path(d).resolve() for d in user_dirs)
    return _load_profiles(tuple((f, _stamp(f)) for f in files), dirs)


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)


@cache
def _load_profiles(
    files: tuple[tuple[Path, tuple[int, int]], ...], dirs: tuple[Path, ...]
) -> Profiles:
    targets = template_targets(dirs)
    resolved: dict[str, Profile] = {}
    for path, _ in files:
        raw = read_profiles_file(path, targets)
        resolved = {**resolved, **_resolve_layer(path, raw, resolved)}
    return Profiles(resolved)


@dataclass(frozen=True, slots=True)
class _RawProfile:
    extends: str | None
    description: str | None
    tabs: dict[str, tuple[TabSpec, ...]]


def read_profiles_file(path: Path, targets: Mapping[str, str]) -> dict[str, _RawProfile]:
    import yaml  # lazy: a warm `check` reads no profiles and should not pay for the import

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # safe
    except OSError as exc:
        raise config_error(path, f"cannot read profiles file: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise config_error(path, f"invalid YAML: {getattr(exc, 'problem', exc)}", line) from None
    if not isinstance(data, dict):
        raise config_error(path, "expected a mapping with a `profiles` key")
    _check_keys(path, "top level", data, FILE_KEYS)
    profiles = data.get("profiles")
    if not isinstance(profiles, dict):
        raise config_error(path, "profiles: expected a mapping of profile name → profile")
    return {
        str(name): _read_profile(path, str(name), body, targets) for name, body in profiles.items()
    }


def _read_profile(path: Path, name: str, body: object, targets: Mapping[str, str]) -> _RawProfile:
    where = f"profiles.{name}"
    if not isinstance(body, dict):
        raise config_error(path, f"{where}: expected a mapping (keys: {', '.join(PROFILE_KEYS)})")
    _check_keys(path, where, body, PROFILE_KEYS)
    extends = body.get("extends")
    description = body.get("description")
    for key, value in (("extends", extends), ("description", description)):
        if value is not None and not isinstance(value, str):
            raise config_error(path, f"{where}.{key}: expected a string")
    tabs = {
        kind: _read_tabs(path, f"{where}.{kind}", body[kind], targets)
        for kind in KINDS
        if kind in body
    }
    return _RawProfile(extends, description, tabs)


def _read_tabs(
    path: Path, where: str, items: object, targets: Mapping[str, str]
) -> tuple[TabSpec, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise config_error(path, f"{where}: expected a list of tabs {{label, target}}")
    tabs = tuple(_read_tab(path, f"{where}[{i}]", item, targets) for i, item in enumerate(items))
    labels = [t.label for t in tabs]
    duplicate = next((label for label in labels if labels.count(label) > 1), None)
    if duplicate is not None:
        raise config_error(path, f"{where}: label {duplicate!r} appears twice")
    return tabs


def _read_tab(path: Path, where: str, item: object, targets: Mapping[str, str]) -> TabSpec:
    if not isinstance(item, dict):
        raise config_error(path, f"{where}: expected a mapping with keys {', '.join(TAB_KEYS)}")
    _check_keys(path, where, item, TAB_KEYS)
    label, target = item.get("label"), item.get("target")
    if not isinstance(label, str) or not label.strip():
        raise config_error(path, f"{where}.label: expected a non-empty string")
    if not isinstance(target, str):
        raise config_error(path, f"{where}.target: expected a string")
    if target not in targets:
        raise config_error(
            path, f"{where}.target: unknown target {target!r} (known: {_list(targets)})"
        )
    return TabSpec(label, target)


def _resolve_layer(
    path: Path, raw: Mapping[str, _RawProfile], base: Mapping[str, Profile]
) -> dict[str, Profile]:
    done: dict[str, Profile] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> Profile:
        if name in done:
            return done[name]
        if name in chain:
            cycle = " → ".join((*chain[chain.index(name) :], name))
            raise config_error(path, f"profiles.{name}.extends: cycle {cycle}")
        profile = raw[name]
        parent = _parent(
            path, name, profile.extends, raw, base, lambda n: resolve(n, (*chain, name))
        )
        tabs = {**(parent.tabs if parent else {}), **profile.tabs}
        description = profile.description or (parent.description if parent else None)
        done[name] = Profile(name, tabs, description)
        return done[name]

    for name in raw:
        resolve(name, ())
    return done


def _parent(
    path: Path,
    name: str,
    extends: str | None,
    raw: Mapping[str, _RawProfile],
    base: Mapping[str, Profile],
    resolve: Callable[[str], Profile],
) -> Profile | None:
    if extends is None:
        return None
    if extends == name and name in base:
        return base[name]
    if extends in raw:
        return resolve(extends)
    if extends in base:
        return base[extends]
    known = set(raw) | set(base)
    raise config_error(
        path, f"profiles.{name}.extends: unknown profile {extends!r} (known: {_list(known)})"
    )
