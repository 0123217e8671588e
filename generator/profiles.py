"""Tab profiles (built-in `templates/profiles.yaml` + a user file): which example tabs a page carries.

A profile maps each page kind to the ordered example tabs `{label, target}` a page carries.
Profiles may `extends` another: the kinds a profile lists replace its parent's, the others are
inherited. A user profiles file adds profiles or replaces them by name; a user profile that extends
its own name builds on the built-in profile of that name. Every problem is a `DocgenError` with
code `E-CONFIG`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path
from typing import Any

from generator.options import check_keys, config_error
from generator.paths import builtin_templates
from generator.targets import template_targets
from generator.vocabulary import KINDS

FILE_KEYS = ("profiles",)
PROFILE_KEYS = ("description", "extends", *KINDS, "scoped")
SCOPE_KEYS = ("paths", *KINDS)
TAB_KEYS = ("label", "target", "drift")
DRIFT_MODES = ("exact", "normalised", "call")  # generator/check/compare.py


@dataclass(frozen=True, slots=True)
class TabSpec:
    """One tab a profile asks for: the label shown on the page and the template target."""

    label: str
    target: str
    drift: str | None = None  # `exact` | `normalised`; None: by the fence language


@dataclass(frozen=True, slots=True)
class Scoped:
    """Tabs for the pages whose path (relative to the docs root) matches one of `paths`
    (`fnmatch` globs: `*` also crosses folders)."""

    paths: tuple[str, ...]
    tabs: Mapping[str, tuple[TabSpec, ...]]

    def covers(self, kind: str, path: str) -> bool:
        return kind in self.tabs and any(fnmatchcase(path, glob) for glob in self.paths)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    tabs: Mapping[str, tuple[TabSpec, ...]]
    description: str | None = None
    scoped: tuple[Scoped, ...] = ()

    def tabs_for(self, kind: str, path: str | None = None) -> tuple[TabSpec, ...]:
        """The kind's tabs: the first `scoped` entry covering the page's path, else the default."""
        if path is not None:
            for scope in self.scoped:
                if scope.covers(kind, path):
                    return scope.tabs[kind]
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


def _list(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "none"


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
    scoped: tuple[Scoped, ...] | None


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
    check_keys(path, "top level", data, FILE_KEYS)
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
    check_keys(path, where, body, PROFILE_KEYS)
    extends = body.get("extends")
    description = body.get("description")
    for key, value in (("extends", extends), ("description", description)):
        if value is not None and not isinstance(value, str):
            raise config_error(path, f"{where}.{key}: expected a string")
    tabs = _read_kinds(path, where, body, targets)
    scoped = body.get("scoped")
    if scoped is not None and not isinstance(scoped, list):
        raise config_error(path, f"{where}.scoped: expected a list of {{paths, <kind>: tabs}}")
    scopes = (
        None
        if scoped is None
        else tuple(
            _read_scope(path, f"{where}.scoped[{i}]", x, targets) for i, x in enumerate(scoped)
        )
    )
    return _RawProfile(extends, description, tabs, scopes)


def _read_kinds(
    path: Path, where: str, body: Mapping[str, Any], targets: Mapping[str, str]
) -> dict[str, tuple[TabSpec, ...]]:
    return {
        kind: _read_tabs(path, f"{where}.{kind}", body[kind], targets)
        for kind in KINDS
        if kind in body
    }


def _read_scope(path: Path, where: str, item: object, targets: Mapping[str, str]) -> Scoped:
    if not isinstance(item, dict):
        raise config_error(path, f"{where}: expected a mapping (keys: {', '.join(SCOPE_KEYS)})")
    check_keys(path, where, item, SCOPE_KEYS)
    globs = item.get("paths")
    if not isinstance(globs, list) or not globs or not all(isinstance(g, str) for g in globs):
        raise config_error(path, f"{where}.paths: expected a non-empty list of path globs")
    return Scoped(tuple(globs), _read_kinds(path, where, item, targets))


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
    check_keys(path, where, item, TAB_KEYS)
    label, target = item.get("label"), item.get("target")
    if not isinstance(label, str) or not label.strip():
        raise config_error(path, f"{where}.label: expected a non-empty string")
    problem = label_problem(label)
    if problem is not None:
        raise config_error(path, f"{where}.label: {problem}", _scalar_line(path, "label", label))
    if not isinstance(target, str):
        raise config_error(path, f"{where}.target: expected a string")
    if target not in targets:
        raise config_error(
            path, f"{where}.target: unknown target {target!r} (known: {_list(targets)})"
        )
    drift = item.get("drift")
    if drift is not None and drift not in DRIFT_MODES:
        raise config_error(path, f"{where}.drift: expected one of {', '.join(DRIFT_MODES)}")
    return TabSpec(label, target, drift)


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
        scoped = profile.scoped if profile.scoped is not None else parent.scoped if parent else ()
        done[name] = Profile(name, tabs, description, scoped)
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


# a label becomes the line `- <label>` of a tab list: anything that line would read as markup
# (a second line, a YFM directive, a nested list, a heading, a quote, a fence) would change the page
LABEL_MARKUP = re.compile(r"\{%|%\}|^(?:[-*+]|\d{1,9}[.)])(?:\s|$)|^(?:#|>|```|~~~)")


def label_problem(label: str) -> str | None:
    """Why a tab label cannot be written as one list item line, or None."""
    if len(label.splitlines()) != 1 or label.endswith(("\n", "\r")):
        return "must be one line"
    if label != label.strip():
        return "must not start or end with spaces"
    if LABEL_MARKUP.search(label):
        return f"{label!r} would be read as markup (YFM directive, list marker, heading or fence)"
    return None


def _scalar_line(path: Path, key: str, value: str) -> int:
    """The 1-based line of the first `key: value` in the YAML file (0 when it cannot be found)."""
    import yaml

    try:
        pending = [yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)]
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 0
    while pending:
        node = pending.pop(0)
        if isinstance(node, yaml.MappingNode):
            for name, item in node.value:
                if name.value == key and getattr(item, "value", None) == value:
                    return int(item.start_mark.line) + 1
                pending.append(item)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
    return 0
