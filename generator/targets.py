"""The target registry: `templates/targets.yaml` (built-in) plus each user template folder's.

A target is one way of writing an example (cURL with a webhook, B24PhpSDK, ...): the labels a tab
names it by, the signature its code is recognised by, its language and file extension, and whether
it calls REST or the widget's JS API. Its template is `examples/<target>.<ext>.j2`. A new target is
one registry entry plus one template: no code change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from generator.diagnostics import DocgenError, error
from generator.literals_required import Alternatives, required_literals
from generator.paths import builtin_templates

EXAMPLES_DIR = "examples"
TEMPLATE_SUFFIX = ".j2"
REGISTRY_FILE = "targets.yaml"
TARGET_KEYS = ("labels", "sdk", "signature", "language", "extension", "api", "formatter", "like")
Api = Literal["rest", "js"]


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    labels: tuple[str, ...]
    sdk: str
    signature: tuple[re.Pattern[str], ...]
    language: str  # the fence info string
    extension: str
    api: Api
    formatter: str | None = None
    # per signature pattern: texts one of which its every match holds (None: not known)
    prefilter: tuple[Alternatives | None, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "prefilter", tuple(map(required_literals, self.signature)))

    def matches(self, code: str) -> bool:
        """Every signature pattern is found in the code (a pattern none of whose required texts
        occur is not searched: most tabs are tried against every target before their own)."""
        for pattern, texts in zip(self.signature, self.prefilter, strict=True):
            if texts is not None and not any(map(code.__contains__, texts)):
                return False
            if pattern.search(code) is None:
                return False
        return bool(self.signature)


@dataclass(frozen=True, slots=True)
class Targets:
    """Every known target in registry order (built-ins first, user additions after)."""

    by_name: Mapping[str, Target]
    by_label: Mapping[str, Target]  # normalised label → the first target that lists it

    def get(self, name: str) -> Target | None:
        return self.by_name.get(name)

    def for_label(self, label: str) -> Target | None:
        return self.by_label.get(normalise_label(label))

    def for_code(self, code: str) -> Target | None:
        """The target whose signature the code carries (the first in registry order)."""
        for target in self.by_name.values():
            if target.matches(code):
                return target
        return None

    def decide(self, label: str, code: str) -> str:
        """The code's signature decides first, the label breaks ties (labels drift)."""
        found = self.for_code(code) or self.for_label(label)
        return found.name if found else "unknown"

    def sdk_of(self, name: str) -> str | None:
        target = self.by_name.get(name)
        return target.sdk if target else None


@cache  # tabs carry a dozen distinct labels, looked up 50,000 times a corpus check
def normalise_label(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip().casefold()


def registry(targets: Sequence[Target]) -> Targets:
    by_label: dict[str, Target] = {}
    for target in targets:
        for label in target.labels:
            by_label.setdefault(normalise_label(label), target)
    return Targets({t.name: t for t in targets}, by_label)


def load_targets(user_dirs: Sequence[Path] = ()) -> Targets:
    """The built-in registry with each user folder's `targets.yaml` on top (cached per folder set)."""
    return _load_targets(tuple(Path(d).resolve() for d in user_dirs))


@cache
def _load_targets(user_dirs: tuple[Path, ...]) -> Targets:
    raw: dict[str, dict[str, Any]] = {}
    for root in (builtin_templates(), *reversed(user_dirs)):
        path = root / REGISTRY_FILE
        if path.is_file() or root == builtin_templates():
            raw.update(_read_registry(path))
    return registry([_target(name, raw) for name in raw])


def _read_registry(path: Path) -> dict[str, dict[str, Any]]:
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: read at every start
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise _error(path, f"cannot read the target registry: {exc}") from None
    targets = data.get("targets") if isinstance(data, dict) else None
    if not isinstance(targets, dict):
        raise _error(path, "expected a mapping with a `targets` key")
    for name, body in targets.items():
        if not isinstance(body, dict):
            raise _error(path, f"targets.{name}: expected a mapping")
        unknown = [k for k in body if k not in TARGET_KEYS]
        if unknown:
            valid = ", ".join(TARGET_KEYS)
            raise _error(path, f"targets.{name}: unknown key {unknown[0]!r} (valid keys: {valid})")
    return {str(name): {**body, "_origin": path} for name, body in targets.items()}


def _target(name: str, raw: Mapping[str, dict[str, Any]], depth: int = 0) -> Target:
    body = raw[name]
    like = body.get("like")
    if like is not None:
        if like not in raw or depth > 8:
            raise _error(body["_origin"], f"targets.{name}.like: unknown target {like!r}")
        base = _target(like, raw, depth + 1)
        body = {**_as_body(base), **body}
    try:
        return Target(
            name=name,
            labels=tuple(str(label) for label in body.get("labels") or ()),
            sdk=str(body["sdk"]),
            signature=tuple(_pattern(p) for p in body.get("signature") or ()),
            language=str(body["language"]),
            extension=str(body["extension"]),
            api=_api(body["api"]),
            formatter=body.get("formatter"),
        )
    except (KeyError, ValueError, re.error) as exc:
        raise _error(body["_origin"], f"targets.{name}: {_problem(exc)}") from None


def _as_body(target: Target) -> dict[str, Any]:
    return {
        "labels": list(target.labels),
        "sdk": target.sdk,
        "signature": [p for p in target.signature],
        "language": target.language,
        "extension": target.extension,
        "api": target.api,
        "formatter": target.formatter,
    }


def _pattern(value: object) -> re.Pattern[str]:
    return value if isinstance(value, re.Pattern) else re.compile(str(value), re.M)


def _api(value: object) -> Api:
    if value == "rest":
        return "rest"
    if value == "js":
        return "js"
    raise ValueError(f"api must be rest or js, not {value!r}")


def _problem(exc: Exception) -> str:
    return f"missing key {exc.args[0]!r}" if isinstance(exc, KeyError) else str(exc)


def _error(path: Path, message: str) -> DocgenError:
    return DocgenError(error(path.as_posix(), "E-CONFIG", message))


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


def registered(target: str, user_dirs: Sequence[Path] = ()) -> Target:
    """The registry entry of a target that has a template; a template without one is an error
    (its language and file extension would be guesses)."""
    found = load_targets(user_dirs).get(target)
    if found is None:
        where = f"{REGISTRY_FILE} (built-in or in a template folder)"
        raise DocgenError(
            error("<templates>", "E-RENDER-TARGET", f"target {target!r} has no entry in {where}")
        )
    return found


def extension_of(target: str, user_dirs: Sequence[Path] = ()) -> str:
    return registered(target, user_dirs).extension


def language_of(target: str, user_dirs: Sequence[Path] = ()) -> str:
    return registered(target, user_dirs).language
