"""Method pages: what the consistency checks need (the documented method, tabs, parameter names)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.extract.examples import find_example_blocks
from generator.extract.fields import FieldCollector
from generator.extract.header import read_h1
from generator.extract.sections import split_sections
from generator.extract.text import METHOD_NAME
from generator.includes import expand
from generator.page import Page
from generator.spec import ExampleBlock


@dataclass(frozen=True, slots=True)
class MethodFacts:
    method: str | None  # the H1's last token, when it is a method name
    title: str
    blocks: list[ExampleBlock]
    param_names: list[str]  # top-level names of the method's parameter tables


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
