"""The YFM plugins as they were before their fast paths (generator/yfm/), kept as the plain path
the fast ones must equal token for token (tests/test_yfm_fast_paths.py). Never imported by the tool."""
