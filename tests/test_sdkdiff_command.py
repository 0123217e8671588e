"""sdk-diff end to end: method specs from YAML, the command's exits and baseline, the real
b24pysdk 1.3.2 (pinned in the test extra) and what @bitrix24/b24jssdk's typings allow."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from generator.diagnostics import DocgenError, Exit
from generator.sdkdiff import docs
from generator.sdkdiff.command import add_sdk_diff, run_sdk_diff
from generator.sdkdiff.model import DocMethod, DocParam, SdkSurface
from tests.test_sdkdiff import fake_surface

# --- method specs from YAML ----------------------------------------------------------------------

SPEC_YAML = """\
spec_version: 2
kind: method
method: crm.deal.get
title: crm.deal.get
source:
  path: api-reference/crm/deals/crm-deal-get.md
  sha256: "0"
  spans: {h1: {start: 3, end: 3}, params: {start: 18, end: 22}}
notes: []
params:
  - {name: id, path: id, type: integer, required: true, line: 20, wildcard: false, children: []}
"""


def test_specs_folder(tmp_path: Path) -> None:
    (tmp_path / "crm").mkdir()
    (tmp_path / "crm" / "crm-deal-get.yaml").write_text(SPEC_YAML, encoding="utf-8")
    old = SPEC_YAML.replace("crm/deals/", "crm/outdated/").replace("line: 20", "line: 9")
    (tmp_path / "crm" / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "event.yaml").write_text("kind: rest_event\nevent: ONX\n", encoding="utf-8")
    assert docs.from_specs_folder(tmp_path) == [
        DocMethod(
            "crm.deal.get",
            "api-reference/crm/deals/crm-deal-get.md",
            3,
            False,
            (DocParam("id", "integer", True, 20),),
            params_line=18,
        )
    ]


@pytest.mark.parametrize(
    "text",
    [
        "kind: method\nmethod: a.b\nparams: [{path: x, line: first}]\n",
        "kind: method\nmethod: a.b\nparams: 7\n",
        "kind: method\nmethod: a.b\nsource: {spans: {h1: {start: [1]}}}\n",
        "kind: [method\n",
    ],
)
def test_malformed_specs_are_e_specs(tmp_path: Path, text: str) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        docs.from_specs_folder(tmp_path)
    assert (caught.value.diagnostic.code, caught.value.diagnostic.line) == ("E-SPECS", 1)


def test_deprecation_marks() -> None:
    assert docs.is_deprecated("api-reference/outdated/x.md", [])
    assert docs.is_deprecated("api-reference/x.md", [{"title": "DEPRECATED", "text": "use y"}])
    assert not docs.is_deprecated("api-reference/x.md", [{"title": None, "text": "note"}])


# --- the command ---------------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="b24-docgen")
    add_sdk_diff(parser.add_subparsers(dest="command"))
    return parser.parse_args(["sdk-diff", *argv])


CONTACT_GET_YAML = """\
kind: method
method: crm.contact.get
source: {path: api-reference/crm/contacts/crm-contact-get.md}
params:
  - {name: id, path: id, type: integer, required: true, line: 18, children: []}
