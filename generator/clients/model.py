"""Method specs → the client model the typed-client templates see (templates/stubs/CONTEXT.md).

The input is read through small protocols (generator/clients/inputs.py), so any object with the
MethodSpec attributes works. One `MethodModel` per method name, grouped into one `ScopeModel`
per scope (a Python module, a PHP class); every shape name is unique across the whole output.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.clients.inputs import MethodLike, ParamLike, ResponseLike
from generator.clients.results import ResultBuilder, payload_of
from generator.clients.types import (
    DICT,
    SCALAR_KINDS,
    CType,
    Member,
    Shape,
    docs_type,
    is_list_type,
    list_of,
    shape_of,
    walk_shapes,
)
from generator.render.casing import camel, pascal, words
from generator.render.interface import is_interface_method
from generator.render.stubs.names import NameRegistry

if TYPE_CHECKING:  # mypy proves the real spec satisfies the protocol the model reads
    from generator.spec.method import MethodSpec

    _CONFORMS: type[MethodLike] = MethodSpec


@dataclass(frozen=True, slots=True)
class MethodModel:
    """One method as the client templates see it."""

    method: str  # the wire name: crm.deal.add
    function: str  # Python callable: crm_deal_add
    camel: str  # PHP method: crmDealAdd
    base: str  # PascalCase prefix of every type of the method: CrmDealAdd
    scope: str
    docs: str
    description: str
    version: int  # 2: /rest/, 3: /rest/api/
    webhook: bool  # may be called through an inbound webhook
    app_only: bool
    params: tuple[Member, ...]  # top-level params; `name` is the keyword argument
    params_shape: Shape  # all top-level params as one shape (TypeScript, PHP)
    result: CType
    result_name: str  # the result's shape, or the alias naming its type (TypeScript, PHP)
    shapes: tuple[Shape, ...]  # nested shapes of params and result, nested first

    @property
    def name(self) -> str:
        return self.method

    @property
    def required_params(self) -> tuple[Member, ...]:
        return tuple(member for member in self.params if member.required)


@dataclass(frozen=True, slots=True)
class ScopeModel:
    scope: str  # the docs' scope name ('' when the page names none)
    module: str  # Python module under b24_methods/
    cls: str  # PHP class under B24Methods\
    methods: tuple[MethodModel, ...]


NO_SCOPE = "common"
# names the generated modules import or define next to the shapes
_TAKEN_TYPE_NAMES = (
    "TypedDict",
    "Required",
    "NotRequired",
    "AjaxResult",
    "TypeB24",
    "TypeCallParams",
    "B24Methods",
    "B24Method",
    "MethodParams",
    "MethodResult",
    "SdkClient",
    "MethodInfo",
)
# the callable's own names, and the builtins its annotations and casts spell
_RESERVED_ARGS = frozenset({"client", "rt", "cast", "list", "dict", "str", "int", "float", "bool"})


def select_methods(specs: Iterable[MethodLike]) -> list[MethodLike]:
    """One spec per REST method name, sorted: a REST 2 page before a REST 3 page of the same name
    (as b24pysdk and b24jssdk call it by default), then the page with the most params. Pages of
    the browser library (`BX24.placement.call`) document no REST method and are left out."""
    chosen: dict[str, MethodLike] = {}
    for spec in sorted(specs, key=_preference):
        if spec.method and not is_interface_method(spec.method):
            chosen.setdefault(spec.method, spec)
    return [chosen[name] for name in sorted(chosen)]


def _preference(spec: MethodLike) -> tuple[str, int, int, str]:
    return (spec.method or "", rest_version(spec.rest_version), -len(spec.params), docs_path(spec))


def build_scopes(specs: Iterable[MethodLike]) -> list[ScopeModel]:
    """Every selected method, grouped by its first scope; scopes and methods sorted by name."""
    shapes, functions = NameRegistry(), NameRegistry(frozenset())
    for taken in _TAKEN_TYPE_NAMES:
        shapes.claim(taken)
    grouped: dict[str, list[MethodModel]] = {}
    for spec in select_methods(specs):
        model = build_method(spec, shapes, functions)
        grouped.setdefault(model.scope, []).append(model)
    modules, classes = NameRegistry(frozenset({"_runtime", "registry", "call"})), NameRegistry()
    classes.claim("Methods")
    return [
        ScopeModel(
            scope=scope,
            module=modules.claim(module_name(scope or NO_SCOPE)),
            cls=classes.claim(pascal(words(scope or NO_SCOPE))),
            methods=tuple(grouped[scope]),
        )
        for scope in sorted(grouped)
    ]


def build_method(spec: MethodLike, shapes: NameRegistry, functions: NameRegistry) -> MethodModel:
    method = spec.method or ""
    base = shapes.claim(pascal(words(method)) or "Method")
    params_name = shapes.claim(base + "Params")  # before any nested shape can take it
    params, open_params = param_members(spec.params, base, shapes, top=True)
    params_shape = Shape(params_name, params, open_params, f"Parameters of {method}.")
    result = _result(spec.response, base, shapes)
    result_name = result.shape.name if result.shape else shapes.claim(base + "Result")
    nested = [s for m in params for s in walk_shapes(m.type)] + walk_shapes(result)
    app_only, webhook = auth_rules(spec.auth)
    function = functions.claim(python_name(method.replace(".", "_"), set()))
    return MethodModel(
        method=method,
        function=function,
        camel=camel(function.split("_")),
        base=base,
        scope=scope_names(spec)[0] if scope_names(spec) else "",
        docs=docs_path(spec),
        description=spec.description,
        version=rest_version(spec.rest_version),
        webhook=webhook,
        app_only=app_only,
        params=params,
        params_shape=params_shape,
        result=result,
        result_name=result_name,
        shapes=tuple(nested),
    )


def param_members(
    params: Sequence[ParamLike], prefix: str, shapes: NameRegistry, *, top: bool = False
) -> tuple[tuple[Member, ...], bool]:
    """Members for the rows of one table (docs order, first row of a key wins) and whether a
    wildcard row opens the shape to a family of keys."""
    members: list[Member] = []
    taken: set[str] = set()
    rows: dict[str, list[ParamLike]] = {}
    for param in params:
        if not param.wildcard and param.name.strip():
            rows.setdefault(param.name.strip(), []).append(param)
    for key, same in rows.items():
        ctype, nullable = param_type(same[0], prefix + pascal(words(key)), shapes)
        name = python_name(key, taken) if top else key
        required = any(row.required for row in same)  # a key documented twice: either row
        members.append(Member(key, name, ctype, required, nullable, same[0].description))
    return tuple(members), any(param.wildcard for param in params)


def param_type(param: ParamLike, name: str, shapes: NameRegistry) -> tuple[CType, bool]:
    """A row's type: a shape when it has sub-rows, else its docs type."""
    declared, nullable = docs_type(param.type)
    if not param.children or declared.kind in SCALAR_KINDS:
        return declared, nullable  # sub-rows of a scalar list its values, not keys
    members, open_shape = param_members(param.children, name, shapes)
    many = is_list_type(param.type)
    if not members:
        return (list_of(DICT) if many else DICT), nullable
    shape = Shape(shapes.claim(name + ("Item" if many else "")), members, open_shape, "")
    return (list_of(shape_of(shape)) if many else shape_of(shape)), nullable


