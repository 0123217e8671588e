"""A method page's tabs share what is worked out once a page (the Go result's shape, the canonical
call), each tab still getting its own copy: what one tab's template does to its context cannot
reach the next tab's."""

from __future__ import annotations

from pathlib import Path

from generator.outputs import read_spec
from generator.render.canonical import canonical_call
from generator.render.go_result import go_result
from generator.render.method_tabs import method_context, result_of
from generator.spec.method import MethodSpec

SPECS = Path(__file__).resolve().parents[1] / "specs" / "api-reference" / "crm" / "deals"


def _spec(name: str) -> MethodSpec:
    spec = read_spec(SPECS / name)
    assert isinstance(spec, MethodSpec)
    return spec


def test_each_tab_gets_its_own_copy_of_the_page_s_go_result() -> None:
    spec = _spec("crm-deal-list.yaml")
    call = canonical_call(spec)
    go, js = (method_context(spec, call, target=t, label=None) for t in ("go", "js_umd"))
    expected = go_result(result_of(spec), call.method)
    assert expected["variant"] == "struct" and len(expected["fields"]) == 3
    assert go["go"] == js["go"] == expected
    assert go["go"] is not js["go"] and go["go"]["fields"] is not js["go"]["fields"]
    assert go["go"]["fields"][0] is not js["go"]["fields"][0]
    go["go"]["fields"][0]["name"] = "Changed"
    assert js["go"]["fields"][0]["name"] == expected["fields"][0]["name"] != "Changed"
    assert go["call"] == js["call"] == call.as_context() and go["call"] is not js["call"]


def test_the_go_result_follows_the_page() -> None:
    contexts = {}
    for name in ("crm-deal-list.yaml", "crm-deal-get.yaml", "crm-deal-list.yaml"):
        spec = _spec(name)
        call = canonical_call(spec)
        contexts[name] = method_context(spec, call, target="go", label=None)["go"]
        assert contexts[name] == go_result(result_of(spec), call.method)
    assert contexts["crm-deal-list.yaml"] != contexts["crm-deal-get.yaml"]
