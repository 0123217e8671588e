"""Typed client stubs (Python, TypeScript, PHP) rendered from specs, plus manifest-based writing.

`render_stubs` is pure (specs → relative path → bytes); `write_stubs` writes the changed files and
deletes the files of the previous `MANIFEST.json` that are no longer generated.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import DocgenError, error
from generator.fileio import confined, write_atomic
from generator.formatting import format_python
from generator.render.env import make_environment, template_location
from generator.render.stub_types import (
    FILTERS,
    FieldModel,
    NameRegistry,
    ObjectModel,
    TypeRef,
    event_words,
    is_explicit_list,
    list_of,
    map_of,
    module_name,
    obj_of,
    parse_docs_type,
    pascal,
    safe_identifier,
    widen,
    words,
)
from generator.spec.model import Field, Kind, Spec

TOOL = "b24-docgen"
MANIFEST = "MANIFEST.json"
PY_ROOT = "python/b24_events"
PHP_ROOT = "php/B24Events"


@dataclass(frozen=True, slots=True)
class StubReport:
    """What `write_stubs` did; every list holds paths relative to the output folder, sorted."""

    written: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # stale but edited by hand, so not deleted


def render_stubs(
    specs: Sequence[Spec], *, user_dirs: Sequence[Path] = (), cache_dir: Path | None = None
) -> dict[str, bytes]:
    """Every stub file for `specs` (sorted by path); `cache_dir` keeps black's output between runs."""
    events = build_models(specs)
    env = make_environment(user_dirs, FILTERS)
    render = _Renderer(env, cache_dir)
    for template, path in _SHARED_FILES:
        render(template, path, events=events)
    for event in events:
        module = f"{PY_ROOT}/payloads/{event.module}.py"
        render("stubs/python/payloads/event.py.j2", module, event=event)
        render("stubs/php/event.php.j2", f"{PHP_ROOT}/{event.base}.php", event=event)
    return dict(sorted(render.files.items()))


_SHARED_FILES = (
    ("stubs/python/__init__.py.j2", f"{PY_ROOT}/__init__.py"),
    ("stubs/python/_runtime.py.j2", f"{PY_ROOT}/_runtime.py"),
    ("stubs/python/binding.py.j2", f"{PY_ROOT}/binding.py"),
    ("stubs/python/registry.py.j2", f"{PY_ROOT}/registry.py"),
    ("stubs/python/py.typed.j2", f"{PY_ROOT}/py.typed"),
    ("stubs/python/payloads/__init__.py.j2", f"{PY_ROOT}/payloads/__init__.py"),
    ("stubs/typescript/b24-events.ts.j2", "typescript/b24-events.ts"),
    ("stubs/php/Events.php.j2", f"{PHP_ROOT}/Events.php"),
    ("stubs/php/Support.php.j2", f"{PHP_ROOT}/Support.php"),
    ("stubs/php/PayloadException.php.j2", f"{PHP_ROOT}/PayloadException.php"),
    ("stubs/php/EventPayload.php.j2", f"{PHP_ROOT}/EventPayload.php"),
)


class _Renderer:
    def __init__(self, env: Any, cache_dir: Path | None) -> None:
        self.env = env
        self.cache_dir = cache_dir
        self.files: dict[str, bytes] = {}

    def __call__(self, template: str, path: str, **context: Any) -> None:
        context.setdefault("events", [])
        text = _render_template(self.env, template, path, context).rstrip("\n") + "\n"
        if path.endswith(".py"):
            text = format_python(text, path, cache_dir=self.cache_dir)
        self.files[path] = text.encode("utf-8")


