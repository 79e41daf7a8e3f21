"""index for a response's newest revision of a kind

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 21:40:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_response_revision_response_id_kind', 'response_revision',
                    ['response_id', 'kind', 'number'], unique=False)


def downgrade():
    op.drop_index('ix_response_revision_response_id_kind', table_name='response_revision')
