"""Security properties: YAML only through safe loaders, templates sandboxed, includes and outputs
confined to their roots, and no network access during a full parse + check + sync + render run."""

from __future__ import annotations

import ast
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from generator.check.run import run_check
from generator.cli import main
from generator.diagnostics import DocgenError
from generator.fileio import confined, write_atomic
from generator.options import Options
from generator.parse import parse_docs, parse_page
from generator.profiles import read_profiles_file
from generator.render.env import make_environment
from generator.render.examples import render_tab
from generator.render.literals import FILTERS
from generator.spec.io import SpecError, dump_yaml, load_yaml
from tests.corpus import EXAMPLES_DOCS

GENERATOR = Path(__file__).resolve().parents[1] / "generator"


# --- YAML -----------------------------------------------------------------------------------------

EVIL_YAML = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "kind: !!python/object/apply:os.system ['touch {marker}']",
    "spec_version: 1\nkind: !!python/object/apply:subprocess.check_output [['touch', '{marker}']]",
]


@pytest.mark.parametrize("text", EVIL_YAML)
def test_spec_yaml_refuses_python_tags(tmp_path: Path, text: str) -> None:
    marker = tmp_path / "pwned"
    with pytest.raises(SpecError) as caught:
        load_yaml(text.format(marker=marker), "evil.yaml")
    assert caught.value.diagnostic.code == "E-SPEC"
    assert not marker.exists()


