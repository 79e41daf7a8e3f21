"""Migrations: upgrade an empty database to head, match the models exactly, load the demo,
downgrade to base."""

import json
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app import create_app
from app.analysis.search import SEARCH_OBJECT_PREFIXES, include_object
from app.drafts.models import PolicyDocument
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


def _row(table: str, **values) -> None:
    columns = [sa.column(name, sa.JSON if isinstance(value, dict | list) else None)
               for name, value in values.items()]
    with db.engine.begin() as connection:
        connection.execute(sa.table(table, *columns).insert().values(**values))


def _rounds_at_0008() -> None:
    """A consultation with a round, a question and a deadline change, in the 0008 schema."""
    when = datetime(2026, 1, 1, tzinfo=UTC)
    _row("consultation", id=1, title="C", summary="", working_group="", consensus_rule={},
         created_at=when, version=1)
    _row("round", id=1, consultation_id=1, position=1, title="R", introduction="",
         opens_at=when, closes_at=when, timezone="UTC", response_mode="person",
         anonymity="attributed", created_at=when, version=1)
    _row("question", id=1, round_id=1, position=1, kind="text", prompt="Q", help_text="",
         is_required=False, scale_labels=[], options=[], version=1)
    _row("round_change", id=1, round_id=1, kind="extended", previous_closes_at=when,
         new_closes_at=when, reason="", created_at=when)


def _count(table: str) -> int:
    with db.engine.connect() as connection:
        return connection.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def _refused(statement: str) -> bool:
    try:
        with db.engine.begin() as connection:
            connection.execute(sa.text(statement))
    except sa.exc.IntegrityError:
        return True
    return False


def test_check_constraints_refuse_unknown_values_and_keep_existing_rows(empty_database_app):
    with empty_database_app.app_context():
        upgrade(revision="0008")
        _rounds_at_0008()
        upgrade()
        # rebuilding a table on SQLite cascades nothing to the rows that refer to it
        assert [_count(t) for t in ("round", "question", "round_change")] == [1, 1, 1]
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert _refused("UPDATE question SET kind = 'essay'")
        assert _refused("UPDATE round SET anonymity = 'secret'")
        assert _refused("UPDATE round_change SET kind = 'postponed'")
        assert not _refused("UPDATE question SET kind = 'scale'")
        downgrade(revision="0008")
        assert not _refused("UPDATE question SET kind = 'essay'")
        assert [_count(t) for t in ("round", "question", "round_change")] == [1, 1, 1]


@pytest.mark.parametrize("status, refused", [("archived", True), ("final", False)])
def test_the_models_check_constraints_refuse_unknown_values(db, status, refused):
    db.session.add(PolicyDocument(title="Checked", status=status))
    if refused:
        with pytest.raises(sa.exc.IntegrityError, match="ck_policy_document_status|CHECK"):
            db.session.flush()
    else:
        db.session.flush()


def test_content_translations_default_existing_rows_to_english_and_go_down(empty_database_app):
    with empty_database_app.app_context():
        upgrade(revision="0016")
        _rounds_at_0008()  # the same rows in the 0016 schema
        upgrade(revision="0017")
        with db.engine.connect() as connection:
            row = connection.execute(sa.text(
                "SELECT original_language, offered_languages, translations FROM consultation"
            )).one()
            assert (row[0], *map(_json, row[1:])) == ("en", [], {})
            for table in ("round", "question"):
                translations = connection.execute(sa.text(
                    f"SELECT translations FROM {table}")).scalar_one()
                assert _json(translations) == {}
        assert [_count(t) for t in ("round", "question", "round_change")] == [1, 1, 1]
        downgrade(revision="0016")
        columns = {table: {c["name"] for c in inspect(db.engine).get_columns(table)}
                   for table in ("consultation", "round", "question")}
        assert not {"original_language", "offered_languages", "translations"} & set().union(
            *columns.values())
        assert [_count(t) for t in ("round", "question", "round_change")] == [1, 1, 1]


def _json(value):
    """A JSON column's value as read without the model (SQLite gives text)."""
    return json.loads(value) if isinstance(value, str) else value


