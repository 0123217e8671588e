"""The stub model of each event: names, scopes, how it binds, and its payload's object models.

Documented for templates in templates/stubs/CONTEXT.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.render.fieldtree import HOLE_SEGMENT, field_tree
from generator.render.stubs.names import NameRegistry, event_words, module_name, pascal
from generator.render.stubs.tree import ObjectBuilder
from generator.render.stubs.types import ObjectModel
from generator.spec.event import EventSpec
from generator.spec.parts import Field
from generator.vocabulary import EventKind


@dataclass(frozen=True, slots=True)
class EventModel:
    """One event as the stub templates see it (documented in templates/stubs/CONTEXT.md)."""

    code: str
    name: str
    kind: EventKind
    base: str
    module: str
    docs: str
    description: str
    scopes: tuple[str, ...]
    subscribers: str | None
    subscribe: str | None
    bindable: bool
    js_args: tuple[str, ...] | None
    payload: ObjectModel
    objects: tuple[ObjectModel, ...]


def select_specs(specs: Iterable[EventSpec]) -> list[EventSpec]:
    """One spec per event code (upper case), sorted by code; a legacy event needs fields."""
    chosen: dict[str, EventSpec] = {}
    for spec in sorted(specs, key=_preference):
        code = spec.event.strip().upper()
        if code and (spec.kind != "legacy_event" or spec.handler.fields):
            chosen.setdefault(code, spec)
    return [chosen[code] for code in sorted(chosen)]


def _preference(spec: EventSpec) -> tuple[str, int, str, str]:
    return (spec.event.strip().upper(), -len(spec.handler.fields), spec.locale, spec.source.path)


def build_models(specs: Iterable[EventSpec]) -> list[EventModel]:
    """The template model of every selected spec; class and module names are unique."""
    selected = select_specs(specs)
    classes, modules = NameRegistry(), NameRegistry(frozenset())
    named = [(spec, event_words(spec.event, spec.source.path)) for spec in selected]
    # event names first, so that no nested class of one event takes another event's name
    claimed = [(spec, classes.claim(pascal(w)), module_name(w, modules)) for spec, w in named]
    return [_event_model(spec, base, module, classes) for spec, base, module in claimed]


def _event_model(spec: EventSpec, base: str, module: str, classes: NameRegistry) -> EventModel:
    js_args = _js_args(spec) if spec.kind == "js_event" else None
    builder = ObjectBuilder(base, classes, _examples(spec, js_args))
    root = field_tree(spec.handler.fields)
    payload = builder.build(root, classes.claim(base + "Payload"), spec.description)
    return EventModel(
        code=spec.event.strip().upper(),
        name=spec.bind_event,
        kind=spec.kind,
        base=base,
        module=module,
        docs=spec.source.path,
        description=spec.description,
        scopes=tuple(scope.name for scope in spec.scopes),
        subscribers=spec.subscribers.value if spec.subscribers else None,
        subscribe=spec.subscription.method,
        bindable=spec.kind == "rest_event" and spec.subscription.method in (None, "event.bind"),
        js_args=js_args,
        payload=payload,
        objects=tuple(builder.objects),
    )


def _top_keys(fields: Sequence[Field]) -> list[str]:
    keys = (f.name.split(".", 1)[0].strip() for f in fields)
    return list(dict.fromkeys(k for k in keys if k and not HOLE_SEGMENT.match(k)))


def _js_args(spec: EventSpec) -> tuple[str, ...] | None:
    """Callback argument names when a JS handler gets them one by one; None: a single object."""
    tops = _top_keys(spec.handler.fields)
    calls = [p.data for p in spec.handler.payloads if isinstance(p.data, list)]
    for args in calls:
        single = len(args) == 1 and isinstance(args[0], dict)
        if single and (not tops or any(top in args[0] for top in tops)):
            return None
    return tuple(tops) if calls or len(tops) <= 1 else None


def _js_call_object(args: list[object], names: tuple[str, ...] | None) -> object:
    if names is None:
        return args[0] if args else None
    return dict(zip(names, args, strict=False))


def _examples(spec: EventSpec, js_args: tuple[str, ...] | None) -> list[object]:
    """The docs' payload examples as objects shaped like the field tree."""
    tops = set(_top_keys(spec.handler.fields))
    found: list[object] = []
    for payload in spec.handler.payloads:
        data = payload.data
        if spec.kind == "js_event" and isinstance(data, list):
            data = _js_call_object(data, js_args)
        if isinstance(data, dict) and tops & set(data):
            found.append(data)
    return found
