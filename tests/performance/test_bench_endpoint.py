"""The load benchmark's bare endpoint: absent unless BENCH_ENDPOINTS, then one INSERT."""

import re

from sqlalchemy import select

from app.accounts import services as accounts
from app.audit.models import AuditEvent
from app.benchmarks.routes import BARE_VERB
from app.extensions import db
from tests.databases import scratch_app


def test_absent_by_default(client):
    assert client.post("/bench/insert").status_code == 404
    assert client.get("/bench/insert").status_code == 404


def test_inserts_one_row_for_a_signed_in_person_when_enabled(tmp_path):
    with scratch_app("bare", tmp_path, BENCH_ENDPOINTS=True,
                     WTF_CSRF_ENABLED=True) as application:
        with application.app_context():
            person = accounts.create_user(None, "bare@example.org", "Bare",
                                          password="bare password 1")
            db.session.commit()
            person_id = person.id
            db.session.remove()
        client = application.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        signed_out = client.post("/bench/insert", data={"csrf_token": token})
        assert signed_out.status_code == 302 and "/login" in signed_out.headers["Location"]
        client.post("/login", data={"email": "bare@example.org", "password": "bare password 1",
                                    "csrf_token": token})
        assert client.post("/bench/insert").status_code == 400  # no CSRF token
        assert client.post("/bench/insert", data={"csrf_token": token}).status_code == 204
        with application.app_context():
            rows = db.session.scalars(select(AuditEvent)
                                      .where(AuditEvent.verb == BARE_VERB)).all()
            assert [(r.object_type, r.actor_id) for r in rows] == [("bench", person_id)]
            db.session.remove()
