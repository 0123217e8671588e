"""The sandbox's attribute lookup fast path answers as Jinja's own `SandboxedEnvironment.getattr`,
and the environment compiles a template once per template folder set (no reload check a lookup)."""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from jinja2 import StrictUndefined, Undefined
from jinja2.sandbox import SandboxedEnvironment

from generator.render.env import make_environment
from generator.render.sandbox import BoundedSandbox


@dataclass
class Item:
    name: str = "n"
    tags: list[str] = field(default_factory=lambda: ["a"])
    _hidden: int = 1

    def title(self) -> str:
        return self.name.title()


def _generator() -> Any:
    yield 1


OBJECTS: list[Any] = [
    Item(),
    {"name": "key", "items": 3},
    ["x"],
    "text",
    3,
    None,
    Item,
    Item.title,
    Item().title,
    len,
    _generator(),
    types.SimpleNamespace(gi_frame=1, mro=2),
]
NAMES = [
    "name", "tags", "items", "keys", "_hidden", "__class__", "__globals__", "mro",
    "title", "format", "format_map", "upper", "gi_frame", "gi_code", "missing", "real",
]  # fmt: skip


def _answer(env: SandboxedEnvironment, obj: Any, name: str) -> tuple[str, Any]:
    value = env.getattr(obj, name)
    if isinstance(value, Undefined):
        return "undefined", (type(value), value._undefined_hint, value._undefined_name)
    if isinstance(value, types.FunctionType) and name in ("format", "format_map"):
        return "wrapped", value(1) if name == "format" else value({})
    return "value", value


@pytest.mark.parametrize("obj", OBJECTS, ids=lambda o: type(o).__name__)
def test_the_fast_lookup_answers_as_jinja_s_sandbox(obj: Any) -> None:
    ours = BoundedSandbox(undefined=StrictUndefined)
    jinja = SandboxedEnvironment(undefined=StrictUndefined)
    assert [_answer(ours, obj, n) for n in NAMES] == [_answer(jinja, obj, n) for n in NAMES]


def test_the_fast_lookup_keeps_the_format_bounds() -> None:
    ours = BoundedSandbox(undefined=StrictUndefined)
    template = ours.from_string("{{ '{:>99999999}'.format(1) }}")
    with pytest.raises(Exception, match="million or more"):
        template.render()


def test_a_template_is_compiled_once_per_folder_set(tmp_path: Path) -> None:
    for folder, text in (("one", "first"), ("two", "second")):
        (tmp_path / folder / "examples").mkdir(parents=True)
        (tmp_path / folder / "examples" / "x.js.j2").write_text(text, encoding="utf-8")
    one = make_environment([tmp_path / "one"])
    compiled = one.get_template("examples/x.js.j2")
    (tmp_path / "one" / "examples" / "x.js.j2").write_text("edited", encoding="utf-8")
    assert one.get_template("examples/x.js.j2") is compiled  # no reload within a run
    assert compiled.render() == "first"
    assert (
        make_environment([tmp_path / "two"]).get_template("examples/x.js.j2").render() == "second"
    )
