"""consultations, rounds, questions, responses

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 18:26:07.464253

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('consultation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('working_group', sa.String(length=200), nullable=False),
    sa.Column('consensus_rule', sa.JSON(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_consultation_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultation'))
    )
    op.create_table('background_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_background_document_consultation_id_consultation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_background_document'))
    )
    with op.batch_alter_table('background_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_background_document_consultation_id'), ['consultation_id'], unique=False)

    op.create_table('consultation_facilitator',
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_consultation_facilitator_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_consultation_facilitator_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('consultation_id', 'user_id', name=op.f('pk_consultation_facilitator'))
    )
    with op.batch_alter_table('consultation_facilitator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_facilitator_user_id'), ['user_id'], unique=False)

    op.create_table('consultation_term',
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_consultation_term_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['vocabulary_term.id'], name=op.f('fk_consultation_term_term_id_vocabulary_term')),
    sa.PrimaryKeyConstraint('consultation_id', 'term_id', name=op.f('pk_consultation_term'))
    )
    with op.batch_alter_table('consultation_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_term_term_id'), ['term_id'], unique=False)

    op.create_table('round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('response_mode', sa.String(length=20), nullable=False),
    sa.Column('anonymity', sa.String(length=30), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('feedback_released_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_round_consultation_id_consultation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round'))
    )
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_closes_at'), ['closes_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_round_consultation_id'), ['consultation_id'], unique=False)

    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('prompt', sa.Text(), nullable=False),
    sa.Column('help_text', sa.Text(), nullable=False),
    sa.Column('is_required', sa.Boolean(), nullable=False),
    sa.Column('scale_points', sa.Integer(), nullable=True),
    sa.Column('scale_labels', sa.JSON(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('max_choices', sa.Integer(), nullable=True),
    sa.Column('min_value', sa.Double(), nullable=True),
    sa.Column('max_value', sa.Double(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_question_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question'))
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_round_id'), ['round_id'], unique=False)

    op.create_table('response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('owner_key', sa.String(length=40), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('stakeholder_type_id', sa.Integer(), nullable=True),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('governance_level_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['vocabulary_term.id'], name=op.f('fk_response_country_id_vocabulary_term')),
    sa.ForeignKeyConstraint(['governance_level_id'], ['vocabulary_term.id'], name=op.f('fk_response_governance_level_id_vocabulary_term')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_response_organisation_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_response_round_id_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stakeholder_type_id'], ['vocabulary_term.id'], name=op.f('fk_response_stakeholder_type_id_vocabulary_term')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_response_updated_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_response_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_response')),
    sa.UniqueConstraint('round_id', 'owner_key', name=op.f('uq_response_round_id_owner_key'))
    )
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_response_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_response_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_response_user_id'), ['user_id'], unique=False)

    op.create_table('round_audience_organisation',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_round_audience_organisation_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_round_audience_organisation_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'organisation_id', name=op.f('pk_round_audience_organisation'))
    )
    with op.batch_alter_table('round_audience_organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_audience_organisation_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('round_audience_term',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_round_audience_term_round_id_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['vocabulary_term.id'], name=op.f('fk_round_audience_term_term_id_vocabulary_term')),
    sa.PrimaryKeyConstraint('round_id', 'term_id', name=op.f('pk_round_audience_term'))
    )
    with op.batch_alter_table('round_audience_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_audience_term_term_id'), ['term_id'], unique=False)

    op.create_table('round_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('previous_closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('new_closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_round_change_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_round_change_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_change'))
    )
    with op.batch_alter_table('round_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_change_round_id'), ['round_id'], unique=False)

    op.create_table('round_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reminder_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_round_invitation_round_id_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_round_invitation_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_invitation')),
    sa.UniqueConstraint('round_id', 'user_id', name=op.f('uq_round_invitation_round_id_user_id'))
    )
    with op.batch_alter_table('round_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_invitation_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_round_invitation_user_id'), ['user_id'], unique=False)

    op.create_table('answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_answer_question_id_question'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_answer_response_id_response'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer')),
    sa.UniqueConstraint('response_id', 'question_id', name=op.f('uq_answer_response_id_question_id'))
    )
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_question_id'), ['question_id'], unique=False)

    op.create_table('comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('comment_type', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('proposed_change', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_comment_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_comment_question_id_question'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_comment_response_id_response'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comment_response_id'), ['response_id'], unique=False)

    op.create_table('question_term',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_term_question_id_question'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['vocabulary_term.id'], name=op.f('fk_question_term_term_id_vocabulary_term')),
    sa.PrimaryKeyConstraint('question_id', 'term_id', name=op.f('pk_question_term'))
    )
    with op.batch_alter_table('question_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_term_term_id'), ['term_id'], unique=False)

    op.create_table('response_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('saved_by_id', sa.Integer(), nullable=True),
    sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_response_revision_response_id_response'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['saved_by_id'], ['user.id'], name=op.f('fk_response_revision_saved_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_response_revision')),
    sa.UniqueConstraint('response_id', 'number', name=op.f('uq_response_revision_response_id_number'))
    )
    op.create_table('comment_term',
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_comment_term_comment_id_comment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['term_id'], ['vocabulary_term.id'], name=op.f('fk_comment_term_term_id_vocabulary_term')),
    sa.PrimaryKeyConstraint('comment_id', 'term_id', name=op.f('pk_comment_term'))
    )
    with op.batch_alter_table('comment_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_term_term_id'), ['term_id'], unique=False)



def downgrade():
    with op.batch_alter_table('comment_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_term_term_id'))

    op.drop_table('comment_term')
    op.drop_table('response_revision')
    with op.batch_alter_table('question_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_term_term_id'))

    op.drop_table('question_term')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_response_id'))
        batch_op.drop_index(batch_op.f('ix_comment_question_id'))

    op.drop_table('comment')
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_question_id'))

    op.drop_table('answer')
    with op.batch_alter_table('round_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_invitation_user_id'))
        batch_op.drop_index(batch_op.f('ix_round_invitation_round_id'))

    op.drop_table('round_invitation')
    with op.batch_alter_table('round_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_change_round_id'))

    op.drop_table('round_change')
    with op.batch_alter_table('round_audience_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_audience_term_term_id'))

    op.drop_table('round_audience_term')
    with op.batch_alter_table('round_audience_organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_audience_organisation_organisation_id'))

    op.drop_table('round_audience_organisation')
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_response_user_id'))
        batch_op.drop_index(batch_op.f('ix_response_round_id'))
        batch_op.drop_index(batch_op.f('ix_response_organisation_id'))

    op.drop_table('response')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_round_id'))

    op.drop_table('question')
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_consultation_id'))
        batch_op.drop_index(batch_op.f('ix_round_closes_at'))

    op.drop_table('round')
    with op.batch_alter_table('consultation_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_term_term_id'))

    op.drop_table('consultation_term')
    with op.batch_alter_table('consultation_facilitator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_facilitator_user_id'))

    op.drop_table('consultation_facilitator')
    with op.batch_alter_table('background_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_background_document_consultation_id'))

    op.drop_table('background_document')
    op.drop_table('consultation')
