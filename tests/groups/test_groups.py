"""Working groups: members and chairs, and what they may do with their documents."""

import pytest

from app.core.errors import Conflict, DomainError, NotAllowed
from app.core.types import utcnow
from app.drafts import blocks, permissions, versions
from app.groups import services
from app.publications import services as publications
from app.vocab import services as vocab
from tests.forms import rendered_form


@pytest.fixture
def group(facilitator):
    return services.save_group(facilitator, name="Start-ups working group",
                               level=vocab.term("governance_level", "eu"))


def test_members_and_roles(facilitator, group, stakeholder, make_user):
    services.set_member(facilitator, group, stakeholder, "chair")
    assert group.role_of(stakeholder) == "chair"
    services.set_member(facilitator, group, stakeholder, "member")
    assert group.role_of(stakeholder) == "member"
    services.set_member(facilitator, group, stakeholder, None)
    assert group.role_of(stakeholder) is None
    with pytest.raises(DomainError):
        services.set_member(facilitator, group, stakeholder, "king")
    with pytest.raises(Conflict):
        services.save_group(facilitator, name="start-ups WORKING group",
                            level=vocab.term("governance_level", "eu"))
    with pytest.raises(NotAllowed):
        services.save_group(stakeholder, name="Mine", level=vocab.term("governance_level", "eu"))


def test_members_edit_and_export_chairs_publish(facilitator, group, make_user):
    chair, member, outsider = make_user(), make_user(), make_user()
    services.set_member(facilitator, group, chair, "chair")
    services.set_member(facilitator, group, member, "member")
    document = blocks.create_document(facilitator, title="Brief", working_group=group)
    blocks.add_block(facilitator, document, kind="section", title="One", now=utcnow())
    version = versions.save_version(facilitator, document, number="1.0")
    assert permissions.can_edit(member, document) and permissions.can_export(member, document)
    assert not permissions.can_edit(outsider, document)
    assert permissions.can_publish(chair, document)
    assert not permissions.can_publish(member, document)
    assert not permissions.can_publish(facilitator, document)
    with pytest.raises(NotAllowed):
        publications.publish(member, version, now=utcnow())
    publications.publish(chair, version, now=utcnow())
    assert (document.status, document.final_version_id) == ("final", version.id)


def test_group_pages(client, login_as, facilitator, group, stakeholder):
    login_as(facilitator)
    assert "Start-ups working group" in client.get("/manage/working-groups/").get_data(True)
    client.post(f"/manage/working-groups/{group.id}", data={
        "action": "member", "email": stakeholder.email, "role": "chair"})
    assert group.role_of(stakeholder) == "chair"
    page = client.get(f"/manage/working-groups/{group.id}").get_data(as_text=True)
    assert "Sam Stakeholder" in page and "chair" in page
    client.post("/logout")
    login_as(stakeholder)
    assert client.get("/manage/working-groups/").status_code == 403


def test_the_group_forms_as_rendered(client, login_as, facilitator, group, stakeholder,
                                     make_user):
    login_as(facilitator)
    page = client.get("/manage/working-groups/").get_data(as_text=True)
    data = rendered_form(page, having="name").values() | {"name": "Second working group",
                                                          "region": "Murcia"}
    answer = client.post("/manage/working-groups/", data=data)
    second = next(g for g in services.groups() if g.name == "Second working group")
    assert answer.status_code == 302 and second.region == "Murcia"
    assert second.level_id == int(data["level"]) and second.country is None
    # the same name again is refused on the form, and nothing is added
    answer = client.post("/manage/working-groups/", data=data | {"name": group.name})
    assert "exists already" in answer.get_data(as_text=True)
    assert len(services.groups()) == 2
    # a missing name and a level from another vocabulary are shown on the form
    page = client.get(f"/manage/working-groups/{group.id}").get_data(as_text=True)
    details = rendered_form(page, having="description").values()
    answer = client.post(f"/manage/working-groups/{group.id}",
                         data=details | {"name": "", "level": str(vocab.terms("country")[0].id)})
    assert answer.status_code == 200 and "error-summary" in answer.get_data(as_text=True)
    assert group.name == "Start-ups working group"
    # the member form, as rendered: unknown address on the form, then a chair
    member = rendered_form(page, having="email").values()
    answer = client.post(f"/manage/working-groups/{group.id}",
                         data=member | {"email": "nobody@example.org"})
    assert "No account has that e-mail address." in answer.get_data(as_text=True)
    client.post(f"/manage/working-groups/{group.id}",
                data=member | {"email": stakeholder.email, "role": "chair"})
    assert group.role_of(stakeholder) == "chair"
    client.post(f"/manage/working-groups/{group.id}",
                data=member | {"email": stakeholder.email, "role": ""})
    assert group.role_of(stakeholder) is None
    # a role that the page does not offer changes nothing
    client.post(f"/manage/working-groups/{group.id}",
                data=member | {"email": stakeholder.email, "role": "king"})
    assert group.role_of(stakeholder) is None
    # the details form, as rendered, with a new description
    client.post(f"/manage/working-groups/{group.id}", data=details | {"description": "New"})
    assert group.description == "New" and group.name == "Start-ups working group"
