"""The fast spec loader (generator/spec/fastyaml.py) gives exactly PyYAML's safe-load result, and
raises PyYAML's own error, on every spec of the repository and on YAML no dumper of ours writes.
(tests/test_spec_io.py: every RU corpus spec loads back equal to the parsed spec.)"""

from __future__ import annotations

import math

import pytest
import yaml

from generator.spec import fastyaml
from tests.corpus import REPO

SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

UNUSUAL = [
    # ints and floats the dumper does not write, timestamps, YAML 1.1 booleans
    "a: 0x1F\nb: 012\nc: 1_000\nd: 1:30\ne: 2024-08-30\nf: 1.5e3\ng: .inf\nh: yes\ni: ~\nj: ''\n",
    "- 1\n- -2\n- +3\n- 0o17\n- !!str 5\n- !!binary aGk=\n- 1.0\n- -.5\n- Off\n- NULL\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",  # a merge key
    "shared: &s [1, 2]\nagain: *s\n",  # an alias
    "&a [1, *a]",  # a recursive alias
    "!!set {a, b}",
    "!!omap [a: 1, b: 2]",
    "",
    "just a string",
    "x: 2001-12-14t21:59:43.10-05:00\n",
    "? [1, 2]\n: x\n",  # an unhashable key: PyYAML's error
    "? {a: 1}\n: x\n",
    "x: !!python/name:os.system\n",  # an unsafe tag: PyYAML's error
    "a: [1\n",  # a syntax error
    "a: 1\na: 2\n",  # a repeated key: the last wins
    "a:\n  - b: [x, y]\n    c: {d: null}\n",
    "1: one\ntrue: yes\n~: nothing\n",  # keys that are not strings
]


def outcome(load: object, text: str) -> object:
    try:
        return ("ok", repr(load(text)))  # type: ignore[operator]
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))


@pytest.mark.parametrize("text", UNUSUAL)
def test_unusual_yaml_loads_as_pyyaml_loads_it(text: str) -> None:
    assert outcome(fastyaml.load, text) == outcome(lambda t: yaml.load(t, Loader=SAFE), text)


def test_every_committed_spec_loads_as_pyyaml_loads_it() -> None:
    paths = sorted((REPO / "specs").rglob("*.yaml"))
    assert len(paths) >= 17
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert fastyaml.load(text) == yaml.load(text, Loader=SAFE), path


def test_scalar_types_are_pyyaml_types() -> None:
    data = fastyaml.load("i: 7\nf: 2.5\nb: true\nn: null\ns: '7'\nnan: .nan\n")
    assert data["i"] == 7 and type(data["i"]) is int
    assert data["f"] == 2.5 and type(data["f"]) is float
    assert data["b"] is True and data["n"] is None and data["s"] == "7"
    assert math.isnan(data["nan"])


def test_the_tag_memo_does_not_depend_on_what_was_loaded_before() -> None:
    assert fastyaml.load("- yes\n- 'yes'\n- yes\n") == [True, "yes", True]
    assert fastyaml.load("- '12'\n- 12\n") == ["12", 12]
