"""Every visible string is wrapped for translation, and the locale follows the user."""

import re
from pathlib import Path

import pytest

from app.core.i18n import available_locales

TEMPLATES = sorted(Path("app").glob("**/templates/**/*.html"))
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
TAG = re.compile(r"<[^>]*>", re.S)
ATTRIBUTE_TEXT = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"{]*[A-Za-z][^"]*)"')


@pytest.mark.parametrize("path", TEMPLATES, ids=str)
def test_template_text_is_wrapped_for_translation(path):
    source = path.read_text(encoding="utf-8")
    visible = TAG.sub(" ", JINJA.sub(" ", source))
    words = re.findall(r"[A-Za-z]{2,}", visible)
    assert words == [], f"untranslated text in {path}: {words[:10]}"
    assert ATTRIBUTE_TEXT.findall(JINJA.sub("", source)) == []


def test_english_is_the_source_language(app):
    with app.test_request_context():
        assert available_locales()[0] == "en"


def test_locale_follows_browser_when_signed_out(client):
    response = client.get("/login", headers={"Accept-Language": "fi,en;q=0.5"})
    assert '<html lang="fi">' in response.get_data(as_text=True)


def test_templates_translate_in_each_request_s_own_locale(tmp_path):
    """The catalogue a request's templates use is looked up once per request, never kept
    across requests: an Italian request and an English one, one after the other."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from flask import render_template_string
    from flask_babel import get_domain

    from app import create_app

    catalog = Catalog(locale="it")
    catalog.add("Comment", "Commento")
    catalog.add("Up to %(n)d characters.", "Fino a %(n)d caratteri.")
    (tmp_path / "it" / "LC_MESSAGES").mkdir(parents=True)
    with open(tmp_path / "it" / "LC_MESSAGES" / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "BABEL_TRANSLATION_DIRECTORIES": str(tmp_path)})
    page = "{{ _('Comment') }} / {{ _('Up to %(n)d characters.', n=5) }}"
    with app.app_context():  # Flask-Babel's catalogue cache is per process, keyed by locale
        get_domain().cache.clear()
    for language, expected in [("it", "Commento / Fino a 5 caratteri."),
                               ("en", "Comment / Up to 5 characters."),
                               ("it", "Commento / Fino a 5 caratteri.")]:
        with app.test_request_context(headers={"Accept-Language": language}):
            assert render_template_string(page) == expected
            assert render_template_string(page) == expected  # kept for the request
    with app.app_context():
        get_domain().cache.clear()


@pytest.mark.parametrize("language, expected", [
    ("en", "2 Dec 2026, 15:30 CET (Europe/Brussels)"),
    ("it", "2 dic 2026, 15:30 CET (Europe/Brussels)"),
    ("de", "2. Dez. 2026, 15:30 CET (Europe/Brussels)"),
    ("fi", "2.12.2026 15.30 CET (Europe/Brussels)"),
])
def test_dates_and_times_follow_the_readers_language(app, language, expected):
    """CLDR has skeletons for dates and for times, not for both at once."""
    from datetime import UTC, datetime

    from flask import render_template_string

    with app.test_request_context(headers={"Accept-Language": language}):
        assert render_template_string("{{ when|datetime(zone='Europe/Brussels') }}",
                                      when=datetime(2026, 12, 2, 14, 30, tzinfo=UTC)) == expected
