"""The comment explorer at 1k, 10k and 100k comments, through the app's request handling.

For each size, a fresh database is seeded (SQLite file, or BENCH_DATABASE_URL for
PostgreSQL, which is emptied), and typical explorer pages are requested with the test
client, signed in as an administrator. Three times per page, each the median of several
requests:

page          the page as a facilitator moving between filters and pages gets it: the
              consultation's index is built already (app/analysis/index.py);
after coding  the first page after codes changed: the index re-reads the codes;
after a change the first page after a change of questions or rounds (or a write in bulk):
              the index is rebuilt;
after a submission the first page after a submitted response changed: the index replaces
              that response's items (app/analysis/incremental.py);
new search    (pages with a search) the page the first time its words are searched: the
              index keeps the answers of recent searches until the texts change.

Also the SQL statements each page runs. Reports the ratio of the 100k to the 1k time.

    python bench/explorer.py [--sizes 1000 10000 100000] [--repeat 7]
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ensure_database  # noqa: E402

PAGES = {
    "first page": "",
    "phase filter": "?phase={phase}&kind=comment",
    "search": "?q=wallet",
    "phase, two countries and search": "?phase={phase}&country={country}&country={italy}"
                                       "&q=wallet",
    "folded near-duplicates": "?fold=1",
}


def measure(url: str, comments: int, repeat: int) -> dict:
    """Seed `comments` comments and time each explorer page."""
    from sqlalchemy import select

    from app import create_app
    from app.accounts import services as accounts
    from app.analysis import changes
    from app.analysis import index as item_index
    from app.benchmarks.counting import count_statements
    from app.benchmarks.seed import seed
    from app.extensions import db
    from app.responses.models import Comment, Response
    from app.vocab import services as vocab

    ensure_database(url)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        consultation = seed(comments=comments, answers=comments)
        accounts.create_user(None, "bench@example.org", "Bench", is_administrator=True,
                             password="benchmark password")
        db.session.commit()
        seeded = time.perf_counter() - started
        values = {"phase": vocab.term("credential_phase", "portability").id,
                  "country": vocab.term("country", "FI").id,
                  "italy": vocab.term("country", "IT").id}
        consultation_id = consultation.id
        db.session.remove()
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.org", "password": "benchmark password"})
    result = {"comments": comments, "seed_seconds": round(seeded, 1), "pages": {}}

    edits = iter(range(1_000_000))

    def timed(path: str, changed: str | None) -> float:
        if changed == "search":
            item_index.forget_searches()
        elif changed == "submission":  # a participant edits a submitted response
            with app.app_context():
                comment = db.session.scalar(
                    select(Comment).join(Response).where(Response.submitted_at.is_not(None))
                    .order_by(Comment.id).offset(next(edits) * 7 % comments).limit(1))
                comment.body += " Edited after submitting."
                db.session.commit()
        elif changed:  # what a write to those tables does to the change token
            with app.app_context():
                changes.replace(db.session, changed)
                db.session.commit()
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200
        return elapsed

    for name, query in PAGES.items():
        path = f"/manage/{consultation_id}/explore" + query.format(**values)
        client.get(path)  # warm caches
        figures = {}
        variants = [("ms", None), ("after_coding_ms", "codes"), ("after_change_ms", "items"),
                    ("after_submission_ms", "submission")]
        if "q=" in query:
            variants.append(("new_search_ms", "search"))
        for label, changed in variants:
            times = [timed(path, changed) for _ in range(repeat)]
            figures[label] = round(1000 * statistics.median(times), 1)
        with app.app_context(), count_statements() as statements:
            shown = client.get(path).data.count(b'class="item"')
        result["pages"][name] = figures | {"statements": len(statements), "rows": shown}
    with app.app_context():
        db.engine.dispose()
    return result


def main() -> None:
    """Measure every size and print the table and ratios."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--output", default=None)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL")
    database = "postgresql" if url else "sqlite"
    results = []
    for size in args.sizes:
        target = url or f"sqlite:///{tempfile.mkdtemp(prefix='bench-explorer-')}/bench.sqlite"
        results.append(measure(target, size, args.repeat))
        print(f"{size:>7} comments seeded in {results[-1]['seed_seconds']} s")
    print(f"\n{database}: {'page':<30}{'':<15}" + "".join(f"{r['comments']:>12}" for r in results)
          + f"{'ratio':>9}{'SQL':>10}")
    for name in PAGES:
        statements = {r["pages"][name]["statements"] for r in results}
        for label, key in (("", "ms"), ("after coding", "after_coding_ms"),
                           ("after a change", "after_change_ms"),
                           ("after a submission", "after_submission_ms"),
                           ("new search", "new_search_ms")):
            if key not in results[0]["pages"][name]:
                continue
            times = [r["pages"][name][key] for r in results]
            print(f"{name if key == 'ms' else '':<40}{label:<15}"
                  + "".join(f"{t:>10.1f}ms" for t in times) + f"{times[-1] / times[0]:>9.2f}"
                  + (f"{'/'.join(map(str, sorted(statements))):>10}"
                     + "  rows " + "/".join(str(r["pages"][name]["rows"]) for r in results)
                     if key == "ms" else ""))
    output = Path(args.output or ROOT / "bench" / f"explorer_{database}.json")
    output.write_text(json.dumps({"database": database, "results": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
