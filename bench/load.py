"""Load: gunicorn workers on PostgreSQL, concurrent clients answering a round, and a bare INSERT.

Prepares a database (emptied: drop_all/create_all, vocabularies, one consultation with an open
round of six questions, one participant per client), starts `gunicorn -w WORKERS wsgi:app`
and runs asyncio/httpx clients against it, one signed-in participant each, in phases of
`--seconds` each:

mixed   sign in, then loop: open the round page, "Save draft" with changed answers and a new
        comment, open the page again, "Review and submit", open the confirmation, "Submit
        my response", open the page again (which shows whether the submission was taken).
submit  already signed in, loop: open the confirmation, "Submit my response".
bare    already signed in, loop: POST /bench/insert with the session's CSRF token
        (app/benchmarks/routes.py): one INSERT and a commit, behind the same sign-in and
        CSRF checks as the forms above.

Every request counts; an error is an exception or an answer other than the one a browser
expects (the redirect to the next page, the success message after a submission). "accepted"
counts what the server acknowledged, "stored" what the database holds afterwards (response
revisions of kind submit, draft or edit; comments; audit rows of the bare endpoint; receipt
e-mails written), and lost = accepted - stored per kind. Throughput is requests (or submits,
or inserts) per second of the phase; p50/p95/p99 latency is per operation.

    python bench/load.py [--clients 50] [--seconds 60] [--workers 4] [--database-url URL]
                         [--phases mixed,submit,bare] [--runs 3] [--output bench/load.json]

Each run starts from an emptied database and a new server; the report gives the median
of the runs' rates and latencies and the sums of what they counted (errors, lost).

The database is BENCH_DATABASE_URL (or --database-url), by default
postgresql+psycopg://postgres@127.0.0.1:5432/bench_load, created if missing and EMPTIED.

The server runs with APP_CONFIG=production (a random SECRET_KEY, SESSION_COOKIE_SECURE=0 for
plain HTTP, BENCH_ENDPOINTS=1, e-mails written as files to a temporary folder). Sign-in
throttling stays on but its limits are raised for this run only, through the variables
config.py reads (LOGIN_RATE_LIMIT, LOGIN_ACCOUNT_RATE_LIMIT, in-process storage): all clients
sign in from 127.0.0.1, which the production limit of 10 per minute would refuse.

Connections: each sync worker serves one request at a time and so uses one connection of
its SQLAlchemy pool (default size 5 + overflow 10, never reached); 4 workers hold 4 to 8,
well inside PostgreSQL's max_connections of 100.

The clients run in this process and share the machine's cores with the server and the
database, so absolute figures depend on the machine; the ratios to the bare endpoint,
measured in the same run, are the figures to compare.
"""

import argparse
import asyncio
import contextlib
import html
import json
import logging
import math
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ensure_database, free_port  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_load"
PASSWORD = "load benchmark password"
PHASES = ("mixed", "submit", "bare")
OPTIONS = ["Accredited VET providers", "Sector associations", "Public authorities",
           "Any provider under external quality assurance"]
WORDS = ("micro-credential", "learning outcomes", "employers", "assessment", "wallet",
         "recognition", "work-based learning", "quality assurance", "ECTS", "EQF level 5",
         "green skills", "furniture", "renovation", "food processing", "mentors", "Europass",
         "portability", "awarding body", "stackable", "start-ups", "regional authority")
QUESTIONS = (  # kind, prompt, credential phases
    ("scale", "Employers co-design the learning outcomes of every micro-credential.",
     ["design"]),
    ("single", "Who should award micro-credentials at EQF level 5?", ["certification"]),
    ("multiple", "Which standard elements are hardest to provide today?",
     ["design", "certification"]),
    ("ranking", "Rank these awarding bodies by the trust employers place in them.",
     ["certification", "portability"]),
    ("number", "How many hours of notional workload should the smallest credential have?",
     ["delivery"]),
    ("text", "Which statement would you change, and how?",
     ["design", "delivery", "certification", "portability"]),
)


# --- the database -------------------------------------------------------------------------

