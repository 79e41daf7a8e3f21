"""Every language in the browser: the switcher for people signed out and signed in, axe on
each page in each language, and layouts that hold with long Finnish words and Cyrillic."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.consultations.models import Consultation, Round
from app.drafts.models import PolicyDocument
from tests.e2e.flows import sign_in
from tests.e2e.server import DEMO_PASSWORD

LANGUAGES = ("en", "it", "es", "fi", "bg", "fr", "nl", "de")
PUBLIC_PAGES = ("/", "/login", "/publications/", "/privacy", "/password/forgot")

# Elements wider than their box, outside boxes meant to scroll (tables in a scroller).
OVERFLOWING = """() => {
  const found = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    found.push('page: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
  }
  for (const element of document.querySelectorAll('header *, main *, footer *')) {
    const style = getComputedStyle(element);
    if (style.display === 'inline' || style.display === 'none') continue;
    if (element.closest('select, option, svg')) continue;
    if (element.closest('.table-scroll, pre, [data-scroll]')) continue;
    if (['auto', 'scroll', 'hidden'].includes(style.overflowX)) continue;
    if (element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0) {
      found.push(element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
                 (element.className ? '.' + String(element.className).split(' ')[0] : '') +
                 ': ' + (element.innerText || '').slice(0, 60));
    }
  }
  return found;
}"""


def choose_language(tab, code: str) -> None:
    switcher = tab.locator("form.language-switch")
    switcher.get_by_role("combobox").select_option(code)
    tab.click(switcher.get_by_role("button"))
    expect(tab.locator("html")).to_have_attribute("lang", code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_public_pages_in_each_language(open_tab, code):
    tab = open_tab()
    tab.visit("/")
    choose_language(tab, code)
    for path in PUBLIC_PAGES:
        tab.visit(path)  # axe checks every page
        expect(tab.locator("html")).to_have_attribute("lang", code)
        assert tab.evaluate(OVERFLOWING) == [], path
    tab.visit("/")  # the choice is remembered without an account
    expect(tab.locator("html")).to_have_attribute("lang", code)


def _demo_paths(live_server) -> tuple[list[str], list[str]]:
    with live_server.app.app_context():
        from app.extensions import db

        consultation = db.session.scalars(select(Consultation).order_by(Consultation.id)).first()
        round_ = db.session.scalars(select(Round).where(
            Round.consultation_id == consultation.id).order_by(Round.id)).first()
        document = db.session.scalars(select(PolicyDocument).order_by(PolicyDocument.id)).first()
        facilitator = [
            "/manage/", f"/manage/{consultation.id}", f"/manage/rounds/{round_.id}",
            f"/manage/rounds/{round_.id}/questions", f"/manage/rounds/{round_.id}/participation",
            f"/manage/rounds/{round_.id}/statistics", f"/manage/{consultation.id}/explore",
            "/manage/documents/", f"/manage/documents/{document.id}",
            f"/manage/documents/{document.id}/dispositions", "/manage/working-groups/",
            "/account"]
        stakeholder = ["/my", f"/rounds/{round_.id}", "/my/input", "/account"]
    return facilitator, stakeholder


@pytest.mark.parametrize("code", ["fi", "bg"])
def test_main_pages_hold_with_long_words_and_cyrillic(open_tab, live_server, code):
    facilitator_paths, stakeholder_paths = _demo_paths(live_server)
    for email, name, paths in (
            ("facilitator@mastery.example", "Laura Bianchi", facilitator_paths),
            ("marco.ferri@mastery.example", "Marco Ferri", stakeholder_paths)):
        tab = open_tab()
        tab.set_viewport_size({"width": 1024, "height": 800})
        sign_in(tab, email, DEMO_PASSWORD, name)
        choose_language(tab, code)
        try:
            for path in paths:
                tab.visit(path)
                if tab.url.endswith("/publication"):  # asked for a publication choice first
                    continue
                expect(tab.locator("html")).to_have_attribute("lang", code)
                assert tab.evaluate(OVERFLOWING) == [], path
            tab.set_viewport_size({"width": 390, "height": 800})  # a phone
            for path in paths[:4]:
                tab.visit(path)
                found = tab.evaluate(OVERFLOWING)
                assert found == [], f"{path} on a phone: {found}"
        finally:
            choose_language(tab, "en")  # the flows of other tests expect English
