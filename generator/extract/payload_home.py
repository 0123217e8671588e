"""Where in the payload a table belongs when its heading does not say (older docs).

The 2024 chat-bot pages put their tables under headings such as `## data`, `## PARAMS` or
`## BOT/[39]???` (the element of a map keyed by an id, 39 in the example). Their rows name the keys
of one object of the payload example: that object's path is the table's prefix. A map whose keys
are all numbers stands for "any id" and is named `{ID}` in the path, as the HEAD pages write
`{BOT_ID}`. The root object needs no prefix; the shallowest object that holds every row wins.
"""

from __future__ import annotations

from collections.abc import Iterator

ANY_ID = "{ID}"


def home_of(names: list[str], data: object) -> str | None:
    """The dotted path of the payload object whose keys include all `names`; "" for the root;
    None when no object does (or there are no names)."""
    wanted = {n.casefold() for n in names}
    if not wanted:
        return None
    for path, keys in _objects(data, ""):
        if wanted <= keys:
            return path
    return None


def _objects(value: object, path: str) -> Iterator[tuple[str, set[str]]]:
    """Every object of the payload, shallowest first, with its keys (casefolded)."""
    level: list[tuple[str, object]] = [(path, value)]
    while level:
        deeper: list[tuple[str, object]] = []
        for where, item in level:
            element = object_of(item)
            if element is None:
                continue
            yield where, {str(k).casefold() for k in element}
            ids = all(str(k).isdigit() for k in element)
            for key, child in element.items():
                name = ANY_ID if ids else str(key)
                deeper.append((f"{where}.{name}" if where else name, child))
        level = deeper


def object_of(value: object) -> dict[object, object] | None:
    """An object, or the first object of an array (its elements share the documented keys)."""
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return next((item for item in value if isinstance(item, dict)), None)
    return None