def prepare(url: str, clients: int) -> dict:
    """Empty the database and create the round and one participant per client.

    Returns the round id and its questions (id, kind, number of options).
    """
    from app import create_app
    from app.accounts import services as accounts
    from app.consultations import questions, rounds
    from app.consultations import services as consultations
    from app.core.types import utcnow
    from app.extensions import db
    from app.organisations import services as organisations
    from app.responses import services as responses
    from app.responses.validation import ResponseInput
    from app.vocab import services as vocab

    ensure_database(url)
    # The production hash, so that signing in costs what it costs in production.
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url,
                      "PASSWORD_HASH_METHOD": "scrypt"})
    with app.app_context():
        try:
            db.drop_all()
            db.create_all()
            vocab.load_vocabularies()
            lead = accounts.create_user(None, "load.lead@example.org", "Load lead",
                                        is_facilitator=True)
            kinds = ("public_authority", "enterprise", "vet_provider", "other")
            countries = ("IT", "ES", "FI", "BG", "BE")
            orgs = [organisations.create_organisation(
                None, name=f"Load organisation {i}",
                stakeholder_type=vocab.term("stakeholder_type", kinds[i % 4]),
                country=vocab.term("country", countries[i % 5]),
                governance_level=vocab.term("governance_level", "regional"))
                for i in range(5)]
            consultation = consultations.create_consultation(lead, title="Load consultation")
            now = utcnow()
            round_ = rounds.create_round(lead, consultation, title="Load round",
                                         opens_at=now - timedelta(hours=1),
                                         closes_at=now + timedelta(days=2))
            for kind, prompt, phases in QUESTIONS:
                extra = {"options": OPTIONS} if kind in ("single", "multiple", "ranking") else {}
                if kind == "number":
                    extra = {"min_value": 0, "max_value": 1000}
                questions.add_question(
                    lead, round_, kind=kind, prompt=prompt, is_required=kind == "scale",
                    terms=[vocab.term("credential_phase", key) for key in phases], **extra)
            round_.published_at = now
            required = {q.id: "3" for q in round_.questions if q.kind == "scale"}
            for index in range(clients):
                person = accounts.create_user(None, user_email(index),
                                              f"Load participant {index}",
                                              organisations=[orgs[index % len(orgs)]],
                                              password=PASSWORD)
                # a draft to submit, whatever the mixed phase managed to do for this person
                responses.save_response(person, round_, ResponseInput(required), now=now,
                                        expected_version=None)
            db.session.commit()
            return {"round_id": round_.id,
                    "questions": [{"id": q.id, "kind": q.kind, "options": len(q.options)}
                                  for q in round_.questions]}
        finally:
            db.session.remove()
            db.engine.dispose()


def user_email(index: int) -> str:
    """The e-mail address of client `index`'s participant."""
    return f"load{index}@example.org"


def count_stored(url: str, round_id: int) -> dict:
    """What the database holds: revisions by kind, comments, bare rows, final text answers."""
    from sqlalchemy import create_engine, func, select

    from app.accounts.models import User
    from app.audit.models import AuditEvent
    from app.benchmarks.routes import BARE_VERB
    from app.consultations.models import Question
    from app.responses.models import Answer, Comment, Response, ResponseRevision

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            revisions = dict(connection.execute(
                select(ResponseRevision.kind, func.count()).join(Response).where(
                    Response.round_id == round_id).group_by(ResponseRevision.kind)).all())
            comments = connection.scalar(select(func.count()).select_from(Comment).join(
                Response).where(Response.round_id == round_id))
            bare = connection.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.verb == BARE_VERB))
            texts = dict(connection.execute(
                select(User.email, Answer.text_value).join(Response, Response.user_id == User.id)
                .join(Answer, Answer.response_id == Response.id)
                .join(Question, Question.id == Answer.question_id)
                .where(Response.round_id == round_id, Question.kind == "text")).all())
    finally:
        engine.dispose()
    return {"submit": revisions.get("submit", 0),
            "draft": revisions.get("draft", 0) + revisions.get("edit", 0),
            "comment": comments, "bare": bare, "texts": texts,
            "refused": sum(revisions.get(k, 0) for k in ("late", "conflict"))}


# --- the server ---------------------------------------------------------------------------

