"""Who may call a method (the rights line) and how (the page's own statements about auth context).

Read from the page's prose, notes and error rows, never from its code: "works only in the
context of an application" is said in several wordings (corpus notes 3.6), so a statement is
matched by its parts (only … context … application), in Russian and English. An error row
`Application context required` counts unless its description ties it to one parameter value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.spec.method import Auth, Callers

CALLERS = re.compile(
    r"(?:Кто может выполнять метод|Who can (?:execute|perform) (?:the |this )?method)\**\s*:\s*"
    r"\**\s*(?P<value>.*)",
    re.I,
)
CALLERS_WORDS = re.compile(r"Кто может выполнять метод|Who can", re.I)
APP_ONLY = (
    re.compile(r"только[^.\n|]{0,40}контекст\w*[^.\n|]{0,30}приложени", re.I),
    re.compile(r"only (?:with)?in the context of (?:an? |the )?(?:\[)?(?:rest )?app", re.I),
    re.compile(r"only in (?:an? |the )?app(?:lication)? context", re.I),
    re.compile(r"(?:метод|method)\s*:[^|\n]*в контексте приложения", re.I),
)
CONTEXT_ERROR = re.compile(r"Application context required", re.I)
CONDITIONAL = re.compile(r"параметр|parameter", re.I)
USER_ONLY = (
    re.compile(r"только в контексте (?:авторизации )?пользовател", re.I),
    re.compile(r"only in (?:the )?(?:context of (?:a |the )?user|user context)", re.I),
)
REST_V3 = re.compile(r"/rest/api/|REST 3\.0|REST v3", re.I)
# Every APP_ONLY, USER_ONLY and CONTEXT_ERROR match holds `контекст`/`context` in its line, so
# only the lines with that word are tried: most of a page never reaches the pattern loops.
CONTEXT_WORD = re.compile(r"контекст|context", re.I)
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# What CALLERS_WORDS, CONTEXT_WORD and REST_V3 match, lower-cased: str.lower() of a page finds
# them with plain substring searches, unless the page holds a letter re.I matches to one of
# theirs that lower() does not map to it (long s, dotless i, old Cyrillic forms; U+0130 also
# lowers to two letters): such a page is searched by the patterns themselves.
CALLERS_LOWER = ("кто может выполнять метод", "who can")
CONTEXT_LOWER = ("контекст", "context")
REST_V3_LOWER = ("/rest/api/", "rest 3.0", "rest v3")
CASE_ODD = "\u0130\u0131\u017f\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85"


@dataclass(frozen=True, slots=True)
class Statement:
    text: str
    line: int


def prose_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(1-based line, text) of every line outside fenced code."""
    return [(row + 1, lines[row]) for start, end in prose_runs(lines) for row in range(start, end)]


@dataclass(frozen=True, slots=True)
class Prose:
    """A page's prose: its lines outside fenced code (`kept`, the page's lines `runs` [start,
    end) 0-based), their text joined by line breaks, and that text lower-cased when the
    substring searches find what the patterns find (None: it holds a CASE_ODD letter)."""

    kept: list[str]
    runs: list[tuple[int, int]]
    text: str
    lowered: str | None

    @property
    def lines(self) -> list[tuple[int, str]]:
        """`prose_lines` of the page: (1-based line, text) of each kept line."""
        rows = [row for start, end in self.runs for row in range(start + 1, end + 1)]
        return list(zip(rows, self.kept, strict=True))

    def line(self, row: int) -> tuple[int, str]:
        """The kept line `row` (0-based) with its 1-based page line."""
        text = self.kept[row]
        for start, end in self.runs:
            if row < end - start:
                return start + row + 1, text
            row -= end - start
        raise IndexError(row)


def read_prose(lines: list[str]) -> Prose:
    """The page's prose (`prose_lines`), the lines between the fences taken as slices."""
    runs = prose_runs(lines)
    kept: list[str] = []
    for start, end in runs:
        kept += lines[start:end]
    text = "\n".join(kept)
    odd = any(letter in text for letter in CASE_ODD)
    return Prose(kept, runs, text, None if odd else text.lower())


def prose_runs(lines: list[str]) -> list[tuple[int, int]]:
    """The [start, end) 0-based ranges of lines outside fenced code, none empty. FENCE needs
    three backticks or tildes: only the lines holding them can open or close a fence."""
    runs: list[tuple[int, int]] = []
    fence: str | None = None
    at = 0
    for index in [i for i, line in enumerate(lines) if "```" in line or "~~~" in line]:
        opener = FENCE.match(lines[index])
        if fence is not None:
            if opener and opener.group(1).startswith(fence):
                fence, at = None, index + 1
        elif opener:
            fence = opener.group(1)[:3]
            if index > at:
                runs.append((at, index))
    if fence is None and len(lines) > at:
        runs.append((at, len(lines)))
    return runs


