"""What a tab passes against what the parameter tables document: unknown keys, keys in another
case, a missing or extra wrapper object, values of another type, required keys left out.

The walk is conservative, since a docs team turns off a check that cries wolf: it descends only
into params whose children the page documents, accepts any key under a wildcard row (`UF_...`)
and any Bitrix user field (`UF_*`, `PROPERTY_*`), and never judges a value the code computes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from generator.calls.model import EXPR
from generator.spec.method import Param, TabCall
from generator.spec.parts import Json

# keys every method accepts whatever its table says (user fields, properties), and the OAuth token
OPEN_KEY = re.compile(r"^(?:UF_|PROPERTY_)", re.I)
SKIPPED_KEYS = frozenset({"auth"})
TOP_LEVEL_KEYS = frozenset({"start"})  # paging: every list method takes it, few tables list it
NUMBERED = re.compile(r"^(?P<stem>[A-Za-z][\w]*?)_?N$")  # `propertyN`: property1, property2, ...
IDENTIFIER = re.compile(r"^[A-Za-z_$@][\w.\-\[\]|$@]*$")
FILTER_PREFIX = re.compile(r"^[!<>=%@*+\-]+")
WILDCARD_STEM = re.compile(r"(?:\.\.\.|…|\*|<[^>]*>|\{[^}]*\}|#\w+#|xxx)", re.I)


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem of one tab: `subject` names what it is about, for grouping across tabs."""

    kind: str
    subject: str
    message: str


def flat(name: str) -> str:
    """`ENTITY_TYPE_ID`, `entityTypeId` and `entity_type_id` are one name to this lint."""
    return name.replace("_", "").casefold()


def python_names(keyword: str) -> set[str]:
    """The wire names a b24pysdk keyword may stand for: `bitrix_id` → `id` (sdkdiff's rule)."""
    return {flat(keyword), flat(keyword.removeprefix("bitrix_"))}


def is_expr(value: Json) -> bool:
    return isinstance(value, dict) and EXPR in value


def is_opaque_key(key: str, value: Json) -> bool:
    """A spread `...rest` or a computed key: the code builds it, the lint cannot name it."""
    return key.startswith("...") or (is_expr(value) and not re.fullmatch(r"[\w.\-]+", key))


def _numbered_matches(param: Param, key: str) -> bool:
    numbered = NUMBERED.match(param.name)
    return (
        numbered is not None
        and re.fullmatch(rf"{re.escape(numbered['stem'])}_?\d+", key, re.I) is not None
    )


def documents_keys(param: Param) -> bool:
    """Children that name keys; a sub-table of values or cases (`Сделка`, `Лид`) does not."""
    return bool(param.children) and all(IDENTIFIER.match(c.name) for c in param.children)


def _wildcard_matches(param: Param, key: str) -> bool:
    stem = WILDCARD_STEM.split(param.name)[0]
    return not stem or key.casefold().startswith(stem.casefold())


@dataclass(frozen=True, slots=True)
class Level:
    """The documented keys of one object level."""

    params: list[Param]
    python: bool  # top level of a Python tab: keywords in snake_case

    def exact(self, key: str) -> Param | None:
        head = key.split("|", 1)[0]  # `TASKS_TASK|UF_CRM_TASK`: entity, then field
        for param in self.params:
            if (param.name == key or param.name == head) and not param.wildcard:
                return param
        return None

    def loose(self, key: str) -> Param | None:
        """Same name in another case (or, for Python keywords, another spelling)."""
        names = python_names(key) if self.python else {key.casefold()}
        for param in self.params:
            if param.wildcard:
                continue
            own = flat(param.name) if self.python else param.name.casefold()
            if own in names:
                return param
        return None

    def open_to(self, key: str) -> bool:
        return (
            OPEN_KEY.match(key) is not None
            or any(_wildcard_matches(p, key) for p in self.params if p.wildcard)
            or any(_numbered_matches(p, key) for p in self.params)
        )

    def nearest(self, key: str) -> str | None:
        names = {p.name.casefold(): p.name for p in self.params if not p.wildcard}
        close = difflib.get_close_matches(key.casefold(), list(names), n=1, cutoff=0.75)
        return names[close[0]] if close else None


def param_issues(call: TabCall, params: list[Param], subset: bool = False) -> list[Issue]:
    """Everything wrong with one readable call's params literal, top level first. `subset`: the
    page says its sub-tables list some fields and links the full list, so nested keys pass."""
    data = call.params
    if not params or not isinstance(data, dict) or is_expr(data):
        return []
    level = Level(params, python=call.sdk == "b24pysdk")
    top = {k: v for k, v in data.items() if k not in TOP_LEVEL_KEYS or level.exact(k)}
    issues = _walk(top, level, "", 0)
    return [i for i in issues if not (subset and i.kind == "param-unknown" and "." in i.subject)]