def server_environment(url: str, mail_dir: Path) -> dict:
    """The environment of the gunicorn process: production settings fit for the benchmark."""
    env = {key: value for key, value in os.environ.items() if key not in {
        "DATABASE_URL", "TEST_DATABASE_URL", "REDIS_URL", "RATELIMIT_STORAGE_URI",
        "MAIL_SERVER", "PROXY_FIX_COUNT"}}
    env.update({
        "APP_CONFIG": "production",
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_hex(32),
        "SESSION_COOKIE_SECURE": "0",  # plain HTTP on 127.0.0.1
        "BENCH_ENDPOINTS": "1",
        # Every client signs in from 127.0.0.1: raise the throttle for this run only.
        "RATELIMIT_STORAGE_URI": "memory://",
        "LOGIN_RATE_LIMIT": "100000 per minute",
        "LOGIN_ACCOUNT_RATE_LIMIT": "100000 per minute",
        "MAIL_FILE_DIR": str(mail_dir),
        "PYTHONUNBUFFERED": "1",
    })
    return env


class Server:
    """`gunicorn -w N wsgi:app` in a child process, until stop()."""

    def __init__(self, url: str, workers: int, folder: Path):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.mail_dir = folder / "mail"
        self.log_path = folder / "gunicorn.log"
        self._log = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(workers),
             "-b", f"127.0.0.1:{self.port}", "--log-level", "warning", "wsgi:app"],
            cwd=ROOT, env=server_environment(url, self.mail_dir), stdout=self._log,
            stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 300) -> None:
        """Wait until /healthz answers ok (every worker shares the listening socket).

        The bound only stops a server that never comes up: on a busy machine starting the
        workers took over a minute.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n"
                                   + self.log_tail())
            try:
                if httpx.get(self.base_url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz:\n" + self.log_tail())

    def receipts(self) -> int:
        """How many receipt e-mails the workers have written."""
        return len(list(self.mail_dir.glob("*.eml"))) if self.mail_dir.exists() else 0

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's log."""
        if not self._log.closed:
            self._log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Stop gracefully (SIGTERM), then for good."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


# --- reading pages as a browser does -------------------------------------------------------

_FORM = re.compile(r'<form\b[^>]*>.*?</form>', re.S)
_FIELD = re.compile(r'<input\b([^>]*)>|<textarea\b([^>]*)>(.*?)</textarea>|'
                    r'<select\b([^>]*)>(.*?)</select>', re.S)
_ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')
_OPTION = re.compile(r'<option\b([^>]*)>', re.S)


def _attributes(text: str) -> dict:
    return {name: html.unescape(value or "") for name, value in _ATTRIBUTE.findall(text)}


def form_fields(page: str, marker: str = "") -> list[tuple[str, str]]:
    """The (name, value) pairs a browser would send for the first form containing `marker`."""
    form = next((f for f in _FORM.findall(page) if marker in f), None)
    if form is None:
        raise ValueError(f"no form with {marker!r} in the page")
    pairs = []
    for field_, textarea, content, select, options in _FIELD.findall(form):
        if field_:
            attrs = _attributes(field_)
            kind = attrs.get("type", "text")
            if "name" not in attrs or kind in ("submit", "button"):
                continue
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                continue
            pairs.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif textarea:
            text = html.unescape(content)
            pairs.append((_attributes(textarea)["name"], text[1:] if text.startswith("\n")
                          else text))
        else:
            choices = [_attributes(o) for o in _OPTION.findall(options)]
            chosen = next((o for o in choices if "selected" in o), choices[0] if choices else {})
            pairs.append((_attributes(select)["name"], chosen.get("value", "")))
    return pairs


def replace(pairs: list, name: str, *values) -> list:
    """The pairs with every value of `name` replaced by `values`."""
    return [(n, v) for n, v in pairs if n != name] + [(name, str(v)) for v in values]


def flashes(page: str) -> list[str]:
    """The categories of the messages flashed on a page."""
    return re.findall(r'class="flash flash-(\w+)"', page)


# --- clients --------------------------------------------------------------------------------

class Unexpected(Exception):
    """The server answered something a browser would not expect."""


@dataclass
class Tally:
    """Latencies, errors and acknowledgements of one phase, shared by its clients."""

    latencies: dict = field(default_factory=lambda: defaultdict(list))
    errors: dict = field(default_factory=lambda: defaultdict(int))
    samples: list = field(default_factory=list)
    accepted: dict = field(default_factory=lambda: defaultdict(int))
    texts: dict = field(default_factory=dict)  # last accepted text answer, per participant
    requests: int = 0
    goal: tuple[str, int] | None = None  # (operation, count) that ends the phase early

    def over(self, loop, deadline: float) -> bool:
        """Whether the phase is over: its deadline passed, or its goal was accepted."""
        if self.goal is not None and self.accepted[self.goal[0]] >= self.goal[1]:
            return True
        return loop.time() >= deadline

    def error(self, operation: str, detail: str) -> None:
        """Count an error; keep the first few for the report."""
        self.errors[operation] += 1
        if len(self.samples) < 10:
            self.samples.append(f"{operation}: {detail}"[:300])


