"""A comment chosen for feedback whose question is not chosen is explained, not dropped."""

from tests.forms import rendered_form


def test_a_chosen_comment_without_its_question_is_explained(client, login_as, facilitator,
                                                            collated):
    round_, _people = collated
    scale = round_.questions[0]
    login_as(facilitator)
    path = f"/manage/rounds/{round_.id}/feedback"
    form = rendered_form(client.get(path), having="synthesis")
    comment_ids = sorted(set(form.options["comment"]))
    form.check("comment", comment_ids[0])  # the question of the comment stays unchosen
    reply = client.post(path, data=form.data("Save the feedback"))
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Participants see a comment only with the results of its question" in page
    assert f"Comment {comment_ids[0]}, on question 1" in page
    assert f'aria-describedby="fc-{comment_ids[0]}-hidden"' in page
    form = rendered_form(page, having="synthesis")
    form.check("question", str(scale.id))
    reply = client.post(path, data=form.data("Save the feedback"))
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Participants see a comment only" not in page and "-hidden" not in page
