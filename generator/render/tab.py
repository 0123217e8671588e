"""A tab the templates produce: what a page's tab with this label should hold, rendered now or when
its code is first read (`check` needs only the labels of most pages).

Kept free of the renderer's imports, so the check path can hold these tabs without loading Jinja.
"""

from __future__ import annotations

from collections.abc import Callable


class ExpectedTab:
    """One profile tab of one page. `code` is the fence body, ending with a newline; `drift` is how
    `check` compares the page's tab with it (generator/check/compare.py)."""

    __slots__ = ("_code", "_render", "drift", "label", "lang", "target")

    def __init__(
        self, label: str, target: str, lang: str, drift: str, code: str | Callable[[], str]
    ) -> None:
        self.label, self.target, self.lang, self.drift = label, target, lang, drift
        self._code = code if isinstance(code, str) else ""
        self._render: Callable[[], str] | None = None if isinstance(code, str) else code

    @property
    def code(self) -> str:
        if self._render is not None:
            self._code, self._render = self._render(), None
        return self._code

    def __repr__(self) -> str:
        return f"ExpectedTab({self.label!r}, {self.target!r}, {self.lang!r}, {self.drift!r})"
