"""The audit log: written by services, read by administrators."""

from sqlalchemy import select

from app.audit.models import AuditEvent
from app.audit.services import record
from app.organisations import services as organisations


def test_record_keeps_actor_verb_object_and_details(db, admin, make_organisation):
    organisation = make_organisation(name="Audited")
    event = record(admin, "organisation.test", organisation, when={"a", 1} and [1, 2], n=3)
    db.session.flush()
    assert (event.actor_id, event.verb, event.object_type, event.object_id) == (
        admin.id, "organisation.test", "organisation", organisation.id)
    assert event.details == {"when": [1, 2], "n": 3}
    assert event.created_at.tzinfo is not None


def test_organisation_changes_are_audited(db, admin, make_organisation):
    organisation = make_organisation(name="Before")
    organisations.update_organisation(admin, organisation, name="After")
    organisations.set_active(admin, organisation, False)
    db.session.flush()
    verbs = db.session.scalars(
        select(AuditEvent.verb).where(AuditEvent.object_type == "organisation",
                                      AuditEvent.object_id == organisation.id)
        .order_by(AuditEvent.id)).all()
    assert verbs == ["organisation.create", "organisation.update", "organisation.deactivate"]


def test_audit_page_lists_events_and_filters(client, login_as, admin, make_organisation):
    make_organisation(name="Visible In Log")
    login_as(admin)
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert "organisation.create" in page and "user.login" in page
    page = client.get("/admin/audit/?object_type=organisation").get_data(as_text=True)
    assert "organisation.create" in page and "user.login" not in page


def test_login_is_audited(client, login_as, stakeholder):
    login_as(stakeholder)
    verbs = db_verbs_for(stakeholder)
    assert "user.login" in verbs


def db_verbs_for(user):
    from app.extensions import db

    return db.session.scalars(select(AuditEvent.verb).where(
        AuditEvent.object_type == "user", AuditEvent.object_id == user.id)).all()
