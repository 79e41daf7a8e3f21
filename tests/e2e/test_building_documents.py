"""Building a document through the pages as rendered: sections, sub-sections, links to
headings, version numbers, and deciding a comment with a refused value."""

import re

from playwright.sync_api import expect

from tests.e2e.flows import expect_message, open_policy_document
from tests.e2e.tab import Tab

DOCUMENT = "Policy recommendations for green-skills micro-credentials"
SECTION = "Funding the units"
SUB_SECTION = "Regional funds"


def add_block(tab: Tab, link_name: re.Pattern, heading: str, text: str) -> str:
    """Follow an "Add ..." link of the editor, fill the form as shown, return the number."""
    tab.click(tab.get_by_role("link", name=link_name))
    tab.get_by_label("Heading", exact=True).fill(heading)
    tab.get_by_label("Text", exact=True).fill(text)
    tab.click(tab.get_by_role("button", name="Save", exact=True))
    expect_message(tab, "The block has been added.")
    added = tab.get_by_role("heading", name=re.compile(rf"^[\d.]+ {re.escape(heading)}$"))
    expect(added).to_be_visible()
    return added.inner_text().split(" ", 1)[0]


def test_sections_sub_sections_links_and_version_numbers(facilitator_tab):
    tab = facilitator_tab
    open_policy_document(tab, DOCUMENT)
    number = add_block(tab, re.compile(r"^Add a section$"), SECTION,
                       "Who pays for the **units**.")
    sub = add_block(tab, re.compile(rf"^Add a sub-section to {re.escape(number)} "
                                    rf"{SECTION}$"), SUB_SECTION, "Regions co-fund units.")
    assert sub == f"{number}.1"

    tab.click(tab.get_by_role("link", name=f"Edit {sub} {SUB_SECTION}"))
    broken = "Regions co-fund units, see [the missing part](#missing-part)."
    tab.get_by_label("Text", exact=True).fill(broken)
    tab.click(tab.get_by_role("button", name="Save", exact=True))
    expect(tab.get_by_role("alert")).to_contain_text(
        f"{sub} {SUB_SECTION}: the link to “#missing-part” points to no heading")
    expect(tab.get_by_label("Text", exact=True)).to_have_value(broken)
    fixed = "Regions co-fund units, see [funding](#funding-the-units)."
    tab.get_by_label("Text", exact=True).fill(fixed)
    tab.click(tab.get_by_role("button", name="Save", exact=True))
    expect_message(tab, "The block has been saved.")

    versions = tab.get_by_role("region", name="Versions")
    for wrong in ("v1", "0.4 draft"):
        versions.get_by_label("Version number").fill(wrong)
        versions.get_by_label("Label", exact=True).fill("With funding")
        versions.get_by_label("What changed").fill("A section on funding.")
        tab.click(versions.get_by_role("button", name="Save version"))
        summary = tab.get_by_role("alert").filter(has_text="Please correct the following")
        expect(summary).to_contain_text("Version number: Use a number such as 0.3 or 1.0.")
        expect(versions.get_by_label("Label", exact=True)).to_have_value("With funding")
        expect(versions.get_by_label("What changed")).to_have_value("A section on funding.")


def test_a_refused_decision_keeps_what_was_chosen(facilitator_tab):
    tab = facilitator_tab
    open_policy_document(tab, DOCUMENT)
    tab.click(tab.get_by_role("link", name="Disposition table"))
    row = tab.get_by_role("row").filter(has=tab.get_by_role("rowheader")).first
    comment_id = row.get_by_role("rowheader").inner_text().strip()
    row.get_by_label(f"Disposition of comment {comment_id}", exact=True).select_option(
        label="Not accepted")
    row.get_by_label("Reason").fill("")
    tab.click(row.get_by_role("button", name=f"Save comment {comment_id}"))
    expect(tab.get_by_role("alert")).to_contain_text(
        f"Comment {comment_id}: Give a reason for this disposition.")
    row = tab.get_by_role("row").filter(
        has=tab.get_by_role("rowheader", name=comment_id, exact=True))
    expect(row.get_by_label(f"Disposition of comment {comment_id}", exact=True)) \
        .to_have_value("not_accepted")
