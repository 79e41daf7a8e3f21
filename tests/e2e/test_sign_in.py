"""Signing in and out as the demo administrator."""

from playwright.sync_api import expect

from tests.e2e.flows import (
    ADMIN_EMAIL,
    WRONG_CREDENTIALS,
    fill_login,
    sign_in_as_admin,
    sign_out,
)


def test_wrong_password_shows_the_generic_message(tab):
    fill_login(tab, ADMIN_EMAIL, "not the password")

    expect(tab.get_by_role("alert")).to_have_text(WRONG_CREDENTIALS)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_unknown_address_shows_the_same_message(tab):
    fill_login(tab, "nobody@mastery.example", "not the password")

    expect(tab.get_by_role("alert")).to_have_text(WRONG_CREDENTIALS)


def test_admin_signs_in_and_out(tab):
    sign_in_as_admin(tab)
    navigation = tab.get_by_role("navigation", name="Main")
    expect(navigation.get_by_role("link", name="Users")).to_be_visible()
    expect(navigation.get_by_role("link", name="Audit log")).to_be_visible()

    sign_out(tab)

    expect(tab.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(tab.get_by_role("button", name="Sign out")).to_have_count(0)
