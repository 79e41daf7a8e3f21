"""CSV import of 10,000 organisations, then 10,000 people, through the administrator's pages.

A fresh database (SQLite file, or BENCH_DATABASE_URL for PostgreSQL, which is emptied) gets
an administrator; then an organisations file and a people file of `rows` lines each (names
in several scripts, every stakeholder type, country, level and sector; people in one or two
of the imported organisations, some facilitators, five languages, no invitations) go
through the two steps a person takes: the upload and dry run (POST /imports/check), then
"Import N lines" with the form the report page renders (POST /imports/run, which checks the
file again). Each step is timed once through the application's request handling and its
SQL statements counted with SQLAlchemy events; the CPU time of this process (the app, and
SQLite's work, not PostgreSQL's) says how much of a slow step a busy machine explains.
Goals: each step of a 10,000-row file ends within gunicorn's 30 s request timeout (at least
334 rows/s), and statements per row stay flat (the dry run reads what it needs once per
file, the import adds a fixed few per row).

    python bench/csv_import.py [--rows 10000] [--output bench/csv_import_sqlite.json]
"""

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import database_name, ensure_database  # noqa: E402

PASSWORD = "benchmark password"
GOAL_SECONDS = 30  # gunicorn's default request timeout (README, "Deploying")
NAMES = ("Regione", "Työväenopisto", "Община", "Escuela", "Bedrijf", "Ente", "Κέντρο")
LANGUAGES = ("en", "it", "es", "fi", "bg")


def organisations_csv(rows: int, terms: dict[str, list[str]]) -> str:
    """An organisations file of `rows` lines, cycling through every vocabulary term."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["name", "stakeholder_type", "is_startup", "country", "region",
                     "governance_level", "sectors", "website"])
    for n in range(rows):
        kind = terms["stakeholder_type"][n % len(terms["stakeholder_type"])]
        sectors = terms["sector"]
        writer.writerow([
            f"{NAMES[n % len(NAMES)]} {n:05d}", kind,
            "yes" if kind == "enterprise" and n % 3 == 0 else "no",
            terms["country"][n % len(terms["country"])], f"Region {n % 40}",
            terms["governance_level"][n % len(terms["governance_level"])],
            ";".join({sectors[n % len(sectors)], sectors[(n * 7) % len(sectors)]}),
            f"https://org{n}.example.org"])
    return buffer.getvalue()


def people_csv(rows: int) -> str:
    """A people file of `rows` lines in the organisations of organisations_csv(rows)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["email", "display_name", "organisations", "roles", "preferred_language"])
    for n in range(rows):
        member_of = [f"{NAMES[n % len(NAMES)]} {n:05d}"]
        if n % 4 == 0 and rows > 1:
            other = (n + 1) % rows
            member_of.append(f"{NAMES[other % len(NAMES)]} {other:05d}")
        writer.writerow([f"person{n:05d}@example.org", f"Person {n:05d} Äijälä",
                         ";".join(member_of), "facilitator" if n % 50 == 0 else "",
                         LANGUAGES[n % len(LANGUAGES)]])
    return buffer.getvalue()


def _terms() -> dict[str, list[str]]:
    from app.vocab import services as vocab

    return {name: [term.key for term in vocab.terms(name)]
            for name in ("stakeholder_type", "country", "governance_level", "sector")}


def _confirm_form(page: str, action: str) -> dict[str, str]:
    """The "Import N lines" form of the report page, as the browser would send it."""
    from html.parser import HTMLParser

    fields: dict[str, str] = {}

    class Inputs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "input" and attrs.get("name"):
                fields[attrs["name"]] = attrs.get("value") or ""

    parser = Inputs()
    parser.feed(page[page.index(f'action="{action}"'):])
    return fields


def _step(app, client, path: str, **post) -> tuple[dict, str]:
    """POST once, timed and with its statements counted; the figures and the page."""
    from app.benchmarks.counting import count_statements

    with app.app_context(), count_statements() as statements:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.post(path, **post)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if response.status_code not in (200, 302):
        raise SystemExit(f"{path}: status {response.status_code}")
    return ({"seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
             "statements": len(statements),
             "page_bytes": len(response.data)}, response.get_data(as_text=True))


def import_file(app, client, kind: str, text: str, rows: int) -> dict:
    """Check, then import, one file through the pages; the figures of both steps."""
    from flask import url_for

    with app.test_request_context():
        check_url, run_url = url_for("imports.check"), url_for("imports.run")
    check, page = _step(app, client, check_url, content_type="multipart/form-data",
                        data={"kind": kind, "file": (io.BytesIO(text.encode()), f"{kind}.csv")})
    if f"{rows} line" not in page:
        raise SystemExit(f"{kind}: the dry run did not find {rows} clean lines")
    run, _page = _step(app, client, run_url, data=_confirm_form(page, run_url))
    result = {"kind": kind, "rows": rows, "file_bytes": len(text.encode())}
    for name, step in (("check", check), ("import", run)):
        result[name] = step | {
            "rows_per_s": round(rows / step["seconds"], 1),
            "statements_per_row": round(step["statements"] / rows, 3),
            "met": step["seconds"] <= GOAL_SECONDS}
    return result


def run(url: str, rows: int, log=print) -> dict:
    """Import `rows` organisations, then `rows` people, into a fresh database at `url`."""
    from sqlalchemy import func, select

    from app import create_app
    from app.accounts import services as accounts
    from app.accounts.models import User
    from app.extensions import db
    from app.organisations.models import Organisation
    from app.vocab import services as vocab

    ensure_database(url)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        vocab.load_vocabularies()
        accounts.create_user(None, "bench@example.org", "Bench", is_administrator=True,
                             password=PASSWORD)
        db.session.commit()
        terms = _terms()
        db.session.remove()
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.org", "password": PASSWORD})
    results = []
    for kind, text in (("organisations", organisations_csv(rows, terms)),
                       ("users", people_csv(rows))):
        results.append(import_file(app, client, kind, text, rows))
        log(f"{kind}: {results[-1]}")
    with app.app_context():
        stored = {"organisations": db.session.scalar(select(func.count(Organisation.id))),
                  "users": db.session.scalar(select(func.count(User.id))) - 1}
        db.session.remove()
        db.engine.dispose()
    if stored != {"organisations": rows, "users": rows}:
        raise SystemExit(f"stored {stored}, expected {rows} of each")
    return {"database": database_name(url), "rows": rows, "goal_seconds": GOAL_SECONDS,
            "results": results}


def main() -> None:
    """Run at the chosen size, print a table and write the JSON report."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--output", default=None)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL")
    database = database_name(url)
    target = url or f"sqlite:///{tempfile.mkdtemp(prefix='bench-import-')}/bench.sqlite"
    report = run(target, args.rows, log=lambda *_: None)
    print(f"\n{database}, {args.rows} rows: {'step':<22}{'s':>8}{'CPU s':>8}{'rows/s':>10}"
          f"{'statements/row':>16}{'page KB':>10}")
    for result in report["results"]:
        for step in ("check", "import"):
            found = result[step]
            print(f"{'':<20}{result['kind'] + ' ' + step:<22}{found['seconds']:>8.2f}"
                  f"{found['cpu_seconds']:>8.2f}"
                  f"{found['rows_per_s']:>10.0f}{found['statements_per_row']:>16.3f}"
                  f"{found['page_bytes'] / 1024:>10.0f}")
    output = Path(args.output or ROOT / "bench" / f"csv_import_{database}.json")
    output.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
