"""can_* checks for accounts and administrative pages."""

from flask_login import AnonymousUserMixin

from app.accounts import permissions


def test_roles(admin, facilitator, stakeholder):
    anonymous = AnonymousUserMixin()
    table = {
        permissions.can_administer: {admin},
        permissions.can_facilitate: {admin, facilitator},
        permissions.can_invite: {admin, facilitator},
        permissions.can_grant_roles: {admin},
    }
    for check, allowed in table.items():
        for user in (admin, facilitator, stakeholder):
            assert check(user) is (user in allowed), (check.__name__, user.display_name)
        assert check(anonymous) is False
        assert check(None) is False


def test_deactivated_administrator_has_no_rights(admin, make_user):
    other = make_user(roles=("administrator",))
    other.is_active_account = False
    assert permissions.can_administer(other) is False
    assert permissions.can_invite(other) is False