def _walk(data: dict[str, Json], level: Level, prefix: str, depth: int) -> Iterator[Issue]:
    unknown: list[Issue] = []
    parent = prefix.rstrip(".").rsplit(".", 1)[-1].casefold()
    for key, value in data.items():
        if key in SKIPPED_KEYS or is_opaque_key(key, value) or key.casefold() == parent:
            continue  # `data.data`: the tree keeps no child named as its parent
        where = f"{prefix}{key}"
        param = level.exact(key)
        if param is None and (param := level.loose(key)) is not None and not level.python:
            yield _case_issue(where, key, param)
        if param is None:
            for issue in _unplaced(key, value, level, prefix):
                (unknown if issue.kind == "param-unknown" else []).append(issue)
                yield from ([] if issue.kind == "param-unknown" else [issue])
            continue
        yield from _typed(where, param, value)
        yield from _descend(param, value, f"{where}.", depth)
    if unknown:
        yield _merged(unknown, prefix)


def _merged(unknown: list[Issue], prefix: str) -> Issue:
    """The unknown keys of one object level: one issue (one finding per block), not one each."""
    if len(unknown) == 1:
        return unknown[0]
    keys = ", ".join(f"`{i.subject}`" for i in unknown)
    return Issue(
        "param-unknown",
        f"{prefix}*",
        f"passes {keys}; the parameter table has none of these keys; "
        "fix: remove them or document them in the table",
    )


def _descend(param: Param, value: Json, prefix: str, depth: int) -> Iterator[Issue]:
    if not documents_keys(param) or depth >= 6 or is_expr(value):
        return
    level = Level(param.children, python=False)
    if isinstance(value, dict):
        items = list(value.values()) if value and all(k.isdigit() for k in value) else [value]
    elif isinstance(value, list):
        items = value
    else:
        return
    for item in items:
        if isinstance(item, dict) and not is_expr(item):
            issues = _walk(_without_operators(item, param), level, prefix, depth + 1)
            yield from (i for i in issues if i.kind != "param-type" or not _is_filter(param))


def _is_filter(param: Param) -> bool:
    return param.name.casefold() in ("filter", "where")


def _without_operators(item: dict[str, Json], param: Param) -> dict[str, Json]:
    """`filter` keys carry operators (`>=DATE_CREATE`): the documented name is what follows.
    Their values may be lists (`IN`), whatever the field's type: no type judgement there."""
    if not _is_filter(param):
        return item
    return {FILTER_PREFIX.sub("", key): value for key, value in item.items()}


def _case_issue(where: str, key: str, param: Param) -> Issue:
    fixed = where[: len(where) - len(key)] + param.name
    return Issue(
        "param-case",
        where,
        f"passes `{where}`; the parameter table spells it `{param.name}`; fix: write `{fixed}`",
    )


def _unplaced(key: str, value: Json, level: Level, prefix: str) -> Iterator[Issue]:
    """A key this level does not document: allowed, a wrapper problem, or unknown."""
    if level.open_to(key):
        return
    where = f"{prefix}{key}"
    wrapped = _extra_wrapper(value, level)
    if wrapped and prefix:
        return  # a map keyed by codes (`LANG.en`, `CODES.PAYMENT_ID`) of documented structures
    if wrapped:
        inner = ", ".join(f"`{k}`" for k in wrapped[:3])
        yield Issue(
            "param-structure",
            where,
            f"wraps {inner} in an object `{where}`; the parameter table has "
            f"{'them' if len(wrapped) > 1 else 'it'} at this level and no `{key}`; "
            f"fix: drop the `{key}` wrapper, or document it in the table",
        )
        return
    owner = _missing_wrapper(key, level)
    if owner is not None:
        yield Issue(
            "param-structure",
            where,
            f"passes `{where}` at this level; the parameter table documents `{key}` inside "
            f"`{prefix}{owner.name}`; fix: move it into `{prefix}{owner.name}`",
        )
        return
    nearest = level.nearest(key)
    hint = f" (nearest: `{nearest}`)" if nearest else ""
    fix = f"rename it to `{nearest}`" if nearest else "remove it or document it in the table"
    yield Issue(
        "param-unknown",
        where,
        f"passes `{where}`; the parameter table has no such key{hint}; fix: {fix}",
    )


