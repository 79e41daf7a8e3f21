"""Content in several languages: a facilitator translates round 2 of the demo, participants
read it in Italian, or in the original with a note in a language it is not offered in."""

from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from tests.e2e.flows import (
    expect_message,
    fill_login,
    open_managed_round,
    sign_in_as_facilitator,
)
from tests.e2e.server import DEMO_PASSWORD

CONSULTATION = "Joint multi-stakeholder policy on green-skills micro-credentials"
ROUND = "Round 2: rating the draft statements"
ITALIAN_ROUND = "Secondo turno: valutazione delle affermazioni in bozza"
CHANGED = "Quale affermazione cambieresti, e in che modo?"
BULGARIAN_READER = "elena.dimitrova@mastery.example"  # no other test uses her


def _in(app, locale: str, message: str, **values) -> str:
    with app.test_request_context(), force_locale(locale):
        return gettext(message, **values)


def test_facilitator_translates_and_participants_read_their_language(open_tab, live_server):
    facilitator = open_tab()
    sign_in_as_facilitator(facilitator)
    open_managed_round(facilitator, CONSULTATION, ROUND)
    expect(facilitator.get_by_role("region", name="Translations")).to_contain_text(
        "Every text is translated into the languages the consultation offers.")
    facilitator.click(facilitator.get_by_role("navigation", name="Round pages")
                      .get_by_role("link", name="Translations"))
    expect(facilitator.get_by_role("textbox", name="Round title")).to_have_value(ITALIAN_ROUND)
    expect(facilitator.locator(".original").first).to_have_attribute("lang", "en")
    facilitator.get_by_role("textbox", name="Question 5", exact=True).fill(CHANGED)
    introduction = facilitator.get_by_role("textbox", name="Introduction")
    italian_introduction = introduction.input_value()
    introduction.fill("- " * 20 + "troppo annidato")
    facilitator.click(facilitator.get_by_role("button", name="Save the translations"))
    expect(facilitator.get_by_role("alert")).to_contain_text("Introduction")
    expect(facilitator.get_by_role("textbox", name="Question 5", exact=True)).to_have_value(CHANGED)
    introduction.fill(italian_introduction)
    facilitator.click(facilitator.get_by_role("button", name="Save the translations"))
    expect_message(facilitator, "The translations into Italiano have been saved.")

    reader = open_tab()
    fill_login(reader, BULGARIAN_READER, DEMO_PASSWORD)
    switcher = reader.locator("form.language-switch")
    switcher.locator("select").select_option("bg")
    reader.click(switcher.locator("button"))
    expect(reader.locator("html")).to_have_attribute("lang", "bg")
    reader.visit("/my")
    reader.click(reader.get_by_role("link", name=ROUND, exact=True))
    if reader.locator("input[type=radio][name=choice]").count():  # the publication choice
        reader.locator("input[type=radio][name=choice]").first.check()
        reader.click(reader.locator("form button[type=submit]").last)
    expect(reader.locator("#translation-note")).to_have_text(_in(
        live_server.app, "bg", "Not available in %(language)s; shown in %(original)s.",
        language="Български", original="English"))
    expect(reader.get_by_role("heading", level=1).locator("span[lang=en]")).to_have_text(ROUND)
    switcher.locator("select").select_option("it")
    reader.click(switcher.locator("button"))
    expect(reader.locator("html")).to_have_attribute("lang", "it")
    expect(reader.get_by_role("heading", level=1)).to_contain_text(ITALIAN_ROUND)
    expect(reader.get_by_text(CHANGED)).to_be_visible()
    expect(reader.locator("#translation-note")).to_have_count(0)
