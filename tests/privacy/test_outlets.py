"""Every outlet honours the publication choice: feedback, CSV/XLSX, exported annexes."""

import csv
import io

from sqlalchemy import select

from app.analysis import feedback
from app.analysis import services as analysis
from app.core.types import utcnow
from app.drafts import blocks, versions
from app.exports import assemble
from app.privacy import services
from app.responses import services as responses
from app.responses.models import Comment
from tests.analysis.conftest import collated  # noqa: F401  (the fixture)

CHOICES = {"Ana": "named", "Ben": "anonymous", "Cai": "none"}  # Dan and Eva: never asked


def _choose(round_, people):
    for name, choice in CHOICES.items():
        services.choose(people[name], round_, f"u:{people[name].id}", choice)


def _comment(db, author):
    return db.session.scalar(select(Comment).where(Comment.author_id == author.id))


def test_feedback_hides_unpublished_and_attributes_as_chosen(db, collated, facilitator):  # noqa: F811
    round_, people = collated
    _choose(round_, people)
    comments = list(db.session.scalars(select(Comment)))
    analysis.save_feedback(facilitator, round_, synthesis="", question_ids=[
        round_.questions[0].id], comment_ids=[c.id for c in comments], now=utcnow())
    round_.closes_at = utcnow()
    analysis.release_feedback(facilitator, round_, utcnow())
    [item] = feedback.participant_view(round_, responses.find_response(people["Eva"], round_))
    shown = {c.author_id for c in item.comments}
    assert people["Cai"].id not in shown and len(shown) == 4
    assert feedback.attribution(_comment(db, people["Ana"]), round_) == "Ana, Ana org"
    assert feedback.attribution(_comment(db, people["Ben"]), round_) == \
        "a participant (Public authority, Belgium)"
    assert feedback.attribution(_comment(db, people["Dan"]), round_) == "Dan org"


def test_facilitator_csv_marks_each_row(client, db, login_as, facilitator, collated):  # noqa: F811
    round_, people = collated
    _choose(round_, people)
    login_as(facilitator)
    for what in ("answers", "comments"):
        text = client.get(f"/manage/{round_.consultation_id}/export/{what}.csv").get_data(
            as_text=True)
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        marks = {row["organisation"]: row["publication"] for row in rows}
        assert marks == {"Ana org": "publish with name", "Ben org": "publish anonymously",
                         "Cai org": "do not publish", "Dan org": "round's mode",
                         "Eva org": "round's mode"}


def test_exported_annex_leaves_out_unpublished_texts(db, collated, facilitator):  # noqa: F811
    round_, people = collated
    _choose(round_, people)
    document = blocks.create_document(facilitator, title="Recommendations",
                                      consultations=[round_.consultation])
    blocks.add_block(facilitator, document, kind="section", title="Design", now=utcnow())
    version = versions.save_version(facilitator, document, number="0.1")
    markdown, _assets = assemble.assemble(version, ("dispositions",))
    assert "Allow 25-hour units" not in markdown  # Cai's comment
    assert "not published at the author" in markdown
    assert "Publish a register of awarding bodies" in markdown.replace("\\", "")
    assert "Ana org" not in markdown and "Ana" not in markdown.split("Annex C")[-1].split()
