"""The ``network`` program searches in a child process started early: same figures, safe fallback.

Run as real processes: the child is forked only by the ``sistercities``
program itself (never under Click's runner), so that is what is tested.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sistercities.analysis.network.searcher import numba_available
from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
RAW = SHARED / "data" / "twin_cities_wikipedia_raw.csv"

needs_child = pytest.mark.skipif(
    not numba_available() or not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2,
    reason="the child is used only with numba, fork and two cores",
)


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src"), **extra}


def _network(pairs: Path, **env: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "sistercities", "network", "--pairs", str(pairs), "--json"],
        capture_output=True, text=True, env=_env(**env), check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@needs_child
def test_the_child_gives_the_figures_of_a_search_in_the_process(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    lines = RAW.read_text(encoding="utf-8").splitlines()[:6001]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    in_child = _network(pairs)
    here = _network(pairs, SISTERCITIES_KERNEL_CHILD="0")
    assert in_child.pop("engine") == "numba, in a child process"
    assert here.pop("engine") == "numba"
    in_child.pop("timings")
    here.pop("timings")
    assert in_child["top_betweenness"], "the sample has a betweenness top list"
    assert in_child == here


@needs_child
def test_a_dead_child_leaves_the_search_to_the_parent() -> None:
    script = textwrap.dedent(
        """
        import os, signal
        import numpy as np
        from sistercities.analysis.network import searcher

        assert searcher.start_early()
        os.kill(searcher._child[0], signal.SIGKILL)
        path = (np.array([0, 1, 3, 4], np.int64), np.array([1, 0, 2, 1], np.int32),
                np.ones(3), np.arange(3, dtype=np.int64), np.ones(3), np.ones(3))
        (bc, _, dsum), where = searcher.brandes(*path)
        print(where, bc.tolist(), dsum.tolist())
        assert searcher.start_early()  # a child that is never asked: the exit waits for it
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=_env(),
        check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # the path 0-1-2: node 1 lies between 0 and 2 (counted from both ends), distances 3, 2, 3
    assert done.stdout.split(maxsplit=1) == ["here", "[0.0, 2.0, 0.0] [3.0, 2.0, 3.0]\n"]
