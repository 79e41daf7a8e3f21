"""A round presents only versions of documents its facilitator may read, on its consultation."""

import pytest

from app.consultations import rounds
from app.core.errors import DomainError
from app.core.types import utcnow
from app.drafts import blocks, versions
from tests.forms import rendered_form


@pytest.fixture
def world(make_user, make_consultation, make_round, facilitator):
    other = make_user(email="other-fac@example.org", roles=("facilitator",))
    mine = make_round(publish=False)
    theirs = make_consultation(title="Their consultation", owner=other)
    own_doc = blocks.create_document(facilitator, title="Mine",
                                     consultations=[mine.consultation])
    secret = blocks.create_document(other, title="Their unreleased draft",
                                    consultations=[theirs])
    for actor, document in ((facilitator, own_doc), (other, secret)):
        blocks.add_block(actor, document, kind="section", title="One", now=utcnow())
    return {"round": mine, "own": versions.save_version(facilitator, own_doc, number="0.1"),
            "secret": versions.save_version(other, secret, number="0.1"), "other": other}


def test_service_refuses_a_version_of_another_facilitators_document(world, facilitator):
    round_ = world["round"]
    with pytest.raises(DomainError):
        rounds.update_round(facilitator, round_, utcnow(),
                            document_version_id=world["secret"].id)
    with pytest.raises(DomainError):
        rounds.create_round(facilitator, round_.consultation, title="R2",
                            opens_at=round_.opens_at, closes_at=round_.closes_at,
                            document_version_id=world["secret"].id)
    rounds.update_round(facilitator, round_, utcnow(), document_version_id=world["own"].id)
    assert round_.document_version_id == world["own"].id


@pytest.mark.parametrize("value", ["secret", "999999", "abc"])
def test_round_form_refuses_foreign_and_missing_versions(client, login_as, facilitator, world,
                                                         value):
    round_ = world["round"]
    login_as(facilitator)
    url = f"/manage/rounds/{round_.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Their unreleased draft" not in page
    chosen = str(world["secret"].id) if value == "secret" else value
    response = client.post(url, data=rendered_form(page, having="document_version").set(
        "document_version", chosen).data())
    assert response.status_code == 200
    assert round_.document_version_id is None


def test_round_form_accepts_own_version(client, login_as, facilitator, world):
    round_ = world["round"]
    login_as(facilitator)
    url = f"/manage/rounds/{round_.id}"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data=rendered_form(page, having="document_version").set(
        "document_version", str(world["own"].id)).data())
    assert response.status_code == 302
    assert round_.document_version_id == world["own"].id

