"""`same_shape` takes params that are the canonical params, as JSON text, as the same shape
without walking both; on every RU tab `makes_canonical_call` must give the walk's answer."""

from __future__ import annotations

from typing import cast

import pytest

from generator.calls import Json
from generator.check.method_drift import _same_shape, as_json, comparable, same_shape
from generator.check.method_expected import call_of, makes_canonical_call
from generator.render.canonical import canonical_call
from generator.spec.method import MethodSpec
from generator.spec.parts import Tab
from tests.test_method_corpus import ru_specs  # noqa: F401  (module fixture, reused)

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def walked(spec: MethodSpec, block: int, tab: Tab) -> bool:
    """The answer by the shape walk alone (what makes_canonical_call computed before)."""
    call = call_of(spec, block, tab)
    if call is None or not call.readable or call.fence or call.language == "python":
        return False
    canonical = canonical_call(spec, block)
    page, wanted = cast("Json", call.params), cast("Json", canonical.params)
    same_method = (call.method or "").lower() == canonical.method.lower()
    return same_method and _same_shape(comparable(page), comparable(wanted))


def test_the_shortcut_answers_as_the_walk(ru_specs: dict[str, MethodSpec]) -> None:  # noqa: F811
    answers = {True: 0, False: 0}
    for rel, spec in sorted(ru_specs.items()):
        for index, block in enumerate(spec.examples):
            for tab in block.tabs:
                answer = makes_canonical_call(spec, index, tab)
                assert answer == walked(spec, index, tab), (rel, tab.span.start)
                answers[answer] += 1
    assert answers == {True: 12680, False: 732}


def test_a_number_is_not_a_boolean_for_the_shortcut() -> None:
    """Python has `True == 1`; the shortcut compares JSON text, which does not."""
    assert as_json({"ACTIVE": True}) != as_json({"ACTIVE": 1})
    assert not same_shape({"ACTIVE": True}, {"ACTIVE": 1})
    assert same_shape({"ID": "5"}, {"ID": 5})  # the walk: "5" is a number to the portal
