"""A 60-recommendation document with a 500-comment annex, through the app's PDF and DOCX."""

import io

import pytest
from docx import Document

from app.benchmarks.seed import seed, seed_document
from app.exports import jobs
from tests.exports.outputs import pdf_text


@pytest.fixture
def large_version(facilitator):
    consultation = seed(comments=500, answers=240, seed_value=3)
    return seed_document(facilitator, consultation, recommendations=60)


def _export(facilitator, version, fmt):
    job, _created = jobs.request_export(facilitator, version, fmt=fmt, style="report")
    jobs.dispatch(job.id)
    assert job.state == "done", job.error
    return job.content


def test_pdf_has_every_recommendation_and_every_annex_row(facilitator, large_version):
    text = " ".join(pdf_text(_export(facilitator, large_version, "pdf")).split())
    for number in range(1, 61):
        assert f"Recommendation title {number}" in text, number
    for reason in (f"Reason {i}" for i in range(500)):
        assert reason in text, reason


def test_docx_headings_in_order(facilitator, large_version):
    document = Document(io.BytesIO(_export(facilitator, large_version, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    recommendations = [h for h in headings if h.startswith("Recommendation")]
    assert len(recommendations) == 60
    numbers = [int(h.split(":")[0].split()[-1]) for h in recommendations]
    assert numbers == sorted(numbers) == list(range(1, 61))
    assert headings.index("Annex C. Disposition of comments") > headings.index(recommendations[-1])
