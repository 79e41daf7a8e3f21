"""Full-text search over comments and free-text answers.

PostgreSQL: GIN indexes on to_tsvector('simple', …) expressions. SQLite: FTS5 tables kept in
step by triggers. Both are made by the migration and, for tests, when the tables are created;
they are not part of the model metadata, so migration checks leave them out by name.
A migration that rebuilds the comment or answer table on SQLite (batch mode) drops the
triggers with it and must call create_search_objects() again; it is idempotent.
"""

import re

from sqlalchemy import event, func, literal_column, select, text

from ..responses.models import Answer, Comment
from .rows import plain_rows

COMMENT_DOCUMENT = "body || ' ' || proposed_change"
ANSWER_DOCUMENT = "coalesce(text_value, '')"

POSTGRESQL = [
    f"CREATE INDEX IF NOT EXISTS ix_comment_search ON comment "
    f"USING gin (to_tsvector('simple', {COMMENT_DOCUMENT}))",
    f"CREATE INDEX IF NOT EXISTS ix_answer_search ON answer "
    f"USING gin (to_tsvector('simple', {ANSWER_DOCUMENT}))",
]
POSTGRESQL_DROP = ["DROP INDEX IF EXISTS ix_comment_search",
                   "DROP INDEX IF EXISTS ix_answer_search"]


def _sqlite(table: str, document: str) -> list[str]:
    new_document = document.replace("body", "new.body").replace(
        "proposed_change", "new.proposed_change").replace("text_value", "new.text_value")
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_fts USING fts5(document)",
        f"INSERT INTO {table}_fts (rowid, document) SELECT id, {document} FROM {table} "
        f"WHERE id NOT IN (SELECT rowid FROM {table}_fts)",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {table}_fts (rowid, document) VALUES (new.id, {new_document}); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_update AFTER UPDATE ON {table} BEGIN "
        f"DELETE FROM {table}_fts WHERE rowid = old.id; "
        f"INSERT INTO {table}_fts (rowid, document) VALUES (new.id, {new_document}); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_delete AFTER DELETE ON {table} BEGIN "
        f"DELETE FROM {table}_fts WHERE rowid = old.id; END",
    ]


SQLITE = _sqlite("comment", COMMENT_DOCUMENT) + _sqlite("answer", ANSWER_DOCUMENT)
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {t}_fts_{e}" for t in ("comment", "answer")
               for e in ("insert", "update", "delete")] + [
    "DROP TABLE IF EXISTS comment_fts", "DROP TABLE IF EXISTS answer_fts"]

# Objects in the database that the models do not describe (see include_object).
SEARCH_OBJECT_PREFIXES = ("ix_comment_search", "ix_answer_search", "comment_fts", "answer_fts")


def create_search_objects(connection) -> None:
    """Create the search indexes or tables for the connection's database."""
    statements = POSTGRESQL if connection.dialect.name == "postgresql" else SQLITE
    if connection.dialect.name not in ("postgresql", "sqlite"):
        return
    for statement in statements:
        connection.execute(text(statement))


def drop_search_objects(connection) -> None:
    """Remove what create_search_objects() made."""
    statements = POSTGRESQL_DROP if connection.dialect.name == "postgresql" else SQLITE_DROP
    for statement in statements:
        connection.execute(text(statement))


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """For migration checks: leave out the search objects, which models do not describe."""
    return not (reflected and compare_to is None and name
                and name.startswith(SEARCH_OBJECT_PREFIXES))


@event.listens_for(Answer.metadata, "after_create")
def _after_create(target, connection, tables=None, **kw) -> None:
    names = {t.name for t in tables} if tables is not None else {"comment", "answer"}
    if {"comment", "answer"} <= names:
        create_search_objects(connection)


@event.listens_for(Comment.metadata, "before_drop")
def _before_drop(target, connection, **kw) -> None:
    drop_search_objects(connection)


_WORD = re.compile(r"\w+", re.UNICODE)


def matching_ids(query: str, dialect: str) -> tuple[list[int], list[int]] | None:
    """Ids of the comments and answers whose text has every word of `query`.

    None when the query has no words. PostgreSQL matches with the same expressions as the GIN
    indexes, so the indexes are used; SQLite asks its FTS5 tables.
    """
    words = _WORD.findall(query)
    if not words:
        return None
    if dialect == "postgresql":
        ts_query = func.plainto_tsquery(literal_column("'simple'"), " ".join(words))

        def matches(model, document):
            vector = func.to_tsvector(literal_column("'simple'"), literal_column(document))
            return select(model.id).where(vector.op("@@")(ts_query))

        comments, answers = matches(Comment, COMMENT_DOCUMENT), matches(Answer, ANSWER_DOCUMENT)
    else:
        fts_query = " ".join('"' + w.replace('"', "") + '"' for w in words)
        comments = select(literal_column("rowid")).select_from(text("comment_fts")).where(
            text("comment_fts MATCH :fts_query").bindparams(fts_query=fts_query))
        answers = select(literal_column("rowid")).select_from(text("answer_fts")).where(
            text("answer_fts MATCH :fts_answers").bindparams(fts_answers=fts_query))
    return ([row[0] for row in plain_rows(comments)],
            [row[0] for row in plain_rows(answers)])
