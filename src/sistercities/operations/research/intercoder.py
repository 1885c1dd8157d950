"""Inter-coder agreement of a research project (``research agreement``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from sistercities.registry.store import Registry


def agreement(
    registry: Registry,
    *,
    project: str,
    coders: Sequence[str],
    code: str | None = None,
    document: str | None = None,
    level: Literal["character", "segment"] = "character",
    threshold: float = 0.9,
) -> dict[str, Any]:
    """Percent agreement, kappa and Krippendorff's alpha per code, per document and overall.

    Returns ``{"overall": {"percent", "kappa", "alpha", "characters", ...,
    "without_uncoded": {...}}, "by_code": {CODE: {...}}, "by_document":
    {DOCUMENT: {...}}, "level", "coders", "kappa", "threshold"}`` (at segment
    level the unit count is ``segments``). See
    :mod:`sistercities.research.agreement.report` for the formulas.
    """
    from sistercities.research.access import open_project
    from sistercities.research.agreement.service import project_agreement

    with registry.session() as session:
        proj = open_project(session, project)
        report = project_agreement(
            session, proj, coders, code=code, document=document, level=level, threshold=threshold
        )
        return report.to_dict()
