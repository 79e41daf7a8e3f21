"""Disposition matrix and history page with 288 long comments: bytes, statements, time.

One participant submits 288 comments of 10,000 characters (each with a 5,000-character
proposed change) and has 10 saved versions; a 60-recommendation document decides every
comment with a 2,000-character reason. Each page is requested five times through the
application's request handling (SQLite file, or BENCH_DATABASE_URL for PostgreSQL, which is
emptied); the median time is reported with the page's size and statement count. The size
bound and the statement counts are also checked by tests/performance/test_long_pages.py.

    python bench/long_pages.py [--comments 288]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import database_name, ensure_database  # noqa: E402

PASSWORD = "benchmark password"


def _seed(comments: int) -> tuple[int, int]:
    from sqlalchemy import select

    from app.accounts import services as accounts
    from app.benchmarks.seed import seed_document
    from app.consultations import questions, rounds
    from app.consultations import services as consultations
    from app.core.types import utcnow
    from app.drafts.models import Disposition
    from app.extensions import db
    from app.organisations import services as organisations
    from app.responses import services
    from app.responses.models import ResponseRevision
    from app.responses.validation import CommentInput, ResponseInput
    from app.vocab import services as vocab

    vocab.load_vocabularies()
    owner = accounts.create_user(None, "fac@example.org", "Fac", password=PASSWORD,
                                 is_facilitator=True)
    organisation = organisations.create_organisation(
        None, name="Org", stakeholder_type=vocab.term("stakeholder_type", "other"),
        country=vocab.term("country", "IT"),
        governance_level=vocab.term("governance_level", "local"), sectors=[])
    person = accounts.create_user(None, "p@example.org", "P", password=PASSWORD,
                                  organisations=[organisation])
    consultation = consultations.create_consultation(owner, title="Long comments")
    now = utcnow()
    round_ = rounds.create_round(owner, consultation, title="Round", opens_at=now - timedelta(
        hours=1), closes_at=now + timedelta(days=7))
    design = vocab.term("credential_phase", "design")
    question = questions.add_question(owner, round_, kind="text", prompt="Comments?",
                                      terms=[design])
    round_.published_at = now - timedelta(hours=1)
    notes = [CommentInput(question_id=question.id, phases=[design.id],
                          body=f"Comment {n} " + "long text " * 990,
                          proposed_change="change " * 700) for n in range(comments)]
    response = services.save_response(person, round_, ResponseInput({}, notes), now=now,
                                      expected_version=None, submit=True,
                                      organisation=organisation).response
    first = response.revisions[0]
    for number in range(2, 11):
        db.session.add(ResponseRevision(response_id=response.id, number=number, kind="draft",
                                        snapshot=first.snapshot, saved_by_id=person.id))
    version = seed_document(owner, consultation, recommendations=60)
    for disposition in db.session.scalars(select(Disposition)):
        disposition.reason = "Because " + "reason " * 280
    db.session.commit()
    return round_.id, version.document_id


def measure(url: str, comments: int) -> dict[str, dict]:
    """Seed, then time each page five times; returns bytes, statements and median ms."""
    from app import create_app
    from app.benchmarks.counting import count_statements
    from app.extensions import db

    ensure_database(url)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                      "MAIL_FILE_DIR": tempfile.mkdtemp(prefix="bench-long-mail-")})
    with app.app_context():
        db.drop_all()
        db.create_all()
        round_id, document_id = _seed(comments)
        db.session.remove()
    pages = {"disposition matrix": ("fac@example.org",
                                    f"/manage/documents/{document_id}/dispositions"),
             "stakeholder history": ("p@example.org", f"/rounds/{round_id}/history")}
    results = {}
    for name, (email, path) in pages.items():
        client = app.test_client()
        client.post("/login", data={"email": email, "password": PASSWORD})
        times = []
        for _ in range(5):
            with app.app_context(), count_statements() as statements:
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{name}: {response.status_code}")
        results[name] = {"bytes": len(response.data), "statements": len(statements),
                         "median_ms": round(statistics.median(times), 1)}
    with app.app_context():
        db.engine.dispose()
    return results


def main() -> None:
    """Print the table; exit 1 if a page is 2 MB or more."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=288)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL")
    target = url or f"sqlite:///{tempfile.mkdtemp(prefix='bench-long-')}/bench.sqlite"
    results = measure(target, args.comments)
    print(f"\n{database_name(url)}, {args.comments} long comments")
    for name, row in results.items():
        print(f"  {name:<22}{row['bytes']:>10} bytes{row['statements']:>5} statements"
              f"{row['median_ms']:>9} ms")
    if any(row["bytes"] >= 2 * 1024 * 1024 for row in results.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
