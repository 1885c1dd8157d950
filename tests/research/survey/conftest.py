"""Fixtures for the survey tests: the Cuenca file of `004` and small hand-made files."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.research.survey import cuenca


@pytest.fixture
def cuenca_files(tmp_path: Path) -> tuple[Path, Path]:
    """``responses.csv`` and ``map.json`` of the synthetic Cuenca staff survey."""
    return cuenca.write(tmp_path / "cuenca")


WriteSurvey = Callable[..., tuple[Path, Path]]


@pytest.fixture
def write_survey(tmp_path: Path) -> WriteSurvey:
    """Write a small survey: ``write_survey(rows, questions, **map_extra)`` → (csv, map)."""

    def write(
        rows: list[dict[str, str]], questions: list[dict[str, Any]], **extra: Any
    ) -> tuple[Path, Path]:
        data_path, map_path = tmp_path / "survey.csv", tmp_path / "map.json"
        header = list(rows[0]) if rows else extra.pop("header", ["id"])
        with data_path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
        map_path.write_text(json.dumps({"questions": questions, **extra}), encoding="utf-8")
        return data_path, map_path

    return write
