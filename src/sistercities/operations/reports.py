"""The handover dossier as a file to download, named after its place."""

from __future__ import annotations

from sistercities.operations import office
from sistercities.registry.store import Registry


def dossier_file(
    registry: Registry,
    *,
    place: str,
    fmt: str,
    include_contacts: bool = False,
    language: str = "en",
) -> tuple[bytes, str]:
    """The dossier rendered as ``md``, ``html`` or ``pdf`` in ``language``, and its place's name."""
    made = office.dossier(
        registry, place=place, include_contacts=include_contacts, format=fmt, language=language
    )
    assert made.content is not None
    return made.content, str(made.data["place"]["name"])
