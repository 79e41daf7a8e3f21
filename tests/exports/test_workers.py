"""Export jobs run by real workers: the app's process pool, and an RQ worker on Redis."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from app.accounts import services as accounts
from app.core.types import utcnow
from app.drafts import blocks, versions
from app.exports import jobs
from app.exports.models import ExportJob
from app.extensions import db
from tests.databases import scratch_app

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def worker_app(tmp_path):
    """An app on a scratch database with a saved version, whose data workers can see."""
    with scratch_app("workers", tmp_path, EXPORT_INLINE=False) as application:
        with application.app_context():
            editor = accounts.create_user(None, "editor@example.org", "Editor",
                                          is_facilitator=True)
            document = blocks.create_document(editor, title="Worker test")
            blocks.add_block(editor, document, kind="section", title="Design", now=utcnow())
            versions.save_version(editor, document, number="1.0")
            db.session.commit()
        yield application


def _request(fmt: str) -> int:
    from app.accounts.models import User
    from app.drafts.models import DocumentVersion

    editor = db.session.scalars(db.select(User)).one()
    version = db.session.scalars(db.select(DocumentVersion)).one()
    job, _created = jobs.request_export(editor, version, fmt=fmt, style="report")
    db.session.commit()
    return job.id


def _wait_for(job_id: int, seconds: float = 90) -> ExportJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = db.session.get(ExportJob, job_id)
        state = job.state
        db.session.rollback()  # end the transaction: the worker must be free to write
        if state in ("done", "failed"):
            return db.session.get(ExportJob, job_id)
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} still {job.state} after {seconds} s")


def test_embedded_process_pool(worker_app):
    with worker_app.app_context():
        job_id = _request("html")
        jobs.dispatch(job_id)
        job = _wait_for(job_id)
        assert job.state == "done", job.error
        assert b"Worker test" in job.content


def test_rq_worker_on_redis(worker_app):
    store = redis.Redis.from_url(REDIS_URL)
    store.flushdb()
    worker_app.config["REDIS_URL"] = REDIS_URL
    with worker_app.app_context():
        job_id = _request("md")
        jobs.dispatch(job_id)
        assert db.session.get(ExportJob, job_id).state == "queued"
        db.session.rollback()
        env = os.environ | {"DATABASE_URL": worker_app.config["SQLALCHEMY_DATABASE_URI"],
                            "REDIS_URL": REDIS_URL, "APP_CONFIG": "development",
                            "FLASK_APP": "wsgi"}
        worker = subprocess.run([sys.executable, "-m", "flask", "worker", "--burst"],
                                cwd=ROOT, env=env, check=True, timeout=120,
                                capture_output=True, text=True)
        job = _wait_for(job_id)
        assert job.state == "done", worker.stderr[-3000:]
        assert job.state == "done", job.error
        assert job.content.startswith(b"---")
    store.flushdb()
    store.close()
