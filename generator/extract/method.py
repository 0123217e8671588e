"""Method pages: what the consistency checks need (the documented method, tabs, parameter names)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.extract.examples import find_example_blocks
from generator.extract.fields import FieldCollector
from generator.extract.header import read_h1
from generator.extract.sections import role_of, split_sections
from generator.extract.text import METHOD_NAME
from generator.includes import expand
from generator.page import Page
from generator.spec.model import ExampleBlock


@dataclass(frozen=True, slots=True)
class MethodFacts:
    method: str | None  # the H1's last token, when it is a method name
    title: str
    blocks: list[ExampleBlock]
    param_names: list[str]  # top-level names of the method's parameter tables


def method_view(text: str) -> str:
    """The page with every H2 section the checks do not read blanked out (line numbers kept):
    only the H1, the parameter tables and sections holding tab blocks are tokenised."""
    lines = text.split("\n")
    keep = [True] * len(lines)
    fence: str | None = None
    start = 0
    for index, line in enumerate([*lines, "## end"]):
        stripped = line.lstrip()
        if fence is not None:
            fence = None if stripped.startswith(fence) else fence
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        if line.startswith("## ") or index == len(lines):
            section = lines[start:index]
            wanted = start == 0 or role_of(section[0][3:].split("{#")[0]) == "method_params"
            if not wanted and not any("{% list tabs" in x for x in section):
                keep[start:index] = [False] * (index - start)
            start = index
    return "\n".join(line if kept else "" for line, kept in zip(lines, keep, strict=True))


def extract_method(page: Page) -> MethodFacts:
    header = read_h1(page)
    title = header.title if header else ""
    words = title.split()
    method = words[-1].strip("`") if words and METHOD_NAME.match(words[-1].strip("`")) else None
    _, sections = split_sections(page)
    collector = FieldCollector()
    for section in sections:
        if section.role == "method_params":
            collector.start_section()
            for located in expand(page, section.nodes, None):
                collector.visit(located)
    names = [f.name for f in collector.fields if "." not in f.name]
    return MethodFacts(method, title, find_example_blocks(page), names)
