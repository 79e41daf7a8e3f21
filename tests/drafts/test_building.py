"""Documents can be built through the forms as rendered: sections, sub-sections, version
numbers, and links to headings that exist."""

import pytest
from sqlalchemy import func, select

from app.core.errors import DomainError
from app.core.types import utcnow
from app.drafts import anchors, blocks, versions
from app.drafts.models import Block, DocumentVersion
from app.exports import assemble, pipeline
from app.extensions import db
from tests.forms import rendered_form


def _count(model, document) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(
        model.document_id == document.id))


def test_add_a_section_and_a_sub_section_through_the_rendered_forms(client, login_as,
                                                                    facilitator, document):
    login_as(facilitator)
    path = f"/manage/documents/{document.id}/blocks/new?kind=section"
    page = client.get(path)
    form = rendered_form(page, having="title")
    assert "time_horizon" not in form.names  # a section's form does not show it
    form.set("title", "Delivery").set("text", "How units are taught.")
    saved = client.post(path, data=form.data(button=("action", "save")))
    assert saved.status_code == 302, saved.get_data(as_text=True)
    section = next(n for n in blocks.tree(document) if n.block.title == "Delivery")
    assert section.number == "3"

    sub_path = (f"/manage/documents/{document.id}/blocks/new?kind=section"
                f"&parent={section.block.id}")
    editor = client.get(f"/manage/documents/{document.id}").get_data(as_text=True)
    assert sub_path.replace("&", "&amp;") in editor  # the "Add a sub-section" link
    form = rendered_form(client.get(sub_path), having="title").set("title", "Mentors")
    assert client.post(sub_path, data=form.data(button=("action", "save"))).status_code == 302
    sub = next(n for n in blocks.tree(document) if n.block.title == "Mentors")
    assert (sub.number, sub.block.parent_id) == ("3.1", section.block.id)


@pytest.mark.parametrize("number", ["v1", "1", "0.4 draft", "", "1.", "١.٢",
                                    "0.1\n", "1234567.1", "9" * 500])
def test_a_malformed_version_number_is_refused_on_the_form(client, login_as, facilitator,
                                                           document, number):
    login_as(facilitator)
    path = f"/manage/documents/{document.id}/versions"
    form = rendered_form(client.get(f"/manage/documents/{document.id}"), action=path)
    form.set("number", number).set("label", "Für die Runde 2 <b>").set(
        "change_note", "Recommendations reordered\n‮ and 🌍")
    refused = client.post(path, data=form.data())
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert ("Use a number such as 0.3 or 1.0." if number else "This field is required.") in page
    again = dict(rendered_form(page, action=path).data())
    assert again["label"] == "Für die Runde 2 <b>"
    assert again["change_note"] == "Recommendations reordered\n‮ and 🌍"
    assert _count(DocumentVersion, document) == 0


def test_an_existing_version_number_is_refused_on_the_form(client, login_as, facilitator,
                                                           document):
    versions.save_version(facilitator, document, number="0.1")
    login_as(facilitator)
    path = f"/manage/documents/{document.id}/versions"
    form = rendered_form(client.get(f"/manage/documents/{document.id}"), action=path)
    form.set("number", "0.1").set("label", "Kept")
    refused = client.post(path, data=form.data())
    assert refused.status_code == 422 and "Version 0.1 exists already." in refused.get_data(
        as_text=True)
    assert dict(rendered_form(refused, action=path).data())["label"] == "Kept"


def test_hostile_labels_and_change_notes_are_stored_as_text(client, login_as, facilitator,
                                                           document):
    login_as(facilitator)
    path = f"/manage/documents/{document.id}/versions"
    form = rendered_form(client.get(f"/manage/documents/{document.id}"), action=path)
    form.set("number", "0.1").set("label", "nul\x00 <script>x</script>")
    assert client.post(path, data=form.data()).status_code == 400  # NUL: refused at the door
    assert _count(DocumentVersion, document) == 0
    form.set("label", "nul <script>x</script>").set(
        "change_note", "=HYPERLINK(\"x\") " + "ü" * 4_000)
    assert client.post(path, data=form.data()).status_code == 302
    [version] = db.session.scalars(select(DocumentVersion)).all()
    assert version.label == "nul <script>x</script>"
    assert version.change_note == "=HYPERLINK(\"x\") " + "ü" * 4_000
    assert "<script>x" not in client.get(f"/manage/documents/{document.id}").get_data(
        as_text=True)


def test_identifiers_follow_pandoc():
    assert anchors.identifier("1 Design") == "design"
    assert anchors.identifier("Recommendation 3: Wallets") == "recommendation-3-wallets"
    assert anchors.identifier("2.1 Käännös & Перевод") == "käännös-перевод"
    assert anchors.identifier("123") == "section"
    assert anchors.link_targets("[a](#one) [b]( #two) [c](http://x) [a](#one)\n"
                                "[ref]: #three") == ["one", "two", "three"]
    assert anchors.link_targets("[" * 5_000 + "](" * 5_000) == []
    assert anchors.text_headings("## Inner {#custom .x}\n### Plain ##") == [
        ("Inner", "custom"), ("Plain", None)]


def test_a_link_to_a_missing_heading_is_named_when_the_block_is_saved(facilitator, document):
    block = blocks.tree(document)[1].block
    blocks.update_block(facilitator, block, expected_version=None, base_text="",
                        title=block.title, text="See [portability](#portability) and "
                        "[wallets](#recommendation-3-wallets) and [annex](#annex-d.-glossary)",
                        now=utcnow())
    with pytest.raises(DomainError, match=r"Recommendation 1: Employers: the link to "
                                          r"“#nowhere” points to no heading"):
        blocks.update_block(facilitator, block, expected_version=None, base_text="",
                            title=block.title, text="See [this](#nowhere).", now=utcnow())
    with pytest.raises(DomainError, match="New one: the link to “#gone”"):
        blocks.add_block(facilitator, document, kind="recommendation", title="New one",
                         text="[x][ref]\n\n[ref]: #gone", now=utcnow())


def test_the_block_form_keeps_the_text_and_names_the_block(client, login_as, facilitator,
                                                           document):
    block = blocks.tree(document)[2].block
    login_as(facilitator)
    path = f"/manage/documents/blocks/{block.id}"
    text = "Units start at 25 hours; see [the missing part](#missing-part)."
    form = rendered_form(client.get(path), having="text").set("text", text)
    refused = client.post(path, data=form.data(button=("action", "save")))
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "Recommendation 2: Workload: the link to “#missing-part”" in page
    assert dict(rendered_form(page, having="text").data())["text"] == text
    assert db.session.get(Block, block.id).text == "Units start at 25 hours."


def test_an_export_never_fails_on_a_link_to_a_missing_heading(facilitator, document):
    block = blocks.tree(document)[1].block
    block.text = "See [gone](#nowhere) and [portability](#portability)."  # saved before checks
    version = versions.save_version(facilitator, document, number="0.1")
    markdown, assets = assemble.assemble(version)
    content = pipeline.convert(markdown, assemble.metadata(version), "pdf", "report",
                               assets=assets, timeout=120)
    assert content.startswith(b"%PDF")
    html = pipeline.convert(markdown, assemble.metadata(version), "html", "report",
                            assets=assets, timeout=120).decode()
    assert 'href="#nowhere"' not in html and 'href="#portability"' in html
