"""institutional memory: open commitments and registry users

Revision ID: 0002_memory
Revises: 0001_registry

Adds ``activities.planned`` (an open commitment, not yet carried out) and the
``registry_users`` table that says who may read personal contact details.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_memory"
down_revision: str | Sequence[str] | None = "0001_registry"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("planned", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "registry_users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("granted_by", sa.String(length=200), nullable=True),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_users")),
        sa.UniqueConstraint("name", name=op.f("uq_registry_users_name")),
    )


def downgrade() -> None:
    op.drop_table("registry_users")
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_column("planned")
