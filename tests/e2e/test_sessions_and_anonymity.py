"""Signing out everywhere ends the other devices' sessions; the anonymous round's explorer
shows profiles only as groups of three."""

from playwright.sync_api import expect

from tests.e2e.flows import expect_message, open_managed_consultation, sign_in
from tests.e2e.server import DEMO_PASSWORD

EMAIL = "pieter.janssens@mastery.example"
NAME = "Pieter Janssens"
PULSE = "Pulse check: recognising micro-credentials in hiring (anonymous)"


def test_sign_out_everywhere(open_tab):
    laptop, phone = open_tab(), open_tab()
    for device in (laptop, phone):
        sign_in(device, EMAIL, DEMO_PASSWORD, NAME)
    laptop.click(laptop.get_by_role("link", name=NAME))
    expect(laptop.get_by_role("heading", level=1)).to_have_text("Your account")
    laptop.click(laptop.get_by_role("button", name="Sign out everywhere"))
    expect_message(laptop, "You have been signed out on every device.")
    phone.visit("/account")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_anonymous_explorer_shows_groups_not_people(facilitator_tab):
    tab = facilitator_tab
    open_managed_consultation(tab, PULSE)
    tab.click(tab.get_by_role("link", name="Explore comments and answers"))
    items = tab.locator("article.item")
    expect(items.first).to_be_visible()
    profiles = tab.locator("article.item p.tags").all_inner_texts()
    assert profiles and not any("@" in text or "Janssens" in text for text in profiles)
    assert any("Other respondents" in text or "·" in text for text in profiles)
