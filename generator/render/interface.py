"""JS-interface methods: pages that document a widget function (`BX24.placement.call`) rather than
a REST method. Their tabs call the function inside the widget (no REST URL, no webhook, no REST
action of an SDK), rendered by their own templates, `examples/method/interface/<target>.<ext>.j2`.

The spec says which kind a page is by its `method`: a JS-interface method is named as BX24.js names
it (`BX24.placement.bindEvent`), its `params` are the function's arguments in order, and each tab's
call model holds the data arguments it passes (`style: interface`, generator/calls/js_interface.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from generator.paths import builtin_templates
from generator.spec.method import Param
from generator.spec.parts import Json
from generator.targets import EXAMPLES_DIR, TEMPLATE_SUFFIX, extension_of

PREFIX = "BX24."
TEMPLATE_DIR = f"{EXAMPLES_DIR}/method/interface"
CALLABLE_TYPES = frozenset({"callable", "function"})


def is_interface_method(method: str) -> bool:
    """A widget function of BX24.js (case as the docs may write it: `bx24.placement.call`)."""
    return method.lower().startswith(PREFIX.lower())


@cache  # asked for every tab of every JS-interface page; the template folders do not change
def interface_template_name(target: str, user_dirs: tuple[Path, ...]) -> str | None:
    """The JS-interface template of `target` (user folders first); None: the target has none (a
    REST target: the function cannot be called over REST)."""
    name = f"{TEMPLATE_DIR}/{target}.{extension_of(target, user_dirs)}{TEMPLATE_SUFFIX}"
    for root in (*user_dirs, builtin_templates()):
        if (root / name).is_file():
            return name
    return None


def interface_context(method: str, params: Json, documented: Sequence[Param]) -> dict[str, object]:
    """The template context's `interface` (templates/CONTEXT.md): the function as b24jssdk names
    it on `$b24` (`placement.call`), the data arguments the block passes (`args`), the arguments
    BX24.js passes before its callback (`bx24_args`: one the block leaves out is `{}`, BX24.js
    wants it there), and whether the function takes a callback (the table documents a callable)."""
    args = list(params) if isinstance(params, list) else []
    top = [p for p in documented if "." not in p.path]
    callback = next(
        (i for i, p in enumerate(top) if (p.type or "").lower() in CALLABLE_TYPES), None
    )
    padding: list[Json] = [{} for _ in range(len(args), callback or 0)]
    return {
        "function": method[len(PREFIX) :],
        "args": args,
        "bx24_args": args + padding,
        "callback": callback is not None,
    }
