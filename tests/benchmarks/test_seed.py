"""Benchmark data: the counts asked for, the same data for the same seed."""

from sqlalchemy import func, select

from app.benchmarks.seed import seed
from app.consultations.models import Round
from app.responses.models import Answer, Comment, Response


def _count(db, model, consultation):
    query = select(func.count()).select_from(model)
    if model is not Round:
        query = query.join(Response).join(Round, Response.round_id == Round.id)
    return db.session.scalar(query.where(Round.consultation_id == consultation.id))


def test_seed_counts(app, db):
    consultation = seed(comments=120, answers=960, seed_value=7)
    assert _count(db, Answer, consultation) == 960
    assert _count(db, Comment, consultation) == 120
    assert _count(db, Round, consultation) == 3
    countries = {r.country_id for r in db.session.scalars(select(Response))}
    assert len(countries) == 5


def test_seed_command(app, db):
    result = app.test_cli_runner().invoke(args=["bench", "seed", "--comments", "10",
                                                "--answers", "100"])
    assert result.exit_code == 0 and "100 answers, 10 comments" in result.output
