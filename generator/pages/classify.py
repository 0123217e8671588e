"""Classify a page by its text: event, method, overview, include or other (corpus notes, section 0)."""

from __future__ import annotations

import re
from enum import Enum

from generator.extract.text import METHOD_NAME

EVENT_MARKER = re.compile(r"Кто может подписаться|Who can subscribe")
# the rights line of one method (`Кто может выполнять методы:` is an overview's)
METHOD_MARKER = re.compile(
    r"(?:Кто может выполнять метод|Who can (?:execute|perform) (?:the |this )?method)\**\s*:"
)
UNMARKED_EVENT_H1 = re.compile(r"(?:^|\s)(?:[oO]n[A-Z]\w+|ON[A-Z]+)\s*$")
EVENTS_FOLDER = re.compile(r"(?:^|/)events[^/]*/")


class PageType(Enum):
    EVENT = "event"
    OVERVIEW = "overview"
    METHOD = "method"
    INCLUDE = "include"
    OTHER = "other"


def first_heading(text: str) -> str:
    for line in text.lstrip("\ufeff").splitlines()[:5]:
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def classify_file(path: str, text: str) -> PageType:
    """Section 0 of the corpus notes: marker minus overviews, includes and mis-marked method pages,
    plus the unmarked legacy pages found by folder and H1."""
    name = path.rsplit("/", 1)[-1]
    if re.search(r"(?:^|/)_includes?/", path):  # `_includes/`, and `_include/` fragments
        return PageType.INCLUDE
    heading = first_heading(text)
    last_word = heading.split()[-1].strip("`") if heading.split() else ""
    if EVENT_MARKER.search(text):
        if name == "index.md":
            return PageType.OVERVIEW
        if METHOD_NAME.match(last_word):
            return PageType.METHOD
        return PageType.EVENT
    if name != "index.md" and EVENTS_FOLDER.search(path) and UNMARKED_EVENT_H1.search(heading):
        return PageType.EVENT
    if METHOD_MARKER.search(text):
        return PageType.OVERVIEW if name == "index.md" else PageType.METHOD
    return PageType.OTHER