@pytest.mark.parametrize("text", EVIL_YAML)
def test_profiles_yaml_refuses_python_tags(tmp_path: Path, text: str) -> None:
    marker = tmp_path / "pwned"
    profiles = tmp_path / "profiles.yaml"
    profiles.write_text(text.format(marker=marker), encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        read_profiles_file(profiles, {})
    assert caught.value.diagnostic.code == "E-CONFIG"
    assert not marker.exists()


def test_i18n_yaml_refuses_python_tags(tmp_path: Path) -> None:
    from generator.render.examples import locale_strings

    marker = tmp_path / "pwned"
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "ru.yaml").write_text(EVIL_YAML[0].format(marker=marker), encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        locale_strings("ru", [tmp_path])
    assert caught.value.diagnostic.code == "E-I18N"
    assert not marker.exists()


UNSAFE_YAML_CALLS = {
    "load",
    "load_all",
    "unsafe_load",
    "unsafe_load_all",
    "full_load",
    "full_load_all",
}
UNSAFE_LOADERS = {"Loader", "UnsafeLoader", "FullLoader", "CLoader", "CUnsafeLoader", "CFullLoader"}


def _assigned(tree: ast.Module) -> dict[str, list[str]]:
    """name → the source of every value assigned to it in the module (any scope)."""
    found: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                found.setdefault(target.id, []).append(ast.unparse(value))
    return found


def _safe_loader(expression: ast.expr | None, assigned: dict[str, list[str]]) -> bool:
    if expression is None:
        return False
    sources = [ast.unparse(expression)]
    if isinstance(expression, ast.Name):
        sources = assigned.get(expression.id, [])
    return bool(sources) and all(
        "SafeLoader" in src and not any(f"yaml.{bad}" in src for bad in UNSAFE_LOADERS)
        for src in sources
    )


def test_no_module_can_reach_an_unsafe_yaml_loader() -> None:
    """Every `yaml.load*` call in generator/ passes a Safe loader (directly or through a name bound
    only to safe loaders); no unsafe loader is named anywhere."""
    problems = []
    for source in sorted(GENERATOR.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        assigned = _assigned(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in UNSAFE_LOADERS:
                problems.append(f"{source.name}:{node.lineno}: yaml.{node.attr}")
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            func = node.func
            on_yaml = isinstance(func.value, ast.Name) and func.value.id == "yaml"
            if on_yaml and func.attr in UNSAFE_YAML_CALLS:
                loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
                if loader is None and len(node.args) > 1:
                    loader = node.args[1]
                if not _safe_loader(loader, assigned):
                    shown = ast.unparse(loader) if loader is not None else "?"
                    problems.append(
                        f"{source.name}:{node.lineno}: yaml.{func.attr}(Loader={shown})"
                    )
    assert not problems


# --- templates ------------------------------------------------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
    "{{ joiner.__init__.__globals__['os'] }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ spec.__class__.__init__.__globals__ }}",
    "{{ (spec|attr('__class__')) }}",
    "{{ t.__class__.__base__.__subclasses__() }}",
    "{% set f = ''.format %}{{ f.__self__ }}",
    "{{ ''.format.__globals__ }}",
    "{{ '{0.__class__}'.format(spec) }}",
    "{{ unsupported.__globals__ }}",
    "{{ range.__self__ }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_user_templates_cannot_leave_the_sandbox(tmp_path: Path, source: str) -> None:
    from jinja2.exceptions import SecurityError, UndefinedError
    from jinja2.sandbox import SandboxedEnvironment

    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "sneaky.js.j2").write_text(source + "\n", encoding="utf-8")
    env = make_environment([tmp_path], FILTERS)
    assert isinstance(env, SandboxedEnvironment)  # generator.render.sandbox.BoundedSandbox
    context = {"spec": object(), "t": {}, "unsupported": lambda reason: reason}
    with pytest.raises((SecurityError, UndefinedError)):
        env.get_template("examples/sneaky.js.j2").render(context)
    assert not (Path.cwd() / "pwned").exists()


def test_a_sandbox_escape_through_the_renderer_is_a_clear_diagnostic(tmp_path: Path) -> None:
    [spec] = parse_docs(_js_docs(tmp_path / "docs")).specs
    templates = tmp_path / "templates"
    (templates / "examples").mkdir(parents=True)
    (templates / "examples" / "bx24_js.js.j2").write_text(
        "// line one\n{{ cycler.__init__.__globals__.os.system('touch pwned') }}\n",
        encoding="utf-8",
    )
    with pytest.raises(DocgenError) as caught:
        render_tab(spec, "bx24_js", user_dirs=[templates])
    found = caught.value.diagnostic
    assert found.code == "E-TEMPLATE" and "unsafe" in found.message
    assert found.path.endswith("examples/bx24_js.js.j2") and found.line == 2
    assert "\n" not in found.format_text()


def test_a_user_template_cannot_include_files_outside_the_template_folders(tmp_path: Path) -> None:
    from jinja2.exceptions import TemplateNotFound

    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    (tmp_path / "t" / "examples").mkdir(parents=True)
    for name, source in {
        "a.js.j2": "{% include '../../secret.txt' %}",
        "b.js.j2": "{% include '" + secret.as_posix() + "' %}",
    }.items():
        (tmp_path / "t" / "examples" / name).write_text(source, encoding="utf-8")
        env = make_environment([tmp_path / "t"], FILTERS)
        with pytest.raises(TemplateNotFound):
            env.get_template(f"examples/{name}").render({})


# --- roots ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "relative", ["../x.yaml", "a/../../x.yaml", "/etc/passwd", "a/../../../etc/x", "link/x.yaml"]
)
def test_outputs_are_confined_to_their_root(tmp_path: Path, relative: str) -> None:
    root = tmp_path / "out"
    root.mkdir()
    (root / "link").symlink_to(tmp_path)  # a folder inside the root that leads out of it
    with pytest.raises(DocgenError) as caught:
        confined(root, relative)
    assert caught.value.diagnostic.code == "E-OUTPUT-OUTSIDE"


def test_confined_accepts_paths_inside_the_root(tmp_path: Path) -> None:
    assert confined(tmp_path, "a/b/c.yaml") == tmp_path / "a/b/c.yaml"
    assert confined(tmp_path, "a/../c.yaml") == tmp_path / "a/../c.yaml"


HEAD = (
    "# Событие при проверке корня onDemoWidgetAdd\n\n"
    "> Scope: [`crm`](../../../scopes/permissions.md)\n>\n> Кто может подписаться: любой пользователь\n\n"
    "Событие `onDemoWidgetAdd` срабатывает при проверке.\n\n"
)
PAGE = "api-reference/demo/events/on-demo-widget-add.md"


@pytest.mark.parametrize("how", ["file-symlink", "folder-symlink", "dotdot", "absolute"])
def test_includes_cannot_leave_the_docs_root(tmp_path: Path, how: str) -> None:
    docs = tmp_path / "docs"
    (docs / PAGE).parent.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("SECRET\n", encoding="utf-8")
    include = {
        "file-symlink": "../../../_includes/secret.md",
        "folder-symlink": "../../../shared/secret.md",
        "dotdot": "../../../../outside/secret.md",
        "absolute": (outside / "secret.md").as_posix(),
    }[how]
    (docs / "_includes").mkdir()
    (docs / "_includes" / "secret.md").symlink_to(outside / "secret.md")
    (docs / "shared").symlink_to(outside, target_is_directory=True)
    (docs / PAGE).write_text(HEAD + f"{{% include [x]({include}) %}}\n", encoding="utf-8")
    result = parse_page(docs, PAGE)
    assert result.spec is None
    assert [d.code for d in result.diagnostics if d.is_error] == ["E-INCLUDE-OUTSIDE"]
    assert "SECRET" not in repr(result)


def test_sync_does_not_write_through_a_symlinked_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _js_docs(tmp_path / "docs")
    [page] = docs.rglob("*.md")
    real = tmp_path / "elsewhere.md"
    shutil.move(page, real)
    page.symlink_to(real)
    before = real.read_bytes()
    monkeypatch.chdir(tmp_path)
    code = main(["sync", "--docs", str(docs), "--no-cache"])
    err = capsys.readouterr().err
    # the page's target is outside the root: refused when it is read, before any planning
    assert code == 2 and "E-OUTSIDE-ROOT page is a symlink to a file outside the docs root" in err
    assert real.read_bytes() == before and page.is_symlink()


def test_sync_does_not_write_through_a_symlink_inside_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _js_docs(tmp_path / "docs")
    [page] = docs.rglob("*.md")
    real = docs / "elsewhere.txt"  # inside the root, and not a page itself
    shutil.move(page, real)
    page.symlink_to(real)
    before = real.read_bytes()
    monkeypatch.chdir(tmp_path)
    code = main(["sync", "--docs", str(docs), "--no-cache"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err == (
        f"{page.as_posix()}:0:0: E-SYMLINK page is a symlink; refusing to write through it; "
        "nothing was changed\n"
    )
    assert real.read_bytes() == before and page.is_symlink()


def test_paths_given_on_the_command_line_stay_inside_the_docs_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _js_docs(tmp_path / "docs")
    (tmp_path / "outside.md").write_text(HEAD, encoding="utf-8")
    code = main(
        ["parse", "--docs", str(docs), str(tmp_path / "outside.md"), "--out", str(tmp_path / "o")]
    )
    assert code == 2 and "E-OUTSIDE-ROOT" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_write_atomic_refuses_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real").write_bytes(b"x")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(DocgenError):
        write_atomic(tmp_path / "link", b"y")
    assert (tmp_path / "real").read_bytes() == b"x"


# --- no network -----------------------------------------------------------------------------------


def test_no_network_access_during_a_full_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def blocked(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(f"network access attempted: {name}")

        return blocked

    for name in ("connect", "connect_ex", "sendto", "bind"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))

    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES_DOCS, docs)
    monkeypatch.chdir(tmp_path)
    result = parse_docs(docs, jobs=1)
    assert result.specs
    for spec in result.specs:
        assert load_yaml(dump_yaml(spec)) == spec
    report = run_check(docs, (), Options(jobs=1), use_cache=True, want_edits=False)
    assert report.checked
    assert main(["check", "--docs", str(docs), "--jobs", "1"]) in (0, 1)
    assert main(["sync", "--docs", str(docs), "--jobs", "1", "--dry-run", "--add-missing"]) in (
        0,
        1,
    )
    assert (
        main(["parse", "--docs", str(docs), "--out", str(tmp_path / "specs"), "--jobs", "1"]) == 0
    )
    assert (
        main(["render", "--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated")])
        == 0
    )
    capsys.readouterr()
    assert attempts == []


def _js_docs(root: Path) -> Path:
    page = root / "api-reference/demo/widget/events/widget-closed.md"
    page.parent.mkdir(parents=True)
    page.write_text(
        "# Событие закрытия демо-виджета Widget::Closed\n\n"
        "> Scope: [`placement`](../../../../scopes/permissions.md)\n>\n"
        "> Кто может подписаться: любой пользователь\n\n"
        "Событие `Widget::Closed` приходит в виджет.\n\n"
        '{% note info "" %}\n\nЭто событие js-интерфейса, а не событие REST.\n\n{% endnote %}\n\n'
        "## Примеры кода\n\n{% list tabs %}\n\n"
        "- BX24.js\n\n    ```js\n    old();\n    ```\n\n{% endlist %}\n",
        encoding="utf-8",
    )
    return root
