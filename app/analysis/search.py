"""Full-text search over comments and free-text answers, stemmed by each item's language.

Every comment and answer records its language (app/core/languages.py), and its words are
stemmed by that language's rules, so a query finds the other forms of its words.
PostgreSQL: GIN indexes on to_tsvector(<the item's language's configuration>, …)
expressions; a query is matched, language by language, against the items of that language
with the query stemmed the same way. SQLite: FTS5 tables of the stems (Snowball, in Python:
the `search_stems` function every SQLite connection of the app has), kept in step by
triggers, asked once per language with the query's stems.
Both are made by the migration and, for tests, when the tables are created; they are not
part of the model metadata, so migration checks leave them out by name. A migration that
rebuilds the comment or answer table on SQLite (batch mode) drops the triggers with it and
must call create_search_objects() again; it is idempotent, and makes the unstemmed objects
of the schema before migration 0018 while the tables have no language column.
"""

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape
from sqlalchemy import Engine, and_, event, func, inspect, literal_column, or_, select, text
from sqlalchemy import union as union_of

from ..core.languages import CONTENT_LANGUAGES, SEARCH_CONFIGS, stem, stemmed_text
from ..responses.models import Answer, Comment
from .rows import plain_rows

COMMENT_DOCUMENT = "body || ' ' || proposed_change"
ANSWER_DOCUMENT = "coalesce(text_value, '')"
STEMS_FUNCTION = "search_stems"  # search_stems(language, text): the text's stems (SQLite)


def _configuration(column: str = "language") -> str:
    """SQL naming the text-search configuration of an item's language (PostgreSQL)."""
    whens = " ".join(f"WHEN '{code}' THEN '{SEARCH_CONFIGS[code]}'::regconfig"
                     for code in CONTENT_LANGUAGES if SEARCH_CONFIGS[code] != "simple")
    return f"CASE {column} {whens} ELSE 'simple'::regconfig END"


def _vector(document: str) -> str:
    """The indexed expression: the same text in the index and in every query."""
    return f"to_tsvector({_configuration()}, {document})"


POSTGRESQL = [
    f"CREATE INDEX IF NOT EXISTS ix_comment_search ON comment "
    f"USING gin ({_vector(COMMENT_DOCUMENT)})",
    f"CREATE INDEX IF NOT EXISTS ix_answer_search ON answer "
    f"USING gin ({_vector(ANSWER_DOCUMENT)})",
]
POSTGRESQL_DROP = ["DROP INDEX IF EXISTS ix_comment_search",
                   "DROP INDEX IF EXISTS ix_answer_search"]
# before migration 0018: no language column, every text read as 'simple'
UNSTEMMED_POSTGRESQL = [
    f"CREATE INDEX IF NOT EXISTS ix_comment_search ON comment "
    f"USING gin (to_tsvector('simple', {COMMENT_DOCUMENT}))",
    f"CREATE INDEX IF NOT EXISTS ix_answer_search ON answer "
    f"USING gin (to_tsvector('simple', {ANSWER_DOCUMENT}))",
]


def _new(document: str) -> str:
    return document.replace("body", "new.body").replace(
        "proposed_change", "new.proposed_change").replace("text_value", "new.text_value")


def _sqlite(table: str, document: str) -> list[str]:
    stems = f"{STEMS_FUNCTION}(language, {document})"
    new_stems = f"{STEMS_FUNCTION}(new.language, {_new(document)})"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_fts USING fts5(document, "
        f"language UNINDEXED)",
        f"INSERT INTO {table}_fts (rowid, document, language) SELECT id, {stems}, language "
        f"FROM {table} WHERE id NOT IN (SELECT rowid FROM {table}_fts)",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {table}_fts (rowid, document, language) "
        f"VALUES (new.id, {new_stems}, new.language); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_update AFTER UPDATE ON {table} BEGIN "
        f"DELETE FROM {table}_fts WHERE rowid = old.id; "
        f"INSERT INTO {table}_fts (rowid, document, language) "
        f"VALUES (new.id, {new_stems}, new.language); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_delete AFTER DELETE ON {table} BEGIN "
        f"DELETE FROM {table}_fts WHERE rowid = old.id; END",
    ]


def _unstemmed_sqlite(table: str, document: str) -> list[str]:
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {table}_fts USING fts5(document)",
        f"INSERT INTO {table}_fts (rowid, document) SELECT id, {document} FROM {table} "
        f"WHERE id NOT IN (SELECT rowid FROM {table}_fts)",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {table}_fts (rowid, document) VALUES (new.id, {_new(document)}); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_update AFTER UPDATE ON {table} BEGIN "
        f"DELETE FROM {table}_fts WHERE rowid = old.id; "
        f"INSERT INTO {table}_fts (rowid, document) VALUES (new.id, {_new(document)}); END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_fts_delete AFTER DELETE ON {table} BEGIN "
        f"DELETE FROM {table}_fts WHERE rowid = old.id; END",
    ]


SQLITE = _sqlite("comment", COMMENT_DOCUMENT) + _sqlite("answer", ANSWER_DOCUMENT)
UNSTEMMED_SQLITE = (_unstemmed_sqlite("comment", COMMENT_DOCUMENT)
                    + _unstemmed_sqlite("answer", ANSWER_DOCUMENT))
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {t}_fts_{e}" for t in ("comment", "answer")
               for e in ("insert", "update", "delete")] + [
    "DROP TABLE IF EXISTS comment_fts", "DROP TABLE IF EXISTS answer_fts"]

