"""council and portal: proposals, parts, flows, commitments, comments; portals,
public contact points, activities kept off a portal

Revision ID: 0008_council
Revises: 0006_accounts
Create Date: 2026-12-01 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_council"
down_revision: str | Sequence[str] | None = "0006_accounts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "portals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("place_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("changed_by", sa.String(length=200), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["place_id"], ["places.id"], name=op.f("fk_portals_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portals")),
        sa.UniqueConstraint("place_id", name=op.f("uq_portals_place_id")),
        sa.UniqueConstraint("slug", name=op.f("uq_portals_slug")),
    )
    op.create_table(
        "public_contact_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
            name=op.f("fk_public_contact_points_actor_id_actors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_contact_points")),
    )
    with op.batch_alter_table("public_contact_points", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_public_contact_points_actor_id"), ["actor_id"], unique=False
        )

    op.create_table(
        "council_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("relationship_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("layer", sa.String(length=30), nullable=True),
        sa.Column("area", sa.String(length=40), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=5), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("proposed_by", sa.String(length=200), nullable=False),
        sa.Column("proposed_by_actor_id", sa.Integer(), nullable=True),
        sa.Column("proposed_side_place_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_by", sa.String(length=200), nullable=True),
        sa.Column("confirmed_side_place_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=200), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("activity_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_council_proposals_activity_id_activities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_side_place_id"],
            ["places.id"],
            name=op.f("fk_council_proposals_confirmed_side_place_id_places"),
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_actor_id"],
            ["actors.id"],
            name=op.f("fk_council_proposals_proposed_by_actor_id_actors"),
        ),
        sa.ForeignKeyConstraint(
            ["proposed_side_place_id"],
            ["places.id"],
            name=op.f("fk_council_proposals_proposed_side_place_id_places"),
        ),
        sa.ForeignKeyConstraint(
            ["relationship_id"],
            ["relationships.id"],
            name=op.f("fk_council_proposals_relationship_id_relationships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_proposals")),
    )
    with op.batch_alter_table("council_proposals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_proposals_relationship_id"), ["relationship_id"], unique=False
        )

    op.create_table(
        "portal_hidden_activities",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("hidden_by", sa.String(length=200), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_portal_hidden_activities_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", name=op.f("pk_portal_hidden_activities")),
    )
    op.create_table(
        "council_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("side_place_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_council_comments_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["council_proposals.id"],
            name=op.f("fk_council_comments_proposal_id_council_proposals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["side_place_id"], ["places.id"], name=op.f("fk_council_comments_side_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_comments")),
    )
    with op.batch_alter_table("council_comments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_comments_proposal_id"), ["proposal_id"], unique=False
        )

    op.create_table(
        "council_flows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("from_place_id", sa.Integer(), nullable=False),
        sa.Column("to_place_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["from_place_id"], ["places.id"], name=op.f("fk_council_flows_from_place_id_places")
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["council_proposals.id"],
            name=op.f("fk_council_flows_proposal_id_council_proposals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_place_id"], ["places.id"], name=op.f("fk_council_flows_to_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_flows")),
    )
    with op.batch_alter_table("council_flows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_flows_proposal_id"), ["proposal_id"], unique=False
        )

    op.create_table(
        "council_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("side_place_id", sa.Integer(), nullable=False),
        sa.Column("task", sa.Text(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("due_precision", sa.String(length=5), nullable=True),
        sa.ForeignKeyConstraint(
            ["proposal_id"],
            ["council_proposals.id"],
            name=op.f("fk_council_parts_proposal_id_council_proposals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["side_place_id"], ["places.id"], name=op.f("fk_council_parts_side_place_id_places")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_parts")),
    )
    with op.batch_alter_table("council_parts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_parts_proposal_id"), ["proposal_id"], unique=False
        )

    op.create_table(
        "council_commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("side_place_id", sa.Integer(), nullable=False),
        sa.Column("answer", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("answered_by", sa.String(length=200), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_council_commitments_actor_id_actors")
        ),
        sa.ForeignKeyConstraint(
            ["part_id"],
            ["council_parts.id"],
            name=op.f("fk_council_commitments_part_id_council_parts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["side_place_id"],
            ["places.id"],
            name=op.f("fk_council_commitments_side_place_id_places"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_council_commitments")),
        sa.UniqueConstraint("part_id", "actor_id", name="uq_council_commitments_part"),
    )
    with op.batch_alter_table("council_commitments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_council_commitments_actor_id"), ["actor_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_council_commitments_part_id"), ["part_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("council_commitments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_commitments_part_id"))
        batch_op.drop_index(batch_op.f("ix_council_commitments_actor_id"))

    op.drop_table("council_commitments")
    with op.batch_alter_table("council_parts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_parts_proposal_id"))

    op.drop_table("council_parts")
    with op.batch_alter_table("council_flows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_flows_proposal_id"))

    op.drop_table("council_flows")
    with op.batch_alter_table("council_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_comments_proposal_id"))

    op.drop_table("council_comments")
    op.drop_table("portal_hidden_activities")
    with op.batch_alter_table("council_proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_council_proposals_relationship_id"))

    op.drop_table("council_proposals")
    with op.batch_alter_table("public_contact_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_public_contact_points_actor_id"))

    op.drop_table("public_contact_points")
    op.drop_table("portals")
