"""Institutional memory: the validated writers an international office uses every week.

Why one entry point: the papers describe relationships signed by one mayor
and forgotten by the next, partners who lose all contact, a new team that
learns of its own sister cities from an ambassador (`004`). Keeping who,
what and when — and refusing what cannot be true — is the remedy.

Every writer here checks all of its input first and raises
:class:`~sistercities.errors.InputError` naming the field before anything is
added; every change is attributed in the audit trail by the session.

- actors, their parts in relationships, administrations: :mod:`.actors`
- activities, flows, open commitments, crises: :mod:`.activities`
- status changes and the allowed transitions: :mod:`.status`
- who may see personal data: :mod:`.access`; the audit trail: :mod:`.history`
"""

from __future__ import annotations

from sistercities.errors import AccessDeniedError
from sistercities.registry.access import AccessRole, grant, is_officer
from sistercities.registry.memory.activities import (
    ActivityInput,
    CrisisInput,
    FlowInput,
    add_activity,
    add_crisis,
    fulfil_commitment,
)
from sistercities.registry.memory.actors import (
    ActorInput,
    AdministrationInput,
    LinkInput,
    RelationshipPart,
    add_actor,
    add_administration,
    link_actor,
)
from sistercities.registry.memory.history import history
from sistercities.registry.memory.status import TRANSITIONS, StatusInput, set_status

__all__ = [
    "TRANSITIONS",
    "AccessDeniedError",
    "AccessRole",
    "ActivityInput",
    "ActorInput",
    "AdministrationInput",
    "CrisisInput",
    "FlowInput",
    "LinkInput",
    "RelationshipPart",
    "StatusInput",
    "add_activity",
    "add_actor",
    "add_administration",
    "add_crisis",
    "fulfil_commitment",
    "grant",
    "history",
    "is_officer",
    "link_actor",
    "set_status",
]
