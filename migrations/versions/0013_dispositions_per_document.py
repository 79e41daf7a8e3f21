"""dispositions keyed by (document, comment)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 23:30:00.000000

Until now a comment had one disposition, whichever document decided it. Each row moves to
the document that made the decision:

- a row linked to a block belongs to that block's document (deciding and merging only
  ever accepted blocks of the deciding document);
- otherwise to the documents drawing on the comment's consultation that existed when it
  was decided (all of them if none did); when several qualify, each gets a copy, so every
  document keeps showing what it showed before;
- a row no document can claim (its consultation is drawn on by no document any more) is
  written to the audit log, with everything it held, as "disposition.unattributed".

Downgrading keeps, for each comment, the decision made last.
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

COLUMNS = ('id', 'comment_id', 'block_id', 'status', 'reason', 'decided_by_id', 'decided_at',
           'version')
disposition = sa.table('disposition', sa.column('document_id', sa.Integer),
                       *(sa.column(name) for name in COLUMNS))
block = sa.table('block', sa.column('id'), sa.column('document_id'))
comment = sa.table('comment', sa.column('id'), sa.column('response_id'))
response = sa.table('response', sa.column('id'), sa.column('round_id'))
round_ = sa.table('round', sa.column('id'), sa.column('consultation_id'))
document_consultation = sa.table('document_consultation', sa.column('document_id'),
                                 sa.column('consultation_id'))
policy_document = sa.table('policy_document', sa.column('id'), sa.column('created_at'))
audit_event = sa.table('audit_event', sa.column('actor_id'), sa.column('verb', sa.String),
                       sa.column('object_type', sa.String), sa.column('object_id'),
                       sa.column('details', sa.JSON),
                       sa.column('created_at', sa.DateTime(timezone=True)))


def upgrade():
    with op.batch_alter_table('disposition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.drop_constraint('uq_disposition_comment_id', type_='unique')
    _attribute_rows(op.get_bind())
    with op.batch_alter_table('disposition', schema=None) as batch_op:
        batch_op.alter_column('document_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint('uq_disposition_document_id_comment_id',
                                          ['document_id', 'comment_id'])
        batch_op.create_index('ix_disposition_comment_id', ['comment_id'], unique=False)
        batch_op.create_foreign_key('fk_disposition_document_id_policy_document',
                                    'policy_document', ['document_id'], ['id'],
                                    ondelete='CASCADE')


def downgrade():
    bind = op.get_bind()
    rows = bind.execute(sa.select(disposition.c.id, disposition.c.comment_id,
                                  disposition.c.decided_at)).all()
    newest: dict[int, tuple] = {}
    for row_id, comment_id, decided_at in rows:
        key = (decided_at is not None, _aware(decided_at), row_id)
        if comment_id not in newest or key > newest[comment_id][0]:
            newest[comment_id] = (key, row_id)
    keep = {row_id for _key, row_id in newest.values()}
    drop = [row_id for row_id, _comment, _at in rows if row_id not in keep]
    for start in range(0, len(drop), 500):
        bind.execute(disposition.delete().where(disposition.c.id.in_(drop[start:start + 500])))
    with op.batch_alter_table('disposition', schema=None) as batch_op:
        batch_op.drop_constraint('fk_disposition_document_id_policy_document',
                                 type_='foreignkey')
        batch_op.drop_index('ix_disposition_comment_id')
        batch_op.drop_constraint('uq_disposition_document_id_comment_id', type_='unique')
        batch_op.create_unique_constraint('uq_disposition_comment_id', ['comment_id'])
        batch_op.drop_column('document_id')


def _attribute_rows(bind) -> None:
    """Give every existing row its document (copies where several documents qualify)."""
    block_documents = dict(bind.execute(sa.select(block.c.id, block.c.document_id)).all())
    consultation_of = dict(bind.execute(
        sa.select(comment.c.id, round_.c.consultation_id)
        .select_from(comment.join(response, response.c.id == comment.c.response_id)
                     .join(round_, round_.c.id == response.c.round_id))).all())
    created = dict(bind.execute(sa.select(policy_document.c.id,
                                          policy_document.c.created_at)).all())
    documents_of: dict[int, list[int]] = {}
    for document_id, consultation_id in bind.execute(
            sa.select(document_consultation.c.document_id,
                      document_consultation.c.consultation_id)
            .order_by(document_consultation.c.document_id)).all():
        documents_of.setdefault(consultation_id, []).append(document_id)
    rows = bind.execute(sa.select(*(disposition.c[name] for name in COLUMNS))
                        .order_by(disposition.c.id)).mappings().all()
    for row in rows:
        owners = _owners(row, block_documents, documents_of.get(
            consultation_of.get(row['comment_id']), []), created)
        if not owners:
            _to_audit_log(bind, row)
            bind.execute(disposition.delete().where(disposition.c.id == row['id']))
            continue
        bind.execute(disposition.update().where(disposition.c.id == row['id'])
                     .values(document_id=owners[0]))
        for document_id in owners[1:]:
            copy = {name: row[name] for name in COLUMNS if name != 'id'}
            bind.execute(disposition.insert().values(document_id=document_id, **copy))


def _owners(row, block_documents: dict, candidates: list[int], created: dict) -> list[int]:
    if row['block_id'] is not None and row['block_id'] in block_documents:
        return [block_documents[row['block_id']]]
    decided_at = _aware(row['decided_at'])
    if decided_at is not None:
        earlier = [d for d in candidates
                   if created.get(d) is None or _aware(created[d]) <= decided_at]
        if earlier:
            return earlier
    return candidates


def _to_audit_log(bind, row) -> None:
    details = {name: row[name] for name in COLUMNS if name not in ('id', 'comment_id')}
    if details['decided_at'] is not None:
        details['decided_at'] = _aware(details['decided_at']).isoformat()
    bind.execute(audit_event.insert().values(
        actor_id=None, verb='disposition.unattributed', object_type='comment',
        object_id=row['comment_id'], details=details, created_at=datetime.now(UTC)))


def _aware(value):
    """SQLite gives naive datetimes (stored in UTC); PostgreSQL gives aware ones."""
    if value is None or isinstance(value, datetime) and value.tzinfo is not None:
        return value
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value
