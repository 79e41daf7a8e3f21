"""The application served over HTTP on a scratch database, for the browser to talk to."""

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import flask_migrate
from flask import Flask
from sqlalchemy import update
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from app import create_app
from app.accounts.models import User
from app.demo import services as demo
from app.extensions import db
from app.vocab import services as vocab
from tests.databases import drop_scratch_database, scratch_database

DEMO_PASSWORD = "e2e demo password"


class QuietRequestHandler(WSGIRequestHandler):
    """Handles requests without writing an access-log line for each one."""

    def log_request(self, code="-", size="-") -> None:
        pass


@dataclass
class LiveServer:
    """A running application: where it listens, where it writes mail, how to stop it."""

    app: Flask
    database_url: str
    mail_dir: Path
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)
        self.server.server_close()
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()
        drop_scratch_database(self.database_url)


def start_live_server(tmp: Path) -> LiveServer:
    """Create the app on a fresh database, migrate it, load the demo and serve it."""
    database_url = scratch_database("e2e", tmp)
    mail_dir = tmp / "mail"
    app = create_app({
        "TESTING": True,
        "WTF_CSRF_ENABLED": True,
        "RATELIMIT_ENABLED": False,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_FILE_DIR": str(mail_dir),
    })
    _prepare_database(app)
    server = make_server("127.0.0.1", 0, app, threaded=True,
                         request_handler=QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    return LiveServer(app, database_url, mail_dir, server, thread)


def _prepare_database(app: Flask) -> None:
    with app.app_context():
        _migrate()
        vocab.load_vocabularies()
        demo.load_demo(DEMO_PASSWORD)
        # The flows are written against the English interface (the demo's people speak
        # their own languages); test_languages.py drives the other languages.
        db.session.execute(update(User).values(preferred_language="en"))
        db.session.commit()
        db.session.remove()


def _migrate() -> None:
    """Run the real migrations, then give logging back to pytest (alembic.ini reconfigures it)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        flask_migrate.upgrade()
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
