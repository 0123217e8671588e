"""Names in the stubs: unique class and module names, safe attribute names, an event's words."""

from __future__ import annotations

import keyword
import re

from generator.render.casing import pascal, snake, words

__all__ = ["NameRegistry", "event_words", "module_name", "pascal", "safe_identifier", "words"]

_RESERVED_CLASSES = frozenset(
    name.lower()
    for name in (  # noqa: SIM905 - a word list reads better than 130 quoted strings
        "EventPayload Model EventInfo TypedPayload Any Events Support PayloadException B24Frame"
        " EventCode JsEventCode RestEventCode EventPayloads JsPayloads Promise Record Array Object"
        " String Number Boolean Function Symbol Error Map Set Date JSON Math"
        # PHP keywords and reserved type names cannot be class names
        " abstract and array as break callable case catch class clone const continue declare"
        " default do echo else elseif empty enddeclare endfor endforeach endif endswitch endwhile"
        " enum eval exit extends final finally fn for foreach function global goto if implements"
        " include instanceof insteadof interface isset list match namespace new or print private"
        " protected public readonly require return static switch throw trait try unset use var"
        " while xor yield die self parent bool int float string iterable mixed never null void"
        " true false object resource numeric"
    ).split()
)
_PY_SHADOWED = frozenset({"str", "int", "float", "bool", "list", "dict", "Any", "field", "rt"})


def event_words(code: str, page_path: str) -> list[str]:
    """Words of an event code; for a single-case code (`ONCRMDEALADD`) the page file name
    (`on-crm-deal-add.md`) supplies the word breaks when it spells the same letters."""
    if code.upper() == code or code.lower() == code:
        stem = page_path.rsplit("/", 1)[-1].removesuffix(".md")
        stem_words = [w for w in re.split(r"[^A-Za-z0-9]+", stem) if w]
        if stem_words and "".join(stem_words).lower() == re.sub(r"[^A-Za-z0-9]", "", code).lower():
            return stem_words
    return words(code) or ["Event"]


class NameRegistry:
    """Hands out unique names (case-insensitively, as PHP classes and some filesystems need)."""

    def __init__(self, reserved: frozenset[str] = _RESERVED_CLASSES) -> None:
        self._taken = set(reserved)

    def claim(self, name: str) -> str:
        name = name or "Event"
        if name[:1].isdigit():
            name = "E" + name
        candidate, n = name, 1
        while candidate.lower() in self._taken:
            n += 1
            candidate = f"{name}{n}"
        self._taken.add(candidate.lower())
        return candidate


def module_name(parts: list[str], registry: NameRegistry) -> str:
    name = snake(parts) or "event"
    if name[0].isdigit() or keyword.iskeyword(name):
        name = "event_" + name
    return registry.claim(name)


def safe_identifier(key: str, taken: set[str], avoid: frozenset[str] = _PY_SHADOWED) -> str:
    """A Python/PHP attribute name for a payload key; unique within `taken` (which it updates)."""
    name = re.sub(r"\W", "_", key, flags=re.ASCII) or "field"
    if name[0].isdigit():
        name = "f_" + name
    if name.startswith("__"):
        name = "f" + name  # no name mangling
    if keyword.iskeyword(name) or name in avoid or name == "this":
        name += "_"
    while name in taken:
        name += "_"
    taken.add(name)
    return name
