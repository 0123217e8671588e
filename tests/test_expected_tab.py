"""`render/tab.py: ExpectedTab`: a tab given a render function renders only when its code is read,
once per form, and is re-aimed at another block or layout without rendering."""

from __future__ import annotations

from generator.render.tab import ExpectedTab


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int | None, object, bool]] = []

    def __call__(self, tab: ExpectedTab, formatted: bool) -> str:
        self.calls.append((tab.label, tab.block, tab.layout, formatted))
        return f"{tab.label} {tab.block} {tab.layout} {formatted}\n"


def test_rendered_tab_renders_each_form_once_when_read() -> None:
    render = Recorder()
    tab = ExpectedTab("PHP", "php_crest", "php", "exact", render, block=0)
    other = tab.for_block(2).in_layout({"indent": 2})
    assert render.calls == []
    assert (other.block, other.layout, tab.block, tab.layout) == (2, {"indent": 2}, 0, None)
    assert other.code == "PHP 2 {'indent': 2} True\n"
    assert other.code == "PHP 2 {'indent': 2} True\n"
    assert other.call_code == "PHP 2 {'indent': 2} False\n"
    assert render.calls == [("PHP", 2, {"indent": 2}, True), ("PHP", 2, {"indent": 2}, False)]


def test_same_block_or_layout_is_the_same_tab() -> None:
    tab = ExpectedTab("PHP", "php_crest", "php", "exact", Recorder(), block=1, layout={"a": 1})
    assert tab.for_block(1) is tab
    assert tab.in_layout({"a": 1}) is tab
    assert tab.for_block(0) is not tab


def test_a_tab_given_its_code_is_the_same_in_every_block_and_layout() -> None:
    tab = ExpectedTab("Python", "python", "python", "exact", "print(1)\n")
    assert (tab.block, tab.for_block(3), tab.in_layout({"a": 1})) == (None, tab, tab)
    assert (tab.code, tab.call_code) == ("print(1)\n", "print(1)\n")
