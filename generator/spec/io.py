"""Spec ↔ YAML and the JSON Schema generated from the dataclasses.

YAML is block style, keys in dataclass order, real UTF-8, multi-line strings as `|` blocks, no
timestamps; dump → load → dump is byte-identical. libyaml's C loader/dumper is used when present.
"""

from __future__ import annotations

import dataclasses
import json
import types
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import yaml

from generator.diagnostics import error
from generator.spec import fastyaml
from generator.spec.model import SPEC_CLASSES, PageSpec, spec_class

SCHEMA_PATH = Path(__file__).parent.parent / "schema" / "spec.schema.json"
SCHEMA_ID = "https://b24-docgen.dev/schema/spec.schema.json"

_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class SpecError(ValueError):
    """A spec file that is not valid YAML or does not follow the schema; `diagnostic` is the one
    E-SPEC line a command prints for it."""

    def __init__(self, origin: str, detail: str, line: int = 0, col: int = 0) -> None:
        super().__init__(f"{origin}: {detail}")
        self.diagnostic = error(origin, "E-SPEC", detail.replace("\n", " "), line, col)


class _SpecDumper(_Dumper):  # type: ignore[valid-type,misc]
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_SpecDumper.add_representer(str, _represent_str)


def to_data(value: object) -> Any:
    """Plain data (dicts in field order, lists, scalars) for YAML and JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    return value


def dump_yaml(spec: PageSpec) -> str:
    data = to_data(spec)
    validate(data)
    text: str = yaml.dump(
        data, Dumper=_SpecDumper, allow_unicode=True, sort_keys=False, width=100, indent=2
    )
    return text


def load_yaml(text: str, origin: str = "<spec>") -> PageSpec:
    try:
        data = fastyaml.load(text)  # PyYAML's safe load, faster
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).strip().split("\n")[0]
        context = getattr(exc, "context", None)
        detail = f"invalid YAML: {f'{context}: ' if context else ''}{problem}"
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise SpecError(origin, detail, line, col) from None
    cls = validate(data, origin)
    spec: PageSpec = from_data(cls, data)
    return spec


def validate(data: object, origin: str = "<spec>") -> type:
    """Check `data` against the schema of the spec class its `kind` names; returns that class."""
    import fastjsonschema

    kind = data.get("kind") if isinstance(data, dict) else None
    cls = spec_class(kind)
    if not isinstance(data, dict) or cls is None:
        raise SpecError(origin, _kind_problem(data))
    try:
        _validator(cls.__name__)(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        where = "/".join(str(p) for p in (exc.path or [])[1:]) or "(root)"
        raise SpecError(origin, f"schema violation at {where}: {exc.message}") from None
    return cls


def warm_validators() -> None:
    """Compile every spec class's validator now (before worker processes fork, say)."""
    for cls, _ in SPEC_CLASSES:
        _validator(cls.__name__)


def _kind_problem(data: object) -> str:
    if not isinstance(data, dict):
        return "schema violation at (root): data must be a mapping"
    kinds = sorted(k for _, known in SPEC_CLASSES for k in known)
    return f"schema violation at kind: data.kind must be one of {kinds}"


@cache
def _validator(class_name: str) -> Any:
    import fastjsonschema  # lazy: only spec reads and writes pay for compiling the schema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    schema.pop("oneOf")
    return fastjsonschema.compile({**schema, "$ref": f"#/$defs/{class_name}"})


# ---- dataclasses → JSON Schema -------------------------------------------------------------


def build_schema() -> dict[str, Any]:
    """One schema for every spec class in `SPEC_CLASSES`: a spec is exactly one of them."""
    definitions: dict[str, Any] = {}
    roots = [_schema_for(cls, definitions) for cls, _ in SPEC_CLASSES]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "b24-docgen page spec",
        "oneOf": roots,
        "$defs": dict(sorted(definitions.items())),
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def _schema_for(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if tp is object or tp is Any:
        return {}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in definitions:
            definitions[name] = {}
            definitions[name] = _dataclass_schema(tp, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema_for(arg, definitions) for arg in get_args(tp)]}
    if origin is list:
        return {"type": "array", "items": _schema_for(get_args(tp)[0], definitions)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema_for(get_args(tp)[1], definitions)}
    return {"type": _SCALARS[tp]}


_SCALARS = {str: "string", int: "integer", bool: "boolean", type(None): "null", float: "number"}


@cache
def _hints(tp: Any) -> dict[str, Any]:
    return get_type_hints(tp)


def _dataclass_schema(tp: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = _hints(tp)
    fields = dataclasses.fields(tp)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields],
        "properties": {f.name: _schema_for(hints[f.name], definitions) for f in fields},
    }


# ---- plain data → dataclasses (after validation) --------------------------------------------

Convert = Callable[[Any], Any]


def from_data(tp: Any, data: Any) -> Any:
    """`data` (valid for `tp`) as `tp`: dataclasses built, lists and dicts copied, scalars kept."""
    return _converter(tp)(data)


def _same(data: Any) -> Any:
    return data


@cache
def _converter(tp: Any) -> Convert:
    """One function a type, built once: the spec's type hints are not read again for every value."""
    origin = get_origin(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_converter(tp)
    if origin in (Union, types.UnionType):
        inner = _converter(next(a for a in get_args(tp) if a is not type(None)))
        return lambda data: None if data is None else inner(data)
    if origin is list:
        item = _converter(get_args(tp)[0])
        return list if item is _same else lambda data: [item(x) for x in data]
    if origin is dict:
        value = _converter(get_args(tp)[1])
        return dict if value is _same else lambda data: {k: value(v) for k, v in data.items()}
    return _same


def _dataclass_converter(tp: Any) -> Convert:
    # the fields' converters are looked up on first use: a dataclass may contain itself (Param)
    fields: list[tuple[str, Convert]] = []

    def convert(data: Any) -> Any:
        if not fields:
            hints = _hints(tp)
            fields.extend((f.name, _converter(hints[f.name])) for f in dataclasses.fields(tp))
        return tp(**{name: conv(data[name]) for name, conv in fields})

    return convert


__all__ = ["SpecError", "build_schema", "dump_yaml", "from_data", "load_yaml", "schema_text"]