async def call(client: httpx.AsyncClient, tally: Tally, operation: str, method: str, url: str,
               expect: int, location: str | None = None, **kwargs) -> httpx.Response:
    """One timed request; raises Unexpected unless the status (and redirect) is as expected."""
    if isinstance(kwargs.get("data"), list):  # repeated names, in the page's order
        kwargs["content"] = urlencode(kwargs.pop("data"))
        kwargs["headers"] = {"Content-Type": "application/x-www-form-urlencoded"}
    started = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)
    except httpx.HTTPError as exc:
        tally.requests += 1
        tally.error(operation, f"{type(exc).__name__}: {exc}")
        raise Unexpected from exc
    tally.latencies[operation].append(time.perf_counter() - started)
    tally.requests += 1
    target = response.headers.get("location", "")
    if response.status_code != expect or (location and location not in target):
        tally.error(operation, f"{method} {url} -> {response.status_code} {target}")
        raise Unexpected
    return response


async def sign_in(client: httpx.AsyncClient, tally: Tally, index: int) -> None:
    """Open the sign-in page and sign in as participant `index`."""
    page = await call(client, tally, "login_page", "GET", "/login", 200)
    pairs = replace(form_fields(page.text, 'name="password"'), "email", user_email(index))
    await call(client, tally, "login", "POST", "/login", 302,
               data=replace(pairs, "password", PASSWORD))


def answers(pairs: list, questions: list, index: int, step: int) -> tuple[list, str]:
    """The form with every answer changed for this step; returns it and the text answer."""
    text = f"Participant {index}, edit {step}: " + ", ".join(
        WORDS[(index + step + k * 7) % len(WORDS)] for k in range(4))
    for question in questions:
        name, count = f"q-{question['id']}", question["options"]
        if question["kind"] == "scale":
            pairs = replace(pairs, name, step % 5 + 1)
        elif question["kind"] == "single":
            pairs = replace(pairs, name, step % count)
        elif question["kind"] == "multiple":
            pairs = replace(pairs, name, *sorted({step % count, (step + index) % count}))
        elif question["kind"] == "ranking":
            for option in range(count):
                pairs = replace(pairs, f"{name}-rank-{option}", (option + step) % count + 1)
        elif question["kind"] == "number":
            pairs = replace(pairs, name, 10 * (step % 50))
        else:
            pairs = replace(pairs, name, text)
    return pairs, text


def with_new_comment(pairs: list, questions: list, index: int, step: int) -> list:
    """The form with a new comment on one question (its phases are ticked already)."""
    question = questions[step % len(questions)]
    prefix = f"c-{question['id']}-new-"
    body = (f"Comment {step} of participant {index}: we suggest "
            + " and ".join(WORDS[(index * 3 + step + k * 5) % len(WORDS)] for k in range(3))
            + f" ({secrets.token_hex(4)}).")
    pairs = replace(pairs, f"{prefix}body", body)
    return replace(pairs, f"{prefix}type", ("general", "technical", "editorial")[step % 3])


async def mixed_client(base_url: str, plan: dict, index: int, deadline: float,
                       tally: Tally) -> None:
    """Sign in, then save drafts with comments and submit, until the deadline."""
    round_page = f"/rounds/{plan['round_id']}"
    confirm = f"{round_page}/confirm"
    loop = asyncio.get_running_loop()
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:
        try:
            await sign_in(client, tally, index)
        except Unexpected:
            return
        step = 0
        page = None
        while not tally.over(loop, deadline):
            try:
                if page is None:  # the start, or after an unexpected answer
                    page = (await call(client, tally, "form", "GET", round_page, 200)).text
                step += 1
                pairs, text = answers(form_fields(page, 'id="response-form"'),
                                      plan["questions"], index, step)
                pairs = with_new_comment(pairs, plan["questions"], index, step)
                page = None
                await call(client, tally, "save_draft", "POST", round_page, 302, round_page,
                           data=replace(pairs, "action", "save"))
                tally.accepted["draft"] += 1
                tally.accepted["comment"] += 1
                tally.texts[user_email(index)] = text
                page = (await call(client, tally, "form", "GET", round_page, 200)).text
                if tally.over(loop, deadline):
                    break
                pairs = replace(form_fields(page, 'id="response-form"'), "action", "submit")
                page = None
                await call(client, tally, "review", "POST", round_page, 302, confirm,
                           data=pairs)
                review = (await call(client, tally, "confirm_page", "GET", confirm, 200)).text
                await call(client, tally, "submit", "POST", confirm, 302, round_page,
                           data=form_fields(review, 'name="version"'))
                page = (await call(client, tally, "form", "GET", round_page, 200)).text
                if flashes(page) != ["success"]:  # the same redirect follows a refusal
                    tally.error("submit", f"refused: {flashes(page)}")
                    continue
                tally.accepted["submit"] += 1
            except Unexpected:
                page = None


