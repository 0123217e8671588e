"""Layout slots of the b24jssdk tabs (generator/layout/js.py): what JS (TS) and JS (UMD) tabs write
by hand, read with tree-sitter. The fixtures are written here, in the docs' scaffold."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.report import Finding
from generator.check.run import run_check
from generator.layout.js import read_ts_layout, read_umd_layout
from generator.options import Options, SyncMode
from generator.render.method_tabs import render_method_tab
from generator.render.shaped import js_shaped
from tests.test_method_render import CURL_TAB, check, method_page, spec_of, write

TS_TAB = """\
// This snippet is an ES module: top-level await requires type="module" or a bundler.
// $b24 is an already-initialized SDK instance (see the SDK "Get started" guide).
import { Text } from '@bitrix24/b24jssdk'
import type { B24Frame, ISODate } from '@bitrix24/b24jssdk'

declare const $b24: B24Frame

// one shelf of the warehouse
type Shelf = {
  id: number
  label: string
  checkedAt: ISODate
}

try {
  // shelf.list returns a single page (max 50 records). For the whole result set
  // use a list helper: $b24.actions.v2.callList.make() returns every record as one
  // array, $b24.actions.v2.fetchList.make() yields them in chunks (async generator).
  // NOTE: the list helpers do not accept `order` (it is excluded from their params, so
  // passing it is a TS error) — keep this call.make + `start` variant when sort matters.
  const response = await $b24.actions.v2.call.make<Shelf[]>({
    method: 'shelf.list',
    params: {
      filter: { zone: 'B' },
      start: 0,
    },
    requestId: Text.getUuidRfc4122()
  })

  // The payload is available only on a successful response
  if (!response.isSuccess) {
    console.error(response.getErrorMessages().join('; '))
  } else {
    const shelves = response.getData()!.result
    console.info('Shelves:', shelves.length)

    for (const shelf of shelves) {
      console.info(shelf.id, shelf.label)
    }
  }
} catch (error) {
  // Thrown on transport or SDK failures (AjaxError, SdkError, etc.)
  console.error(error)
}
"""

UMD_TAB = """\
<script src="https://unpkg.com/@bitrix24/b24jssdk@1/dist/umd/index.min.js"></script>
<script>
  async function countShelves() {
    try {
      const $b24 = await B24Js.initializeB24Frame()

      const response = await $b24.actions.v3.call.make({
        method: 'shelf.count',
        params: {},
        requestId: B24Js.Text.getUuidRfc4122()
      })

      if (!response.isSuccess) {
        console.error(response.getErrorMessages().join('; '))
        return
      }

      const total = response.getData().result
      // a number, not an object
      console.info(`Shelves: ${total}`)
    } catch (error) {
      console.error(error)
    }
  }

  document.addEventListener('DOMContentLoaded', countShelves)
</script>
"""


def test_ts_slots() -> None:
    assert read_ts_layout(TS_TAB) == {
        "sdk_types": ["ISODate"],
        "types": (
            "// one shelf of the warehouse\ntype Shelf = {\n  id: number\n  label: string\n"
            "  checkedAt: ISODate\n}\n\n"
        ),
        "pagination_note": True,
        "result_type": "Shelf[]",
        "params_shape": {"inline": [1], "pad": True},
        "start_zero": True,
        "result_name": "shelves",
        "result_lines": (
            "console.info('Shelves:', shelves.length)\n\nfor (const shelf of shelves) {\n"
            "  console.info(shelf.id, shelf.label)\n}"
        ),
    }


def test_umd_slots() -> None:
    assert read_umd_layout(UMD_TAB) == {
        "function_name": "countShelves",
        "comments": False,
        "result_name": "total",
        "result_lines": "// a number, not an object\nconsole.info(`Shelves: ${total}`)",
    }


def test_ts_without_type_argument_or_declarations() -> None:
    code = TS_TAB.replace("<Shelf[]>", "").replace(
        TS_TAB[TS_TAB.index("// one shelf") : TS_TAB.index("try {")], ""
    )
    slots = read_ts_layout(code)
    assert (slots["result_type"], "types" in slots, slots["sdk_types"]) == (
        None,
        False,
        ["ISODate"],
    )


@pytest.mark.parametrize(
    ("old", "new", "slots"),
    [
        ("page (max 50 records).", "page (max 200 records).", {"note_page": " (max 200 records)"}),
        ("page (max 50 records).", "page.", {"note_page": ""}),
        ("+ `start` variant", "+ pagination variant", {"note_variant": "pagination"}),
        ("actions.v2.", "actions.v3.", {}),  # the helpers' version is the call's: a fact
        ("actions.v2.callList", "actions.v3.callList", None),  # two versions in one note
        ("returns a single page", "answers one page", None),
        ("actions.v2.fetchList", "actions.v4.fetchList", None),
    ],
)
def test_the_list_call_note_in_other_words(
    old: str, new: str, slots: dict[str, str] | None
) -> None:
    """The page size and the variant a note names are the page's words; the rest is the
    template's, and a note it cannot place is no note (the tab then differs there)."""
    found = read_ts_layout(TS_TAB.replace(old, new))
    note = {k: v for k, v in found.items() if k.startswith("note_")}
    if slots is None:
        assert "pagination_note" not in found and note == {}
    else:
        assert found["pagination_note"] is True and note == slots


