"""Full-text search over comments and free-text answers.

PostgreSQL: GIN indexes on to_tsvector('simple', …) expressions. SQLite: FTS5 tables kept in
step by triggers. Both are made by the migration and, for tests, when the tables are created;
they are not part of the model metadata, so migration checks leave them out by name.
A migration that rebuilds the comment or answer table on SQLite (batch mode) drops the
triggers with it and must call create_search_objects() again; it is idempotent.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape
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
# a quoted phrase, or a run of anything but spaces and quotes
_TOKEN = re.compile(r'(-?)"([^"]*)"?(\*?)|(\S+)')


@dataclass(frozen=True)
class Term:
    """Words to find next to each other (one word, or a quoted phrase)."""

    words: tuple[str, ...]
    prefix: bool = False  # the last word may go on ("credent*" finds "credentials")
    negated: bool = False  # "-word": items that do not have it


def parse_query(query: str) -> list[list[Term]]:
    """A search as alternatives (split by OR) of terms that must all match.

    The syntax of web search boxes: words, "quoted phrases", OR between alternatives,
    -word to leave out, word* for words that start so. Only letters and digits reach the
    database, so the query language of neither database can be injected.
    """
    groups: list[list[Term]] = [[]]
    for match in _TOKEN.finditer(query):
        minus, phrase, star, bare = match.groups()
        if bare is not None:
            if bare.upper() == "OR":
                groups.append([])
                continue
            minus, star = ("-" if bare.startswith("-") else ""), ("*" if bare.endswith("*")
                                                                   else "")
            phrase = bare
        words = tuple(_WORD.findall(phrase))
        if words:
            groups[-1].append(Term(words, prefix=bool(star), negated=bool(minus)))
    # an alternative needs something to find: "-word" alone would match nearly everything
    return [group for group in groups if any(not t.negated for t in group)]


def _tsquery(groups: list[list[Term]]) -> str:
    def term(t: Term) -> str:
        words = [w.lower() for w in t.words]
        if t.prefix:
            words[-1] += ":*"
        text_ = " <-> ".join(words)
        return f"!({text_})" if t.negated else f"({text_})"

    return " | ".join("(" + " & ".join(term(t) for t in group) + ")" for group in groups)


def _fts5(groups: list[list[Term]]) -> str:
    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")

    alternatives = []
    for group in groups:
        wanted = " AND ".join(term(t) for t in group if not t.negated)
        unwanted = [term(t) for t in group if t.negated]
        alternatives.append("((" + wanted + ")" + "".join(f" NOT {u}" for u in unwanted) + ")")
    return " OR ".join(alternatives)


@lru_cache(maxsize=64)
def highlight_pattern(query: str) -> re.Pattern | None:
    """A pattern finding the searched words (and prefixes) in a text, for highlighting."""
    words = sorted({(w, t.prefix and i == len(t.words) - 1)
                    for group in parse_query(query) for t in group if not t.negated
                    for i, w in enumerate(t.words)}, key=lambda item: -len(item[0]))
    if not words:
        return None
    parts = [re.escape(w) + (r"\w*" if prefix else r"(?!\w)") for w, prefix in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE | re.UNICODE)


_TAG_OR_ENTITY = re.compile(r"(<[^>]*>|&#?\w+;)")


def highlight(html: str, query: str) -> Markup:
    """Safe HTML (as the Markdown filter makes it) with the searched words in <mark>.

    Only text between tags and entities is looked at, and only <mark> and </mark> are added
    around letters and digits, so nothing in the text can become markup.
    """
    pattern = highlight_pattern(query or "")
    html = Markup(html) if isinstance(html, Markup) else escape(html)
    if pattern is None:
        return html
    parts = _TAG_OR_ENTITY.split(str(html))
    for index in range(0, len(parts), 2):  # even parts are text, odd ones tags or entities
        parts[index] = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", parts[index])
    return Markup("".join(parts))


def matching_ids(query: str, dialect: str) -> tuple[list[int], list[int]] | None:
    """Ids of the comments and answers whose text matches `query` (see parse_query).

    None when the query has nothing to find. PostgreSQL matches with the same expressions as
    the GIN indexes, so the indexes are used; SQLite asks its FTS5 tables.
    """
    groups = parse_query(query)
    if not groups:
        return None
    if dialect == "postgresql":
        ts_query = func.to_tsquery(literal_column("'simple'"), _tsquery(groups))

        def matches(model, document):
            vector = func.to_tsvector(literal_column("'simple'"), literal_column(document))
            return select(model.id).where(vector.op("@@")(ts_query))

        comments, answers = matches(Comment, COMMENT_DOCUMENT), matches(Answer, ANSWER_DOCUMENT)
    else:
        fts_query = _fts5(groups)
        comments = select(literal_column("rowid")).select_from(text("comment_fts")).where(
            text("comment_fts MATCH :fts_query").bindparams(fts_query=fts_query))
        answers = select(literal_column("rowid")).select_from(text("answer_fts")).where(
            text("answer_fts MATCH :fts_answers").bindparams(fts_answers=fts_query))
    return ([row[0] for row in plain_rows(comments)],
            [row[0] for row in plain_rows(answers)])