async def submit_client(client: httpx.AsyncClient, plan: dict, deadline: float,
                        tally: Tally) -> None:
    """Already signed in: open the confirmation and submit, until the deadline."""
    confirm = f"/rounds/{plan['round_id']}/confirm"
    loop = asyncio.get_running_loop()
    pending = False  # a submission whose success message the next page shows
    while True:
        try:
            review = (await call(client, tally, "confirm_page", "GET", confirm, 200)).text
        except Unexpected:
            if tally.over(loop, deadline):
                return
            pending = False
            continue
        if pending:
            if flashes(review) != ["success"]:
                tally.error("submit", f"refused: {flashes(review)}")
            else:
                tally.accepted["submit"] += 1
            pending = False
        if tally.over(loop, deadline):
            return
        try:
            await call(client, tally, "submit", "POST", confirm, 302,
                       data=form_fields(review, 'name="version"'))
            pending = True
        except Unexpected:
            continue


async def bare_client(client: httpx.AsyncClient, token: str, deadline: float,
                      tally: Tally) -> None:
    """Already signed in: POST the bare endpoint with the session's token until the deadline."""
    loop = asyncio.get_running_loop()
    while not tally.over(loop, deadline):
        try:
            await call(client, tally, "bare_insert", "POST", "/bench/insert", 204,
                       data=[("csrf_token", token)])
        except Unexpected:
            continue
        tally.accepted["bare"] += 1


async def csrf_token(client: httpx.AsyncClient, plan: dict) -> str:
    """The session's CSRF token, from the round page's form (untimed setup)."""
    page = (await client.get(f"/rounds/{plan['round_id']}")).text
    return dict(form_fields(page, 'id="response-form"'))["csrf_token"]


GOALS = {"mixed": "submit", "submit": "submit", "bare": "bare"}


async def run_phase(phase: str, base_url: str, plan: dict, clients: int,
                    seconds: float, until: int | None = None) -> tuple[Tally, float]:
    """Run one phase's clients for `seconds`, or until `until` of its operations passed.

    Returns the tally and the elapsed seconds.
    """
    tally = Tally(goal=(GOALS[phase], until) if until else None)
    loop = asyncio.get_running_loop()
    if phase in ("submit", "bare"):  # sign in first, untimed; then start the clock
        async with contextlib.AsyncExitStack() as stack:
            sessions = [await stack.enter_async_context(
                httpx.AsyncClient(base_url=base_url, timeout=120)) for _ in range(clients)]
            setup = Tally()
            await asyncio.gather(*(sign_in(s, setup, i) for i, s in enumerate(sessions)),
                                 return_exceptions=True)
            tally.errors.update(setup.errors)
            tally.samples.extend(setup.samples)
            if phase == "bare":
                tokens = await asyncio.gather(*(csrf_token(s, plan) for s in sessions))
            began = loop.time()
            if phase == "bare":
                await asyncio.gather(*(bare_client(s, t, began + seconds, tally)
                                       for s, t in zip(sessions, tokens, strict=True)))
            else:
                await asyncio.gather(*(submit_client(s, plan, began + seconds, tally)
                                       for s in sessions))
            return tally, loop.time() - began
    began = loop.time()
    await asyncio.gather(*(mixed_client(base_url, plan, i, began + seconds, tally)
                           for i in range(clients)))
    return tally, loop.time() - began


