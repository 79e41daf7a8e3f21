"""The pages whose SQL statements are counted at two sizes of data (benchmark and test)."""

from sqlalchemy import select

from ..consultations.models import Round
from ..extensions import db
from ..vocab import services as vocab


def typical_pages(consultation, version) -> dict[str, str]:
    """Paths of the explorer, round page, statistics, disposition matrix and comparison."""
    round_ = db.session.scalars(select(Round).where(
        Round.consultation_id == consultation.id).order_by(Round.position)).first()
    document_id = version.document_id
    phase = vocab.term("credential_phase", "delivery").id
    return {
        "explorer": f"/manage/{consultation.id}/explore?phase={phase}&kind=comment",
        "explorer, search and fold": f"/manage/{consultation.id}/explore?q=wallet&fold=1",
        "explorer, oldest first": f"/manage/{consultation.id}/explore?sort=oldest",
        "round page": f"/rounds/{round_.id}",
        "statistics": f"/manage/rounds/{round_.id}/statistics",
        "disposition matrix": f"/manage/documents/{document_id}/dispositions?undecided=1",
        "version comparison": f"/manage/documents/{document_id}/compare?old={version.id}"
                              f"&new={version.id}",
    }


def shows_items(name: str, body: bytes) -> bool:
    """Whether an explorer page lists items (an empty page would run fewer statements)."""
    return not name.startswith("explorer") or b'class="item"' in body
