"""working groups

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 19:28:15.833997

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('working_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=True),
    sa.Column('region', sa.String(length=120), nullable=False),
    sa.Column('description', sa.String(length=1000), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['vocabulary_term.id'], name=op.f('fk_working_group_country_id_vocabulary_term')),
    sa.ForeignKeyConstraint(['level_id'], ['vocabulary_term.id'], name=op.f('fk_working_group_level_id_vocabulary_term')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_group')),
    sa.UniqueConstraint('name', name=op.f('uq_working_group_name'))
    )
    with op.batch_alter_table('working_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_group_level_id'), ['level_id'], unique=False)

    op.create_table('working_group_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['working_group.id'], name=op.f('fk_working_group_member_group_id_working_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_working_group_member_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_group_member')),
    sa.UniqueConstraint('group_id', 'user_id', name=op.f('uq_working_group_member_group_id_user_id'))
    )
    with op.batch_alter_table('working_group_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_group_member_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_working_group_member_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('policy_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('working_group_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('final_version_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_policy_document_working_group_id'), ['working_group_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_policy_document_final_version_id_document_version'), 'document_version', ['final_version_id'], ['id'], ondelete='SET NULL', use_alter=True)
        batch_op.create_foreign_key(batch_op.f('fk_policy_document_working_group_id_working_group'), 'working_group', ['working_group_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_column('working_group')



def downgrade():
    with op.batch_alter_table('policy_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('working_group', sa.VARCHAR(length=200), nullable=False,
                                      server_default=''))
        batch_op.drop_constraint(batch_op.f('fk_policy_document_working_group_id_working_group'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_policy_document_final_version_id_document_version'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_policy_document_working_group_id'))
        batch_op.drop_column('final_version_id')
        batch_op.drop_column('working_group_id')

    with op.batch_alter_table('working_group_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_group_member_user_id'))
        batch_op.drop_index(batch_op.f('ix_working_group_member_group_id'))

    op.drop_table('working_group_member')
    with op.batch_alter_table('working_group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_group_level_id'))

    op.drop_table('working_group')