def test_numeric_keys_written_bare_render_bare() -> None:
    literal = (
        "{\n      rights: {\n        0: ['read'],\n        12: ['read', 'edit'],\n      },\n    }"
    )
    code = TS_TAB.replace("{\n      filter: { zone: 'B' },\n      start: 0,\n    }", literal)
    shape = read_ts_layout(code)["params_shape"]
    assert shape == {"bare_numbers": True}
    data = {"rights": {"0": ["read"], "12": ["read", "edit"]}}
    assert js_shaped(data, shape, base=4) == literal
    assert js_shaped(data, {}, base=4) == literal.replace("0:", "'0':").replace("12:", "'12':")


def test_a_second_call_in_the_result_lines_is_no_slot() -> None:
    """Another REST call is a fact: the lines that make it stay out of the slots, so the tab
    differs from its render (and `exact` mode reports it)."""
    second = "await $b24.actions.v2.call.make({ method: 'shelf.get', params: { id: 1 } })"
    slots = read_ts_layout(TS_TAB.replace("console.info(shelf.id, shelf.label)", second))
    assert "result_lines" not in slots and "result_name" not in slots
    legacy = read_umd_layout(UMD_TAB.replace("// a number", "BX24.callMethod('shelf.get', {})\n//"))
    assert "result_lines" not in legacy


def test_lines_that_cannot_be_reindented_are_not_a_slot() -> None:
    """A multi-line template literal: dedenting it would change the string."""
    code = TS_TAB.replace(
        "console.info('Shelves:', shelves.length)", "console.info(`Shelves:\n${shelves.length}`)"
    )
    slots = read_ts_layout(code)
    assert "result_lines" not in slots and "result_name" not in slots
    assert slots["result_type"] == "Shelf[]"


def test_code_out_of_the_scaffold_has_no_slots() -> None:
    assert read_ts_layout("const x = 1\n") == {}
    assert read_ts_layout(TS_TAB.replace("try {", "try {{")) == {}  # does not parse
    assert read_umd_layout("<p>no script</p>\n") == {}
    assert read_umd_layout(UMD_TAB.replace("async function countShelves() {", "{")) == {}


# --- the slots through the method templates and `check` ------------------------------------------

TS_DEAL_TAB = """\
// This snippet is an ES module: top-level await requires type="module" or a bundler.
// $b24 is an already-initialized SDK instance (see the SDK "Get started" guide).
import { Text } from '@bitrix24/b24jssdk'
import type { B24Frame } from '@bitrix24/b24jssdk'

declare const $b24: B24Frame

type Deal = {
  ID: string
  TITLE: string
}

try {
  const response = await $b24.actions.v2.call.make<Deal>({
    method: 'crm.deal.get',
    params: {
      id: 42,
    },
    requestId: Text.getUuidRfc4122()
  })

  // The payload is available only on a successful response
  if (!response.isSuccess) {
    console.error(response.getErrorMessages().join('; '))
  } else {
    const deal = response.getData()!.result
    console.info(deal.ID, deal.TITLE)
  }
} catch (error) {
  // Thrown on transport or SDK failures (AjaxError, SdkError, etc.)
  console.error(error)
}
"""


UMD_DEAL_TAB = """\
<!-- Load the SDK (UMD build); it is exposed as the global B24Js -->
<script src="https://unpkg.com/@bitrix24/b24jssdk@1/dist/umd/index.min.js"></script>
<script>
  async function showDeal() {
    try {
      // Initialize the SDK inside a Bitrix24 frame
      const $b24 = await B24Js.initializeB24Frame()

      const response = await $b24.actions.v2.call.make({
        method: 'crm.deal.get',
        params: { id: 42 },
        requestId: B24Js.Text.getUuidRfc4122()
      })

      // The payload is available only on a successful response
      if (!response.isSuccess) {
        console.error(response.getErrorMessages().join('; '))
        return
      }

      const deal = response.getData().result
      console.info(deal.TITLE)
    } catch (error) {
      // Thrown on transport or SDK failures (AjaxError, SdkError, etc.)
      console.error(error)
    }
  }

  document.addEventListener('DOMContentLoaded', showDeal)
</script>
"""