# Objects in the database that the models do not describe (see include_object).
SEARCH_OBJECT_PREFIXES = ("ix_comment_search", "ix_answer_search", "comment_fts", "answer_fts")


@event.listens_for(Engine, "connect")
def _add_stemming_function(dbapi_connection, connection_record) -> None:
    """Give every SQLite connection the function its search triggers call."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function(STEMS_FUNCTION, 2, _stems, deterministic=True)


def _stems(language, document) -> str:
    return stemmed_text(language if isinstance(language, str) else None,
                        document if isinstance(document, str) else None)


def _has_languages(connection) -> bool:
    """Whether the tables have their language column (migration 0018 and later)."""
    return all(any(column["name"] == "language" for column in inspect(connection).get_columns(t))
               for t in ("comment", "answer"))


def create_search_objects(connection) -> None:
    """Create the search indexes or tables for the connection's database and schema."""
    if connection.dialect.name not in ("postgresql", "sqlite"):
        return
    stemmed = _has_languages(connection)
    if connection.dialect.name == "postgresql":
        statements = POSTGRESQL if stemmed else UNSTEMMED_POSTGRESQL
    else:
        statements = SQLITE if stemmed else UNSTEMMED_SQLITE
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
    """PostgreSQL's query text; to_tsquery() stems it with the configuration it is given."""
    def term(t: Term) -> str:
        words = [w.lower() for w in t.words]
        if t.prefix:
            words[-1] += ":*"
        text_ = " <-> ".join(words)
        return f"!({text_})" if t.negated else f"({text_})"

    return " | ".join("(" + " & ".join(term(t) for t in group) + ")" for group in groups)


def _fts5(groups: list[list[Term]], language: str) -> str:
    """FTS5's query, its words stemmed as the language's texts are in the FTS5 tables."""
    def term(t: Term) -> str:
        stems = (stem(language, word) for word in t.words)
        return '"' + " ".join(stems) + '"' + ("*" if t.prefix else "")

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


@lru_cache(maxsize=64)
def _query_stems(query: str, language: str) -> frozenset[str]:
    """The stems, by the language's rules, of the words searched for (not of prefixes)."""
    return frozenset(stem(language, word) for group in parse_query(query) for t in group
                     if not t.negated for i, word in enumerate(t.words)
                     if not (t.prefix and i == len(t.words) - 1))


def highlight(html: str, query: str, language: str | None = None) -> Markup:
    """Safe HTML (as the Markdown filter makes it) with the searched words in <mark>.

    With the text's language, other forms of the searched words are marked too (the forms
    the search found). Only text between tags and entities is looked at, and only <mark>
    and </mark> are added around letters and digits, so nothing in the text can become
    markup.
    """
    pattern = highlight_pattern(query or "")
    html = Markup(html) if isinstance(html, Markup) else escape(html)
    if pattern is None:
        return html
    stems = _query_stems(query, language) if language in CONTENT_LANGUAGES else frozenset()

    def mark(found: re.Match) -> str:
        word = found.group(0)
        if pattern.fullmatch(word) or (stems and stem(language, word) in stems):
            return f"<mark>{word}</mark>"
        return word

    parts = _TAG_OR_ENTITY.split(str(html))
    for index in range(0, len(parts), 2):  # even parts are text, odd ones tags or entities
        if stems:
            parts[index] = _WORD.sub(mark, parts[index])
        else:
            parts[index] = pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", parts[index])
    return Markup("".join(parts))


def matching_ids(query: str, dialect: str) -> tuple[list[int], list[int]] | None:
    """Ids of the comments and answers whose text matches `query` (see parse_query).

    Each item is matched with the query stemmed by its own language's rules. None when the
    query has nothing to find. PostgreSQL matches with the same expressions as the GIN
    indexes, so the indexes are used; SQLite asks its FTS5 tables.
    """
    groups = parse_query(query)
    if not groups:
        return None
    if dialect == "postgresql":
        comments = _postgresql(Comment, COMMENT_DOCUMENT, _tsquery(groups))
        answers = _postgresql(Answer, ANSWER_DOCUMENT, _tsquery(groups))
    else:
        comments, answers = _sqlite_query("comment", groups), _sqlite_query("answer", groups)
    return ([row[0] for row in plain_rows(comments)],
            [row[0] for row in plain_rows(answers)])


def _by_configuration() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for code in CONTENT_LANGUAGES:
        found.setdefault(SEARCH_CONFIGS[code], []).append(code)
    return found


def _postgresql(model, document: str, ts_query: str):
    """Items of each language whose vector matches the query stemmed for that language."""
    vector = literal_column(_vector(document))
    matches = [and_(model.language.in_(codes), vector.op("@@")(
        func.to_tsquery(literal_column(f"'{configuration}'"), ts_query)))
        for configuration, codes in _by_configuration().items()]
    return select(model.id).where(or_(*matches))


def _sqlite_query(table: str, groups: list[list[Term]]):
    """One FTS5 match per distinct stemmed query, each over the items of its languages."""
    by_query: dict[str, list[str]] = {}
    for code in CONTENT_LANGUAGES:
        by_query.setdefault(_fts5(groups, code), []).append(code)
    selects = []
    for number, (fts_query, codes) in enumerate(by_query.items()):
        name = f"fts_{table}_{number}"
        selects.append(
            select(literal_column("rowid")).select_from(text(f"{table}_fts"))
            .where(text(f"{table}_fts MATCH :{name}").bindparams(**{name: fts_query}),
                   literal_column("language").in_(codes)))
    return selects[0] if len(selects) == 1 else union_of(*selects)
