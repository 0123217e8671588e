"""Whether the page says a field arrives only sometimes ("passed only when the call fails").

Callback types then mark it optional (`failedCode?: string`), as the page's own TS tab does. The
required star is no guide here: callback tables leave it off fields that always arrive. Only the
wording counts, in the two languages of the docs.
"""

from __future__ import annotations

import re

ONLY_SOMETIMES = re.compile(
    r"переда[её]тся только|только при |только если|только когда|необязательн|может отсутствовать"
    r"|is (?:passed|sent|present) only|only (?:when|if|on|for) |optional|may be (?:absent|missing)",
    re.I,
)


def only_sometimes(description: str) -> bool:
    return ONLY_SOMETIMES.search(description) is not None
