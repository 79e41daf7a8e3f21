"""log of changed responses, for updating the explorer's index incrementally

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 23:58:00.000000

"""
import secrets

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('collated_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_collated_change'))
    )
    token = sa.table('change_token', sa.column('name', sa.String), sa.column('token', sa.String))
    op.bulk_insert(token, [{'name': 'responses', 'token': secrets.token_hex(16)}])


def downgrade():
    op.execute("DELETE FROM change_token WHERE name = 'responses'")
    op.drop_table('collated_change')
