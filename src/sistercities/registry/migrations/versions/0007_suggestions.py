"""suggestions: automatic-coding runs and their suggestions, apart from codings

Revision ID: 0007_suggestions
Revises: 0008_council
Create Date: 2026-12-01 08:05:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_suggestions"
down_revision: str | Sequence[str] | None = "0008_council"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "research_autocode_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("coder", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("evaluation", sa.JSON(), nullable=False),
        sa.Column("trained_on", sa.Integer(), nullable=False),
        sa.Column("held_out", sa.Integer(), nullable=False),
        sa.Column("suggestions", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_autocode_runs_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_autocode_runs")),
    )
    op.create_index(
        op.f("ix_research_autocode_runs_project_id"), "research_autocode_runs", ["project_id"]
    )
    op.create_table(
        "research_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("coder", sa.String(length=200), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("judged", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("coding_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_suggestions_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["research_autocode_runs.id"],
            name=op.f("fk_research_suggestions_run_id_research_autocode_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["research_documents.id"],
            name=op.f("fk_research_suggestions_document_id_research_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["research_document_versions.id"],
            name=op.f("fk_research_suggestions_version_id_research_document_versions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["code_id"],
            ["research_codes.id"],
            name=op.f("fk_research_suggestions_code_id_research_codes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coding_id"],
            ["research_codings.id"],
            name=op.f("fk_research_suggestions_coding_id_research_codings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_suggestions")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_research_suggestions_run_id"), "research_suggestions", ["run_id"])
    op.create_index(
        op.f("ix_research_suggestions_coding_id"), "research_suggestions", ["coding_id"]
    )
    op.create_index(
        "ix_research_suggestions_project_status", "research_suggestions", ["project_id", "status"]
    )
    op.create_index(
        "ix_research_suggestions_document_code", "research_suggestions", ["document_id", "code_id"]
    )


def downgrade() -> None:
    op.drop_table("research_suggestions")
    op.drop_table("research_autocode_runs")
