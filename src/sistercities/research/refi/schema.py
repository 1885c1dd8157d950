"""The published REFI-QDA schemas, and validation of what is written.

``schemas/Project.xsd`` and ``schemas/Codebook.xsd`` are the QDA-XML 1.0
schemas (release of 18 March 2019) as published in openqda/refi-tools.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from lxml import etree

from sistercities.errors import ExchangeFileError


@cache
def schema(name: str) -> etree.XMLSchema:
    """The schema ``Project`` or ``Codebook``, parsed once."""
    resource = files("sistercities.research.refi") / "schemas" / f"{name}.xsd"
    return etree.XMLSchema(etree.fromstring(resource.read_bytes()))


def validation_errors(root: etree._Element, name: str) -> list[str]:
    """The schema's complaints about a document, as ``line N: message``."""
    checker = schema(name)
    if checker.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in checker.error_log]


def validate(root: etree._Element, name: str, where: str) -> None:
    """Raise naming the first complaint when ``root`` does not validate."""
    errors = validation_errors(root, name)
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ExchangeFileError(f"{where}: not valid against {name}.xsd: {errors[0]}{more}")
