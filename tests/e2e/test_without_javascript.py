"""Signing in and submitting forms work with JavaScript turned off."""

from playwright.sync_api import expect

from tests.e2e.flows import expect_message, sign_in, sign_out
from tests.e2e.server import DEMO_PASSWORD

EMAIL = "aino.virtanen@mastery.example"
NAME = "Aino Virtanen"
NEW_NAME = "Aino K. Virtanen"


def test_sign_in_edit_profile_and_sign_out_without_javascript(open_tab):
    tab = open_tab(javascript=False)
    sign_in(tab, EMAIL, DEMO_PASSWORD, NAME)

    tab.click(tab.get_by_role("link", name=NAME))
    tab.get_by_label("Name", exact=True).fill(NEW_NAME)
    tab.click(tab.get_by_role("button", name="Save"))

    expect_message(tab, "Your account has been saved.")
    expect(tab.get_by_role("link", name=NEW_NAME)).to_be_visible()
    sign_out(tab)
