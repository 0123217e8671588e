"""Which result paths Go code reads: `res.Result` unmarshalled (maybe after `b24.Unwrap`) into a
variable whose struct type carries `json:"..."` tags."""

from __future__ import annotations

from generator.calls.shared import calls_of_field, distinct_in_source_order, tokens_at
from generator.calls.trees import Node, Piece, args_of


def go_result_access(piece: Piece) -> tuple[tuple[str, ...], ...]:
    if b"json.Unmarshal" not in piece.data:
        return ()  # each path is read from a json.Unmarshal call
    sources: dict[str, tuple[str, ...]] = {"res.Result": ("result",)}
    types = _declared_types(piece)
    paths: list[tuple[str, ...]] = []
    for node in _result_nodes(piece):
        if node.type == "short_var_declaration":
            _unwrap(piece, node, sources)
        elif node.type == "call_expression" and _callee(piece, node) == "json.Unmarshal":
            args = args_of(node)
            if len(args) < 2 or piece.src(args[0]) not in sources:
                continue
            base = sources[piece.src(args[0])]
            target = types.get(piece.src(args[1]).lstrip("&"))
            paths.append(base)
            if target is not None:
                paths.extend(base + p for p in _tag_paths(piece, target))
    return tuple(paths)


def _result_nodes(piece: Piece) -> list[Node]:
    """The nodes the reading acts on: each `json.Unmarshal(...)` and each `:=` of a
    `b24.Unwrap(...)` (other declarations bind nothing), found where the names occur. A tree
    with errors is searched in full."""
    if piece.root.has_error:
        return piece.nodes("short_var_declaration", "call_expression")
    found = calls_of_field(piece, b"Unmarshal")
    for call in calls_of_field(piece, b"Unwrap"):
        right = call.parent
        declaration = right.parent if right is not None else None
        if declaration is not None and declaration.type == "short_var_declaration":
            found.append(declaration)
    return distinct_in_source_order(found)


def _callee(piece: Piece, call: Node) -> str:
    function = call.child_by_field_name("function")
    return piece.src(function) if function is not None else ""


def _unwrap(piece: Piece, node: Node, sources: dict[str, tuple[str, ...]]) -> None:
    """`raw, ok := b24.Unwrap(res.Result, "fields")`: raw reads result.fields."""
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if left is None or right is None or not left.named_children:
        return
    call = right.named_children[0] if right.named_children else None
    if call is None or call.type != "call_expression" or _callee(piece, call) != "b24.Unwrap":
        return
    args = args_of(call)
    if len(args) >= 2 and piece.src(args[0]) in sources:
        key = piece.src(args[1]).strip('"`')
        sources[piece.src(left.named_children[0])] = (*sources[piece.src(args[0])], key)


def _declared_types(piece: Piece) -> dict[str, Node]:
    """`var items []struct{...}` and `var item T` → name: type node."""
    found: dict[str, Node] = {}
    for node in _var_specs(piece):
        if node.type == "var_spec":
            name, kind = node.child_by_field_name("name"), node.child_by_field_name("type")
            if name is not None and kind is not None:
                found[piece.src(name)] = kind
    return found


def _var_specs(piece: Piece) -> list[Node]:
    """Every `var` declaration's specs, found from the `var` keywords (a tree with errors is
    searched in full)."""
    if piece.root.has_error:
        return piece.nodes("var_spec")
    found: list[Node] = []
    for _, keyword in tokens_at(piece, b"var"):
        declaration = keyword.parent
        if keyword.type != "var" or declaration is None or declaration.type != "var_declaration":
            continue
        for child in declaration.named_children:
            specs = child.named_children if child.type == "var_spec_list" else [child]
            found += [spec for spec in specs if spec.type == "var_spec"]
    return distinct_in_source_order(found)


def _tag_paths(piece: Piece, kind: Node) -> list[tuple[str, ...]]:
    if kind.type in ("slice_type", "array_type"):
        element = kind.child_by_field_name("element")
        return [("*", *p) for p in _tag_paths(piece, element)] if element else [("*",)]
    if kind.type == "map_type":
        value = kind.child_by_field_name("value")
        return [("*", *p) for p in _tag_paths(piece, value)] if value else [("*",)]
    if kind.type != "struct_type":
        return []
    paths: list[tuple[str, ...]] = []
    fields = kind.named_children[0].named_children if kind.named_children else []
    for field in (f for f in fields if f.type == "field_declaration"):
        tag = field.child_by_field_name("tag")
        key = _json_key(piece.src(tag)) if tag is not None else None
        inner = field.child_by_field_name("type")
        if key is None:
            continue
        nested = _tag_paths(piece, inner) if inner is not None else []
        paths.extend([(key, *p) for p in nested] or [(key,)])
    return paths


def _json_key(tag: str) -> str | None:
    """The name in a struct tag's `json:"name,omitempty"` entry."""
    body = tag.strip("`")
    start = body.find('json:"')
    if start < 0:
        return None
    name = body[start + 6 : body.find('"', start + 6)].split(",")[0]
    return name if name and name != "-" else None
