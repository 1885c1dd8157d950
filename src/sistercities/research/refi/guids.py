"""GUIDs: the schema's form, repairs of hand-made ones, and stable new ones.

The schema asks for ``xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`` (optionally in
braces). Files compare GUIDs as strings, but tools differ in case and
braces, so every GUID is read in canonical form: lower case, no braces. A
GUID outside the pattern (hand-made files) is replaced by a UUID derived
from it, the same every time, so that every reference to it follows.
GUIDs written for records that never had one are derived from their stored
identity (:func:`stable_guid`), so that one export and the next agree.
"""

from __future__ import annotations

import re
import uuid

GUID_PATTERN = re.compile(
    r"\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?"
)
# Namespace of every UUID sistercities derives (uuid5 of the URL below).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://sistercities.invalid/refi-qda")


def canonical(raw: str) -> tuple[str, bool]:
    """The canonical form of a GUID, and whether the raw text matched the schema."""
    text = raw.strip()
    match = GUID_PATTERN.fullmatch(text)
    if match and (text.startswith("{") == text.endswith("}")):
        return match.group(1).lower(), True
    return str(uuid.uuid5(NAMESPACE, "foreign:" + text)), False


def stable_guid(*parts: object) -> str:
    """A GUID derived from an identity, e.g. ``stable_guid("code", project_id, code_id)``."""
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def is_valid(guid: str) -> bool:
    """True when ``guid`` has the schema's form."""
    return GUID_PATTERN.fullmatch(guid) is not None
