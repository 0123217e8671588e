"""What the client model reads of a method spec: small protocols the real `MethodSpec` satisfies
(mypy proves it in generator/clients/model.py), so tests can hand in plain objects."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class ParamLike(Protocol):
    """One row of a params or fields table, with its sub-table rows as `children`."""

    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str | None: ...
    @property
    def required(self) -> bool: ...
    @property
    def description(self) -> str: ...
    @property
    def children(self) -> Sequence[ParamLike]: ...
    @property
    def wildcard(self) -> bool: ...


class ResponseLike(Protocol):
    @property
    def example(self) -> object: ...
    @property
    def fields(self) -> Sequence[ParamLike]: ...


class MethodLike(Protocol):
    """What the client model reads of a MethodSpec (`scopes` items: names or objects with one)."""

    @property
    def method(self) -> str | None: ...
    @property
    def scopes(self) -> Sequence[object]: ...
    @property
    def auth(self) -> object: ...
    @property
    def rest_version(self) -> object: ...
    @property
    def params(self) -> Sequence[ParamLike]: ...
    @property
    def response(self) -> ResponseLike | None: ...
    @property
    def description(self) -> str: ...
