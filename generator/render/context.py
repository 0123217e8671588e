"""The template context: every name an example template may use, the same for every page kind.

The context is a public contract for user templates: templates/CONTEXT.md documents each name, and
`CONTEXT_VERSION` changes whenever a name is removed or changes meaning. The page kind adds its own
names (`PageKind.example_context`, generator/kinds/), `call` among them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NoReturn

from generator.kinds import kind_of_spec

if TYPE_CHECKING:  # the spec family (method specs too) is not needed to build a context
    from generator.spec.model import PageSpec

CONTEXT_VERSION = 2
PLACEHOLDERS: Mapping[str, str] = {
    "address": "**put_your_bitrix24_address**",
    "user_id": "**put_your_user_id_here**",
    "webhook": "**put_your_webhook_here**",
    "access_token": "**put_access_token_here**",
    "handler_url": "**your_handler_url_here**",
}


class RenderRefused(Exception):
    """Raised by `unsupported(...)` when a template has no shape for this spec."""


def build_context(
    spec: PageSpec,
    locale_strings: Mapping[str, str],
    *,
    target: str | None = None,
    label: str | None = None,
    kind_names: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The names a template sees (see templates/CONTEXT.md). `kind_names` stands for the kind's
    own names (`example_context`) when the caller has made them already."""
    own = kind_of_spec(spec).example_context(spec) if kind_names is None else kind_names
    return {
        "context_version": CONTEXT_VERSION,
        "spec": spec,
        "kind": spec.kind,
        "locale": spec.locale,
        **own,
        "placeholders": dict(PLACEHOLDERS),
        "t": dict(locale_strings),
        "target": target,
        "label": label,
        "unsupported": unsupported,
    }


def unsupported(reason: str) -> NoReturn:
    raise RenderRefused(reason)
