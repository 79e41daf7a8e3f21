"""Deadline rush: 200 clients submitting across a round's `closes_at`, through a real server.

The benchmark version of tests/performance/test_deadline_rush.py. A round is seeded with one
saved draft for each of N people; the application is served by gunicorn (4 sync worker
processes by default) and N HTTP clients (httpx, one cookie jar each) sign in and open the
submission page exactly as a browser does, CSRF token included. Once every client is
ready, the round's `closes_at` is set a little into the future and each client presses
"Submit" at its own moment, spread evenly from `closes_at - spread` to `closes_at + spread`.

The server's answer is read from the flash message it puts in the session cookie of its
302 reply ("submitted" or "the round closed"); the database is then checked against it:

1. accepted and stored: every acknowledged submission is stored as a submitted response,
   stamped before `closes_at`, with the draft's text;
2. accepted after the close: stored submissions stamped at or after `closes_at`, or
   acknowledged ones whose request left the client after `closes_at` (must be 0);
3. refused and kept: every refused submission left the response a draft, its text intact,
   with the text that came too late kept as the author's "late" revision, which the
   author can download (each refused client fetches it through the server afterwards).

The process exits with status 1 unless accepted == stored, count 2 is 0, count 3 equals
the number refused, and every client got one of the two answers.

    python bench/deadline_rush.py                         # PostgreSQL (BENCH_DATABASE_URL)
    python bench/deadline_rush.py --sqlite                # a scratch SQLite file
    python bench/deadline_rush.py --clients 30 --spread 1 --database-url sqlite:///...

The PostgreSQL database (default postgresql+psycopg://postgres@127.0.0.1:5432/bench_rush)
is created when missing and emptied at every run. Differences from production settings,
all made in `bench_config()`: login throttling (Flask-Limiter) is off, since all clients
sign in from 127.0.0.1; passwords use a fast hash, since signing in is set-up, not what is
measured; receipts are written as .eml files to a temporary folder; cookies are not
"Secure", since the server speaks plain HTTP on the loopback interface.
"""

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import free_port  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_rush"
PASSWORD = "rush password 1"
PROTECTED = {"postgres", "template0", "template1", "test"}  # never emptied by this script
ENV_URL, ENV_SECRET, ENV_MAIL = "RUSH_DATABASE_URL", "RUSH_SECRET_KEY", "RUSH_MAIL_DIR"


# --- the application's settings, shared by the set-up and the gunicorn workers ----------

def bench_config(url: str, secret_key: str, mail_dir: str) -> type:
    """Production settings, except for what a loopback benchmark must change (see above)."""
    from config import ProductionConfig

    return type("RushConfig", (ProductionConfig,), {
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": secret_key,
        "RATELIMIT_ENABLED": False,
        "RATELIMIT_STORAGE_URI": "memory://",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "MAIL_SERVER": None,
        "MAIL_FILE_DIR": mail_dir,
        "REDIS_URL": None,
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
        "PREFERRED_URL_SCHEME": "http",
        "PROXY_FIX_COUNT": 0,
    })


def server_app():
    """The WSGI application gunicorn serves (`deadline_rush:server_app()`)."""
    from app import create_app

    return create_app(bench_config(os.environ[ENV_URL], os.environ[ENV_SECRET],
                                   os.environ[ENV_MAIL]))


# --- the database -------------------------------------------------------------------------

