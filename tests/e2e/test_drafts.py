"""Drafting the policy document: merging comments, dispositions, versions, conflicts, and
what participants see of it."""

import re

from playwright.sync_api import Locator, expect

from tests.e2e.flows import (
    FACILITATOR_NAME,
    choose_publication_if_asked,
    expect_message,
    focus_by_keyboard,
    open_managed_consultation,
    open_my_round,
    open_policy_document,
    sign_in,
)
from tests.e2e.server import DEMO_PASSWORD
from tests.e2e.tab import Tab

CONSULTATION = "Joint multi-stakeholder policy on green-skills micro-credentials"
DOCUMENT = "Policy recommendations for green-skills micro-credentials"
ROUND_2 = "Round 2: rating the draft statements"
PROGRESS = re.compile(r"^(\d+) of (\d+) comments decided\.$")

REVIEWER_EMAIL = "els.peeters@mastery.example"
REVIEWER_NAME = "Els Peeters"
REVIEWER_COMMENTS = [
    ("Co-design with employers", "Design",
     "Sawdust and offcuts from joinery workshops deserve their own circular-economy unit."),
    ("Common assessment rubrics", "Certification",
     "Sawdust extraction needs a safety check before any assessment in the workshop."),
]
MERGED_TITLE = "Recycle joinery sawdust in training"
MERGED_TEXT = "Units on **circular use** of sawdust and offcuts are offered in every region."

KEYBOARD_EMAIL = "pieter.janssens@mastery.example"
KEYBOARD_NAME = "Pieter Janssens"
KEYBOARD_QUOTE = "reviewed every two years"
KEYBOARD_COMMENT = "Metalworking firms in Flanders would review the outcomes every year."

READER_EMAIL = "marco.ferri@mastery.example"
READER_NAME = "Marco Ferri"
READER_COMMENT = "Furniture companies in Murcia need short units on water-based finishes"


def paragraph_link(page: Tab, title: str) -> Locator:
    """The "Comment on this paragraph" link of a recommendation of the round's version."""
    name = re.compile(rf"^Comment on this paragraph \(\d+ {re.escape(title)}\)$")
    return page.get_by_role("link", name=name)


def paragraph_region(page: Tab, title: str) -> Locator:
    return page.get_by_role("region", name=re.compile(rf"^Recommendation \d+: {re.escape(title)}$"))


def comment_on_paragraph(page: Tab, title: str, phase: str, body: str) -> None:
    """From the round page, comment on a recommendation and come back to the round page."""
    page.click(paragraph_link(page, title))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(rf"^Comment on Recommendation \d+: {re.escape(title)}$"))
    page.get_by_label("Comment", exact=True).fill(body)
    page.get_by_role("group", name="Credential phases (at least one)").get_by_label(
        phase, exact=True).check()
    page.click(page.get_by_role("button", name="Save the comment"))
    expect(page.get_by_role("status").filter(has_text="Your comment on paragraph")) \
        .to_be_visible()
    expect(paragraph_region(page, title)).to_contain_text(f"Your comment: {body}")


def progress(page: Tab) -> tuple[int, int]:
    """The decided and total comments of the "N of M comments decided." figure."""
    text = page.get_by_text(PROGRESS).inner_text().strip()
    decided, total = PROGRESS.match(text).groups()
    return int(decided), int(total)


def edit_link(page: Tab, title: str) -> Locator:
    return page.get_by_role("link", name=re.compile(
        rf"^Edit Recommendation \d+: {re.escape(title)}$"))


def version_numbers(page: Tab) -> list[tuple[int, int]]:
    links = page.get_by_role("region", name="Versions").get_by_role(
        "link", name=re.compile(r"^Version \d+\.\d+$"))
    return [tuple(int(part) for part in text.removeprefix("Version ").split("."))
            for text in links.all_inner_texts()]


def save_version(page: Tab, label: str, change_note: str = "") -> str:
    """Save the working copy under the next free version number and return that number."""
    major, minor = max(version_numbers(page))
    number = f"{major}.{minor + 1}"
    page.get_by_label("Version number").fill(number)
    page.get_by_label("Label", exact=True).fill(label)
    page.get_by_label("What changed").fill(change_note)
    page.click(page.get_by_role("button", name="Save version"))
    expect_message(page, f"Version {number} has been saved.")
    expect(page.get_by_role("region", name="Versions").get_by_role(
        "link", name=f"Version {number}", exact=True)).to_be_visible()
    return number


