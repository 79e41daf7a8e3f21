"""Personal data in the browser: the notice, the publication choice, outlets, my data."""

import csv
import io
import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.flows import (
    QuestionSpec,
    RoundSpec,
    expect_message,
    set_up_open_round,
    sign_in,
)
from tests.e2e.server import DEMO_PASSWORD

TEXT = QuestionSpec("Free text", "Who should recognise a green-skills credential?", ["Design"])
ROUND = RoundSpec(consultation="E2E Privacy: publication choices", title="E2E Privacy: round",
                  countries=["Italy"], questions=[TEXT])
PEOPLE = [  # e-mail, name, organisation, choice
    ("marco.ferri@mastery.example", "Marco Ferri",
     "Lombardy Region – Directorate for Education, Training and Work",
     "Publish with my name and organisation", "publish with name"),
    ("sara.greco@mastery.example", "Sara Greco", "Legnoverde S.r.l.",
     "Publish anonymously (type of organisation and country only)", "publish anonymously"),
    ("luca.moretti@mastery.example", "Luca Moretti", "Centro di Formazione Edile Milano",
     "Do not publish", "do not publish"),
]


@pytest.fixture(scope="module")
def round_path(facilitator_tab) -> str:
    """An open round for Italian stakeholders with one free-text question."""
    return set_up_open_round(facilitator_tab, ROUND)


def test_privacy_notice_is_linked_from_every_page_and_accessible(open_tab):
    tab = open_tab()
    tab.visit("/login")
    tab.click(tab.get_by_role("contentinfo").get_by_role("link", name="Privacy notice"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    for heading in ("Controller", "Purposes and legal basis", "Recipients", "Retention",
                    "Your rights", "Contact"):
        expect(tab.get_by_role("heading", name=heading, level=2)).to_be_visible()


def test_each_publication_choice_reaches_the_facilitators_export(open_tab, round_path,
                                                                 facilitator_tab):
    for email, name, _organisation, choice, _mark in PEOPLE:
        tab = open_tab(javascript=False)
        sign_in(tab, email, DEMO_PASSWORD, name)
        tab.visit(round_path)
        expect(tab.get_by_role("heading", level=1)).to_have_text("Before you answer")
        tab.click(tab.get_by_role("button", name="Continue to the questions"))
        expect(tab.get_by_text("Choose how your answers may be published.").first) \
            .to_be_visible()
        tab.get_by_label(choice).check()
        tab.click(tab.get_by_role("button", name="Continue to the questions"))
        expect(tab.get_by_role("heading", level=1)).to_contain_text(ROUND.title)
        tab.get_by_label(TEXT.prompt).fill(f"Answer by {name} <script>alert(1)</script>")
        tab.click(tab.get_by_role("button", name="Review and submit"))
        tab.click(tab.get_by_role("button", name="Submit my response"))
        expect(tab.get_by_role("status").filter(has_text="Your response has been submitted")) \
            .to_be_visible()
        tab.context.close()
    facilitator_tab.visit(round_path.replace("/rounds/", "/manage/rounds/"))
    consultation_id = re.search(r'href="/manage/(\d+)"', facilitator_tab.content()).group(1)
    body = facilitator_tab.context.request.get(
        f"/manage/{consultation_id}/export/answers.csv").text()
    marks = {row["organisation"]: row["publication"]
             for row in csv.DictReader(io.StringIO(body.lstrip("\ufeff")))}
    assert marks == {organisation: mark for _e, _n, organisation, _c, mark in PEOPLE}


def test_account_page_downloads_my_data(open_tab):
    tab = open_tab()
    sign_in(tab, "aino.virtanen@mastery.example", DEMO_PASSWORD, "Aino Virtanen")
    tab.visit("/account")
    expect(tab.get_by_role("link", name="Erase my account")).to_be_visible()
    tab.click(tab.get_by_role("button", name="Download my data"))
    expect_message(tab, "Your data is ready to download below.")
    link = tab.get_by_role("link", name=re.compile(r"^my-data-.*\.zip$"))
    archive = zipfile.ZipFile(io.BytesIO(
        tab.context.request.get(link.get_attribute("href")).body()))
    assert "README.txt" in archive.namelist()
    assert json.loads(archive.read("account.json"))["email"] == "aino.virtanen@mastery.example"
    tab.click(tab.get_by_role("link", name="Erase my account"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Erase my account")
