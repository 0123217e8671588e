"""Writing specs to `<out>/<page path>.yaml` and pruning the ones whose page is gone."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.fileio import confined, write_atomic
from generator.spec.model import Spec


def spec_relpath(page_path: str) -> str:
    return page_path.removesuffix(".md") + ".yaml"


def write_specs(out: Path, specs: Iterable[Spec], prune: bool) -> tuple[list[str], list[str]]:
    """Write every spec (only changed bytes hit the disk); with `prune`, delete stale `.yaml` files.

    Returns (written relative paths, changed relative paths).
    """
    from generator.spec.io import dump_yaml

    written: list[str] = []
    changed: list[str] = []
    for spec in sorted(specs, key=lambda s: s.source.path):
        rel = spec_relpath(spec.source.path)
        if write_atomic(confined(out, rel), dump_yaml(spec).encode("utf-8")):
            changed.append(rel)
        written.append(rel)
    if prune and out.is_dir():
        keep = set(written)
        for stale in sorted(out.rglob("*.yaml")):
            rel = stale.relative_to(out).as_posix()
            if rel not in keep:
                stale.unlink()
                changed.append(rel)
    return written, changed


def read_specs(folder: Path) -> list[Spec]:
    from generator.spec.io import SpecError, load_yaml

    specs = []
    for path in sorted(folder.rglob("*.yaml")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SpecError(path.as_posix(), f"not valid UTF-8 (byte {exc.start})") from None
        except OSError as exc:
            raise SpecError(path.as_posix(), f"cannot read: {exc.strerror or exc}") from None
        specs.append(load_yaml(text, path.as_posix()))
    return specs
