"""Fields the payload example shows but no parameter table lists (`data.LANGUAGE_ID`).

They join the spec's fields typed from the example's value and marked `documented: false`, so
nothing the page shows is lost, and each is reported. The walk compares the payload with the
tables level by level: a key is looked up among the documented children of its parent, where a
map placeholder (`{BOT_ID}`) stands for any key; it descends only into objects whose own children
are documented (below an object the tables leave opaque, every key would be "new").
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from generator.extract.payload_home import object_of
from generator.spec.event import Payload
from generator.spec.parts import Field

PLACEHOLDER = re.compile(r"^\{\w+\}$")
JSON_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),  # before int: a bool is an int in Python
    (int, "integer"),
    (float, "double"),
    (str, "string"),
    (dict, "object"),
    (list, "array"),
)


@dataclass(frozen=True, slots=True)
class Undocumented:
    field: Field
    key: str  # the key as the payload writes it, to locate it on the page


def json_type(value: object) -> str | None:
    return next((name for kind, name in JSON_TYPES if isinstance(value, kind)), None)


def payload_only_fields(data: object, fields: list[Field], line: int) -> list[Undocumented]:
    """The payload's keys that no field names, in payload order (`line`: the payload's fence)."""
    if not isinstance(data, dict):
        return []  # positional callback arguments: named by the tables alone
    children: dict[str, list[str]] = {}
    for item in fields:
        parent, _, leaf = item.name.rpartition(".")
        children.setdefault(parent, []).append(leaf)
    found: list[Undocumented] = []
    _walk(data, "", children, line, found)
    return found


def _walk(
    data: dict[object, object],
    parent: str,
    children: dict[str, list[str]],
    line: int,
    found: list[Undocumented],
) -> None:
    known = children.get(parent, [])
    placeholder = next((k for k in known if PLACEHOLDER.match(k)), None)
    for key, value in data.items():
        text = str(key)
        name = text if text in known else placeholder
        path = f"{parent}.{name or text}" if parent else name or text
        if name is None:
            documented = Field(path, json_type(value), False, "", None, line, {}, False)
            found.append(Undocumented(documented, text))
            continue
        element = object_of(value)
        if element is not None and path in children:
            _walk(element, path, children, line, found)


def with_payload_only(
    lines: list[str], payloads: list[Payload], fields: list[Field]
) -> tuple[list[Field], list[tuple[int, str, str]]]:
    """The fields plus the payload-only ones, and a located warning for each of those."""
    added: list[Field] = []
    warnings: list[tuple[int, str, str]] = []
    for payload in payloads:
        for item in payload_only_fields(payload.data, fields + added, payload.line):
            line = _key_line(lines, payload.line, item.key)
            added.append(dataclasses.replace(item.field, line=line))
            warnings.append(
                (
                    line,
                    "W-FIELD-UNDOCUMENTED",
                    f"payload field `{item.field.name}` is in no parameter table "
                    f"(kept as `{item.field.type}`, documented: false)",
                )
            )
    return fields + added, warnings


def _key_line(lines: list[str], start: int, key: str) -> int:
    """The line of `"key"` (or `'key'`) in the payload fence that starts at `start`."""
    quoted = (f'"{key}"', f"'{key}'")
    return next(
        (n for n, text in enumerate(lines[start - 1 :], start) if any(q in text for q in quoted)),
        start,
    )
