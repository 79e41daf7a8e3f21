"""A version is frozen with its annexes: exporting 0.1 gives 0.1's decisions and figures
whatever is decided later, and a stored file is reused only for identical inputs."""

import pytest
from sqlalchemy import delete, func, select

from app.consultations import audience
from app.core.types import utcnow
from app.drafts import blocks, dispositions, snapshots, versions
from app.drafts.models import VersionSnapshot
from app.drafts.versions import VersionImmutable
from app.exports import assemble, jobs
from app.exports.models import ExportJob
from app.extensions import db
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.forms import rendered_form


def _answer(person, round_, body):
    phase = vocab.term("credential_phase", "design").id
    return responses.save_response(person, round_, ResponseInput(
        {}, [CommentInput(question_id=round_.questions[0].id, body=body, phases=[phase])]),
        now=utcnow(), expected_version=None, submit=True).response.comments[0]


@pytest.fixture
def drafted(facilitator, make_round, participant, make_user, make_organisation):
    """Version 0.1 with one decided and one undecided comment; more people invited."""
    round_ = make_round(questions=("text",))
    late = make_user(organisations=[make_organisation(name="Late Org", country="FI")])
    audience.invite_audience(facilitator, round_)
    decided = _answer(participant, round_, "Decided before the version")
    undecided = _answer(late, round_, "Decided afterwards")
    document = blocks.create_document(facilitator, title="Frozen",
                                      consultations=[round_.consultation])
    block = blocks.add_block(facilitator, document, kind="recommendation", title="One",
                             text="Text.", now=utcnow())
    dispositions.decide(facilitator, document, decided, status="accepted", reason="Taken up",
                        block=block, expected_version=None, now=utcnow())
    version = versions.save_version(facilitator, document, number="0.1")
    return version, undecided, round_


def _annexes(markdown: str) -> str:
    return markdown[markdown.index("# Annex A"):]


def test_exporting_a_version_again_gives_its_own_annexes(facilitator, drafted, make_user,
                                                         make_organisation):
    version, undecided, round_ = drafted
    first, _assets = assemble.assemble(version)
    assert "Not decided" in first and "Decided afterwards" in first
    dispositions.decide(facilitator, version.document, undecided, status="not_accepted",
                        reason="Reason given later", block=None, expected_version=None,
                        now=utcnow())
    newcomer = make_user(organisations=[make_organisation(name="New Org", country="BE")])
    audience.invite_audience(facilitator, round_)
    _answer(newcomer, round_, "Written afterwards")
    db.session.flush()
    again, _assets = assemble.assemble(db.session.get(type(version), version.id))
    assert _annexes(again) == _annexes(first)
    later = versions.save_version(facilitator, version.document, number="0.2")
    current, _assets = assemble.assemble(later)
    assert "Reason given later" in current and "Written afterwards" in current
    assert _annexes(current) != _annexes(first)


def test_a_stored_export_is_reused_only_for_identical_inputs(facilitator, drafted):
    version, undecided, _round = drafted
    job, created = jobs.request_export(facilitator, version, fmt="md", style="report")
    db.session.commit()
    jobs.dispatch(job.id)
    assert created and job.state == "done"
    dispositions.decide(facilitator, version.document, undecided, status="noted", reason="",
                        block=None, expected_version=None, now=utcnow())
    again, created = jobs.request_export(facilitator, version, fmt="md", style="report")
    assert (again.id, created) == (job.id, False)  # 0.1's inputs did not change
    for changed in ({"fmt": "html", "style": "report"}, {"fmt": "md", "style": "brief"},
                    {"fmt": "md", "style": "report", "annexes": ("dispositions",)}):
        other, created = jobs.request_export(facilitator, version, **changed)
        assert created and other.id != job.id
    version.document.language = "it"
    italian, created = jobs.request_export(facilitator, version, fmt="md", style="report")
    assert created and italian.options["language"] == "it"
    later = versions.save_version(facilitator, version.document, number="0.2")
    newer, created = jobs.request_export(facilitator, later, fmt="md", style="report")
    assert created and newer.options_key != job.options_key


def test_a_version_saved_before_snapshots_is_frozen_at_its_first_export(facilitator, drafted):
    version, undecided, _round = drafted
    db.session.execute(delete(VersionSnapshot).where(VersionSnapshot.version_id == version.id))
    db.session.expire_all()
    first, _assets = assemble.assemble(version)
    dispositions.decide(facilitator, version.document, undecided, status="deferred",
                        reason="Next year", block=None, expected_version=None, now=utcnow())
    again, _assets = assemble.assemble(version)
    assert _annexes(again) == _annexes(first) and "Next year" not in again
    assert db.session.scalar(select(func.count()).select_from(VersionSnapshot).where(
        VersionSnapshot.version_id == version.id)) == 1


def test_a_snapshot_cannot_be_changed(drafted):
    version, _undecided, _round = drafted
    snapshot = snapshots.of(version)
    snapshot.checksum = "0" * 64
    with pytest.raises(VersionImmutable):
        db.session.flush()
    db.session.rollback()


def test_the_export_form_has_no_fresh_checkbox_and_reuses_files(client, login_as,
                                                                 facilitator, drafted):
    version, undecided, _round = drafted
    document = version.document
    login_as(facilitator)
    path = f"/manage/documents/{document.id}/export"
    form = rendered_form(client.get(path), having="format")
    assert "fresh" not in form.names
    form.set("format", "md")
    first = client.post(path, data=form.data())
    dispositions.decide(facilitator, document, undecided, status="noted", reason="",
                        block=None, expected_version=None, now=utcnow())
    db.session.commit()
    second = client.post(path, data=rendered_form(client.get(path), having="format")
                         .set("format", "md").data())
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(ExportJob)) == 1