def _render_template(env: Any, name: str, path: str, context: dict[str, Any]) -> str:
    """The template's text; a broken (user) template is an E-TEMPLATE error, not a traceback."""
    import jinja2

    try:
        text: str = env.get_template(name).render(template=name, tool=TOOL, **context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or name
        raise DocgenError(
            error(where, "E-TEMPLATE", exc.message or str(exc), exc.lineno, 1)
        ) from None
    except jinja2.TemplateError as exc:
        where, line = template_location(exc, name)
        message = f"{exc} (rendering {path})"
        raise DocgenError(error(where, "E-TEMPLATE", message, line, 1 if line else 0)) from None
    return text


# --- the model the templates see -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventModel:
    """One event as the stub templates see it (documented in templates/stubs/CONTEXT.md)."""

    code: str
    name: str
    kind: Kind
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


def select_specs(specs: Iterable[Spec]) -> list[Spec]:
    """One spec per event code (upper case), sorted by code; a legacy event needs fields."""
    chosen: dict[str, Spec] = {}
    for spec in sorted(specs, key=_preference):
        code = spec.event.strip().upper()
        if code and (spec.kind != "legacy_event" or spec.handler.fields):
            chosen.setdefault(code, spec)
    return [chosen[code] for code in sorted(chosen)]


def _preference(spec: Spec) -> tuple[str, int, str, str]:
    return (spec.event.strip().upper(), -len(spec.handler.fields), spec.locale, spec.source.path)


def build_models(specs: Iterable[Spec]) -> list[EventModel]:
    """The template model of every selected spec; class and module names are unique."""
    selected = select_specs(specs)
    classes, modules = NameRegistry(), NameRegistry(frozenset())
    named = [(spec, event_words(spec.event, spec.source.path)) for spec in selected]
    # event names first, so that no nested class of one event takes another event's name
    claimed = [(spec, classes.claim(pascal(w)), module_name(w, modules)) for spec, w in named]
    return [_event_model(spec, base, module, classes) for spec, base, module in claimed]


def _event_model(spec: Spec, base: str, module: str, classes: NameRegistry) -> EventModel:
    js_args = _js_args(spec) if spec.kind == "js_event" else None
    builder = _ObjectBuilder(base, classes, _examples(spec, js_args))
    root = _tree(spec.handler.fields)
    payload = builder.build(root, classes.claim(base + "Payload"), spec.description)
    return EventModel(
        code=spec.event.strip().upper(),
        name=_bind_name(spec),
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


def _bind_name(spec: Spec) -> str:
    """What a subscription passes: the docs' subscription spelling when it is the same code."""
    event, named = spec.event.strip(), (spec.subscription.event_name or "").strip()
    return named if named.upper() == event.upper() else event


_HOLE = "{}"  # a `{BOT_ID}` segment: the key of a map entry, not a field name
_HOLE_SEGMENT = re.compile(r"^[/\\]?\{.*\}$")


@dataclass
class _Node:
    key: str
    decl: Field | None = None
    children: dict[str, _Node] = field(default_factory=dict)


def _tree(fields: Sequence[Field]) -> _Node:
    """Dotted field names (`data.FIELDS.ID`) as a tree, in docs order."""
    root = _Node("")
    for declared in fields:
        node = root
        for part in (p.strip() for p in declared.name.split(".")):
            if part:
                key = _HOLE if _HOLE_SEGMENT.match(part) else part
                node = node.children.setdefault(key, _Node(key))
        if node is not root and node.decl is None:
            node.decl = declared
    return root


class _ObjectBuilder:
    """Turns a field tree into ObjectModels (nested first), checking types against the examples."""

    def __init__(self, base: str, names: NameRegistry, examples: list[object]) -> None:
        self.base = base
        self.names = names
        self.examples = examples
        self.objects: list[ObjectModel] = []

    def build(
        self, node: _Node, name: str, description: str, path: tuple[str, ...] = ()
    ) -> ObjectModel:
        taken: set[str] = set()
        members = [child for key, child in node.children.items() if key != _HOLE]
        fields = tuple(self._field(child, (*path, child.key), taken) for child in members)
        model = ObjectModel(name, ".".join(path), description, fields)
        self.objects.append(model)
        return model

    def _field(self, node: _Node, path: tuple[str, ...], taken: set[str]) -> FieldModel:
        evidence = _evidence(self.examples, path)
        ref = self._type(node, path, evidence)
        description = node.decl.description if node.decl else ""
        attr = safe_identifier(node.key, taken)
        return FieldModel(node.key, attr, ref, _required(node.decl, ref, evidence), description)

    def _type(self, node: _Node, path: tuple[str, ...], evidence: list[_Seen]) -> TypeRef:
        raw = node.decl.type if node.decl else None
        if any(key != _HOLE for key in node.children):
            many = is_explicit_list(raw) or _seen_list(evidence)
            name = self.names.claim(self._class_name(path, many))
            description = node.decl.description if node.decl else ""
            ref = obj_of(self.build(node, name, description, path))
            return list_of(ref) if many else ref
        if _HOLE in node.children:
            entry = (*path, _HOLE)
            return map_of(self._type(node.children[_HOLE], entry, _evidence(self.examples, entry)))
        return widen(parse_docs_type(raw)[0], [v for present, v in evidence if present])

    def _class_name(self, path: tuple[str, ...], item: bool) -> str:
        parts = [w for seg in path for w in (["Item"] if seg == _HOLE else words(seg))]
        return self.base + pascal(parts) + ("Item" if item else "")


_Seen = tuple[bool, object]  # (key present, value) in one example object


def _evidence(examples: Sequence[object], path: tuple[str, ...]) -> list[_Seen]:
    """What the examples hold at `path`: one entry per example object holding its parent."""
    parents: list[object] = list(examples)
    for part in path[:-1]:
        parents = [child for parent in _objects(parents) for child in _children(parent, part)]
    if path[-1] == _HOLE:
        return [(True, value) for parent in _objects(parents) for value in parent.values()]
    return [(path[-1] in parent, parent.get(path[-1])) for parent in _objects(parents)]


def _objects(values: Iterable[object]) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for value in values:
        if isinstance(value, dict):
            found.append(value)
        elif isinstance(value, list):
            found.extend(item for item in value if isinstance(item, dict))
    return found


def _children(parent: dict[str, object], part: str) -> list[object]:
    if part == _HOLE:
        return list(parent.values())
    return [parent[part]] if part in parent else []


def _seen_list(evidence: list[_Seen]) -> bool:
    values = [value for present, value in evidence if present and value]
    return bool(values) and all(isinstance(value, list) for value in values)


def _required(decl: Field | None, ref: TypeRef, evidence: list[_Seen]) -> bool:
    """Required per the docs, unless the type is nullable or the docs' own example omits it."""
    if decl is None or not decl.required or parse_docs_type(decl.type)[1]:
        return False
    return all(_still_required(ref, present, value) for present, value in evidence)


def _still_required(ref: TypeRef, present: bool, value: object) -> bool:
    if not present or value is None:
        return False
    if ref.name in ("str", "any"):
        return True
    if isinstance(value, str) and value in ("", "undefined"):
        return False
    return not (ref.name == "object" and value in ([], {}))


def _top_keys(fields: Sequence[Field]) -> list[str]:
    keys = (f.name.split(".", 1)[0].strip() for f in fields)
    return list(dict.fromkeys(k for k in keys if k and not _HOLE_SEGMENT.match(k)))


def _js_args(spec: Spec) -> tuple[str, ...] | None:
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


def _examples(spec: Spec, js_args: tuple[str, ...] | None) -> list[object]:
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


# --- writing -------------------------------------------------------------------------------------


def manifest_bytes(files: dict[str, bytes]) -> bytes:
    """The manifest of `files`: generator name and sorted (path, sha256) entries, no timestamp."""
    entries = [{"path": p, "sha256": hashlib.sha256(files[p]).hexdigest()} for p in sorted(files)]
    text = json.dumps({"generator": TOOL, "files": entries}, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def write_stubs(out: Path, files: dict[str, bytes]) -> StubReport:
    """Write `files` under `out` (only changed bytes), prune what the last manifest listed."""
    previous = read_manifest(out)
    report = StubReport()
    targets = {path: confined(out, path) for path in sorted(files)}  # refuse before writing any
    for path, target in targets.items():
        if write_atomic(target, files[path]):
            report.changed.append(path)
        report.written.append(path)
    for path in sorted(set(previous) - set(files) - {MANIFEST}):
        _prune(out, path, previous[path], report)
    if write_atomic(confined(out, MANIFEST), manifest_bytes(files)):
        report.changed.append(MANIFEST)
    report.written.append(MANIFEST)
    return report


def read_manifest(out: Path) -> dict[str, str]:
    """path → sha256 from `out/MANIFEST.json`; empty when missing or unreadable (nothing is pruned)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        entries = data["files"] if isinstance(data, dict) else []
        return {str(e["path"]): str(e["sha256"]) for e in entries if isinstance(e, dict)}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _prune(out: Path, path: str, sha256: str, report: StubReport) -> None:
    target = confined(out, path)
    if target.is_symlink() or not target.is_file():
        return
    if hashlib.sha256(target.read_bytes()).hexdigest() != sha256:
        report.kept.append(path)
        return
    target.unlink()
    report.removed.append(path)
    report.changed.append(path)
    _remove_empty_parents(out, target.parent)


def _remove_empty_parents(out: Path, folder: Path) -> None:
    root = out.resolve()
    while folder.resolve() != root and folder.resolve().is_relative_to(root):
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        folder = folder.parent


__all__ = [
    "MANIFEST",
    "EventModel",
    "StubReport",
    "manifest_bytes",
    "read_manifest",
    "render_stubs",
    "write_stubs",
]
