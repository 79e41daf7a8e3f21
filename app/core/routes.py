"""Home page and health check."""

from flask import current_app, jsonify, render_template
from flask_login import current_user
from sqlalchemy import text

from ..extensions import db
from .blueprint import bp


@bp.get("/")
def index():
    """Home: what this instance is and where each role goes next."""
    return render_template("core/index.html", user=current_user)


@bp.get("/healthz")
def healthz():
    """Liveness, database and (when configured) Redis reachability, for monitors."""
    parts = {"database": _database_state()}
    if current_app.config.get("REDIS_URL"):
        parts["redis"] = redis_state(current_app.config["REDIS_URL"])
    healthy = all(state == "ok" for state in parts.values())
    return jsonify(status="ok" if healthy else "error", **parts), 200 if healthy else 503


def _database_state() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # any failure of the database is the answer we report
        db.session.rollback()
        return f"error: {type(exc).__name__}"
    return "ok"


def redis_state(url: str) -> str:
    """Whether Redis at `url` answers a PING within 2 s: "ok", else "error: <what>"."""
    from redis import Redis

    try:
        with Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2) as store:
            store.ping()
    except Exception as exc:  # any failure of Redis is the answer we report
        return f"error: {type(exc).__name__}"
    return "ok"
