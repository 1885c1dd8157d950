"""The survey package's public API and the shipped example stay honest."""

from __future__ import annotations

from pathlib import Path

import sistercities.research.survey as survey
from tests.research.survey import cuenca

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "cuenca-staff-survey"


def test_every_exported_name_resolves() -> None:
    for name in survey.__all__:
        assert getattr(survey, name) is not None, name


def test_the_shipped_cuenca_example_is_what_the_generator_writes(tmp_path: Path) -> None:
    data_path, map_path = cuenca.write(tmp_path)
    assert (EXAMPLE / "responses.csv").read_bytes() == data_path.read_bytes()
    assert (EXAMPLE / "map.json").read_bytes() == map_path.read_bytes()
