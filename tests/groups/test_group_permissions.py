"""Working-group membership: managed by the facilitators of the group's documents'
consultations and administrators; the chair manages plain members; nobody grants themselves
rights."""

import pytest

from app.core.errors import NotAllowed
from app.drafts import blocks
from app.drafts import permissions as draft_permissions
from app.groups import permissions, services
from app.vocab import services as vocab


@pytest.fixture
def world(facilitator, make_user, make_consultation, admin):
    group = services.save_group(facilitator, name="Wood group",
                                level=vocab.term("governance_level", "eu"))
    consultation = make_consultation()
    document = blocks.create_document(facilitator, title="Wood brief", working_group=group,
                                      consultations=[consultation])
    chair, member, outsider = make_user(), make_user(), make_user()
    services.set_member(facilitator, group, chair, "chair")
    services.set_member(facilitator, group, member, "member")
    other = make_user(roles=("facilitator",))
    return {"group": group, "document": document, "chair": chair, "member": member,
            "outsider": outsider, "other": other, "admin": admin}


def test_another_facilitator_cannot_add_themselves_or_anyone(world):
    other, group = world["other"], world["group"]
    for person, role in ((other, "chair"), (other, "member"), (world["outsider"], "chair")):
        with pytest.raises(NotAllowed):
            services.set_member(other, group, person, role)
    assert group.role_of(other) is None
    assert not draft_permissions.can_edit(other, world["document"])
    with pytest.raises(NotAllowed):
        services.save_group(other, name="Renamed", level=group.level, group=group)


def test_nobody_changes_their_own_membership(world, facilitator):
    group = world["group"]
    with pytest.raises(NotAllowed):
        services.set_member(facilitator, group, facilitator, "chair")
    with pytest.raises(NotAllowed):
        services.set_member(world["chair"], group, world["chair"], None)
    with pytest.raises(NotAllowed):
        services.set_member(world["member"], group, world["member"], "chair")
    services.set_member(world["admin"], group, world["admin"], "member")
    assert group.role_of(world["admin"]) == "member"


def test_chair_manages_plain_members_only(world):
    chair, group = world["chair"], world["group"]
    services.set_member(chair, group, world["outsider"], "member")
    assert group.role_of(world["outsider"]) == "member"
    with pytest.raises(NotAllowed):
        services.set_member(chair, group, world["outsider"], "chair")
    services.set_member(chair, group, world["outsider"], None)
    assert group.role_of(world["outsider"]) is None
    with pytest.raises(NotAllowed):
        services.set_member(world["member"], group, world["outsider"], "member")


def test_permission_functions(world, facilitator):
    group = world["group"]
    assert permissions.can_manage_group(facilitator, group)
    assert permissions.can_manage_group(world["admin"], group)
    assert not permissions.can_manage_group(world["other"], group)
    assert not permissions.can_manage_group(world["chair"], group)
    assert permissions.can_manage_members(world["chair"], group)
    assert not permissions.can_manage_members(world["member"], group)
    assert permissions.can_view_group(world["member"], group)
    assert not permissions.can_view_group(world["outsider"], group)


def test_group_page_refuses_other_facilitator_and_changes_nothing(client, login_as, world):
    group = world["group"]
    login_as(world["other"])
    client.post(f"/manage/working-groups/{group.id}", data={
        "action": "member", "email": world["other"].email, "role": "chair"})
    assert group.role_of(world["other"]) is None
    client.post("/logout")
    login_as(world["chair"])
    page = client.get(f"/manage/working-groups/{group.id}").get_data(as_text=True)
    assert 'value="chair"' not in page
    assert client.get("/manage/working-groups/").status_code == 403
    login_as_outsider = world["outsider"]
    client.post("/logout")
    login_as(login_as_outsider)
    assert client.get(f"/manage/working-groups/{group.id}").status_code == 403
