"""Profiles (built-in + user file, `extends`) and `[tool.b24-docgen]`, with their E-CONFIG errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.diagnostics import DocgenError
from generator.options import Config, find_pyproject, load_config, resolve_options
from generator.profiles import load_profiles
from generator.targets import template_targets

CURRENT_JS = ["BX24.js", "JS (TS)", "JS (UMD)"]
CURRENT_REST = [  # no cURL (Webhook): event.bind works only in an application context
    "cURL (OAuth)",
    "JS (TS)",
    "JS (UMD)",
    "PHP",
    "Python",
    "BX24.js",
    "PHP CRest",
    "Go",
]
SEED_TABS = ["cURL (Webhook)", "cURL (OAuth)", "JS", "PHP"]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def config_error(excinfo: pytest.ExceptionInfo[DocgenError]) -> str:
    assert excinfo.value.diagnostic.code == "E-CONFIG"
    assert excinfo.value.diagnostic.severity == "error"
    return excinfo.value.diagnostic.message


# --- built-in profiles ---------------------------------------------------------------------------


def test_builtin_targets_have_templates() -> None:
    targets = template_targets()
    assert set(targets) == {
        "bx24_js",
        "bx24_js_2024",
        "curl_oauth",
        "curl_oauth_2024",
        "curl_webhook",
        "curl_webhook_2024",
        "go",
        "js_ts",
        "js_umd",
        "php_b24sdk",
        "php_crest",
        "php_crest_2024",
        "python",
    }
    assert targets["js_umd"] == "examples/js_umd.html.j2"


def test_current_profile() -> None:
    current = load_profiles().get("current")
    assert [t.label for t in current.tabs_for("js_event")] == CURRENT_JS
    assert [t.target for t in current.tabs_for("js_event")] == ["bx24_js", "js_ts", "js_umd"]
    assert [t.label for t in current.tabs_for("rest_event")] == CURRENT_REST
    assert [t.target for t in current.tabs_for("rest_event")] == [
        "curl_oauth",
        "js_ts",
        "js_umd",
        "php_b24sdk",
        "python",
        "bx24_js",
        "php_crest",
        "go",
    ]


def test_2024_profile_is_the_seed_block() -> None:
    era = load_profiles().get("2024")
    for kind in ("js_event", "rest_event"):
        assert [t.label for t in era.tabs_for(kind)] == SEED_TABS
        assert [t.target for t in era.tabs_for(kind)] == [
            "curl_webhook_2024",
            "curl_oauth_2024",
            "bx24_js_2024",
            "php_crest_2024",
        ]


def test_legacy_events_have_no_tabs_in_any_builtin_profile() -> None:
    profiles = load_profiles()
    assert profiles.names == ["2024", "current", "event-pages", "method-exact"]
    assert all(profiles.get(name).tabs_for("legacy_event") == () for name in profiles.names)


def test_extends_inherits_the_kinds_a_profile_does_not_list() -> None:
    pages = load_profiles().get("event-pages")
    assert [t.label for t in pages.tabs_for("js_event")] == CURRENT_JS
    assert [t.label for t in pages.tabs_for("rest_event")] == [
        "JS (TS)",
        "JS (UMD)",
        "PHP",
        "BX24.js",
        "PHP CRest",
    ]


def test_tabs_by_kind_lists_every_kind() -> None:
    by_kind = load_profiles().tabs_by_kind("current")
    assert list(by_kind) == ["rest_event", "js_event", "legacy_event", "method"]
    assert by_kind["legacy_event"] == ()


def test_unknown_profile_name_lists_the_known_ones() -> None:
    with pytest.raises(DocgenError) as excinfo:
        load_profiles().get("2025")
    known = "2024, current, event-pages, method-exact"
    assert config_error(excinfo) == f"unknown profile '2025' (known: {known})"


def test_profiles_are_loaded_once() -> None:
    assert load_profiles() is load_profiles()


# --- user profiles file ---------------------------------------------------------------------------


def test_user_file_adds_replaces_and_extends(tmp_path: Path) -> None:
    user = write(
        tmp_path / "profiles.yaml",
        """\
        profiles:
          go-only:
            extends: current
            rest_event:
              - {label: Go, target: go}
          "2024":
            js_event:
              - {label: JS, target: bx24_js_2024}
          current:
            extends: current
            description: current, without cURL
            rest_event:
              - {label: PHP, target: php_b24sdk}
        """,
    )
    profiles = load_profiles(user)
    assert [t.label for t in profiles.get("go-only").tabs_for("rest_event")] == ["Go"]
    assert [t.label for t in profiles.get("go-only").tabs_for("js_event")] == CURRENT_JS
    # a profile of the same name replaces the built-in one whole
    assert [t.label for t in profiles.get("2024").tabs_for("js_event")] == ["JS"]
    assert profiles.get("2024").tabs_for("rest_event") == ()
    # ... unless it extends its own name, which builds on the built-in one
    current = profiles.get("current")
    assert [t.label for t in current.tabs_for("rest_event")] == ["PHP"]
    assert [t.label for t in current.tabs_for("js_event")] == CURRENT_JS
    assert current.description == "current, without cURL"
    assert profiles.get("event-pages").tabs_for("rest_event")  # built-ins stay


def test_user_targets_come_from_user_template_folders(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    write(templates / "examples" / "js_legacy.js.j2", "// {{ event }}\n")
    write(templates / "examples" / "_shared.j2", "")
    user = write(
        tmp_path / "profiles.yaml",
        """\
        profiles:
          legacy-js:
            extends: current
            rest_event: [{label: JS, target: js_legacy}]
        """,
    )
    assert template_targets([templates])["js_legacy"] == "examples/js_legacy.js.j2"
    assert "_shared" not in template_targets([templates])
    profiles = load_profiles(user, [templates])
    assert profiles.get("legacy-js").tabs_for("rest_event")[0].target == "js_legacy"
    with pytest.raises(DocgenError) as excinfo:
        load_profiles(user)
    assert "unknown target 'js_legacy'" in config_error(excinfo)


def test_a_changed_user_file_is_read_again(tmp_path: Path) -> None:
    user = write(tmp_path / "p.yaml", "profiles:\n  a: {js_event: []}\n")
    assert load_profiles(user).names == ["2024", "a", "current", "event-pages", "method-exact"]
    write(tmp_path / "p.yaml", "profiles:\n  bb: {js_event: []}\n")
    assert "bb" in load_profiles(user).names


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "profile:\n  x: {}\n",
            "top level: unknown key 'profile' (valid keys: profiles)",
        ),
        (
            "profiles:\n  x: {extend: current}\n",
            "profiles.x: unknown key 'extend' (valid keys: description, extends, rest_event, "
            "js_event, legacy_event, method, scoped)",
        ),
        (
            "profiles:\n  x:\n    js_event:\n      - {label: JS, target: bx24_js, lang: js}\n",
            "profiles.x.js_event[0]: unknown key 'lang' (valid keys: label, target, drift)",
        ),
        (
            "profiles:\n  x:\n    js_event:\n      - {label: JS, target: java}\n",
            "profiles.x.js_event[0].target: unknown target 'java' (known: bx24_js, bx24_js_2024, "
            "curl_oauth, curl_oauth_2024, curl_webhook, curl_webhook_2024, go, js_ts, js_umd, "
            "php_b24sdk, php_crest, php_crest_2024, python)",
        ),
        (
            "profiles:\n  a: {extends: b}\n  b: {extends: c}\n  c: {extends: a}\n",
            "profiles.a.extends: cycle a → b → c → a",
        ),
        (
            "profiles:\n  loop: {extends: loop}\n",
            "profiles.loop.extends: cycle loop → loop",
        ),
        (
            "profiles:\n  x: {extends: nowhere}\n",
            "profiles.x.extends: unknown profile 'nowhere' (known: 2024, current, event-pages,"
            " method-exact, x)",
        ),
        (
            "profiles:\n  x:\n    js_event:\n      - {label: JS, target: bx24_js}\n"
            "      - {label: JS, target: js_ts}\n",
            "profiles.x.js_event: label 'JS' appears twice",
        ),
        ("profiles:\n  x:\n    js_event: {label: JS}\n", "profiles.x.js_event: expected a list"),
        ("profiles:\n  x:\n    js_event: [JS]\n", "profiles.x.js_event[0]: expected a mapping"),
        ("profiles:\n  x:\n    js_event: [{target: js_ts}]\n", "profiles.x.js_event[0].label"),
        ("profiles:\n  x: {extends: 2024}\n", "profiles.x.extends: expected a string"),
        ("profiles: [current]\n", "profiles: expected a mapping"),
        ("- just a list\n", "expected a mapping with a `profiles` key"),
    ],
)
def test_user_file_errors(tmp_path: Path, text: str, message: str) -> None:
    user = write(tmp_path / "profiles.yaml", text)
    with pytest.raises(DocgenError) as excinfo:
        load_profiles(user)
    assert config_error(excinfo).startswith(message)
    assert excinfo.value.diagnostic.path == str(user.resolve())


def test_invalid_yaml_is_located(tmp_path: Path) -> None:
    user = write(tmp_path / "profiles.yaml", "profiles:\n  x: [unclosed\n")
    with pytest.raises(DocgenError) as excinfo:
        load_profiles(user)
    assert config_error(excinfo).startswith("invalid YAML")
    assert excinfo.value.diagnostic.line == 3


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(DocgenError) as excinfo:
        load_profiles(tmp_path / "absent.yaml")
    assert config_error(excinfo).startswith("cannot read profiles file")


# --- pyproject.toml ------------------------------------------------------------------------------


def test_pyproject_is_found_walking_up(tmp_path: Path) -> None:
    project = write(
        tmp_path / "pyproject.toml",
        """\
        [project]
        name = "docs"

        [tool.b24-docgen]
        profile = "2024"
        templates = ["my-templates", "/abs/templates"]
        profiles = "conf/profiles.yaml"
        """,
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_pyproject(nested) == project.resolve()
    config = load_config(nested)
    assert config == Config(
        profile="2024",
        templates=((tmp_path / "my-templates").resolve(), Path("/abs/templates").resolve()),
        profiles=(tmp_path / "conf" / "profiles.yaml").resolve(),
    )
    assert config.source == project.resolve()
    with pytest.raises(DocgenError, match="templates: no such folder") as caught:
        resolve_options(start=nested)  # the folders it names do not exist
    assert caught.value.diagnostic.code == "E-CONFIG"


def test_nearest_pyproject_without_the_table_gives_defaults(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.b24-docgen]\nprofile = "2024"\n')
    inner = write(tmp_path / "inner" / "pyproject.toml", '[project]\nname = "x"\n')
    config = load_config(inner.parent)
    assert config == Config()
    assert config.source == inner.resolve()


def test_no_pyproject_gives_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "is_file", lambda self: False)
    assert load_config(tmp_path) == Config(profile="current", templates=(), profiles=None)


def test_cwd_is_the_default_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "pyproject.toml", '[tool.b24-docgen]\nprofile = "event-pages"\n')
    monkeypatch.chdir(tmp_path)
    assert load_config().profile == "event-pages"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('profle = "x"', "unknown key 'profle' (valid keys: profile, profiles, templates)"),
        ("profile = 2024", "profile: expected a profile name"),
        ('templates = "dir"', "templates: expected a list of folders"),
        ("templates = [1]", "templates: expected a list of folders"),
        ("profiles = ['a']", "profiles: expected the path of a profiles file"),
    ],
)
def test_pyproject_errors(tmp_path: Path, table: str, message: str) -> None:
    write(tmp_path / "pyproject.toml", f"[tool.b24-docgen]\n{table}\n")
    with pytest.raises(DocgenError) as excinfo:
        load_config(tmp_path)
    assert config_error(excinfo) == f"[tool.b24-docgen] {message}" or message in config_error(
        excinfo
    )


def test_broken_toml(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.b24-docgen\n")
    with pytest.raises(DocgenError) as excinfo:
        load_config(tmp_path)
    assert config_error(excinfo).startswith("cannot read")
