"""Participants never lose text: the round page's forms, as rendered, saved and reviewed."""

import re

import pytest
from sqlalchemy import update

from app.extensions import db
from app.responses import services
from app.responses.models import Answer, Response
from app.vocab import services as vocab
from tests.conftest import add_question
from tests.forms import RenderedForm, rendered_form
from tests.privacy.helpers import chose_publication


@pytest.fixture
def make_round(make_round, participant):
    """Rounds whose publication choice the participant has already given (asked first)."""

    def make(*args, **kwargs):
        round_ = make_round(*args, **kwargs)
        chose_publication(round_, participant)
        return round_

    return make


def _page(client, round_):
    return client.get(f"/rounds/{round_.id}").get_data(as_text=True)


def _form(client, round_) -> RenderedForm:
    return rendered_form(_page(client, round_), form_id="response-form")


def _links_to(page: str, round_, field: str) -> bool:
    return re.search(rf'href="/rounds/{round_.id}(\?organisation=\d+)?#{field}"', page) is not None


def _save(client, round_, form: RenderedForm, button="Save draft", follow=True):
    reply = client.post(f"/rounds/{round_.id}", data=form.data(button))
    if follow and reply.status_code == 302:
        return client.get(reply.headers["Location"])
    return reply


def test_an_out_of_range_answer_does_not_cost_the_rest_of_the_draft(client, login_as,
                                                                     participant, make_round):
    round_ = make_round(questions=("number", "text"))
    number, text = round_.questions
    login_as(participant)
    form = _form(client, round_)
    form.set(f"q-{number.id}", "250").set(f"q-{text.id}", "My long considered answer.")
    form.set(f"c-{text.id}-new-body", "A comment typed with care.")
    page = _save(client, round_, form).get_data(as_text=True)
    saved = services.find_response(participant, round_)
    assert saved.answer_for(text.id).value == "My long considered answer."
    assert [c.body for c in saved.comments] == ["A comment typed with care."]
    assert saved.answer_for(number.id) is None  # only valid values are stored
    assert "Your draft has been saved" in page and "need correcting" in page
    assert 'value="250"' in page and "the highest allowed number is 100" in page
    assert f'href="#q-{number.id}"' in page and "were not saved" not in page
    again = rendered_form(page, form_id="response-form")  # the page keeps the typed value
    assert again.data()[f"q-{number.id}"] == "250"
    # the review page names the problem, links to the field and offers no Submit
    review = client.get(f"/rounds/{round_.id}/confirm").get_data(as_text=True)
    assert "not ready to submit" in review and _links_to(review, round_, f"q-{number.id}")
    assert "Submit my response" not in review
    refused = client.post(f"/rounds/{round_.id}/confirm", data={"version": saved.version})
    assert refused.status_code == 422 and not saved.is_submitted
    assert "were not saved" not in refused.get_data(as_text=True)
    again.set(f"q-{number.id}", "25")
    _save(client, round_, again)
    review = client.get(f"/rounds/{round_.id}/confirm").get_data(as_text=True)
    assert "Submit my response" in review and "not ready to submit" not in review
    assert saved.answer_for(number.id).value == 25 and saved.pending is None


def test_autosave_keeps_valid_values_and_reports_the_others(client, login_as, participant,
                                                            make_round):
    round_ = make_round(questions=("scale", "text"))
    scale, text = round_.questions
    login_as(participant)
    form = _form(client, round_)
    form.set(f"q-{text.id}", "Typed before the scale went wrong.")
    data = form.data()
    data[f"q-{scale.id}"] = "9"  # a tampered or stale radio value
    reply = client.post(f"/rounds/{round_.id}/autosave", data=data)
    body = reply.get_json()
    assert reply.status_code == 200 and body["status"] == "saved"
    assert "choose a point of the scale" in body["errors"][f"q-{scale.id}"]
    saved = services.find_response(participant, round_)
    assert saved.answer_for(text.id).value == "Typed before the scale went wrong."


def test_missing_required_answers_are_listed_before_the_final_submit(client, login_as,
                                                                     participant, make_round):
    round_ = make_round(questions=("text",))
    required = add_question(round_, "single", is_required=True, prompt="Pick one")
    login_as(participant)
    form = _form(client, round_)
    form.set(f"q-{round_.questions[0].id}", "Only the optional one.")
    reply = _save(client, round_, form, button="Review and submit", follow=False)
    review = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "“Pick one” needs an answer." in review
    assert _links_to(review, round_, f"q-{required.id}")
    assert "Submit my response" not in review and "were not saved" not in review
    # the link leads to a field that exists on the round page
    assert f'id="q-{required.id}"' in _page(client, round_)


