"""Steps that several browser tests share: signing in and out, reading links in e-mails."""

import re
from email.message import EmailMessage

from playwright.sync_api import expect

from tests.e2e.server import DEMO_PASSWORD
from tests.e2e.tab import Tab

ADMIN_EMAIL = "admin@mastery.example"
ADMIN_NAME = "Giulia Conti"
WRONG_CREDENTIALS = "The e-mail address or password is not correct."


def fill_login(tab: Tab, email: str, password: str) -> None:
    """Open the sign-in page and submit it."""
    tab.visit("/login")
    tab.get_by_label("E-mail address").fill(email)
    tab.get_by_label("Password", exact=True).fill(password)
    tab.click(tab.get_by_role("button", name="Sign in"))


def sign_in(tab: Tab, email: str, password: str, name: str) -> None:
    """Sign in through the form and land on the personal home page."""
    fill_login(tab, email, password)
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Welcome, {name}")


def sign_in_as_admin(tab: Tab) -> None:
    """Sign in as the demo administrator."""
    sign_in(tab, ADMIN_EMAIL, DEMO_PASSWORD, ADMIN_NAME)


def sign_out(tab: Tab) -> None:
    """Use the sign-out button in the header."""
    tab.click(tab.get_by_role("button", name="Sign out"))
    expect_message(tab, "You have signed out.")


def expect_message(tab: Tab, text: str) -> None:
    """A status message (a flash) with this text is shown."""
    expect(tab.get_by_role("status").filter(has_text=text)).to_have_text(text)


def link_in(message: EmailMessage, path_prefix: str) -> str:
    """The path of the first link in a message's text that starts with path_prefix."""
    body = message.get_body(preferencelist=("plain",)).get_content()
    found = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S+)", body)
    assert found, f"no {path_prefix} link in:\n{body}"
    return found.group(1)
