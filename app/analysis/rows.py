"""Rows of large id queries (index builds, full-text matches) read cheaply."""

from ..extensions import db


def plain_rows(query) -> list[tuple]:
    """The query's rows as plain tuples, taken from the driver's cursor.

    At 100,000 rows SQLAlchemy's row objects cost more than the query itself; the index
    build and full-text search read only integers, which need none of what they add.
    """
    result = db.session.connection().execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()
