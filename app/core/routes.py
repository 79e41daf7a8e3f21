"""Home page and health check."""

from flask import jsonify, render_template
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
    """Liveness and database reachability, for load balancers and monitors."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # any failure of the database is the answer we report
        db.session.rollback()
        return jsonify(status="error", database=f"error: {type(exc).__name__}"), 503
    return jsonify(status="ok", database="ok")
