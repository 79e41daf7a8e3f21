"""What every outlet may show of a response, as its author chose to publish it.

The round's anonymity mode is the ceiling, the person's choice can only lower it: a
response without a choice (answered before choices were asked) follows the round's mode.
"""

from flask import g
from sqlalchemy import and_, or_, select, tuple_

from ..extensions import db
from .models import PublicationChoice

NOT_PUBLISHED = "not published at the author's request"


def choices_for(responses) -> dict[int, str | None]:
    """The publication choice of each response (by id), None where none was made."""
    responses = [r for r in responses if r is not None]
    if not responses:
        return {}
    keys = {(r.round_id, r.owner_key) for r in responses}
    rows = db.session.execute(select(PublicationChoice.round_id, PublicationChoice.owner_key,
                                     PublicationChoice.choice).where(
        _key_filter(keys))).all()
    found = {(round_id, key): choice for round_id, key, choice in rows}
    return {r.id: found.get((r.round_id, r.owner_key)) for r in responses}


def choice_of(response) -> str | None:
    """One response's choice, read once per request."""
    cache = g.setdefault("publication_choices", {})
    if response.id not in cache:
        cache.update(choices_for([response]))
    return cache[response.id]


def is_published(response) -> bool:
    """Whether the response's texts may appear in published outlets at all."""
    return choice_of(response) != "none"


def shows_organisation(response) -> bool:
    """Whether published outlets may name the response's organisation (and author)."""
    return choice_of(response) in (None, "named")


def _key_filter(keys):
    if db.engine.dialect.name == "postgresql":
        return tuple_(PublicationChoice.round_id, PublicationChoice.owner_key).in_(list(keys))
    return or_(*(and_(PublicationChoice.round_id == round_id, PublicationChoice.owner_key == key)
                 for round_id, key in keys))
