"""The closed vocabularies of the spec, in a module light enough for the start-up path."""

from __future__ import annotations

from typing import Literal, get_args

EventKind = Literal["rest_event", "js_event", "legacy_event"]
MethodKind = Literal["method"]
Kind = Literal[EventKind, MethodKind]  # a spec's `kind`: also the key of a profile's tab lists
Locale = Literal["ru", "en"]
Delivery = Literal["post", "callback", "none"]
Severity = Literal["error", "warning"]

EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
KINDS: tuple[str, ...] = (*EVENT_KINDS, *get_args(MethodKind))
