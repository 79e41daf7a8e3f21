"""Pages run the same number of SQL statements whatever the amount of data (no N+1)."""

from flask import g

from app.benchmarks.counting import count_statements
from app.benchmarks.pages import shows_items, typical_pages
from app.benchmarks.seed import seed, seed_document
from app.extensions import db


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
