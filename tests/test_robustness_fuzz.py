"""Short runs of the atheris fuzz targets (tests/fuzz/fuzz_parse.py, tests/fuzz/fuzz_sync.py).

atheris is the optional `fuzz` extra (`pip install -e '.[fuzz]'` or `pip install atheris`); .ci/run
installs it, so CI runs these tests. Where atheris cannot be installed (it ships wheels for a
limited set of platforms/Pythons and elsewhere needs a libFuzzer-enabled clang to build) they skip,
also under CI=true, and .ci/run says so: its absence is not a broken toolchain. Each target runs
with a fixed seed over a seed corpus made from the page composer, for at most B24_FUZZ_SECONDS
(default 15) or B24_FUZZ_RUNS inputs. Long runs: see README, Robustness.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.pages import random_tree

pytest.importorskip("atheris", reason="atheris (the `fuzz` extra) is not installed")

FUZZ = Path(__file__).parent / "fuzz"
SECONDS = int(os.environ.get("B24_FUZZ_SECONDS", "15"))
RUNS = {"fuzz_parse": 2000, "fuzz_sync": 400}
DONE = re.compile(r"Done (\d+) runs in (\d+) second")


def seed_corpus(folder: Path) -> None:
    folder.mkdir()
    for seed in range(40):
        tree = random_tree(seed)
        (folder / f"page-{seed:02d}").write_bytes(tree.page_bytes)
        (folder / f"composed-{seed:02d}").write_bytes(b"\x00" + random.Random(seed).randbytes(600))


@pytest.mark.slow
@pytest.mark.parametrize("target", sorted(RUNS))
def test_fuzz_target_finds_nothing_in_a_short_run(tmp_path: Path, target: str) -> None:
    corpus = tmp_path / "corpus"
    seed_corpus(corpus)
    runs = int(os.environ.get("B24_FUZZ_RUNS", RUNS[target]))
    command = [
        sys.executable,
        str(FUZZ / f"{target}.py"),
        f"-runs={runs}",
        f"-max_total_time={SECONDS}",
        "-seed=1",
        "-max_len=20000",
        "-timeout=60",
        "-rss_limit_mb=4096",
        f"-artifact_prefix={tmp_path}/",
        str(corpus),
    ]
    done = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=SECONDS + 240, check=False
    )
    output = done.stdout + done.stderr
    crashes = sorted(p.name for p in tmp_path.glob("crash-*")) + sorted(
        p.name for p in tmp_path.glob("timeout-*")
    )
    assert done.returncode == 0 and not crashes, f"{target} failed ({crashes}):\n{output[-6000:]}"
    match = DONE.search(output)
    assert match, output[-3000:]
    executed = int(match.group(1))
    print(f"{target}: {executed} inputs in {match.group(2)} s")
    assert executed >= 80  # the seed corpus alone is 80 inputs: it ran them all
