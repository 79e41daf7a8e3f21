"""A version is exported in its document's language: headings, annex titles, table headers,
dates and the house style's words from the catalogue (real pandoc and typst)."""

import pytest
from babel import Locale
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import select

from app.drafts.models import PolicyDocument
from app.exports import assemble, jobs, pipeline
from tests.exports.outputs import pdf_text

ANNEX_TITLES = ("Annex A. Method and timeline", "Annex B. Participation",
                "Annex C. Disposition of comments", "Annex D. Glossary")


@pytest.fixture
def demo_documents(db):
    """The demo's policy document and its Bulgarian version."""
    from app.demo.services import load_demo

    load_demo("demo password for tests")
    documents = db.session.scalars(select(PolicyDocument).where(
        PolicyDocument.consultations.any())).all()
    english = next(d for d in documents if d.title.startswith("Policy recommendations"))
    bulgarian = next(d for d in documents if d.language == "bg")
    return english, bulgarian


def _in_bulgarian(message: str, **values) -> str:
    with force_locale("bg"):
        return _(message, **values)


def test_the_bulgarian_demo_document_exports_to_pdf_in_bulgarian(app, demo_documents):
    english, bulgarian = demo_documents
    version = bulgarian.versions[-1]
    markdown, assets, metadata = assemble.in_language(version)
    text = pdf_text(pipeline.convert(markdown, metadata, "pdf", "report", assets=assets))
    flat = " ".join(text.split())
    for title in ANNEX_TITLES:  # as the bg catalogue has them
        translated = _in_bulgarian(title)
        assert translated != title and " ".join(translated.split()) in flat, translated
    assert "Приложение А. Метод и график" in flat
    for header in ("Stakeholder type", "Country", "Round"):
        assert _in_bulgarian(header) in flat
    assert _in_bulgarian("Recommendation %(n)s", n="1") + ":" in flat
    assert "Съвместно проектиране с работодателите" in flat  # the blocks' own text
    # the date of the version, with the month in Bulgarian, as Babel writes it
    with force_locale("bg"):
        day = format_date(version.created_at, "long")
    assert " ".join(day.split()) in flat and metadata["date"] == day
    months = Locale.parse("bg").months["format"]["wide"].values()
    assert any(month in day for month in months)
    assert "Страница 2 от" in flat  # the footer's words, from the catalogue
    assert "Annex A" not in flat and "Recommendation 1" not in flat
    # the English document stays English, whoever exports it
    with force_locale("bg"):
        english_markdown, _assets, english_metadata = assemble.in_language(english.versions[-1])
    assert "# Annex A\\. Method and timeline" in english_markdown
    assert "Приложение" not in english_markdown
    assert english_metadata["lang"] == "en" and english_metadata["page_of"] == (
        "Page {page} of {total}")


def test_an_export_job_writes_the_document_in_its_language(app, db, demo_documents):
    from app.accounts.services import find_by_email

    _english, bulgarian = demo_documents
    lead = find_by_email("facilitator@mastery.example")
    job, created = jobs.request_export(lead, bulgarian.versions[-1], fmt="md", style="report")
    assert created and job.options["language"] == "bg"
    db.session.commit()
    jobs.run_job(job.id)
    db.session.refresh(job)
    assert job.state == "done", job.error
    text = job.content.decode()
    assert 'lang: "bg"' in text and "Приложение Г. Речник" in text.replace("\\", "")
    assert 'page_of: "Страница {page} от {total}"' in text


def test_untranslated_house_words_are_left_to_the_style(app, demo_documents):
    _english, bulgarian = demo_documents
    _markdown, _assets, metadata = assemble.in_language(bulgarian.versions[-1])
    # "Contents" has no Bulgarian translation yet: typst and pandoc use their own word
    expected = _in_bulgarian("Contents")
    assert metadata["contents_title"] == ("" if expected == "Contents" else expected)


def test_dates_frozen_with_a_version_are_written_in_the_language(db):
    with force_locale("bg"):
        assert assemble._frozen_day("2026-01-15") == "15 януари 2026\u202fг."
    with force_locale("en"):
        assert assemble._frozen_day("2026-01-15") == "15 January 2026"
    with force_locale("it"):
        assert assemble._frozen_day("2026-01-15") == "15 gennaio 2026"
    assert assemble._frozen_day("not a date") == "not a date"