def database_kind(url: str) -> str:
    """"postgresql" or "sqlite", from a SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    return make_url(url).get_backend_name()


def reset_database(url: str) -> None:
    """Create the PostgreSQL database if missing and empty it; remove a SQLite file."""
    import psycopg
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            for suffix in ("", "-wal", "-shm"):
                Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    if parsed.database in PROTECTED:
        sys.exit(f"refusing to empty the database {parsed.database!r}; choose another name")
    admin = parsed.set(drivername="postgresql", database="postgres")
    with psycopg.connect(admin.render_as_string(hide_password=False),
                         autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                    (parsed.database,)).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{parsed.database}"')
    target = parsed.set(drivername="postgresql")
    with psycopg.connect(target.render_as_string(hide_password=False),
                         autocommit=True) as connection:
        connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
        connection.execute("CREATE SCHEMA public")


def seed(app, clients: int) -> dict:
    """An open round with one question and a saved draft for each client's account."""
    from app.benchmarks.seed import deadline_round
    from app.extensions import db
    from app.vocab import services as vocab

    with app.app_context():
        db.create_all()
        vocab.load_vocabularies()
        round_, texts = deadline_round(clients, PASSWORD)
        question_id = round_.questions[0].id
        db.session.commit()
        round_id = round_.id
        db.session.remove()
    return {"round_id": round_id,
            "drafts": {email: {str(question_id): text} for email, text in texts.items()}}


def close_soon(app, round_id: int, seconds: float):
    """Move the round's close to `seconds` from now; returns it as stored."""
    from app.consultations.models import Round
    from app.core.types import utcnow
    from app.extensions import db

    with app.app_context():
        round_ = db.session.get(Round, round_id)
        round_.closes_at = utcnow() + timedelta(seconds=seconds)
        db.session.commit()
        db.session.expire_all()
        closes_at = db.session.get(Round, round_id).closes_at
        db.session.remove()
    return closes_at


# --- the server ---------------------------------------------------------------------------

def start_server(url: str, secret_key: str, mail_dir: str, port: int, workers: int,
                 log_path: Path) -> subprocess.Popen:
    """Start gunicorn with `workers` sync workers; returns once it answers."""
    import httpx

    env = os.environ | {ENV_URL: url, ENV_SECRET: secret_key, ENV_MAIL: mail_dir}
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--timeout", "120", "--chdir", str(ROOT),
         "--pythonpath", str(ROOT / "bench"), "deadline_rush:server_app()"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}: see {log_path}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"gunicorn did not answer within 60 s: see {log_path}")


def stop_server(server: subprocess.Popen) -> None:
    """Stop the gunicorn master started above (it stops its workers)."""
    if server.poll() is not None:
        return
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


# --- the clients --------------------------------------------------------------------------

def hidden_value(html: str, name: str) -> str:
    """The value of the hidden input called `name` in a page."""
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    value = tag and re.search(r'\bvalue="([^"]*)"', tag.group(0))
    if not value:
        raise RuntimeError(f"no {name} field on the page")
    return value.group(1)


async def prepare_client(base_url: str, email: str, round_id: int, gate: asyncio.Semaphore):
    """Sign in and open the submission page; returns the client and its form fields."""
    import httpx

    client = httpx.AsyncClient(base_url=base_url, timeout=60, follow_redirects=False)
    async with gate:
        page = await client.get("/login")
        reply = await client.post("/login", data={
            "email": email, "password": PASSWORD, "next": "",
            "csrf_token": hidden_value(page.text, "csrf_token")})
        if reply.status_code != 302:
            raise RuntimeError(f"{email} could not sign in ({reply.status_code})")
        page = await client.get(f"/rounds/{round_id}/confirm")
        page.raise_for_status()
    form = {"csrf_token": hidden_value(page.text, "csrf_token"),
            "version": hidden_value(page.text, "version")}
    return client, form


async def submit(client, form: dict, round_id: int, at: float, decode) -> dict:
    """Wait until the wall-clock time `at`, press "Submit", and read the server's answer."""
    from app.core.types import utcnow

    await asyncio.sleep(max(0.0, at - time.time()))
    sent, started = utcnow(), time.perf_counter()
    try:
        reply = await client.post(f"/rounds/{round_id}/confirm", data=form)
    except Exception as exc:  # noqa: BLE001 - reported as an unanswered submission
        return {"sent": sent, "received": utcnow(), "status": None, "outcome": "error",
                "message": repr(exc), "seconds": time.perf_counter() - started}
    seconds, received = time.perf_counter() - started, utcnow()
    flashes = decode(reply) if reply.status_code == 302 else []
    outcome, message = "unknown", ""
    for category, text in flashes:
        message = text
        if category == "success" and text.startswith("Your response has been submitted"):
            outcome = "accepted"
        elif category == "error" and text.startswith("The round closed"):
            outcome = "refused"
        else:
            outcome = "other"
    return {"sent": sent, "received": received, "status": reply.status_code,
            "outcome": outcome, "message": message, "seconds": seconds}


