"""A tab the templates produce: what a page's tab with this label should hold, rendered now or when
its code is first read (`check` needs only the labels of most pages).

Kept free of the renderer's imports, so the check path can hold these tabs without loading Jinja.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.layout import Layout

# (tab, formatted) -> the tab's code; formatted=False may leave out the target's formatter (black):
# enough to read the call, cheaper to render.
Render = Callable[["ExpectedTab", bool], str]


class ExpectedTab:
    """One profile tab of one page. `code` is the fence body, ending with a newline; `drift` is how
    `check` compares the page's tab with it (generator/check/compare.py).

    `block` is the example block the tab is rendered for, None when it is the same in every block
    (event pages); `layout` is the style it is written in (generator/layout), None for the block's
    own. A tab given a `Render` renders on first read and can be re-aimed at another block or
    layout (`for_block`, `in_layout`) without rendering."""

    __slots__ = ("_code", "_raw", "_render", "block", "drift", "label", "lang", "layout", "target")

    def __init__(
        self,
        label: str,
        target: str,
        lang: str,
        drift: str,
        code: str | Render,
        *,
        block: int | None = None,
        layout: Layout | None = None,
    ) -> None:
        self.label, self.target, self.lang, self.drift = label, target, lang, drift
        self.block, self.layout = block, layout
        self._code: str | None = code if isinstance(code, str) else None
        self._raw: str | None = self._code
        self._render: Render | None = None if isinstance(code, str) else code

    @property
    def code(self) -> str:
        if self._code is None:
            assert self._render is not None
            self._code = self._render(self, True)
        return self._code

    @property
    def call_code(self) -> str:
        """The code before the target's formatter: what a `call`-mode comparison reads."""
        if self._raw is None:
            assert self._render is not None
            self._raw = self._render(self, False)
        return self._raw

    def for_block(self, block: int) -> ExpectedTab:
        """This profile tab rendered for another example block, in that block's own layout."""
        if block == self.block or self._render is None:
            return self
        return self._with(block, None)

    def in_layout(self, layout: Layout) -> ExpectedTab:
        """This tab written in `layout` (a page tab's own style)."""
        if layout == self.layout or self._render is None:
            return self
        return self._with(self.block, layout)

    def _with(self, block: int | None, layout: Layout | None) -> ExpectedTab:
        assert self._render is not None
        row = (self.label, self.target, self.lang, self.drift)
        return ExpectedTab(*row, self._render, block=block, layout=layout)

    def __repr__(self) -> str:
        return f"ExpectedTab({self.label!r}, {self.target!r}, {self.lang!r}, {self.drift!r})"