def _comments_at_0016() -> None:
    """A comment and a free-text answer in the 0016 schema (no language yet)."""
    _rounds_at_0008()
    when = datetime(2026, 1, 1, tzinfo=UTC)
    _row("response", id=1, round_id=1, owner_key="u:1", created_at=when, updated_at=when,
         version=1)
    _row("comment", id=1, response_id=1, question_id=1, quote="", comment_type="general",
         body="Digital credentials", proposed_change="", created_at=when, updated_at=when)
    _row("answer", id=1, response_id=1, question_id=1, value=["Le credenziale"],
         text_value="Le credenziale", updated_at=when)


def _unstemmed_match(word: str) -> list[int]:
    """Comments found by the search objects of the schema before 0018."""
    if db.engine.dialect.name == "postgresql":
        query = ("SELECT id FROM comment WHERE to_tsvector('simple', body || ' ' || "
                 "proposed_change) @@ to_tsquery('simple', :word)")
    else:
        query = "SELECT rowid FROM comment_fts WHERE comment_fts MATCH :word"
    with db.engine.connect() as connection:
        return list(connection.execute(sa.text(query), {"word": word}).scalars())


def _found(query: str) -> tuple[list[int], list[int]]:
    """Comments and answers the application's search finds (its transaction ended)."""
    from app.analysis.search import matching_ids

    try:
        return matching_ids(query, db.engine.dialect.name)
    finally:
        db.session.remove()


def test_languages_migration_up_and_down_keeps_texts_searchable(empty_database_app):
    with empty_database_app.app_context():
        upgrade(revision="0016")
        _comments_at_0016()
        assert _unstemmed_match("credentials") == [1]
        upgrade(revision="0018")
        with db.engine.connect() as connection:
            languages = [connection.execute(sa.text(f"SELECT language FROM {t}")).scalar_one()
                         for t in ("comment", "answer")]
        assert languages == ["en", "en"]  # what was written before is taken as English
        assert _found("credential") == ([1], [])  # stemmed now
        assert _refused("UPDATE comment SET language = 'xx'")
        assert _refused("UPDATE answer SET language = 'Klingon'")
        assert _found("credenziali") == ([], [])
        with db.engine.begin() as connection:  # the triggers (SQLite) follow a change
            connection.execute(sa.text("UPDATE answer SET language = 'it'"))
        assert _found("credenziali") == ([], [1])
        downgrade(revision="0016")
        assert {"ix_comment_search", "ix_answer_search"} <= _search_objects() or {
            "comment_fts", "answer_fts"} <= _search_objects()
        assert _unstemmed_match("credentials") == [1]  # unstemmed again
        assert _unstemmed_match("credential") == []
        assert [_count(t) for t in ("comment", "answer")] == [1, 1]
        upgrade()
        assert _found("credenziali") == ([], [])  # English again


def test_editions_migration_links_documents_to_versions_and_goes_down(empty_database_app):
    with empty_database_app.app_context():
        upgrade(revision="0018")
        when = datetime(2026, 1, 1, tzinfo=UTC)
        for id_, language in ((1, "en"), (2, "bg")):
            _row("policy_document", id=id_, title=f"D{id_}", subtitle="", language=language,
                 status="drafting", authors="", licence="", created_at=when, version=1)
        _row("document_version", id=1, document_id=1, number="0.2", label="", change_note="",
             created_at=when)
        upgrade(revision="0019")
        with db.engine.connect() as connection:
            assert list(connection.execute(sa.text(
                "SELECT edition_of_version_id FROM policy_document ORDER BY id")).scalars()) \
                == [None, None]  # nothing was an edition before
        with db.engine.begin() as connection:
            connection.execute(sa.text(
                "UPDATE policy_document SET edition_of_version_id = 1 WHERE id = 2"))
        assert _refused("UPDATE policy_document SET edition_of_version_id = 99 WHERE id = 1") \
            or db.engine.dialect.name == "sqlite"  # SQLite checks foreign keys when asked
        foreign_keys = inspect(db.engine).get_foreign_keys("policy_document")
        assert {"edition_of_version_id"} in [set(k["constrained_columns"]) for k in foreign_keys]
        downgrade(revision="0018")
        columns = {c["name"] for c in inspect(db.engine).get_columns("policy_document")}
        assert "edition_of_version_id" not in columns
        assert [_count(t) for t in ("policy_document", "document_version")] == [2, 1]
        upgrade(revision="0019")
        assert "edition_of_version_id" in {
            c["name"] for c in inspect(db.engine).get_columns("policy_document")}
