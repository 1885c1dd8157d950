"""What an import remembers so that an export writes the same file.

The workbench gives every object its own GUID (unique in the whole
registry), so an object imported from a file cannot always keep the
file's GUID there: importing the same file twice would collide. A
:class:`RefiObject` row maps the workbench object (by its own ``guid``,
which is never reused) to the GUID it had in the file, with the REFI-QDA
details the workbench does not hold (``extra``: dates, users, selection
names and descriptions, original names). An export uses the file's GUID
where there is one and the workbench's otherwise.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sistercities.registry.models import Base

KINDS = ("project", "document", "code", "set", "coding", "case", "attribute", "memo")


class RefiObject(Base):
    """The file GUID and REFI-QDA details of one imported object."""

    __tablename__ = "refi_objects"
    __table_args__ = (UniqueConstraint("kind", "local_guid", name="uq_refi_objects_local"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("research_projects.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(12))
    local_guid: Mapped[str] = mapped_column(String(36))
    file_guid: Mapped[str] = mapped_column(String(36))
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON)