# --- the run and its report -----------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of `values` (0 < share <= 1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summarise(phase: str, tally: Tally, elapsed: float, stored: dict) -> dict:
    """The figures of one phase: throughput, latencies, errors, accepted, stored, lost."""
    operations = {
        name: {"count": len(values),
               "p50_ms": round(1000 * percentile(values, 0.50), 1),
               "p95_ms": round(1000 * percentile(values, 0.95), 1),
               "p99_ms": round(1000 * percentile(values, 0.99), 1),
               "max_ms": round(1000 * max(values), 1)}
        for name, values in sorted(tally.latencies.items()) if values}
    kinds = {"mixed": ("submit", "draft", "comment", "receipt"), "submit": ("submit", "receipt"),
             "bare": ("bare",)}[phase]
    accepted = dict(tally.accepted)
    accepted["receipt"] = accepted.get("submit", 0)
    result = {
        "seconds": round(elapsed, 2),
        "requests": tally.requests,
        "requests_per_s": round(tally.requests / elapsed, 1),
        "errors": sum(tally.errors.values()),
        "errors_by_operation": dict(tally.errors),
        "error_samples": tally.samples,
        "accepted": {k: accepted.get(k, 0) for k in kinds},
        "stored": {k: stored.get(k, 0) for k in kinds},
        "lost": {k: accepted.get(k, 0) - stored.get(k, 0) for k in kinds},
        "operations": operations,
    }
    if phase == "mixed":
        mismatched = [email for email, text in tally.texts.items()
                      if stored["texts"].get(email) != text]
        result["final_text_mismatches"] = len(mismatched)
        result["refused_revisions"] = stored["refused"]
    if phase == "bare":
        result["inserts_per_s"] = round(accepted.get("bare", 0) / elapsed, 1)
    else:
        result["submits_per_s"] = round(accepted.get("submit", 0) / elapsed, 1)
    return result


def run(url: str, clients: int = 50, seconds: float = 60, workers: int = 4,
        phases: tuple[str, ...] = PHASES, log=print, until: int | None = None) -> dict:
    """Prepare the database, start gunicorn, run the phases; returns the report.

    With `until`, a phase ends as soon as that many submissions (bare inserts in "bare")
    were accepted, `seconds` being only its bound: tests then depend on counts, not speed.
    """
    started = time.perf_counter()
    plan = prepare(url, clients)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # create_app() logs at INFO
    log(f"prepared {clients} participants in {time.perf_counter() - started:.1f} s "
        f"({url.split('@')[-1]})")
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    server = Server(url, workers, folder)
    report = {"database": url.split(":")[0].split("+")[0], "clients": clients,
              "seconds": seconds, "workers": workers, "phases": {}}
    try:
        server.wait_ready()
        before = count_stored(url, plan["round_id"]) | {"receipt": server.receipts()}
        for phase in phases:
            cpu = time.process_time()
            tally, elapsed = asyncio.run(run_phase(phase, server.base_url, plan, clients,
                                                   seconds, until))
            cpu = time.process_time() - cpu
            after = count_stored(url, plan["round_id"]) | {"receipt": server.receipts()}
            stored = {key: after[key] - before[key] for key in (
                "submit", "draft", "comment", "bare", "receipt", "refused")}
            stored["texts"] = after["texts"]
            report["phases"][phase] = summarise(phase, tally, elapsed, stored)
            # The clients share the machine with the server: how much of a core they took.
            report["phases"][phase]["client_cpu_share"] = round(cpu / elapsed, 2)
            log(f"{phase}: {tally.requests} requests in {elapsed:.1f} s, "
                f"{sum(tally.errors.values())} errors")
            before = after
    finally:
        server.stop()
        if any(report["phases"].get(p, {}).get("errors") for p in phases):
            report["server_log_tail"] = server.log_tail()
        shutil.rmtree(folder, ignore_errors=True)
    report["ratios"] = ratios(report["phases"])
    return report


def ratios(results: dict) -> dict:
    """Throughput of the application's paths relative to the bare endpoint's."""
    bare = results.get("bare", {}).get("inserts_per_s")
    if not bare:
        return {}
    found = {}
    if "mixed" in results:
        found["mixed_submits_to_bare"] = round(results["mixed"]["submits_per_s"] / bare, 3)
        found["mixed_requests_to_bare"] = round(results["mixed"]["requests_per_s"] / bare, 3)
    if "submit" in results:
        found["submit_phase_submits_to_bare"] = round(
            results["submit"]["submits_per_s"] / bare, 3)
        found["submit_phase_requests_to_bare"] = round(
            results["submit"]["requests_per_s"] / bare, 3)
    return found