def _extra_wrapper(value: Json, level: Level) -> list[str]:
    if not isinstance(value, dict) or is_expr(value) or not value:
        return []
    known = [k for k in value if level.exact(k) or level.loose(k)]
    return known if len(known) * 2 > len(value) else []


def _missing_wrapper(key: str, level: Level) -> Param | None:
    for param in level.params:
        if any(c.name.casefold() == key.casefold() for c in param.children if not c.wildcard):
            return param
    return None


def _typed(where: str, param: Param, value: Json) -> Iterator[Issue]:
    wanted = value_kinds(param.type)
    got = kind_of(value)
    if wanted is None or got is None or got in wanted:
        return
    if got in KIND_WORDS and KIND_WORDS[got].search(param.description):
        return  # "Можно передать массив": the description allows what the type column does not
    yield Issue(
        "param-type",
        where,
        f"passes {got_phrase(got)} as `{where}`; the parameter table types it "
        f"`{param.type}`; fix: pass {wanted_phrase(wanted)}, or correct the type in the table",
    )


def kind_of(value: Json) -> str | None:
    """The JSON kind of a literal value; None when empty or computed (no judgement)."""
    if isinstance(value, dict):
        return "object" if value and EXPR not in value else None
    if isinstance(value, list):
        return "array" if value else None
    return None if value is None else "scalar"


CONDITIONAL = re.compile(
    r"только (?:для|если|при)|актуально только|обязател\w* (?:для|если|при|только)|"
    r"only (?:for|if|when)|required (?:for|if|when|only)",
    re.I,
)
KIND_WORDS = {
    "array": re.compile(r"массив|спис|array|list", re.I),
    "object": re.compile(r"объект|object", re.I),
}
SCALAR_TYPES = re.compile(
    r"^(?:string|integer|int|double|float|number|boolean|bool|char|date|datetime|time|text|"
    r"[a-z_]+\.(?:id|code)|user)$",
    re.I,
)


@cache  # a few dozen distinct types, asked for at every value of every tab
def value_kinds(docs_type: str | None) -> frozenset[str] | None:
    """The value kinds a docs type accepts, leniently; None when the lint should not judge.

    Arrays may arrive as PHP associative arrays (objects); an object type accepts nothing else.
    """
    if not docs_type:
        return None
    alternatives = [t.strip() for t in re.split(r"[|,]", docs_type) if t.strip()]
    kinds: set[str] = set()
    for alternative in alternatives:
        if alternative.endswith("[]") or alternative.casefold() in ("array", "object"):
            kinds |= {"array", "object"}  # the docs call a JSON array of objects `object` too
        elif SCALAR_TYPES.match(alternative):
            kinds.add("scalar")
        else:
            return None  # a structured docs type (crm_multifield, lang_map): no judgement
    return frozenset(kinds)


def got_phrase(kind: str) -> str:
    return {"object": "an object", "array": "an array", "scalar": "a single value"}[kind]


def wanted_phrase(kinds: frozenset[str]) -> str:
    if "array" in kinds:
        return "an array or an object"
    return "a single value"


def present_names(call: TabCall) -> set[str] | None:
    """The flat names of the call's top-level keys; None when the literal is not fully known."""
    data = call.params
    if not isinstance(data, dict) or is_expr(data):
        return None
    if any(is_opaque_key(k, v) for k, v in data.items()):
        return None
    names: set[str] = set()
    for key in data:
        if key in SKIPPED_KEYS:
            continue
        names |= python_names(key) if call.sdk == "b24pysdk" else {flat(key)}
    return names


def missing_required(call: TabCall, params: list[Param]) -> list[Param]:
    """Required top-level params a readable single call leaves out."""
    if call.style != "single" or not call.readable:
        return []
    present = present_names(call)
    if present is None:
        return []
    return [
        p
        for p in params
        if p.required
        and not p.wildcard
        and not OPEN_KEY.match(p.name)
        and flat(p.name.split(".")[0]) not in present
        and not _alternative_present(p, params, present)
    ]


def _alternative_present(param: Param, params: list[Param], present: set[str]) -> bool:
    """`IBLOCK_CODE`, required "if `IBLOCK_ID` is not given": a named alternative is passed, or
    a passed key says it stands for this one (`EVENT_HANDLER` fills `EVENT_BOT_DELETE`), or the
    requirement is conditional ("актуально только для услуг типа enum")."""
    if CONDITIONAL.search(param.description):
        return True
    words = {flat(w) for w in re.findall(r"[A-Za-z_][\w]*", param.description)}
    for other in params:
        if other is param or flat(other.name) not in present:
            continue
        if flat(other.name) in words or re.search(
            rf"\b{re.escape(param.name)}\b", other.description
        ):
            return True
    return False
