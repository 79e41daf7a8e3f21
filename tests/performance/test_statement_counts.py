"""Pages run the same number of SQL statements whatever the amount of data (no N+1)."""

from flask import g
from sqlalchemy import select

from app.benchmarks.counting import count_statements
from app.benchmarks.seed import seed, seed_document
from app.consultations.models import Round
from app.extensions import db
from app.vocab import services as vocab


def _pages(consultation, version) -> dict[str, str]:
    round_ = db.session.scalars(select(Round).where(
        Round.consultation_id == consultation.id).order_by(Round.position)).first()
    document_id = version.document_id
    phase = vocab.term("credential_phase", "delivery").id
    return {
        "explorer": f"/manage/{consultation.id}/explore?phase={phase}&kind=comment",
        "explorer, search": f"/manage/{consultation.id}/explore?q=wallet&fold=1",
        "explorer, next page": f"/manage/{consultation.id}/explore?sort=oldest",
        "round page": f"/rounds/{round_.id}",
        "statistics": f"/manage/rounds/{round_.id}/statistics",
        "disposition matrix": f"/manage/documents/{document_id}/dispositions?undecided=1",
        "version comparison": f"/manage/documents/{document_id}/compare?old={version.id}"
                              f"&new={version.id}",
    }


def _counts(client, comments: int, seed_value: int, admin_id: int) -> dict[str, int]:
    from app.accounts.models import User

    admin = db.session.get(User, admin_id)
    consultation = seed(comments=comments, answers=comments * 2, seed_value=seed_value)
    version = seed_document(admin, consultation, recommendations=20, seed_value=seed_value)
    db.session.commit()
    counts = {}
    for name, path in _pages(consultation, version).items():
        db.session.expunge_all()  # each page starts from an empty identity map, as in production
        g.pop("_login_user", None)
        with count_statements() as statements:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        if name.startswith("explorer"):  # a page with items on it, at both sizes
            assert b'class="item"' in response.data, name
        counts[name] = len(statements)
    return counts


def test_statement_counts_do_not_grow_with_data(client, login_as, admin):
    login_as(admin)
    admin_id = admin.id
    small = _counts(client, 40, 11, admin_id)
    large = _counts(client, 400, 12, admin_id)
    assert small == large