async def read_kept_text(client, round_id: int, result: dict, draft: dict,
                         gate: asyncio.Semaphore) -> None:
    """After the rush, check that a refused author can download the text that came late."""
    async with gate:
        reply = await client.get(f"/rounds/{round_id}/download")
    result["download_ok"] = (reply.status_code == 200
                             and "arrived after the deadline" in reply.text
                             and all(text in reply.text for text in draft.values()))


def flash_reader(app):
    """A function reading the flashed messages out of a reply's signed session cookie."""
    serializer = app.session_interface.get_signing_serializer(app)
    name = app.config["SESSION_COOKIE_NAME"]

    def decode(reply) -> list:
        cookie = reply.cookies.get(name)
        if not cookie:
            return []
        return [tuple(item) for item in serializer.loads(cookie).get("_flashes", [])]

    return decode


async def rush(app, base_url: str, seeded: dict, spread: float, lead: float) -> dict:
    """Prepare every client, set the close, fire the submissions, collect the answers."""
    emails = list(seeded["drafts"])
    round_id = seeded["round_id"]
    gate = asyncio.Semaphore(8)
    started = time.perf_counter()
    prepared = await asyncio.gather(*(prepare_client(base_url, e, round_id, gate)
                                      for e in emails))
    ready_seconds = time.perf_counter() - started
    offsets = [-spread + 2 * spread * (i + 0.5) / len(emails) for i in range(len(emails))]
    random.Random(20).shuffle(offsets)  # who submits when does not follow the account order
    closes_at = await asyncio.to_thread(close_soon, app, round_id, lead)
    decode = flash_reader(app)
    try:
        results = await asyncio.wait_for(asyncio.gather(*(
            submit(client, form, round_id, closes_at.timestamp() + offset, decode)
            for (client, form), offset in zip(prepared, offsets, strict=True))),
            timeout=lead + spread + 120)
        for email, offset, result in zip(emails, offsets, results, strict=True):
            result |= {"email": email, "planned_offset": offset}
        await asyncio.gather(*(
            read_kept_text(client, round_id, result, seeded["drafts"][result["email"]], gate)
            for (client, _form), result in zip(prepared, results, strict=True)
            if result["outcome"] == "refused"))
    finally:
        await asyncio.gather(*(client.aclose() for client, _form in prepared))
    return {"closes_at": closes_at, "results": results, "ready_seconds": ready_seconds}


# --- checking and reporting ---------------------------------------------------------------

