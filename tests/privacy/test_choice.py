"""A consultation's notice and the publication choice, before a person's first answer."""

from sqlalchemy import func, select

from app.privacy import services
from app.privacy.models import ConsultationPrivacy, PublicationChoice
from tests.forms import rendered_form


def _choices(db):
    return db.session.scalar(select(func.count()).select_from(PublicationChoice))


def test_first_visit_asks_the_choice_and_stores_it_with_the_notice_versions(
        client, db, login_as, admin, facilitator, participant, make_round):
    round_ = make_round()
    services.publish_notice(admin, "Site notice")
    services.update_consultation_privacy(facilitator, round_.consultation,
                                         notice="We publish **everything**", retention_days=30)
    services.acknowledge(participant, 1)
    login_as(participant)
    response = client.get(f"/rounds/{round_.id}")
    assert response.status_code == 302 and f"/rounds/{round_.id}/publication" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "<strong>everything</strong>" in page and "Do not publish" in page
    form = rendered_form(page, action="").values()
    assert "choice" not in form  # nothing is chosen for the person
    assert client.post(f"/rounds/{round_.id}/publication", data=form).status_code == 200
    form["choice"] = "anonymous"
    assert client.post(f"/rounds/{round_.id}/publication", data=form).status_code == 302
    stored = db.session.scalar(select(PublicationChoice))
    assert (stored.choice, stored.notice_number, stored.consultation_notice_number,
            stored.owner_key) == ("anonymous", 1, 1, f"u:{participant.id}")
    assert client.get(f"/rounds/{round_.id}").status_code == 200


def test_choice_carries_over_to_the_next_round_until_the_notice_changes(
        client, db, login_as, facilitator, participant, make_round):
    first = make_round()
    second = make_round(consultation=first.consultation, title="Round 2")
    services.choose(participant, first, f"u:{participant.id}", "none")
    login_as(participant)
    assert client.get(f"/rounds/{second.id}").status_code == 200
    assert services.choice_for(second, f"u:{participant.id}").choice == "none"
    third = make_round(consultation=first.consultation, title="Round 3")
    services.update_consultation_privacy(facilitator, first.consultation, notice="Changed",
                                         retention_days=None)
    assert client.get(f"/rounds/{third.id}").status_code == 302


def test_hostile_and_foreign_choices_are_refused(client, db, login_as, participant, make_user,
                                                make_round, make_consultation):
    round_ = make_round()
    closed = make_round(title="Draft round", publish=False)
    login_as(participant)
    form = rendered_form(client.get(f"/rounds/{round_.id}/publication"), action="").values()
    for bad, status in (("everything", 200), ("", 200), ("named\x00", 400), ("<script>", 200)):
        form["choice"] = bad  # a control character is refused before any view (core.input)
        assert client.post(f"/rounds/{round_.id}/publication", data=form).status_code == status
    assert client.post(f"/rounds/{closed.id}/publication",
                       data=form | {"choice": "named"}).status_code == 404
    assert client.post("/rounds/999999/publication", data=form).status_code == 404
    client.post("/logout")
    login_as(make_user())  # in no audience
    assert client.post(f"/rounds/{round_.id}/publication",
                       data=form | {"choice": "named"}).status_code in (400, 403)
    assert _choices(db) == 0


def test_consultation_settings_only_for_its_facilitators(client, db, login_as, facilitator,
                                                        make_user, make_consultation):
    mine = make_consultation()
    other_owner = make_user(roles=("facilitator",))
    theirs = make_consultation(title="Another", owner=other_owner)
    login_as(facilitator)
    form = rendered_form(client.get(f"/manage/{mine.id}/privacy"), action="").values()
    form.update(notice="Purpose: <img src=x onerror=alert(1)> 🌲", retention_days="90")
    assert client.post(f"/manage/{mine.id}/privacy", data=form).status_code == 302
    settings = db.session.get(ConsultationPrivacy, mine.id)
    assert (settings.retention_days, settings.notice_number) == (90, 1)
    for days in ("-1", "0", "99999999999", "abc"):
        form["retention_days"] = days
        assert client.post(f"/manage/{mine.id}/privacy", data=form).status_code == 200
    form["retention_days"] = "90"
    for notice in ("[" * 5_000, "- " * 600 + "x"):
        form["notice"] = notice
        assert client.post(f"/manage/{mine.id}/privacy", data=form).status_code == 200
    assert db.session.get(ConsultationPrivacy, mine.id).notice_number == 1
    assert client.get(f"/manage/{theirs.id}/privacy").status_code == 403
    assert client.post(f"/manage/{theirs.id}/privacy",
                       data=form | {"retention_days": "5"}).status_code == 403
    assert db.session.get(ConsultationPrivacy, theirs.id) is None
    assert client.get("/manage/999999/privacy").status_code == 404


def test_overview_links_the_privacy_settings(client, db, login_as, facilitator,
                                             make_consultation):
    consultation = make_consultation()
    login_as(facilitator)
    page = client.get(f"/manage/{consultation.id}").get_data(as_text=True)
    assert f'href="/manage/{consultation.id}/privacy"' in page


def test_a_foreign_organisation_in_the_form_is_not_chosen_for(client, db, login_as, participant,
                                                             make_organisation, make_round):
    round_ = make_round(response_mode="organisation")
    foreign = make_organisation(name="Someone else's organisation")
    login_as(participant)
    form = rendered_form(client.get(f"/rounds/{round_.id}/publication"), action="").values()
    own = form["organisation"]
    form.update(choice="none", organisation=str(foreign.id))
    client.post(f"/rounds/{round_.id}/publication", data=form)
    keys = set(db.session.scalars(select(PublicationChoice.owner_key)))
    assert f"o:{foreign.id}" not in keys and f"o:{own}" not in keys
