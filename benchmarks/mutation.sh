#!/usr/bin/env bash
# Mutation testing (mutmut 3, configured in pyproject.toml [tool.mutmut]) of the modules issue 14
# names: generator/rewrite.py, generator/check/plan.py, generator/sync.py and the stub type model
# (generator/render/stubs/types.py, tree.py), against the focused tests that exercise them.
# CPU-heavy (minutes on two cores): run by hand, never from .ci/run.
#   benchmarks/mutation.sh            # fresh run, then the per-module table
#   MUTMUT_JOBS=1 benchmarks/mutation.sh
#   benchmarks/mutation.sh --report   # the table of the last run only
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--report" ]]; then
    rm -rf mutants
    python -m mutmut run --max-children "${MUTMUT_JOBS:-2}" >/dev/null || true
fi
python benchmarks/mutation_report.py