def tab(label: str, lang: str, code: str) -> str:
    body = "\n".join(("    " + line) if line else "" for line in code.rstrip("\n").split("\n"))
    return f"- {label}\n\n    ```{lang}\n{body}\n    ```\n"


def findings(root: Path, label: str) -> list[Finding]:
    report = run_check(root, (), Options(profile="method-exact"), use_cache=False)
    return [f for f in report.findings if f.label == label]


def test_a_tab_renders_back_from_its_own_slots(tmp_path: Path) -> None:
    tabs = (tab("JS (TS)", "ts", TS_DEAL_TAB), tab("JS (UMD)", "html", UMD_DEAL_TAB))
    write(tmp_path, method_page(CURL_TAB, *tabs))
    spec = spec_of(tmp_path)
    layouts = {c.label: c.layout for c in spec.calls}
    assert layouts["JS (TS)"]["types"] == "type Deal = {\n  ID: string\n  TITLE: string\n}\n\n"
    assert layouts["JS (UMD)"]["params_shape"] == {"indent": 0, "pad": True}
    assert render_method_tab(spec, "js_ts", layout=layouts["JS (TS)"]) == TS_DEAL_TAB
    assert render_method_tab(spec, "js_umd", layout=layouts["JS (UMD)"]) == UMD_DEAL_TAB
    assert findings(tmp_path, "JS (TS)") == findings(tmp_path, "JS (UMD)") == []


def test_blank_lines_in_the_result_lines_stay_blank(tmp_path: Path) -> None:
    """A blank line right after the result's declaration: rendered back without indentation (an
    `exact` sync would otherwise write trailing spaces, and the next check would see them)."""
    code = TS_DEAL_TAB.replace("result\n    console.info(", "result\n\n    console.info(")
    write(tmp_path, method_page(CURL_TAB, tab("JS (TS)", "ts", code)))
    spec = spec_of(tmp_path)
    layout = next(c.layout for c in spec.calls if c.label == "JS (TS)")
    assert layout["result_lines"] == "\nconsole.info(deal.ID, deal.TITLE)"
    assert render_method_tab(spec, "js_ts", layout=layout) == code


@pytest.mark.parametrize(
    ("label", "old", "new", "diff"),
    [
        ("JS (TS)", "id: 42,", "id: 7,", "-      id: 7,\n+      id: 42,\n"),  # `call` mode: same
        ("JS (TS)", "'crm.deal.get'", "'crm.deal.list'", "-    method: 'crm.deal.list',\n"),
        ("JS (TS)", "requestId: Text.getUuidRfc4122()", "requestId: 'r'", "+    requestId: Text"),
        ("JS (TS)", "if (!response.isSuccess) {", "if (!response) {", "+  if (!response.isSuccess"),
        ("JS (UMD)", "{ id: 42 }", "{ id: 42, select: ['ID'] }", "+        params: { id: 42 },"),
        ("JS (UMD)", "        return\n", "", "+        return\n"),
    ],
)
def test_slots_never_swallow_the_call(
    tmp_path: Path, label: str, old: str, new: str, diff: str
) -> None:
    """The params, the method, the request id and the success check are the template's, from
    facts: a tab that changes them drifts in `exact` mode although its slots are carried."""
    code = {"JS (TS)": TS_DEAL_TAB, "JS (UMD)": UMD_DEAL_TAB}[label]
    lang = {"JS (TS)": "ts", "JS (UMD)": "html"}[label]
    write(tmp_path, method_page(CURL_TAB, tab(label, lang, code.replace(old, new))))
    drift = [f for f in findings(tmp_path, label) if f.kind == "drift"]
    assert len(drift) == 1 and drift[0].diff is not None and diff in drift[0].diff


def test_a_missing_tab_is_added_in_the_default_layout(tmp_path: Path) -> None:
    """No tab to read slots from: the result type comes from the response example (an object:
    `unknown`), the result is printed whole, the comments are there."""
    write(tmp_path, method_page(CURL_TAB))
    check(tmp_path, mode=SyncMode(add_missing=True))
    spec = spec_of(tmp_path)
    added = next(t.code for t in spec.examples[0].tabs if t.label == "JS (TS)")
    assert added == render_method_tab(spec, "js_ts")
    assert "call.make<unknown>({" in added and "    console.info(result)\n" in added
    assert read_ts_layout(added) == {"result_type": "unknown"}  # the rest: the defaults