def check(app, seeded: dict, closes_at, results: list) -> dict:
    """Compare what each client was told with what the database holds."""
    from sqlalchemy import select

    from app.accounts.models import User
    from app.extensions import db
    from app.responses.models import Response

    by_email = {r["email"]: r for r in results}
    counts = dict.fromkeys((
        "accepted", "accepted_stored", "stored_submitted", "accepted_after_close",
        "refused", "refused_kept", "refused_before_close", "unanswered"), 0)
    problems = []
    with app.app_context():
        rows = db.session.execute(select(User.email, Response).join(
            Response, Response.user_id == User.id).where(
            Response.round_id == seeded["round_id"])).all()
        for email, response in rows:
            if email not in by_email:
                continue
            result, draft = by_email[email], seeded["drafts"][email]
            answers = {str(a.question_id): a.value for a in response.answers}
            kinds = [r.kind for r in response.revisions]
            late = [r for r in response.revisions if r.kind == "late"]
            submits = [r for r in response.revisions if r.kind == "submit"]
            stamp = (response.submitted_at if response.is_submitted
                     else late[-1].saved_at if late else None)
            result["server_stamp"] = stamp
            if response.is_submitted:
                counts["stored_submitted"] += 1
                if response.submitted_at >= closes_at:
                    counts["accepted_after_close"] += 1
                    problems.append(f"{email}: stored as submitted at {response.submitted_at}"
                                    f" >= closes_at {closes_at}")
                elif result["outcome"] == "accepted" and result["sent"] >= closes_at:
                    counts["accepted_after_close"] += 1
                    problems.append(f"{email}: accepted but sent at {result['sent']}")
            if result["outcome"] == "accepted":
                counts["accepted"] += 1
                if (response.is_submitted and response.submitted_at < closes_at
                        and answers == draft and len(submits) == 1 and not late
                        and submits[0].snapshot["answers"] == draft):
                    counts["accepted_stored"] += 1
                else:
                    problems.append(f"{email}: accepted but stored as {kinds}, "
                                    f"submitted_at={response.submitted_at}, answers={answers}")
            elif result["outcome"] == "refused":
                counts["refused"] += 1
                if (not response.is_submitted and answers == draft and len(late) == 1
                        and not submits and late[0].snapshot["answers"] == draft
                        and result.get("download_ok")):
                    counts["refused_kept"] += 1
                else:
                    problems.append(f"{email}: refused but stored as {kinds}, "
                                    f"submitted_at={response.submitted_at}, answers={answers}, "
                                    f"author's download ok: {result.get('download_ok')}")
                if late and late[-1].saved_at < closes_at:
                    counts["refused_before_close"] += 1
                    problems.append(f"{email}: refused at {late[-1].saved_at}, before the close")
            else:
                counts["unanswered"] += 1
                problems.append(f"{email}: {result['outcome']} ({result['status']}) "
                                f"{result['message']}")
        db.session.remove()
    missing = len(results) - len(rows)
    if missing:
        counts["unanswered"] += missing
        problems.append(f"{missing} clients have no response row at all")
    return {"counts": counts, "problems": problems}