def compare(page: Tab, old: str, new: str) -> None:
    """From the document page, compare two versions."""
    page.get_by_label("Compare version").select_option(label=old)
    page.get_by_label("with version").select_option(label=new)
    page.click(page.get_by_role("button", name="Compare"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Version {old} compared with {new}")


def change_region(page: Tab, title: str, status: str) -> Locator:
    return page.get_by_role("region", name=re.compile(
        rf"^Recommendation \d+: {re.escape(title)} {status}$"))


def test_merged_comments_become_a_recommendation_and_get_a_disposition(facilitator_tab,
                                                                        open_tab):
    reviewer = open_tab()
    sign_in(reviewer, REVIEWER_EMAIL, DEMO_PASSWORD, REVIEWER_NAME)
    open_my_round(reviewer, ROUND_2)
    for title, phase, body in REVIEWER_COMMENTS:
        comment_on_paragraph(reviewer, title, phase, body)

    tab = facilitator_tab
    open_managed_consultation(tab, CONSULTATION)
    tab.click(tab.get_by_role("navigation", name="Collation")
              .get_by_role("link", name="Explore comments and answers"))
    tab.get_by_label("Search the text").fill("sawdust")
    tab.click(tab.get_by_role("form", name="Filters")
              .get_by_role("button", name="Apply filters").first)
    boxes = tab.get_by_role("checkbox", name=re.compile(r"^Select comment \d+$"))
    expect(boxes).to_have_count(2)
    ids = sorted(int(box.get_attribute("aria-label").split()[-1]) for box in boxes.all())
    for box in boxes.all():
        box.check()
    tab.get_by_label("Merge the selected comments into").select_option(
        label="a new recommendation in 1 Design")
    tab.check()
    tab.click(tab.get_by_role("button", name="Merge", exact=True))

    expect_message(tab, "2 comments merged; decide their disposition beside the text.")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Edit: New recommendation")
    linked = tab.get_by_role("complementary", name="Comments linked to this block")
    expect(linked.get_by_text(re.compile(r"^Comment \d+ · "))).to_have_text(
        [f"Comment {ids[0]} · Design · Not decided",
         f"Comment {ids[1]} · Certification · Not decided"])
    for _title, _phase, body in REVIEWER_COMMENTS:
        expect(linked).to_contain_text(body)

    tab.get_by_label("Heading", exact=True).fill(MERGED_TITLE)
    tab.get_by_label("Text", exact=True).fill(MERGED_TEXT)
    tab.click(tab.get_by_role("button", name="Preview"))
    preview = tab.get_by_role("region", name="Preview (not saved yet)")
    expect(preview.locator("strong")).to_have_text("circular use")
    expect(preview).to_contain_text("of sawdust and offcuts are offered in every region.")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Edit: New recommendation")
    expect(tab.get_by_label("Heading", exact=True)).to_have_value(MERGED_TITLE)
    expect(tab.get_by_label("Text", exact=True)).to_have_value(MERGED_TEXT)

    tab.click(tab.get_by_role("button", name="Save", exact=True))
    expect_message(tab, "The block has been saved.")
    heading = tab.get_by_role("heading", name=re.compile(
        rf"^Recommendation \d+: {MERGED_TITLE}$"))
    expect(heading).to_be_visible()
    target = heading.inner_text().strip()

    tab.click(tab.get_by_role("link", name="Disposition table"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Disposition of comments")
    tab.click(tab.get_by_role("link", name="Show only undecided comments"))
    decided, total = progress(tab)
    row = tab.get_by_role("row").filter(
        has=tab.get_by_role("rowheader", name=str(ids[0]), exact=True))
    row.get_by_label(f"Disposition of comment {ids[0]}", exact=True).select_option(
        label="Accepted")
    row.get_by_label("Block it changed").select_option(label=target)
    tab.click(row.get_by_role("button", name=f"Save comment {ids[0]}"))

    expect_message(tab, f"The disposition of comment {ids[0]} has been saved.")
    assert progress(tab) == (decided + 1, total)
    expect(tab.get_by_role("rowheader", name=str(ids[0]), exact=True)).to_have_count(0)
    expect(tab.get_by_role("rowheader", name=str(ids[1]), exact=True)).to_be_visible()


def test_saved_versions_are_compared_word_by_word(facilitator_tab):
    tab = facilitator_tab
    edited, added = "A plain-language summary", "Skills passports for seasonal workers"
    open_policy_document(tab, DOCUMENT)
    before = save_version(tab, "Before the summary edit")

    tab.click(edit_link(tab, edited))
    text = tab.get_by_label("Text", exact=True)
    text.fill(text.input_value().replace("plain-language ", "")
              .replace("for employers.", "for employers and learners."))
    tab.click(tab.get_by_role("button", name="Save", exact=True))
    expect_message(tab, "The block has been saved.")
    tab.click(tab.get_by_role("link", name="Add a recommendation to 4 Portability"))
    tab.get_by_label("Heading", exact=True).fill(added)
    tab.get_by_label("Text", exact=True).fill("Seasonal workers keep one skills passport.")
    tab.click(tab.get_by_role("button", name="Save", exact=True))
    expect_message(tab, "The block has been added.")
    after = save_version(tab, "Summary for learners", "The summary also addresses learners.")

    compare(tab, before, after)
    summary = tab.get_by_role("main").get_by_role("list").first.get_by_role("listitem")
    expect(summary).to_have_text(["Added: 1", "Removed: 0", "Changed: 1", "Moved: 0",
                                  re.compile(r"^Unchanged: \d+$")])
    expect_word_changes(tab, edited, added)

    tab.click(tab.get_by_role("link", name=DOCUMENT))
    compare(tab, "0.2", after)
    expect_word_changes(tab, edited, added)


def expect_word_changes(tab: Tab, edited: str, added: str) -> None:
    changed = change_region(tab, edited, "Changed")
    expect(changed.locator("del")).to_have_text("[deleted:] plain-language")
    expect(changed.locator("ins")).to_have_text("[inserted:] and learners")
    new = change_region(tab, added, "Added")
    expect(new.locator("ins")).to_have_text(
        "[inserted:] Seasonal workers keep one skills passport.")


def test_concurrent_saves_of_a_block_keep_every_text(facilitator_tab, open_tab):
    first = facilitator_tab
    title = "One term: awarding body"
    open_policy_document(first, DOCUMENT)
    first.click(edit_link(first, title))
    original = first.get_by_label("Text", exact=True).input_value()
    second = open_tab(storage_state=first.context.storage_state())
    second.visit(first.url)

    theirs = f"{original} The glossary lists the term."
    first.get_by_label("Text", exact=True).fill(theirs)
    first.click(first.get_by_role("button", name="Save", exact=True))
    expect_message(first, "The block has been saved.")

    mine = f"{original} Older documents are corrected when revised."
    second.get_by_label("Text", exact=True).fill(mine)
    with second.expect_response(lambda r: r.request.method == "POST") as saved:
        second.click(second.get_by_role("button", name="Save", exact=True))
    assert saved.value.status == 409
    conflict = second.get_by_role("alert").filter(has_text="Someone else saved this block")
    expect(conflict.get_by_role("region", name="The text you started from")).to_have_text(
        re.compile(rf"{re.escape(original)}$"))
    expect(conflict.get_by_role("region", name=f"Saved by {FACILITATOR_NAME}")).to_have_text(
        re.compile(rf"{re.escape(theirs)}$"))
    expect(conflict.get_by_role("region", name="Your text")).to_have_text(
        re.compile(rf"{re.escape(mine)}$"))
    expect(second.get_by_label("Text", exact=True)).to_have_value(mine)

    merged = f"{theirs} Older documents are corrected when revised."
    second.get_by_label("Text", exact=True).fill(merged)
    second.click(second.get_by_role("button", name="Save", exact=True))
    expect_message(second, "The block has been saved.")
    block = second.get_by_role("listitem").filter(
        has=second.get_by_role("heading", name=re.compile(rf": {re.escape(title)}$")))
    expect(block).to_contain_text(merged)


def test_stakeholder_comments_on_a_paragraph_with_the_keyboard(open_tab):
    tab = open_tab()
    sign_in(tab, KEYBOARD_EMAIL, DEMO_PASSWORD, KEYBOARD_NAME)
    title = "Co-design with employers"

    navigation = tab.get_by_role("navigation", name="Main")
    focus_by_keyboard(tab, navigation.get_by_role("link", name="My consultations"))
    tab.navigate(lambda: tab.keyboard.press("Enter"))
    focus_by_keyboard(tab, tab.get_by_role("link", name=ROUND_2, exact=True))
    tab.navigate(lambda: tab.keyboard.press("Enter"))
    choose_publication_if_asked(tab)
    expect(tab.get_by_role("heading", level=1)).to_contain_text(ROUND_2)

    tab.keyboard.press("Tab")
    expect(tab.get_by_role("link", name="Skip to main content")).to_be_focused()
    tab.keyboard.press("Enter")
    link = paragraph_link(tab, title)
    focus_by_keyboard(tab, link)
    tab.navigate(lambda: tab.keyboard.press("Enter"))
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        re.compile(rf"^Comment on Recommendation \d+: {title}$"))

    quote = tab.get_by_label("Passage you comment on (optional): copy it from the text above")
    comment = tab.get_by_label("Comment", exact=True)
    button = tab.get_by_role("button", name="Save the comment")
    focus_by_keyboard(tab, quote)
    tab.keyboard.type(KEYBOARD_QUOTE)
    tab.keyboard.press("Tab")
    expect(comment).to_be_focused()
    tab.keyboard.type(KEYBOARD_COMMENT)
    focus_by_keyboard(tab, button)
    tab.navigate(lambda: tab.keyboard.press("Enter"))

    missing_phase = "Tag the comment with at least one credential phase."
    summary = tab.get_by_role("alert")
    expect(summary).to_contain_text("Your comment was not saved.")
    expect(summary.get_by_role("link", name=missing_phase)).to_be_visible()
    expect(quote).to_have_value(KEYBOARD_QUOTE)
    expect(comment).to_have_value(KEYBOARD_COMMENT)
    phases = tab.get_by_role("group", name="Credential phases (at least one)")
    expect(phases).to_have_accessible_description(missing_phase)

    design = phases.get_by_label("Design", exact=True)
    focus_by_keyboard(tab, design, key="Shift+Tab")
    tab.keyboard.press("Space")
    expect(design).to_be_checked()
    focus_by_keyboard(tab, button)
    tab.navigate(lambda: tab.keyboard.press("Enter"))

    expect(tab.get_by_role("heading", level=1)).to_contain_text(ROUND_2)
    expect(tab.get_by_role("status").filter(has_text=re.compile(
        r"^Your comment on paragraph \d+ has been saved\."))).to_be_visible()
    expect(paragraph_region(tab, title)).to_contain_text(f"Your comment: {KEYBOARD_COMMENT}")


def test_stakeholder_sees_how_their_input_was_used(open_tab):
    tab = open_tab()
    sign_in(tab, READER_EMAIL, DEMO_PASSWORD, READER_NAME)
    tab.click(tab.get_by_role("navigation", name="Main")
              .get_by_role("link", name="How my input was used"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("How your input was used")
    expect(tab.get_by_role("heading", level=2, name=DOCUMENT)).to_be_visible()
    comments = tab.get_by_role("article")
    expect(comments).to_have_count(2)
    expect(comments.locator("p > strong")).to_have_text(
        ["Accepted", "Accepted with modification"])
    expect(comments.nth(1)).to_contain_text(
        "Accepted with modification: The two-year review is part of co-designing the "
        "outcomes with employers.")

    first = comments.filter(has_text=READER_COMMENT)
    expect(first.get_by_role("heading")).to_have_text(re.compile(r"^Your comment \d+ — "))
    # 0.1 stays a draft of the working group: named, not linked; round 2 presents 0.2
    expect(first.get_by_role("paragraph").filter(has_text=re.compile(
        r"^Decided in version \d+\.\d+:"))).to_contain_text("not published")
    current = first.get_by_role("paragraph").filter(has_text=re.compile(
        r"^See it in the current version \d+\.\d+:"))
    expect(current).to_have_count(1)
    link = current.get_by_role("link", name=re.compile(r"^Recommendation \d+$"))
    recommendation = link.inner_text().strip()
    tab.click(link)

    expect(tab.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Version \d+\.\d+"))
    fragment = tab.url.partition("#")[2]
    assert fragment.startswith("block-")
    expect(tab.locator(f"#{fragment}").get_by_role("heading")).to_have_text(
        re.compile(rf"^{recommendation}: "))
    expect(tab.get_by_role("link", name=re.compile(r"^Edit "))).to_have_count(0)
