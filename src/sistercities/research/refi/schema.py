"""The published REFI-QDA schemas, and validation of what is written.

``schemas/Project.xsd`` and ``schemas/Codebook.xsd`` are the QDA-XML 1.0
schemas (release of 18 March 2019) as published in openqda/refi-tools.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from lxml import etree

from sistercities.errors import ExchangeFileError
from sistercities.messages import Message


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
        problem = Message("%(where)s: not valid against %(schema)s.xsd: %(first)s", where=where,
                          schema=name, first=errors[0])
        if len(errors) > 1:
            problem = Message("%(where)s: not valid against %(schema)s.xsd: %(first)s "
                              "(and %(more)s more)", where=where, schema=name, first=errors[0],
                              more=len(errors) - 1)
        raise ExchangeFileError(problem)
