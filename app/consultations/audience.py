"""Who a round is for: audience matching, invitations, reminders and participation."""

import csv
import io
from collections import Counter
from datetime import datetime
from itertools import chain

from email_validator import EmailNotValidError, validate_email
from flask import g, has_request_context
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, event, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from ..accounts import services as accounts
from ..accounts.models import User
from ..audit.services import record
from ..core.mail import letter, send_letter
from ..core.urls import external_url
from ..extensions import db
from ..organisations.models import Organisation, membership, organisation_sector
from ..responses.models import Response
from . import content
from .models import Invitation, Round, consultation_facilitator

DIMENSIONS = {
    "stakeholder_type": Organisation.stakeholder_type_id,
    "country": Organisation.country_id,
    "governance_level": Organisation.governance_level_id,
}


def matching_organisations(round_: Round) -> Select:
    """Active organisations in the round's audience: matching every criterion, or named."""
    conditions = []
    for vocabulary, column in DIMENSIONS.items():
        ids = [t.id for t in round_.audience(vocabulary)]
        if ids:
            conditions.append(column.in_(ids))
    sector_ids = [t.id for t in round_.audience("sector")]
    if sector_ids:
        conditions.append(exists().where(organisation_sector.c.organisation_id == Organisation.id,
                                         organisation_sector.c.term_id.in_(sector_ids)))
    named = [o.id for o in round_.audience_organisations]
    if conditions:
        match = and_(*conditions)
        where = or_(match, Organisation.id.in_(named)) if named else match
    else:
        where = Organisation.id.in_(named) if named else True
    return select(Organisation.id).where(Organisation.is_active.is_(True), where)


def audience_users(round_: Round) -> Select:
    """Active users in the audience's organisations or invited by name, facilitators excepted.

    The consultation's own facilitators run it rather than answer it.
    """
    member = select(membership.c.user_id).where(
        membership.c.organisation_id.in_(matching_organisations(round_)))
    invited = select(Invitation.user_id).where(Invitation.round_id == round_.id)
    facilitators = select(consultation_facilitator.c.user_id).where(
        consultation_facilitator.c.consultation_id == round_.consultation_id)
    return select(User).where(User.is_active_account.is_(True), User.id.not_in(facilitators),
                              or_(User.id.in_(member), User.id.in_(invited))
                              ).order_by(User.display_name)


def is_in_audience(user, round_: Round) -> bool:
    """Whether `user` may take part in the round.

    Asked several times while handling one request (seeing, answering, saving), so the
    answer is kept for the rest of the request, until the request writes anything that
    could change it (see _forget_audience_checks).
    """
    if not getattr(user, "is_authenticated", False):
        return False
    known = g.setdefault("_audience_checks", {}) if has_request_context() else {}
    key = (user.id, round_.id)
    if key not in known:
        query = audience_users(round_).where(User.id == user.id)
        known[key] = bool(db.session.scalar(select(query.exists())))
    return known[key]


# Mapped tables only: a changed audience, membership or facilitator list makes its owner dirty.
_AUDIENCE_TABLES = frozenset({"round", "round_invitation", "organisation", "user",
                              "consultation"})


@event.listens_for(Session, "after_flush")
def _forget_audience_checks(session, _context) -> None:
    """A flush touching rounds, organisations, people or invitations voids the kept answers."""
    if not has_request_context() or "_audience_checks" not in g:
        return
    for obj in chain(session.new, session.dirty, session.deleted):
        if getattr(getattr(type(obj), "__table__", None), "name", None) in _AUDIENCE_TABLES:
            g.pop("_audience_checks", None)
            return


def audience_organisations_of(user, round_: Round) -> list[Organisation]:
    """The user's organisations that are part of the round's audience, by name."""
    return list(db.session.scalars(
        select(Organisation).join(membership, membership.c.organisation_id == Organisation.id)
        .where(membership.c.user_id == user.id,
               Organisation.id.in_(matching_organisations(round_)))
        .order_by(Organisation.name)))


def invite_audience(actor, round_: Round) -> int:
    """Invite every audience member not invited yet; returns how many were invited."""
    already = set(db.session.scalars(
        select(Invitation.user_id).where(Invitation.round_id == round_.id)))
    count = 0
    for user in db.session.scalars(audience_users(round_)):
        if user.id not in already:
            _invite(round_, user)
            count += 1
    record(actor, "round.invite", round_, invited=count)
    return count


