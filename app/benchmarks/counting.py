"""Count the SQL statements a piece of code runs (for N+1 checks and benchmarks)."""

from contextlib import contextmanager

from sqlalchemy import event

from ..extensions import db


@contextmanager
def count_statements():
    """Yield a list that receives every SQL statement executed inside the block."""
    statements: list[str] = []

    def listener(conn, cursor, statement, parameters, context, executemany) -> None:
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)
