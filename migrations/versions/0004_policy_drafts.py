"""policy drafts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 19:06:56.349399

"""
from alembic import op
import sqlalchemy as sa

from app.analysis.search import create_search_objects


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('policy_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('subtitle', sa.String(length=300), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('working_group', sa.String(length=200), nullable=False),
    sa.Column('authors', sa.Text(), nullable=False),
    sa.Column('licence', sa.String(length=200), nullable=False),
    sa.Column('dispositions_released_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_policy_document_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_document'))
    )
    op.create_table('block',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('time_horizon', sa.String(length=10), nullable=False),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['policy_document.id'], name=op.f('fk_block_document_id_policy_document'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['block.id'], name=op.f('fk_block_parent_id_block'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_block_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_block'))
    )
    with op.batch_alter_table('block', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_block_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_block_parent_id'), ['parent_id'], unique=False)

    op.create_table('document_consultation',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_document_consultation_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['policy_document.id'], name=op.f('fk_document_consultation_document_id_policy_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', 'consultation_id', name=op.f('pk_document_consultation'))
    )
    with op.batch_alter_table('document_consultation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_consultation_consultation_id'), ['consultation_id'], unique=False)

    op.create_table('document_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('change_note', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_document_version_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['document_id'], ['policy_document.id'], name=op.f('fk_document_version_document_id_policy_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_version')),
    sa.UniqueConstraint('document_id', 'number', name=op.f('uq_document_version_document_id_number'))
    )
    with op.batch_alter_table('document_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_version_document_id'), ['document_id'], unique=False)

    op.create_table('block_term',
    sa.Column('block_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['block.id'], name=op.f('fk_block_term_block_id_block'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['vocabulary_term.id'], name=op.f('fk_block_term_term_id_vocabulary_term')),
    sa.PrimaryKeyConstraint('block_id', 'term_id', name=op.f('pk_block_term'))
    )
    with op.batch_alter_table('block_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_block_term_term_id'), ['term_id'], unique=False)

    op.create_table('version_block',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('block_id', sa.Integer(), nullable=False),
    sa.Column('parent_block_id', sa.Integer(), nullable=True),
    sa.Column('ordinal', sa.Integer(), nullable=False),
    sa.Column('depth', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('attributes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['block.id'], name=op.f('fk_version_block_block_id_block'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['document_version.id'], name=op.f('fk_version_block_version_id_document_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version_block')),
    sa.UniqueConstraint('version_id', 'block_id', name=op.f('uq_version_block_version_id_block_id'))
    )
    with op.batch_alter_table('version_block', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_block_block_id'), ['block_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_version_block_version_id'), ['version_id'], unique=False)

    op.create_table('disposition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('block_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['block_id'], ['block.id'], name=op.f('fk_disposition_block_id_block'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_disposition_comment_id_comment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_disposition_decided_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disposition')),
    sa.UniqueConstraint('comment_id', name=op.f('uq_disposition_comment_id'))
    )
    with op.batch_alter_table('disposition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disposition_block_id'), ['block_id'], unique=False)

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('block_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('document_version_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('quote', sa.Text(), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_comment_block_id'), ['block_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_comment_block_id_block'), 'block', ['block_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_comment_document_version_id_document_version'), 'document_version', ['document_version_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_version_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_round_document_version_id_document_version'), 'document_version', ['document_version_id'], ['id'], ondelete='SET NULL')


    create_search_objects(op.get_bind())  # the comment table may have been rebuilt

def downgrade():
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_round_document_version_id_document_version'), type_='foreignkey')
        batch_op.drop_column('document_version_id')

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comment_document_version_id_document_version'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_comment_block_id_block'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_comment_block_id'))
        batch_op.drop_column('quote')
        batch_op.drop_column('document_version_id')
        batch_op.drop_column('block_id')

    with op.batch_alter_table('disposition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disposition_block_id'))

    op.drop_table('disposition')
    with op.batch_alter_table('version_block', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_version_block_version_id'))
        batch_op.drop_index(batch_op.f('ix_version_block_block_id'))

    op.drop_table('version_block')
    with op.batch_alter_table('block_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_block_term_term_id'))

    op.drop_table('block_term')
    with op.batch_alter_table('document_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_version_document_id'))

    op.drop_table('document_version')
    with op.batch_alter_table('document_consultation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_consultation_consultation_id'))

    op.drop_table('document_consultation')
    with op.batch_alter_table('block', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_block_parent_id'))
        batch_op.drop_index(batch_op.f('ix_block_document_id'))

    op.drop_table('block')
    op.drop_table('policy_document')
    create_search_objects(op.get_bind())
