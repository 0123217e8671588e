"""The neutral models sdk-diff compares: documented methods, SDK wrappers, and their differences."""

from __future__ import annotations

from dataclasses import dataclass

# Value kinds both sides are reduced to (docs types through generator.clients.types.docs_type,
# Python annotations through generator.sdkdiff.annotations).
KINDS = ("any", "bool", "datetime", "dict", "float", "int", "list", "str")


@dataclass(frozen=True, slots=True)
class DocParam:
    """One documented key; `path` is dotted from the top (`fields.TITLE`)."""

    path: str
    type: str | None
    required: bool
    line: int
    wildcard: bool = False
    has_children: bool = False


@dataclass(frozen=True, slots=True)
class DocMethod:
    """A method page: wire name, page path, deprecation, and every documented key."""

    method: str
    page: str
    line: int
    deprecated: bool
    params: tuple[DocParam, ...]
    rest_version: int = 2
    params_line: int = 0  # where the parameters section starts (0: the page has none)


@dataclass(frozen=True, slots=True)
class SdkParam:
    """One keyword of a wrapper; `wire` is its dotted key in the request (None: not seen sent)."""

    name: str
    wire: str | None
    kinds: frozenset[str]
    annotation: str
    required: bool
    sent: str | None = None  # kind of the value the wrapper put on the wire (bool → "Y": str)


@dataclass(frozen=True, slots=True)
class SdkMethod:
    """One wrapper. `fixed` are keys the wrapper sends on its own; `resolved` is False when the
    wire names had to be guessed (the offline sample call did not go through)."""

    method: str
    where: str
    params: tuple[SdkParam, ...]
    fixed: tuple[str, ...] = ()
    resolved: bool = True
    source: tuple[str, int] | None = None  # the wrapper's file (below site-packages) and line


@dataclass(frozen=True, slots=True)
class SdkSurface:
    """What an SDK exposes: its wrappers, or (`comparable` False) a note why there is nothing."""

    sdk: str
    version: str
    methods: tuple[SdkMethod, ...]
    comparable: bool = True
    note: str = ""


@dataclass(frozen=True, slots=True, order=True)
class Difference:
    """One disagreement, located on the method's page (or on the SDK wrapper when the docs lack it)."""

    page: str
    line: int
    method: str
    code: str
    param: str
    message: str

    @property
    def key(self) -> str:
        """The baseline fingerprint: survives line moves on the page."""
        return f"{self.code}|{self.method}|{self.param}"
