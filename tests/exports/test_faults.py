"""Export faults: Redis down, a dead pool child, and no lock held while converting."""

import os
import threading
from concurrent.futures.process import BrokenProcessPool

import pytest
from sqlalchemy import func, select

from app.accounts import services as accounts
from app.core.types import utcnow
from app.drafts import blocks, versions
from app.exports import jobs, pipeline
from app.exports.models import ExportJob
from app.extensions import db
from tests.databases import scratch_app
from tests.exports.test_workers import _request, _wait_for

REDIS_DOWN = "redis://127.0.0.1:1/0"  # nothing listens on port 1
BOUND = 120  # seconds: only stops a hung test


@pytest.fixture
def saved_version(facilitator):
    """Version 1.0 of a one-section document of the facilitator."""
    document = blocks.create_document(facilitator, title="Faults")
    blocks.add_block(facilitator, document, kind="section", title="Design", now=utcnow())
    return versions.save_version(facilitator, document, number="1.0")


@pytest.fixture
def redis_down(app, monkeypatch):
    """The app configured for RQ, with Redis unreachable."""
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_DOWN)
    monkeypatch.setitem(app.config, "EXPORT_INLINE", False)


def _jobs() -> int:
    return db.session.scalar(select(func.count(ExportJob.id)))


def test_export_while_redis_is_down_says_so_and_queues_nothing(client, login_as, facilitator,
                                                              saved_version, redis_down):
    login_as(facilitator)
    before = _jobs()
    response = client.post(f"/manage/documents/{saved_version.document_id}/export", data={
        "version": saved_version.id, "format": "html", "style": "report"})
    assert response.status_code == 200
    assert "the export service is not reachable" in response.get_data(as_text=True)
    assert _jobs() == before


def test_a_job_whose_dispatch_failed_is_failed_with_try_again(client, login_as, facilitator,
                                                             saved_version, redis_down):
    job, _created = jobs.request_export(facilitator, saved_version, fmt="html", style="report")
    db.session.commit()
    assert jobs.dispatch(job.id) is False  # Redis went down between the request and now
    assert job.state == "failed" and "try again in a minute" in job.error
    login_as(facilitator)
    page = client.get(f"/exports/{job.id}").get_data(as_text=True)
    assert "Try again" in page and 'http-equiv="refresh"' not in page
    retry = client.post(f"/exports/{job.id}/retry", follow_redirects=True)
    assert "the export service is not reachable" in retry.get_data(as_text=True)
    assert _jobs() == 1  # still the one failed job: nothing new left queued


@pytest.fixture
def worker_app(tmp_path):
    """An app on a scratch database with a saved version, whose data workers can see."""
    with scratch_app("faults", tmp_path, EXPORT_INLINE=False) as application:
        with application.app_context():
            editor = accounts.create_user(None, "editor@example.org", "Editor",
                                          is_facilitator=True)
            document = blocks.create_document(editor, title="Worker test")
            blocks.add_block(editor, document, kind="section", title="Design", now=utcnow())
            versions.save_version(editor, document, number="1.0")
            db.session.commit()
        yield application
        jobs._discard_pool()


def _kill_a_pool_child():
    """Break the embedded pool the way the kernel's OOM killer does: a child dies."""
    with pytest.raises(BrokenProcessPool):
        jobs._executor().submit(os._exit, 1).result(timeout=BOUND)


def test_the_pool_is_rebuilt_after_a_child_died(worker_app):
    with worker_app.app_context():
        _kill_a_pool_child()
        job_id = _request("html")
        assert jobs.dispatch(job_id)  # was BrokenProcessPool: a 500 until restart
        job = _wait_for(job_id, BOUND)
        assert job.state == "done", job.error


def test_a_job_whose_child_died_is_failed_and_retryable(worker_app):
    with worker_app.app_context():
        job_id = _request("html")
        db.session.remove()  # free the SQLite write lock for the callback's own session
        pool = jobs._executor()
        future = pool.submit(os._exit, 1)  # the child running this job dies
        with pytest.raises(BrokenProcessPool):
            future.result(timeout=BOUND)
        jobs.after_child(worker_app, job_id, future)
        job = db.session.get(ExportJob, job_id)
        assert job.state == "failed" and "Try again" in job.error
        assert jobs._pool is not pool  # the next export gets a new pool


