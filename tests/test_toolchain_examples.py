"""Every rendered example tab passes its language's real toolchain, batched per language.

The tabs of every spec of examples/docs (always) and of every event page of the shared corpus
(when present) are rendered for the `current` profile, plus the `2024` profile for JS-interface
events (the seed's shapes). They are collected first; then each language's checker
(tests/support/checkers.py) runs once over all of its snippets: cURL `bash -n`, BX24.js and the
UMD inline scripts through node, JS (TS) `tsc --strict` against @bitrix24/b24jssdk, PHP and PHP
CRest `php -l`-style parsing, Python `compile()` + black, Go gofmt + `go vet`.

A failure names the page, the profile, the tab label and target, the line in the rendered tab
and, when the page itself carries that tab, the line of the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.check.expected import has_templates
from generator.diagnostics import DocgenError
from generator.parse import parse_docs
from generator.profiles import load_profiles
from generator.render.canonical import WEBHOOK_TARGETS, app_only
from generator.render.examples import expected_tabs, lang_of
from generator.render.method_tabs import render_method_tab
from generator.render.tab import ExpectedTab
from generator.spec.method import MethodSpec
from generator.spec.parts import Tab
from tests.corpus import CORPUS_RU, EXAMPLES_DOCS, REPO, need
from tests.support.checkers import CHECKERS_BY_LABEL, Checker
from tests.support.snippets import Failure, Snippet

pytestmark = pytest.mark.toolchain

# The profiles each kind is rendered with: the current docs, and the 2024 seed shapes for the
# JS-interface events (REST placement.bindEvent, `JS`/`PHP` labels).
PROFILES_BY_KIND: dict[str, tuple[str, ...]] = {
    "rest_event": ("current",),
    "js_event": ("current", "2024"),
    "legacy_event": ("current",),
    "method": ("current",),
}
# Method pages of the corpus: every METHOD_SAMPLE-th page with examples (by path) is rendered, 206
# of them (all 1,648 take tsc and go vet about eight times as long); examples/docs: all of them.
METHOD_SAMPLE = 8

# One test per checker, i.e. per language; ids are what the report prints.
LANGUAGES: dict[str, Checker] = {}
for _label, _checker in CHECKERS_BY_LABEL.items():
    LANGUAGES.setdefault(_checker.__name__.removeprefix("check_"), _checker)
LABELS_BY_LANGUAGE = {
    lang: sorted(label for label, c in CHECKERS_BY_LABEL.items() if c is checker)
    for lang, checker in LANGUAGES.items()
}


@dataclass(frozen=True)
class Rendered:
    """One rendered tab of one spec, with what a failure report needs to locate it."""

    root: str  # "examples/docs" or "corpus/ru"
    spec: Any  # an EventSpec or a MethodSpec
    profile: str
    tab: ExpectedTab
    page_tab: Tab | None  # the tab the page itself carries under this label and target

    @property
    def where(self) -> str:
        return f"{self.root}/{self.spec.source.path}"

    def snippet(self, index: int) -> Snippet:
        origin = f"{self.where} [{self.tab.label}] ({self.profile} profile, {self.tab.target})"
        return Snippet(f"{index:05d}", self.tab.code, origin)

    def describe(self, failure: Failure) -> str:
        lines = self.tab.code.splitlines()
        text = lines[failure.line - 1].strip() if 0 < failure.line <= len(lines) else ""
        located = f"{failure.origin}: tab line {failure.line}"
        if self.page_tab is not None and self.page_tab.code_span is not None:
            span = self.page_tab.code_span
            if self.page_tab.code == self.tab.code and failure.line:
                # code_span covers the fences: code line n is page line start + n
                located += f", page line {span.start + failure.line}"
            else:
                located += f" (the page's own tab, lines {span.start}-{span.end}, differs)"
        return f"{located}: {failure.message}" + (f"\n        | {text}" if text else "")


@dataclass
class Collected:
    by_language: dict[str, list[Rendered]]
    render_errors: list[str]
    unchecked_labels: list[str]
    specs_by_root: dict[str, int]


def load_roots() -> list[tuple[str, Path]]:
    """examples/docs always; the corpus only when it is present (see test_corpus_was_checked)."""
    roots = [(str(EXAMPLES_DOCS.relative_to(REPO)), EXAMPLES_DOCS)]
    if CORPUS_RU.exists():
        roots.append(("corpus/ru", CORPUS_RU))
    return roots


def page_tab(spec: Any, label: str, target: str) -> Tab | None:
    for block in spec.examples:
        for tab in block.tabs:
            if tab.label == label and tab.target == target:
                return tab
    return None


def tabs_of(spec: Any, profile: str, profiles: Any) -> list[ExpectedTab]:
    """The profile's tabs; a method spec's through the method templates, from its first block's
    canonical call, without the webhook tab of an app-only method (as `render` writes them)."""
    if not isinstance(spec, MethodSpec):
        return expected_tabs(spec, profile, profiles)
    return [
        ExpectedTab(
            t.label, t.target, lang_of(t.target), "exact", render_method_tab(spec, t.target)
        )
        for t in profiles.get(profile).tabs_for("method", spec.source.path)
        if not (app_only(spec) and t.target in WEBHOOK_TARGETS)
    ]


def sample_methods(specs: list[Any], root_name: str) -> list[Any]:
    """Event specs all; method specs with examples, every METHOD_SAMPLE-th in the corpus."""
    events = [s for s in specs if s.kind != "method"]
    methods = sorted((s for s in specs if s.kind == "method"), key=lambda s: s.source.path)
    step = METHOD_SAMPLE if root_name.startswith("corpus") else 1
    return events + [s for s in methods if s.examples][::step]


@pytest.fixture(scope="module")
def collected() -> Collected:
    profiles = load_profiles(None)
    checker_names = {checker: lang for lang, checker in LANGUAGES.items()}
    by_language: dict[str, list[Rendered]] = {lang: [] for lang in LANGUAGES}
    render_errors: list[str] = []
    unchecked: set[str] = set()
    specs_by_root: dict[str, int] = {}
    for root_name, root in load_roots():
        specs = sample_methods(parse_docs(root).specs, root_name)
        specs_by_root[root_name] = len(specs)
        for spec in specs:
            if not has_templates(spec):
                continue
            for profile in PROFILES_BY_KIND[spec.kind]:
                try:
                    tabs = tabs_of(spec, profile, profiles)
                except DocgenError as exc:
                    render_errors.append(f"{root_name}/{spec.source.path} ({profile}): {exc}")
                    continue
                for tab in tabs:
                    checker = CHECKERS_BY_LABEL.get(tab.label)
                    if checker is None:
                        unchecked.add(f"{tab.label} ({profile} profile, {tab.target})")
                        continue
                    item = Rendered(
                        root_name, spec, profile, tab, page_tab(spec, tab.label, tab.target)
                    )
                    by_language[checker_names[checker]].append(item)
    return Collected(by_language, render_errors, sorted(unchecked), specs_by_root)


def test_every_tab_renders_and_has_a_checker(collected: Collected) -> None:
    assert not collected.render_errors, "\n".join(collected.render_errors)
    assert not collected.unchecked_labels, (
        f"tab labels without a checker in CHECKERS_BY_LABEL: {collected.unchecked_labels}"
    )
    for root, count in collected.specs_by_root.items():
        print(f"{root}: {count} specs")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_examples_pass_their_toolchain(lang: str, collected: Collected) -> None:
    items = collected.by_language[lang]
    # examples/docs has REST and JS-interface events, so every language has snippets there.
    assert items, f"no {lang} snippets collected (labels {LABELS_BY_LANGUAGE[lang]})"
    snippets = [item.snippet(index) for index, item in enumerate(items)]
    failures = LANGUAGES[lang](snippets)
    by_id = {snippet.id: item for snippet, item in zip(snippets, items, strict=True)}
    n = len(snippets)
    failed_snippets = len({f.snippet_id for f in failures})
    labels = ", ".join(LABELS_BY_LANGUAGE[lang])
    print(f"\n{lang} [{labels}]: {n} checked, {n - failed_snippets} passed")
    known = {f for f in failures if (by_id[f.snippet_id].where, lang) in KNOWN_FAILURES}
    assert {(by_id[f.snippet_id].where, lang) for f in known} == {
        k for k in KNOWN_FAILURES if k[1] == lang and any(i.root == "corpus/ru" for i in items)
    }
    failures = [f for f in failures if f not in known]
    report = "\n".join(by_id[f.snippet_id].describe(f) for f in failures)
    assert not failures, f"{failed_snippets} of {n} {lang} snippets fail:\n{report}"


# Rendered method tabs the SDK's own types refuse: the docs' canonical call passes a value of
# another shape than b24jssdk declares (a docs-vs-SDK conflict to settle upstream, not a template
# defect): user.search's `order` is a string ('asc') where the SDK wants a record, and
# userfieldconfig.list's `select` is an object where it wants a string list.
KNOWN_FAILURES = {
    ("corpus/ru/api-reference/user/user-search.md", "ts"),
    ("corpus/ru/api-reference/crm/universal/userfieldconfig/userfieldconfig-list.md", "ts"),
}


@pytest.mark.corpus
def test_corpus_was_checked(collected: Collected) -> None:
    """Makes an absent corpus visible as a skip instead of silently checking less."""
    need(CORPUS_RU)
    in_corpus = [
        i for items in collected.by_language.values() for i in items if i.root == "corpus/ru"
    ]
    assert len(in_corpus) > 1000, len(in_corpus)


def test_a_failure_report_names_page_tab_and_lines(collected: Collected) -> None:
    """The report format itself: a finding in a tab the page carries maps to the page's line."""
    item = next(
        i
        for i in collected.by_language["bash"]
        if i.root == "examples/docs" and i.page_tab is not None and i.page_tab.code == i.tab.code
    )
    snippet = item.snippet(0)
    assert item.page_tab is not None and item.page_tab.code_span is not None
    page_line = item.page_tab.code_span.start + 2
    page = (EXAMPLES_DOCS / item.spec.source.path).read_text(encoding="utf-8").splitlines()
    assert page[page_line - 1].strip() == item.tab.code.splitlines()[1].strip()
    text = item.describe(Failure(snippet.id, snippet.origin, 2, "boom"))
    assert text.startswith(f"examples/docs/{item.spec.source.path} [{item.tab.label}]")
    assert f"tab line 2, page line {page_line}: boom" in text

    broken = Rendered(
        item.root,
        item.spec,
        item.profile,
        ExpectedTab(item.tab.label, item.tab.target, item.tab.lang, "exact", "echo 'unclosed\n"),
        item.page_tab,
    )
    failures = LANGUAGES["bash"]([broken.snippet(0)])
    assert len(failures) == 1
    assert "differs" in broken.describe(failures[0])
