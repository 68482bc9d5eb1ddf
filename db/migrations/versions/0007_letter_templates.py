"""letter templates

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 19:40:00.000000

Schema only: the two default templates live in resources/letters/ and are added the first time
the templates are listed (db/mailing/templates.py), so that they can be improved without a
migration and a user who deleted one does not get it back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "letter_templates",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("page_size", sa.String(length=200), nullable=False),
        sa.Column("margin_top", sa.Float(), nullable=False),
        sa.Column("margin_right", sa.Float(), nullable=False),
        sa.Column("margin_bottom", sa.Float(), nullable=False),
        sa.Column("margin_left", sa.Float(), nullable=False),
        sa.Column("letterhead", sa.Text(), nullable=False),
        sa.Column("date_format", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_letter_templates_name")),
    )


def downgrade() -> None:
    op.drop_table("letter_templates")
