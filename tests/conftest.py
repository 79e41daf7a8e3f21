"""Fixtures: app, db (rolled back per test), client, login_as, and factories."""

import itertools
from pathlib import Path

import pytest

from app import create_app
from app.accounts import services as accounts
from app.extensions import db as _db
from app.extensions import limiter
from app.organisations import services as organisations
from app.vocab import services as vocab
from tests.databases import scratch_database, test_database_url

PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """One application for the session, on a fresh schema with the vocabularies loaded."""
    tmp = tmp_path_factory.mktemp("app")
    url = test_database_url() or scratch_database("unit", tmp)
    application = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "MAIL_FILE_DIR": str(tmp / "mail"),
    })
    with application.app_context():
        _db.drop_all()
        _db.create_all()
        vocab.load_vocabularies()
        _db.session.commit()
        _db.session.remove()
    yield application
    with application.app_context():
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture(autouse=True)
def _limiter_follows_the_suite_app(app):
    """Flask-Limiter keeps one switch per process; apps made by tests must not leave it on."""
    limiter.enabled = app.config["RATELIMIT_ENABLED"]


@pytest.fixture
def db(app):
    """The database, in a transaction that is rolled back after the test."""
    with app.app_context():
        engines = _db._app_engines[app]
        engine = engines[None]
        connection = engine.connect()
        transaction = connection.begin()
        engines[None] = connection  # every session of this test joins the transaction
        original_session = _db.session
        _db.session = _db._make_scoped_session({"join_transaction_mode": "create_savepoint"})
        try:
            yield _db
        finally:
            _db.session.remove()
            _db.session = original_session
            engines[None] = engine
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app, db):
    """A test client whose requests run inside the test's transaction."""
    return app.test_client()


@pytest.fixture
def mail_dir(app) -> Path:
    """Where the app writes e-mails; emptied before the test."""
    folder = Path(app.config["MAIL_FILE_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.glob("*.eml"):
        path.unlink()
    return folder


@pytest.fixture
def outbox(mail_dir):
    """A function returning the e-mails written so far, oldest first, as message objects."""
    import email
    from email import policy

    def read():
        return [email.message_from_bytes(p.read_bytes(), policy=policy.default)
                for p in sorted(mail_dir.glob("*.eml"))]

    return read


_counter = itertools.count(1)


@pytest.fixture
def make_organisation(db):
    """Factory: an organisation with sensible defaults."""

    def make(name=None, stakeholder_type="vet_provider", country="IT", level="regional",
             sectors=("wood",), is_startup=False, region=""):
        return organisations.create_organisation(
            None,
            name=name or f"Organisation {next(_counter)}",
            stakeholder_type=vocab.term("stakeholder_type", stakeholder_type),
            country=vocab.term("country", country),
            governance_level=vocab.term("governance_level", level),
            sectors=[vocab.term("sector", s) for s in sectors],
            is_startup=is_startup,
            region=region,
        )

    return make


@pytest.fixture
def make_user(db):
    """Factory: an account with a password (PASSWORD unless given)."""

    def make(email=None, name=None, password=PASSWORD, roles=(), organisations=(), **extra):
        return accounts.create_user(
            None,
            email or f"person{next(_counter)}@example.org",
            name or f"Person {next(_counter)}",
            password=password,
            is_administrator="administrator" in roles,
            is_facilitator="facilitator" in roles,
            organisations=organisations,
            **extra,
        )

    return make


@pytest.fixture
def admin(make_user):
    """An administrator."""
    return make_user(email="admin@example.org", name="Ada Admin", roles=("administrator",))


@pytest.fixture
def facilitator(make_user):
    """A facilitator."""
    return make_user(email="fac@example.org", name="Fran Facilitator", roles=("facilitator",))


@pytest.fixture
def stakeholder(make_user):
    """A stakeholder without a role."""
    return make_user(email="stake@example.org", name="Sam Stakeholder")


@pytest.fixture
def login_as(client):
    """Sign a user in through the real login form."""

    def login(user, password=PASSWORD):
        response = client.post("/login", data={"email": user.email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return login


@pytest.fixture
def make_consultation(db, facilitator):
    """Factory: a consultation run by the facilitator (or `owner`)."""
    from app.consultations import services as consultations

    def make(title="Green-skills micro-credentials", owner=None, **fields):
        return consultations.create_consultation(owner or facilitator, title=title, **fields)

    return make


@pytest.fixture
def make_round(db, facilitator, make_consultation):
    """Factory: a published round, open now unless `opens_in` / `closes_in` say otherwise."""
    from datetime import timedelta

    from app.consultations import rounds
    from app.core.types import utcnow

    def make(consultation=None, opens_in=timedelta(hours=-1), closes_in=timedelta(days=7),
             questions=("scale",), publish=True, **fields):
        consultation = consultation or make_consultation()
        now = utcnow()
        round_ = rounds.create_round(
            consultation.facilitators[0], consultation, title=fields.pop("title", "Round 1"),
            opens_at=now + opens_in, closes_at=now + closes_in, **fields)
        for kind in questions:
            add_question(round_, kind)
        if publish:
            round_.published_at = now + min(opens_in, timedelta(0))
        _db.session.flush()
        return round_

    return make


def add_question(round_, kind="scale", **fields):
    """Add a question of `kind` with sensible defaults, tagged to the design phase."""
    from app.consultations import questions

    defaults = {
        "text": {}, "scale": {"scale_points": 5}, "number": {"min_value": 0, "max_value": 100},
        "single": {"options": ["Yes", "No", "Not sure"]},
        "multiple": {"options": ["Design", "Delivery", "Certification"], "max_choices": 2},
        "ranking": {"options": ["Quality", "Portability", "Relevance"]},
    }[kind]
    return questions.add_question(
        round_.consultation.facilitators[0], round_, kind=kind,
        prompt=fields.pop("prompt", f"A {kind} question?"),
        terms=fields.pop("terms", [vocab.term("credential_phase", "design")]),
        **(defaults | fields))


@pytest.fixture
def participant(make_user, make_organisation):
    """A stakeholder in an Italian VET provider (in every round with an open audience)."""
    organisation = make_organisation(name="Istituto Tecnico", country="IT")
    return make_user(email="participant@example.org", name="Paola Participant",
                     organisations=[organisation])
