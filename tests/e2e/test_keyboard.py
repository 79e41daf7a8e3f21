"""The sign-in page and the stakeholder flow work with the keyboard alone, focus visible."""

import pytest
from playwright.sync_api import expect

from tests.e2e.flows import QuestionSpec, RoundSpec, set_up_open_round, sign_in, visit_round
from tests.e2e.server import DEMO_PASSWORD

EMAIL = "facilitator@mastery.example"
NAME = "Laura Bianchi"


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(tab):
    tab.visit("/login")

    tab.keyboard.press("Tab")
    expect(tab.get_by_role("link", name="Skip to main content")).to_be_focused()
    tab.keyboard.press("Enter")
    expect(tab.get_by_role("main")).to_be_focused()


def test_sign_in_with_the_keyboard_only(tab):
    tab.visit("/login")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")

    tab.keyboard.press("Tab")
    expect(tab.get_by_label("E-mail address")).to_be_focused()
    tab.keyboard.type(EMAIL)
    tab.keyboard.press("Tab")
    expect(tab.get_by_label("Password", exact=True)).to_be_focused()
    tab.keyboard.type(DEMO_PASSWORD)
    tab.keyboard.press("Tab")
    expect(tab.get_by_label("Keep me signed in on this device")).to_be_focused()
    tab.keyboard.press("Tab")
    expect(tab.get_by_role("button", name="Sign in")).to_be_focused()
    tab.navigate(lambda: tab.keyboard.press("Enter"))

    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Welcome, {NAME}")


# The stakeholder flow by keyboard alone: sign in, open a round, answer, save with an
# out-of-range answer, follow the error link, review, submit. After every key press the
# focused element must be on screen, not under the sticky Save/Submit bar, and outlined.

KEYBOARD_ROUND = RoundSpec(
    consultation="E2E Keyboard: answering without a mouse",
    title="E2E Keyboard: open round",
    countries=["Italy"],
    questions=[
        QuestionSpec("Free text", "Which skills matter most on building sites?", ["Design"],
                     required=True),
        QuestionSpec("Number", "How many hours should a unit take?", ["Design"],
                     lowest="1", highest="300"),
        QuestionSpec("Free text", "Anything else?", ["Delivery"]),
    ],
)
PARTICIPANT_EMAIL = "sara.greco@mastery.example"

FOCUS_PROBLEM = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) { return "the focus is on the page body"; }
  const name = element.outerHTML.slice(0, 100);
  const box = element.getBoundingClientRect();
  if (box.bottom <= 0 || box.top >= window.innerHeight) { return "off screen: " + name; }
  const bar = document.querySelector(".sticky-actions");
  if (bar && !bar.contains(element)) {
    const barBox = bar.getBoundingClientRect();
    if (box.top >= barBox.top - 1) { return "hidden under the sticky bar: " + name; }
  }
  const style = getComputedStyle(element);
  if (style.outlineStyle === "none" && style.boxShadow === "none") {
    return "no visible focus indicator: " + name;
  }
  return "";
}"""


@pytest.fixture(scope="module")
def keyboard_round(facilitator_tab) -> str:
    return set_up_open_round(facilitator_tab, KEYBOARD_ROUND)


def tab_to(tab, target, limit: int = 150) -> None:
    """Press Tab until the target has the focus, checking the focus after every press."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        problem = tab.evaluate(FOCUS_PROBLEM)
        assert not problem, problem
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab pressed {limit} times without reaching {target}")


def test_stakeholder_flow_by_keyboard_alone(open_tab, keyboard_round):
    tab = open_tab()
    tab.set_viewport_size({"width": 1024, "height": 640})
    tab.visit("/login")
    tab_to(tab, tab.get_by_label("E-mail address"))
    tab.keyboard.type(PARTICIPANT_EMAIL)
    tab_to(tab, tab.get_by_label("Password", exact=True))
    tab.keyboard.type(DEMO_PASSWORD)
    tab_to(tab, tab.get_by_role("button", name="Sign in"))
    tab.navigate(lambda: tab.keyboard.press("Enter"))
    tab_to(tab, tab.get_by_role("navigation", name="Main").get_by_role(
        "link", name="My consultations"))
    tab.navigate(lambda: tab.keyboard.press("Enter"))
    tab_to(tab, tab.get_by_role("link", name=KEYBOARD_ROUND.title, exact=True))
    tab.navigate(lambda: tab.keyboard.press("Enter"))
    if tab.get_by_role("heading", level=1).inner_text() == "Before you answer":
        tab_to(tab, tab.get_by_label("Publish with my name and organisation"))
        tab.keyboard.press("Space")  # the publication choice, asked before a first answer
        tab_to(tab, tab.get_by_role("button", name="Continue to the questions"))
        tab.navigate(lambda: tab.keyboard.press("Enter"))
    text, number, other = (tab.get_by_label(q.prompt) for q in KEYBOARD_ROUND.questions)

    tab_to(tab, text)
    tab.keyboard.type("Reading drawings and airtightness.")
    tab_to(tab, number)
    tab.keyboard.type("500")
    tab_to(tab, other)
    tab.keyboard.type("Mentors on site.")
    tab_to(tab, tab.get_by_role("button", name="Save draft"))
    tab.navigate(lambda: tab.keyboard.press("Enter"))

    summary = tab.get_by_role("alert")
    expect(summary).to_be_focused()  # after the reload the message has the focus
    expect(summary).to_contain_text("Your draft is saved, with what you typed.")
    expect(number).to_have_value("500")
    expect(text).to_have_value("Reading drawings and airtightness.")
    tab.keyboard.press("Tab")
    expect(summary.get_by_role("link")).to_be_focused()
    tab.keyboard.press("Enter")
    expect(number).to_be_focused()  # the error link moves the focus to its field
    assert not tab.evaluate(FOCUS_PROBLEM)
    tab.keyboard.press("Control+A")
    tab.keyboard.type("120")
    tab_to(tab, tab.get_by_role("button", name="Review and submit"))
    tab.navigate(lambda: tab.keyboard.press("Enter"))

    expect(tab.get_by_role("heading", level=1)).to_have_text("Check and submit")
    expect(tab.get_by_text("120", exact=True)).to_be_visible()
    tab_to(tab, tab.get_by_role("button", name="Submit my response"))
    tab.navigate(lambda: tab.keyboard.press("Enter"))
    message = tab.get_by_role("status").filter(has_text="Your response has been submitted")
    expect(message).to_be_focused()


def test_leaving_with_unsaved_changes_asks_first(open_tab, keyboard_round):
    tab = open_tab()
    sign_in(tab, "luca.moretti@mastery.example", DEMO_PASSWORD, "Luca Moretti")
    visit_round(tab, keyboard_round)
    tab.get_by_label(KEYBOARD_ROUND.questions[2].prompt).fill("Typed, not saved yet.")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    tab.on("dialog", answer)
    home = tab.get_by_role("navigation", name="Main").get_by_role("link", name="Home")
    home.click()
    expect(tab.get_by_label(KEYBOARD_ROUND.questions[2].prompt)).to_have_value(
        "Typed, not saved yet.")
    assert asked == ["beforeunload"]
