"""A real RQ worker killed while converting: the job page offers "Try again" within seconds.

The worker (tests/exports/blocking_worker.py) converts until the test releases it, so the
kill lands mid-conversion however fast or slow this machine is; the bounds below only stop
a hung test.
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest
import redis
from rq.job import Job

from app.accounts import services as accounts
from app.core.types import utcnow
from app.drafts import blocks, versions
from app.exports import jobs
from app.extensions import db
from tests.conftest import PASSWORD
from tests.databases import scratch_app
from tests.forms import rendered_form

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
INTERVAL, TTL = 1, 8  # the worker beats every second; silent for 8 s means dead
BOUND = 60  # seconds: only stops a hung test


@pytest.fixture
def rq_app(tmp_path):
    """An app on a scratch database and the test Redis, with a version to export."""
    store = redis.Redis.from_url(REDIS_URL)
    store.flushdb()
    with scratch_app("death", tmp_path, EXPORT_INLINE=False, REDIS_URL=REDIS_URL,
                     EXPORT_HEARTBEAT_TTL=TTL) as application:
        with application.app_context():
            editor = accounts.create_user(None, "editor@example.org", "Editor",
                                          password=PASSWORD, is_facilitator=True)
            document = blocks.create_document(editor, title="Worker death")
            blocks.add_block(editor, document, kind="section", title="Design", now=utcnow())
            versions.save_version(editor, document, number="1.0")
            db.session.commit()
            application.config["DOCUMENT_ID"] = document.id
        yield application
    store.flushdb()
    store.close()


@pytest.fixture
def worker(rq_app, tmp_path):
    """A running RQ worker whose conversions wait for BLOCK_DIR/release; killed afterwards."""
    env = os.environ | {"DATABASE_URL": rq_app.config["SQLALCHEMY_DATABASE_URI"],
                        "REDIS_URL": REDIS_URL, "APP_CONFIG": "development",
                        "FLASK_APP": "wsgi", "BLOCK_DIR": str(tmp_path),
                        "EXPORT_HEARTBEAT_INTERVAL": str(INTERVAL),
                        "EXPORT_HEARTBEAT_TTL": str(TTL)}
    with open(tmp_path / "worker.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "tests.exports.blocking_worker"],
                                   cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    yield process, tmp_path
    (tmp_path / "release").touch()
    _kill(process, tmp_path)


def _kill(process: subprocess.Popen, folder: Path) -> None:
    """SIGKILL the worker and its work-horse (a process group of its own), as the OOM killer."""
    process.kill()
    process.wait(BOUND)
    converting = folder / "converting"
    if converting.exists():
        with suppress(ProcessLookupError):
            os.kill(int(converting.read_text()), signal.SIGKILL)


def _signed_in(application):
    client = application.test_client()
    response = client.post("/login", data={"email": "editor@example.org",
                                           "password": PASSWORD})
    assert response.status_code == 302
    return client


def _export(client, document_id: int) -> int:
    """Request an HTML export through the rendered form; the new job's id."""
    url = f"/manage/documents/{document_id}/export"
    data = rendered_form(client.get(url), having="format").values() | {"format": "html"}
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def _converting(folder: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + BOUND
    while not (folder / "converting").exists():
        assert process.poll() is None, (folder / "worker.log").read_text()[-3000:]
        assert time.monotonic() < deadline, (folder / "worker.log").read_text()[-3000:]
        time.sleep(0.2)


def _status(client, job_id: int) -> dict:
    response = client.get(f"/exports/{job_id}/status")
    assert response.status_code == 200
    return response.get_json()


def _poll_until(client, job_id: int, state: str) -> dict:
    deadline = time.monotonic() + BOUND
    while (status := _status(client, job_id))["state"] != state:
        assert status["state"] in ("queued", "running"), status
        assert time.monotonic() < deadline, f"still {status} after {BOUND} s"
        time.sleep(0.5)
    return status


def test_a_job_whose_worker_was_killed_fails_within_seconds_with_try_again(rq_app, worker):
    process, folder = worker
    client = _signed_in(rq_app)
    job_id = _export(client, rq_app.config["DOCUMENT_ID"])
    _converting(folder, process)
    assert _status(client, job_id)["state"] == "running"
    _kill(process, folder)  # the whole worker, as the OOM killer would: nothing says goodbye
    status = _poll_until(client, job_id, "failed")  # was: "converting" for three minutes
    assert "the worker ended" in status["message"]
    page = client.get(f"/exports/{job_id}").get_data(as_text=True)
    assert "the worker ended" in page and "Try again" in page
    assert f'action="/exports/{job_id}/retry"' in page
    again = client.post(f"/exports/{job_id}/retry")  # the button's form: its CSRF token only
    new_id = int(again.headers["Location"].rsplit("/", 1)[1])
    assert new_id != job_id and _status(client, new_id)["state"] == "queued"


def test_a_long_job_whose_worker_lives_is_not_failed(rq_app, worker):
    process, folder = worker
    client = _signed_in(rq_app)
    job_id = _export(client, rq_app.config["DOCUMENT_ID"])
    _converting(folder, process)
    connection = redis.Redis.from_url(REDIS_URL)
    first = Job.fetch(jobs.rq_id(job_id), connection=connection).last_heartbeat
    deadline = time.monotonic() + BOUND
    # keep looking, as the page does, until the worker has beaten for longer than the TTL
    while (Job.fetch(jobs.rq_id(job_id), connection=connection).last_heartbeat
           - first).total_seconds() <= TTL:
        assert _status(client, job_id)["state"] == "running"
        assert time.monotonic() < deadline, "the worker stopped beating"
        time.sleep(0.5)
    assert _status(client, job_id)["state"] == "running"
    (folder / "release").touch()
    assert _poll_until(client, job_id, "done")["download"]
    connection.close()


@pytest.mark.parametrize("interval", [0, 6, 12])
def test_the_worker_refuses_a_ttl_within_two_heartbeats(app, monkeypatch, interval):
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "EXPORT_HEARTBEAT_INTERVAL", interval)
    monkeypatch.setitem(app.config, "EXPORT_HEARTBEAT_TTL", 12)
    with app.app_context():  # as `flask` provides it
        result = app.test_cli_runner().invoke(args=["worker", "--burst"])
    assert result.exit_code != 0 and "EXPORT_HEARTBEAT_INTERVAL" in result.output
