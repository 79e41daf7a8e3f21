"""The demo's Bulgarian document is the translated edition of the English document's 0.2."""

from playwright.sync_api import expect

from app.demo import drafts_data_bg
from tests.e2e.flows import expect_message, open_policy_document, sign_in_as_facilitator

DOCUMENT = "Policy recommendations for green-skills micro-credentials"
EDITION_OF = f"Translation (Български) of version 0.2 of {DOCUMENT}"


def test_original_and_edition_link_each_other(open_tab):
    tab = open_tab()
    sign_in_as_facilitator(tab)
    open_policy_document(tab, DOCUMENT)
    also = tab.get_by_role("main").get_by_text("Also in:")
    expect(also.get_by_role("link", name="Български")).to_have_attribute("hreflang", "bg")
    tab.click(also.get_by_role("link", name="Български"))
    expect(tab.get_by_role("heading", level=1)).to_have_text(drafts_data_bg.TITLE)

    tab.click(tab.get_by_role("link", name="Document settings"))
    chosen = tab.get_by_label("Translation of")
    expect(chosen.locator("option:checked")).to_have_text(
        f"{DOCUMENT} — version 0.2 (English)")
    tab.click(tab.get_by_role("button", name="Save", exact=True))
    expect_message(tab, "The document has been saved.")

    tab.click(tab.get_by_role("link", name=EDITION_OF))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Version 0.2: For round 2")
    expect(tab.get_by_role("main").get_by_role("link", name="Български")).to_have_attribute(
        "lang", "bg")
