"""An administrator invites a person, who sets a password from the e-mailed link."""

from playwright.sync_api import expect

from tests.e2e.flows import expect_message, link_in, sign_in_as_admin

INVITEE_EMAIL = "nadia.invited@e2e.example"
INVITEE_NAME = "Nadia Invited"
INVITEE_ORGANISATION = "Cleantech Bulgaria"
INVITEE_PASSWORD = "a new password for Nadia"


def invite(tab) -> None:
    navigation = tab.get_by_role("navigation", name="Main")
    tab.click(navigation.get_by_role("link", name="Invite people"))
    tab.get_by_label("E-mail address").fill(INVITEE_EMAIL)
    tab.get_by_label("Name", exact=True).fill(INVITEE_NAME)
    tab.get_by_label("Organisations").select_option(label=INVITEE_ORGANISATION)
    tab.get_by_label("Preferred language").select_option(label="English")
    tab.click(tab.get_by_role("button", name="Send invitation"))
    expect_message(tab, f"An invitation has been sent to {INVITEE_EMAIL}.")


def set_password(tab, path: str) -> None:
    tab.visit(path)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Set your password")
    tab.get_by_label("New password", exact=True).fill(INVITEE_PASSWORD)
    tab.get_by_label("Repeat the new password").fill(INVITEE_PASSWORD)
    tab.click(tab.get_by_role("button", name="Save password"))


def test_invited_person_sets_a_password_and_is_signed_in(open_tab, inbox):
    admin = open_tab()
    sign_in_as_admin(admin)
    invite(admin)
    path = link_in(inbox(INVITEE_EMAIL), "/invitation/")

    invitee = open_tab()
    set_password(invitee, path)

    expect_message(invitee, "Welcome! Your account is ready.")
    expect(invitee.get_by_role("heading", level=1)).to_have_text(f"Welcome, {INVITEE_NAME}")
    expect(invitee.get_by_role("heading", name=INVITEE_ORGANISATION)).to_be_visible()

    invitee.visit(path)
    expect(invitee.get_by_text("This link is not valid or has been used already.")).to_be_visible()
    expect(invitee.get_by_role("button", name="Save password")).to_have_count(0)
