"""The consultation and policy drafting platform: application factory."""

import logging
import os
import sqlite3
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from config import CONFIGS, DEV_SECRET_KEY

from .accounts import admin_routes as accounts_admin_routes
from .accounts import routes as accounts_routes
from .accounts.blueprint import bp as accounts_bp
from .accounts.cli import users_cli
from .analysis import changes as analysis_changes
from .analysis import feedback_routes as analysis_feedback_routes
from .analysis import report_routes as analysis_report_routes
from .analysis import routes as analysis_routes
from .analysis.blueprint import bp as analysis_bp
from .audit import routes as audit_routes
from .audit.blueprint import bp as audit_bp
from .benchmarks import routes as benchmarks_routes
from .benchmarks.blueprint import bp as benchmarks_bp
from .benchmarks.cli import bench_cli
from .consultations import question_routes as consultations_question_routes
from .consultations import response_routes as consultations_response_routes
from .consultations import round_routes as consultations_round_routes
from .consultations import routes as consultations_routes
from .consultations import translation_routes as consultations_translation_routes
from .consultations.blueprint import bp as consultations_bp
from .consultations.cli import rounds_cli
from .core import access, errors, input, security, templating
from .core import routes as core_routes
from .core.blueprint import bp as core_bp
from .core.i18n import install_template_translations, select_locale, select_timezone
from .demo.cli import demo_command
from .drafts import document_routes as drafts_document_routes
from .drafts import paragraph_routes as drafts_paragraph_routes
from .drafts import routes as drafts_routes
from .drafts.blueprint import bp as drafts_bp
from .exports import routes as exports_routes
from .exports.blueprint import bp as exports_bp
from .exports.cli import drafts_cli, worker_command
from .extensions import babel, csrf, db, limiter, login_manager, migrate
from .groups import routes as groups_routes
from .groups.blueprint import bp as groups_bp
from .imports import routes as imports_routes
from .imports.blueprint import bp as imports_bp
from .organisations import routes as organisations_routes
from .organisations.blueprint import bp as organisations_bp
from .privacy import account_routes as privacy_account_routes
from .privacy import hooks as privacy_hooks
from .privacy import routes as privacy_routes
from .privacy.blueprint import bp as privacy_bp
from .privacy.cli import privacy_cli
from .publications import routes as publications_routes
from .publications.blueprint import bp as publications_bp
from .responses import routes as responses_routes
from .responses.blueprint import bp as responses_bp
from .vocab import routes as vocab_routes
from .vocab.blueprint import bp as vocab_bp
from .vocab.cli import vocab_cli

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

# Importing a route module attaches its views to its feature's blueprint; the session
# listeners that keep the explorer's change tokens are installed by importing `changes`.
VIEW_MODULES = (
    core_routes, accounts_routes, accounts_admin_routes, organisations_routes, vocab_routes,
    imports_routes, audit_routes, consultations_routes, consultations_round_routes,
    consultations_question_routes, consultations_response_routes,
    consultations_translation_routes, responses_routes,
    analysis_routes, analysis_report_routes, analysis_feedback_routes, analysis_changes,
    drafts_routes, drafts_document_routes, drafts_paragraph_routes, exports_routes, groups_routes,
    benchmarks_routes, privacy_routes, privacy_account_routes, privacy_hooks, publications_routes,
)
BLUEPRINTS = (core_bp, accounts_bp, organisations_bp, vocab_bp, imports_bp, audit_bp,
              consultations_bp, responses_bp, analysis_bp, drafts_bp, exports_bp, groups_bp,
              privacy_bp, publications_bp)
COMMANDS = (vocab_cli, users_cli, demo_command, rounds_cli, bench_cli, drafts_cli,
            worker_command, privacy_cli)


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

    input.register_converters(app)
    _init_extensions(app)
    _register_blueprints(app)

    input.register(app)
    access.register(app)
    errors.register(app)
    security.register(app)
    templating.register(app)
    for command in COMMANDS:  # `flask vocab`, `flask users`, `flask demo`, ...
        app.cli.add_command(command)
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
    """Connection pool sizes for PostgreSQL; how long SQLite waits for its write lock."""
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # Every transaction takes the write lock (BEGIN IMMEDIATE below); on a busy machine
        # the default 5 s wait ran out under load ("database is locked").
        connect_args = dict(options.get("connect_args") or {})
        connect_args.setdefault("timeout", app.config["SQLITE_BUSY_TIMEOUT"])
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options | {"connect_args": connect_args}
        return
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return
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
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    install_template_translations(app)


def _register_blueprints(app: Flask) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    if app.config.get("BENCH_ENDPOINTS"):  # the load benchmark's bare endpoint; off by default
        app.register_blueprint(benchmarks_bp)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """Enforce foreign keys and let SQLAlchemy own transactions (savepoints) on SQLite."""
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
