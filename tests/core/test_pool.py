"""Connection pool sizes for PostgreSQL come from the configuration."""

import pytest

from app import create_app
from app.extensions import db


def test_postgresql_pools_take_the_configured_sizes():
    app = create_app({"TESTING": True,
                      "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
                      "DB_POOL_SIZE": 2, "DB_MAX_OVERFLOW": 3, "DB_POOL_RECYCLE": 600})
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"] == {
        "pool_pre_ping": True, "pool_size": 2, "max_overflow": 3, "pool_recycle": 600}
    with app.app_context():
        pool = db.engine.pool  # made without connecting
        assert (pool.size(), pool._max_overflow, pool._recycle) == (2, 3, 600)


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///instance/x.sqlite"])
def test_sqlite_pools_are_left_alone(url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    assert "pool_size" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]
