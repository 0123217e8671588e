"""Typed client stubs: the type model, names, the field tree, per-event models, spellings, files."""
