"""Submissions racing the close: accepted ones are stored, late ones refused and kept."""

import threading

import pytest
from sqlalchemy import select

from app.benchmarks.seed import deadline_round
from app.consultations.models import Round
from app.core.types import utcnow
from app.extensions import db
from app.responses import services as responses
from app.responses.models import Response
from tests.databases import scratch_app

PEOPLE = 16
PASSWORD = "rush password 1"
BOUND = 300  # seconds: only stops a hung run


@pytest.fixture
def rush_app(tmp_path):
    """An open round with a saved draft for each of PEOPLE people."""
    with scratch_app("rush", tmp_path) as application:
        with application.app_context():
            deadline_round(PEOPLE, PASSWORD)
            db.session.commit()
        yield application


def _group(index: int) -> str:
    """Half submit while the round is open, a quarter race the close, a quarter come after."""
    if index < PEOPLE // 2:
        return "early"
    return "racing" if index < PEOPLE * 3 // 4 else "late"


def _submit(application, index: int, target, shared: dict, results: list) -> None:
    client = application.test_client()
    client.post("/login", data={"email": f"rush{index}@example.org", "password": PASSWORD})
    round_id, version = target
    shared["ready"].wait(timeout=BOUND)  # everyone signed in
    group = _group(index)
    if group != "early":  # released when half the submissions were accepted, or the close
        shared["half" if group == "racing" else "closed"].wait(timeout=BOUND)
    sent = utcnow()
    reply = client.post(f"/rounds/{round_id}/confirm", data={"version": version})
    results.append((index, sent, utcnow(), reply.status_code))
    if group == "early":
        with shared["lock"]:
            shared["early_done"] += 1
            if shared["early_done"] == PEOPLE // 2:
                shared["half"].set()


def _close_now(application):
    with application.app_context():
        round_id = db.session.scalars(select(Response.round_id)).first()
        # the lock first (SQLite: every transaction takes the write lock), then the time:
        # each submission in flight is either before the close or after it
        round_ = db.session.scalars(select(Round).where(Round.id == round_id)
                                    .with_for_update()).one()
        round_.closes_at = closes_at = utcnow()
        db.session.commit()
        db.session.remove()
    return closes_at


def test_submissions_across_the_close(rush_app):
    """The round closes once half the submissions were accepted (an event, not a clock)."""
    with rush_app.app_context():
        drafts = {r.user.email: r for r in db.session.scalars(select(Response))}
        targets = {i: (drafts[f"rush{i}@example.org"].round_id,
                       drafts[f"rush{i}@example.org"].version) for i in range(PEOPLE)}
        db.session.remove()
    results: list = []
    shared = {"ready": threading.Barrier(PEOPLE), "half": threading.Event(),
              "closed": threading.Event(), "lock": threading.Lock(), "early_done": 0}
    threads = [threading.Thread(target=_submit, args=(rush_app, i, targets[i], shared, results))
               for i in range(PEOPLE)]
    for thread in threads:
        thread.start()
    assert shared["half"].wait(timeout=BOUND)
    closes_at = _close_now(rush_app)  # while the racing quarter is submitting
    shared["closed"].set()
    for thread in threads:
        thread.join(timeout=BOUND)
    assert len(results) == PEOPLE and {r[3] for r in results} == {302}
    with rush_app.app_context():
        stored = {r.user.email: r for r in db.session.scalars(select(Response))}
        accepted = [r for r in stored.values() if r.is_submitted]
        early = {f"rush{i}@example.org" for i in range(PEOPLE) if _group(i) == "early"}
        late = {f"rush{i}@example.org" for i in range(PEOPLE) if _group(i) == "late"}
        assert {r.user.email for r in accepted} >= early  # accepted while open
        assert not {r.user.email for r in accepted} & late  # refused after the close
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
