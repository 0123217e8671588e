"""Name casing for the templates and the stubs: REST names → the words they are made of →
PascalCase, camelCase, snake_case, and the b24pysdk spellings of methods and keyword arguments."""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def words(value: object) -> list[str]:
    """`onCRMDealAdd` → `on`, `CRM`, `Deal`, `Add`; a list is taken as words already."""
    if isinstance(value, list):
        return [str(word) for word in value]
    return WORD.findall(str(value))


def _cap(word: str) -> str:
    lowered = word.lower() if word.isupper() and len(word) > 1 else word
    return lowered[:1].upper() + lowered[1:]


def pascal(value: object) -> str:
    """`event.bind` → `EventBind`, `onTaskAdd` → `OnTaskAdd`, `ONCRMLEADADD` → `Oncrmleadadd`."""
    return "".join(_cap(word) for word in words(value))


def camel(value: object) -> str:
    """`bind on task add` → `bindOnTaskAdd`; the first word is lower-cased whole."""
    found = words(value)
    if not found:
        return ""
    return found[0].lower() + "".join(_cap(word) for word in found[1:])


def snake(value: object) -> str:
    """`entityTypeId` → `entity_type_id` (b24pysdk keyword names)."""
    return "_".join(word.lower() for word in words(value))


def py_method(value: object) -> str:
    """`crm.item.import` → `crm.item.import_`: the b24pysdk attribute path of a REST method
    (segments lower-cased; a Python keyword takes a trailing `_`, as b24pysdk names it)."""
    import keyword

    return ".".join(
        f"{part}_" if keyword.iskeyword(part) else part for part in str(value).lower().split(".")
    )


def py_kwarg(value: object) -> str:
    """A REST key as a b24pysdk keyword argument: snake_case, `id` → `bitrix_id`, a Python keyword
    with a trailing `_` (`from` → `from_`)."""
    import keyword

    name = snake(value)
    if name == "id":
        return "bitrix_id"
    return f"{name}_" if keyword.iskeyword(name) else name
