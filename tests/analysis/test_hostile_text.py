"""A hostile comment stored before the bounds never breaks or stalls collation pages."""

import pytest

from app.extensions import db
from app.responses.models import Comment

HOSTILE = {
    "600 levels of '- '": "- " * 600 + "deep",
    "10,000-character nested brackets": "[" * 5_000 + "]" * 5_000,
    "5,000 unclosed tags": "<a " * 5_000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_explorer_shows_a_hostile_comment_as_plain_text(client, login_as,
                                                                      facilitator, collated,
                                                                      text):
    round_, people = collated
    comment = db.session.scalars(db.select(Comment).where(
        Comment.author_id == people["Cai"].id)).one()
    comment.body = text  # written before saving refused such texts
    db.session.flush()
    login_as(facilitator)
    consultation_id = round_.consultation_id
    explorer = client.get(f"/manage/{consultation_id}/explore")
    assert explorer.status_code == 200  # was 500 for the whole consultation
    page = explorer.get_data(as_text=True)
    assert 'class="plain-text"' in page and "Publish a register" in page  # the others too
    assert "<a a" not in page and "<li>- " not in page
