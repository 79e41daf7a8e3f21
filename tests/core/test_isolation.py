"""The db fixture rolls back: what one test writes, the next does not see."""

from sqlalchemy import func, select

from app.accounts.models import User


def test_first_writes(db, make_user):
    make_user(email="isolation@example.org")
    db.session.commit()  # even a commit stays inside the test's transaction
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_second_sees_nothing(db):
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
