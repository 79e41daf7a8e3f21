"""Knowing when the collated data changed, so the explorer's index can be reused until then.

Any session that writes to a table the explorer reads replaces a change token in the same
transaction, just before it commits: `items` for questions, rounds and anything written in
bulk; `responses` for comments, answers and responses written one by one, with the ids of
their responses logged in `collated_change`, so an index re-reads only those; `codes` for
the codebook and applied codes; `dispositions` for decisions on comments. Coding or
deciding therefore leaves the rest of an index valid, and saving a draft that was never
submitted changes no token at all.
A token is random, so a value never comes back after a rollback with different data; the
write is the last statement of the transaction, so the row lock is held for one round trip
and is never taken before other locks.
Both ORM flushes and bulk statements run through the session are seen.
"""

import secrets
from itertools import chain

from sqlalchemy import event, insert, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from ..consultations.models import Consultation, Question, Round, question_term
from ..drafts.models import Disposition
from ..responses.models import Answer, Comment, Response, comment_term
from .models import ChangeToken, Code, CollatedChange, answer_code, comment_code

# The models and tables the explorer's index reads, by the token their changes replace
# (tests/analysis/test_explorer_index.py checks that the index reads no other).
FEEDS = {
    "items": (Comment, Answer, Response, comment_term, question_term, Question, Round,
              Consultation),
    "codes": (Code, comment_code, answer_code),
    "dispositions": (Disposition,),
}
TOKENS = (*FEEDS, "responses")  # "responses": only some responses changed (see _before_commit)
TRACKED = {getattr(source, "__table__", source).name: token
           for token, sources in FEEDS.items() for source in sources}
_CHANGED = "collated_data_changed"
_RESPONSES = "collated_responses_changed"


def current(session) -> dict[str, str] | None:
    """The current tokens, or None when this session has uncommitted changes of its own."""
    tokens = dict(session.execute(select(ChangeToken.name, ChangeToken.token)
                                  .where(ChangeToken.name.in_(TOKENS))).all())
    return None if session.info.get(_CHANGED) or session.info.get(_RESPONSES) else tokens


def replace(session, name: str) -> None:
    """Give a token a new value in the session's transaction."""
    value = secrets.token_hex(16)
    updated = session.execute(update(ChangeToken).where(ChangeToken.name == name)
                              .values(token=value).execution_options(synchronize_session=False))
    if updated.rowcount == 0:
        session.execute(insert(ChangeToken).values(name=name, token=value))


def _mark(session, table: str | None) -> None:
    if table in TRACKED:
        session.info.setdefault(_CHANGED, set()).add(TRACKED[table])


def _table_of(thing) -> str | None:
    return getattr(getattr(thing, "__table__", None), "name", None)


@event.listens_for(Session, "after_flush")
def _after_flush(session, _context) -> None:
    for obj in chain(session.new, session.dirty, session.deleted):
        if _within_a_draft(session, obj):
            continue
        response_id = (obj.id if isinstance(obj, Response)
                       else obj.response_id if isinstance(obj, Answer | Comment) else None)
        if response_id is not None:  # an index can re-read just this response's items
            session.info.setdefault(_RESPONSES, set()).add(response_id)
        else:
            _mark(session, _table_of(type(obj)))  # a changed tag list makes its owner dirty


def _within_a_draft(session, obj) -> bool:
    """Whether `obj` is, or belongs to, a response never submitted and not being submitted.

    The explorer shows submitted responses only, so saving drafts (autosave, every few
    seconds while people write) leaves its index valid. When in doubt (the response is not
    in the session), the change counts.
    """
    if isinstance(obj, Response):
        response = obj
    elif isinstance(obj, Answer | Comment) and obj.response_id is not None:
        response = session.identity_map.get(identity_key(Response, obj.response_id))
    else:
        return False
    if response is None or response.submitted_at is not None:
        return False
    return not inspect(response).attrs.submitted_at.history.has_changes()


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        _mark(state.session, getattr(state.statement.table, "name", None))


@event.listens_for(Session, "before_commit")
def _before_commit(session) -> None:
    session.flush()  # what commit would flush next, so its changes are seen here
    changed = session.info.pop(_CHANGED, set())
    responses = session.info.pop(_RESPONSES, set())
    if responses and "items" not in changed:  # else every index is rebuilt anyway
        changed.add("responses")
    for name in sorted(changed):
        replace(session, name)
    if "responses" in changed:  # after the token's row lock: ids in commit order
        session.execute(insert(CollatedChange), [{"response_id": i} for i in sorted(responses)])


@event.listens_for(ChangeToken.__table__, "after_create")
def _first_token(target, connection, **_kw) -> None:
    connection.execute(insert(target), [{"name": name, "token": secrets.token_hex(16)}
                                        for name in TOKENS])


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session, transaction) -> None:
    if transaction.parent is None:  # committed (token replaced) or rolled back: nothing pending
        session.info.pop(_CHANGED, None)
        session.info.pop(_RESPONSES, None)
