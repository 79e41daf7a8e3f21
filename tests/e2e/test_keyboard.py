"""The sign-in page works with the keyboard alone."""

from playwright.sync_api import expect

from tests.e2e.server import DEMO_PASSWORD

EMAIL = "facilitator@mastery.example"
NAME = "Laura Bianchi"


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(tab):
    tab.visit("/login")

    tab.keyboard.press("Tab")
    expect(tab.get_by_role("link", name="Skip to main content")).to_be_focused()
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("main")).to_be_focused()


def test_sign_in_with_the_keyboard_only(tab):
    tab.visit("/login")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")

    tab.keyboard.press("Tab")
    expect(tab.get_by_label("E-mail address")).to_be_focused()
    tab.keyboard.type(EMAIL)
    tab.keyboard.press("Tab")
    expect(tab.get_by_label("Password", exact=True)).to_be_focused()
    tab.keyboard.type(DEMO_PASSWORD)
    tab.keyboard.press("Tab")
    expect(tab.get_by_label("Keep me signed in on this device")).to_be_focused()
    tab.keyboard.press("Tab")
    expect(tab.get_by_role("button", name="Sign in")).to_be_focused()
    tab.navigate(lambda: tab.keyboard.press("Enter"))

    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Welcome, {NAME}")
