"""Robustness round 2 (issue 14): the failures the catalogue cannot express as one CLI run.

Each test names the item of the issue it proves. The catalogue (tests/bad_inputs/) holds the
rest: include-fifo, page-fifo-named (1), page-symlink-outside (2, 8), profile-label-injection (3),
tab-indented-fence (4), template-recursion and template-huge-output (5), output-is-a-file and
non-utf8-file-name (6), github-annotation-escaping (7).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator import fileio
from generator.cache import CACHE_DIR, cache_key
from generator.cli import main
from generator.diagnostics import DocgenError, github_command, warning
from generator.profiles import label_problem
from tests.test_robustness_io import JS_PAGE, make_docs

REPO = Path(__file__).resolve().parents[1]
CATALOGUE = Path(__file__).parent / "bad_inputs"


def _copy_case(case: str, to: Path) -> Path:
    shutil.copytree(CATALOGUE / case / "docs", to)
    return to


# --- 2: sync checks every page first and reports exactly what it wrote ----------------------------


def test_a_failing_write_names_the_pages_written_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    pages = make_docs(docs, 3)
    real_write = fileio.write_atomic

    def write_atomic(path: Path, data: bytes) -> bool:
        if path == pages[1]:
            raise DocgenError(warning(path.as_posix(), "E-WRITE", "cannot write: No space left"))
        return real_write(path, data)

    monkeypatch.setattr("generator.sync.write_atomic", write_atomic)
    monkeypatch.chdir(tmp_path)
    old = [p.read_bytes() for p in pages]
    assert main(["sync", "--docs", str(docs), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"{pages[1].as_posix()}:0:0: E-WRITE cannot write: No space left; "
        f"1 pages were written before it: {pages[0].as_posix()}\n"
    )
    assert pages[0].read_bytes() != old[0]
    assert [p.read_bytes() for p in pages[1:]] == old[1:]


def test_one_read_only_page_stops_sync_before_any_page_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = tmp_path / "docs"
    pages = make_docs(docs, 3)
    old = [p.read_bytes() for p in pages]
    pages[2].chmod(0o444)
    monkeypatch.chdir(tmp_path)
    assert main(["sync", "--docs", str(docs), "--no-cache"]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"{pages[2].as_posix()}:0:0: E-READONLY page is not writable; nothing was changed\n"
    )
    assert [p.read_bytes() for p in pages] == old


# --- 3: profile labels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "problem"),
    [
        ("PHP\n\n{% endlist %}\n\nINJECTED", "must be one line"),
        ("PHP\r", "must be one line"),
        ("PHP\u2028x", "must be one line"),
        (" PHP", "must not start or end with spaces"),
        ("PHP {% endlist %}", "would be read as markup"),
        ("PHP %}", "would be read as markup"),
        ("- PHP", "would be read as markup"),
        ("-", "would be read as markup"),
        ("* PHP", "would be read as markup"),
        ("+ PHP", "would be read as markup"),
        ("1. PHP", "would be read as markup"),
        ("2) PHP", "would be read as markup"),
        ("# PHP", "would be read as markup"),
        ("> PHP", "would be read as markup"),
        ("```PHP", "would be read as markup"),
    ],
)
def test_labels_that_would_change_the_page_are_refused(label: str, problem: str) -> None:
    found = label_problem(label)
    assert found is not None and problem in found


@pytest.mark.parametrize(
    "label", ["PHP", "JS (TS)", "cURL (Webhook)", "BX24.js", "PHP CRest", "C#", "1C-Bitrix"]
)
def test_the_labels_docs_use_are_accepted(label: str) -> None:
    assert label_problem(label) is None


# --- 4: a TAB-indented fence: check and sync agree ------------------------------------------------


def test_sync_rewrites_a_tab_indented_fence_and_check_then_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _copy_case("tab-indented-fence", tmp_path / "docs")
    [page] = docs.rglob("*.md")
    monkeypatch.chdir(tmp_path)
    assert main(["sync", "--docs", str(docs), "--no-cache"]) == 0
    lines = page.read_text(encoding="utf-8").split("\n")
    opener = lines.index("\t```ts")
    closer = lines.index("\t```", opener + 1)
    body = lines[opener + 1 : closer]
    assert (
        body[0] == "\t// $b24 — инициализированный экземпляр SDK, см. руководство по началу работы"
    )
    assert all(line.startswith("\t") or line == "" for line in body), body
    capsys.readouterr()
    code = main(["check", "--docs", str(docs), "--no-cache"])
    out = capsys.readouterr().out
    assert "[JS (TS)]" not in out, out
    assert code == 1  # what remains: the tab the profile wants and the page lacks
    assert main(["sync", "--docs", str(docs), "--no-cache"]) == 0
    assert "sync: changed 0 pages" in capsys.readouterr().out


# --- 5: template faults in the sandbox ------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ 2 ** 100000000 }}", "`**` would build a number over 4096 bits"),
        ("{{ [1, 2] * 600000 }}", "`*` would build 1200000 items"),
        ("{{ 'a'.ljust(10000000000) }}", "`ljust` width 10000000000 is over 1000000"),
        ("{{ 'a'|center(10000000000) }}", "`center` width 10000000000 is over 1000000"),
        ("{{ 'a\\nb'|indent(10000000000) }}", "`indent` width 10000000000 is over 1000000"),
        ("{{ '{:>10000000000}'.format(1) }}", "a format width or precision of a million"),
        ("{{ '%10000000000s'|format(1) }}", "a format width or precision of a million"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxx{% endfor %}"
            "{% endfor %}",
            "template output exceeds 16 MiB",
        ),
        ("{{ 1 // 0 }}", "ZeroDivisionError: integer division or modulo by zero"),
        ("{{ 'a' + 1 }}", "TypeError: can only concatenate str"),
    ],
)
def test_template_faults_are_located_errors(tmp_path: Path, source: str, message: str) -> None:
    from generator.render.env import make_environment, render_template

    (tmp_path / "examples").mkdir()
    template = tmp_path / "examples" / "faulty.js.j2"
    template.write_text("// line 1\n" + source + "\n", encoding="utf-8")
    env = make_environment([tmp_path])
    with pytest.raises(DocgenError) as caught:
        render_template(env.get_template("examples/faulty.js.j2"), {}, "a page")
    found = caught.value.diagnostic
    assert (found.path, found.line, found.code) == (str(template), 2, "E-TEMPLATE")
    assert message in found.message


def test_templates_within_the_bounds_render_as_before(tmp_path: Path) -> None:
    from generator.render.env import make_environment

    env = make_environment([tmp_path])
    source = (
        "{{ 'ab' * 3 }}|{{ 2 ** 10 }}|{{ 'a'|center(5) }}|{{ '{:>4}'.format(1) }}|"
        "{{ '%3s'|format('x') }}|{% macro f(n) %}{{ n }}{% if n < 5 %}{{ f(n + 1) }}{% endif %}"
        "{% endmacro %}{{ f(1) }}|{{ [0] * 3 }}|{{ 3 * 'x' }}"
    )
    assert env.from_string(source).render() == "ababab|1024|  a  |   1|  x|12345|[0, 0, 0]|xxx"


# --- 6: no tracebacks: the cache --------------------------------------------------------------------


@pytest.fixture
def js_docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    docs = tmp_path / "docs"
    make_docs(docs, 2)
    monkeypatch.chdir(tmp_path)  # the cache lives in the working directory
    return docs


def test_a_cache_folder_that_is_a_file_only_warns(
    js_docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    CACHE_DIR.write_text("not a folder\n", encoding="utf-8")
    assert main(["check", "--docs", str(js_docs)]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        ".b24-docgen-cache:0:0: W-CACHE is not a folder; running without the cache\n"
    )
    assert "pages checked: 2" in captured.out
    assert CACHE_DIR.read_text(encoding="utf-8") == "not a folder\n"


@pytest.mark.parametrize(
    "damage",
    [
        "null",
        "[1, 2]",
        '{"key": "K", "extra": {}, "entries": []}',
        '{"key": "K", "extra": [], "entries": {}}',
        '{"key": "K", "extra": {}, "entries": {"P": {"size": 1}}}',
        "missing page_type",
        "findings not a list",
        "a finding with unknown keys",
        "deps not pairs",
    ],
)
def test_a_damaged_cache_is_started_afresh(
    js_docs: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    assert main(["check", "--docs", str(js_docs)]) == 1
    first = capsys.readouterr()
    [stored] = CACHE_DIR.glob("check-*.json")
    data = json.loads(stored.read_text(encoding="utf-8"))
    entry = next(iter(data["entries"].values()))
    if damage == "missing page_type":
        del entry["outcome"]["page_type"]
    elif damage == "findings not a list":
        entry["outcome"]["findings"] = {"drift": 1}
    elif damage == "a finding with unknown keys":
        entry["outcome"]["findings"] = [{"nonsense": 1}]
    elif damage == "deps not pairs":
        entry["deps"] = {"_includes/x.md": 5}
    text = json.dumps(data) if " " in damage and not damage.startswith(("{", "[")) else damage
    stored.write_text(text.replace('"K"', json.dumps(data["key"])), encoding="utf-8")
    assert main(["check", "--docs", str(js_docs)]) == 1
    again = capsys.readouterr()
    assert again == first
    assert main(["check", "--docs", str(js_docs)]) == 1  # and the rewritten cache reads back
    assert capsys.readouterr() == first


@pytest.mark.slow
def test_cold_checks_racing_in_one_folder_never_fail(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    make_docs(docs, 3)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    argv = [sys.executable, "-m", "generator", "check", "--docs", str(docs)]
    for _ in range(6):
        shutil.rmtree(tmp_path / CACHE_DIR, ignore_errors=True)
        runs = [
            subprocess.Popen(
                argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(3)
        ]
        results = [(r.wait(timeout=120), r.communicate()) for r in runs]
        assert [code for code, _ in results] == [1, 1, 1], results
        assert all(err == b"" for _, (_, err) in results), results
    assert sorted(p.name for p in (tmp_path / CACHE_DIR).iterdir())[0] == ".gitignore"
    assert not [p for p in (tmp_path / CACHE_DIR).iterdir() if p.name.endswith(".tmp")]


def test_a_pyproject_whose_tool_is_not_a_table_is_a_config_error(
    js_docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("pyproject.toml").write_text('tool = "x"\n\n[project]\nname = "docs"\n', encoding="utf-8")
    assert main(["check", "--docs", str(js_docs)]) == 2
    assert capsys.readouterr().err == (
        f"{Path('pyproject.toml').resolve()}:1:1: E-CONFIG `tool` must be a table "
        "([tool.b24-docgen])\n"
    )


# --- 7: GitHub workflow-command escaping ------------------------------------------------------------


def test_github_commands_escape_data_and_properties() -> None:
    line = github_command(
        "error", {"file": "a,b:c%d\r\ne.md", "line": "3"}, "50% done\r\nnext: a,b"
    )
    assert line == "::error file=a%2Cb%3Ac%25d%0D%0Ae.md,line=3::50%25 done%0D%0Anext: a,b"


# --- 10: temp files: recognisable, and our leftovers removed -----------------------------------------


def test_temp_files_carry_our_mark_and_the_writer_pid(tmp_path: Path) -> None:
    handle, name = fileio.temp_file(tmp_path / "page.md")
    os.close(handle)
    match = fileio.LEFTOVER.match(Path(name).name)
    assert match is not None and int(match["pid"]) == os.getpid()


def test_only_leftovers_of_dead_runs_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    keep = [
        tmp_path / f".page.md.b24-docgen.{os.getpid()}.abc.tmp",  # a live run (this one)
        tmp_path / ".page.md.b24-docgen.1.abc.tmp",  # pid 1 is alive
        tmp_path / ".page.md.x7.tmp",  # not our name
        tmp_path / "page.md.b24-docgen.5.abc.tmp",  # not hidden: not ours either
    ]
    gone = tmp_path / f".page.md.b24-docgen.{dead_pid}.k3j_x.tmp"
    for path in [*keep, gone]:
        path.write_bytes(b"half a page")
    assert fileio.remove_leftovers([tmp_path]) == [gone]
    assert all(p.exists() for p in keep) and not gone.exists()


def test_dry_run_removes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    [page] = make_docs(docs, 1)
    stray = page.parent / f".{page.name}.b24-docgen.999999999.abc.tmp"
    stray.write_bytes(b"half")
    monkeypatch.chdir(tmp_path)
    assert main(["sync", "--docs", str(docs), "--no-cache", "--dry-run"]) == 1
    assert stray.exists()


# --- 11: nested notes cost one pass ----------------------------------------------------------------


def nested_notes_page(size: int, depth: int = 50) -> str:
    """The pathological page of the issue: blocks of `{% note %}` nested `depth` deep."""
    unit = "{% note info %}\n\n" * depth + "Текст.\n\n" + "{% endnote %}\n\n" * depth
    return JS_PAGE.format(n=0) + unit * (size // len(unit.encode()) + 1)


def test_nested_notes_are_matched_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.yfm import directives, tokenize

    scanned = 0
    real = directives.lines_outside_fences

    def counting(*args: object) -> object:
        nonlocal scanned
        for item in real(*args):  # type: ignore[arg-type]
            scanned += 1
            yield item

    monkeypatch.setattr(directives, "lines_outside_fences", counting)
    text = nested_notes_page(200_000)
    tokens = tokenize(text)
    lines = text.count("\n")
    assert sum(t.type == "yfm_note_open" for t in tokens) > 2000
    # every line is scanned about once (the old per-opener scan read each ~20 times, once a level)
    assert scanned <= 1.1 * lines, (scanned, lines)


def _per_opener_closer(state: Any, opener: str, start: int, end: int) -> int | None:
    """The scan the one-pass matcher replaced: from each opener to its closer, counting depth."""
    from generator.yfm import directives

    closer, depth = directives.PAIRED[opener], 0
    for line, text in directives.lines_outside_fences(state, start, end):
        found = directives.parse_directive(text)
        if found is not None and found.name == opener:
            depth += 1
        elif found is not None and found.name == closer:
            if depth == 0:
                return line
            depth -= 1
    return None


SOUP = [
    "{% note info %}",
    "{% endnote %}",
    '{% cut "x" %}',
    "{% endcut %}",
    "{% list tabs %}",
    "{% endlist %}",
    "{% if a %}",
    "{% endif %}",
    "```",
    "~~~",
    "> {% note %}",
    "> {% endnote %}",
    "- item",
    "  {% endnote %}",
    "    {% note %}",
    "text",
    "",
    "",
]


def _directive_soup(seed: int) -> str:
    """Directives, closers, fences, quotes and list items in random order: interleaved and
    unbalanced nesting, where a remembered match must respect its container's end."""
    import random

    pick = random.Random(seed)
    return "\n".join(pick.choice(SOUP) for _ in range(pick.randint(5, 40))) + "\n"


