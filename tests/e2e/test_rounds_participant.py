"""Stakeholders answer an open round: drafts, comments, submission, edits, autosave, errors."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMEOUT_MS
from tests.e2e.flows import (
    QuestionSpec,
    RoundSpec,
    expect_message,
    open_my_round,
    open_new_comment,
    question_section,
    set_up_open_round,
    sign_in,
    sign_out,
    visit_round,
)
from tests.e2e.server import DEMO_PASSWORD

TEXT = QuestionSpec("Free text", "What should a green-skills credential cover?", ["Design"],
                    required=True)
SCALE = QuestionSpec("Agreement scale", "Employers should co-design the assessment.",
                     ["Certification"])
CHOICE = QuestionSpec("Multiple choice", "Where should trainees learn?", ["Delivery"],
                      options=["At school", "At work", "Online"])
RANKING = QuestionSpec("Ranking", "Rank the obstacles to recognition.", ["Portability"],
                       options=["Cost", "Language", "Trust"])
NUMBER = QuestionSpec("Number", "How many hours should the credential take?", ["Design"],
                      lowest="1", highest="300")
ROUND = RoundSpec(
    consultation="E2E Answering: green skills in construction training",
    title="E2E Answering: open round",
    countries=["Italy", "Finland"],
    questions=[TEXT, SCALE, CHOICE, RANKING, NUMBER],
)

DRAFTER_EMAIL = "marco.ferri@mastery.example"
DRAFTER_NAME = "Marco Ferri"
ANSWER = "Energy-efficient renovation and circular use of materials."
CHANGED_ANSWER = "Energy-efficient renovation, circular materials and site safety."
COMMENT = "Trainers need **updating** too."


@pytest.fixture(scope="module")
def round_path(facilitator_tab) -> str:
    """An open round for Italian and Finnish stakeholders with one question of each kind."""
    return set_up_open_round(facilitator_tab, ROUND)


def expect_draft_saved(tab) -> None:
    expect(tab.get_by_role("status").filter(has_text="Your draft has been saved at")) \
        .to_be_visible()


def answer_every_question(tab) -> None:
    tab.get_by_label(TEXT.prompt).fill(ANSWER)
    question_section(tab, 2).get_by_label("4 – Agree").check()
    choices = question_section(tab, 3)
    choices.get_by_label("At work").check()
    choices.get_by_label("Online").check()
    ranking = question_section(tab, 4)
    for option, rank in (("Trust", "1"), ("Cost", "2"), ("Language", "3")):
        ranking.get_by_label(option, exact=True).select_option(rank)
    tab.get_by_label(NUMBER.prompt).fill("120")
    section = open_new_comment(tab, 1)
    section.get_by_label("Comment", exact=True).fill(COMMENT)
    phases = section.get_by_role("group", name="Credential phases (at least one)")
    expect(phases.get_by_label("Design")).to_be_checked()
    phases.get_by_label("Delivery").check()
    section.get_by_label("Language of the comment").select_option("Italiano")


def expect_saved_answers(tab) -> None:
    expect(tab.get_by_label(TEXT.prompt)).to_have_value(ANSWER)
    expect(question_section(tab, 2).get_by_label("4 – Agree")).to_be_checked()
    choices = question_section(tab, 3)
    expect(choices.get_by_label("At school")).not_to_be_checked()
    expect(choices.get_by_label("At work")).to_be_checked()
    expect(choices.get_by_label("Online")).to_be_checked()
    ranking = question_section(tab, 4)
    expect(ranking.get_by_label("Trust", exact=True)).to_have_value("1")
    expect(ranking.get_by_label("Language", exact=True)).to_have_value("3")
    expect(tab.get_by_label(NUMBER.prompt)).to_have_value("120")
    comment = question_section(tab, 1).get_by_role("group", name="Your comment 1 on question 1")
    expect(comment.get_by_label("Comment", exact=True)).to_have_value(COMMENT)
    phases = comment.get_by_role("group", name="Credential phases (at least one)")
    expect(phases.get_by_label("Design")).to_be_checked()
    expect(phases.get_by_label("Delivery")).to_be_checked()
    expect(phases.get_by_label("Portability")).not_to_be_checked()
    expect(comment.get_by_label("Language of the comment")).to_have_value("it")


def test_stakeholder_saves_returns_submits_and_edits(open_tab, round_path, inbox):
    tab = open_tab(javascript=False)
    sign_in(tab, DRAFTER_EMAIL, DEMO_PASSWORD, DRAFTER_NAME)
    open_my_round(tab, ROUND.title)
    expect(tab.get_by_text("One response per person.")).to_be_visible()
    answer_every_question(tab)
    tab.click(tab.get_by_role("button", name="Save draft"))
    expect_draft_saved(tab)

    sign_out(tab)
    sign_in(tab, DRAFTER_EMAIL, DEMO_PASSWORD, DRAFTER_NAME)
    navigation = tab.get_by_role("navigation", name="Main")
    tab.click(navigation.get_by_role("link", name="My consultations"))
    expect(tab.get_by_role("row").filter(has_text=ROUND.title)).to_contain_text("Draft saved")
    tab.click(tab.get_by_role("link", name=ROUND.title, exact=True))
    expect_saved_answers(tab)

    tab.click(tab.get_by_role("button", name="Review and submit"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Check and submit")
    for number, answer in ((1, ANSWER), (2, "4 – Agree"), (3, "At work; Online"),
                           (4, "1. Trust; 2. Cost; 3. Language"), (5, "120")):
        expect(tab.get_by_role("region", name=re.compile(rf"^{number}\. "))) \
            .to_contain_text(answer)
    expect(tab.locator("strong").filter(has_text="updating")).to_be_visible()
    tab.click(tab.get_by_role("button", name="Submit my response"))
    expect_message(tab, f"Your response has been submitted. A receipt has been sent to "
                        f"{DRAFTER_EMAIL}. You can change it until the round closes.")
    assert inbox(DRAFTER_EMAIL)["Subject"] == f"Receipt: your answers to {ROUND.title}"

    tab.get_by_label(TEXT.prompt).fill(CHANGED_ANSWER)
    tab.click(tab.get_by_role("button", name="Save draft"))
    expect(tab.get_by_role("status").filter(
        has_text="your response stays submitted")).to_be_visible()
    expect(tab.get_by_text("You can change your answers until the round closes.")) \
        .to_be_visible()
    expect(tab.get_by_label(TEXT.prompt)).to_have_value(CHANGED_ANSWER)

    with tab.expect_download() as download:
        tab.get_by_role("link", name="Download", exact=True).click()
    text = download.value.path().read_text(encoding="utf-8")
    assert CHANGED_ANSWER in text and COMMENT in text

    tab.click(tab.get_by_role("link", name="Earlier versions"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Earlier versions of your response")
    # the list of versions (the one shown below it has a heading of its own)
    expect(tab.get_by_text(re.compile(r"^Version \d+ · .* · "))).to_have_text([
        re.compile(r"^Version 3 · Changed after submitting · "),
        re.compile(r"^Version 2 · Submitted · "),
        re.compile(rf"^Version 1 · Draft saved · .* · {DRAFTER_NAME}$"),
    ])


def test_answers_are_saved_in_the_background(open_tab, round_path):
    tab = open_tab()
    sign_in(tab, "sara.greco@mastery.example", DEMO_PASSWORD, "Sara Greco")
    visit_round(tab, round_path)
    status = tab.get_by_role("status").filter(has_text="Saved at")

    def autosave_of(text: str):  # the save that carries this text, not an earlier one
        return lambda r: r.url.endswith("/autosave") and text in (r.request.post_data or "")

    with tab.expect_response(autosave_of("A first thought.")) as first_save:
        tab.get_by_label(TEXT.prompt).fill("Saved without pressing a button.")
        section = open_new_comment(tab, 1)
        section.get_by_label("Comment", exact=True).fill("A first thought.")
    assert first_save.value.ok
    expect(status).to_be_visible()
    tab.check()

    with tab.expect_response(autosave_of("A second, better thought.")) as second_save:
        section.get_by_label("Comment", exact=True).fill("A second, better thought.")
    assert second_save.value.ok
    expect(status).to_be_visible()

    visit_round(tab, round_path)
    expect(tab.get_by_text(re.compile(r"^Draft saved on "))).to_be_visible()
    expect(tab.get_by_label(TEXT.prompt)).to_have_value("Saved without pressing a button.")
    first = tab.get_by_role("group", name="Your comment 1 on question 1")
    expect(first.get_by_label("Comment", exact=True)).to_have_value("A second, better thought.")
    expect(tab.get_by_role("group", name="Your comment 2 on question 1")).to_have_count(0)


def test_saving_during_a_background_save_is_not_taken_for_a_conflict(open_tab, round_path):
    tab = open_tab()
    sign_in(tab, "jukka.lehtonen@mastery.example", DEMO_PASSWORD, "Jukka Lehtonen")
    visit_round(tab, round_path)
    held = []
    tab.route("**/autosave", lambda route: held.append(route))
    tab.get_by_label(TEXT.prompt).fill("Sent while the background save is on its way back.")
    expect(tab.get_by_role("status")).to_have_text("Saving…")
    for _ in range(TIMEOUT_MS // 50):  # a count as the bound; done as soon as it is held
        if held:
            break
        tab.wait_for_timeout(50)
    assert held, "the background save was not sent"
    route = held[0]
    saved_in_background = route.fetch()

    def save_then_let_the_background_save_finish() -> None:
        tab.get_by_role("button", name="Save draft").click()
        route.fulfill(response=saved_in_background)

    tab.navigate(save_then_let_the_background_save_finish)
    expect_draft_saved(tab)
    expect(tab.get_by_role("heading", name=re.compile("Someone else saved"))).to_have_count(0)
    expect(tab.get_by_label(TEXT.prompt)).to_have_value(
        "Sent while the background save is on its way back.")


def test_refused_answers_keep_what_was_typed(open_tab, round_path):
    tab = open_tab()
    sign_in(tab, "luca.moretti@mastery.example", DEMO_PASSWORD, "Luca Moretti")
    visit_round(tab, round_path)
    too_long = "Too long. " * 1001
    tab.get_by_label(NUMBER.prompt).fill("450")
    section = open_new_comment(tab, 5)
    section.get_by_label("Comment", exact=True).fill(too_long)
    tab.click(tab.get_by_role("button", name="Save draft"))

    summary = tab.get_by_role("alert")
    expect(summary).to_contain_text("Your draft is saved, with what you typed.")
    number_error = f"“{NUMBER.prompt}”: the highest allowed number is 300."
    length_error = "The comment is 10010 characters long; the limit is 10000."
    expect(summary.get_by_role("link")).to_have_text([number_error, length_error])

    number = tab.get_by_label(NUMBER.prompt)
    expect(number).to_have_value("450")
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(number).to_have_accessible_description(f"{number_error} Between 1 and 300.")
    comment = question_section(tab, 5).get_by_label("Comment", exact=True)
    expect(comment).to_be_visible()
    expect(comment).to_have_value(too_long)
    expect(comment).to_have_attribute("aria-invalid", "true")
    expect(comment).to_have_accessible_description(re.compile(re.escape(length_error)))

    summary.get_by_role("link", name=number_error).click()
    expect(number).to_be_focused()
    number.fill("250")
    comment.fill("Short enough now.")
    tab.click(tab.get_by_role("button", name="Save draft"))
    expect_draft_saved(tab)
    expect(tab.get_by_role("alert")).to_have_count(0)
    expect(tab.get_by_label(NUMBER.prompt)).to_have_value("250")
