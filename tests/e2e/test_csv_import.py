"""An administrator imports organisations from CSV: a bad file is refused line by line."""

from playwright.sync_api import expect

from tests.e2e.flows import expect_message

HEADER = "name,stakeholder_type,is_startup,country,region,governance_level,sectors,website\n"
FILE_WITH_ERRORS = HEADER + (
    "E2E Broken Guild,vet_provider,no,IT,Veneto,regional,wood,\n"
    "E2E Broken Charity,charity,no,ES,Murcia,local,,\n"
    ",enterprise,no,FI,,national,building,\n"
)
CLEAN_FILE = HEADER + (
    "E2E Timber Academy,vet_provider,no,FI,Kainuu,regional,wood,https://timber.example\n"
    "E2E Circular Works,enterprise,yes,IT,Veneto,local,manufacturing;building,\n"
)


def check_file(tab, name: str, content: str) -> None:
    tab.visit("/admin/import/")
    tab.get_by_label("What the file contains").select_option(label="Organisations")
    tab.get_by_label("CSV file").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content.encode()}]
    )
    tab.click(tab.get_by_role("button", name="Check the file"))


def table_cells(table) -> list[list[str]]:
    rows = [row.get_by_role("cell").all_inner_texts() for row in table.get_by_role("row").all()]
    return [row for row in rows if row]


def search_organisations(tab, text: str) -> None:
    tab.visit("/admin/organisations/")
    tab.get_by_role("searchbox", name="Search").fill(text)
    tab.click(tab.get_by_role("button", name="Filter"))


def test_file_with_errors_lists_them_and_imports_nothing(admin_session, open_tab):
    tab = open_tab(storage_state=admin_session)
    check_file(tab, "broken.csv", FILE_WITH_ERRORS)

    expect(tab.get_by_role("alert")).to_contain_text("2 problems found. Nothing has been imported.")
    problems = table_cells(tab.get_by_role("table", name="Problems in the file"))
    assert problems == [
        ["3", "stakeholder_type", 'Unknown value "charity".'],
        ["4", "name", "A name is required."],
    ]
    expect(tab.get_by_role("button", name="Import")).to_have_count(0)

    search_organisations(tab, "E2E Broken")
    expect(tab.get_by_text("No organisation matches these filters.")).to_be_visible()


def test_clean_file_is_previewed_then_imported(admin_session, open_tab):
    tab = open_tab(storage_state=admin_session)
    check_file(tab, "organisations.csv", CLEAN_FILE)

    expect(tab.get_by_role("status")).to_have_text("The file is clean: 2 lines can be imported.")
    preview = table_cells(tab.get_by_role("table", name="What will be imported"))
    assert [row[:2] for row in preview] == [["2", "E2E Timber Academy"],
                                            ["3", "E2E Circular Works"]]
    tab.click(tab.get_by_role("button", name="Import 2 lines"))
    expect_message(tab, "2 records imported.")

    search_organisations(tab, "E2E")
    results = tab.get_by_role("table", name="Organisations")
    expect(results.get_by_role("link", name="E2E Timber Academy")).to_be_visible()
    expect(results.get_by_role("link", name="E2E Circular Works")).to_be_visible()
    expect(tab.get_by_text("2 results")).to_be_visible()