def _tokens(text: str) -> list[tuple[object, ...]]:
    from generator.yfm import markdown

    return [(t.type, t.map, t.info, t.meta.get("unclosed")) for t in markdown().parse(text)]


def test_a_directive_opened_in_a_quote_with_a_lazy_line_after_it_ends() -> None:
    """Found by the soup below: markdown-it gives the lazy line an indent of -1, and lowering the
    block indent to reach it looped forever (both matchers)."""
    import signal

    from generator.yfm import tokenize

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("tokenising two lines did not end")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        tokens = tokenize("> {% note %}\n    {% note %}\n")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [t.type for t in tokens] == [
        "blockquote_open",
        "yfm_note_open",
        "yfm_note_close",
        "blockquote_close",
    ]


def test_one_pass_matching_tokenises_exactly_as_the_per_opener_scan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.yfm import directives
    from tests.fuzz.pages import random_tree

    pages = [random_tree(seed).page_bytes.decode("utf-8", "replace") for seed in range(300)]
    pages += [nested_notes_page(20_000, depth) for depth in (1, 3, 25)]
    pages += [_directive_soup(seed) for seed in range(400)]
    fixtures = (REPO / "tests" / "fixtures").rglob("*.md")
    pages += [p.read_bytes().decode("utf-8", "replace") for p in fixtures]
    one_pass = [_tokens(text) for text in pages]
    monkeypatch.setattr(directives, "find_closer", _per_opener_closer)
    assert [_tokens(text) for text in pages] == one_pass


