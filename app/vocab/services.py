"""Vocabulary operations: load the shipped terms, add, rename, retire, delete unused."""

from flask_babel import gettext as _
from sqlalchemy import func, select
from wtforms import SelectChoice

from ..accounts.permissions import can_administer
from ..audit.services import record
from ..core.errors import Conflict, DomainError, NotAllowed
from ..core.forms import select_choices
from ..core.types import utcnow
from ..extensions import db
from .definitions import VOCABULARIES
from .models import Term


class TermInUse(Conflict):
    """A term that data refers to cannot be deleted (retire it instead)."""


def load_vocabularies(actor=None) -> int:
    """Insert the shipped terms that are missing; existing terms are left as edited."""
    existing = {(t.vocabulary, t.key) for t in db.session.scalars(select(Term))}
    added = 0
    for vocabulary in VOCABULARIES.values():
        for position, (key, label, description) in enumerate(vocabulary.terms):
            if (vocabulary.key, key) not in existing:
                db.session.add(Term(vocabulary=vocabulary.key, key=key, label=label,
                                    description=description, position=position))
                added += 1
    db.session.flush()
    if added:
        record(actor, "vocabulary.load", None, added=added)
    return added


def terms(vocabulary: str, include_retired: bool = False) -> list[Term]:
    """The terms of a vocabulary in display order."""
    query = select(Term).where(Term.vocabulary == vocabulary)
    if not include_retired:
        query = query.where(Term.retired_at.is_(None))
    return list(db.session.scalars(query.order_by(Term.position, Term.label)))


def term(vocabulary: str, key: str) -> Term | None:
    """The term with this key, or None."""
    return db.session.scalar(select(Term).where(Term.vocabulary == vocabulary, Term.key == key))


def term_by_id(term_id: int, vocabulary: str | None = None) -> Term | None:
    """The term with this id (in this vocabulary, if given), or None."""
    found = db.session.get(Term, term_id)
    if found is None or (vocabulary and found.vocabulary != vocabulary):
        return None
    return found


def choices(vocabulary: str, current=()) -> list[SelectChoice]:
    """Form choices of active terms, plus retired ones still set on the record."""
    keep = {t.id for t in current if t is not None}
    return select_choices((t.id, t.label) for t in terms(vocabulary, include_retired=True)
                          if not t.is_retired or t.id in keep)


def add_term(actor, vocabulary: str, key: str, label: str, description: str = "") -> Term:
    """Add a term to a vocabulary, at the end."""
    _require_admin(actor)
    if vocabulary not in VOCABULARIES:
        raise DomainError(_("There is no vocabulary called %(name)s.", name=vocabulary))
    key = key.strip().lower()
    if term(vocabulary, key) is not None:
        raise Conflict(_("The key %(key)s is used already in this vocabulary.", key=key))
    last = db.session.scalar(select(func.max(Term.position)).where(Term.vocabulary == vocabulary))
    new = Term(vocabulary=vocabulary, key=key, label=label.strip(),
               description=description.strip(), position=(last or 0) + 1)
    db.session.add(new)
    db.session.flush()
    record(actor, "term.add", new, vocabulary=vocabulary, key=key, label=new.label)
    return new


def rename_term(actor, target: Term, label: str, description: str) -> Term:
    """Change a term's label and description; its key, and data using it, stay."""
    _require_admin(actor)
    old = (target.label, target.description)
    target.label, target.description = label.strip(), description.strip()
    record(actor, "term.rename", target, old=list(old), new=[target.label, target.description])
    return target


def retire_term(actor, target: Term, retired: bool = True) -> Term:
    """Stop (or resume) offering a term for new data; existing data keeps it."""
    _require_admin(actor)
    target.retired_at = utcnow() if retired else None
    record(actor, "term.retire" if retired else "term.reinstate", target)
    return target


def usage_count(target: Term) -> int:
    """How many rows, in any table, refer to this term."""
    total = 0
    for table in db.Model.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == Term.__tablename__ and table.name != Term.__tablename__:
                column = fk.parent
                total += db.session.scalar(
                    select(func.count()).select_from(table).where(column == target.id)
                ) or 0
    return total


def delete_term(actor, target: Term) -> None:
    """Delete a term nothing refers to; a term in use is never deleted."""
    _require_admin(actor)
    if usage_count(target):
        raise TermInUse(_("%(label)s is in use, so it cannot be deleted. Retire it instead: it "
                          "will no longer be offered, and existing data keeps it.",
                          label=target.label))
    record(actor, "term.delete", target, vocabulary=target.vocabulary, key=target.key)
    db.session.delete(target)


def _require_admin(actor) -> None:
    if actor is not None and not can_administer(actor):
        raise NotAllowed(_("Only administrators can change vocabularies."))
