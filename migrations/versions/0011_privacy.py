"""personal data: privacy notices, publication choices, redactions, downloads

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 23:15:40.935496

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('data_download',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_data_download_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_download'))
    )
    with op.batch_alter_table('data_download', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_data_download_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_data_download_user_id'), ['user_id'], unique=False)

    op.create_table('privacy_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_privacy_notice_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_notice')),
    sa.UniqueConstraint('number', name=op.f('uq_privacy_notice_number'))
    )
    op.create_table('privacy_notice_seen',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_privacy_notice_seen_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_privacy_notice_seen'))
    )
    op.create_table('consultation_privacy',
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('notice', sa.Text(), nullable=False),
    sa.Column('notice_number', sa.Integer(), nullable=False),
    sa.Column('retention_days', sa.Integer(), nullable=True),
    sa.Column('purged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_consultation_privacy_consultation_id_consultation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('consultation_id', name=op.f('pk_consultation_privacy'))
    )
    op.create_table('publication_choice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('owner_key', sa.String(length=40), nullable=False),
    sa.Column('choice', sa.String(length=20), nullable=False),
    sa.Column('notice_number', sa.Integer(), nullable=False),
    sa.Column('consultation_notice_number', sa.Integer(), nullable=False),
    sa.Column('chosen_by_id', sa.Integer(), nullable=True),
    sa.Column('chosen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['chosen_by_id'], ['user.id'], name=op.f('fk_publication_choice_chosen_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_publication_choice_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication_choice')),
    sa.UniqueConstraint('round_id', 'owner_key', name=op.f('uq_publication_choice_round_id_owner_key'))
    )
    with op.batch_alter_table('publication_choice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publication_choice_round_id'), ['round_id'], unique=False)

    op.create_table('comment_redaction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('original_body', sa.Text(), nullable=True),
    sa.Column('original_proposed_change', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('purged_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_comment_redaction_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_comment_redaction_comment_id_comment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_redaction'))
    )
    with op.batch_alter_table('comment_redaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_redaction_comment_id'), ['comment_id'], unique=False)



def downgrade():
    with op.batch_alter_table('comment_redaction', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_redaction_comment_id'))

    op.drop_table('comment_redaction')
    with op.batch_alter_table('publication_choice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publication_choice_round_id'))

    op.drop_table('publication_choice')
    op.drop_table('consultation_privacy')
    op.drop_table('privacy_notice_seen')
    op.drop_table('privacy_notice')
    with op.batch_alter_table('data_download', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_data_download_user_id'))
        batch_op.drop_index(batch_op.f('ix_data_download_expires_at'))

    op.drop_table('data_download')
