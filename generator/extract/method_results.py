"""What a method answers: the response example and returned-data table, and the errors table."""

from __future__ import annotations

import json
import re

from generator.extract.method_params import ParamTree
from generator.extract.method_rows import Cells, split_header, table_cells
from generator.extract.text import collapse, strip_code
from generator.includes import Located
from generator.pages.model import Node, inline_text, line_of
from generator.spec.method import MethodError, Response

STATUS = re.compile(r"(?:HTTP[- ]?(?:статус|status)|Status)\**\s*:?\s*\**\s*(?P<code>\d{3})", re.I)
HTTP_CODE = re.compile(r"\b(?P<code>[1-5]\d\d)\b")
JSON_LANGS = (None, "json", "js", "javascript")
CODE_COLUMNS = ("код", "code", "код ошибки", "error code", "ошибка", "error")
STATUS_COLUMNS = ("статус", "status", "http-статус", "http status", "http")
TEXT_COLUMNS = (
    "сообщение об ошибке",
    "cообщение об ошибке",  # Latin C: corpus spelling
    "текст ошибки",
    "сообщение",
    "message",
    "error message",
    "error text",
    "описание ошибки",
    "error description",
)
DESCRIPTION_COLUMNS = ("описание", "description", "значение", "value", "когда возникает")


def read_response(
    nodes: list[Located], *, defaults: bool = True
) -> tuple[Response, list[tuple[int, str]], list[tuple[int, str]]]:
    """The section's first JSON fence as data, its HTTP status, and the returned-data tables
    (their fields' defaults read only with `defaults`). Also returns (line, problem) for an
    unreadable example and orphan tables."""
    tree = ParamTree(defaults=defaults)
    status: int | None = None
    example: object = None
    example_line: int | None = None
    problems: list[tuple[int, str]] = []
    for located in nodes:
        node = located.node
        if node.type == "paragraph" and status is None:
            match = STATUS.search(inline_text(node))
            status = int(match["code"]) if match else None
        elif node.type == "fence" and example_line is None and _lang(node) in JSON_LANGS:
            example_line = line_of(node)
            example, problem = _json(node.content)
            if problem:
                problems.append((example_line, problem))
        tree.visit(located)
    return Response(status, example, example_line, tree.params()), problems, tree.orphans


def _json(text: str) -> tuple[object, str | None]:
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"response example is not valid JSON: {exc.msg} (line {exc.lineno})"


def _lang(node: Node) -> str | None:
    info = node.info.strip().split()
    return info[0].lower() if info else None


def read_errors(nodes: list[Located]) -> list[MethodError]:
    errors: list[MethodError] = []
    for located in nodes:
        if located.node.type != "yfm_table":
            continue
        header, body = split_header(table_cells(located.node))
        if header is None:
            continue
        roles = column_roles(header)
        if roles.get("code") is None and roles.get("text") is None:
            continue
        host = located.host_line if located.included else None
        errors.extend(_error_row(cells, roles, host) for cells in body if len(cells) >= 2)
    return errors


def column_roles(header: list[str]) -> dict[str, int]:
    """Which column holds the code, HTTP status, message text and explanation."""
    roles: dict[str, int] = {}
    for index, title in enumerate(header):
        for role, names in (
            ("code", CODE_COLUMNS),
            ("status", STATUS_COLUMNS),
            ("text", TEXT_COLUMNS),
            ("description", DESCRIPTION_COLUMNS),
        ):
            if title in names and role not in roles:
                roles[role] = index
                break
        else:
            if title in DESCRIPTION_COLUMNS and "text" not in roles:
                roles["text"] = roles.pop("description")  # `Описание | Значение`: message first
                roles["description"] = index
    if "code" not in roles and "text" not in roles:
        return {}  # a table of fields (`Название | Описание`), not of errors
    if "text" not in roles and "description" in roles:
        roles["text"] = roles["description"]
    return roles


def _error_row(cells: Cells, roles: dict[str, int], host_line: int | None) -> MethodError:
    def cell(role: str) -> str:
        index = roles.get(role)
        return collapse(cells[index][0]) if index is not None and index < len(cells) else ""

    code = strip_code(cell("code"))
    if not re.fullmatch(r"[\w.:\-]+", code):
        code = ""  # `Пустое значение` / `Empty value`: the row has no code
    status_match = HTTP_CODE.search(cell("status"))
    return MethodError(
        code=code if code not in ("", "-", "—") else None,
        http_status=int(status_match["code"]) if status_match else None,
        text=strip_code(cell("text")),
        description=cell("description") if roles.get("description") != roles.get("text") else "",
        line=host_line or cells[0][1],
    )
