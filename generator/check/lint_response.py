"""`response-shape`: result paths a tab reads that the page's response example does not have.

Paths come from the call model (`("result", "items", "*", "id")`, `*` for every element of an
array or value of a map). Keys compare case-insensitively (Go's JSON decoding does, and a case
slip is not the drift this kind is for). Nothing is judged without an example, past a `null` or an
empty array in it, or outside `result` (errors and paging keys are absent from a success example).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.lint_params import Issue
from generator.extract.method_params import walk_params
from generator.spec.method import Response, TabCall
from generator.spec.parts import Json


def response_issues(call: TabCall, response: Response) -> Iterator[Issue]:
    example = response.example
    if not isinstance(example, dict) or "result" not in example:
        return
    documented: set[str] | None = None  # made for the first path the example lacks: few are
    for path in call.result_access:
        if len(path) < 2 or path[0] != "result":
            continue
        step = first_missing(example, path)
        if step is None:
            continue
        if documented is None:
            documented = {p.name.casefold() for p in walk_params(response.fields)}
        if path[step].casefold() in documented:
            continue  # the fields table names it: another example of the page shows it
        yield _issue(path, step, example)
        return  # the first missing path says enough about one tab


def first_missing(example: Json, path: list[str]) -> int | None:
    """The index of the first step the example cannot take; None when it takes them all."""
    node = example
    for index, step in enumerate(path):
        if node is None:
            return None
        if step == "*":
            items = list(node.values()) if isinstance(node, dict) else node
            if not isinstance(items, list):
                return index
            if not items:
                return None
            node = items[0]
        elif isinstance(node, dict):
            key = next((k for k in node if k.casefold() == step.casefold()), None)
            if key is None:
                return index
            node = node[key]
        elif isinstance(node, list) and step.isdigit():
            if int(step) >= len(node):
                return None
            node = node[int(step)]
        else:
            return index
    return None


def _issue(path: list[str], step: int, example: Json) -> Issue:
    shown = dotted(path)
    parent = dotted(path[:step])
    node = _at(example, path[:step])
    if isinstance(node, dict):
        keys = ", ".join(f"`{k}`" for k in list(node)[:4])
        has = f"has {keys}" + (", …" if len(node) > 4 else "") if node else "is empty"
        said = f"`{parent}` in the response example {has}, no `{path[step]}`"
    elif isinstance(node, list):
        said = f"`{parent}` in the response example is an array"
    else:
        said = f"`{parent}` in the response example is a single value"
    return Issue(
        "response-shape",
        shown,
        f"reads `{shown}`; {said}; fix: read the keys the example shows, or correct the example",
    )


def dotted(path: list[str]) -> str:
    return ".".join("[*]" if p == "*" else p for p in path).replace(".[*]", "[*]")


def _at(example: Json, path: list[str]) -> Json:
    node = example
    for step in path:
        if step == "*":
            items = list(node.values()) if isinstance(node, dict) else node
            node = items[0] if isinstance(items, list) and items else None
        elif isinstance(node, dict):
            node = next((v for k, v in node.items() if k.casefold() == step.casefold()), None)
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return None
    return node
