"""The public API at the package root is exactly what ``__all__`` says."""

from __future__ import annotations

import sistercities


def test_all_lists_every_public_name_and_each_exists() -> None:
    public = {name for name in vars(sistercities) if not name.startswith("_")}
    modules = {"errors", "registry", "dates", "taxonomy", "cli", "analysis", "research"}
    modules |= {"operations", "i18n", "vocabulary"}
    assert set(sistercities.__all__) == public - modules
    for name in sistercities.__all__:
        assert getattr(sistercities, name) is not None
