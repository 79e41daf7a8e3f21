"""Steps that several browser tests share: signing in and out, e-mail links, setting up rounds."""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from playwright.sync_api import Locator, expect

from tests.e2e.server import DEMO_PASSWORD
from tests.e2e.tab import Tab

ADMIN_EMAIL = "admin@mastery.example"
ADMIN_NAME = "Giulia Conti"
FACILITATOR_EMAIL = "facilitator@mastery.example"
FACILITATOR_NAME = "Laura Bianchi"
WRONG_CREDENTIALS = "The e-mail address or password is not correct."
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


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


def sign_in_as_facilitator(tab: Tab) -> None:
    """Sign in as the demo facilitator who runs consultations."""
    sign_in(tab, FACILITATOR_EMAIL, DEMO_PASSWORD, FACILITATOR_NAME)


def sign_out(tab: Tab) -> None:
    """Use the sign-out button in the header."""
    tab.click(tab.get_by_role("button", name="Sign out", exact=True))
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


@dataclass
class QuestionSpec:
    """A question as the facilitator types it in the question builder."""

    kind: str
    prompt: str
    phases: list[str] = field(default_factory=lambda: ["Design"])
    options: list[str] = field(default_factory=list)
    lowest: str = ""
    highest: str = ""
    required: bool = False


@dataclass
class RoundSpec:
    """A round open from a minute ago for a few days (in UTC), and its questions."""

    consultation: str
    title: str
    questions: list[QuestionSpec]
    countries: list[str] = field(default_factory=list)
    summary: str = "Set up by the browser tests."
    sector: str = "Wood"
    days_open: int = 3


def start_consultation(tab: Tab, title: str, summary: str, sector: str) -> None:
    """Start a consultation from the facilitator's list of consultations."""
    navigation = tab.get_by_role("navigation", name="Main")
    tab.click(navigation.get_by_role("link", name="Run consultations"))
    tab.click(tab.get_by_role("link", name="Start a consultation"))
    tab.get_by_label("Title", exact=True).fill(title)
    tab.get_by_label("Summary", exact=True).fill(summary)
    tab.get_by_role("group", name="Sectors").get_by_label(sector, exact=True).check()
    tab.click(tab.get_by_role("button", name="Save"))
    expect_message(tab, "The consultation has been created. Add its first round.")
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)


def add_round(tab: Tab, spec: RoundSpec) -> None:
    """From the consultation's page, add a round whose dates are typed in UTC."""
    tab.click(tab.get_by_role("link", name="Add a round"))
    now = datetime.now(UTC)
    tab.get_by_label("Title", exact=True).fill(spec.title)
    tab.get_by_label("Time zone of the dates").select_option("UTC")
    tab.get_by_label("Opens", exact=True).fill(
        (now - timedelta(minutes=1)).strftime(DATETIME_LOCAL))
    tab.get_by_label("Closes", exact=True).fill(
        (now + timedelta(days=spec.days_open)).strftime(DATETIME_LOCAL))
    if spec.countries:
        tab.get_by_label("Countries").select_option(label=spec.countries)
    tab.click(tab.get_by_role("button", name="Save the round"))
    expect_message(tab, "The round has been created. Now add its questions.")
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Questions of {spec.title}")


def fill_question(tab: Tab, question: QuestionSpec) -> None:
    """Type a question into the builder's "Add a question" form and send it."""
    tab.get_by_label("Kind of question").select_option(label=question.kind)
    tab.get_by_label("Question", exact=True).fill(question.prompt)
    if question.required:
        tab.get_by_label("An answer is required to submit").check()
    phases = tab.get_by_role("group", name="Credential phases")
    for phase in question.phases:
        phases.get_by_label(phase, exact=True).check()
    if question.options:
        tab.get_by_label("Options, one per line").fill("\n".join(question.options))
    if question.lowest:
        tab.get_by_label("Lowest allowed number").fill(question.lowest)
    if question.highest:
        tab.get_by_label("Highest allowed number").fill(question.highest)
    tab.click(tab.get_by_role("button", name="Add the question"))


