"""A Jinja sandbox with bounds: user templates cannot exhaust memory, the stack or the output.

Jinja's `SandboxedEnvironment` stops templates reaching Python internals but not templates that
are merely too big: `{{ 'a' * 10000000000 }}` allocates 10 GB, a macro that calls itself overflows
the interpreter stack. Here:
- `*` and `**` are intercepted (which also stops Jinja folding them at compile time) and refused
  when the result would exceed `MAX_ITEMS` items or `MAX_POWER_BITS` bits;
- calls nest at most `MAX_CALL_DEPTH` deep (a recursive macro ends there, not in RecursionError);
- str methods and filters that pad to a width refuse widths over `MAX_ITEMS`;
- a template's output (and every macro's) is cut off at `MAX_OUTPUT` characters;
- any other fault raised while rendering (RecursionError, MemoryError, ZeroDivisionError, …)
  becomes a `TemplateRuntimeError` that keeps the template's traceback, so it is reported as
  `E-TEMPLATE` at the template's file and line instead of as a crash or a fault of the page.
"""

from __future__ import annotations

import operator
import re
import types
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import TemplateError, TemplateRuntimeError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

MAX_ITEMS = 1_000_000  # characters or items a single `*`, padding or fill may produce
MAX_POWER_BITS = 4096
MAX_CALL_DEPTH = 64
MAX_OUTPUT = 16 * 2**20  # characters one template (or macro) may output
WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
WIDTH_FILTERS = ("center", "indent", "batch", "slice", "wordwrap")
LONG_NUMBER = re.compile(r"\d{7,}")  # a width or precision of a million or more in a format
CONVERTED = (RecursionError, MemoryError, ArithmeticError, TypeError, ValueError, LookupError)


class BoundedSandbox(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.concat = bounded_concat  # type: ignore[method-assign]
        self.filters.update({name: _width_checked(self.filters[name]) for name in WIDTH_FILTERS})
        self.filters["format"] = _format_checked(self.filters["format"])
        self.call_depth = 0

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
            return operator.mul(left, right)
        _check_power(left, right)
        return operator.pow(left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _check_method_call(__obj, args, kwargs)
        __self.call_depth += 1
        try:
            if __self.call_depth > MAX_CALL_DEPTH:
                raise SecurityError(f"calls nest deeper than {MAX_CALL_DEPTH} (recursive macro?)")
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            __self.call_depth -= 1

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's sandboxed attribute lookup, with its commonest case answered first: a public
        name of an object that is no function, method, class, code, frame or generator (for
        which `is_internal_attribute` only refuses dunders), whose value is no bound `format`
        or `format_map` (which `wrap_str_format` may wrap). Anything else takes Jinja's own
        path (tests/test_sandbox_lookup.py compares the two)."""
        if attribute[:1] == "_" or not _plain(type(obj)):
            return super().getattr(obj, attribute)
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        if isinstance(value, BOUND_METHODS) and getattr(value, "__name__", None) in STR_FORMATS:
            return super().getattr(obj, attribute)
        return value

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`str.format`/`format_map` (the sandbox wraps both on access): no width of a million."""
        wrapped: Callable[..., str] | None = super().wrap_str_format(value)
        if wrapped is not None and LONG_NUMBER.search(value.__self__):
            return _refuse_format
        return wrapped

    def handle_exception(self, source: str | None = None) -> Any:
        try:
            return super().handle_exception(source)
        except TemplateError:
            raise
        except CONVERTED as exc:
            if _is_ours(exc):
                raise
            self.call_depth = 0
            fault = TemplateRuntimeError(f"{type(exc).__name__}: {_short(exc)}")
            raise fault.with_traceback(exc.__traceback__) from None


# what `is_internal_attribute` looks at more closely than a name's leading dunder
INTERNAL_TYPES = (
    types.FunctionType,
    types.MethodType,
    type,
    types.CodeType,
    types.TracebackType,
    types.FrameType,
    types.GeneratorType,
    types.CoroutineType,
    types.AsyncGeneratorType,
)
BOUND_METHODS = (types.MethodType, types.BuiltinMethodType)
STR_FORMATS = frozenset({"format", "format_map"})  # the methods `wrap_str_format` wraps


_PLAIN: dict[type, bool] = {}


def _plain(kind: type) -> bool:
    """Whether objects of `kind` are none of `INTERNAL_TYPES` (worked out once a type)."""
    found = _PLAIN.get(kind)
    if found is None:
        found = _PLAIN[kind] = not issubclass(kind, INTERNAL_TYPES)
    return found


def bounded_concat(parts: Iterable[str]) -> str:
    """`"".join`, refusing output over `MAX_OUTPUT` characters before it is all held."""
    collected: list[str] = []
    size = 0
    for part in parts:
        size += len(part)
        if size > MAX_OUTPUT:
            fault = SecurityError(f"template output exceeds {MAX_OUTPUT // 2**20} MiB")
            throw = getattr(parts, "throw", None)
            if throw is not None:  # raise it inside the template, so it is located to a line
                throw(fault)
            raise fault
        collected.append(part)
    return "".join(collected)


def _check_repeat(sequence: Any, count: Any) -> None:
    repeats = isinstance(sequence, str | bytes | list | tuple) and isinstance(count, int)
    if repeats and len(sequence) * count > MAX_ITEMS:
        raise SecurityError(f"`*` would build {len(sequence) * count} items (limit {MAX_ITEMS})")


def _check_power(base: Any, exponent: Any) -> None:
    integers = isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1
    if integers and exponent > 0 and abs(base).bit_length() * exponent > MAX_POWER_BITS:
        raise SecurityError(f"`**` would build a number over {MAX_POWER_BITS} bits")


def _check_method_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str) and name in WIDTH_METHODS:
        _check_widths(name, (*args, *kwargs.values()))


def _refuse_format(*args: Any, **kwargs: Any) -> str:
    raise SecurityError("a format width or precision of a million or more")


def _format_checked(function: Callable[..., Any]) -> Callable[..., Any]:
    """The `format` filter (`"%10000000000s" | format(x)`), refusing huge widths."""

    def checked(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, str) and LONG_NUMBER.search(value):
            _refuse_format()
        return function(value, *args, **kwargs)

    checked.__name__ = function.__name__
    return checked


def _check_widths(name: str, values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_ITEMS:
            raise SecurityError(f"`{name}` width {value} is over {MAX_ITEMS}")


def _width_checked(function: Callable[..., Any]) -> Callable[..., Any]:
    def checked(*args: Any, **kwargs: Any) -> Any:
        _check_widths(function.__name__.removeprefix("do_"), (*args[1:], *kwargs.values()))
        return function(*args, **kwargs)

    for attribute in ("jinja_pass_arg",):  # keep @pass_environment / @pass_context markers
        if hasattr(function, attribute):
            setattr(checked, attribute, getattr(function, attribute))
    checked.__name__ = function.__name__
    return checked


def _is_ours(exc: BaseException) -> bool:
    """Exceptions our own template helpers raise on purpose pass through unchanged."""
    from generator.diagnostics import DocgenError
    from generator.render.context import RenderRefused

    return isinstance(exc, DocgenError | RenderRefused)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"
