"""`generator.memo.last_answer`: the last answer again for the same object, a new call otherwise."""

from __future__ import annotations

import pytest

from generator.memo import last_answer


class Frozen:
    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:  # equal but not the same: must not share an answer
        return isinstance(other, Frozen) and other.value == self.value

    __hash__ = None  # type: ignore[assignment]


def test_the_same_object_and_equal_arguments_get_the_last_answer() -> None:
    calls: list[tuple[int, int]] = []

    @last_answer
    def scaled(item: Frozen, factor: int) -> list[int]:
        calls.append((item.value, factor))
        return [item.value * factor]

    one, twin = Frozen(2), Frozen(2)
    first = scaled(one, 3)
    assert scaled(one, 3) is first  # asked again in a row: no call
    assert calls == [(2, 3)]
    assert scaled(one, 4) == [8]  # another argument
    assert scaled(twin, 4) == [8]  # an equal but other object
    assert scaled(one, 4) == [8]  # the last was the twin: asked anew
    assert calls == [(2, 3), (2, 4), (2, 4), (2, 4)]
    assert scaled.__name__ == "scaled"


def test_keyword_arguments_are_refused() -> None:
    @last_answer
    def plain(item: Frozen, factor: int = 1) -> int:
        return item.value * factor

    with pytest.raises(TypeError, match="positional arguments only"):
        plain(Frozen(1), factor=2)
