"""can_* checks for consultations and rounds."""

from datetime import timedelta

from flask_login import AnonymousUserMixin

from app.consultations import permissions
from app.core.types import utcnow
from app.vocab import services as vocab


def test_manage(admin, facilitator, stakeholder, make_user, make_consultation):
    consultation = make_consultation()
    other_facilitator = make_user(roles=("facilitator",))
    assert permissions.can_manage(facilitator, consultation)
    assert permissions.can_manage(admin, consultation)
    assert not permissions.can_manage(other_facilitator, consultation)
    assert not permissions.can_manage(stakeholder, consultation)
    assert permissions.can_create_consultation(facilitator)
    assert not permissions.can_create_consultation(stakeholder)


def test_view_and_answer(participant, facilitator, make_user, make_organisation, make_round):
    now = utcnow()
    draft = make_round(publish=False)
    scheduled = make_round(opens_in=timedelta(days=1), closes_in=timedelta(days=2))
    open_ = make_round()
    closed = make_round(opens_in=timedelta(days=-3), closes_in=timedelta(days=-1))
    outsider = make_user(organisations=[make_organisation(country="FI")])
    italy_only = make_round(audience_terms=[vocab.term("country", "IT")])
    expected = {  # round: (participant may view, may answer)
        draft: (False, False), scheduled: (True, False), open_: (True, True),
        closed: (True, False),
    }
    for round_, (view, answer) in expected.items():
        assert permissions.can_view_round(participant, round_, now) is view
        assert permissions.can_answer_round(participant, round_, now) is answer
        assert permissions.can_view_round(facilitator, round_, now)
        assert not permissions.can_answer_round(facilitator, round_, now)
    assert not permissions.can_view_round(outsider, italy_only, now)
    assert permissions.can_view_round(participant, italy_only, now)
    assert not permissions.can_view_round(AnonymousUserMixin(), open_, now)


def test_identities(facilitator, admin, make_round):
    attributed = make_round(anonymity="attributed")
    hidden_from_peers = make_round(anonymity="anonymous_to_participants")
    anonymous = make_round(anonymity="anonymous")
    assert permissions.can_see_identities(facilitator, attributed)
    assert permissions.can_see_identities(facilitator, hidden_from_peers)
    assert not permissions.can_see_identities(facilitator, anonymous)
    assert not permissions.can_see_identities(admin, anonymous)
