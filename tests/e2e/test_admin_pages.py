"""Every administrative page, the account page and the error page pass axe."""

import pytest
from playwright.sync_api import expect

from tests.e2e.flows import ADMIN_NAME

# Each page is reached from a start address by following links: (start, links, heading).
PAGES = {
    "users": ("/admin/users/", [], "Users"),
    "user edit": ("/admin/users/", ["Marco Ferri"], "Marco Ferri"),
    "organisations": ("/admin/organisations/", [], "Organisations"),
    "organisation edit": ("/admin/organisations/", ["Cleantech Bulgaria"], "Cleantech Bulgaria"),
    "new organisation": ("/admin/organisations/", ["Add an organisation"],
                         "Add an organisation"),
    "import": ("/admin/import/", [], "Import from CSV"),
    "vocabularies": ("/admin/vocabularies/", [], "Vocabularies"),
    "vocabulary": ("/admin/vocabularies/", ["Sectors"], "Sectors"),
    "term edit": ("/admin/vocabularies/", ["Sectors", "Wood"], "Wood"),
    "audit log": ("/admin/audit/", [], "Audit log"),
    "account": ("/", [ADMIN_NAME], "Your account"),
    "invite": ("/people/invite", [], "Invite a person"),
    "home": ("/", [], f"Welcome, {ADMIN_NAME}"),
}


@pytest.mark.parametrize("target", PAGES.values(), ids=PAGES.keys())
def test_admin_page_is_accessible(target, admin_session, open_tab):
    start, links, heading = target
    tab = open_tab(storage_state=admin_session)
    tab.visit(start)
    for name in links:
        tab.click(tab.get_by_role("link", name=name, exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text(heading)


def test_missing_page_is_accessible(admin_session, open_tab):
    tab = open_tab(storage_state=admin_session)
    response = tab.visit("/no-such-page")

    assert response.status == 404
    expect(tab.get_by_role("heading", level=1)).to_have_text("Page not found")
