"""Collation pages: who may see them, and what they show."""

from app.analysis import services
from app.core.types import utcnow
from app.vocab import services as vocab
from tests.forms import rendered_form
from tests.privacy.helpers import chose_publication


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_stakeholders_and_other_facilitators_get_403(client, login_as, collated, make_user):
    round_, people = collated
    consultation_id = round_.consultation_id
    paths = [f"/manage/{consultation_id}/explore", f"/manage/{consultation_id}/codebook",
             f"/manage/rounds/{round_.id}/statistics", f"/manage/rounds/{round_.id}/feedback"]
    login_as(people["Ana"])
    for path in paths:
        assert client.get(path).status_code == 403, path
    client.post("/logout")
    login_as(make_user(roles=("facilitator",)))
    for path in paths:
        assert client.get(path).status_code == 403, path


def test_explorer_page(client, login_as, facilitator, collated):
    round_, _people = collated
    login_as(facilitator)
    page = _text(client.get(f"/manage/{round_.consultation_id}/explore?q=register"))
    assert "3 items match" in page
    assert "Ana, Ana org" in page  # attributed round: facilitators see who wrote it
    assert "Publish a <mark>register</mark> of awarding bodies" in page
    page = _text(client.get(f"/manage/{round_.consultation_id}/explore",
                            query_string={"q": '"awarding bod"* OR wallet*'}))
    assert "3 items match" in page and "<mark>awarding</mark> <mark>bodies</mark>" in page
    assert "Europass <mark>wallets</mark> matter." in page
    phase = vocab.term("credential_phase", "design").id
    page = _text(client.get(f"/manage/{round_.consultation_id}/explore?phase={phase}"
                            "&kind=comment"))
    assert "1 item matches" in page and "Allow 25-hour units" in page


def test_explorer_hides_identities_in_anonymous_rounds(client, login_as, facilitator,
                                                       collated):
    round_, _people = collated
    round_.anonymity = "anonymous"
    login_as(facilitator)
    page = _text(client.get(f"/manage/{round_.consultation_id}/explore"))
    # five respondents, no profile shared by three: each is shown as "other"
    assert "Ana org" not in page and "Public authority" not in page
    assert "Other respondents" in page
    comment_link = page.split('/items/comment/')[1].split('"')[0]
    item = _text(client.get(f"/manage/{round_.consultation_id}/items/comment/{comment_link}"))
    assert "Not shown in this round" in item and "Ana org" not in item


def test_bulk_coding_and_notes_through_pages(client, login_as, facilitator, collated):
    round_, _people = collated
    consultation_id = round_.consultation_id
    login_as(facilitator)
    client.post(f"/manage/{consultation_id}/codebook", data={"label": "Quality",
                                                            "colour": "#0a4f9e"})
    [code] = services.codebook(round_.consultation)
    from werkzeug.datastructures import MultiDict

    from app.analysis import explorer
    from app.extensions import db

    rows = explorer.page(consultation_id, explorer.Filters.from_args(MultiDict({"q": "units"})),
                         db.session.get_bind().dialect.name).rows
    response = client.post(f"/manage/{consultation_id}/explore/codes", data={
        "item": [f"{r.kind}:{r.id}" for r in rows], "code": [code.id], "action": "apply",
        "back": f"/manage/{consultation_id}/explore?code={code.id}"}, follow_redirects=True)
    page = _text(response)
    assert "2 codes changed." in page and "2 items match" in page
    comment = next(r for r in rows if r.kind == "comment")
    client.post(f"/manage/{consultation_id}/items/comment/{comment.id}",
                data={"note": "Ask the cluster"})
    assert "Ask the cluster" in _text(client.get(
        f"/manage/{consultation_id}/items/comment/{comment.id}"))


def test_statistics_page(client, login_as, facilitator, collated):
    round_, _people = collated
    login_as(facilitator)
    page = _text(client.get(f"/manage/rounds/{round_.id}/statistics"))
    assert "<svg role=\"img\"" in page and "<title id=" in page and "<desc id=" in page
    assert "Median 4, IQR 1 (3–4)" in page and "Not reached" in page
    assert "Kendall" in page and "Public authority" in page
    country = _text(client.get(f"/manage/rounds/{round_.id}/statistics?group=country"))
    assert "Finland" in country
    assert client.get(f"/manage/rounds/{round_.id}/statistics?group=mood").status_code == 404


def test_statistics_page_suppresses_small_groups_when_anonymous(client, login_as,
                                                                facilitator, collated):
    round_, _people = collated
    round_.anonymity = "anonymous"
    login_as(facilitator)
    page = _text(client.get(f"/manage/rounds/{round_.id}/statistics?group=country"))
    assert "Other groups (each under 3)" in page and "groups of fewer than 3" in page
    assert "<th scope=\"row\">Finland</th>" not in page


