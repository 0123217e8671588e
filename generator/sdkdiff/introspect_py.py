"""b24pysdk's method wrappers, read offline: the client's scope tree, each wrapper's signature, and
the request each wrapper builds from sample arguments (its wire method name and parameter keys).

b24pysdk builds a lazy request object and sends nothing until `.result`/`.call()` is touched, so
calling a wrapper with sample values is safe offline: the request's `_api_method` and `_params`
are the method name and keys the SDK would send. b24pysdk ships no type information mypy can use
here: the boundary is `Any`, kept inside this module.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.sdkdiff.annotations import describe, kinds_of, sample_value
from generator.sdkdiff.model import SdkMethod, SdkParam, SdkSurface

SDK_NAME = "b24pysdk"
_SKIPPED = frozenset({"timeout"})  # requester option, not a REST parameter
_SCALAR_SAMPLES = (int, float, str)
SPREAD_KEY = "sdkDiffSpread"
_SENT_TYPES = (bool, int, float, str, dict, list, tuple)


def introspect_b24pysdk() -> SdkSurface:
    """Every wrapper of the installed b24pysdk's default (REST v2) client."""
    # b24pysdk ships no py.typed: its objects are Any from here on
    from b24pysdk import BitrixWebhook, Client  # type: ignore[import-untyped]
    from b24pysdk.scopes._base_context import BaseContext  # type: ignore[import-untyped]

    token: Any = BitrixWebhook(domain="sdk-diff.invalid", webhook_token="1/offline")
    found: dict[str, SdkMethod] = {}
    for version in (2, 3):  # the default client, then the REST v3 one for what only v3 has
        for method in introspect_client(Client(token, prefer_version=version), BaseContext):
            found.setdefault(method.method.lower(), method)
    methods = tuple(sorted(found.values(), key=lambda m: (m.method.lower(), m.where)))
    return SdkSurface(SDK_NAME, metadata.version(SDK_NAME), methods)


def introspect_client(client: Any, context_type: type) -> tuple[SdkMethod, ...]:
    """The wrappers below `client`, one per wire method name (first by attribute path), sorted."""
    found: dict[str, SdkMethod] = {}
    for where, wrapper, context in walk_wrappers(client, context_type, "client"):
        method = read_wrapper(where, wrapper, context)
        if method is not None:
            found.setdefault(method.method.lower(), method)
    return tuple(sorted(found.values(), key=lambda m: (m.method.lower(), m.where)))


def walk_wrappers(
    node: Any, context_type: type, where: str, depth: int = 0
) -> Iterator[tuple[str, Any, Any]]:
    """(attribute path, bound wrapper, its context) below `node`, attributes in name order."""
    cls = type(node)
    for name in sorted(dir(cls)):
        if name.startswith("_"):
            continue
        attr = inspect.getattr_static(cls, name)
        if isinstance(attr, functools.cached_property | property):
            child = getattr(node, name)
            if isinstance(child, context_type) and depth < 8:
                if inspect.isfunction(inspect.getattr_static(type(child), "__call__", None)):
                    yield f"{where}.{name}", child, child  # a context that is itself a method
                yield from walk_wrappers(child, context_type, f"{where}.{name}", depth + 1)
        elif inspect.isfunction(attr) and isinstance(node, context_type):
            yield f"{where}.{name}", getattr(node, name), node


def read_wrapper(where: str, wrapper: Any, context: Any) -> SdkMethod | None:
    """The wrapper's method name and keywords; None when it does not build a REST request."""
    signature = _signature(wrapper)
    keywords = [p for p in signature.parameters.values() if _is_rest_keyword(p)]
    extra = next((p for p in signature.parameters.values() if p.kind is p.VAR_KEYWORD), None)
    request, samples = _sample_call(wrapper, keywords, extra is not None)
    if request is None:
        if "Request" not in describe(signature.return_annotation):
            return None
        name = getattr(wrapper, "__name__", None)
        guessed = f"{context}.{snake_to_camel(name)}" if name else str(context)
        params = tuple(_param(p, None) for p in keywords)  # keys unknown: paired by name
        spread = (_spread_param(extra, "*"),) if extra is not None else ()
        return SdkMethod(guessed, where, params + spread, (), False, source_of(wrapper))
    if not hasattr(request, "_api_method"):
        return None
    sent = getattr(request, "_params", None) or {}
    wires, fixed = map_keys(sent, samples)
    params = tuple(
        _param(p, wires.get(p.name), _sent_kind(sent, wires.get(p.name))) for p in keywords
    )
    if extra is not None and SPREAD_KEY in wires:  # **kwargs that land in the request
        params += (_spread_param(extra, wires[SPREAD_KEY].replace(SPREAD_KEY, "*")),)
    wire_name = str(request._api_method)
    return SdkMethod(wire_name, where, params, tuple(sorted(fixed)), True, source_of(wrapper))


def source_of(wrapper: Any) -> tuple[str, int] | None:
    """Where the wrapper is defined, relative to the folder holding its top-level package
    (`b24pysdk/scopes/crm/deal/__init__.py`, line of the `def`); None when unknown."""
    function = inspect.unwrap(getattr(wrapper, "__func__", None) or wrapper.__call__)
    top = sys.modules.get(getattr(function, "__module__", "").split(".")[0])
    package_file = getattr(top, "__file__", None)
    try:
        path = Path(inspect.getsourcefile(function) or "")
        line = inspect.getsourcelines(function)[1]
        base = Path(package_file).parent.parent if package_file else None
        return (path.relative_to(base).as_posix(), line) if base else None
    except (OSError, TypeError, ValueError):
        return None


