"""YAML → plain data, fast, with exactly PyYAML's safe-load results.

PyYAML's constructor is Python even under libyaml, and it was most of `render`'s time on a whole
corpus of specs. Here libyaml parses and composes the node graph as before, plain scalars are
resolved through a memo (a plain scalar's tag depends on its text alone under the safe loader),
and one small recursive function builds the data from the nodes for the tags a spec holds (str,
int, bool, null, float, map, seq). Anything else (a timestamp, a merge key, a recursive alias, a
`!!set`, an unhashable key) goes back to PyYAML's own constructor, so the
result, and the error, are PyYAML's.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_FLOAT = "tag:yaml.org,2002:float"
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")  # how the dumper writes an int
_SCALARS = yaml.constructor.SafeConstructor()  # its int and float readers use no state
_MEMO_LENGTH = 64  # longer plain scalars are resolved each time (they are rarely repeated)
_memo: dict[str, str] = {}


class _Unusual(Exception):
    """A node the fast path leaves to PyYAML's constructor."""


class FastLoader(_Base):  # type: ignore[valid-type,misc]
    """The safe loader (libyaml's when present) with a memo for plain scalars' tags."""

    # The safe loader has no path resolvers, so these do nothing; libyaml's composer calls them
    # for every node. `{}.get` is a C callable that takes the two arguments and ignores them.
    descend_resolver: Any = {}.get
    ascend_resolver: Any = tuple

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is not ScalarNode:
            return _MAP if kind is MappingNode else _SEQ
        if not implicit[0]:  # quoted or a block: a string
            return _STR
        if len(value) > _MEMO_LENGTH:
            tag: str = super().resolve(kind, value, implicit)
            return tag
        found = _memo.get(value)
        if found is None:
            found = _memo[value] = super().resolve(kind, value, implicit)
        return found


def load(text: str) -> Any:
    """`yaml.load(text, Loader=CSafeLoader)`, faster; raises the same `yaml.YAMLError`s."""
    loader = FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(node)
        except (_Unusual, RecursionError, TypeError):
            return loader.construct_document(node)
    finally:
        loader.dispose()


def _build(node: Node) -> Any:
    kind, tag = type(node), node.tag
    if kind is ScalarNode:
        return node.value if tag == _STR else _scalar(node)  # type: ignore[arg-type]
    if kind is MappingNode and tag == _MAP:
        return {_key(key): _build(value) for key, value in node.value}
    if kind is SequenceNode and tag == _SEQ:
        return [_build(item) for item in node.value]
    raise _Unusual(tag)


def _key(node: Node) -> Any:
    if type(node) is not ScalarNode:  # PyYAML builds (and refuses) collection keys its own way
        raise _Unusual(node.tag)
    return node.value if node.tag == _STR else _scalar(node)


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return yaml.SafeLoader.bool_values[value.lower()]
    if tag == _INT:
        return int(value) if _DECIMAL.match(value) else _SCALARS.construct_yaml_int(node)
    if tag == _FLOAT:
        return _SCALARS.construct_yaml_float(node)
    raise _Unusual(tag)  # timestamps, merge keys, binary, explicit tags, …
