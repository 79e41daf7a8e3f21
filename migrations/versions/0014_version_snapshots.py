"""a version's annexes frozen with it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 23:55:00.000000

Versions saved before this migration get their snapshot when first exported.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'version_snapshot',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('data', sa.JSON(), nullable=False),
        sa.Column('checksum', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['version_id'], ['document_version.id'],
                                name=op.f('fk_version_snapshot_version_id_document_version'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_version_snapshot')),
        sa.UniqueConstraint('version_id', name=op.f('uq_version_snapshot_version_id')),
    )


def downgrade():
    op.drop_table('version_snapshot')
