"""Classify a page by its text: event, method, overview, include or other (corpus notes, section 0)."""

from __future__ import annotations

import re
from enum import Enum

from generator.extract.text import METHOD_NAME

EVENT_WORDS = ("Кто может подписаться", "Who can subscribe")  # the event marker (plain text)
# the rights line of one method (`Кто может выполнять методы:` is an overview's)
METHOD_MARKER = re.compile(
    r"(?:Кто может выполнять метод|Who can (?:execute|perform) (?:the |this )?method)\**\s*:"
)
METHOD_WORDS = ("Кто может выполнять метод", "Who can ")  # what every METHOD_MARKER match holds
UNMARKED_EVENT_H1 = re.compile(r"(?:^|\s)(?:[oO]n[A-Z]\w+|ON[A-Z]+)\s*$")
EVENTS_FOLDER = re.compile(r"(?:^|/)events[^/]*/")


class PageType(Enum):
    EVENT = "event"
    OVERVIEW = "overview"
    METHOD = "method"
    INCLUDE = "include"
    OTHER = "other"


HEAD = 2048  # characters that hold a page's first five lines, but for pages of long lines


def first_heading(text: str) -> str:
    """The first `# ` heading among the first five lines."""
    text = text.lstrip("\ufeff")
    lines = text[:HEAD].splitlines()
    # a sixth line begun inside the head: the first five ended inside it too ("\r\n" included)
    for line in lines[:5] if len(lines) > 5 else text.splitlines()[:5]:
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _holds(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def classify_file(path: str, text: str) -> PageType:
    """Section 0 of the corpus notes: marker minus overviews, includes and mis-marked method pages,
    plus the unmarked legacy pages found by folder and H1."""
    name = path.rsplit("/", 1)[-1]
    if re.search(r"(?:^|/)_includes?/", path):  # `_includes/`, and `_include/` fragments
        return PageType.INCLUDE
    heading = first_heading(text)
    last_word = heading.split()[-1].strip("`") if heading.split() else ""
    if _holds(text, EVENT_WORDS):
        if name == "index.md":
            return PageType.OVERVIEW
        if METHOD_NAME.match(last_word):
            return PageType.METHOD
        return PageType.EVENT
    if name != "index.md" and EVENTS_FOLDER.search(path) and UNMARKED_EVENT_H1.search(heading):
        return PageType.EVENT
    if _holds(text, METHOD_WORDS) and METHOD_MARKER.search(text):
        return PageType.OVERVIEW if name == "index.md" else PageType.METHOD
    return PageType.OTHER
