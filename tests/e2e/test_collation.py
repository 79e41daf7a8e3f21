"""Facilitators collate the demo consultation; participants read what the group said."""

import re

from playwright.sync_api import Locator, expect

from tests.e2e.flows import (
    expect_message,
    open_managed_consultation,
    open_managed_round,
    open_my_round,
    question_section,
    sign_in,
)
from tests.e2e.server import DEMO_PASSWORD

CONSULTATION = "Joint multi-stakeholder policy on green-skills micro-credentials"
ROUND_1 = "Round 1: where do we stand?"
ROUND_2 = "Round 2: rating the draft statements"
FIRST_STATEMENT = ("Micro-credentials for green skills should be built on learning outcomes "
                   "defined together with employers of the sector.")
SYNTHESIS_START = "Fourteen organisations from five countries answered round 1."
PAGE_SIZE = 25
MENTORS_CODE = "Flexible delivery › Mentors"
WALLET_AUTHOR = "Elena Dimitrova, BuildSmart Bulgaria EOOD"
READER_EMAIL = "marco.ferri@mastery.example"
READER_NAME = "Marco Ferri"
SHUT_OUT_EMAIL = "ana.lopez@mastery.example"
SHUT_OUT_NAME = "Ana López"


def open_explorer(tab) -> None:
    open_managed_consultation(tab, CONSULTATION)
    tab.click(tab.get_by_role("navigation", name="Collation")
              .get_by_role("link", name="Explore comments and answers"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Explore comments and answers")


def result_count(tab) -> int:
    """The number in the explorer's "N items match" status heading."""
    status = tab.get_by_role("status").filter(has_text=re.compile(r"^\d+ items? match"))
    return int(re.match(r"\d+", status.inner_text()).group())


def facet_choice(tab, facet: str, value: str) -> tuple[Locator, int]:
    """A facet's checkbox for a value, and the count of items shown beside it."""
    group = tab.get_by_role("form", name="Filters").get_by_role("group", name=facet)
    pattern = rf"^{re.escape(value)} \((\d+)\)$"
    label = group.get_by_text(re.compile(pattern))
    count = int(re.match(pattern, label.inner_text().strip()).group(1))
    return group.get_by_role("checkbox", name=re.compile(pattern)), count


def apply_filters(tab) -> None:
    filters = tab.get_by_role("form", name="Filters")
    tab.click(filters.get_by_role("button", name="Apply filters").first)


def search(tab, words: str) -> None:
    tab.get_by_label("Search the text").fill(words)
    apply_filters(tab)


def expect_status(tab, pattern: str) -> None:
    expect(tab.get_by_role("status").filter(has_text=re.compile(pattern))).to_be_visible()


def test_explorer_filters_pages_and_codes_the_input(facilitator_tab, open_tab):
    tab = facilitator_tab
    open_explorer(tab)
    everything = result_count(tab)
    assert everything > PAGE_SIZE
    expect(tab.get_by_role("article")).to_have_count(PAGE_SIZE)
    first_page = tab.get_by_role("article").first.get_by_role("heading").inner_text()
    tab.click(tab.get_by_role("navigation", name="More items").get_by_role(
        "link", name="Next page"))
    assert "after=" in tab.url
    assert result_count(tab) == everything
    expect(tab.get_by_role("article")).to_have_count(min(PAGE_SIZE, everything - PAGE_SIZE))
    expect(tab.get_by_role("article").get_by_role("heading", name=first_page, exact=True)) \
        .to_have_count(0)
    expect(tab.get_by_role("link", name="First page")).to_be_visible()

    delivery, delivery_count = facet_choice(tab, "Credential phase", "Delivery")
    assert 0 < delivery_count < everything
    delivery.check()
    apply_filters(tab)
    assert result_count(tab) == delivery_count
    expect(facet_choice(tab, "Credential phase", "Delivery")[0]).to_be_checked()
    assert re.search(r"[?&]phase=\d+", tab.url)

    search(tab, "mentors")
    assert "q=mentors" in tab.url and re.search(r"[?&]phase=\d+", tab.url)
    found = result_count(tab)
    assert found == 2
    for article in tab.get_by_role("article").all():
        expect(article).to_contain_text("mentors")
    shared = open_tab(storage_state=tab.context.storage_state())
    shared.visit(tab.url)
    assert result_count(shared) == found
    expect(shared.get_by_label("Search the text")).to_have_value("mentors")

    boxes = tab.get_by_role("checkbox", name=re.compile(r"^Select comment \d+$"))
    expect(boxes).to_have_count(2)
    selected = sorted(box.get_attribute("aria-label") for box in boxes.all())
    for box in boxes.all():
        box.check()
    tab.get_by_label("Code the selected items with").select_option(label=MENTORS_CODE)
    tab.check()
    tab.click(tab.get_by_role("button", name="Apply codes"))
    expect_message(tab, "2 codes changed.")
    assert "q=mentors" in tab.url
    for article in tab.get_by_role("article").all():
        expect(article.get_by_text(MENTORS_CODE, exact=True)).to_be_visible()

    tab.click(tab.get_by_role("link", name="Clear all filters"))
    assert result_count(tab) == everything
    mentors, mentors_count = facet_choice(tab, "Code", MENTORS_CODE)
    assert mentors_count == 2
    mentors.check()
    apply_filters(tab)
    assert result_count(tab) == 2
    coded = tab.get_by_role("checkbox", name=re.compile(r"^Select comment \d+$"))
    assert sorted(box.get_attribute("aria-label") for box in coded.all()) == selected


def test_facilitator_reads_a_comment_with_its_author_and_adds_a_note(facilitator_tab):
    tab = facilitator_tab
    open_explorer(tab)
    search(tab, "wallets")
    assert result_count(tab) == 1
    article = tab.get_by_role("article")
    expect(article).to_contain_text(WALLET_AUTHOR)
    link = article.get_by_role("link", name=re.compile(r"^Comment \d+$"))
    title = link.inner_text()
    tab.click(link)

    expect(tab.get_by_role("heading", level=1)).to_have_text(title)
    expect(tab.get_by_text("Wallets must accept credentials from several issuers")) \
        .to_be_visible()
    expect(tab.get_by_text(WALLET_AUTHOR, exact=True)).to_be_visible()
    expect(tab.get_by_text(ROUND_1, exact=True)).to_be_visible()

    note = "Check with the digital-credentials working group before round 3."
    notes = tab.get_by_role("region", name="Internal notes")
    notes.get_by_label("Add a note").fill(note)
    tab.click(notes.get_by_role("button", name="Add the note"))
    expect_message(tab, "The note has been added.")
    listed = notes.locator("blockquote").filter(has_text=note)
    expect(listed).to_be_visible()
    expect(listed).to_contain_text("Laura Bianchi")

    tab.click(tab.get_by_role("link", name="Explore comments and answers"))
    search(tab, "wallets")
    expect(tab.get_by_role("article")).to_contain_text("1 note")


def test_codebook_takes_themes_sub_codes_and_a_new_threshold(facilitator_tab):
    tab = facilitator_tab
    open_managed_consultation(tab, CONSULTATION)
    tab.click(tab.get_by_role("navigation", name="Collation")
              .get_by_role("link", name="Codebook"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Codebook")

    theme, sub_code = "Funding for small firms", "Regional ESF+ programmes"
    tab.get_by_label("Label", exact=True).fill(theme)
    tab.get_by_label("Description", exact=True).fill("Who pays for mentors and assessment.")
    tab.click(tab.get_by_role("button", name="Add the code"))
    expect_message(tab, "The code has been added.")
    tab.get_by_label("Label", exact=True).fill(sub_code)
    tab.get_by_label("Under", exact=True).select_option(label=theme)
    tab.get_by_label("Colour").select_option(label="Teal")
    tab.click(tab.get_by_role("button", name="Add the code"))
    expect_message(tab, "The code has been added.")
    expect(tab.get_by_text(f"{theme} › {sub_code}", exact=True)).to_be_visible()
    expect(tab.get_by_text("Who pays for mentors and assessment.")).to_be_visible()
    expect(tab.get_by_role("button", name=f"Delete {theme} › {sub_code}")).to_be_visible()
    expect(tab.get_by_label("Under", exact=True).get_by_role("option", name=theme, exact=True)) \
        .to_have_count(1)

    threshold = tab.get_by_label("Similarity threshold")
    original = threshold.input_value()
    changed = "60" if original != "60" else "70"
    try:
        threshold.fill(changed)
        tab.click(tab.get_by_role("button", name="Regroup"))
        expect_status(tab, r"^Comments regrouped: \d+ groups\.$")
        expect(threshold).to_have_value(changed)
    finally:
        threshold.fill(original)
        tab.click(tab.get_by_role("button", name="Regroup"))
    expect_status(tab, r"^Comments regrouped: \d+ groups\.$")
    expect(threshold).to_have_value(original)


def test_statistics_show_charts_tables_and_consensus_by_group(facilitator_tab):
    tab = facilitator_tab
    open_managed_round(tab, CONSULTATION, ROUND_1)
    tab.click(tab.get_by_role("link", name="Statistics and consensus"))
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Statistics of {ROUND_1}")

    expect(tab.get_by_role("img", name=re.compile(
        r"^Submitted responses by stakeholder type\b"))).to_be_visible()
    expect(tab.get_by_role("img", name=re.compile(r"^Submitted responses by country\b"))) \
        .to_be_visible()
    participation = tab.get_by_role("table", name="Participation by stakeholder type and country")
    expect(participation.get_by_role("row", name=re.compile(r"^Public authority Italy "))) \
        .to_be_visible()
    statement = tab.get_by_role("region", name=f"1. {FIRST_STATEMENT}")
    expect(statement).to_contain_text("14 answers")
    expect(statement).to_contain_text(re.compile(r"Median [\d.]+, IQR"))
    verdicts = tab.get_by_text(re.compile(r"^(Reached|Not reached)$"))
    expect(verdicts.first).to_be_visible()

    groupings = tab.get_by_role("navigation", name="Group the statistics by")
    for key, label, group in (("stakeholder_type", "stakeholder type", "Enterprise"),
                              ("country", "country", "Italy"),
                              ("sector", "sector", "Wood")):
        if key != "stakeholder_type":
            tab.click(groupings.get_by_role("link", name=f"By {label}"))
            assert f"group={key}" in tab.url
        expect(groupings.get_by_role("link", name=f"By {label}")) \
            .to_have_attribute("aria-current", "page")
        expect(tab.get_by_role("img", name=re.compile(
            rf"^Answers to question 1 by {label}\b"))).to_be_visible()
        results = tab.get_by_role("table", name="Results of question 1")
        expect(results.get_by_role("columnheader", name="Median")).to_be_visible()
        expect(results.get_by_role("rowheader", name="All respondents")).to_be_visible()
        expect(results.get_by_role("rowheader", name=group)).to_be_visible()
        expect(results.get_by_text(re.compile(r"^(Reached|Not reached)$")).first) \
            .to_be_visible()


def test_released_feedback_reaches_participants_and_the_next_round(facilitator_tab, open_tab):
    tab = facilitator_tab
    open_managed_round(tab, CONSULTATION, ROUND_1)
    tab.click(tab.get_by_role("link", name="Feedback to participants"))
    expect(tab.get_by_role("heading", level=1)).to_contain_text(f"Feedback on {ROUND_1}")
    synthesis = tab.get_by_label("Synthesis")
    original = synthesis.input_value()
    assert original.startswith(SYNTHESIS_START)
    addition = "The working group meets in Murcia to draft the statements."
    try:
        synthesis.fill(f"{original}\n\n{addition}")
        tab.click(tab.get_by_role("button", name="Save the feedback"))
        expect_message(tab, "The feedback has been saved.")
        expect(synthesis).to_have_value(re.compile(re.escape(addition)))
        expect(tab.get_by_label(f"1. {FIRST_STATEMENT}")).to_be_checked()

        reader = open_tab()
        sign_in(reader, READER_EMAIL, DEMO_PASSWORD, READER_NAME)
        open_my_round(reader, ROUND_1)
        reader.click(reader.get_by_role("link", name="See what the group said in this round"))
        expect(reader.get_by_role("heading", level=1)).to_have_text(
            f"What the group said in {ROUND_1}")
        expect(reader.get_by_text(SYNTHESIS_START)).to_be_visible()
        expect(reader.get_by_text(addition)).to_be_visible()
        result = reader.get_by_role("region", name=FIRST_STATEMENT)
        expect(result).to_contain_text(re.compile(r"Group: median [\d.]+, interquartile range"))
        expect(result.get_by_role("table", name="Distribution of answers")).to_be_visible()
        expect(result.get_by_text("Your answer:")).to_be_visible()
        expect(result.get_by_text("(yours)")).to_have_count(1)

        open_my_round(reader, ROUND_2)
        earlier = question_section(reader, 1).get_by_role("group",
                                                          name="In the previous round")
        expect(earlier).to_contain_text("Group: median")
        expect(earlier.get_by_text("Your answer:")).to_be_visible()
        expect(earlier.get_by_text("(your answer then)")).to_have_count(1)
        expect(question_section(reader, 3).get_by_role(
            "group", name="In the previous round")).to_have_count(0)
    finally:
        synthesis.fill(original)
        tab.click(tab.get_by_role("button", name="Save the feedback"))
    expect_message(tab, "The feedback has been saved.")


def test_withdrawn_feedback_is_hidden_until_released_again(facilitator_tab, open_tab):
    participant = open_tab()
    sign_in(participant, SHUT_OUT_EMAIL, DEMO_PASSWORD, SHUT_OUT_NAME)
    open_my_round(participant, ROUND_1)
    see_results = participant.get_by_role("link", name="See what the group said in this round")
    participant.click(see_results)
    feedback_path = participant.url

    tab = facilitator_tab
    open_managed_round(tab, CONSULTATION, ROUND_1)
    tab.click(tab.get_by_role("link", name="Feedback to participants"))
    release = tab.get_by_role("region", name="Release")
    try:
        tab.click(release.get_by_role("button", name="Withdraw the feedback"))
        expect_message(tab, "The feedback is withdrawn.")
        expect(release.get_by_text("Not released yet.")).to_be_visible()

        response = participant.visit(feedback_path)
        assert response.status == 404
        open_my_round(participant, ROUND_1)
        expect(see_results).to_have_count(0)
    finally:
        release_again = release.get_by_role("button", name="Release the feedback")
        if release_again.count():
            tab.click(release_again)
    expect_message(tab, "The feedback is released to participants who submitted.")
    expect(release.get_by_text(re.compile(r"^Released on "))).to_be_visible()
    participant.visit(feedback_path)
    expect(participant.get_by_text(SYNTHESIS_START)).to_be_visible()
