"""refi: the file GUIDs and REFI-QDA details of imported research objects

Revision ID: 0009_refi
Revises: 0005_research
Create Date: 2026-12-01 08:25:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_refi"
down_revision: str | Sequence[str] | None = "0005_research"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "refi_objects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("local_guid", sa.String(length=36), nullable=False),
        sa.Column("file_guid", sa.String(length=36), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"], ["research_projects.id"],
            name=op.f("fk_refi_objects_project_id_research_projects"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refi_objects")),
        sa.UniqueConstraint("kind", "local_guid", name="uq_refi_objects_local"),
    )
    op.create_index(op.f("ix_refi_objects_project_id"), "refi_objects", ["project_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_refi_objects_project_id"), table_name="refi_objects")
    op.drop_table("refi_objects")
