"""A comment chosen for feedback whose question is not chosen is explained, not dropped."""

from tests.page_forms import PageForm


def test_a_chosen_comment_without_its_question_is_explained(client, login_as, facilitator,
                                                            collated):
    round_, _people = collated
    scale = round_.questions[0]
    login_as(facilitator)
    path = f"/manage/rounds/{round_.id}/feedback"
    form = PageForm.from_page(client.get(path).get_data(as_text=True), containing="synthesis")
    comment_ids = sorted({f[3] for f in form.fields if f[0] == "comment"})
    form.check("comment", comment_ids[0])  # the question of the comment stays unchosen
    reply = client.post(path, data=form.data("Save the feedback"))
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Participants see a comment only with the results of its question" in page
    assert f"Comment {comment_ids[0]}, on question 1" in page
    assert f'aria-describedby="fc-{comment_ids[0]}-hidden"' in page
    form = PageForm.from_page(page, containing="synthesis")
    form.check("question", str(scale.id))
    reply = client.post(path, data=form.data("Save the feedback"))
    page = client.get(reply.headers["Location"]).get_data(as_text=True)
    assert "Participants see a comment only" not in page and "-hidden" not in page
