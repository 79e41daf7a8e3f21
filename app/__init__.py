"""The consultation and policy drafting platform: application factory."""

import logging
import os
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from config import CONFIGS, DEV_SECRET_KEY

from .extensions import babel, csrf, db, limiter, login_manager, migrate

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config: str | type | dict | None = None) -> Flask:
    """Create the application: load config, init extensions, register blueprints."""
    app = Flask(__name__, instance_relative_config=True)
    _load_config(app, config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = (
            f"sqlite:///{Path(app.instance_path) / 'consultations.sqlite'}"
        )
    _pool_options(app)
    _check_production_secret(app)
    if app.config.get("PROXY_FIX_COUNT"):
        count = app.config["PROXY_FIX_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    logging.basicConfig(level=logging.INFO)

    _init_extensions(app)
    _register_blueprints(app)

    from .core import cli, errors, security, templating

    errors.register(app)
    security.register(app)
    templating.register(app)
    cli.register(app)
    return app


def _load_config(app: Flask, config: str | type | dict | None) -> None:
    if isinstance(config, dict):
        app.config.from_object(CONFIGS["testing" if config.get("TESTING") else "development"])
        app.config.update(config)
        return
    if config is None:
        config = os.environ.get("APP_CONFIG", "development")
    app.config.from_object(CONFIGS[config] if isinstance(config, str) else config)


def _pool_options(app: Flask) -> None:
    """Connection pool sizes for PostgreSQL (SQLite's pools take no size)."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    options.setdefault("pool_size", app.config["DB_POOL_SIZE"])
    options.setdefault("max_overflow", app.config["DB_MAX_OVERFLOW"])
    options.setdefault("pool_recycle", app.config["DB_POOL_RECYCLE"])
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def _check_production_secret(app: Flask) -> None:
    if app.debug or app.testing:
        return
    key = app.config.get("SECRET_KEY") or ""
    if key == DEV_SECRET_KEY or len(key) < 32:
        raise RuntimeError(
            "SECRET_KEY must be set to a random value of at least 32 characters in production, "
            'e.g. python -c "import secrets; print(secrets.token_hex(32))"'
        )


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    from .core.i18n import install_template_translations, select_locale, select_timezone

    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    install_template_translations(app)


def _register_blueprints(app: Flask) -> None:
    from .accounts import bp as accounts_bp
    from .analysis import bp as analysis_bp
    from .audit import bp as audit_bp
    from .consultations import bp as consultations_bp
    from .core import bp as core_bp
    from .drafts import bp as drafts_bp
    from .exports import bp as exports_bp
    from .groups import bp as groups_bp
    from .imports import bp as imports_bp
    from .organisations import bp as organisations_bp
    from .publications import bp as publications_bp
    from .responses import bp as responses_bp
    from .vocab import bp as vocab_bp

    for blueprint in (core_bp, accounts_bp, organisations_bp, vocab_bp, imports_bp, audit_bp,
                      consultations_bp, responses_bp, analysis_bp, drafts_bp, exports_bp,
                      groups_bp, publications_bp):
        app.register_blueprint(blueprint)
    if app.config.get("BENCH_ENDPOINTS"):  # the load benchmark's bare endpoint; off by default
        from .benchmarks.routes import bp as benchmarks_bp

        app.register_blueprint(benchmarks_bp)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """Enforce foreign keys and let SQLAlchemy own transactions (savepoints) on SQLite."""
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn) -> None:
    # IMMEDIATE takes the write lock up front, so two requests that both read and then
    # write wait for each other (busy timeout) instead of failing with "database is locked".
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
