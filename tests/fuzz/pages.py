"""Compose YFM event pages from the dialect's constructs, for property tests and fuzz targets.

One composer, three sources of choices: hypothesis (`tree_strategy`), a seeded `random.Random`
(`random_tree`, for fuzz seed corpora) and atheris' `FuzzedDataProvider` (`fuzzed_tree`, for
structure-aware fuzzing). Every page text here is synthetic; nothing is taken from the corpus.

Constructs: H1 with an event code, the Scope/rights quote, description, `{% note %}` (all title
forms), `{% if build == 'dev' %}`/`{% else %}`, `{% include %}` (titled, notitle, nested, missing),
`{% cut %}`, H2/H3 with `{#anchor}`, payload fences (JSON, PHP array, callback, broken), `#|`
tables (multi-line cells, fences in cells closed by ```` ``` || ````, escaped pipes), example tab
blocks at the top level or nested in a numbered list (label indent 0/3/4, fence indent 1..7, one or
two blank lines, prose, several fences, TAB-indented code, skip markers), `[{#T}]` link lists, stray
directives and raw junk; then CRLF/CR/mixed line endings, a BOM, NBSP, trailing spaces and a
missing final newline.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

PAGE = "api-reference/demo/events/on-demo-widget-add.md"
NBSP = "\u00a0"

EVENT_CODES = (
    "onDemoWidgetAdd",
    "OnDemoWidgetAdd",
    "ONDEMOWIDGETADD",
    "DEMO.WIDGET.ON.ADD",
    "Widget::Closed",
    "onDemoWidgetAdd`",
    "",
)
LANG_LABELS = (
    ("BX24.js", "js"),
    ("JS (TS)", "ts"),
    ("JS (UMD)", "html"),
    ("PHP", "php"),
    ("PHP CRest", "php"),
    ("cURL (Webhook)", "bash"),
    ("cURL (OAuth)", "http"),
    ("Python", "python"),
    ("Go", "go"),
    ("JS", "javascript"),
    ("php", ""),
)
CONTENT_LABELS = ("Личный чат", "Group chat", "string", "integer")
H2_TITLES = (
    "Что получает обработчик",
    "What the Handler Receives",
    "Параметры подписки",
    "Параметры обработчика события",
    "Примеры кода",
    "Code Examples",
    "Ошибки",
    "Продолжите изучение",
    "Continue Learning",
    "Параметры",
    "Обработка ответа",
    "PARAMS",
    "Параметры события:",
    "Что-то своё",
)
NOTE_TYPES = ("info", "tip", "warning", "alert", "weird")
JUNK_ATOMS = (
    "{%",
    "%}",
    "{% endnote %}",
    "{% endlist %}",
    "{% endif %}",
    "{% else %}",
    "#|",
    "|#",
    "||",
    "|",
    "> ",
    "- ",
    "1. ",
    "* ",
    "**",
    "`",
    "\\",
    "{#x}",
    "{.b24-info}",
    "[{#T}](a.md)",
    "<!-- b24-docgen: skip -->",
    "<div>",
    "\t",
    "    ",
    NBSP,
    " ",
    "Ж",
    "é",
    "x",
    "0",
    "\u2028",
    "\ufeff",
    "\x00",
    "\x7f",
    "\U0001f600",
)
CODE_ATOMS = (
    "x",
    "y = 1;",
    "call('a.b', {})",
    "$b24",
    "BX24.callMethod",
    "  ",
    "\t",
    "// коммент",
    "'",
    '"',
    "\\",
    "{",
    "}",
    "[",
    "]",
    "<script>",
    "</script>",
    "${x}",
    "`tpl`",
    NBSP,
    "é",
    "||",
    "|#",
    "#|",
    "{% endlist %}",
    "- PHP",
    "``",
    "~~",
    "{#a}",
    ";",
    "\U0001f600",
)


class Choices(Protocol):
    def integer(self, low: int, high: int) -> int: ...
    def boolean(self, p_true: float = 0.5) -> bool: ...
    def text(self, atoms: Sequence[str], max_atoms: int) -> str: ...


def choice(c: Choices, options: Sequence[T]) -> T:
    return options[c.integer(0, len(options) - 1)]


# --- adapters -------------------------------------------------------------------------------------


class RandomChoices:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def boolean(self, p_true: float = 0.5) -> bool:
        return self.rng.random() < p_true

    def text(self, atoms: Sequence[str], max_atoms: int) -> str:
        return "".join(self.rng.choice(atoms) for _ in range(self.rng.randint(0, max_atoms)))


class HypothesisChoices:
    def __init__(self, draw: Callable[[Any], Any]) -> None:
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        from hypothesis import strategies as st

        return int(self.draw(st.integers(low, high)))

    def boolean(self, p_true: float = 0.5) -> bool:
        from hypothesis import strategies as st

        # a weighted coin that still shrinks towards False
        return bool(self.draw(st.integers(0, 99)) < int(p_true * 100))

    def text(self, atoms: Sequence[str], max_atoms: int) -> str:
        from hypothesis import strategies as st

        return "".join(self.draw(st.lists(st.sampled_from(atoms), max_size=max_atoms)))


class FuzzChoices:
    """Choices read from an atheris FuzzedDataProvider; an exhausted provider yields zeros."""

    def __init__(self, provider: Any) -> None:
        self.provider = provider

    def integer(self, low: int, high: int) -> int:
        return int(self.provider.ConsumeIntInRange(low, high))

    def boolean(self, p_true: float = 0.5) -> bool:
        return int(self.provider.ConsumeIntInRange(0, 99)) < int(p_true * 100)

    def text(self, atoms: Sequence[str], max_atoms: int) -> str:
        if self.provider.ConsumeBool():
            return str(self.provider.ConsumeUnicodeNoSurrogates(self.integer(0, 40)))
        return "".join(choice(self, atoms) for _ in range(self.integer(0, max_atoms)))


# --- the tree -------------------------------------------------------------------------------------


@dataclass
class Tree:
    """A docs root: `files` maps relative paths to bytes; `page` is the page under test."""

    page: str = PAGE
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def page_bytes(self) -> bytes:
        return self.files[self.page]


@dataclass
class Composer:
    c: Choices
    depth: int = 0
    includes: dict[str, str] = field(default_factory=dict)

    # -- top level --

    def page_lines(self) -> list[str]:
        c = self.c
        blocks: list[list[str]] = []
        if c.boolean(0.95):
            blocks.append(self.h1())
        if c.boolean(0.5):
            blocks.append(self.note())
        if c.boolean(0.9):
            blocks.append(self.scope_quote())
        if c.boolean(0.8):
            blocks.append(self.paragraph(code=True))
        if c.boolean(0.2):
            blocks.append(self.if_block())
        if c.boolean(0.6):
            blocks.append(
                [f"## {choice(c, ('Что получает обработчик', 'What the Handler Receives'))}"]
            )
            blocks.append(self.post_line())
            blocks.append(self.payload_fence())
        for _ in range(c.integer(0, 7)):
            blocks.append(self.any_block())
        if c.boolean(0.7):
            blocks.append([f"## {choice(c, ('Примеры кода', 'Code Examples'))}"])
            blocks.append(self.tabs(indent=0))
        if c.boolean(0.6):
            blocks.append(self.related())
        lines: list[str] = []
        for block in blocks:
            if lines and c.boolean(0.9):
                lines.extend([""] * (1 if c.boolean(0.9) else 2))
            lines.extend(block)
        return lines

    def any_block(self) -> list[str]:
        makers: list[Callable[[], list[str]]] = [
            self.h2,
            self.h3,
            self.paragraph,
            self.payload_fence,
            self.table,
            self.include,
            self.tabs_top,
            self.tabs_in_numbered_list,
            self.note,
            self.if_block,
            self.junk,
            self.content_tabs,
            self.cut,
            self.post_line,
        ]
        if self.depth > 2:
            makers = [self.paragraph, self.junk, self.payload_fence, self.include]
        return choice(self.c, makers)()

    # -- constructs --

    def h1(self) -> list[str]:
        c = self.c
        title = choice(
            c, ("Событие при добавлении виджета", "Cобытие при", "Event on widget add", "При")
        )
        code = choice(c, EVENT_CODES)
        return [f"# {title} {code}".rstrip() + (" {#top}" if c.boolean(0.05) else "")]

    def scope_quote(self) -> list[str]:
        c = self.c
        scope = choice(
            c,
            (
                "[`crm`](../../scopes/permissions.md)",
                "[`базовый`](x.md)",
                "[`placement`](a.md) — регистрация, [`telephony`](a.md) — доступ",
                "`bare`",
            ),
        )
        rights = choice(c, ("любой пользователь", "`любой пользователь`", "any user", ""))
        lines = [f"> Scope: {scope}", ">", f"> Кто может подписаться: {rights}"]
        if c.boolean(0.1):
            lines = [f"**Scope**: {scope} | **Who can subscribe**: {rights}"]
        if c.boolean(0.1):
            lines = lines[1:]
        return lines

    def paragraph(self, code: bool = False) -> list[str]:
        c = self.c
        words = [
            "Событие",
            "`onDemoWidgetAdd`" if code or c.boolean(0.3) else "widget",
            "срабатывает",
            "[ниже](#fields)" if c.boolean(0.2) else "при",
            c.text(JUNK_ATOMS, 3),
        ]
        lines = [" ".join(words)]
        for _ in range(c.integer(0, 2)):
            lines.append(self.words())
        return lines

    def post_line(self) -> list[str]:
        return [
            choice(
                self.c,
                (
                    "Данные передаются в виде POST-запроса {.b24-info}",
                    "Data is passed to the callback {.b24-info}",
                    "POST {.b24-info}",
                ),
            )
        ]

    def words(self) -> str:
        c = self.c
        base = choice(
            c, ("текст абзаца", "some words", "строка с NBSP" + NBSP + "внутри", "  отступ")
        )
        return base + c.text(JUNK_ATOMS, 4) + (" " if c.boolean(0.1) else "")

    def h2(self) -> list[str]:
        c = self.c
        anchor = f" {{#{choice(c, ('fields', 'auth', 'x-y'))}}}" if c.boolean(0.2) else ""
        return [f"## {choice(c, H2_TITLES)}{anchor}"]

    def h3(self) -> list[str]:
        c = self.c
        name = choice(
            c,
            (
                "Параметр FIELDS {#fields}",
                "Параметр data[]",
                "Элемент /{BOT_ID/} {#bot-item}",
                "Parameter auth {#auth}",
            ),
        )
        return [f"{'#' * c.integer(3, 6)} {name}"]

    def note(self) -> list[str]:
        c = self.c
        kind = choice(c, NOTE_TYPES)
        title = choice(c, ("", ' ""', ' " "', ' "Заголовок"', ' "DEPRECATED"'))
        body = self.nested_blocks()
        closer = ["{% endnote %}"] if c.boolean(0.99) else []
        return [f"{{% note {kind}{title} %}}", "", *body, "", *closer]

    def if_block(self) -> list[str]:
        c = self.c
        cond = choice(c, ("build == 'dev'", "audience == 'internal'", ""))
        lines = [f"{{% if {cond} %}}".replace("if  ", "if "), "", *self.nested_blocks()]
        if c.boolean(0.3):
            lines += ["", "{% else %}", "", *self.nested_blocks()]
        if c.boolean(0.99):
            lines += ["", "{% endif %}"]
        return lines

    def cut(self) -> list[str]:
        return ['{% cut "Подробнее" %}', "", *self.nested_blocks(), "", "{% endcut %}"]

    def nested_blocks(self) -> list[str]:
        self.depth += 1
        try:
            lines: list[str] = []
            for _ in range(self.c.integer(1, 2)):
                lines += [*self.any_block(), ""]
            return lines
        finally:
            self.depth -= 1

    def include(self) -> list[str]:
        c = self.c
        name = choice(
            c, ("required.md", "examples.md", "nested.md", "scope.md", "missing.md", "cycle-a.md")
        )
        if name != "missing.md":
            self.includes[name] = self.include_body(name)
        depth = PAGE.count("/")
        prefix = "../" * (depth if c.boolean(0.9) else depth - 1)
        if c.boolean(0.05):
            prefix = "../" * (depth + 1)  # outside the root
        notitle = "notitle " if c.boolean(0.3) else ""
        text = choice(c, ("Сноска", "Note on examples", "Таблица с ключами"))
        return [f"{{% include {notitle}[{text}]({prefix}_includes/{name}) %}}"]

    def include_body(self, name: str) -> str:
        if name == "nested.md":
            self.includes.setdefault("required.md", self.include_body("required.md"))
            return "{% include [x](required.md) %}\n\n#|\n|| **a**\n[`string`](t.md) | b ||\n|#\n"
        if name == "cycle-a.md":
            self.includes["cycle-b.md"] = "{% include [b](cycle-a.md) %}\n"
            return "{% include [a](cycle-b.md) %}\n"
        if name == "scope.md":
            return "> Scope: [`telephony`](a.md)\n>\n> Кто может подписаться: любой пользователь\n"
        return "Обязательные параметры отмечены * {.b24-info}\n"

    def payload_fence(self) -> list[str]:
        c = self.c
        lang = choice(c, ("json", "", "js", "php", "JSON", "text"))
        data = {
            "event": choice(c, EVENT_CODES[:4]),
            "data": {"FIELDS": {"ID": c.integer(0, 9)}},
            "ts": "1700000000",
            "auth": {"domain": "example.com"},
        }
        body = json.dumps(data, indent=4, ensure_ascii=False).split("\n")
        shape = c.integer(0, 9)
        if shape == 1:
            body = ["callback({", '    "PHONE": "+70000000000",', '    "ID": 1', "});"]
        elif shape == 2:
            body = [
                "array(",
                "    'event' => 'ONDEMOWIDGETADD',",
                "    'auth' => array('domain' => 'x'),",
                ")",
            ]
        elif shape == 3:
            body = body[:-1]  # broken JSON
        elif shape == 4:
            body = [c.text(CODE_ATOMS, 6) for _ in range(c.integer(0, 3))]
        marker = choice(c, ("```", "````", "~~~"))
        closer = [marker] if c.boolean(0.99) else []
        return [f"{marker}{lang}", *body, *closer]

    def table(self) -> list[str]:
        c = self.c
        header = choice(
            c,
            (
                ["|| **Параметр**", "`тип` | **Описание** ||"],
                ["|| **Поле** | **Описание** ||"],
                ["|| **parameter**", "`type` | **Description** | **Ревизия** ||"],
            ),
        )
        lines = ["#|", *header]
        for _ in range(c.integer(0, 4)):
            lines += self.table_row()
        if c.boolean(0.99):
            lines.append("|#")
        if c.boolean(0.2):
            lines.append(self.include()[0])  # `|#` directly followed by an include
        return lines

    def table_row(self) -> list[str]:
        c = self.c
        name = choice(
            c, ("event", "data", "data.FIELDS", "FIELDS.ID", "auth", "ts", "weird name", "a-b")
        )
        star = "*" if c.boolean(0.4) else ""
        typ = choice(
            c,
            (
                "[`string`](../../data-types.md)",
                "[`undefined`\\|`object`](t.md)",
                "`unknown`",
                "[`object`][1]",
                "",
            ),
        )
        description = self.words()
        row = [f"|| **{name}**{star}", *([typ] if typ else []), f"| {description}"]
        if c.boolean(0.3):
            row += ["", "- пункт списка", "- ещё пункт"]
        if c.boolean(0.25):
            fence = ["```json", '{"a": 1}']
            row += ["", *fence, "``` ||" if c.boolean(0.5) else "```"]
            if row[-1] == "```":
                row.append("||")
            return row
        row[-1] += " ||"
        return row

    def tabs_top(self) -> list[str]:
        return self.tabs(indent=0)

    def tabs_in_numbered_list(self) -> list[str]:
        c = self.c
        indent = choice(c, (3, 4))
        return ["1. Шаг первый", "", *self.tabs(indent=indent), "", "2. Шаг второй"]

    def tabs(self, indent: int) -> list[str]:
        c = self.c
        pad = " " * indent
        lines = [f"{pad}{{% list tabs %}}", ""]
        if c.boolean(0.05):
            lines = ["<!-- b24-docgen: skip -->", "", *lines]
        for _ in range(c.integer(0, 4)):
            lines += [*self.tab(indent), ""]
        if c.boolean(0.99):
            lines.append(f"{pad}{{% endlist %}}")
        return lines

    def tab(self, indent: int) -> list[str]:
        c = self.c
        label, lang = choice(c, LANG_LABELS)
        pad = " " * indent
        lines = [f"{pad}- {label}", ""]
        if c.boolean(0.15):
            lines.append("")  # two blank lines between label and fence
        if c.boolean(0.05):
            lines += [f"{pad}    <!-- b24-docgen: skip -->", ""]
        if c.boolean(0.1):
            lines += [f"{pad}    Пример вызова:", ""]
        fences = 0 if c.boolean(0.08) else (1 if c.boolean(0.85) else 2)
        for _ in range(fences):
            lines += [*self.code_fence(indent, lang), ""]
        return lines[:-1] if lines[-1] == "" else lines

    def code_fence(self, indent: int, lang: str) -> list[str]:
        c = self.c
        fence_indent = indent + (4 if c.boolean(0.8) else choice(c, (1, 2, 3, 5, 7)))
        pad = " " * fence_indent
        marker = "```" if c.boolean(0.9) else "````"
        body = []
        for _ in range(c.integer(0, 5)):
            if c.boolean(0.15):
                body.append("")
            elif c.boolean(0.2):
                body.append(pad + "\t" + c.text(CODE_ATOMS, 4))  # TAB-indented code (Go)
            else:
                body.append(pad + " " * c.integer(0, 4) + c.text(CODE_ATOMS, 5))
        closer = [pad + marker] if c.boolean(0.995) else []
        return [f"{pad}{marker}{lang}", *body, *closer]

    def content_tabs(self) -> list[str]:
        c = self.c
        lines = ["{% list tabs %}", ""]
        for label in CONTENT_LABELS[: c.integer(1, 3)]:
            lines += [f"- {label}", "", *["    " + x for x in self.payload_fence()], ""]
        return [*lines, "{% endlist %}"]

    def related(self) -> list[str]:
        c = self.c
        items = [
            "- [{#T}](../../events/index.md)",
            "- [{#T}](./on-demo-widget-update.md)",
            "- [Текст](x.md)",
        ]
        return [
            f"## {choice(c, ('Продолжите изучение', 'Continue Learning'))}",
            "",
            *items[: c.integer(1, 3)],
        ]

    def junk(self) -> list[str]:
        c = self.c
        atoms = (*JUNK_ATOMS, "```", "~~~") if c.boolean(0.1) else JUNK_ATOMS
        return [c.text(atoms, 8) for _ in range(c.integer(1, 3))]


def hygiene(c: Choices, lines: list[str]) -> bytes:
    """Join lines with the chosen line endings; maybe a BOM, trailing spaces, no final newline."""
    style = choice(c, ("\n", "\n", "\r\n", "\r", "mixed"))
    if c.boolean(0.1):
        lines = [
            line + " " * c.integer(1, 2) if line and c.boolean(0.2) else line for line in lines
        ]
    parts: list[str] = []
    for line in lines:
        parts.append(line)
        parts.append(choice(c, ("\n", "\r\n", "\r")) if style == "mixed" else style)
    if parts and c.boolean(0.3):
        parts.pop()  # no final newline
    text = "".join(parts)
    if c.boolean(0.1):
        text = "\ufeff" + text
    return text.encode("utf-8")


def compose(c: Choices, page: str = PAGE) -> Tree:
    composer = Composer(c)
    lines = composer.page_lines()
    tree = Tree(page)
    tree.files[page] = hygiene(c, lines)
    for name, body in composer.includes.items():
        tree.files[f"_includes/{name}"] = body.encode("utf-8")
    return tree


def random_tree(seed: int) -> Tree:
    return compose(RandomChoices(random.Random(seed)))


def fuzzed_tree(provider: Any) -> Tree:
    return compose(FuzzChoices(provider))


def tree_from_input(data: bytes) -> Tree:
    """A fuzz input as a docs tree: 0x00 first drives the composer, anything else is the page."""
    if data[:1] == b"\x00":
        import atheris

        return fuzzed_tree(atheris.FuzzedDataProvider(data[1:]))
    return Tree(PAGE, {PAGE: data, "_includes/required.md": b"Required {.b24-info}\n"})


def tree_strategy() -> Any:
    from hypothesis import strategies as st

    @st.composite
    def trees(draw: Callable[[Any], Any]) -> Tree:
        return compose(HypothesisChoices(draw))

    return trees()


# --- helpers shared by the properties -------------------------------------------------------------


def write_tree(root: Any, tree: Tree) -> None:
    """Write the tree under `root` (a pathlib.Path), replacing what a previous example left."""
    import shutil

    for child in list(root.iterdir()) if root.exists() else []:
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    for rel, data in tree.files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def cut_lines(raw: bytes, spans: Sequence[tuple[int, int]]) -> list[bytes]:
    """The page's lines (with their endings, CRLF/CR/LF as markdown-it counts them), minus the
    1-based inclusive spans."""
    from generator.source import split_lines_keepends

    text = raw.decode("utf-8")
    lines = split_lines_keepends(text)
    dropped = {n for start, end in spans for n in range(start, end + 1)}
    kept = [line for number, line in enumerate(lines, 1) if number not in dropped]
    return [line.encode("utf-8") for line in kept]


def block_spans(spec: Any) -> list[tuple[int, int]]:
    return (
        [(block.span.start, block.span.end) for block in spec.examples] if spec is not None else []
    )
