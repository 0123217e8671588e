"""The documented methods sdk-diff compares with: from a folder of spec YAMLs or a docs root.

Both read the MethodSpec contract (`generator/spec/method.py`): `method`, `source.path`, `notes`,
`params` (a tree of rows with `path`, `type`, `required`, `line`, `wildcard`, `children`). A spec
object and its YAML mapping are read alike, so a folder written by another version still works.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import DocgenError, error
from generator.sdkdiff.model import DocMethod, DocParam

DEPRECATION_MARK = "DEPRECATED"
BROWSER_PREFIX = "BX24."


def from_specs_folder(folder: Path) -> list[DocMethod]:
    """Every method spec (`kind: method`) in the YAML files below `folder`, sorted by method."""
    if not folder.is_dir():
        raise DocgenError(error(folder.as_posix(), "E-SPECS", "is not a folder of spec YAMLs"))
    found: list[DocMethod] = []
    for path in sorted(folder.rglob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            message = f"cannot read spec: {type(exc).__name__}"
            raise DocgenError(error(path.as_posix(), "E-SPECS", message, 1, 1)) from None
        try:
            method = doc_method(data)
        except (TypeError, ValueError, AttributeError):
            message = "malformed method spec (see generator/spec/method.py for the fields)"
            raise DocgenError(error(path.as_posix(), "E-SPECS", message, 1, 1)) from None
        if method is not None:
            found.append(method)
    return _unique(found)


def from_docs_root(root: Path) -> list[DocMethod]:
    """The method specs the parse stage reads from a docs clone."""
    from generator.parse import parse_docs

    result = parse_docs(root)
    found = (doc_method(spec) for spec in result.specs)
    return _unique([m for m in found if m is not None])


def doc_method(spec: object) -> DocMethod | None:
    """A method spec (object or YAML mapping) as sdk-diff reads it; None for other kinds."""
    if _get(spec, "kind") != "method" or not _get(spec, "method"):
        return None
    if str(_get(spec, "method")).startswith(BROWSER_PREFIX):
        return None  # BX24.placement.call and kin: the browser library, not a REST method
    source = _get(spec, "source")
    page = str(_get(source, "path") or "")
    spans = _get(source, "spans") or {}
    header = _get(spans, "h1") if isinstance(spans, dict) else None
    section = _get(spans, "params") if isinstance(spans, dict) else None
    return DocMethod(
        method=str(_get(spec, "method")),
        page=page,
        line=int(_get(header, "start") or 1),
        deprecated=is_deprecated(page, _get(spec, "notes") or []),
        params=tuple(_flatten(_get(spec, "params") or [])),
        rest_version=int(_get(spec, "rest_version") or 2),
        params_line=int(_get(section, "start") or 0),
    )


def is_deprecated(page: str, notes: Sequence[object]) -> bool:
    """Under an `outdated/` folder, or a note marked DEPRECATED (title or text)."""
    if "outdated/" in f"/{page}":
        return True
    return any(
        DEPRECATION_MARK in f"{_get(note, 'title') or ''} {_get(note, 'text') or ''}"
        for note in notes
    )


def _flatten(rows: Sequence[object]) -> Iterator[DocParam]:
    for row in rows:
        children = _get(row, "children") or []
        yield DocParam(
            path=str(_get(row, "path") or _get(row, "name")),
            type=_get(row, "type"),
            required=bool(_get(row, "required")),
            line=int(_get(row, "line") or 0),
            wildcard=bool(_get(row, "wildcard")),
            has_children=bool(children),
        )
        yield from _flatten(children)


def _unique(methods: list[DocMethod]) -> list[DocMethod]:
    """One page per method name (case-insensitive, like the REST API): a REST v1/v2 page before
    a v3 page of the same name (the SDKs' default clients call v2), a current page before a
    deprecated one, then the first by page path."""
    chosen: dict[str, DocMethod] = {}
    for method in sorted(methods, key=lambda m: (m.rest_version >= 3, m.deprecated, m.page)):
        chosen.setdefault(method.method.lower(), method)
    return sorted(chosen.values(), key=lambda m: (m.method.lower(), m.page))


def _get(node: object, name: str) -> Any:
    """A field of a spec object or of its YAML mapping (the untyped boundary of this module)."""
    if isinstance(node, dict):
        return node.get(name)
    return getattr(node, name, None)
