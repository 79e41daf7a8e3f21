"""Submissions racing the close: accepted ones are stored, late ones refused and kept."""

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.benchmarks.seed import deadline_round
from app.core.types import utcnow
from app.extensions import db
from app.responses import services as responses
from app.responses.models import Response
from tests.databases import scratch_app

PEOPLE = 16
PASSWORD = "rush password 1"


@pytest.fixture
def rush_app(tmp_path):
    """An open round with a saved draft for each of PEOPLE people."""
    with scratch_app("rush", tmp_path) as application:
        with application.app_context():
            deadline_round(PEOPLE, PASSWORD)
            db.session.commit()
        yield application


def _submit(application, index: int, target, shared: dict, results: list) -> None:
    client = application.test_client()
    client.post("/login", data={"email": f"rush{index}@example.org", "password": PASSWORD})
    round_id, version = target
    shared["ready"].wait()  # everyone signed in
    shared["go"].wait()  # the close is set
    closes_at = shared["closes_at"]
    offset = -0.6 + 1.2 * index / (PEOPLE - 1)  # spread evenly across the close
    delay = (closes_at - utcnow()).total_seconds() + offset
    time.sleep(max(0.0, delay))
    sent = utcnow()
    reply = client.post(f"/rounds/{round_id}/confirm", data={"version": version})
    results.append((index, sent, utcnow(), reply.status_code))


def _close_soon(application, seconds: float):
    with application.app_context():
        response = db.session.scalars(select(Response)).first()
        response.round.closes_at = utcnow() + timedelta(seconds=seconds)
        closes_at = response.round.closes_at
        db.session.commit()
        db.session.remove()
    return closes_at


def test_submissions_across_the_close(rush_app):
    with rush_app.app_context():
        drafts = {r.user.email: r for r in db.session.scalars(select(Response))}
        targets = {i: (drafts[f"rush{i}@example.org"].round_id,
                       drafts[f"rush{i}@example.org"].version) for i in range(PEOPLE)}
        db.session.remove()
    results: list = []
    shared = {"ready": threading.Barrier(PEOPLE + 1), "go": threading.Event()}
    threads = [threading.Thread(target=_submit, args=(rush_app, i, targets[i], shared, results))
               for i in range(PEOPLE)]
    for thread in threads:
        thread.start()
    shared["ready"].wait(timeout=60)
    closes_at = shared["closes_at"] = _close_soon(rush_app, 1.0)
    shared["go"].set()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == PEOPLE and {r[3] for r in results} == {302}
    with rush_app.app_context():
        stored = {r.user.email: r for r in db.session.scalars(select(Response))}
        accepted = [r for r in stored.values() if r.is_submitted]
        assert 0 < len(accepted) < PEOPLE  # the rush really straddled the close
        for index, sent, received, _status in results:
            response = stored[f"rush{index}@example.org"]
            if response.is_submitted:
                assert response.submitted_at < closes_at  # none accepted after the close
                assert sent < closes_at
            else:
                assert received >= closes_at  # refused only once the close had come
                late = responses.latest_late_text(response)
                assert late is not None and late.snapshot["answers"]  # kept for its author
                assert response.answers  # the saved draft is untouched
