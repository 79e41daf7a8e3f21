"""Backup and restore as the README describes them: the app works on the restored copy."""

import sqlite3
import subprocess
from contextlib import closing

from sqlalchemy.engine import make_url

from app import create_app
from app.accounts import services as accounts
from app.core.types import utcnow
from app.drafts import blocks, versions
from app.exports import jobs
from app.extensions import db
from tests.databases import drop_scratch_database, scratch_app, scratch_database

PASSWORD = "restore password 1"


def _populate(application) -> tuple[int, bytes]:
    """An editor, a document with a version, and a finished export; returns the export."""
    with application.app_context():
        editor = accounts.create_user(None, "editor@example.org", "Editor", password=PASSWORD,
                                      is_facilitator=True)
        document = blocks.create_document(editor, title="Restored document")
        blocks.add_block(editor, document, kind="section", title="Design", now=utcnow())
        version = versions.save_version(editor, document, number="1.0")
        job, _created = jobs.request_export(editor, version, fmt="html", style="report")
        db.session.commit()
        jobs.dispatch(job.id)  # inline in tests
        assert job.state == "done", job.error
        found = job.id, job.content
        db.session.remove()
    return found


def _libpq(url: str) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _back_up_and_restore(url: str, tmp_path) -> str:
    """README, "Backup and restore": SQLite's online backup, or pg_dump then pg_restore."""
    restored = scratch_database("restored", tmp_path)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with closing(sqlite3.connect(parsed.database)) as source, \
                closing(sqlite3.connect(make_url(restored).database)) as target:
            source.backup(target)
        return restored
    dump = tmp_path / "consultations.dump"
    subprocess.run(["pg_dump", "--format=custom", "--file", str(dump), _libpq(url)],
                   check=True, timeout=300)
    subprocess.run(["pg_restore", "--no-owner", "--dbname", _libpq(restored), str(dump)],
                   check=True, timeout=300)
    return restored


def test_the_app_works_on_a_restored_backup(tmp_path):
    with scratch_app("backup", tmp_path) as application:
        job_id, content = _populate(application)
        restored = _back_up_and_restore(application.config["SQLALCHEMY_DATABASE_URI"],
                                        tmp_path)
    try:
        restored_app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": restored})
        client = restored_app.test_client()
        assert client.get("/healthz").json == {"status": "ok", "database": "ok"}
        response = client.post("/login", data={"email": "editor@example.org",
                                               "password": PASSWORD})
        assert response.status_code == 302  # a write: the sign-in and its audit row
        download = client.get(f"/exports/{job_id}/download")
        assert download.status_code == 200 and download.data == content
        page = client.get("/manage/documents/").get_data(as_text=True)
        assert "Restored document" in page
        with restored_app.app_context():
            db.engine.dispose()
    finally:
        drop_scratch_database(restored)
