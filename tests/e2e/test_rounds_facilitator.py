"""A facilitator builds, publishes, invites to and closes a consultation round."""

import re

from playwright.sync_api import expect

from tests.e2e.flows import (
    QuestionSpec,
    RoundSpec,
    add_question,
    add_round,
    expect_message,
    fill_question,
    open_my_round,
    open_round_settings,
    publish_round,
    set_up_open_round,
    sign_in,
    sign_in_as_facilitator,
    start_consultation,
)
from tests.e2e.server import DEMO_PASSWORD

BUILT = RoundSpec(
    consultation="E2E Builder: micro-credentials for furniture makers",
    summary="How should **furniture makers** recognise short courses?",
    title="E2E Builder: first round",
    countries=["Italy"],
    questions=[],
)
TEXT = QuestionSpec("Free text", "Which skills does your sector lack most?", ["Design"])
SCALE = QuestionSpec("Agreement scale", "Credentials should state the workload in ECTS.",
                     ["Certification"])
CHOICE = QuestionSpec("Multiple choice", "Which delivery forms do you offer?", ["Delivery"],
                      options=["Classroom", "Online", "Work-based"])
NUMBER = QuestionSpec("Number", "How many trainees a year do you train?", ["Delivery"],
                      lowest="0", highest="5000")
ITALIAN_STAKEHOLDER = "marco.ferri@mastery.example"
ITALIAN_STAKEHOLDER_NAME = "Marco Ferri"

CLOSING = RoundSpec(
    consultation="E2E Closing: portability of credentials",
    title="E2E Closing: the only round",
    countries=["Belgium"],
    questions=[QuestionSpec("Free text", "What blocks recognition across borders?",
                            ["Portability"])],
)
BELGIAN_EMAIL = "els.peeters@mastery.example"
BELGIAN_NAME = "Els Peeters"
SAVED_ANSWER = "Each country reads learning outcomes differently."
LATE_ANSWER = "This arrives after the round has closed."
CLOSING_REASON = "Enough answers have arrived for the working group."


def question_headings(tab) -> list[str]:
    return tab.get_by_role("list").filter(has=tab.get_by_role("heading", level=2)) \
        .get_by_role("heading", level=2).all_inner_texts()


def test_facilitator_builds_publishes_and_invites_the_audience(tab, inbox):
    sign_in_as_facilitator(tab)
    start_consultation(tab, BUILT.consultation, BUILT.summary, "Wood")
    expect(tab.locator("strong").filter(has_text="furniture makers")).to_be_visible()
    add_round(tab, BUILT)
    expect(tab.get_by_text("No question yet.")).to_be_visible()

    add_question(tab, TEXT)
    without_phase = QuestionSpec(SCALE.kind, SCALE.prompt, phases=[])
    fill_question(tab, without_phase)
    summary = tab.get_by_role("alert")
    expect(summary).to_contain_text("Please correct the following")
    expect(summary).to_contain_text("Tag the question with at least one credential phase.")
    expect(tab.get_by_label("Question", exact=True)).to_have_value(SCALE.prompt)
    expect(tab.get_by_label("Kind of question")).to_have_value("scale")
    tab.get_by_role("group", name="Credential phases").get_by_label("Certification").check()
    tab.click(tab.get_by_role("button", name="Add the question"))
    expect_message(tab, "The question has been added.")
    add_question(tab, CHOICE)
    add_question(tab, NUMBER)
    expect(tab.get_by_text("Classroom · Online · Work-based")).to_be_visible()
    assert question_headings(tab) == [f"1. {TEXT.prompt}", f"2. {SCALE.prompt}",
                                      f"3. {CHOICE.prompt}", f"4. {NUMBER.prompt}"]

    tab.click(tab.get_by_role("button", name="Move question 4 up"))
    expect_message(tab, "The questions have been updated.")
    assert question_headings(tab) == [f"1. {TEXT.prompt}", f"2. {SCALE.prompt}",
                                      f"3. {NUMBER.prompt}", f"4. {CHOICE.prompt}"]

    open_round_settings(tab, BUILT.title)
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{BUILT.title} Draft")
    expect(tab.get_by_role("link", name="Questions (4)")).to_be_visible()
    publish_round(tab, BUILT.title)
    expect(tab.get_by_role("button", name="Publish the round")).to_have_count(0)
    expect(tab.get_by_role("button", name="Close the round now")).to_be_visible()

    tab.click(tab.get_by_role("link", name="Invitations and participation"))
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Participation in {BUILT.title}")
    expect(tab.get_by_role("cell", name="Nobody has been invited yet.")).to_be_visible()
    size = int(re.search(r"The audience has (\d+) people\.",
                         tab.get_by_text("The audience has").inner_text()).group(1))
    assert size >= 3, "the Italian demo stakeholders are in the audience"
    tab.click(tab.get_by_role("button", name="Invite the whole audience"))
    expect_message(tab, f"{size} people invited.")

    tracker = tab.get_by_role("table", name="Participation by stakeholder type and country")
    public_authorities = tracker.get_by_role("row", name=re.compile(r"^Public authority Italy"))
    expect(public_authorities.get_by_role("cell")).to_have_text(
        ["Public authority", "Italy", "1", "0", "0", "0 %"])
    total = tracker.get_by_role("row", name=re.compile(r"^Total"))
    expect(total.get_by_role("cell")).to_have_text([str(size), "0", "0", "0 %"])
    pending = tab.get_by_role("table", name="People who have not submitted")
    expect(pending.get_by_role("row", name=re.compile(rf"^{ITALIAN_STAKEHOLDER_NAME} "))) \
        .to_contain_text("Not started")
    invitation = inbox(ITALIAN_STAKEHOLDER)
    assert invitation["Subject"] == f"Invitation: {BUILT.title}"


