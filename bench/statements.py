"""SQL statements per page at 1k and 100k comments: they must be equal (no N+1 queries).

For each size a fresh database is seeded (SQLite file, or BENCH_DATABASE_URL for PostgreSQL,
which is emptied) with `size` comments, as many answers and a 60-recommendation document
deciding every comment; then each page of app/benchmarks/pages.py is requested once through
the application's request handling, signed in as an administrator, and the statements it
runs are counted with SQLAlchemy events. The same check runs in the test suite at 40 and
400 comments (tests/performance/test_statement_counts.py).

    python bench/statements.py [--sizes 1000 100000]
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import database_name, ensure_database  # noqa: E402

PASSWORD = "benchmark password"


def count(url: str, comments: int) -> dict[str, int]:
    """Seed `comments` comments and count the statements of each page."""
    from app import create_app
    from app.accounts import services as accounts
    from app.benchmarks.counting import count_statements
    from app.benchmarks.pages import shows_items, typical_pages
    from app.benchmarks.seed import seed, seed_document
    from app.extensions import db

    ensure_database(url)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        admin = accounts.create_user(None, "bench@example.org", "Bench", is_administrator=True,
                                     password=PASSWORD)
        consultation = seed(comments=comments, answers=comments)
        version = seed_document(admin, consultation, recommendations=60)
        db.session.commit()
        pages = typical_pages(consultation, version)
        db.session.remove()
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.org", "password": PASSWORD})
    counts = {}
    for name, path in pages.items():
        with app.app_context(), count_statements() as statements:
            response = client.get(path)
        if response.status_code != 200 or not shows_items(name, response.data):
            raise SystemExit(f"{name}: unexpected page ({response.status_code})")
        counts[name] = len(statements)
    with app.app_context():
        db.engine.dispose()
    return counts


def main() -> None:
    """Count at every size, print the table, write the JSON; exit 1 if counts differ."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--output", default=None)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL")
    database = database_name(url)
    results = {}
    for size in args.sizes:
        target = url or f"sqlite:///{tempfile.mkdtemp(prefix='bench-statements-')}/bench.sqlite"
        results[size] = count(target, size)
    names = list(results[args.sizes[0]])
    print(f"\n{database}: {'page':<28}" + "".join(f"{s:>10}" for s in args.sizes))
    for name in names:
        print(f"{'':<12}{name:<28}" + "".join(f"{results[s][name]:>10}" for s in args.sizes))
    equal = all(results[s] == results[args.sizes[0]] for s in args.sizes)
    print("equal at every size" if equal else "COUNTS DIFFER")
    output = Path(args.output or ROOT / "bench" / f"statements_{database}.json")
    output.write_text(json.dumps({"database": database, "equal": equal,
                                  "counts": {str(s): c for s, c in results.items()}},
                                 indent=2) + "\n")
    if not equal:
        sys.exit(1)


if __name__ == "__main__":
    main()
