"""Pair the documented methods with an SDK's wrappers and list every disagreement.

Methods pair by wire name, case-insensitively (the REST API ignores the case of method names:
b24pysdk sends `crm.deal.Add`). Keys pair exactly, then by case, then by the Python name a wire
name would have (`owner_id` for `ownerId`, when the offline call could not show the key), then by
spelling. A documented key the SDK reaches through a parent (`fields` sent whole) or a keyword it
spreads into the request is covered, not missing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.clients.types import docs_type
from generator.sdkdiff.model import Difference, DocMethod, DocParam, SdkMethod, SdkParam, SdkSurface

SPELLING_CUTOFF = 0.8
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_DOC_KINDS = {"map": "dict", "shape": "dict"}


@dataclass(frozen=True, slots=True)
class Comparison:
    sdk: str
    version: str
    documented: int
    wrapped: int
    disagree: int
    differences: tuple[Difference, ...]


def compare(docs: Sequence[DocMethod], surface: SdkSurface) -> Comparison:
    wrappers = {m.method.lower(): m for m in surface.methods}
    pages = {m.method.lower(): m for m in docs}
    found: list[Difference] = []
    wrapped = disagree = 0
    for key, doc in pages.items():
        sdk = wrappers.get(key)
        if sdk is None:
            if not doc.deprecated:
                found.append(_at(doc, "SDK-UNWRAPPED", "", f"{surface.sdk} has no wrapper"))
            continue
        wrapped += 1
        if doc.deprecated:
            found.append(_at(doc, "SDK-DEPRECATED", "", f"{surface.sdk} wraps it ({sdk.where})"))
        params = compare_params(doc, sdk, surface.sdk)
        disagree += bool(params)
        found.extend(params)
    for key, sdk in wrappers.items():
        if key not in pages:
            where, line = sdk.source or (f"{surface.sdk}/{sdk.where}", 0)
            message = f"{surface.sdk} wraps it ({sdk.where}); the docs have no page for it"
            found.append(Difference(where, line, sdk.method, "SDK-UNDOCUMENTED", "", message))
    return Comparison(
        surface.sdk, surface.version, len(pages), wrapped, disagree, tuple(sorted(found))
    )


def compare_params(doc: DocMethod, sdk: SdkMethod, sdk_name: str) -> list[Difference]:
    """The key-level disagreements of one method pair."""
    known = [p for p in sdk.params if p.wire is not None and not p.wire.endswith("*")]
    candidates = _candidates(doc, [p.wire or "" for p in known])
    pairs, renamed = _pair(candidates, sdk.params)
    found: list[Difference] = []
    for param, doc_param in pairs.items():
        if param.name in renamed:
            wire = param.wire or param.name
            how = renamed[param.name]
            message = f"{sdk_name} sends `{wire}`; the page documents `{doc_param.path}` ({how})"
            found.append(_at(doc, "SDK-PARAM-RENAMED", doc_param.path, message, doc_param.line))
        found.extend(_pair_differences(doc, doc_param, param, sdk_name))
    paired_docs = {d.path for d in pairs.values()}
    for doc_param in candidates:
        if doc_param.path not in paired_docs and not _covered(doc_param.path, sdk):
            state = "required" if doc_param.required else "optional"
            message = f"`{doc_param.path}` ({state}) is documented; {sdk_name} does not send it"
            found.append(_at(doc, "SDK-PARAM-MISSING", doc_param.path, message, doc_param.line))
    for param in sdk.params:
        if param not in pairs and not _documented_inside(param, doc):
            wire = param.wire or param.name
            message = f"{sdk_name} sends `{wire}` ({param.name}); the page does not document it"
            found.append(_at(doc, "SDK-PARAM-EXTRA", wire, message, doc.params_line))
    return found


def _candidates(doc: DocMethod, wires: Sequence[str]) -> list[DocParam]:
    """Top-level keys, and nested ones where the SDK itself reaches inside their parent."""
    inside = {w.rpartition(".")[0] for w in wires if "." in w}
    return [p for p in doc.params if "." not in p.path or p.path.rpartition(".")[0] in inside]


def _pair(
    candidates: Sequence[DocParam], params: Sequence[SdkParam]
) -> tuple[dict[SdkParam, DocParam], dict[str, str]]:
    """SDK keyword → documented key, and how the keywords not sent under the documented name
    differ from it (case, spelling, depth, another key)."""
    free = {p.path: p for p in candidates}
    pairs: dict[SdkParam, DocParam] = {}
    renamed: dict[str, str] = {}
    for test, how in _TESTS:
        for param in params:
            if param in pairs or (param.wire or "").endswith("*"):
                continue
            match = test(param, list(free))
            if match is not None:
                pairs[param] = free.pop(match)
                if how is not None:
                    renamed[param.name] = how
    return pairs, renamed


def _exact(param: SdkParam, paths: list[str]) -> str | None:
    return param.wire if param.wire in paths else None


def _same_case_insensitive(param: SdkParam, paths: list[str]) -> str | None:
    if param.wire is None:
        return None
    return next((p for p in paths if p.lower() == param.wire.lower()), None)


def _python_name(param: SdkParam, paths: list[str]) -> str | None:
    """A keyword whose wire key is unknown pairs with the key it would be the snake_case of."""
    if param.wire is not None:
        return None
    return next((p for p in paths if snake_case(p) == param.name.lower()), None)


def _close_spelling(param: SdkParam, paths: list[str]) -> str | None:
    wanted = (param.wire or param.name).lower()
    lowered = {p.lower(): p for p in paths}
    close = difflib.get_close_matches(wanted, list(lowered), n=1, cutoff=SPELLING_CUTOFF)
    return lowered[close[0]] if close else None


def _keyword(param: SdkParam, paths: list[str]) -> str | None:
    """The keyword is named after the documented key, the wire key is not (`sprint_id` sends
    `id` where the page documents `sprintId`)."""
    return next((p for p in paths if snake_case(p) == param.name.lower()), None)


def _same_leaf(param: SdkParam, paths: list[str]) -> str | None:
    """The same key at another depth: the SDK sends `FIELDS.NAME`, the page lists `NAME`."""
    if param.wire is None:
        return None
    leaf = param.wire.rsplit(".", 1)[-1].lower()
    return next((p for p in paths if p.rsplit(".", 1)[-1].lower() == leaf), None)


# Pairing tests in order, each with what a pair it makes means (None: the same key).
_TESTS: tuple[tuple[Callable[[SdkParam, list[str]], str | None], str | None], ...] = (
    (_exact, None),
    (_same_case_insensitive, "case"),
    (_python_name, None),
    (_close_spelling, "spelling"),
    (_same_leaf, "depth"),
    (_keyword, "another key"),
)


def snake_case(path: str) -> str:
    """The Python name of a wire key: `ownerTypeId` → `owner_type_id`, `ENTITY_ID` → `entity_id`."""
    return _CAMEL.sub("_", path.rsplit(".", 1)[-1]).lower()


def _pair_differences(
    doc: DocMethod, doc_param: DocParam, param: SdkParam, sdk_name: str
) -> list[Difference]:
    found: list[Difference] = []
    if doc_param.required != param.required:
        page, sdk = ("required", "optional") if doc_param.required else ("optional", "required")
        message = f"`{doc_param.path}` is {page} on the page, {sdk} in {sdk_name} ({param.name})"
        found.append(_at(doc, "SDK-PARAM-REQUIRED", doc_param.path, message, doc_param.line))
    sent = frozenset({param.sent}) if param.sent else frozenset()
    if doc_param.type and not types_agree(doc_param.type, param.kinds | sent):
        message = (
            f"`{doc_param.path}` is `{doc_param.type}` on the page, "
            f"`{param.annotation}` in {sdk_name} ({param.name})"
        )
        found.append(_at(doc, "SDK-PARAM-TYPE", doc_param.path, message, doc_param.line))
    return found


def types_agree(docs: str, sdk_kinds: frozenset[str]) -> bool:
    """A documented type and the kinds a Python annotation admits (or the wrapper sends) agree.
    Ints fit a float annotation, a datetime goes out as the docs' date string, and a bare
    `array` is the docs' PHP word for any array, a keyed one (a dict) included."""
    raw: str = docs_type(docs)[0].kind
    kind = _DOC_KINDS.get(raw, raw)
    if kind == "any" or "any" in sdk_kinds or kind in sdk_kinds:
        return True
    if kind == "list" and "dict" in sdk_kinds and docs.strip().strip("`").lower() == "array":
        return True
    return (kind == "int" and "float" in sdk_kinds) or (kind == "str" and "datetime" in sdk_kinds)


def _covered(path: str, sdk: SdkMethod) -> bool:
    """The SDK sends the key through its parent, one of its children, a spread or by itself."""
    wires = [p.wire for p in sdk.params if p.wire is not None] + list(sdk.fixed)
    parent = path.rpartition(".")[0]
    return any(
        path == w
        or path.startswith(f"{w}.")
        or w.startswith(f"{path}.")
        or w == (f"{parent}.*" if parent else "*")
        for w in wires
    )


def _documented_inside(param: SdkParam, doc: DocMethod) -> bool:
    """A nested key the SDK sends below a documented parent whose keys the page leaves open."""
    if param.wire is None or "." not in param.wire or param.wire.endswith("*"):
        return bool(param.wire and param.wire.endswith("*"))
    parent = param.wire.rpartition(".")[0]
    rows = {p.path: p for p in doc.params}
    row = rows.get(parent)
    return row is not None and (
        not row.has_children
        or any(p.wildcard for p in doc.params if p.path.startswith(f"{parent}."))
    )


def _at(doc: DocMethod, code: str, param: str, message: str, line: int = 0) -> Difference:
    return Difference(doc.page, line or doc.line, doc.method, code, param, message)