def percentile(values: list[float], share: int) -> float | None:
    """The `share`-th percentile (inclusive method), or None without values."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def spread_table(offsets: list[float], spread: float) -> dict:
    """How many events fell in each second around the close, and in its last/first 100 ms."""
    width = max(1, int(-(-spread // 1)))
    table = {}
    for low in range(-width, width):
        label = f"{low:+d}..{low + 1:+d} s"
        table[label] = sum(low <= o < low + 1 for o in offsets)
    table["outside"] = sum(not -width <= o < width for o in offsets)
    table["last 100 ms before"] = sum(-0.1 <= o < 0 for o in offsets)
    table["first 100 ms after"] = sum(0 <= o < 0.1 for o in offsets)
    return table


def summarise(run: dict, verdict: dict, args, kind: str, wall: float) -> dict:
    """Everything the run measured, as plain JSON values."""
    closes_at, results = run["closes_at"], run["results"]
    sent = [(r["sent"] - closes_at).total_seconds() for r in results]
    stamped = [(r["server_stamp"] - closes_at).total_seconds()
               for r in results if r.get("server_stamp")]
    lags = [(r["server_stamp"] - r["sent"]).total_seconds()
            for r in results if r.get("server_stamp")]
    latencies = [r["seconds"] * 1000 for r in results if r["status"] is not None]
    by_outcome = {o: [r["seconds"] * 1000 for r in results if r["outcome"] == o]
                  for o in ("accepted", "refused")}
    counts = verdict["counts"]
    in_flight = [r for r in results if r["sent"] < closes_at <= r["received"]]
    return {
        "clients": len(results), "database": kind, "workers": args.workers,
        "spread_seconds": args.spread, "lead_seconds": args.lead, "wall_seconds": round(wall, 1),
        "prepare_seconds": round(run["ready_seconds"], 1),
        "rush_seconds": round((max(r["received"] for r in results)
                               - min(r["sent"] for r in results)).total_seconds(), 2),
        "counts": {
            "1_accepted": counts["accepted"], "1_accepted_and_stored": counts["accepted_stored"],
            "1_stored_as_submitted": counts["stored_submitted"],
            "2_accepted_after_close": counts["accepted_after_close"],
            "3_refused": counts["refused"], "3_refused_and_kept": counts["refused_kept"],
            "refused_before_close": counts["refused_before_close"],
            "unanswered": counts["unanswered"],
        },
        "around_the_close": {
            "sent": spread_table(sent, args.spread),
            "stamped_by_server": spread_table(stamped, args.spread),
            "sent_before_refused": sum(r["outcome"] == "refused" and r["sent"] < closes_at
                                       for r in results),
            "in_flight_at_close": len(in_flight),
            "in_flight_accepted": sum(r["outcome"] == "accepted" for r in in_flight),
        },
        "submit_latency_ms": {
            "p50": _round(percentile(latencies, 50)), "p95": _round(percentile(latencies, 95)),
            "p99": _round(percentile(latencies, 99)), "max": _round(max(latencies, default=None)),
            "accepted_p50": _round(percentile(by_outcome["accepted"], 50)),
            "refused_p50": _round(percentile(by_outcome["refused"], 50)),
        },
        "send_to_server_stamp_ms": {
            "p50": _round(percentile([x * 1000 for x in lags], 50)),
            "p95": _round(percentile([x * 1000 for x in lags], 95)),
            "max": _round(max((x * 1000 for x in lags), default=None)),
        },
        "problems": verdict["problems"][:50],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def print_report(summary: dict) -> None:
    """The figures as a small table."""
    counts, around = summary["counts"], summary["around_the_close"]
    latency, lag = summary["submit_latency_ms"], summary["send_to_server_stamp_ms"]
    rows = [
        ("clients", summary["clients"]),
        ("database", summary["database"]),
        ("gunicorn workers", summary["workers"]),
        ("wall time", f"{summary['wall_seconds']} s (sign-in {summary['prepare_seconds']} s, "
                      f"rush {summary['rush_seconds']} s)"),
        ("1. accepted / stored", f"{counts['1_accepted']} / {counts['1_accepted_and_stored']}"
                                 f" (submitted rows: {counts['1_stored_as_submitted']})"),
        ("2. accepted after the close", counts["2_accepted_after_close"]),
        ("3. refused / kept as draft", f"{counts['3_refused']} / "
                                       f"{counts['3_refused_and_kept']}"),
        ("refused before the close", counts["refused_before_close"]),
        ("unanswered or other", counts["unanswered"]),
        ("sent, per second", _buckets(around["sent"])),
        ("stamped by server", _buckets(around["stamped_by_server"])),
        ("last/first 100 ms (sent)", f"{around['sent']['last 100 ms before']} / "
                                     f"{around['sent']['first 100 ms after']}"),
        ("in flight at the close", f"{around['in_flight_at_close']} "
                                   f"({around['in_flight_accepted']} accepted)"),
        ("sent before, refused", around["sent_before_refused"]),
        ("submit p50/p95/p99", f"{latency['p50']} / {latency['p95']} / {latency['p99']} ms "
                               f"(max {latency['max']})"),
        ("send to server stamp", f"p50 {lag['p50']} ms, p95 {lag['p95']} ms, max {lag['max']}"),
    ]
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    for problem in summary["problems"]:
        print("PROBLEM:", problem)


def _buckets(table: dict) -> str:
    return "  ".join(f"{k}: {v}" for k, v in table.items()
                     if k.endswith(" s") or (k == "outside" and v))


def passed(summary: dict) -> bool:
    """Whether the three counts are exactly right and every client was answered."""
    counts = summary["counts"]
    return (counts["1_accepted"] == counts["1_accepted_and_stored"]
            == counts["1_stored_as_submitted"]
            and counts["2_accepted_after_close"] == 0
            and counts["3_refused"] == counts["3_refused_and_kept"]
            and counts["refused_before_close"] == 0 and counts["unanswered"] == 0
            and counts["1_accepted"] + counts["3_refused"] == summary["clients"])


def main() -> None:
    """Seed, serve, rush, check, report; exit 1 when a count is wrong."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--spread", type=float, default=2.0,
                        help="submissions are spread evenly over closes_at ± this many seconds")
    parser.add_argument("--lead", type=float, default=None,
                        help="seconds from setting the close to the close (default spread + 1)")
    parser.add_argument("--database-url", help="default: BENCH_DATABASE_URL, else "
                                               + DEFAULT_URL)
    parser.add_argument("--sqlite", action="store_true", help="use a scratch SQLite file")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--runs", type=int, default=3,
                        help="rushes, each on a fresh database; counts are added up")
    parser.add_argument("--output", help="default: bench/deadline_rush_<database>.json")
    args = parser.parse_args()
    lead = args.lead = args.spread + 1.0 if args.lead is None else args.lead
    if lead <= args.spread:
        parser.error("--lead must be longer than --spread")

    summaries = [one_run(args, lead) for _ in range(args.runs)]
    summary = combined(summaries)
    if len(summaries) > 1:
        print(f"\nall {len(summaries)} runs:")
        print_report(summary)
    output = Path(args.output or ROOT / "bench" / f"deadline_rush_{summary['database']}.json")
    output.write_text(json.dumps(summary, indent=2) + "\n")
    sys.exit(0 if all(passed(s) for s in summaries) else 1)


