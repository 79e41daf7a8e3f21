"""Migrations: upgrade an empty database to head, match the models exactly, load the demo,
downgrade to base."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app import create_app
from app.analysis.search import SEARCH_OBJECT_PREFIXES, include_object
from app.extensions import db
from tests.databases import drop_scratch_database, scratch_database


@pytest.fixture
def empty_database_app(tmp_path):
    url = scratch_database("migrations", tmp_path)
    application = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()
    drop_scratch_database(url)


def _tables() -> set[str]:
    names = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not name.startswith(SEARCH_OBJECT_PREFIXES)}


def _search_objects() -> set[str]:
    found = set(inspect(db.engine).get_table_names())
    for table in ("comment", "answer"):
        if table in found:
            found |= {index["name"] for index in inspect(db.engine).get_indexes(table)}
    return {name for name in found if name.startswith(SEARCH_OBJECT_PREFIXES)}


def test_upgrade_matches_models_and_downgrade_removes_everything(empty_database_app):
    with empty_database_app.app_context():
        upgrade()
        assert _tables() == set(db.metadata.tables)
        expected = ({"ix_comment_search", "ix_answer_search"}
                    if db.engine.dialect.name == "postgresql" else {"comment_fts", "answer_fts"})
        assert expected <= _search_objects()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "include_object": include_object})
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        # with data in every table, as `make run` leaves it (SQLite refused with "database
        # table is locked" once the demo had been loaded)
        result = empty_database_app.test_cli_runner().invoke(args=["demo"])
        assert result.exit_code == 0, result.output
        db.session.remove()
        downgrade(revision="base")
        assert _tables() == set() and _search_objects() == set()
        upgrade()  # and up again, as a deployment that rolled back would
        assert _tables() == set(db.metadata.tables)
