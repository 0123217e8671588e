"""The call model of each example tab (`generator.calls.read_call`) as spec data (`TabCall`).

A tab with several fences (Python tabs with `pip install` first) takes the first fence whose code
makes a readable call; failing that, the first fence's model says why it is not readable.
"""

from __future__ import annotations

from functools import cache

from generator.calls import CallModel, read_call
from generator.layout import read_layout
from generator.spec.method import CallSpan, TabCall
from generator.spec.parts import ExampleBlock, Json, Tab


def tab_calls(examples: list[ExampleBlock], *, layouts: bool = True) -> list[TabCall]:
    calls: list[TabCall] = []
    for block_index, block in enumerate(examples):
        for tab_index, tab in enumerate(block.tabs):
            if tab.skipped:
                continue
            fence, model = model_of(tab)
            layout = tab_layout(tab) if layouts else {}
            calls.append(to_tab_call((block_index, tab_index, fence), tab, model, layout))
    return calls


def model_of(tab: Tab) -> tuple[int, CallModel]:
    first = read_call(tab.code, label=tab.label, fence_lang=tab.lang)
    if first.readable:
        return 0, first
    for index, fence in enumerate(tab.more_fences, start=1):
        model = read_call(fence.code, label=tab.label, fence_lang=fence.lang)
        if model.readable:
            return index, model
    return 0, first


def to_tab_call(
    where: tuple[int, int, int], tab: Tab, model: CallModel, layout: dict[str, Json]
) -> TabCall:
    span = model.params_span
    block, tab_index, fence = where
    return TabCall(
        block=block,
        tab=tab_index,
        fence=fence,
        label=tab.label,
        line=tab.span.start,
        readable=model.readable,
        reason=model.reason,
        sdk=model.sdk,
        language=model.language,
        method=model.method,
        params=model.params,
        params_span=CallSpan(span.start, span.end, span.line, span.col) if span else None,
        auth=model.auth,
        style=model.style,
        rest_version=model.rest_version,
        result_access=[list(path) for path in model.result_access],
        layout=layout,
    )


def tab_layout(tab: Tab) -> dict[str, Json]:
    return code_layout(tab.label, tab.code)


def code_layout(label: str, code: str) -> dict[str, Json]:
    """The style of a tab's code, read by the reader of the target its label names."""
    target = _target_of(label)
    return read_layout(target, code) if target is not None else {}


@cache  # a corpus has a dozen distinct labels and 15,000 tabs; the built-in registry is fixed
def _target_of(label: str) -> str | None:
    from generator.targets import load_targets

    target = load_targets().for_label(label)
    return target.name if target is not None else None