def one_run(args, lead: float) -> dict:
    """Seed, serve, rush and check once; prints and returns the run's summary."""
    import logging

    from app import create_app

    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="bench-rush-"))
    if args.sqlite:
        url = f"sqlite:///{folder / 'rush.sqlite'}"
    else:
        url = args.database_url or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL
    kind = database_kind(url)
    secret_key = secrets.token_hex(32)
    mail_dir = str(folder / "mail")
    reset_database(url)
    app = create_app(bench_config(url, secret_key, mail_dir))
    logging.getLogger().setLevel(logging.WARNING)
    seeded = seed(app, args.clients)
    print(f"seeded {args.clients} drafts on {kind} in {time.perf_counter() - started:.1f} s")
    port = args.port or free_port()
    server = start_server(url, secret_key, mail_dir, port, args.workers, folder / "gunicorn.log")
    try:
        run = asyncio.run(rush(app, f"http://127.0.0.1:{port}", seeded, args.spread, lead))
    finally:
        stop_server(server)
    verdict = check(app, seeded, run["closes_at"], run["results"])
    with app.app_context():
        from app.extensions import db

        db.engine.dispose()
    summary = summarise(run, verdict, args, kind, time.perf_counter() - started)
    print_report(summary)
    if passed(summary):
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"FAILED; server log and receipts kept in {folder}")
    return summary


def combined(summaries: list[dict]) -> dict:
    """Several runs as one summary: counts added up, latencies and times as medians."""
    if len(summaries) == 1:
        return summaries[0] | {"runs": summaries}

    def merge(values: list, add: bool):
        if isinstance(values[0], dict):
            return {key: merge([v[key] for v in values], add) for key in values[0]}
        if isinstance(values[0], list):
            return [item for value in values for item in value][:50]
        numbers = [v for v in values if isinstance(v, int | float)]
        if not numbers or isinstance(values[0], str):
            return values[0]
        if add:
            return sum(numbers)
        middle = statistics.median(numbers)
        return int(middle) if middle == int(middle) else round(middle, 1)

    first = summaries[0]
    result = {key: merge([s[key] for s in summaries], add=key in ("counts", "around_the_close",
                                                                   "clients", "problems"))
              for key in first}
    result["clients_per_run"] = first["clients"]
    result["runs"] = summaries
    return result


if __name__ == "__main__":
    main()
