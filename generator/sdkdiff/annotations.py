"""Python annotations as sdk-diff sees them: the value kinds they allow, and a sample value of each.

The sample values let the offline introspection call a wrapper and read which keys it sends:
every sample is unique (numbered), so a key's value points back at the keyword that produced it.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime
import enum
import inspect
import types
import typing
from typing import Any

_SCALARS: dict[object, str] = {
    bool: "bool",
    int: "int",
    float: "float",
    str: "str",
    bytes: "str",
    datetime.datetime: "datetime",
    datetime.date: "datetime",
    datetime.time: "datetime",
}
_MAPPINGS = (dict, cabc.Mapping, cabc.MutableMapping)
_SEQUENCES = (list, tuple, set, frozenset, cabc.Iterable, cabc.Sequence, cabc.Collection)


def kinds_of(annotation: Any) -> frozenset[str]:
    """The value kinds an annotation admits (`Optional[int]` → {int}); `any` when unknowable."""
    if annotation is inspect.Parameter.empty or annotation is Any:
        return frozenset({"any"})
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return kinds_of(args[0])
    if origin in (typing.Union, types.UnionType):
        return frozenset().union(*(kinds_of(a) for a in args if a is not type(None)))
    if origin is typing.Literal:
        return frozenset(_SCALARS.get(type(a), "any") for a in args)
    base = origin or annotation
    if base in _SCALARS:
        return frozenset({_SCALARS[base]})
    if isinstance(base, type):
        return _class_kinds(base)
    return frozenset({"any"})


def _class_kinds(cls: type) -> frozenset[str]:
    if issubclass(cls, enum.Enum):
        return frozenset(_SCALARS.get(type(m.value), "any") for m in cls)
    if typing.is_typeddict(cls) or issubclass(cls, _MAPPINGS):
        return frozenset({"dict"})
    if issubclass(cls, str):
        return frozenset({"str"})
    if issubclass(cls, _SEQUENCES):
        return frozenset({"list"})
    return frozenset({"any"})


def sample_value(annotation: Any, index: int, size: int = 1) -> object:
    """A value the annotation accepts, unique by `index` (sequences of `size` items); TypeError
    when none can be made."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        literal = next((m for m in args[1:] if typing.get_origin(m) is typing.Literal), None)
        return (
            typing.get_args(literal)[0]
            if literal is not None
            else sample_value(args[0], index, size)
        )
    if origin is typing.Literal:
        return args[0]
    if origin in (typing.Union, types.UnionType):
        return sample_value(next(a for a in args if a is not type(None)), index, size)
    if annotation is inspect.Parameter.empty or annotation is Any:
        return f"sample{index}"
    base = origin or annotation
    scalar = _scalar_sample(base, index)
    if scalar is not None:
        return scalar
    if base in _MAPPINGS or (isinstance(base, type) and issubclass(base, _MAPPINGS)):
        return {f"sample{index}": index}  # a keyword spread into the request shows by this key
    if isinstance(base, type) and issubclass(base, tuple) and base is not tuple:
        return _sized_tuple(base, index)
    if base in _SEQUENCES:
        item = args[0] if args else str
        return [sample_value(item, index * 10 + n, size) for n in range(size)]
    raise TypeError(f"no sample value for {annotation!r}")


def _scalar_sample(base: object, index: int) -> object | None:
    samples: dict[object, object] = {
        bool: True,
        int: 7000 + index,
        float: 7000.5 + index,
        str: f"sample{index}",
        bytes: b"sample",
        datetime.datetime: datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
        datetime.date: datetime.date(2024, 1, 2),
    }
    if base in samples:
        return samples[base]
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return next(iter(base))
    return None


def _sized_tuple(cls: type, index: int) -> object:
    """Tuple subclasses that check their length (b24pysdk's DocumentType, B24File)."""
    for size in range(1, 6):
        try:
            return cls([f"sample{index}"] * size)
        except (TypeError, ValueError):
            continue
    raise TypeError(f"no sample value for {cls!r}")


def describe(annotation: Any) -> str:
    """The annotation as a short readable string (`Optional[int]`)."""
    if annotation is inspect.Parameter.empty:
        return "(none)"
    return inspect.formatannotation(annotation).replace("typing.", "")
