"""Call models of example tabs: which REST method a tab's code calls, with what parameters.

Why tree-sitter: every node carries exact byte spans (sync rewrites just the params literal), the
parsers are C (the whole corpus reads in about a second), parsing is error-tolerant (a tab with a
stray `**placeholder**` still yields its call), and maintained grammars for bash, JavaScript,
TypeScript, PHP, Python and Go install as wheels from PyPI. HTML script bodies are cut out with
the standard library's HTML tokenizer and read with the JavaScript grammar.
"""

from generator.calls.model import CallModel, CodeSpan, Json
from generator.calls.read import read_call, read_tab, tab_code

__all__ = ["CallModel", "CodeSpan", "Json", "read_call", "read_tab", "tab_code"]
