"""Call models of example tabs: which REST method a tab's code calls, with what parameters.

Why tree-sitter: every node carries exact byte spans (sync can rewrite just the params literal),
the parsers are C (the 13,394 labelled tabs of the 1,689 RU single-method pages read in about
2.4 s, 0.8 s of it parsing: about 0.2x of markdown-it-py tokenising the whole corpus in the same
run), parsing is error-tolerant (a tab with one broken line still yields its call, and an ERROR
node inside the params literal tells us the data would be a guess), and maintained grammars for
bash, JavaScript, TypeScript, PHP, Python and Go install as wheels from PyPI. Node searches run
as tree-sitter queries, in C. HTML `<script>` bodies are cut out by the standard library's HTML
tokenizer and read with the JavaScript grammar (no HTML grammar needed).

Decisions a caller relies on:
- One call of `read_call` reads one fence. A tab with several fences (Python tabs carry plain /
  `as_list` / `as_list_fast` variants after prose) is read fence by fence by the caller
  (`generator.extract.method_calls` takes the first readable fence and records its index), so a
  span always indexes the code string that was passed. The first call found in the code is the
  call; `calls` lists every method the code calls.
- The language is the fence's info word when it names one (`http`/`curl` are cURL, Go code in a
  Python tab is read as Go), else the label's. `sdk` says what the code really is.
- `params` is the method's parameters: for cURL the JSON body without its `auth` key (span: the
  JSON inside the quotes; the query string when there is no body), for b24pysdk the keyword
  arguments as written (span: the argument list), `{}` when the call passes none, a list for
  positional-array methods. Computed values are {"$expr": source}; the docs' `**placeholder**`
  values too.
- Batches (`batch.make`, `callBatch`) have method "batch", params = the calls literal, and the
  inner methods in `calls`.
- Typed b24phpsdk service calls (`$sb->getCRMScope()->deal()->add(...)`) are not readable
  (`typed-service-call`): the REST method is not in the code, only in the SDK.
- `auth`: webhook | oauth-body | oauth-query | oauth-header (an `Authorization:` header) | sdk |
  none | unknown. `rest_version` comes only from the code's own words (`/rest/api/`, actions.v3).
- `result_access` paths start at the response root ("result", ...); "*" is any array element;
  only the longest paths are kept.
"""

from generator.calls.model import CallModel, CodeSpan, Json
from generator.calls.read import read_call

__all__ = ["CallModel", "CodeSpan", "Json", "read_call"]
