"""values a participant typed that are not valid yet, kept as typed

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 23:30:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('response') as batch_op:
        batch_op.add_column(sa.Column('pending', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('response') as batch_op:
        batch_op.drop_column('pending')
