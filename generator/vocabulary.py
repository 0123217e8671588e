"""The closed vocabularies of the spec, in a module light enough for the start-up path."""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal["rest_event", "js_event", "legacy_event"]
Locale = Literal["ru", "en"]
Delivery = Literal["post", "callback", "none"]
Severity = Literal["error", "warning"]

KINDS: tuple[str, ...] = get_args(Kind)
