"""Consultation content in several languages: original and offered languages, translations

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 03:00:00.000000

A consultation has the language its texts are written in and the languages it offers them
in; the consultation, each round and each question keep their translations in a JSON column
{language: {field: text}}. Existing consultations are in English, as the interface's source.
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_language', sa.String(length=8),
                                      server_default='en', nullable=False))
        batch_op.add_column(sa.Column('offered_languages', sa.JSON(), server_default='[]',
                                      nullable=False))
        batch_op.add_column(sa.Column('translations', sa.JSON(), server_default='{}',
                                      nullable=False))
    for table in ('round', 'question'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('translations', sa.JSON(), server_default='{}',
                                          nullable=False))


def downgrade():
    for table in ('question', 'round'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('translations')
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_column('translations')
        batch_op.drop_column('offered_languages')
        batch_op.drop_column('original_language')
