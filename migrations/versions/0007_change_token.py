"""change tokens for the explorer's index

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 21:20:00.000000

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('change_token',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_change_token'))
    )
    op.bulk_insert(table, [{'name': name, 'token': secrets.token_hex(16)}
                           for name in ('items', 'codes', 'dispositions')])


def downgrade():
    op.drop_table('change_token')
