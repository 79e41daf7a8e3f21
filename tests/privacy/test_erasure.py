"""Erasure: the account is closed and the person's name and e-mail are nowhere any more."""

from click.testing import CliRunner
from sqlalchemy import JSON, String, Text, cast, func, inspect, or_, select

from app.accounts.models import User
from app.audit.models import AuditEvent
from app.consultations.audience import invite_emails
from app.core.mail import send_mail
from app.core.types import utcnow
from app.drafts import dispositions
from app.drafts.blocks import create_document
from app.extensions import db as _db
from app.privacy import download, erasure
from app.responses import services as responses
from app.responses.models import Comment, Response
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.forms import rendered_form

NAME, EMAIL = "Zyxwa Quorblé", "zyxwa.quorble@example.org"


def _save(person, round_, body, submit=True):
    comment = CommentInput(question_id=round_.questions[0].id, body=body,
                           phases=[vocab.term("credential_phase", "design").id])
    return responses.save_response(person, round_, ResponseInput(
        {round_.questions[0].id: "4"}, [comment]), now=utcnow(), expected_version=None,
        submit=submit).response


def _person_with_history(make_user, make_organisation, make_round, facilitator, mail_dir):
    organisation = make_organisation(name="Quorblé Partners")
    person = make_user(email=EMAIL, name=NAME, organisations=[organisation])
    submitted_round, draft_round = make_round(), make_round(title="Round 2")
    invite_emails(facilitator, submitted_round, EMAIL)
    response = _save(person, submitted_round, f"My colleague {NAME} agrees")
    _save(person, draft_round, "Unsubmitted thoughts", submit=False)
    document = create_document(facilitator, title="Recommendations",
                               consultations=[submitted_round.consultation])
    dispositions.decide(facilitator, document, response.comments[0], status="noted",
                        reason="Thanks", block=None, expected_version=None, now=utcnow())
    download.create_download(person, utcnow())
    send_mail(EMAIL, "Your receipt", f"Dear {NAME}")
    send_mail("other@example.org", "Other", "Not about them")
    return person, response


def _text_columns():
    for table in _db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String | Text | JSON):
                yield table, column


def _mentions(needle: str) -> list[str]:
    """Every table and text column holding `needle` (any case)."""
    found = []
    for table, column in _text_columns():
        value = func.lower(cast(column, Text))
        if _db.session.scalar(select(func.count()).select_from(table).where(or_(
                value.contains(needle.lower()),
                value.contains(needle.lower().encode("unicode_escape").decode())))):
            found.append(f"{table.name}.{column.name}")
    return found


def test_erasure_through_the_account_page_leaves_no_trace(
        client, db, login_as, make_user, make_organisation, make_round, facilitator, mail_dir):
    person, response = _person_with_history(make_user, make_organisation, make_round,
                                            facilitator, mail_dir)
    person_id, response_id = person.id, response.id
    assert _mentions(EMAIL) and _mentions(NAME)
    login_as(person)
    form = rendered_form(client.get("/account/erase"), action="").values()
    form["password"] = "wrong"
    form["confirm"] = "y"
    assert client.post("/account/erase", data=form).status_code == 422
    form["password"] = "correct horse battery"
    del form["confirm"]
    assert client.post("/account/erase", data=form).status_code == 422
    assert db.session.get(User, person_id).email == EMAIL
    form["confirm"] = "y"
    assert client.post("/account/erase", data=form).status_code == 302
    db.session.expire_all()
    assert _mentions(EMAIL) == [] and _mentions("zyxwa") == []
    erased = db.session.get(User, person_id)
    assert not erased.is_active and erased.organisations == []
    assert client.get("/account").status_code == 302  # signed out
    kept = db.session.get(Response, response_id)  # the submitted response stays
    assert kept.is_submitted and kept.comments[0].body.startswith("My colleague Erased participant")
    assert db.session.scalar(select(func.count()).select_from(Response).where(
        Response.user_id == person_id)) == 1  # the draft is gone
    assert [p.name for p in mail_dir.glob("*.eml")] and all(
        EMAIL not in p.read_text() for p in mail_dir.glob("*.eml"))
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.verb == "privacy.erase"))
    assert event.actor_id is None and "zyxwa" not in str(event.details).lower()


def test_erasure_with_texts_removed_keeps_the_dispositions(
        app, db, make_user, make_organisation, make_round, facilitator, mail_dir):
    person, response = _person_with_history(make_user, make_organisation, make_round,
                                            facilitator, mail_dir)
    comment_id = response.comments[0].id
    result = CliRunner().invoke(app.cli, ["privacy", "erase", EMAIL])
    assert result.exit_code != 0 and db.session.get(User, person.id).email == EMAIL
    result = CliRunner().invoke(app.cli, ["privacy", "erase", EMAIL, "--yes", "--remove-texts"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert _mentions(EMAIL) == [] and _mentions("zyxwa") == []
    comment = db.session.get(Comment, comment_id)
    assert comment.body == erasure.REMOVED
    from app.drafts.models import Disposition

    assert db.session.scalar(select(Disposition).where(
        Disposition.comment_id == comment_id)).status == "noted"


def test_erasing_one_person_leaves_the_other_alone(db, make_user, make_round, participant,
                                                   facilitator):
    other = make_user(email="keep@example.org", name="Keep Me",
                      organisations=participant.organisations)
    round_ = make_round()
    _save(other, round_, "Kept text")
    erasure.erase(participant)
    assert db.session.get(User, other.id).email == "keep@example.org"
    assert inspect(other).persistent and other.organisations


def test_a_short_name_is_replaced_as_a_word_only(db, make_user, make_round, participant):
    ana = make_user(email="ana@example.org", name="Ana")
    response = _save(participant, make_round(), "Banana growers agree with Ana.")
    erasure.erase(ana)
    db.session.refresh(response.comments[0])
    assert response.comments[0].body.startswith("Banana growers agree with Erased participant")
