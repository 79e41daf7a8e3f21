"""A version's annexes frozen with it: decisions, reasons, targets and participation.

Recorded when the version is saved. A version saved before snapshots existed is frozen the
first time it is exported. Labels of statuses and anonymity modes are stored as keys and
translated when exported; everything else is stored as the annexes print it.
"""

import hashlib
import json

from sqlalchemy import select

from ..consultations import audience
from ..extensions import db
from ..privacy import publication
from . import dispositions
from .models import DocumentVersion, VersionSnapshot

TYPE_CODES = {"general": "ge", "technical": "te", "editorial": "ed"}


def record(version: DocumentVersion) -> VersionSnapshot:
    """Freeze what the version's annexes show now."""
    data = {"method": _method(version), "participation": _participation(version),
            "dispositions": _dispositions(version)}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    snapshot = VersionSnapshot(version_id=version.id, data=data,
                               checksum=hashlib.sha256(text.encode()).hexdigest())
    db.session.add(snapshot)
    db.session.flush()
    return snapshot


def of(version: DocumentVersion) -> VersionSnapshot:
    """The version's snapshot (recorded now for a version saved before snapshots existed)."""
    found = db.session.scalar(select(VersionSnapshot).where(
        VersionSnapshot.version_id == version.id))
    return found or record(version)


def _rounds(version: DocumentVersion):
    for consultation in version.document.consultations:
        for round_ in consultation.rounds:
            if round_.published_at is not None:
                yield round_


def _method(version: DocumentVersion) -> list[dict]:
    return [{"title": r.title, "opened": r.opens_at.strftime("%Y-%m-%d"),
             "closed": r.closes_at.strftime("%Y-%m-%d"), "questions": len(r.questions),
             "audience": [t.label for t in r.audience_terms], "anonymity": r.anonymity}
            for r in _rounds(version)]


def _participation(version: DocumentVersion) -> list[dict]:
    found = []
    for round_ in _rounds(version):
        table = audience.participation(round_)
        found.append({"title": round_.title, "rows": [
            [kind, country, counts["invited"], counts["submitted"]]
            for (kind, country), counts in table["rows"]]})
    return found


def _dispositions(version: DocumentVersion) -> list[dict]:
    numbers = {b.block_id: b.number for b in version.blocks if b.kind == "recommendation"}
    rows = []
    matrix = dispositions.matrix(version.document)
    choices = publication.choices_for([comment.response for comment, _d in matrix])
    for comment, disposition in matrix:
        response = comment.response
        hidden = response.round.anonymity == "anonymous"
        withheld = choices.get(response.id) == "none"  # the author chose not to publish it
        excerpt = "" if withheld else (
            comment.body if len(comment.body) <= 200 else comment.body[:197] + "…")
        rows.append({"withheld": withheld,
            "comment": comment.id,
            "stakeholder_type": None if hidden or not response.stakeholder_type
            else response.stakeholder_type.label,
            "country": None if hidden or not response.country else response.country.label,
            "phases": [t.label for t in comment.tags("credential_phase")],
            "type": TYPE_CODES[comment.comment_type], "excerpt": excerpt,
            "status": disposition.status if disposition else None,
            "reason": disposition.reason if disposition else "",
            "target": numbers.get(disposition.block_id, "") if disposition else ""})
    return rows
