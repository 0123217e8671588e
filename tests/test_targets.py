"""The target registry: targets are data. A toy Java target, added from a user template folder
(one registry entry, one template, one profile line), is parsed, rendered and checked with no code
change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import DocgenError
from generator.targets import extension_of, language_of, load_targets

SAMPLE_DOCS = Path(__file__).resolve().parent.parent / "examples" / "docs"
PAGE = "api-reference/crm/deals/events/on-crm-deal-update.md"
JAVA_ENTRY = """targets:
  java:
    labels: [Java]
    sdk: Java SDK
    signature: ['\\bBitrix24Client\\b']
    language: java
    extension: java
    api: rest
"""
JAVA_TEMPLATE = """Bitrix24Client client = Bitrix24Client.fromEnvironment();
client.call({{ call.method|js_string('"') }}, Map.of("event", {{ bind_event|js_string('"') }}));
"""
PROFILES = """profiles:
  with-java:
    extends: current
    rest_event:
      - {label: cURL (OAuth), target: curl_oauth}
      - {label: Java, target: java}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SAMPLE_DOCS, tmp_path / "docs")
    (tmp_path / "tpl" / "examples").mkdir(parents=True)
    (tmp_path / "tpl" / "targets.yaml").write_text(JAVA_ENTRY, encoding="utf-8")
    (tmp_path / "tpl" / "examples" / "java.java.j2").write_text(JAVA_TEMPLATE, encoding="utf-8")
    (tmp_path / "tpl" / "profiles.yaml").write_text(PROFILES, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.b24-docgen]\ntemplates = ["tpl"]\nprofiles = "tpl/profiles.yaml"\n'
        'profile = "with-java"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_builtin_registry_knows_every_builtin_template() -> None:
    targets = load_targets()
    assert language_of("curl_webhook") == "bash" and extension_of("python") == "py"
    assert targets.decide("PHP", "CRest::call('x');") == "php_crest"  # the code decides
    assert targets.decide("cURL", "curl -X POST https://x/rest/1/abc/event.bind") == "curl_webhook"
    assert targets.decide("cURL (OAuth)", "curl -X POST https://x/rest/event.bind") == "curl_oauth"
    assert targets.decide("Java", "anything") == "unknown"


def test_a_template_without_registry_entry_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "kotlin.kt.j2").write_text("x\n", encoding="utf-8")
    with pytest.raises(DocgenError, match=r"target 'kotlin' has no entry in targets\.yaml"):
        extension_of("kotlin", [tmp_path])


def test_java_target_is_rendered(project: Path) -> None:
    assert main(["build", "--docs", "docs", "--specs", "specs", "--out", "out"]) == 0
    java = sorted((project / "out").rglob("*-java.java"))
    assert len(java) == 3
    rendered = project / "out" / "examples" / PAGE.removesuffix(".md") / "02-java.java"
    assert rendered.read_text(encoding="utf-8") == (
        "Bitrix24Client client = Bitrix24Client.fromEnvironment();\n"
        'client.call("event.bind", Map.of("event", "onCrmDealUpdate"));\n'
    )


def test_java_target_is_checked_and_synced(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--docs", "docs", "--no-cache", PAGE]) == 1
    out = capsys.readouterr().out
    assert f"docs/{PAGE}:" in out and "missing-tab [Java] the profile expects a `Java` tab" in out
    assert main(["sync", "--docs", "docs", "--reshape", PAGE]) == 0
    text = (project / "docs" / PAGE).read_text(encoding="utf-8")
    assert "- Java\n\n    ```java\n    Bitrix24Client client" in text
    capsys.readouterr()
    assert main(["check", "--docs", "docs", "--no-cache", PAGE]) == 0
    assert capsys.readouterr().out.strip().endswith("pages checked: 1, in sync: 1; findings: none")
    assert main(["parse", "--docs", "docs", "--out", "specs", PAGE]) == 0
    spec = (project / "specs" / PAGE.replace(".md", ".yaml")).read_text(encoding="utf-8")
    assert "  - label: Java\n    target: java\n    lang: java\n" in spec


SCOPED = """profiles:
  sections:
    extends: current
    method:
      - {label: cURL (Webhook), target: curl_webhook}
    scoped:
      - paths: ["api-reference/crm/*"]
        method:
          - {label: cURL (Webhook), target: curl_webhook}
          - {label: PHP, target: php_b24sdk}
"""


def test_profiles_key_on_page_kind_and_scope_by_path(tmp_path: Path) -> None:
    from generator.profiles import load_profiles

    path = tmp_path / "profiles.yaml"
    path.write_text(SCOPED, encoding="utf-8")
    profile = load_profiles(path).get("sections")

    def labels(kind: str, page: str | None) -> list[str]:
        return [t.label for t in profile.tabs_for(kind, page)]

    assert labels("method", "api-reference/crm/deals/crm-deal-add.md") == ["cURL (Webhook)", "PHP"]
    assert labels("method", "api-reference/tasks/task-add.md") == ["cURL (Webhook)"]
    assert labels("method", None) == ["cURL (Webhook)"]
    assert labels("js_event", "api-reference/crm/x.md") == ["BX24.js", "JS (TS)", "JS (UMD)"]
