"""A stakeholder's comments on paragraphs are part of the response: reviewed with their
paragraph, changed from the review page, submitted, and counted at once when added later."""

import re

from playwright.sync_api import expect

from tests.e2e.flows import expect_message, open_my_round, question_section, sign_in
from tests.e2e.server import DEMO_PASSWORD
from tests.e2e.tab import Tab

ROUND_2 = "Round 2: rating the draft statements"
EMAIL, NAME = "maria.georgieva@mastery.example", "Maria Georgieva"
FIRST = ("Co-design with employers", "Bulgarian SMEs have no staff for co-design workshops.")
CHANGED = "Bulgarian SMEs need funded time for co-design workshops."
LATER = ("Common assessment rubrics", "Rubrics should be published in Bulgarian too.")


def comment_on(tab: Tab, title: str, body: str) -> None:
    name = re.compile(rf"^Comment on this paragraph \(\d+ {re.escape(title)}\)$")
    tab.click(tab.get_by_role("link", name=name))
    tab.get_by_label("Comment", exact=True).fill(body)
    tab.get_by_role("group", name="Credential phases (at least one)").get_by_label(
        "Design", exact=True).check()
    tab.click(tab.get_by_role("button", name="Save the comment"))


def test_paragraph_comments_are_reviewed_changed_and_submitted(open_tab):
    tab = open_tab()
    sign_in(tab, EMAIL, DEMO_PASSWORD, NAME)
    open_my_round(tab, ROUND_2)
    comment_on(tab, *FIRST)
    expect_message(tab, re.compile(r"^Your comment on paragraph \d+ has been saved\. Submit "
                                   r"your response for it to count\.$"))
    for number in range(1, 5):
        question_section(tab, number).get_by_label("4 – Agree").check()
    tab.click(tab.get_by_role("button", name="Review and submit"))

    expect(tab.get_by_role("heading", level=1)).to_have_text("Check and submit")
    mine = tab.get_by_role("region", name="Your comments on paragraphs")
    expect(mine.get_by_role("heading", level=3)).to_have_text(
        re.compile(rf"^On Recommendation \d+: {FIRST[0]} · version 0\.2$"))
    expect(mine).to_contain_text(FIRST[1])
    tab.click(mine.get_by_role("link", name=re.compile(r"^Change or delete")))
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        re.compile(rf"^Change your comment on Recommendation \d+: {FIRST[0]}$"))
    comment = tab.get_by_label("Comment", exact=True)
    expect(comment).to_have_value(FIRST[1])
    comment.fill("")
    tab.click(tab.get_by_role("button", name="Save the changes"))
    expect(tab.get_by_role("alert")).to_contain_text("A comment needs text.")
    comment.fill(CHANGED)
    tab.click(tab.get_by_role("button", name="Save the changes"))
    expect_message(tab, re.compile(r"^Your comment on paragraph \d+ has been changed\.$"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Check and submit")
    expect(tab.get_by_role("region", name="Your comments on paragraphs")).to_contain_text(
        CHANGED)

    tab.click(tab.get_by_role("button", name="Submit my response"))
    expect_message(tab, re.compile(r"^Your response has been submitted\."))
    comment_on(tab, *LATER)
    expect_message(tab, re.compile(r"^Your comment on paragraph \d+ has been saved\. Your "
                                   r"response is submitted, so it counts at once"))
