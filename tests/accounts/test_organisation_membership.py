"""Nobody but an administrator opens a route into an organisation's responses."""

import pytest

from app.accounts import services
from app.core.errors import NotAllowed
from tests.forms import rendered_form


def test_facilitator_cannot_invite_into_an_organisation(facilitator, make_organisation, admin):
    organisation = make_organisation()
    with pytest.raises(NotAllowed):
        services.invite_user(facilitator, "spy@example.org", "Spy",
                             organisations=[organisation])
    assert services.find_by_email("spy@example.org") is None
    person = services.invite_user(facilitator, "new@example.org", "New")
    assert person.organisations == []
    joined = services.invite_user(admin, "joined@example.org", "Joined",
                                  organisations=[organisation])
    assert joined.organisations == [organisation]


def test_invite_page_offers_no_organisation_to_facilitators(client, login_as, facilitator,
                                                            make_organisation):
    organisation = make_organisation()
    login_as(facilitator)
    page = client.get("/people/invite").get_data(as_text=True)
    assert 'name="organisations"' not in page
    data = rendered_form(page, having="email").values() | {  # a field the page does not offer
        "email": "spy@example.org", "display_name": "Spy", "organisations": [str(organisation.id)]}
    response = client.post("/people/invite", data=data)
    assert response.status_code == 302
    person = services.find_by_email("spy@example.org")
    assert person is not None and person.organisations == []
