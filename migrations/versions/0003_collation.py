"""collation

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 18:44:20.722264

"""
from alembic import op
import sqlalchemy as sa

from app.analysis.search import create_search_objects, drop_search_objects


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('colour', sa.String(length=7), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_code_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['code.id'], name=op.f('fk_code_parent_id_code'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_code')),
    sa.UniqueConstraint('consultation_id', 'parent_id', 'label', name=op.f('uq_code_consultation_id_parent_id_label'))
    )
    with op.batch_alter_table('code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_code_consultation_id'), ['consultation_id'], unique=False)

    op.create_table('round_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('synthesis', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_round_feedback_round_id_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_round_feedback_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_feedback')),
    sa.UniqueConstraint('round_id', name=op.f('uq_round_feedback_round_id'))
    )
    op.create_table('feedback_question',
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['round_feedback.id'], name=op.f('fk_feedback_question_feedback_id_round_feedback'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_feedback_question_question_id_question'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('feedback_id', 'question_id', name=op.f('pk_feedback_question'))
    )
    with op.batch_alter_table('feedback_question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_question_question_id'), ['question_id'], unique=False)

    op.create_table('answer_code',
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('code_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answer.id'], name=op.f('fk_answer_code_answer_id_answer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['code_id'], ['code.id'], name=op.f('fk_answer_code_code_id_code'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('answer_id', 'code_id', name=op.f('pk_answer_code'))
    )
    with op.batch_alter_table('answer_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_code_code_id'), ['code_id'], unique=False)

    op.create_table('comment_code',
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('code_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['code_id'], ['code.id'], name=op.f('fk_comment_code_code_id_code'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_comment_code_comment_id_comment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('comment_id', 'code_id', name=op.f('pk_comment_code'))
    )
    with op.batch_alter_table('comment_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_code_code_id'), ['code_id'], unique=False)

    op.create_table('comment_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_comment_note_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_comment_note_comment_id_comment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_note'))
    )
    with op.batch_alter_table('comment_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_note_comment_id'), ['comment_id'], unique=False)

    op.create_table('feedback_comment',
    sa.Column('feedback_id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_feedback_comment_comment_id_comment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['feedback_id'], ['round_feedback.id'], name=op.f('fk_feedback_comment_feedback_id_round_feedback'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('feedback_id', 'comment_id', name=op.f('pk_feedback_comment'))
    )
    with op.batch_alter_table('feedback_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_comment_comment_id'), ['comment_id'], unique=False)

    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_value', sa.Text(), nullable=True))

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cluster_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_comment_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comment_created_at'), ['created_at'], unique=False)

    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('similarity_threshold', sa.Integer(), nullable=False,
                                      server_default='90'))

    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_question_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_question_source_question_id_question'), 'question', ['source_question_id'], ['id'], ondelete='SET NULL')


    _backfill()
    create_search_objects(op.get_bind())

def downgrade():
    drop_search_objects(op.get_bind())
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_question_source_question_id_question'), type_='foreignkey')
        batch_op.drop_column('source_question_id')

    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_column('similarity_threshold')

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_created_at'))
        batch_op.drop_index(batch_op.f('ix_comment_cluster_id'))
        batch_op.drop_column('cluster_id')

    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_column('text_value')

    with op.batch_alter_table('feedback_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_comment_comment_id'))

    op.drop_table('feedback_comment')
    with op.batch_alter_table('comment_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_note_comment_id'))

    op.drop_table('comment_note')
    with op.batch_alter_table('comment_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_code_code_id'))

    op.drop_table('comment_code')
    with op.batch_alter_table('answer_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_code_code_id'))

    op.drop_table('answer_code')
    with op.batch_alter_table('feedback_question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_question_question_id'))

    op.drop_table('feedback_question')
    op.drop_table('round_feedback')
    with op.batch_alter_table('code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_code_consultation_id'))

    op.drop_table('code')


def _backfill():
    """Plain text of existing free-text answers; every existing comment its own group."""
    connection = op.get_bind()
    answer = sa.table("answer", sa.column("id"), sa.column("question_id"),
                      sa.column("value", sa.JSON()), sa.column("text_value"))
    question = sa.table("question", sa.column("id"), sa.column("kind"))
    rows = connection.execute(sa.select(answer.c.id, answer.c.value).join(
        question, question.c.id == answer.c.question_id).where(question.c.kind == "text")).all()
    for answer_id, value in rows:
        connection.execute(sa.update(answer).where(answer.c.id == answer_id)
                           .values(text_value=str(value)))
    comment = sa.table("comment", sa.column("id"), sa.column("cluster_id"))
    connection.execute(sa.update(comment).values(cluster_id=comment.c.id))
