"""Benchmark-only endpoints, registered only when BENCH_ENDPOINTS is on (never by default).

`POST /bench/insert` is the bare endpoint of `bench/load.py`: the same application, gunicorn
workers and database pool, and the same way in as every form a participant posts (a signed-in
session and a CSRF token), but then the least work a write can do: one INSERT and a commit.
The load benchmark compares the cost of a real submission with it.
"""

from flask_login import current_user, login_required
from sqlalchemy import insert

from ..audit.models import AuditEvent
from ..core.types import utcnow
from ..extensions import db
from .blueprint import bp

BARE_VERB = "bench.insert"


@bp.post("/insert")
@login_required
def bare_insert():
    """Insert one audit row for the signed-in person and commit; no page is rendered."""
    db.session.execute(insert(AuditEvent).values(
        actor_id=current_user.id, verb=BARE_VERB, object_type="bench", object_id=None,
        details={}, created_at=utcnow()))
    db.session.commit()
    return "", 204