def test_closing_a_round_early_leaves_participants_a_read_only_page(facilitator_tab, open_tab):
    path = set_up_open_round(facilitator_tab, CLOSING)
    prompt = CLOSING.questions[0].prompt

    stakeholder = open_tab(javascript=False)
    sign_in(stakeholder, BELGIAN_EMAIL, DEMO_PASSWORD, BELGIAN_NAME)
    open_my_round(stakeholder, CLOSING.title)
    stakeholder.get_by_label(prompt).fill(SAVED_ANSWER)
    stakeholder.click(stakeholder.get_by_role("button", name="Save draft"))
    expect(stakeholder.get_by_role("status").filter(
        has_text="Your draft has been saved")).to_be_visible()
    stakeholder.get_by_label(prompt).fill(LATE_ANSWER)

    close_form = facilitator_tab.locator("form").filter(
        has=facilitator_tab.get_by_role("button", name="Close the round now"))
    close_form.get_by_label("Reason for closing early, shown to participants").fill(CLOSING_REASON)
    facilitator_tab.click(close_form.get_by_role("button", name="Close the round now"))
    expect_message(facilitator_tab, "The round is closed.")
    expect(facilitator_tab.get_by_role("heading", level=1)).to_have_text(
        f"{CLOSING.title} Closed")
    expect(facilitator_tab.get_by_text(CLOSING_REASON)).to_be_visible()

    stakeholder.click(stakeholder.get_by_role("button", name="Save draft"))
    expect(stakeholder.get_by_role("alert")).to_contain_text("The round closed at")
    expect(stakeholder.get_by_text("arrived after the deadline and was not recorded"))\
        .to_be_visible()

    stakeholder.visit(path)
    expect(stakeholder.get_by_role("heading", level=1)).to_have_text(f"{CLOSING.title} Closed")
    expect(stakeholder.get_by_text("The round was closed early")).to_contain_text(CLOSING_REASON)
    expect(stakeholder.get_by_role("button", name="Save draft")).to_have_count(0)
    expect(stakeholder.get_by_role("textbox")).to_have_count(0)
    expect(stakeholder.get_by_role("heading", name="Your answers", exact=True)).to_be_visible()
    answers = stakeholder.get_by_role("region", name=f"1. {prompt}")
    expect(answers).to_contain_text(SAVED_ANSWER)
    expect(answers).not_to_contain_text(LATE_ANSWER)
    expect(stakeholder.get_by_role("link", name="Download your late text")).to_be_visible()
