"""Account services, without HTTP."""

import re

import pytest

from app.accounts import services
from app.accounts.tokens import make_token
from app.audit.models import AuditEvent
from app.core.errors import Conflict, NotAllowed
from tests.conftest import PASSWORD
from tests.mails import plain


def test_email_is_unique_regardless_of_case(make_user):
    make_user(email="Maria.Rossi@Example.org")
    with pytest.raises(services.EmailTaken):
        make_user(email="maria.rossi@example.ORG ")


def test_email_is_stored_lower_case(make_user):
    user = make_user(email="  Ana.Lopez@Example.ES ")
    assert user.email == "ana.lopez@example.es"
    assert services.find_by_email("ANA.LOPEZ@example.es") == user


def test_passwords_are_hashed_with_scrypt_outside_tests(app, make_user, monkeypatch):
    from config import Config

    monkeypatch.setitem(app.config, "PASSWORD_HASH_METHOD", Config.PASSWORD_HASH_METHOD)
    user = make_user()
    assert user.password_hash.startswith("scrypt:")
    assert PASSWORD not in user.password_hash
    assert services.authenticate(user.email, PASSWORD) == user


def test_authenticate(make_user):
    user = make_user(email="auth@example.org")
    assert services.authenticate("AUTH@example.org", PASSWORD) == user
    assert services.authenticate("auth@example.org", "wrong password") is None
    assert services.authenticate("nobody@example.org", PASSWORD) is None


def test_inactive_and_password_less_accounts_cannot_sign_in(make_user, admin):
    user = make_user()
    services.set_active(admin, user, False)
    assert services.authenticate(user.email, PASSWORD) is None
    invited = make_user(password=None)
    assert services.authenticate(invited.email, "") is None


@pytest.mark.parametrize("password", ["short", "", "123456789"])
def test_password_rules_reject_short_passwords(password):
    with pytest.raises(services.PasswordRejected):
        services.check_password_rules(password)


def test_password_may_not_be_the_email():
    with pytest.raises(services.PasswordRejected):
        services.check_password_rules("long.person@example.org", "Long.Person@example.org")


def test_change_password_requires_current_password(make_user):
    user = make_user()
    with pytest.raises(services.WrongPassword):
        services.change_password(user, "not it at all", "a brand new password")
    services.change_password(user, PASSWORD, "a brand new password")
    assert services.authenticate(user.email, "a brand new password") == user
    assert services.authenticate(user.email, PASSWORD) is None


def test_only_administrators_grant_roles(facilitator):
    with pytest.raises(NotAllowed):
        services.create_user(facilitator, "x@example.org", "X", is_administrator=True)
    with pytest.raises(NotAllowed):
        services.invite_user(facilitator, "y@example.org", "Y", is_facilitator=True)


def test_stakeholders_cannot_invite(stakeholder):
    with pytest.raises(NotAllowed):
        services.invite_user(stakeholder, "z@example.org", "Z")


def test_invitation_mail_and_acceptance(db, facilitator, outbox):
    invited = services.invite_user(facilitator, "new.person@example.org", "New Person")
    assert not invited.has_password and invited.invited_at is not None
    db.session.commit()
    [message] = outbox()
    assert message["To"] == "new.person@example.org"
    body = plain(message)
    assert "Fran Facilitator" in body
    token = re.search(r"/invitation/(\S+)", body).group(1)
    user = services.accept_invitation(token, "my very own password")
    assert user == invited
    assert services.authenticate("new.person@example.org", "my very own password") == user


def test_invitation_token_is_single_use(facilitator):
    invited = services.invite_user(facilitator, "once@example.org", "Once")
    token = make_token(invited, "invitation")
    services.accept_invitation(token, "first password here")
    with pytest.raises(services.InvalidToken, match="not valid"):
        services.accept_invitation(token, "second password here")


def test_tokens_are_bound_to_their_purpose(make_user):
    user = make_user()
    token = make_token(user, "password-reset")
    with pytest.raises(services.InvalidToken):
        services.accept_invitation(token, "some new password")