@pytest.mark.slow
def test_a_3_mb_nested_notes_page_is_checked_in_seconds(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    [page] = make_docs(docs, 1)
    page.write_text(nested_notes_page(3 * 10**6), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    argv = [sys.executable, "-m", "generator", "check", "--docs", str(docs), "--no-cache"]
    run = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30)
    assert run.returncode == 1 and "pages checked: 1" in run.stdout, run.stderr


# --- 12: the cache key hashes the profiles file, not its folder -----------------------------------


def test_the_cache_key_reads_the_profiles_file_not_its_folder(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles.yaml"
    profiles.write_text("profiles: {}\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "big").write_bytes(b"x" * 1000)
    key = cache_key(tmp_path, {}, [], [profiles])
    (tmp_path / ".git" / "big").write_bytes(b"y" * 1000)
    (tmp_path / os.fsdecode(b"\xff-not-utf8.md")).write_bytes(b"z")
    assert cache_key(tmp_path, {}, [], [profiles]) == key
    profiles.write_text("profiles: {a: {}}\n", encoding="utf-8")
    assert cache_key(tmp_path, {}, [], [profiles]) != key


def test_check_with_a_profiles_file_in_a_folder_of_odd_names(
    js_docs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / os.fsdecode(b"\xff-not-utf8")).write_bytes(b"z")
    os.mkfifo(shared / "a-fifo")  # hashing the folder would block on it
    profiles = shared / "profiles.yaml"
    shutil.copy(REPO / "templates" / "profiles.yaml", profiles)
    assert main(["check", "--docs", str(js_docs), "--profiles", str(profiles)]) == 1
    captured = capsys.readouterr()
    assert captured.err == "" and "pages checked: 2" in captured.out


# --- sync --dry-run prints exactly the diff sync would write ----------------------------------------


def test_dry_run_prints_the_diff_of_what_sync_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import difflib

    dry, real = tmp_path / "dry", tmp_path / "real"
    [page] = make_docs(dry, 1)
    make_docs(real, 1)
    monkeypatch.chdir(tmp_path)
    old = page.read_text(encoding="utf-8")
    assert main(["sync", "--docs", str(dry), "--no-cache", "--dry-run"]) == 1
    printed = capsys.readouterr().out
    assert page.read_text(encoding="utf-8") == old  # a dry run writes nothing
    assert main(["sync", "--docs", str(real), "--no-cache"]) == 0
    capsys.readouterr()
    new = (real / page.relative_to(dry)).read_text(encoding="utf-8")
    shown = page.as_posix()
    diff = "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"a/{shown}",
            tofile=f"b/{shown}",
        )
    )
    assert old != new and printed.startswith(f"--- a/{shown}\n+++ b/{shown}\n@@ ")
    assert printed.removeprefix(diff).split("\n")[0].startswith("sync: would change 1 page")
    assert printed.endswith(f"\n  {shown}\n")