def test_no_transaction_is_held_while_converting(worker_app, monkeypatch):
    started, release, seen = threading.Event(), threading.Event(), {}

    def slow_convert(markdown, metadata, fmt, style, **options):
        seen["in_transaction"] = db.session().in_transaction()
        started.set()
        assert release.wait(BOUND)
        return b"<html>converted</html>"

    def run(job_id):
        with worker_app.app_context():
            jobs.run_job(job_id)
            db.session.remove()

    monkeypatch.setattr(pipeline, "convert", slow_convert)
    with worker_app.app_context():
        job_id = _request("html")
        db.session.remove()
    converting = threading.Thread(target=run, args=(job_id,))
    converting.start()
    try:
        assert started.wait(BOUND)
        with worker_app.app_context():  # another request saves meanwhile
            accounts.create_user(None, "saved@example.org", "Saved While Converting")
            db.session.commit()  # on SQLite this waited for the export's write lock
            db.session.remove()
        assert worker_app.test_client().get("/healthz").status_code == 200
    finally:
        release.set()
        converting.join(BOUND)
    assert seen == {"in_transaction": False}
    with worker_app.app_context():
        job = db.session.get(ExportJob, job_id)
        assert job.state == "done" and job.content == b"<html>converted</html>"


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def rq_queue(app, monkeypatch):
    """The app configured for RQ on the test Redis, no worker running; our RQ jobs removed."""
    from redis import Redis

    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "EXPORT_INLINE", False)
    connection = Redis.from_url(REDIS_URL)
    made = []
    yield connection, made
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    for job_id in made:
        try:
            Job.fetch(jobs.rq_id(job_id), connection=connection).delete()
        except NoSuchJobError:
            pass
    connection.close()


def _requested(client, version) -> int:
    response = client.post(f"/manage/documents/{version.document_id}/export", data={
        "version": version.id, "format": "html", "style": "report", "fresh": "y"})
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_job_whose_rq_worker_died_offers_try_again_at_once(client, login_as, facilitator,
                                                            saved_version, rq_queue):
    from rq.job import Job, JobStatus

    connection, made = rq_queue
    login_as(facilitator)
    job_id = _requested(client, saved_version)
    made.append(job_id)
    assert "Waiting for a free worker" in client.get(f"/exports/{job_id}").get_data(as_text=True)
    # what RQ records when the work-horse running the job is killed (e.g. for memory)
    Job.fetch(jobs.rq_id(job_id), connection=connection).set_status(JobStatus.FAILED)
    page = client.get(f"/exports/{job_id}").get_data(as_text=True)
    assert "the worker ended" in page and "Try again" in page
    assert db.session.get(ExportJob, job_id).state == "failed"


def test_a_queued_job_unknown_to_rq_fails_after_a_grace_period(client, login_as, facilitator,
                                                              saved_version, rq_queue):
    from datetime import timedelta

    from rq.job import Job

    connection, made = rq_queue
    login_as(facilitator)
    job_id = _requested(client, saved_version)
    made.append(job_id)
    Job.fetch(jobs.rq_id(job_id), connection=connection).delete()  # the hand-over was lost
    job = db.session.get(ExportJob, job_id)
    assert not jobs.check_on_queue(job)  # just requested: it may be on its way
    job.created_at = utcnow() - timedelta(seconds=jobs.QUEUE_GRACE + 1)
    db.session.flush()
    page = client.get(f"/exports/{job_id}").get_data(as_text=True)
    assert "Try again" in page and job.state == "failed"


def _started(connection, job_id: int, worker: str, beat) -> None:
    """What RQ records while `worker` runs the job: started, by whom, and both last beats."""
    from rq.job import Job, JobStatus
    from rq.utils import utcformat

    rq_job = Job.fetch(jobs.rq_id(job_id), connection=connection)
    rq_job.set_status(JobStatus.STARTED)
    connection.hset(rq_job.key, mapping={"worker_name": worker,
                                         "last_heartbeat": utcformat(beat)})
    connection.hset(f"rq:worker:{worker}", mapping={"last_heartbeat": utcformat(beat)})


def test_a_started_job_whose_worker_went_silent_fails_after_the_heartbeat_ttl(
        client, login_as, facilitator, saved_version, rq_queue, app):
    from datetime import timedelta

    connection, made = rq_queue
    login_as(facilitator)
    silent, beating = _requested(client, saved_version), _requested(client, saved_version)
    made.extend([silent, beating])
    beat, ttl = utcnow(), app.config["EXPORT_HEARTBEAT_TTL"]
    _started(connection, silent, "worker-killed", beat)
    _started(connection, beating, "worker-alive", beat + timedelta(seconds=ttl))
    try:
        first, second = db.session.get(ExportJob, silent), db.session.get(ExportJob, beating)
        almost = beat + timedelta(seconds=ttl - 1)
        assert not jobs.check_on_queue(first, now=almost) and first.state == "queued"
        later = beat + timedelta(seconds=ttl + 1)
        assert jobs.check_on_queue(first, now=later)
        assert first.state == "failed" and "the worker ended" in first.error
        assert not jobs.check_on_queue(second, now=later) and second.state == "queued"
    finally:
        connection.delete("rq:worker:worker-killed", "rq:worker:worker-alive")


def test_a_started_job_whose_worker_is_gone_from_redis_fails_at_once(
        client, login_as, facilitator, saved_version, rq_queue):
    connection, made = rq_queue
    login_as(facilitator)
    job_id = _requested(client, saved_version)
    made.append(job_id)
    _started(connection, job_id, "worker-expired", utcnow())
    connection.delete("rq:worker:worker-expired")  # its key outlived it by a minute, no more
    status = client.get(f"/exports/{job_id}/status").get_json()
    assert status["state"] == "failed" and "the worker ended" in status["message"]
