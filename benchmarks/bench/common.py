"""Paths, pins and targets shared by the benchmark modules, and the progress log."""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "benchmarks"
DEFAULT_DOCS = Path("../shared/corpus/ru")  # relative to the repository root
DEFAULT_OUT = BENCH / "results" / "latest.json"
PEER_DIR = BENCH / ".peer"
PYCACHE = BENCH / ".pycache"
DRIVER = BENCH / "diplodoc_driver.js"
FLOORS = BENCH / "floors.py"
DIPLODOC_PACKAGE = "@diplodoc/transform"
DIPLODOC_VERSION = "4.78.9"  # pinned: `npm view @diplodoc/transform version` on 2026-11-25

# Targets (see README, "Performance").
TARGET_COLD_VS_FLOOR = 1.0  # event-pipeline check cold, × markdown-it-py on the same pages
TARGET_VS_DIPLODOC = 3.0  # ... and at least this many times faster than Diplodoc on them
TARGET_CHANGED_S = 0.3  # warm whole-corpus check after one page changed, wall incl. start-up
TARGET_COLD_ALL_VS_FLOOR = 0.6  # whole-corpus check cold (method pages too), × markdown-it-py
TARGET_RENDER_ALL_VS_FLOOR = 1.0  # render --no-cache of every spec, × markdown-it-py (all pages)
TARGET_VERSION_S = 0.15  # `b24-docgen --version`
TARGET_RSS_MB = 250.0  # peak resident memory of any b24-docgen command

TRACEBACK = "Traceback (most recent call last)"
METHOD_MARKERS = (  # the method-page markers (classify.py), so the script needs no import of the tool
    "Кто может выполнять метод".encode(),
    b"Who can execute the method",
    b"Who can perform the method",
)
INCLUDE = re.compile(rb"\{%-?\s*include\s+(?:notitle\s+)?\[[^\]]*\]\(([^)\s]+)\)\s*-?%\}")
SAMPLE_EVERY_S = 0.02


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