def _result(response: ResponseLike | None, base: str, shapes: NameRegistry) -> CType:
    fields = list(response.fields) if response is not None else []
    documented = next((f for f in fields if f.name.strip() == "result"), None)
    present, value = payload_of(response.example if response is not None else None)
    builder = ResultBuilder(shapes, lambda rows, name: param_members(rows, name, shapes))
    return builder.build(base + "Result", [value] if present else [], documented)


# --- names and facts -----------------------------------------------------------------------------


_CAMEL_STEP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def python_name(key: str, taken: set[str]) -> str:
    """A snake_case identifier for a wire name, unique within `taken` (which it updates)."""
    pieces = re.split(r"[^A-Za-z0-9]+", key)
    name = "_".join(_CAMEL_STEP.sub("_", piece).lower() for piece in pieces if piece) or "param"
    if name[0].isdigit():
        name = "p_" + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in _RESERVED_ARGS:
        name += "_"
    while name in taken:
        name += "_"
    taken.add(name)
    return name


def module_name(scope: str) -> str:
    """`sign.b2e` → `sign_b2e`: the scope's own spelling, made an identifier."""
    name = re.sub(r"\W+", "_", scope, flags=re.ASCII).strip("_").lower() or NO_SCOPE
    if name[0].isdigit() or keyword.iskeyword(name):
        name = "scope_" + name
    return name


def scope_names(spec: MethodLike) -> list[str]:
    names = [
        item if isinstance(item, str) else str(getattr(item, "name", "")) for item in spec.scopes
    ]
    return [name.strip() for name in names if name.strip()]


def docs_path(spec: object) -> str:
    source = getattr(spec, "source", None)
    return str(getattr(source, "path", "") or "")


def auth_rules(auth: object) -> tuple[bool, bool]:
    """(app context only, callable through a webhook) from the spec's auth facts."""

    def flag(name: str) -> object:
        return auth.get(name) if isinstance(auth, dict) else getattr(auth, name, None)

    app_only = flag("app_only") is True
    return app_only, not app_only and flag("webhook") is not False


def rest_version(raw: object) -> int:
    """3 for REST 3.0 methods (`/rest/api/`), else 2."""
    text = str(raw or "").lower()
    return 3 if text in ("3", "v3", "3.0", "api") or "/rest/api" in text else 2
