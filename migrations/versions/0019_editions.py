"""A policy document may be a translated edition of another document's version

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 04:00:00.000000

Existing documents are editions of nothing. Removing the original version (or its
document) leaves the edition standing, unlinked.
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('policy_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edition_of_version_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_policy_document_edition_of_version_id'),
                              ['edition_of_version_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_policy_document_edition_of_version_id_document_version'),
            'document_version', ['edition_of_version_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('policy_document', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_policy_document_edition_of_version_id_document_version'),
            type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_policy_document_edition_of_version_id'))
        batch_op.drop_column('edition_of_version_id')