def test_reset_token_expires(app, make_user, monkeypatch):
    user = make_user()
    token = make_token(user, "password-reset")
    import itsdangerous.timed

    later = itsdangerous.timed.time.time() + app.config["PASSWORD_RESET_MAX_AGE"] + 5
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    with pytest.raises(services.InvalidToken, match="expired"):
        services.reset_password(token, "a new password here")


def test_reset_token_still_valid_before_expiry(make_user):
    user = make_user()
    token = make_token(user, "password-reset")
    assert services.reset_password(token, "a new password here") == user


def test_tampered_token_is_rejected(make_user):
    token = make_token(make_user(), "password-reset")
    # the signature's first character carries six bits of it (its last one only some)
    payload, signature = token.rsplit(".", 1)
    tampered = f"{payload}.{'B' if signature[0] == 'A' else 'A'}{signature[1:]}"
    with pytest.raises(services.InvalidToken):
        services.reset_password(tampered, "a new password here")


def test_reset_request_mails_only_existing_active_accounts(db, make_user, admin, outbox):
    user = make_user(email="reset.me@example.org")
    services.request_password_reset("RESET.ME@example.org")
    services.request_password_reset("nobody@example.org")
    services.set_active(admin, user, False)
    services.request_password_reset("reset.me@example.org")
    db.session.commit()
    messages = outbox()
    assert [m["To"] for m in messages] == ["reset.me@example.org"]
    assert "/password/reset/" in plain(messages[0])


def test_reset_token_cannot_be_used_by_a_deactivated_account(make_user, admin):
    user = make_user()
    token = make_token(user, "password-reset")
    services.set_active(admin, user, False)
    with pytest.raises(services.InvalidToken):
        services.reset_password(token, "a new password here")


def test_update_user_detects_concurrent_edit(admin, make_user):
    user = make_user()
    stale = user.version
    services.update_user(admin, user, expected_version=stale, display_name="First edit")
    from app.extensions import db

    db.session.flush()
    with pytest.raises(Conflict):
        services.update_user(admin, user, expected_version=stale, display_name="Second edit")
    assert user.display_name == "First edit"


def test_update_user_refuses_taken_email(admin, make_user):
    make_user(email="taken@example.org")
    other = make_user()
    with pytest.raises(services.EmailTaken):
        services.update_user(admin, other, email="TAKEN@example.org")


def test_admin_cannot_demote_or_deactivate_self(admin):
    with pytest.raises(NotAllowed):
        services.update_user(admin, admin, is_administrator=False)
    with pytest.raises(NotAllowed):
        services.set_active(admin, admin, False)


def test_changes_are_audited(db, admin, make_user, make_organisation):
    user = make_user()
    organisation = make_organisation()
    services.update_user(admin, user, display_name="Renamed", organisations=[organisation])
    services.set_active(admin, user, False)
    db.session.flush()
    events = db.session.query(AuditEvent).filter_by(object_type="user", object_id=user.id).all()
    verbs = [e.verb for e in events]
    assert verbs == ["user.create", "user.update", "user.deactivate"]
    update = events[1]
    assert update.actor_id == admin.id
    assert update.details["changes"]["display_name"][1] == "Renamed"
    assert update.details["changes"]["organisations"][1] == [organisation.name]


def test_users_query_filters(admin, make_user):
    make_user(name="Zoe Facilitator", roles=("facilitator",))
    make_user(name="Yann Stakeholder", email="yann@example.org")
    from app.extensions import db

    def names(**filters):
        return [u.display_name for u in db.session.scalars(services.users_query(**filters))]

    assert names(search="yann") == ["Yann Stakeholder"]
    assert names(search="YANN@EXAMPLE") == ["Yann Stakeholder"]
    assert "Zoe Facilitator" in names(role="facilitator")
    assert "Zoe Facilitator" not in names(role="stakeholder")
    assert names(role="administrator") == ["Ada Admin"]
