"""`check` reads a page tab's layout from its code when it needs one (`method_expected.tab_layout`,
`majority_layout`): on every RU method page that must be what the spec records (`TabCall.layout`),
which `parse` writes."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from generator.check.method_expected import majority_layout, tab_layout
from generator.extract.method_params import walk_params
from generator.layout import READERS, Layout
from generator.spec.method import MethodSpec, Param
from generator.targets import load_targets
from tests.test_method_corpus import ru_specs  # noqa: F401  (module fixture, reused)

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def test_a_layout_read_on_demand_is_the_recorded_one(ru_specs: dict[str, MethodSpec]) -> None:  # noqa: F811
    compared = styled = 0
    for rel, spec in sorted(ru_specs.items()):
        for call in spec.calls:
            tab = spec.examples[call.block].tabs[call.tab]
            assert tab.span.start == call.line, rel
            assert tab_layout(spec, call.block, tab) == call.layout, (rel, call.line)
            compared += 1
            styled += bool(call.layout)
    assert (compared, styled) == (13412, 4949)


def without_defaults(params: list[Param]) -> list[Param]:
    from dataclasses import replace

    return [replace(p, default=None, children=without_defaults(p.children)) for p in params]


def recorded_majority(spec: MethodSpec, block: int, target: str) -> Layout:
    """The majority as it was computed from the recorded layouts."""
    reader = READERS.get(target)
    targets = load_targets()
    layouts = [
        c.layout
        for c in spec.calls
        if c.block == block
        and (found := targets.for_label(c.label)) is not None
        and READERS.get(found.name) == reader
    ]
    if reader is None or not layouts:
        return {}
    votes = Counter(json.dumps(layout, sort_keys=True) for layout in layouts)
    return next(x for x in layouts if votes[json.dumps(x, sort_keys=True)] == max(votes.values()))


def test_the_majority_layout_is_the_recorded_majority(ru_specs: dict[str, MethodSpec]) -> None:  # noqa: F811
    styled = 0
    for rel, spec in sorted(ru_specs.items()):
        for block in range(len(spec.examples)):
            for target in ("curl_webhook", "php_crest", "js_ts", "js_umd", "go"):
                majority = majority_layout(spec, block, target)
                assert majority == recorded_majority(spec, block, target), (rel, block, target)
                styled += bool(majority)
    assert styled == 4536


def test_check_reads_a_method_page_without_its_layouts() -> None:
    """`check` reads method pages with purpose `check`: the same spec but empty layouts (it reads
    the few it needs itself), no error codes or related links, no tab's events, no tab's called
    methods but those of a tab whose call names another method than the page's, and no default
    values (it never reads the rest); `parse` (purpose `spec`) records them (every RU and EN
    page: tests/test_extract_fast_paths_2.py)."""
    from dataclasses import replace

    from generator.kinds.method import MethodKind
    from generator.source import decode
    from generator.targets import load_targets
    from tests.corpus import EXAMPLES_DOCS

    counts = Counter[str]()
    for path in sorted(EXAMPLES_DOCS.rglob("*.md")):
        rel = path.relative_to(EXAMPLES_DOCS).as_posix()
        source = decode(path.read_bytes(), rel)
        full = MethodKind().read(source, None, load_targets()).spec
        lean = MethodKind().read(source, None, load_targets(), "check").spec
        if full.callers is None:
            continue
        stray = {(c.block, c.tab) for c in full.calls if c.method and c.method != full.method}
        counts.update(
            pages=1,
            layouts=sum(bool(c.layout) for c in full.calls),
            errors=len(full.errors),
            related=len(full.related),
            named=sum(bool(t.calls) for b in full.examples for t in b.tabs),
            stray=len(stray),
            defaults=sum(
                p.default is not None
                for p in walk_params(full.params) + walk_params(full.response.fields)
            ),
        )
        assert [c.layout for c in lean.calls] == [{}] * len(full.calls)
        assert (lean.errors, lean.related) == ([], [])
        unlaid = [replace(c, layout={}) for c in full.calls]
        unnamed = [
            replace(
                block,
                tabs=[
                    replace(tab, events=[], calls=tab.calls if (b, t) in stray else [])
                    for t, tab in enumerate(block.tabs)
                ],
            )
            for b, block in enumerate(full.examples)
        ]
        expected = replace(
            full,
            calls=unlaid,
            errors=[],
            related=[],
            examples=unnamed,
            params=without_defaults(full.params),
            response=replace(full.response, fields=without_defaults(full.response.fields)),
        )
        assert expected == lean, rel
    assert counts == {
        "pages": 8,
        "layouts": 8,
        "errors": 1,
        "related": 6,
        "named": 34,
        "stray": 0,
        "defaults": 1,
    }