def lines_with(prose: Prose, words: tuple[str, ...]) -> list[tuple[int, str]] | None:
    """The prose lines holding one of the lower-case `words`, in order; None for a page with a
    CASE_ODD letter."""
    lowered = prose.lowered
    if lowered is None:
        return None
    offsets = sorted(at for word in words for at in _offsets(lowered, word))
    rows: list[int] = []
    row = last = 0
    for at in offsets:
        row += lowered.count("\n", last, at)
        last = at
        if not rows or rows[-1] != row:
            rows.append(row)
    return [prose.line(row) for row in rows]


def _offsets(text: str, word: str) -> list[int]:
    found: list[int] = []
    at = text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def prose_callers(prose: Prose) -> tuple[Callers | None, int | None]:
    """`read_callers` of the lines that can hold the callers line."""
    found = lines_with(prose, CALLERS_LOWER)
    return read_callers(prose.lines if found is None else found)


def prose_auth(prose: Prose) -> Auth:
    """`read_auth` of the lines that name a context."""
    found = lines_with(prose, CONTEXT_LOWER)
    return read_auth(prose.lines) if found is None else statements_auth(found)


def prose_rest_version(prose: Prose, code: list[str]) -> int:
    """`read_rest_version` of the page's prose."""
    if prose.lowered is None:
        said = REST_V3.search(prose.text) is not None
    else:
        said = any(word in prose.lowered for word in REST_V3_LOWER)
    return _rest_version(said, code)


def read_callers(lines: list[tuple[int, str]]) -> tuple[Callers | None, int | None]:
    for number, line in lines:
        if not CALLERS_WORDS.search(line):  # what every CALLERS match holds: a cheap first test
            continue
        for part in re.split(r"\s\|\s", line):
            match = CALLERS.search(part)
            if match:
                return parse_callers(match["value"]), number
    return None, None


def parse_callers(value: str) -> Callers:
    raw = value.strip().strip("*").strip().strip("`").strip()
    folded = " ".join(raw.casefold().split())
    if folded in (
        "любой пользователь",
        "any user",
        "authorized user",
        "авторизованный пользователь",
    ):
        normalized = "any_user"
    elif folded.startswith(("администратор", "administrator", "admin", "an administrator")):
        normalized = "admin"
    elif not folded:
        normalized = "unknown"
    else:
        normalized = "other"
    return Callers(raw, normalized)


def read_auth(lines: list[tuple[int, str]]) -> Auth:
    return statements_auth([(n, line) for n, line in lines if CONTEXT_WORD.search(line)])


def statements_auth(lines: list[tuple[int, str]]) -> Auth:
    """What the given lines say about the auth context, every line tried (read_auth gives the
    same answer on fewer lines: tests/test_method_auth_filter.py)."""
    app = _first(lines, APP_ONLY) or _context_error(lines)
    user = None if app else _first(lines, USER_ONLY)
    found = app or user
    return Auth(
        webhook=app is None,
        app_only=app is not None,
        user_only=user is not None,
        evidence=found.text if found else None,
        line=found.line if found else None,
    )


def _first(lines: list[tuple[int, str]], patterns: tuple[re.Pattern[str], ...]) -> Statement | None:
    for number, line in lines:
        for pattern in patterns:
            match = pattern.search(line)
            if match:
                return Statement(_sentence(line, match.start(), match.end()), number)
    return None


def _context_error(lines: list[tuple[int, str]]) -> Statement | None:
    for number, line in lines:
        match = CONTEXT_ERROR.search(line)
        if match and line.lstrip().startswith("||"):
            description = line.rstrip().removesuffix("||").rsplit("|", 1)[-1]
            if not CONDITIONAL.search(description):
                return Statement(" ".join(line.strip().strip("|").split()), number)
    return None


def _sentence(line: str, start: int, end: int) -> str:
    """The sentence (or table cell) holding the match, Markdown links reduced to their text."""
    left = max(line.rfind(". ", 0, start) + 1, line.rfind("|", 0, start) + 1, 0)
    stops = [i for i in (line.find(". ", end), line.find("|", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(line)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line[left:right])
    return " ".join(text.strip(" |>").split())


def read_rest_version(lines: list[tuple[int, str]], code: list[str]) -> int:
    """3 for REST 3.0 methods (`/rest/api/` URLs, or the page says REST 3.0), else 2."""
    prose = "\n".join(line for _, line in lines)  # REST_V3 cannot match across a line break
    return _rest_version(REST_V3.search(prose) is not None, code)


def _rest_version(said: bool, code: list[str]) -> int:
    """3 when the prose says REST 3.0 (`said`) or the code calls a `/rest/api/` URL, else 2."""
    return 3 if said or any("/rest/api/" in c for c in code) else 2
