"""Which database the suite runs on, and scratch databases for migration and browser tests."""

import os
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def test_database_url() -> str | None:
    """The database of the run: TEST_DATABASE_URL, then DATABASE_URL; None means SQLite."""
    return os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL") or None


def is_postgresql() -> bool:
    """Whether this run uses PostgreSQL."""
    url = test_database_url()
    return bool(url) and make_url(url).get_backend_name() == "postgresql"


def scratch_database(purpose: str, tmp_dir: Path | None = None) -> str:
    """A new, empty database of the run's kind; returns its URL."""
    url = test_database_url()
    if not url or make_url(url).get_backend_name() == "sqlite":
        folder = tmp_dir or Path(tempfile.mkdtemp(prefix="consultations-"))
        return f"sqlite:///{folder / f'{purpose}-{uuid.uuid4().hex[:8]}.sqlite'}"
    base = make_url(url)
    name = f"{base.database}_{purpose}"
    _admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(base, f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def drop_scratch_database(url: str) -> None:
    """Remove a database made by scratch_database()."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database).unlink(missing_ok=True)
        return
    base = make_url(test_database_url())
    _admin(base, f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')


def _admin(base, statement: str) -> None:
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@contextmanager
def scratch_app(purpose: str, tmp_dir: Path, **config):
    """An application on its own scratch database, schema and vocabularies in place.

    For tests whose data other processes or threads must see (committed for real, not in
    a rolled-back transaction); the database is dropped afterwards.
    """
    from app import create_app
    from app.extensions import db
    from app.vocab import services as vocab

    url = scratch_database(purpose, tmp_dir)
    application = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url, **config})
    with application.app_context():
        db.create_all()
        vocab.load_vocabularies()
        db.session.commit()
    try:
        yield application
    finally:
        with application.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()
        drop_scratch_database(url)
