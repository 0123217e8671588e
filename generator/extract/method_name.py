"""Which method a page documents, decided by evidence: the H1's last word, the file name and the
methods the example tabs call (case-insensitively). Two agreeing sources outvote the third, and
the source that loses is named in a diagnostic."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.spec.method import TabCall

# `crm.deal.add`, `sonet_group.get`, `imbot.v2.Bot.get`, `BX24.placement.call`
METHOD_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+$")
SINGLE_WORD = re.compile(r"^[a-z]+$")  # `batch`, `methods`, `scope`, `profile`
SLUG_SUFFIX = re.compile(r"-rest-v\d+$")


@dataclass(frozen=True, slots=True)
class Decision:
    method: str
    problems: list[tuple[str, str]]  # (code, message)


def h1_method(title: str, slug: str = "") -> str | None:
    """The H1's last word when it is a method name (a one-word method only when the slug agrees)."""
    words = title.split()
    last = words[-1].strip("`*") if words else ""
    if METHOD_NAME.match(last) or (SINGLE_WORD.match(last) and last == slug):
        return last
    return None


def slug_of(path: str) -> str:
    return SLUG_SUFFIX.sub("", path.rsplit("/", 1)[-1].removesuffix(".md"))


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def slug_matches(slug: str, method: str) -> bool:
    """`crm-deal-add` ↔ `crm.deal.add`; `bot-get` ↔ `imbot.v2.Bot.get` (the slug may drop a prefix)."""
    squashed = _squash(slug)
    return bool(squashed) and _squash(method).endswith(squashed)


def tab_methods(calls: list[TabCall]) -> Counter[str]:
    """How many tabs call each method (spelled as most tabs spell it, the first of those in a
    tie; counted case-insensitively), in the order the methods first occur."""
    spellings: dict[str, list[str]] = {}
    for call in calls:
        method = call.method
        if method and (METHOD_NAME.match(method) or SINGLE_WORD.match(method)):
            spellings.setdefault(method.casefold(), []).append(method)
    return Counter({_most_common(found): len(found) for found in spellings.values()})


def _most_common(spellings: list[str]) -> str:
    """The spelling most tabs use (the first seen of a tie): one spelling needs no count."""
    first = spellings[0]
    if spellings.count(first) == len(spellings):
        return first
    return Counter(spellings).most_common(1)[0][0]


def decide_method(title: str, path: str, calls: list[TabCall]) -> Decision:
    slug = slug_of(path)
    named = h1_method(title, slug)
    tabs = tab_methods(calls)
    top, votes = tabs.most_common(1)[0] if tabs else (None, 0)
    if named is not None:
        return _with_h1(named, slug, tabs, top, votes)
    if top is not None:
        problem = ("W-METHOD-H1", f"H1 names no method; {_tabs(votes)} call `{top}`")
        return Decision(top, [problem])
    guess = slug.replace("-", ".")
    message = f"H1 names no method and no tab calls one; the file name gives `{guess}`"
    return Decision(guess, [("W-METHOD-H1", message)])


def _with_h1(named: str, slug: str, tabs: Counter[str], top: str | None, votes: int) -> Decision:
    """The H1 wins while any tab calls its method; a tab may also call helpers (`batch`, a list)."""
    agree = sum(n for m, n in tabs.items() if m.casefold() == named.casefold())
    slug_ok = slug_matches(slug, named)
    if top is None or agree > 0:
        if slug_ok:
            return Decision(named, [])
        return Decision(
            named, [("W-METHOD-SLUG", f"file name `{slug}.md` does not match `{named}`")]
        )
    if slug_matches(slug, top) or not slug_ok:
        who = f"{_with_slug(slug, top)}{_tabs(votes)}"
        return Decision(top, [("W-METHOD-H1", f"H1 names `{named}` but {who} call `{top}`")])
    message = f"H1 and file name say `{named}` but {_tabs(votes)} call `{top}`"
    return Decision(named, [("W-METHOD-TABS", message)])


def _with_slug(slug: str, method: str) -> str:
    return "the file name and " if slug_matches(slug, method) else ""


def _tabs(count: int) -> str:
    return f"{count} tab" if count == 1 else f"{count} tabs"
