"""The public names of ``sistercities.analysis`` are honest (doctests run from pytest's config)."""

from __future__ import annotations

import types

import pytest

import sistercities.analysis as analysis


def test_all_is_honest() -> None:
    """Every name in ``__all__`` loads (lazily) from its module; others are refused."""
    for name in analysis.__all__:
        value = getattr(analysis, name)
        assert not isinstance(value, types.ModuleType)
        assert (
            getattr(value, "__module__", "sistercities.analysis").startswith(
                "sistercities.analysis"
            )
            or name == "KONECT_TWIN"
        )
    with pytest.raises(AttributeError):
        _ = analysis.no_such_analysis


def test_the_command_line_does_not_load_the_network_kernel() -> None:
    """Commands other than ``network`` start without numba (a slow import)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src}

    code = (
        "import sys; import sistercities.cli; "
        "print('numba' in sys.modules, 'sistercities.analysis.network.paths' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env,
    )
    assert done.stdout.split() == ["False", "False"]
