"""officer places: the cities an officer account is an officer of

Revision ID: 0010_officer_places
Revises: 0004_unknown_status
Create Date: 2026-12-01 11:00:00

An officer account may now be tied to the places whose office it works for
(``sistercities user add NAME --role officer --place PLACE``, ``user places``).
Existing officer accounts get no rows: an officer tied to no place is the
registry's officer, of every place, which is what every officer was before
this revision, so existing registries keep working unchanged. An admin
narrows one with ``sistercities user places NAME --add PLACE``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_officer_places"
down_revision: str | Sequence[str] | None = "0004_unknown_status"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "officer_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("granted_by", sa.String(length=200), nullable=True),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_officer_places_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["place_id"],
            ["places.id"],
            name=op.f("fk_officer_places_place_id_places"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officer_places")),
        sa.UniqueConstraint("account_id", "place_id", name="uq_officer_places_account_place"),
    )
    with op.batch_alter_table("officer_places", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_officer_places_account_id"), ["account_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_officer_places_place_id"), ["place_id"], unique=False)


def downgrade() -> None:
    op.drop_table("officer_places")