def test_feedback_flow(client, login_as, facilitator, collated):
    round_, people = collated
    scale = round_.questions[0]
    login_as(facilitator)
    client.post(f"/manage/rounds/{round_.id}/feedback", data={
        "synthesis": "Most **agree**.", "question": [scale.id], "action": "save"})
    released = client.post(f"/manage/rounds/{round_.id}/feedback", data={"action": "release"},
                           follow_redirects=True)
    assert "once the round has closed" in _text(released)
    client.post("/logout")
    login_as(people["Cai"])
    assert client.get(f"/rounds/{round_.id}/feedback").status_code == 404  # not released
    round_.closes_at = utcnow()
    services.release_feedback(facilitator, round_, utcnow())
    page = _text(client.get(f"/rounds/{round_.id}/feedback"))
    assert "Most <strong>agree</strong>." in page
    assert "outside the middle half" in page and "2 – Disagree" in page
    assert "See what the group said" in _text(client.get(f"/rounds/{round_.id}"))


def test_next_round_shows_feedback_beside_the_same_question(client, login_as, facilitator,
                                                            collated):
    from app.consultations import rounds

    round_, people = collated
    services.save_feedback(facilitator, round_, synthesis="", now=utcnow(),
                           question_ids=[round_.questions[0].id], comment_ids=[])
    round_.closes_at = utcnow()
    services.release_feedback(facilitator, round_, utcnow())
    following = rounds.copy_round(facilitator, round_)
    following.opens_at, following.published_at = utcnow(), utcnow()
    chose_publication(following, people["Cai"])
    login_as(people["Cai"])
    page = _text(client.get(f"/rounds/{following.id}"))
    assert "In the previous round" in page and "your answer then" in page


def test_codebook_forms_as_rendered_and_hostile_posts(client, login_as, facilitator, collated):
    round_, _people = collated
    consultation_id = round_.consultation_id
    login_as(facilitator)
    page = _text(client.get(f"/manage/{consultation_id}/codebook"))
    added = rendered_form(page, having="label").values() | {"label": "Timing",
                                                            "description": "When"}
    answer = client.post(f"/manage/{consultation_id}/codebook", data=added,
                         follow_redirects=True)
    assert "The code has been added." in _text(answer)
    [code] = services.codebook(round_.consultation)
    assert (code.label, code.description, code.parent_id) == ("Timing", "When", None)
    # a refusal of the service and an invalid number are flashed, and nothing changes
    for data, message in ((added | {"colour": "#123456"}, "Choose one of the offered colours."),
                          (added | {"parent": "x"}, "Not a valid integer value.")):
        page = _text(client.post(f"/manage/{consultation_id}/codebook", data=data,
                                 follow_redirects=True))
        assert message in page
    assert len(services.codebook(round_.consultation)) == 1
    threshold = rendered_form(page, having="threshold").values()
    answer = client.post(f"/manage/{consultation_id}/similarity",
                         data=threshold | {"threshold": "12"}, follow_redirects=True)
    assert "between 50 and 100" in _text(answer)
    # coding goes back only to a page of this site
    answer = client.post(f"/manage/{consultation_id}/explore/codes", data={
        "item": ["comment:1"], "code": [code.id], "back": "//elsewhere.example/"})
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/manage/{consultation_id}/explore"


def test_feedback_shows_prompts_and_labels_in_the_readers_language(client, login_as, facilitator,
                                                                   collated):
    from app.consultations import content
    from app.consultations import services as consultations

    round_, people = collated
    scale, single = round_.questions[:2]
    consultations.update_consultation(facilitator, round_.consultation, offered_languages=["it"])
    content.save_translations(facilitator, "it", {scale: {
        "prompt": "La domanda su scala", "scale_labels": [
            "Per niente", "In disaccordo", "Né sì né no", "D'accordo", "Del tutto"]}})
    services.save_feedback(facilitator, round_, synthesis="", now=utcnow(),
                           question_ids=[scale.id, single.id], comment_ids=[])
    round_.closes_at = utcnow()
    services.release_feedback(facilitator, round_, utcnow())
    people["Cai"].preferred_language = "it"
    login_as(people["Cai"])
    page = _text(client.get(f"/rounds/{round_.id}/feedback"))
    assert "La domanda su scala" in page and "2 – In disaccordo" in page
    assert '<span lang="en">The single question</span>' in page  # not translated
    assert 'id="translation-note"' in page
    # the facilitator's statistics keep the original texts
    client.post("/logout")
    login_as(facilitator)
    statistics = _text(client.get(f"/manage/rounds/{round_.id}/statistics"))
    assert "The scale question" in statistics and "La domanda su scala" not in statistics
