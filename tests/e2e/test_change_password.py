"""A stakeholder changes their password from their account page."""

from playwright.sync_api import expect

from tests.e2e.flows import (
    WRONG_CREDENTIALS,
    expect_message,
    fill_login,
    sign_in,
    sign_out,
)
from tests.e2e.server import DEMO_PASSWORD

EMAIL = "mikko.korhonen@mastery.example"
NAME = "Mikko Korhonen"
NEW_PASSWORD = "Mikko's brand new passphrase"


def submit_change(tab, current: str, new: str) -> None:
    tab.get_by_label("Current password").fill(current)
    tab.get_by_label("New password", exact=True).fill(new)
    tab.get_by_label("Repeat the new password").fill(new)
    tab.click(tab.get_by_role("button", name="Change password"))


def test_stakeholder_changes_password(tab):
    sign_in(tab, EMAIL, DEMO_PASSWORD, NAME)
    tab.click(tab.get_by_role("link", name=NAME))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Your account")
    tab.click(tab.get_by_role("link", name="Change password"))

    submit_change(tab, "not my password", NEW_PASSWORD)
    current = tab.get_by_label("Current password")
    expect(current).to_have_attribute("aria-invalid", "true")
    expect(current).to_have_accessible_description("Your current password is not correct.")
    expect(tab.get_by_role("alert")).to_contain_text("Your current password is not correct.")

    submit_change(tab, DEMO_PASSWORD, NEW_PASSWORD)
    expect_message(tab, "Your password has been changed.")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Your account")
    sign_out(tab)

    fill_login(tab, EMAIL, DEMO_PASSWORD)
    expect(tab.get_by_role("alert")).to_have_text(WRONG_CREDENTIALS)
    sign_in(tab, EMAIL, NEW_PASSWORD, NAME)
