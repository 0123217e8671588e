"""The exact bytes `sync --add-missing` and `--reshape` write around the blocks they insert.

The code inside each fence comes from the templates and is checked elsewhere; here every fence body
is folded to `<code>` so that each other byte (labels, blank lines, indentation, fences,
`{% endlist %}`, the section heading and include, the line endings) is pinned exactly. An extra
or missing blank line around an inserted tab or block fails these tests (issue 14's mutation run
found that nothing did).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main

PAGE = "api-reference/demo/widget/events/widget-closed.md"
HEAD = """# Событие закрытия демо-виджета Widget::Closed

> Scope: [`placement`](../../../../scopes/permissions.md)
>
> Кто может подписаться: любой пользователь

Событие `Widget::Closed` приходит в виджет, когда пользователь закрывает демо-окно.

## Что получает обработчик

Данные передаются в функцию обратного вызова метода `BX24.placement.bindEvent` {.b24-info}
"""
RELATED = """## Продолжите изучение

- [Другое событие](./other.md)
"""
FENCE = re.compile(r"^( *)(```[a-z]+\n)(.*?\n)\1```$", re.MULTILINE | re.DOTALL)


def folded(text: str) -> str:
    return FENCE.sub(lambda m: f"{m[1]}{m[2]}{m[1]}<code>\n{m[1]}```", text)


def tab(label: str, lang: str, indent: str = "") -> str:
    return f"{indent}- {label}\n\n{indent}    ```{lang}\n{indent}    <code>\n{indent}    ```\n"


def run_sync(tmp_path: Path, page: str, *flags: str, newline: str = "\n") -> str:
    docs = tmp_path / "docs"
    (docs / PAGE).parent.mkdir(parents=True)
    (docs / PAGE).write_bytes(page.replace("\n", newline).encode("utf-8"))
    assert main(["sync", "--docs", str(docs), "--no-cache", *flags]) == 0
    raw = (docs / PAGE).read_bytes().decode("utf-8")
    if newline != "\n":
        assert "\n" not in raw.replace(newline, ""), "a line ending of another kind was written"
    return folded(raw.replace(newline, "\n"))


ONE_TAB = (
    HEAD
    + "\n## Примеры кода\n\n{% list tabs %}\n\n"
    + tab("JS (UMD)", "html")
    + ("\n{% endlist %}\n\n" + RELATED)
)
THREE_TABS = (
    HEAD
    + "\n## Примеры кода\n\n{% list tabs %}\n\n"
    + tab("BX24.js", "js")
    + "\n"
    + tab("JS (TS)", "ts")
    + "\n"
    + tab("JS (UMD)", "html")
    + "\n{% endlist %}\n\n"
    + RELATED
)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_add_missing_inserts_tabs_before_the_first_present_one(
    tmp_path: Path, newline: str
) -> None:
    assert run_sync(tmp_path, ONE_TAB, "--add-missing", newline=newline) == THREE_TABS


def test_add_missing_inserts_a_tab_after_the_one_the_profile_puts_before_it(
    tmp_path: Path,
) -> None:
    page = THREE_TABS.replace("\n" + tab("JS (TS)", "ts"), "")
    assert page.count("- ") == 3  # BX24.js, JS (UMD) and the related link
    assert run_sync(tmp_path, page, "--add-missing") == THREE_TABS


def test_reshape_rewrites_the_block_in_the_profile_order(tmp_path: Path) -> None:
    page = THREE_TABS.replace("- BX24.js", "- Extra").replace("- JS (TS)", "- BX24.js")
    assert run_sync(tmp_path, page, "--reshape") == THREE_TABS


def test_reshape_keeps_the_indentation_of_an_indented_block(tmp_path: Path) -> None:
    indented = THREE_TABS.replace("{% list tabs %}", "  {% list tabs %}").replace(
        "{% endlist %}", "  {% endlist %}"
    )
    body = "".join(
        tab(label, lang, "  ") + "\n"
        for label, lang in (("BX24.js", "js"), ("JS (TS)", "ts"), ("JS (UMD)", "html"))
    )
    expected = indented.split("  {% list tabs %}")[0] + "  {% list tabs %}\n\n" + body
    expected += "  {% endlist %}\n\n" + RELATED
    page = expected.replace("- BX24.js", "- Extra")
    assert run_sync(tmp_path, page, "--reshape") == expected


def test_add_missing_writes_an_examples_section_before_continue_learning(tmp_path: Path) -> None:
    page = HEAD + "\n" + RELATED
    section = (
        "## Примеры кода\n\n"
        "{% include [Сноска о примерах](../../../../_includes/examples.md) %}\n\n"
        "{% list tabs %}\n\n"
        + tab("BX24.js", "js")
        + "\n"
        + tab("JS (TS)", "ts")
        + "\n"
        + tab("JS (UMD)", "html")
        + "\n{% endlist %}\n\n"
    )
    assert run_sync(tmp_path, page, "--add-missing") == HEAD + "\n" + section + RELATED


def test_add_missing_appends_the_section_to_a_page_without_continue_learning(
    tmp_path: Path,
) -> None:
    for ending in ("\n", ""):
        page = HEAD.rstrip("\n") + ending
        result = run_sync(tmp_path / repr(ending), page, "--add-missing")
        assert result.startswith(HEAD + "\n## Примеры кода\n\n{% include [")
        assert result.endswith("\n" + tab("JS (UMD)", "html") + "\n{% endlist %}" + ending)
