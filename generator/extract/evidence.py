"""The event code by evidence: a case-insensitive vote of the H1, the file slug, the description,
the payload's `event` value and the events the example tabs bind.

One source can be wrong (a typo in the payload, an add-event H1 on a deletion page): the majority
decides, and each source outside it is reported with the evidence against it. Ties go to the side
that has the payload (what the handler really receives), then the tabs, the slug, the H1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# tie-break order, most trusted first
SOURCE_RANK = ("payload", "tab", "slug", "h1", "description")
# the spec diagnostic that reports each outvoted source (tabs are `check`'s `wrong-event`)
OUTVOTED_CODE = {
    "h1": "W-H1-CODE-MISMATCH",
    "description": "W-DESCRIPTION-CODE-MISMATCH",
    "payload": "W-PAYLOAD-CODE-MISMATCH",
}
WHAT = {
    "tab": "tab",
    "h1": "H1",
    "description": "description",
    "payload": "payload `event`",
    "slug": "slug",
}


@dataclass(frozen=True, slots=True)
class Vote:
    source: str  # one of SOURCE_RANK
    code: str  # as written ("" for the slug, which names no spelling)
    line: int


@dataclass(frozen=True, slots=True)
class Outvoted:
    source: str
    code: str
    line: int
    message: str

    @property
    def diagnostic_code(self) -> str | None:
        return OUTVOTED_CODE.get(self.source)


@dataclass(frozen=True, slots=True)
class Verdict:
    code: str
    outvoted: list[Outvoted]


def slug_key(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".md").replace("-", "").replace(".", "").casefold()


def slug_matches(path: str, event: str) -> bool:
    """`on-crm-deal-add.md` ↔ `onCrmDealAdd`; namespaced JS events may drop the namespace."""
    code = event.replace(".", "").replace("_", "").casefold()
    return slug_key(path) in (code.replace("::", ""), code.split("::")[-1])


def decide(path: str, votes: Sequence[Vote]) -> Verdict | None:
    """The majority code (spelled as the page's H1, else as its first other source) and the
    sources it outvotes; None when no source names a code."""
    named = [v for v in votes if v.code]
    if not named:
        return None
    groups: dict[str, list[Vote]] = {}
    for vote in named:
        groups.setdefault(vote.code.casefold(), []).append(vote)
    slug_votes = {key: slug_matches(path, group[0].code) for key, group in groups.items()}
    winner = max(groups, key=lambda key: _score(groups[key], slug_votes[key]))
    majority = groups[winner]
    spelled = next((v.code for v in majority if v.source == "h1"), majority[0].code)
    outvoted = [
        Outvoted(v.source, v.code, v.line, _message(v, spelled, majority, slug_votes[winner]))
        for key, group in sorted(groups.items())
        if key != winner
        for v in group
    ]
    if not slug_votes[winner]:
        line = min(v.line for v in majority)
        message = f"file name does not match event code `{spelled}`"
        outvoted.append(Outvoted("slug", "", line, message))
    return Verdict(spelled, outvoted)


def _score(group: list[Vote], slug: bool) -> tuple[int, int]:
    best_rank = min(SOURCE_RANK.index(v.source) for v in group)
    return len(group) + int(slug), -best_rank


def _message(vote: Vote, spelled: str, majority: list[Vote], slug: bool) -> str:
    verb = "is misspelled" if _near(vote.code, spelled) else "names another event"
    return f"{WHAT[vote.source]} {verb}: {vote.code}; {_who(majority, slug)} {spelled}"


def _who(majority: list[Vote], slug: bool) -> str:
    names = [WHAT[s] for s in ("h1", "slug", "description", "payload") if _has(majority, s, slug)]
    tabs = sum(v.source == "tab" for v in majority)
    if tabs:
        names.append(f"{tabs} tab" + ("s" if tabs > 1 else ""))
    names = [n.removesuffix(" `event`") for n in names]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return text + (" says" if len(names) == 1 and tabs <= 1 else " say")


def _has(majority: list[Vote], source: str, slug: bool) -> bool:
    return slug if source == "slug" else any(v.source == source for v in majority)


def _near(a: str, b: str) -> bool:
    """One or two letters apart (a typo), case-insensitively."""
    a, b = a.casefold(), b.casefold()
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i]
        for j, right in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right))
            )
        previous = current
    return previous[-1] <= 2
