"""Pages run the same number of SQL statements whatever the amount of data (no N+1)."""

from flask import g

from app.benchmarks.counting import count_statements
from app.benchmarks.pages import shows_items, typical_pages
from app.benchmarks.seed import seed, seed_document
from app.extensions import db
from app.responses.models import Response, ResponseRevision


def _counts(client, comments: int, seed_value: int, admin_id: int) -> dict[str, int]:
    from app.accounts.models import User

    admin = db.session.get(User, admin_id)
    consultation = seed(comments=comments, answers=comments * 2, seed_value=seed_value)
    version = seed_document(admin, consultation, recommendations=20, seed_value=seed_value)
    db.session.commit()
    counts = {}
    for name, path in typical_pages(consultation, version).items():
        db.session.expunge_all()  # each page starts from an empty identity map, as in production
        g.pop("_login_user", None)
        with count_statements() as statements:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        assert shows_items(name, response.data), name
        counts[name] = len(statements)
    return counts


def test_statement_counts_do_not_grow_with_data(client, login_as, admin):
    login_as(admin)
    admin_id = admin.id
    small = _counts(client, 40, 11, admin_id)
    large = _counts(client, 400, 12, admin_id)
    assert small == large



def _answered_round(make_round, participant, comments: int, questions: tuple) -> int:
    """A round of these questions where the participant saved a draft with `comments`
    comments on its first text question; returns the round's id."""
    from app.responses import services
    from app.responses.validation import CommentInput, ResponseInput
    from app.vocab import services as vocab

    round_ = make_round(questions=questions)
    scale = round_.questions[0]
    text = next(q for q in round_.questions if q.kind == "text")
    design = vocab.term("credential_phase", "design").id
    wood = vocab.term("sector", "wood").id
    notes = [CommentInput(question_id=text.id, body=f"Comment {n} on **stackable** credentials",
                          phases=[design], sectors=[wood] if n % 2 else [])
             for n in range(comments)]
    services.save_response(participant, round_, ResponseInput({scale.id: "4"}, notes),
                           now=round_.opens_at, expected_version=None)
    db.session.commit()
    return round_.id


def _participant_counts(client, round_id: int) -> dict[str, int]:
    from app.responses.models import Response

    paths = {"round page": ("GET", f"/rounds/{round_id}"),
             "confirmation": ("GET", f"/rounds/{round_id}/confirm"),
             "submit": ("POST", f"/rounds/{round_id}/confirm"),
             "submitted round page": ("GET", f"/rounds/{round_id}")}
    counts = {}
    for name, (method, path) in paths.items():
        db.session.expunge_all()  # each request starts from an empty identity map
        g.pop("_login_user", None)
        with count_statements() as statements:
            response = client.open(path, method=method)
        assert response.status_code == (302 if method == "POST" else 200), name
        counts[name] = len(statements)
    assert db.session.scalar(db.select(Response).filter_by(round_id=round_id)).is_submitted
    return counts


def test_participant_pages_do_not_grow_with_comments_or_questions(
        client, login_as, participant, make_round):
    """Answers, comments and their tags, and questions and theirs, are read together, not
    one query per comment or question."""
    login_as(participant)
    few = _answered_round(make_round, participant, 2, ("scale", "text"))
    many = _answered_round(make_round, participant, 15,
                           ("scale", "text", "single", "multiple", "ranking", "number", "text"))
    assert _participant_counts(client, few) == _participant_counts(client, many)


def test_a_submission_reads_only_what_it_must(client, login_as, participant, make_round):
    """Submitting a saved response takes its comments' tags from the response just read,
    numbers its revision inside the INSERT, and reads the consultation with the round."""
    login_as(participant)
    round_id = _answered_round(make_round, participant, 3, ("scale", "text"))
    db.session.expunge_all()
    g.pop("_login_user", None)
    with count_statements() as statements:
        response = client.post(f"/rounds/{round_id}/confirm")
    assert response.status_code == 302
    reads = [" ".join(s.split()) for s in statements if s.lstrip().upper().startswith("SELECT")]
    tags = [s for s in reads if "FROM vocabulary_term" in s]
    assert tags and all("comment_term" in s or "round_audience_term" in s for s in tags)
    assert not [s for s in reads if "max(response_revision.number)" in s]
    assert not [s for s in reads if s.startswith("SELECT consultation.")]
    revisions = db.session.scalars(db.select(ResponseRevision.number).join(Response).where(
        Response.round_id == round_id).order_by(ResponseRevision.number)).all()
    assert revisions == [1, 2]
