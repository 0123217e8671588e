"""Small text helpers shared by the extractors: codes, backticks, links, table cells."""

from __future__ import annotations

import re

EVENT_CODE = re.compile(
    r"^(?:[oO]n[A-Z]\w*|ON[A-Z0-9_]+|[A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)+|[A-Za-z]+::[A-Za-z]\w*)$"
)
METHOD_NAME = re.compile(r"^[a-z]+(?:\.[a-zA-Z0-9]+)+$")
BACKTICKED = re.compile(r"`([^`]+)`")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<path>[^)\s]+)\)")
ANCHOR_LINK = re.compile(r"\]\(#(?P<anchor>[\w\-]+)\)")
BOLD_NAME = re.compile(r"^\*\*(?P<name>.+?)\*\*(?P<star>\\?\*)?")


def strip_code(token: str) -> str:
    return token.strip().strip("`").strip()


def is_event_code(token: str) -> bool:
    return EVENT_CODE.match(strip_code(token)) is not None


def same_code(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text) if "\\" in text else text  # most cells escape nothing


def collapse(text: str) -> str:
    """Trailing spaces dropped from every line; Markdown meaning is unchanged."""
    if "\n" not in text:  # one line (most table cells): its own strip says it
        return text.strip()
    return "\n".join([line.rstrip() for line in text.strip("\n").split("\n")]).strip()
