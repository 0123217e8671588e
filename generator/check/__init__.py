"""Check and sync: walk the docs, evaluate each page against its spec and templates, plan
edits, report findings."""