def table(report: dict) -> str:
    """The report as a plain-text table."""
    lines = [f"{report['clients']} clients, {report['workers']} workers, {report['database']}, "
             f"{report['seconds']} s per phase", ""]
    header = f"{'phase':<7} {'operation':<13} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} " \
             f"{'p99 ms':>8} {'max ms':>8}"
    lines.append(header)
    lines.append("-" * len(header))
    for phase, result in report["phases"].items():
        for name, op in result["operations"].items():
            lines.append(f"{phase:<7} {name:<13} {op['count']:>7} {op['p50_ms']:>8} "
                         f"{op['p95_ms']:>8} {op['p99_ms']:>8} {op['max_ms']:>8}")
    lines.append("")
    for phase, result in report["phases"].items():
        rates = ", ".join(f"{k.removesuffix('_per_s')}/s {result[k]}" for k in (
            "requests_per_s", "submits_per_s", "inserts_per_s") if k in result)
        lines.append(f"{phase}: {rates}; errors "
                     f"{result['errors']}; accepted {result['accepted']}; stored "
                     f"{result['stored']}; lost {result['lost']}")
        if "final_text_mismatches" in result:
            lines.append(f"{'':<7}final text answers differing from the last accepted: "
                         f"{result['final_text_mismatches']}")
        for sample in result["error_samples"]:
            lines.append(f"{'':<7}error: {sample}")
    if report.get("ratios"):
        lines.append("")
        lines.append("ratios to the bare endpoint: " + ", ".join(
            f"{k} {v:.1%}" for k, v in report["ratios"].items()))
    return "\n".join(lines)


def main() -> None:
    """Parse the options, run, print the table and write the JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url",
                        default=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL)
    parser.add_argument("--phases", default=",".join(PHASES),
                        help="comma-separated, of: " + ", ".join(PHASES))
    parser.add_argument("--runs", type=int, default=3,
                        help="whole runs (fresh database and server each); medians reported")
    parser.add_argument("--output", default=str(ROOT / "bench" / "load.json"))
    args = parser.parse_args()
    phases = tuple(p.strip() for p in args.phases.split(",") if p.strip())
    if unknown := set(phases) - set(PHASES):
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    reports = []
    for number in range(1, args.runs + 1):
        reports.append(run(args.database_url, args.clients, args.seconds, args.workers,
                           phases))
        print(f"run {number} of {args.runs}:\n{table(reports[-1])}\n", flush=True)
    report = median_report(reports)
    print(f"median of {len(reports)} runs:\n{table(report)}")
    Path(args.output).write_text(json.dumps(report, indent=2) + "\n")


def median_report(reports: list[dict]) -> dict:
    """Several runs as one report: medians of rates and latencies, sums of everything counted.

    Errors, accepted, stored and lost are added up over the runs, so one lost submission in
    any run shows; the runs themselves are kept under "runs".
    """
    if len(reports) == 1:
        return reports[0] | {"runs": reports}
    first = reports[0]
    merged = {key: first[key] for key in ("database", "clients", "seconds", "workers")}
    merged["phases"] = {}
    for phase in first["phases"]:
        found = [r["phases"][phase] for r in reports]
        result = {key: round(statistics.median(f[key] for f in found), 1)
                  for key in ("requests_per_s", "submits_per_s", "inserts_per_s",
                              "client_cpu_share") if key in found[0]}
        result["errors"] = sum(f["errors"] for f in found)
        result["error_samples"] = [s for f in found for s in f["error_samples"]][:10]
        for key in ("accepted", "stored", "lost"):
            result[key] = {kind: sum(f[key][kind] for f in found) for kind in found[0][key]}
        for key in ("final_text_mismatches", "refused_revisions"):
            if key in found[0]:
                result[key] = sum(f[key] for f in found)
        result["operations"] = {
            name: {figure: round(statistics.median(f["operations"][name][figure] for f in found
                                                   if name in f["operations"]), 1)
                   for figure in ("p50_ms", "p95_ms", "p99_ms", "max_ms")}
                  | {"count": sum(f["operations"].get(name, {}).get("count", 0) for f in found)}
            for name in found[0]["operations"]}
        merged["phases"][phase] = result
    merged["ratios"] = ratios(merged["phases"])
    merged["runs"] = reports
    return merged


if __name__ == "__main__":
    main()
