"""Entry point: the call model of one tab's code, by the fence's language (the label breaks ties)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from generator.calls.model import CallModel, unreadable
from generator.calls.trees import Piece

FENCE_LANGUAGES = {
    "bash": "bash",
    "sh": "bash",
    "shell": "bash",
    "curl": "bash",
    "http": "http",
    "ts": "typescript",
    "typescript": "typescript",
    "js": "javascript",
    "javascript": "javascript",
    "json": "javascript",
    "html": "html",
    "php": "php",
    "python": "python",
    "py": "python",
    "go": "go",
    "golang": "go",
}
LABEL_LANGUAGES = {
    "curl": "bash",
    "js (ts)": "typescript",
    "js (umd)": "html",
    "js": "javascript",
    "bx24.js": "javascript",
    "php": "php",
    "python": "python",
    "go": "go",
}
GRAMMARS = {"http": "bash"}
LABEL_SDKS = {
    "bash": "curl",
    "http": "curl",
    "typescript": "b24jssdk-v2",
    "html": "b24jssdk-v2",
    "javascript": "bx24js",
    "php": "b24phpsdk",
    "python": "b24pysdk",
    "go": "b24gosdk",
}


def language_of(label: str, fence_lang: str | None) -> str:
    """The code's language: the fence's info word when it names one, else the label's."""
    if fence_lang and fence_lang.lower() in FENCE_LANGUAGES:
        return FENCE_LANGUAGES[fence_lang.lower()]
    key = label.strip().lower()
    if key.startswith("curl"):
        key = "curl"
    return LABEL_LANGUAGES.get(key, LABEL_LANGUAGES.get(key.split(" ")[0], "unknown"))


def read_call(code: str, *, label: str, fence_lang: str | None) -> CallModel:
    """The call model of one fence. Models are immutable and a page's tab is read twice (by the
    extractor and by the `call` drift mode), so recent ones are remembered by code and language."""
    return _read(code, language_of(label, fence_lang))


@lru_cache(maxsize=512)
def _read(code: str, language: str) -> CallModel:
    if language == "unknown":
        return unreadable("no-call", "unknown", language)
    if not code.strip():
        return unreadable("empty", LABEL_SDKS[language], language)
    if language == "html":
        return _html_reader()(code)
    piece = Piece(code, GRAMMARS.get(language, language))
    return _reader(language)(piece, language)


@cache
def _html_reader() -> Callable[[str], CallModel]:
    from generator.calls.js import read_html

    return read_html


@cache  # imported once: an import statement costs a few microseconds even when the module is loaded
def _reader(language: str) -> Callable[[Piece, str], CallModel]:
    if language in ("bash", "http"):
        from generator.calls.bash import read_bash

        return read_bash
    if language in ("javascript", "typescript"):
        from generator.calls.js import read_js

        return read_js
    if language == "php":
        from generator.calls.php import read_php

        return read_php
    if language == "python":
        from generator.calls.python import read_python

        return read_python
    from generator.calls.go import read_go

    return read_go
