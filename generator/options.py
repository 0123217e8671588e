"""Options: `[tool.b24-docgen]` in pyproject.toml merged with the command's flags, resolved once.

Every command (parse, render, build, check, sync) builds its `Options` with `resolve_options`, so
all of them see the same profile, template folders and profiles file. Flags win over the file;
paths from the file are resolved against the pyproject's folder. A template folder, profiles file or
twin root that does not exist is an `E-CONFIG` error (exit 2), never silently ignored.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import DocgenError, error

CODE = "E-CONFIG"
TOOL_TABLE = "b24-docgen"
CONFIG_KEYS = ("profile", "profiles", "templates")
DEFAULT_PROFILE = "current"
DEFAULT_DOCS = Path("examples/docs")
DEFAULT_SPECS = Path("specs")
DEFAULT_GENERATED = Path("generated")


@dataclass(frozen=True, slots=True)
class SyncMode:
    add_missing: bool = False
    reshape: bool = False
    edits: bool = True  # plan the edits; `check` alone (no sync) needs only the findings


@dataclass(frozen=True, slots=True)
class Config:
    """`[tool.b24-docgen]`: paths are absolute, resolved against the pyproject's folder."""

    profile: str = DEFAULT_PROFILE
    templates: tuple[Path, ...] = ()
    profiles: Path | None = None
    source: Path | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Options:
    """What every stage reads: the resolved settings of one command."""

    profile: str = DEFAULT_PROFILE
    templates: tuple[Path, ...] = ()
    profiles_file: Path | None = None
    twin: Path | None = None
    mode: SyncMode = field(default_factory=SyncMode)
    jobs: int | None = None

    def cache_options(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "templates": [str(p) for p in self.templates],
            "profiles": str(self.profiles_file),
            "twin": str(self.twin),
        }


def config_error(path: str | Path, message: str, line: int = 0) -> DocgenError:
    return DocgenError(error(str(path), CODE, message, line, 1 if line else 0))


def check_keys(path: Path | str, where: str, data: Mapping[str, Any], valid: Sequence[str]) -> None:
    unknown = [k for k in data if k not in valid]
    if unknown:
        raise config_error(
            path, f"{where}: unknown key {unknown[0]!r} (valid keys: {', '.join(valid)})"
        )


def resolve_options(
    *,
    profile: str | None = None,
    templates: Sequence[Path] = (),
    profiles_file: Path | None = None,
    twin: Path | None = None,
    mode: SyncMode | None = None,
    jobs: int | None = None,
    start: Path | None = None,
) -> Options:
    """The command's options: flags over `[tool.b24-docgen]` (found from `start`, default the cwd),
    validated: every folder and file named must exist."""
    settings = load_config(start)
    options = Options(
        profile=profile or settings.profile,
        templates=tuple(templates) or settings.templates,
        profiles_file=profiles_file or settings.profiles,
        twin=twin,
        mode=mode or SyncMode(),
        jobs=jobs,
    )
    validate(options, settings)
    return options


def validate(options: Options, settings: Config) -> None:
    origin = settings.source.as_posix() if settings.source else "<options>"
    for folder in options.templates:
        if not folder.is_dir():
            raise config_error(origin, f"templates: no such folder {folder.as_posix()}")
    if options.profiles_file is not None and not options.profiles_file.is_file():
        raise config_error(origin, f"profiles: no such file {options.profiles_file.as_posix()}")
    if options.twin is not None and not options.twin.is_dir():
        raise config_error(origin, f"twin: no such folder {options.twin.as_posix()}")
    if options.jobs is not None and options.jobs < 1:
        raise config_error(origin, f"jobs: expected a positive number, got {options.jobs}")


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
    tools = document.get("tool", {})
    if not isinstance(tools, dict):  # `tool = "x"`: not ours to judge, but not a table either
        raise config_error(path, "`tool` must be a table ([tool.b24-docgen])", _key_line(path))
    table = tools.get(TOOL_TABLE)
    if table is None:
        return Config(source=path)
    return parse_config(table, path)


def _key_line(path: Path, key: str = "tool") -> int:
    """The line that assigns `key` at the top level of a TOML file (0 when not found)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(lines, 1) if line.split("=")[0].strip() == key), 0)


def parse_config(table: object, path: Path) -> Config:
    """Validate the `[tool.b24-docgen]` table read from `path`."""
    where = f"[tool.{TOOL_TABLE}]"
    if not isinstance(table, dict):
        raise config_error(path, f"{where} must be a table")
    check_keys(path, where, table, CONFIG_KEYS)
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
