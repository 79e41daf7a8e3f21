"""Raw-data exports: contents, anonymity, formula safety."""

import csv
import io

import pytest
from openpyxl import load_workbook

from app.analysis import exports


def _csv(client, path):
    response = client.get(path)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_answers_csv(client, login_as, facilitator, collated):
    round_, _people = collated
    login_as(facilitator)
    rows = _csv(client, f"/manage/{round_.consultation_id}/export/answers.csv")
    assert len(rows) == 30  # 5 people × 6 questions
    scale = [r for r in rows if r["question_kind"] == "scale"]
    assert sorted(r["answer"] for r in scale)[0] == "2 – Disagree"
    assert {r["organisation"] for r in rows} >= {"Ana org", "Eva org"}
    assert {r["country"] for r in rows} == {"Spain", "Belgium", "Italy", "Finland"}


def test_comments_csv_with_tags_and_codes(client, login_as, facilitator, collated):
    from app.analysis import services

    round_, _people = collated
    code = services.add_code(facilitator, round_.consultation, label="Quality")
    from app.extensions import db
    from app.responses.models import Comment

    first = db.session.scalars(db.select(Comment).order_by(Comment.id)).first()
    services.set_codes(facilitator, round_.consultation, [("comment", first.id)], [code], True)
    login_as(facilitator)
    rows = _csv(client, f"/manage/{round_.consultation_id}/export/comments.csv")
    assert len(rows) == 5
    row = next(r for r in rows if r["comment_id"] == str(first.id))
    assert row["phases"] == "Certification" and row["sectors"] == "Wood"
    assert row["codes"] == "Quality" and row["stakeholder_type"] == "Public authority"
    assert row["disposition"] == ""


def test_anonymous_rounds_hide_organisations(client, login_as, facilitator, collated):
    round_, _people = collated
    round_.anonymity = "anonymous"
    login_as(facilitator)
    for what in ("answers", "comments"):
        rows = _csv(client, f"/manage/{round_.consultation_id}/export/{what}.csv")
        assert {r["organisation"] for r in rows} == {""}
        assert {r["respondent"][:1] for r in rows} == {"R"}
        # five respondents, no profile shared by three: every one is "other"
        assert {r["stakeholder_type"] for r in rows} == {"Other respondents"}
        assert {r["country"] for r in rows} == {""}


def test_xlsx_export(client, login_as, facilitator, collated):
    round_, _people = collated
    login_as(facilitator)
    response = client.get(f"/manage/{round_.consultation_id}/export/comments.xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(exports.COMMENT_COLUMNS) and len(rows) == 6


@pytest.mark.parametrize("value", ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)"])
def test_formulas_are_neutralised(value):
    assert exports._safe_cell(value) == "'" + value
    assert exports._safe_cell("plain") == "plain" and exports._safe_cell(3) == 3


def test_exports_need_a_facilitator_of_the_consultation(client, login_as, collated, make_user):
    round_, people = collated
    login_as(people["Ana"])
    assert client.get(f"/manage/{round_.consultation_id}/export/answers.csv").status_code == 403
    client.post("/logout")
    login_as(make_user(roles=("facilitator",)))
    assert client.get(f"/manage/{round_.consultation_id}/export/comments.xlsx").status_code == 403


def test_comment_export_carries_dispositions(client, login_as, facilitator, collated):
    from app.core.types import utcnow
    from app.drafts import blocks, dispositions
    from app.extensions import db
    from app.responses.models import Comment

    round_, _people = collated
    document = blocks.create_document(facilitator, title="Recs",
                                      consultations=[round_.consultation])
    block = blocks.add_block(facilitator, document, kind="recommendation", title="R1",
                             now=utcnow())
    first = db.session.scalars(db.select(Comment).order_by(Comment.id)).first()
    dispositions.decide(facilitator, document, first, status="accepted_modified",
                        reason="Merged", block=block, expected_version=None, now=utcnow())
    login_as(facilitator)
    rows = _csv(client, f"/manage/{round_.consultation_id}/export/comments.csv")
    row = next(r for r in rows if r["comment_id"] == str(first.id))
    assert (row["disposition"], row["disposition_reason"], row["changed_block"]) == (
        "accepted_modified", "Merged", "R1")