def add_question(tab: Tab, question: QuestionSpec) -> None:
    """Add a question to the round whose questions page is open."""
    fill_question(tab, question)
    expect_message(tab, "The question has been added.")
    expect(tab.get_by_role("heading", level=2, name=question.prompt)).to_be_visible()


def open_round_settings(tab: Tab, title: str) -> None:
    """From a page of the round (questions, participation), go to its settings."""
    tab.click(tab.get_by_role("link", name=title, exact=True))
    expect(tab.get_by_role("heading", level=1)).to_contain_text(title)


def publish_round(tab: Tab, title: str) -> None:
    """Publish the round whose settings page is open; it opens at once."""
    tab.click(tab.get_by_role("button", name="Publish the round"))
    expect_message(tab, "The round is published.")
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"{title} Open")


def set_up_open_round(tab: Tab, spec: RoundSpec) -> str:
    """As a facilitator, create a consultation with one open round; return the round's path."""
    start_consultation(tab, spec.consultation, spec.summary, spec.sector)
    add_round(tab, spec)
    for question in spec.questions:
        add_question(tab, question)
    open_round_settings(tab, spec.title)
    publish_round(tab, spec.title)
    round_id = re.search(r"/manage/rounds/(\d+)", tab.url).group(1)
    return f"/rounds/{round_id}"


def open_my_round(tab: Tab, title: str) -> None:
    """As a participant, open a round from "My consultations"."""
    navigation = tab.get_by_role("navigation", name="Main")
    tab.click(navigation.get_by_role("link", name="My consultations"))
    tab.click(tab.get_by_role("link", name=title, exact=True))
    choose_publication_if_asked(tab)
    expect(tab.get_by_role("heading", level=1)).to_contain_text(title)


def visit_round(tab: Tab, path: str) -> None:
    """Open a round page by its path, giving the publication choice if it is asked first."""
    tab.visit(path)
    choose_publication_if_asked(tab)


def choose_publication_if_asked(tab: Tab,
                                choice: str = "Publish with my name and organisation") -> None:
    """Before a first answer the consultation's notice asks how answers may be published."""
    if tab.get_by_role("heading", level=1).inner_text() != "Before you answer":
        return
    tab.get_by_label(choice).check()
    tab.click(tab.get_by_role("button", name="Continue to the questions"))


def question_section(tab: Tab, number: int) -> Locator:
    """The section of the round page that holds question `number` and its comments."""
    return tab.get_by_role("region", name=f"Question {number}", exact=True)


def open_new_comment(tab: Tab, number: int) -> Locator:
    """Unfold the new-comment fields of question `number`, check them with axe, and return
    the question's section."""
    section = question_section(tab, number)
    section.get_by_text(f"Add a comment on question {number}", exact=True).click()
    expect(section.get_by_label("Comment", exact=True)).to_be_visible()
    tab.check()
    return section


def open_managed_consultation(tab: Tab, title: str) -> None:
    """As a facilitator, open a consultation's page from "Run consultations"."""
    navigation = tab.get_by_role("navigation", name="Main")
    tab.click(navigation.get_by_role("link", name="Run consultations"))
    tab.click(tab.get_by_role("link", name=title, exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)


def open_managed_round(tab: Tab, consultation: str, title: str) -> None:
    """As a facilitator, open a round's settings page from its consultation's page."""
    open_managed_consultation(tab, consultation)
    tab.click(tab.get_by_role("table", name="Rounds").get_by_role("link", name=title,
                                                                  exact=True))
    expect(tab.get_by_role("heading", level=1)).to_contain_text(title)


def open_policy_document(tab: Tab, title: str) -> None:
    """As a facilitator or working-group member, open a document from "Policy documents"."""
    navigation = tab.get_by_role("navigation", name="Main")
    tab.click(navigation.get_by_role("link", name="Policy documents"))
    tab.click(tab.get_by_role("link", name=title, exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)


def focus_by_keyboard(tab: Tab, target: Locator, key: str = "Tab", limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the target has the focus, failing after `limit` presses."""
    for _ in range(limit):
        tab.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{key} pressed {limit} times without reaching {target}")
