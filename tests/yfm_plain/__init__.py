"""The YFM table plugin as it was before its fast scanner (generator/yfm/tables.py), kept as the
plain path the fast one must equal token for token (tests/test_yfm_fast_paths.py: edge cases and
random YFM). The directive and attribute plugins are the tool's own there: their fast paths are a
first-character test and a brace test, pinned by the corpus token digests. Never imported by the
tool."""
