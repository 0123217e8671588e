"""Rows of a method page's YFM tables: header detection and the name cell of a parameter row.

A table's first row is a header only when it looks like one (bold column titles, no type link);
otherwise it is data (corpus: response tables without a header row). The required marker has
three spellings: `**name***`, `**name**^*^` and `**name^*^**`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.text import BACKTICKED, collapse, unescape
from generator.pages.model import Node

Cells = list[tuple[str, int]]  # (raw cell Markdown, 1-based line)

BOLD_CELL = re.compile(r"^\*\*(?P<name>.+?)\*\*(?P<after>[\\*^]*)")
HEADER_CELL = re.compile(r"^\*\*[^*]+\*\*\s*(?:`[^`]+`)?$", re.S)
HEADER_WORDS = frozenset(
    {
        "name",
        "parameter",
        "field",
        "key",
        "code",
        "status",
        "description",
        "value",
        "type",
        "message",
        "method",
        "error",
        "text",
        "example",
        "note",
    }
)
WILDCARD = re.compile(r"(?:\.\.\.|…|\*)$|<[^>]+>|\{[^}]+\}|#\w+#|^xxx|xxx$", re.I)
DEFAULT = re.compile(
    r"(?:по умолчанию|by default|default value|default)\s*(?:[:=—-]|равно|—|is|будет)?\s*"
    r"(?:`(?P<code>[^`]+)`|«(?P<quoted>[^»]+)»|(?P<word>-?\d[\w.]*|[YN]\b|true\b|false\b))",
    re.I,
)
# Every DEFAULT match holds one of these, lower-cased: a description without them says no
# default. U+1C82 (narrow o) is an о to re.I but not to lower(); U+0130 lowers to two letters.
DEFAULT_WORDS = ("default", "по умолчанию")
DEFAULT_ODD = re.compile("[\u0130\u1c82]")


@dataclass(frozen=True, slots=True)
class ParamRow:
    name: str
    type: str | None
    required: bool
    default: str | None
    description: str
    line: int
    wildcard: bool


def table_cells(node: Node) -> list[Cells]:
    """The rows a production build shows (`{% if build == 'dev' %}` rows dropped)."""
    rows: list[Cells] = []
    for row in node.children:
        if row.meta.get("dev_only"):
            continue
        cells = [(cell.content, cell.map[0] + 1 if cell.map else 0) for cell in row.children]
        if cells:
            rows.append(cells)
    return rows


def is_header(cells: Cells) -> bool:
    texts = [text.strip() for text, _ in cells]
    if not texts or not all(HEADER_CELL.match(text) for text in texts):
        return False
    first = texts[0][2:].split("**", 1)[0].strip()
    return first.casefold() in HEADER_WORDS or not re.fullmatch(r"[A-Za-z_][\w.\[\]]*", first)


def header_titles(cells: Cells) -> list[str]:
    return [text.strip().strip("*").split("**")[0].strip().casefold() for text, _ in cells]


def split_header(rows: list[Cells]) -> tuple[list[str] | None, list[Cells]]:
    if rows and is_header(rows[0]):
        return header_titles(rows[0]), rows[1:]
    return None, rows


def read_param_row(cells: Cells, defaults: bool = True) -> ParamRow | None:
    """The row's parameter; its description is searched for a default value only with
    `defaults` (`check` reads none)."""
    if len(cells) < 2:
        return None
    name_cell, line = cells[0]
    first, _, rest = name_cell.strip().partition("\n")
    match = BOLD_CELL.match(first.strip())
    if match is None:
        return None
    raw = match["name"]
    required = "*" in match["after"] or raw.endswith(("^*^", "\\*", "*"))
    name = clean_name(raw)
    if not name:
        return None
    types = [
        t.strip()
        for t in BACKTICKED.findall((first[match.end() :] + " " + rest).replace("\\|", "|"))
    ]
    description = collapse(cells[1][0])
    return ParamRow(
        name=name,
        type="|".join(types) if types else None,
        required=required,
        default=read_default(description) if defaults else None,
        description=description,
        line=line,
        wildcard=WILDCARD.search(name) is not None,
    )


def clean_name(raw: str) -> str:
    name = raw.strip()
    for marker in ("^*^", "\\*"):
        name = name.removesuffix(marker)
    if name.endswith("*") and not name.endswith("_*") and not name.endswith(".*"):
        name = name.rstrip("*")
    name = unescape(name).strip().strip("`").strip()
    return name.replace("[]", "").replace("/{", "{").replace("/}", "}").strip()


def read_default(description: str) -> str | None:
    if DEFAULT_ODD.search(description) is None:
        lowered = description.lower()
        if DEFAULT_WORDS[0] not in lowered and DEFAULT_WORDS[1] not in lowered:
            return None
    return default_of(description)


def default_of(description: str) -> str | None:
    """The default value a description states (DEFAULT searched, whatever the words)."""
    match = DEFAULT.search(description)
    if match is None:
        return None
    value = (match["code"] or match["quoted"] or match["word"] or "").strip()
    if match["word"]:
        value = value.rstrip(".,;")
    return value.split("=", 1)[1].strip() if re.fullmatch(r"\w+\s*=\s*\S.*", value) else value
