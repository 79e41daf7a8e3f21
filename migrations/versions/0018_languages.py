"""Comments and free-text answers record their language; search stems by it

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 03:00:00.000000

Every existing comment and answer is taken to be in English (the default). The search
objects are made again: on PostgreSQL the GIN indexes over each item's language's
text-search configuration, on SQLite the FTS5 tables of stems with the items' language.
On SQLite each table is rebuilt (batch mode, for the CHECK constraint), which drops the
triggers; they are made again after. Downgrading brings back the unstemmed objects.
"""
import sqlalchemy as sa
from alembic import op

from app.analysis.search import create_search_objects, drop_search_objects


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

# as in the models when this migration was written
LANGUAGES = ('en', 'it', 'es', 'fi', 'bg', 'fr', 'nl', 'de')


def upgrade():
    drop_search_objects(op.get_bind())
    listed = ', '.join(f"'{code}'" for code in LANGUAGES)
    for table in ('comment', 'answer'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('language', sa.String(length=8), nullable=False,
                                          server_default='en'))
            batch_op.create_check_constraint(op.f(f'ck_{table}_language'),
                                             f'language IN ({listed})')
    create_search_objects(op.get_bind())


def downgrade():
    drop_search_objects(op.get_bind())
    for table in ('answer', 'comment'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f'ck_{table}_language'), type_='check')
            batch_op.drop_column('language')
    create_search_objects(op.get_bind())
