"""H1 title and event code, the Scope/rights quote, the description and the notes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.text import BACKTICKED, LINK, collapse, is_event_code, strip_code
from generator.includes import Located
from generator.pages.model import Node, Page, inline_text, line_of, walk
from generator.spec.event import Subscribers
from generator.spec.parts import Note, Scope

RIGHTS = re.compile(
    r"(?:Кто может подписаться|Who can subscribe)\**\s*:\s*\**\s*(?P<value>.*)", re.I
)
SCOPE_LINE = re.compile(r"\**Scope\**\s*:\s*\**\s*(?P<value>.*)", re.I)
NOTE_ARGS = re.compile(r'^(?P<type>\w+)(?:\s+"(?P<title>[^"]*)")?')
LOCALIZED_SCOPES = {"базовый": "basic"}
HOMOGLYPH = re.compile(r"^C(?=[а-яё])")
# nodes whose notes are not the page's (a tab block's) or that hold inline content only
NO_NOTES = frozenset({"yfm_list", "paragraph", "heading"})


@dataclass(frozen=True, slots=True)
class Header:
    title: str
    code: str | None
    code_position: str  # "last" | "elsewhere" | "missing"
    line: int


def read_h1(page: Page) -> Header | None:
    if page.h1 is None:
        return None
    title = inline_text(page.h1).strip()
    tokens = title.split()
    line = line_of(page.h1)
    if tokens and is_event_code(tokens[-1]):
        return Header(title, strip_code(tokens[-1]), "last", line)
    for token in tokens:
        if is_event_code(token):
            return Header(title, strip_code(token), "elsewhere", line)
    return Header(title, None, "missing", line)


def has_homoglyph(title: str) -> bool:
    return HOMOGLYPH.match(title) is not None


@dataclass(frozen=True, slots=True)
class Rights:
    scopes: list[Scope] | None
    subscribers: Subscribers | None
    node: Node | None


def read_rights(nodes: list[Located]) -> Rights:
    """The Scope/rights block: a quote (usual), or the inline bold form of overview pages."""
    for located in nodes:
        node = located.node
        if node.type not in ("blockquote", "paragraph"):
            continue
        text = located.page.text_of(node)
        lines = [re.sub(r"^\s*>\s?", "", line) for line in text.split("\n")]
        scopes = subscribers = None
        for line in lines:
            for part in re.split(r"\s\|\s", line):
                if (m := SCOPE_LINE.search(part)) and scopes is None:
                    scopes = parse_scopes(m["value"])
                if (m := RIGHTS.search(part)) and subscribers is None:
                    subscribers = parse_subscribers(m["value"])
        if scopes is not None or subscribers is not None:
            return Rights(scopes, subscribers, None if located.included else node)
    return Rights(None, None, None)


def parse_scopes(value: str) -> list[Scope]:
    scopes: list[Scope] = []
    for item in re.split(r",\s*(?=\[|`)", value.strip()):
        name_match = BACKTICKED.search(item) or LINK.search(item)
        name = strip_code(name_match.group(1)) if name_match else item.split("—")[0].strip()
        description = item.split("—", 1)[1].strip() if "—" in item else None
        if name:
            scopes.append(Scope(LOCALIZED_SCOPES.get(name, name), description or None))
    return scopes


def parse_subscribers(value: str) -> Subscribers:
    raw = value.strip().strip("*").strip().strip("`").strip()
    folded = " ".join(raw.casefold().split())  # NBSP and runs of spaces count as one space
    if folded in ("любой пользователь", "any user"):
        normalized = "any_user"
    elif "чат-бот" in folded or "chat bot" in folded or "chat-bot" in folded:
        normalized = "app_user"
    elif "кэдо" in folded or "e-signature" in folded:
        normalized = "hr_user"
    else:
        normalized = "other"
    return Subscribers(raw, normalized)


def prod_nodes(nodes: list[Node]) -> list[Node]:
    """The nodes a production build shows: `{% if build == 'dev' %}` keeps only its `{% else %}`
    branch; any other `{% if %}` stays as written (its content counts)."""
    shown: list[Node] = []
    for node in nodes:
        if node.type != "yfm_if":
            shown.append(node)
            continue
        dev = is_dev_condition(node.info)
        in_else = False
        for child in node.children:
            if child.type == "yfm_else":
                in_else = True
            elif in_else or not dev:
                shown.extend(prod_nodes([child]))
    return shown


def read_description(
    preamble: list[Node], page: Page, skip: Node | None
) -> tuple[str, tuple[int, int] | None]:
    parts: list[str] = []
    span: tuple[int, int] | None = None
    for node in preamble:
        if node is skip or node.type not in ("paragraph", "bullet_list", "ordered_list"):
            continue
        if node.type == "paragraph" and (
            node.attrs.get("class") or RIGHTS.search(inline_text(node))
        ):
            continue
        parts.append(collapse(page.text_of(node)))
        if node.map:
            span = (span[0] if span else node.map[0] + 1, node.map[1])
    return "\n\n".join(parts), span


def read_notes(page: Page) -> list[Note]:
    notes: list[Note] = []
    _collect_notes(page, page.root, False, notes)
    return notes


def _collect_notes(page: Page, node: Node, dev_only: bool, notes: list[Note]) -> None:
    for child in node.children:
        if child.type == "yfm_if":
            _collect_branches(page, child, dev_only, notes)
        elif child.type == "yfm_note":
            notes.append(make_note(page, child, dev_only))
            _collect_notes(page, child, dev_only, notes)
        elif child.children and child.type not in NO_NOTES:
            _collect_notes(page, child, dev_only, notes)


def _collect_branches(page: Page, node: Node, dev_only: bool, notes: list[Note]) -> None:
    """`{% if build == 'dev' %}` content is dev-only; its `{% else %}` branch is not."""
    branch_is_dev = is_dev_condition(node.info)
    for child in node.children:
        if child.type == "yfm_else":
            branch_is_dev = False
            continue
        wrapper = _Single(child)
        _collect_notes(page, wrapper, dev_only or branch_is_dev, notes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class _Single:
    """Lets one node be walked as if it were a parent of itself."""

    node: Node

    @property
    def children(self) -> list[Node]:
        return [self.node]


def make_note(page: Page, node: Node, dev_only: bool) -> Note:
    match = NOTE_ARGS.match(node.info.strip())
    note_type = match["type"] if match else (node.info.strip() or "info")
    title = match["title"] if match else None
    text = "\n\n".join(collapse(page.text_of(c)) for c in node.children if c.map)
    return Note(note_type, title, text, dev_only, line_of(node))


def is_dev_condition(condition: str) -> bool:
    return re.search(r"build\s*==\s*['\"]dev['\"]", condition) is not None


def dev_only_lines(page: Page) -> set[int]:
    """0-based lines inside `{% if build == 'dev' %}` blocks (kept in the model, marked dev-only)."""
    lines: set[int] = set()
    for node in walk(page.root):
        if node.type == "yfm_if" and is_dev_condition(node.info) and node.map:
            lines.update(range(*node.map))
    return lines
