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
    assert '<html lang="en">' in response.get_data(as_text=True)  # only English is complete
