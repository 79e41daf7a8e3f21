"""Load the demo instance into an empty database."""

from sqlalchemy import func, select

from ..accounts import services as accounts
from ..accounts.models import User
from ..core.types import utcnow
from ..extensions import db
from ..organisations import services as organisations
from ..vocab import services as vocab
from .anonymous import load_demo_anonymous
from .consultation import load_demo_consultation
from .data import FURTHER_ORGANISATIONS, PARTNERS, PEOPLE


def is_empty() -> bool:
    """Whether the database has no account yet."""
    return not db.session.scalar(select(func.count()).select_from(User))


def load_demo(password: str) -> list[User]:
    """Create vocabularies, organisations, people and the MASTERY consultation."""
    vocab.load_vocabularies()
    created = {}
    for name, kind, startup, country, region, level, sectors, website in (
        PARTNERS + FURTHER_ORGANISATIONS
    ):
        created[name] = organisations.create_organisation(
            None,
            name=name,
            stakeholder_type=vocab.term("stakeholder_type", kind),
            is_startup=startup,
            country=vocab.term("country", country),
            region=region,
            governance_level=vocab.term("governance_level", level),
            sectors=[vocab.term("sector", key) for key in sectors],
            website=website,
        )
    people = []
    for email, name, roles, org_prefixes, language in PEOPLE:
        members = [org for prefix in org_prefixes for org_name, org in created.items()
                   if org_name.startswith(prefix)]
        people.append(accounts.create_user(
            None, email, name, organisations=members, password=password,
            is_administrator="administrator" in roles, is_facilitator="facilitator" in roles,
            preferred_language=language,
        ))
    facilitators = [p for p in people if p.is_facilitator]
    stakeholders = [p for p in people if not (p.is_facilitator or p.is_administrator)]
    load_demo_consultation(facilitators, stakeholders, utcnow())
    load_demo_anonymous(facilitators[0], stakeholders, utcnow())
    return people


def prepare_exports() -> int:
    """Make the files of the demo's publications (after the demo was committed)."""
    from ..exports import jobs
    from ..publications import services as publications

    job_ids = [job_id for item in publications.publications()
               for job_id in publications.queued_exports(item)]
    for job_id in job_ids:
        jobs.run_job(job_id)
    return len(job_ids)
