"""Split a page into its preamble and H2 sections, each with a role the extractors dispatch on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from generator.pages.model import Node, Page, inline_text

ROLES: dict[str, str] = {
    "что получает обработчик": "handler",
    "what the handler receives": "handler",
    "параметры обработчика события": "handler_params",
    "event handler parameters": "handler_params",
    "параметры подписки": "subscription",
    "параметры подписки на событие": "subscription",
    "event subscription parameters": "subscription",
    "подписка на событие": "subscription",
    "event subscription": "subscription",
    "примеры кода": "examples",
    "code examples": "examples",
    "примеры": "examples",
    "пример": "examples",
    "examples": "examples",
    "ошибки": "errors",
    "errors": "errors",
    "продолжите изучение": "related",
    "continue learning": "related",
    "continue exploring": "related",
    "continue your exploration": "related",
    "параметры": "params",
    "parameters": "params",
    "параметры запроса": "params",
    "request parameters": "params",
    "параметры события": "params",
    "event parameters": "params",
    "поля ответа": "params",
    "params": "params",
    "data": "params",
    "параметры метода": "method_params",
    "method parameters": "method_params",
    "обработка ответа": "response",
    "response handling": "response",
    "handling the response": "response",
    "обработка ошибок": "error_handling",
    "error handling": "error_handling",
    "правило срабатывания события": "trigger",
    "event triggering rule": "trigger",
    "периодичность уведомлений": "frequency",
    "notification frequency": "frequency",
}


@dataclass
class Section:
    title: str
    heading: Node | None
    role: str
    nodes: list[Node] = field(default_factory=list)

    @property
    def anchor(self) -> str | None:
        if self.heading is None:
            return None
        value = self.heading.attrs.get("id")
        return str(value) if value is not None else None

    def span(self) -> tuple[int, int] | None:
        maps = [n.map for n in ([self.heading] if self.heading else []) + self.nodes if n.map]
        if not maps:
            return None
        return maps[0][0] + 1, maps[-1][1]


@cache  # titles repeat: 1,671 distinct among the 9,600 H2s of an RU check
def role_of(title: str) -> str:
    key = re.sub(r"\s+", " ", title).strip().rstrip(":").strip().casefold()
    return ROLES.get(key, "other")


def split_sections(page: Page) -> tuple[Section, list[Section]]:
    preamble = Section("", None, "preamble")
    sections: list[Section] = []
    current = preamble
    for node in page.children:
        if (
            node.type == "heading"
            and node.tag == "h1"
            and current is preamble
            and not preamble.nodes
        ):
            continue
        if node.type == "heading" and node.tag == "h2":
            title = inline_text(node).strip()
            current = Section(title, node, role_of(title))
            sections.append(current)
            continue
        current.nodes.append(node)
    return preamble, sections
