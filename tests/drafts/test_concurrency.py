"""Two real sessions editing the same block: the second save is refused, nothing is lost."""

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.core.types import utcnow
from app.drafts.models import Block, PolicyDocument
from app.extensions import db
from tests.databases import drop_scratch_database, scratch_database


@pytest.fixture
def two_sessions(app, tmp_path):
    url = scratch_database("concurrency", tmp_path)
    engine = create_engine(url)
    db.metadata.create_all(engine)
    with Session(engine) as setup:
        document = PolicyDocument(title="Shared")
        setup.add(document)
        setup.flush()
        setup.add(Block(document_id=document.id, kind="recommendation", title="R",
                        text="Base text.", updated_at=utcnow()))
        setup.commit()
    # Like two browser tabs: each read ends its request; the write comes in a later one.
    first = Session(engine, expire_on_commit=False)
    second = Session(engine, expire_on_commit=False)
    yield first, second
    first.close()
    second.close()
    db.metadata.drop_all(engine)
    engine.dispose()
    drop_scratch_database(url)


def test_second_writer_is_refused_by_the_version_counter(two_sessions):
    first, second = two_sessions
    mine = first.scalars(select(Block)).one()
    first.commit()
    theirs = second.scalars(select(Block)).one()
    assert mine.version == theirs.version == 1
    theirs.text = "Their text."
    second.commit()
    mine.text = "My text."
    with pytest.raises(StaleDataError):
        first.commit()
    first.rollback()
    saved = first.scalars(select(Block)).one()
    assert (saved.text, saved.version) == ("Their text.", 2)