def _spread_param(parameter: inspect.Parameter, wire: str) -> SdkParam:
    return SdkParam(f"**{parameter.name}", wire, frozenset({"any"}), "**", required=False)


def _signature(wrapper: Any) -> inspect.Signature:
    try:
        return inspect.signature(wrapper, eval_str=True)
    except (NameError, TypeError, SyntaxError):  # a forward reference the module cannot resolve
        return inspect.signature(wrapper)


def _is_rest_keyword(parameter: inspect.Parameter) -> bool:
    variadic = (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)
    return parameter.name not in _SKIPPED and parameter.kind not in variadic


def _try_sample(annotation: Any, index: int, size: int) -> object:
    try:
        return sample_value(annotation, index, size)
    except TypeError:
        return None


def _sample_call(
    wrapper: Any, keywords: list[inspect.Parameter], spread: bool
) -> tuple[Any, dict[str, object]]:
    """The request the wrapper builds from sample values, and the samples. Wrappers that check
    tuple sizes (a document type is 3 strings, a file 2) or forbid two keywords together get
    more tries: other sizes, then the required keywords alone. A wrapper taking **kwargs gets
    one more keyword, `SPREAD_KEY`, to show where such keywords go."""
    required = [p for p in keywords if p.default is inspect.Parameter.empty]
    samples: dict[str, object] = {}
    for chosen in (keywords, required):
        for size in (1, 2, 3):
            samples = {p.name: _try_sample(p.annotation, i, size) for i, p in enumerate(chosen)}
            samples |= {SPREAD_KEY: "spread-sample"} if spread else {}
            try:
                return wrapper(**samples), samples
            except Exception:  # the wrapper's own validation: try the next sample set
                continue
    return None, samples


def _param(parameter: inspect.Parameter, wire: str | None, sent: str | None = None) -> SdkParam:
    return SdkParam(
        name=parameter.name,
        wire=wire,
        kinds=kinds_of(parameter.annotation),
        annotation=describe(parameter.annotation),
        required=parameter.default is inspect.Parameter.empty,
        sent=sent,
    )


def _sent_kind(params: dict[str, Any], wire: str | None) -> str | None:
    """The kind of the value found at the dotted `wire` path of the request params."""
    if wire is None or wire.endswith("*"):
        return None
    value: Any = params
    for key in wire.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return next(iter(kinds_of(type(value)))) if isinstance(value, _SENT_TYPES) else None


def map_keys(
    params: dict[str, Any], samples: dict[str, object]
) -> tuple[dict[str, str], list[str]]:
    """Which keyword produced which (dotted) request key, and the keys no keyword produced."""
    wires: dict[str, str] = {}
    unclaimed: list[str] = []
    sample_ids = {id(value) for value in samples.values() if value is not None}
    for path, value in _request_paths(params, "", sample_ids):
        owner = _owner(value, samples)
        if owner is not None and owner not in wires:
            wires[owner] = path
        elif owner is None:
            unclaimed.append(path)
    for path in list(unclaimed):  # a dict keyword whose keys the wrapper spreads into the request
        owner = next((n for n, v in samples.items() if _spread_key(v, path)), None)
        if owner is not None and owner not in wires:
            wires[owner] = f"{path.rpartition('.')[0]}.*".lstrip(".")
            unclaimed.remove(path)
    for name in samples:  # converted values (bool → "Y") are matched by name
        if name in wires:
            continue
        match = next((p for p in unclaimed if _same_name(p.rsplit(".", 1)[-1], name)), None)
        if match is not None:
            wires[name] = match
            unclaimed.remove(match)
    return wires, unclaimed


def _request_paths(value: Any, prefix: str, sample_ids: set[int]) -> Iterator[tuple[str, Any]]:
    """The leaves of the request params (a sample dict counts as a leaf), dotted paths."""
    if isinstance(value, dict) and (not prefix or id(value) not in sample_ids):
        for key, item in value.items():
            yield from _request_paths(item, f"{prefix}.{key}" if prefix else str(key), sample_ids)
    elif prefix:
        yield prefix, value


def _owner(value: object, samples: dict[str, object]) -> str | None:
    for name, sample in samples.items():
        if sample is None or isinstance(sample, bool):
            continue
        if value is sample or (isinstance(sample, _SCALAR_SAMPLES) and value == sample):
            return name
        if isinstance(value, list | tuple) and isinstance(sample, list) and list(value) == sample:
            return name
    return None


def _spread_key(sample: object, path: str) -> bool:
    return isinstance(sample, dict) and path.rsplit(".", 1)[-1] in sample


def _same_name(key: str, keyword: str) -> bool:
    flat = key.replace("_", "").lower()
    return flat in (keyword.replace("_", "").lower(), keyword.removeprefix("bitrix_"))


def snake_to_camel(name: str) -> str:
    """b24pysdk's own rule for method and key names: `get_fields` → `getFields`."""
    first, *rest = name.split("_")
    return first + "".join(word.capitalize() for word in rest)
