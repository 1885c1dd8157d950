"""research: projects, members, documents and versions, codebook, codings, cases, memos

Revision ID: 0005_research
Revises: 0003_surveys
Create Date: 2026-12-01 08:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_research"
down_revision: str | Sequence[str] | None = "0003_surveys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "research_projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_projects")),
        sa.UniqueConstraint("guid", name=op.f("uq_research_projects_guid")),
        sa.UniqueConstraint("name", name=op.f("uq_research_projects_name")),
    )
    op.create_table(
        "research_attributes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_attributes_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_attributes")),
        sa.UniqueConstraint("guid", name=op.f("uq_research_attributes_guid")),
        sa.UniqueConstraint("project_id", "name", name="uq_research_attributes_name"),
    )
    op.create_index(
        op.f("ix_research_attributes_project_id"),
        "research_attributes",
        ["project_id"],
        unique=False,
    )
    op.create_table(
        "research_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("entity", sa.String(length=20), nullable=True),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_cases_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_cases")),
        sa.UniqueConstraint("guid", name=op.f("uq_research_cases_guid")),
        sa.UniqueConstraint("project_id", "name", name="uq_research_cases_name"),
    )
    op.create_index(
        op.f("ix_research_cases_project_id"), "research_cases", ["project_id"], unique=False
    )
    op.create_table(
        "research_code_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_code_sets_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_code_sets")),
        sa.UniqueConstraint("guid", name=op.f("uq_research_code_sets_guid")),
        sa.UniqueConstraint("project_id", "name", name="uq_research_code_sets_name"),
    )
    op.create_index(
        op.f("ix_research_code_sets_project_id"), "research_code_sets", ["project_id"], unique=False
    )
    op.create_table(
        "research_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("colour", sa.String(length=7), nullable=True),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("codable", sa.Boolean(), nullable=False),
        sa.Column("definition_source", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["research_codes.id"],
            name=op.f("fk_research_codes_parent_id_research_codes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_codes_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_codes")),
        sa.UniqueConstraint("guid", name=op.f("uq_research_codes_guid")),
    )
    op.create_index(
        op.f("ix_research_codes_parent_id"), "research_codes", ["parent_id"], unique=False
    )
    op.create_index(
        op.f("ix_research_codes_project_id"), "research_codes", ["project_id"], unique=False
    )
    op.create_table(
        "research_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=True),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_documents_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_documents")),
        sa.UniqueConstraint("guid", name=op.f("uq_research_documents_guid")),
        sa.UniqueConstraint("project_id", "name", name="uq_research_documents_name"),
    )
    op.create_index(
        op.f("ix_research_documents_project_id"), "research_documents", ["project_id"], unique=False
    )
    op.create_table(
        "research_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("added_by", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_members_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_members")),
        sa.UniqueConstraint("project_id", "user", name="uq_research_members_user"),
    )
    op.create_index(
        op.f("ix_research_members_project_id"), "research_members", ["project_id"], unique=False
    )
    op.create_table(
        "research_memos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=10), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_memos_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_memos")),
        sa.UniqueConstraint("guid", name=op.f("uq_research_memos_guid")),
    )
    op.create_index(
        "ix_research_memos_target",
        "research_memos",
        ["project_id", "target", "target_id"],
        unique=False,
    )
    op.create_table(
        "research_attribute_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("attribute_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attribute_id"],
            ["research_attributes.id"],
            name=op.f("fk_research_attribute_values_attribute_id_research_attributes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["research_cases.id"],
            name=op.f("fk_research_attribute_values_case_id_research_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_attribute_values")),
        sa.UniqueConstraint("case_id", "attribute_id", name="uq_research_attribute_values_case"),
    )
    op.create_index(
        op.f("ix_research_attribute_values_attribute_id"),
        "research_attribute_values",
        ["attribute_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_research_attribute_values_case_id"),
        "research_attribute_values",
        ["case_id"],
        unique=False,
    )
    op.create_table(
        "research_case_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["research_cases.id"],
            name=op.f("fk_research_case_documents_case_id_research_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["research_documents.id"],
            name=op.f("fk_research_case_documents_document_id_research_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_case_documents")),
        sa.UniqueConstraint("case_id", "document_id", name="uq_research_case_documents_document"),
    )
    op.create_index(
        op.f("ix_research_case_documents_case_id"),
        "research_case_documents",
        ["case_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_research_case_documents_document_id"),
        "research_case_documents",
        ["document_id"],
        unique=False,
    )
    op.create_table(
        "research_code_set_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["code_id"],
            ["research_codes.id"],
            name=op.f("fk_research_code_set_members_code_id_research_codes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["research_code_sets.id"],
            name=op.f("fk_research_code_set_members_set_id_research_code_sets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_code_set_members")),
        sa.UniqueConstraint("set_id", "code_id", name="uq_research_code_set_members_code"),
    )
    op.create_index(
        op.f("ix_research_code_set_members_code_id"),
        "research_code_set_members",
        ["code_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_research_code_set_members_set_id"),
        "research_code_set_members",
        ["set_id"],
        unique=False,
    )
    op.create_table(
        "research_document_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["research_documents.id"],
            name=op.f("fk_research_document_links_document_id_research_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_document_links")),
        sa.UniqueConstraint(
            "document_id", "entity", "entity_id", name="uq_research_document_links"
        ),
    )
    op.create_index(
        op.f("ix_research_document_links_document_id"),
        "research_document_links",
        ["document_id"],
        unique=False,
    )
    op.create_table(
        "research_document_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("characters", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("source_file", sa.String(length=500), nullable=True),
        sa.Column("paragraphs", sa.JSON(), nullable=False),
        sa.Column("pages", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["research_documents.id"],
            name=op.f("fk_research_document_versions_document_id_research_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_document_versions")),
        sa.UniqueConstraint("document_id", "number", name="uq_research_document_versions_number"),
    )
    op.create_index(
        op.f("ix_research_document_versions_document_id"),
        "research_document_versions",
        ["document_id"],
        unique=False,
    )
    op.create_table(
        "research_codings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("coder", sa.String(length=200), nullable=False),
        sa.Column("anchor", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["code_id"],
            ["research_codes.id"],
            name=op.f("fk_research_codings_code_id_research_codes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["research_documents.id"],
            name=op.f("fk_research_codings_document_id_research_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["research_projects.id"],
            name=op.f("fk_research_codings_project_id_research_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["research_document_versions.id"],
            name=op.f("fk_research_codings_version_id_research_document_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_research_codings")),
        sa.UniqueConstraint("guid", name=op.f("uq_research_codings_guid")),
    )
    op.create_index(
        op.f("ix_research_codings_code_id"), "research_codings", ["code_id"], unique=False
    )
    op.create_index(
        "ix_research_codings_document_code",
        "research_codings",
        ["document_id", "code_id"],
        unique=False,
    )
    op.create_index(
        "ix_research_codings_spans",
        "research_codings",
        ["project_id", "code_id", "document_id", "version_id", "start", "end"],
        unique=False,
    )
    op.create_index(
        op.f("ix_research_codings_version_id"), "research_codings", ["version_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_research_codings_version_id"), table_name="research_codings")
    op.drop_index("ix_research_codings_spans", table_name="research_codings")
    op.drop_index("ix_research_codings_document_code", table_name="research_codings")
    op.drop_index(op.f("ix_research_codings_code_id"), table_name="research_codings")
    op.drop_table("research_codings")
    op.drop_index(
        op.f("ix_research_document_versions_document_id"), table_name="research_document_versions"
    )
    op.drop_table("research_document_versions")
    op.drop_index(
        op.f("ix_research_document_links_document_id"), table_name="research_document_links"
    )
    op.drop_table("research_document_links")
    op.drop_index(
        op.f("ix_research_code_set_members_set_id"), table_name="research_code_set_members"
    )
    op.drop_index(
        op.f("ix_research_code_set_members_code_id"), table_name="research_code_set_members"
    )
    op.drop_table("research_code_set_members")
    op.drop_index(
        op.f("ix_research_case_documents_document_id"), table_name="research_case_documents"
    )
    op.drop_index(op.f("ix_research_case_documents_case_id"), table_name="research_case_documents")
    op.drop_table("research_case_documents")
    op.drop_index(
        op.f("ix_research_attribute_values_case_id"), table_name="research_attribute_values"
    )
    op.drop_index(
        op.f("ix_research_attribute_values_attribute_id"), table_name="research_attribute_values"
    )
    op.drop_table("research_attribute_values")
    op.drop_index("ix_research_memos_target", table_name="research_memos")
    op.drop_table("research_memos")
    op.drop_index(op.f("ix_research_members_project_id"), table_name="research_members")
    op.drop_table("research_members")
    op.drop_index(op.f("ix_research_documents_project_id"), table_name="research_documents")
    op.drop_table("research_documents")
    op.drop_index(op.f("ix_research_codes_project_id"), table_name="research_codes")
    op.drop_index(op.f("ix_research_codes_parent_id"), table_name="research_codes")
    op.drop_table("research_codes")
    op.drop_index(op.f("ix_research_code_sets_project_id"), table_name="research_code_sets")
    op.drop_table("research_code_sets")
    op.drop_index(op.f("ix_research_cases_project_id"), table_name="research_cases")
    op.drop_table("research_cases")
    op.drop_index(op.f("ix_research_attributes_project_id"), table_name="research_attributes")
    op.drop_table("research_attributes")
    op.drop_table("research_projects")
