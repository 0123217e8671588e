"""Lints across the tabs of a block: the SDK a label promises (`wrong-sdk`, from the call model,
not from regexes over the code) and keys the tabs do not agree on (`tabs-disagree`).

Label policy: the docs of 2024 used `PHP` for CRest and `JS` for BX24.js. A block that has no tab
of the label's newer meaning (no `PHP CRest`, no `BX24.js`) uses the old meaning on purpose, and
the old `restCommand` helper under `PHP` is an accepted choice of some pages; neither is reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from generator.check.lint import same_method
from generator.check.lint_params import Issue, Level, flat, is_expr, is_opaque_key
from generator.check.report import Finding
from generator.spec.method import MethodSpec, Param, TabCall
from generator.spec.parts import ExampleBlock
from generator.targets import Target, Targets

LabelTargets = Callable[[str], str | None]

# call-model SDK → the SDK family names of templates/targets.yaml
SDK_FAMILY = {
    "curl": "cURL",
    "b24jssdk-v2": "B24JsSDK",
    "b24jssdk-v3": "B24JsSDK",
    "b24jssdk-legacy": "B24JsSDK",
    "b24jssdk-placement": "B24JsSDK",
    "bx24js": "BX24.js",
    "crest": "CRest",
    "b24phpsdk": "B24PhpSDK",
    "b24phpsdk-service": "B24PhpSDK",
    "restcommand": "restCommand PHP",
    "b24gosdk": "Go SDK",
    "b24pysdk": "b24pysdk",
}
# label → (families it may hold by the 2024 meaning, the label whose presence rules that out)
OLD_MEANINGS = {
    "php": (frozenset({"CRest"}), "php crest"),
    "js": (frozenset({"BX24.js"}), "bx24.js"),
}
SDK_LANGUAGES = {"go": "Go SDK", "python": "b24pysdk", "php": "PHP"}
ALWAYS_ACCEPTED = {"php": frozenset({"restCommand PHP"})}
# keys that belong to a tab's calling context, not to the call: the OAuth token, the webhook
# caller's bot token / client id (bots), and the SDKs' paging offset on list methods
CONTEXT_KEYS = frozenset({"auth", "start", "botToken", "CLIENT_ID", "bot_token", "client_id"})


def sdk_issue(
    call: TabCall, block: ExampleBlock, targets: LabelTargets, registry: Targets
) -> Issue | None:
    by_label = registry.for_label(call.label)
    expected = targets(call.label) or (by_label.name if by_label else None)
    target = registry.get(expected) if expected else None
    if target is None:
        return None
    tab = block.tabs[call.tab]
    langs = [tab.lang, *(fence.lang for fence in tab.more_fences)]
    stray = [lang.lower() for lang in langs if lang and _foreign(lang, target)]
    if stray:
        return Issue(
            "wrong-sdk",
            f"{call.label}:{stray[0]}",
            f"holds a `{stray[0]}` fence ({SDK_LANGUAGES[stray[0]]} code); the label promises "
            f"{target.sdk} ({target.language}); "
            f"fix: move the `{stray[0]}` code under its own label",
        )
    family = SDK_FAMILY.get(call.sdk)
    promised = target.sdk
    if family is None or family == promised:
        return None
    label = call.label.casefold().strip()
    if family in ALWAYS_ACCEPTED.get(label, frozenset()):
        return None
    old, newer = OLD_MEANINGS.get(label, (frozenset(), ""))
    labels = {t.label.casefold().strip() for t in block.tabs}
    if family in old and newer not in labels:
        return None
    return Issue(
        "wrong-sdk",
        f"{call.label}:{family}",
        f"the code calls through {family}; the label promises {promised}; fix: rewrite the tab "
        f"with {promised} or move the code under its own label",
    )


def _foreign(lang: str, target: Target) -> bool:
    """A fence in another SDK language than the label's (Go code under `Python`)."""
    return lang.lower() in SDK_LANGUAGES and lang.lower() != target.language


def key_signature(call: TabCall, params: list[Param]) -> dict[str, str] | None:
    """The call's top-level keys, flat name → documented (or written) name; None when not fully
    readable. Flat names compare `owner_type_id` (Python) with `ownerTypeId`."""
    data = call.params
    if not call.readable or call.style != "single" or not isinstance(data, dict) or is_expr(data):
        return None
    if any(is_opaque_key(k, v) for k, v in data.items()):
        return None
    level = Level(params, python=call.sdk == "b24pysdk")
    names: dict[str, str] = {}
    for key in data:
        if key in CONTEXT_KEYS:
            continue
        param = level.exact(key) or level.loose(key)
        name = param.name if param else key.removeprefix("bitrix_")
        names[flat(name)] = name
    return names


def disagreeing_tabs(
    path: str, spec: MethodSpec, calls: list[TabCall], block: ExampleBlock
) -> list[Finding]:
    """Tabs passing other top-level keys than the block's majority: one finding per block."""
    shown_as: dict[str, str] = {}
    signed: list[tuple[TabCall, frozenset[str]]] = []
    for call in calls:
        names = key_signature(call, spec.params) if _same(call, spec) else None
        if names is not None:
            signed.append((call, frozenset(names)))
            shown_as |= {k: v for k, v in names.items() if k not in shown_as}
    if len(signed) < 3:
        return []
    majority, count = Counter(s for _, s in signed).most_common(1)[0]
    odd = [(call, s) for call, s in signed if s != majority]
    if not odd or count * 2 <= len(signed):
        return []
    parts = [f"{c.label} {_difference(s, majority, shown_as)}" for c, s in odd]
    shown = ", ".join(f"`{shown_as[k]}`" for k in sorted(majority)) or "no keys"
    message = (
        f"{'; '.join(parts)}; the other {count} of {len(signed)} tabs pass {shown}; "
        "fix: make the odd tabs pass the keys the others and the parameter table agree on"
    )
    first = odd[0][0]
    return [Finding(path, first.line, "tabs-disagree", first.label, message)]


def _same(call: TabCall, spec: MethodSpec) -> bool:
    return call.method is not None and same_method(call.method, spec.method)


def _difference(keys: frozenset[str], majority: frozenset[str], shown: dict[str, str]) -> str:
    added = ", ".join(f"`{shown[k]}`" for k in sorted(keys - majority))
    lacking = ", ".join(f"`{shown[k]}`" for k in sorted(majority - keys))
    return " and ".join(
        part
        for part in (f"adds {added}" if added else "", f"lacks {lacking}" if lacking else "")
        if part
    )