def test_a_proposed_change_without_a_comment_is_kept_with_a_message(client, login_as,
                                                                    participant, make_round):
    round_ = make_round(questions=("text",))
    (text,) = round_.questions
    login_as(participant)
    form = _form(client, round_)
    form.set(f"c-{text.id}-new-change", "Replace “should” with “must”.")
    page = _save(client, round_, form).get_data(as_text=True)
    assert "Replace “should” with “must”.</textarea>" in page
    assert "Explain your proposed change in the comment" in page
    assert "Your draft has been saved" in page and "need correcting" in page
    assert services.find_response(participant, round_).comments == []
    form = rendered_form(page, form_id="response-form")
    form.set(f"c-{text.id}-new-body", "Stronger wording.")
    _save(client, round_, form)
    [comment] = services.find_response(participant, round_).comments
    assert (comment.body, comment.proposed_change) == ("Stronger wording.",
                                                       "Replace “should” with “must”.")


def test_a_submitted_response_edited_to_nothing_is_a_draft_again(client, login_as,
                                                                 participant, make_round):
    round_ = make_round(questions=("text",))
    required = add_question(round_, "scale", is_required=True, prompt="Agree?")
    login_as(participant)
    form = _form(client, round_)
    form.set(f"q-{round_.questions[0].id}", "Answer").check(f"q-{required.id}", "4")
    _save(client, round_, form, button="Review and submit")
    saved = services.find_response(participant, round_)
    client.post(f"/rounds/{round_.id}/confirm", data={"version": saved.version})
    assert saved.is_submitted
    form = _form(client, round_)
    form.set(f"q-{round_.questions[0].id}", "").check(f"q-{required.id}", "4", checked=False)
    page = _save(client, round_, form).get_data(as_text=True)
    assert not services.find_response(participant, round_).is_submitted
    assert "your response is a draft again" in page and "“Agree?” needs an answer." in page
    assert "Submitted on" not in page and "Draft saved on" in page


def test_a_save_racing_another_save_of_the_same_response_shows_the_conflict(
        client, login_as, participant, make_round, monkeypatch):
    """Both tabs read version N; the other one commits first. The loser's text is kept and
    shown beside the winner's instead of a server error."""
    round_ = make_round(questions=("text",))
    (text,) = round_.questions
    login_as(participant)
    form = _form(client, round_)
    form.set(f"q-{text.id}", "First words.")
    _save(client, round_, form)
    form = _form(client, round_)  # both tabs now carry the same version
    form.set(f"q-{text.id}", "My tab's words.")
    original = services.find_response

    def other_tab_commits_after_my_read(*args, **kwargs):
        response = original(*args, **kwargs)  # read at version N, with its answers
        monkeypatch.setattr(services, "find_response", original)
        db.session.execute(update(Answer).where(Answer.response_id == response.id)
                           .values(value="The other tab's words.",
                                   text_value="The other tab's words.")
                           .execution_options(synchronize_session=False))
        db.session.execute(update(Response).where(Response.id == response.id)
                           .values(version=Response.version + 1)
                           .execution_options(synchronize_session=False))
        return response

    monkeypatch.setattr(services, "find_response", other_tab_commits_after_my_read)
    reply = _save(client, round_, form, follow=False)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 409
    assert "Someone else saved this response" in page
    assert "The other tab&#39;s words." in page and "My tab&#39;s words." in page
    saved = services.find_response(participant, round_)
    db.session.refresh(saved)
    assert saved.answer_for(text.id).value == "The other tab's words."
    assert services.last_revision(saved).kind == "conflict"
    assert services.last_revision(saved).snapshot["answers"][str(text.id)] == "My tab's words."
    # saving again from the conflict page (it carries the newest version) succeeds
    retry = rendered_form(page, form_id="response-form")
    _save(client, round_, retry)
    assert services.find_response(participant, round_).answer_for(text.id).value == (
        "My tab's words.")


def test_the_round_page_has_no_duplicate_ids(client, login_as, participant, make_round):
    round_ = make_round(questions=("text", "scale"))
    phase = vocab.term("credential_phase", "design").id
    login_as(participant)
    form = _form(client, round_)
    form.set(f"c-{round_.questions[0].id}-new-body", "A comment")
    form.check(f"c-{round_.questions[0].id}-new-phases", str(phase))
    page = _save(client, round_, form).get_data(as_text=True)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("version", ["abc", str(2**31), "1.5"])
def test_a_version_that_is_no_number_is_a_message_and_the_text_stays(client, login_as,
                                                                     participant, make_round,
                                                                     version):
    round_ = make_round(questions=("text",))
    (text,) = round_.questions
    login_as(participant)
    form = _form(client, round_).set(f"q-{text.id}", "Typed, never lost.").set("version", version)
    reply = _save(client, round_, form, follow=False)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 422 and "Not a valid integer value." in page
    assert "Typed, never lost." in page
    background = client.post(f"/rounds/{round_.id}/autosave", data=form.data())
    assert background.status_code == 422 and background.get_json()["status"] == "refused"
    assert services.find_response(participant, round_) is None