"""


def test_command_exit_codes_and_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    only_get = SdkSurface(
        "fakesdk", "0.1", tuple(m for m in fake_surface().methods if m.method == "crm.contact.get")
    )
    monkeypatch.setattr("generator.sdkdiff.command.load_surface", lambda sdk, path: only_get)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "get.yaml").write_text(CONTACT_GET_YAML, encoding="utf-8")
    specs = str(tmp_path / "specs")
    baseline = str(tmp_path / "baseline.json")
    assert run_sdk_diff(parse(["--specs", specs])) == Exit.OK
    assert capsys.readouterr().out == (
        "sdk-diff: 1 methods in the docs, 1 wrapped by fakesdk 0.1, 0 signatures disagree\n"
        "differences: 0\n"
    )
    spec = CONTACT_GET_YAML.replace("path: id", "path: ID")
    (tmp_path / "specs" / "get.yaml").write_text(spec, encoding="utf-8")
    assert run_sdk_diff(parse(["--specs", specs, "--format", "json"])) == Exit.FINDINGS
    assert json.loads(capsys.readouterr().out)["counts"] == {"SDK-PARAM-RENAMED": 1}
    assert run_sdk_diff(parse(["--specs", specs, "--write-baseline", baseline])) == Exit.OK
    capsys.readouterr()
    assert run_sdk_diff(parse(["--specs", specs, "--baseline", baseline])) == Exit.OK
    assert capsys.readouterr().out.splitlines()[-1] == "baseline: 1 known, 0 fixed"


def test_command_on_the_real_b24pysdk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("b24pysdk")
    (tmp_path / "get.yaml").write_text(SPEC_YAML, encoding="utf-8")
    assert run_sdk_diff(parse(["--specs", str(tmp_path), "--format", "json"])) == Exit.FINDINGS
    document = json.loads(capsys.readouterr().out)
    assert document["summary"] == {
        "documented": 1,
        "wrapped": 1,
        "disagree": 0,
        "sdk_methods": 1548,
    }
    assert document["counts"] == {"SDK-UNDOCUMENTED": 1547}  # the other wrappers lack a spec here


def test_command_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(DocgenError) as caught:
        run_sdk_diff(parse([]))
    assert caught.value.diagnostic.code == "E-USAGE"
    with pytest.raises(DocgenError) as caught:
        run_sdk_diff(parse(["--specs", str(tmp_path / "absent")]))
    assert caught.value.diagnostic.code == "E-SPECS"
    with pytest.raises(SystemExit):
        parse(["--specs", "a", "--docs", "b"])


# --- the real b24pysdk (pinned: b24pysdk==1.3.2 in the test extra) -------------------------------


@pytest.fixture(scope="module")
def real() -> SdkSurface:
    pytest.importorskip("b24pysdk")
    from generator.sdkdiff.introspect_py import introspect_b24pysdk

    return introspect_b24pysdk()


def test_real_b24pysdk_surface(real: SdkSurface) -> None:
    assert (real.sdk, real.version, len(real.methods)) == ("b24pysdk", "1.3.2", 1548)
    assert [m.where for m in real.methods if not m.resolved] == [
        "client.bizproc.workflow.template.add",
        "client.imopenlines.bot.session.transfer",
        "client.lists.field.add",
        "client.lists.field.get",
    ]
    methods = {m.method: m for m in real.methods}
    deal_add = methods["crm.deal.Add"]  # b24pysdk names CRM item methods from `_add` → `Add`
    assert [(p.name, p.wire, p.required, p.annotation) for p in deal_add.params] == [
        ("fields", "fields", True, "Dict[str, Any]"),
        ("params", "params", False, "Optional[Dict[str, Any]]"),
    ]
    assert [(p.name, p.wire) for p in methods["crm.deal.Get"].params] == [("bitrix_id", "id")]
    assert deal_add.source == ("b24pysdk/scopes/crm/deal/__init__.py", 73)
    upload = methods["disk.folder.uploadFile"]  # a file is a 2-tuple: the second sample size
    assert [p.wire for p in upload.params][:3] == ["id", "data", "fileContent"]
    assert [(p.name, p.wire) for p in methods["user.add"].params] == [("fields", "*")]
    section = [(p.name, p.wire) for p in methods["entity.section.add"].params]
    assert section[-1] == ("**fields", "*")
    assert methods["profile"].where == "client.profile"  # a scope that is itself the method
    assert methods["humanresources.node.field.list"].where.startswith("client.humanresources.")
    flag = next(p for p in methods["bizproc.activity.add"].params if p.name == "use_placement")
    assert (flag.wire, flag.kinds, flag.sent) == ("USE_PLACEMENT", {"bool"}, "str")  # Y/N


def test_b24jssdk_has_no_per_method_typings() -> None:
    from generator.sdkdiff.command import find_b24jssdk
    from generator.sdkdiff.introspect_ts import introspect_b24jssdk
    from tests.support import toolchains

    roots = toolchains.node_modules_dirs()
    if not any((root / "@bitrix24" / "b24jssdk").is_dir() for root in roots):
        pytest.skip("@bitrix24/b24jssdk is not installed (.ci/run installs it)")
    surface = introspect_b24jssdk(find_b24jssdk(roots))
    assert (surface.version, surface.comparable, surface.methods) == ("1.3.0", False, ())
    assert surface.note == (
        "the typings name no REST method: every entry point takes the method as a plain string "
        "(ActionCallListV2 (string), ActionCallListV3 (string), ActionCallV2 (string), "
        "ActionCallV3 (string), ActionFetchListV2 (string), ActionFetchListV3 (string), "
        "TypeB24.callListMethod (string), TypeB24.callMethod (string), "
        "TypeB24.fetchListMethod (string)) and params as one generic type, so there are no "
        "per-method signatures to compare"
    )


def test_command_on_b24jssdk_says_what_it_cannot_compare(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support import toolchains

    package = next(
        (r / "@bitrix24" / "b24jssdk" for r in toolchains.node_modules_dirs()),
        None,
    )
    if package is None or not package.is_dir():
        pytest.skip("@bitrix24/b24jssdk is not installed (.ci/run installs it)")
    (tmp_path / "get.yaml").write_text(SPEC_YAML, encoding="utf-8")
    argv = ["--sdk", "b24jssdk", "--sdk-path", str(package), "--specs", str(tmp_path)]
    assert run_sdk_diff(parse(argv)) == Exit.OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("note: the typings name no REST method: every entry point")
    assert lines[1:] == [
        "sdk-diff: 1 methods in the docs, 0 wrapped by @bitrix24/b24jssdk 1.3.0, "
        "0 signatures disagree",
        "differences: 0",
    ]


def test_wired_into_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    assert main(["sdk-diff"]) == Exit.ERROR
    assert capsys.readouterr().err == "sdk-diff:0:0: E-USAGE give --specs DIR or --docs ROOT\n"
    assert main(["sdk-diff", "--specs", str(tmp_path / "absent")]) == Exit.ERROR
    assert main(["sdk-diff", "--format", "xml", "--specs", str(tmp_path)]) == Exit.ERROR
    baseline = tmp_path / "b.json"
    baseline.write_text("[]", encoding="utf-8")
    args = ["sdk-diff", "--specs", str(tmp_path), "--baseline", str(baseline)]
    assert main(args) == Exit.ERROR
    assert "E-BASELINE not an sdk-diff baseline" in capsys.readouterr().err
