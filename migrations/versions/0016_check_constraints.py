"""CHECK constraints on the enumerated string columns

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 23:55:00.000000

On SQLite each table is rebuilt (batch mode); env.py turns foreign keys off meanwhile, so
dropping the old table cascades to nothing, and the comment table's search triggers are
made again.
"""
from alembic import op

from app.analysis.search import create_search_objects


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

# table: [(column, allowed values)], as in the models when this migration was written
CHECKS = {
    'comment': [('comment_type', ('general', 'technical', 'editorial'))],
    'question': [('kind', ('text', 'scale', 'single', 'multiple', 'ranking', 'number'))],
    'round': [('response_mode', ('person', 'organisation')),
              ('anonymity', ('attributed', 'anonymous_to_participants', 'anonymous'))],
    'round_change': [('kind', ('extended', 'closed_early', 'moved_earlier'))],
    'policy_document': [('status', ('drafting', 'in_consultation', 'final'))],
    'block': [('kind', ('section', 'recommendation')),
              ('time_horizon', ('', 'short', 'medium', 'long'))],
    'version_block': [('kind', ('section', 'recommendation'))],
    'disposition': [('status', ('accepted', 'accepted_modified', 'not_accepted', 'noted',
                                'deferred'))],
    'export_job': [('state', ('queued', 'running', 'done', 'failed'))],
    'working_group_member': [('role', ('chair', 'member'))],
}


def upgrade():
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, values in checks:
                listed = ', '.join(f"'{value}'" for value in values)
                batch_op.create_check_constraint(op.f(f'ck_{table}_{column}'),
                                                 f'{column} IN ({listed})')
    create_search_objects(op.get_bind())  # the comment table may have been rebuilt


def downgrade():
    for table, checks in reversed(CHECKS.items()):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, _values in checks:
                batch_op.drop_constraint(op.f(f'ck_{table}_{column}'), type_='check')
    create_search_objects(op.get_bind())
