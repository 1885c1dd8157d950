"""The workbench's ``project`` fixture, for the tests that store what they code."""

from __future__ import annotations

from tests.research.workbench.conftest import project

__all__ = ["project"]