def invite_emails(actor, round_: Round, text: str) -> tuple[int, list[str]]:
    """Invite people by e-mail address; people without an account are invited to make one."""
    problems, invited = [], 0
    for number, raw in enumerate(_split_emails(text), start=1):
        try:
            email = validate_email(raw, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            problems.append(_("Item %(n)d: \"%(value)s\" is not an e-mail address.",
                              n=number, value=raw))
            continue
        user = accounts.find_by_email(email)
        if user is None:
            user = accounts.invite_user(actor, email, email.split("@")[0])
        if db.session.scalar(select(Invitation).filter_by(round_id=round_.id, user_id=user.id)):
            continue
        _invite(round_, user)
        invited += 1
    record(actor, "round.invite_emails", round_, invited=invited, problems=len(problems))
    return invited, problems


def send_reminders(actor, round_: Round, now: datetime) -> int:
    """E-mail invited people who still have something to submit; returns how many.

    Someone whose organisation has submitted the round's one response per organisation has
    nothing left to do and is not reminded: the same rule as the participation page's list.
    """
    count = 0
    for row in invitation_states(round_):
        if not row["remindable"]:
            continue
        invitation = row["invitation"]
        _mail(round_, invitation.user, "consultations/email/reminder.txt",
              _l("Reminder: %(title)s closes soon", title=content.lazy_title(round_)))
        invitation.reminded_at, invitation.reminder_count = now, invitation.reminder_count + 1
        count += 1
    record(actor, "round.remind", round_, reminded=count)
    return count


def invitation_states(round_: Round) -> list[dict]:
    """Each invitation with its person's first organisation and their response's state.

    The response is their own, or their organisation's: started, submitted, and whether
    they are still to be reminded.
    """
    responses = {r.owner_key: r for r in db.session.scalars(
        select(Response).where(Response.round_id == round_.id))}
    invitations = db.session.scalars(
        select(Invitation).where(Invitation.round_id == round_.id).options(
            selectinload(Invitation.user).selectinload(User.organisations)
            .selectinload(Organisation.stakeholder_type),
            selectinload(Invitation.user).selectinload(User.organisations)
            .selectinload(Organisation.country)))
    rows = []
    for invitation in invitations:
        user = invitation.user
        owner_keys = [f"u:{user.id}"] + [f"o:{o.id}" for o in user.organisations]
        mine = [responses[k] for k in owner_keys if k in responses]
        submitted = any(r.is_submitted for r in mine)
        rows.append({"invitation": invitation, "user": user,
                     "organisation": (user.organisations or [None])[0],
                     "started": bool(mine), "submitted": submitted,
                     "remindable": not submitted and user.is_active})
    return rows


def participation(round_: Round) -> dict:
    """Invited, started and submitted counts by stakeholder type and country."""
    table: dict[tuple[str, str], Counter] = {}
    pending = []
    for row in invitation_states(round_):
        organisation = row["organisation"]
        key = (organisation.stakeholder_type.label if organisation else _("No organisation"),
               organisation.country.label if organisation else "—")
        counts = table.setdefault(key, Counter())
        counts["invited"] += 1
        counts["started"] += row["started"]
        counts["submitted"] += row["submitted"]
        if not row["submitted"]:
            pending.append(row)
    total = sum(table.values(), Counter())
    pending.sort(key=lambda row: row["user"].display_name.lower())
    return {"rows": sorted(table.items()), "total": total, "pending": pending,
            "remindable": sum(row["remindable"] for row in pending)}


def notify_deadline_change(round_: Round, change) -> None:
    """Tell everyone invited (active accounts) of a new deadline, once it is committed."""
    link = external_url("responses.round_page", round_id=round_.id)
    pending = select(Invitation).where(Invitation.round_id == round_.id).options(
        selectinload(Invitation.user))
    for invitation in db.session.scalars(pending):
        if invitation.user.is_active:
            send_letter(letter(invitation.user,
                               _l("New deadline: %(title)s closes earlier",
                                  title=content.lazy_title(round_)),
                               "consultations/email/deadline_moved.txt", round=round_,
                               change=change, link=link))


def _invite(round_: Round, user) -> None:
    db.session.add(Invitation(round_id=round_.id, user_id=user.id))
    _mail(round_, user, "consultations/email/invitation.txt",
          _l("Invitation: %(title)s", title=content.lazy_title(round_)))


def _mail(round_: Round, user, template: str, subject) -> None:
    link = external_url("responses.round_page", round_id=round_.id)
    send_letter(letter(user, subject, template, round=round_, link=link))


def emails_from_csv(text: str) -> str:
    """The addresses in a CSV file: its "email" column, or else its first column."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return ""
    header = [cell.strip().lower() for cell in rows[0]]
    column = next((header.index(n) for n in ("email", "e-mail", "mail") if n in header), None)
    has_header = column is not None or "@" not in (rows[0][0] if rows[0] else "")
    body = rows[1:] if has_header else rows
    return "\n".join(row[column or 0].strip() for row in body if len(row) > (column or 0))


def _split_emails(text: str) -> list[str]:
    parts = text.replace(";", "\n").replace(",", "\n").splitlines()
    return [p.strip() for p in parts if p.strip() and p.strip().lower() != "email"]
