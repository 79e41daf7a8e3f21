"""Publishing pages per actor, the settings form as rendered, and the public pages."""

import pytest
from sqlalchemy import func, select

from app.core.types import utcnow
from app.drafts import blocks, versions
from app.extensions import db
from app.publications import services as publications
from app.publications.models import Publication
from tests.forms import rendered_form


def _text(response) -> str:
    return response.get_data(as_text=True)


def _publications() -> int:
    return db.session.scalar(select(func.count()).select_from(Publication))


def test_the_chair_confirms_then_publishes(client, login_as, chair, document, version,
                                           outbox, participant):
    blocks.update_block(chair, blocks.tree(document)[2].block, expected_version=None,
                        base_text="", title="Workload", text="Units start at 30 hours.",
                        now=utcnow())
    second = versions.save_version(chair, document, number="1.1", change_note="30 hours")
    db.session.commit()
    login_as(chair)
    page = client.get(f"/manage/documents/versions/{second.id}/publish")
    text = _text(page)
    assert page.status_code == 200
    assert "1 of 2 comments has no decision yet." in text
    assert f"/manage/documents/{document.id}/dispositions?undecided=1" in text
    assert "Recommendation 2: Workload: Changed" in text and "30 hours" in text
    assert _publications() == 0
    fields = rendered_form(text, action="").values()
    response = client.post(f"/manage/documents/versions/{second.id}/publish", data=fields)
    assert response.status_code == 302
    publication = publications.latest_publication(document)
    assert response.headers["Location"].endswith(f"/publications/{publication.id}")
    assert document.status == "final" and publication.version_id == second.id
    assert sorted(publications.public_exports(publication)) == [
        "docx", "epub", "html", "md", "odt", "pdf"]
    assert [m["To"] for m in outbox() if m["Subject"].startswith("Published")] == [
        participant.email]
    editor = _text(client.get(f"/manage/documents/{document.id}"))
    assert "Published and locked" in editor and "Reopen as a new draft" in editor
    assert "Save version" not in editor and "Add a section" not in editor


@pytest.mark.parametrize("who", ["member", "other_facilitator", "participant"])
def test_others_cannot_publish_or_reopen(client, login_as, request, chair, document, version,
                                         who):
    login_as(request.getfixturevalue(who))
    url = f"/manage/documents/versions/{version.id}/publish"
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert _publications() == 0 and document.status == "drafting"
    publications.publish(chair, version, now=utcnow(), notify=False)
    db.session.commit()
    assert client.post(f"/manage/documents/{document.id}/reopen",
                       data={"reason": "Mine now"}).status_code == 403
    assert document.status == "final"


def test_anonymous_is_sent_to_sign_in(client, chair, document, version):
    for url in (f"/manage/documents/versions/{version.id}/publish",):
        assert client.get(url).status_code == 302
        assert "/login" in client.post(url).headers["Location"]
    assert client.post(f"/manage/documents/{document.id}/reopen").status_code == 302
    assert _publications() == 0


def test_unknown_version_is_not_found(client, login_as, chair):
    login_as(chair)
    assert client.get("/manage/documents/versions/999999/publish").status_code == 404


def test_reopen_through_the_editor_form(client, login_as, chair, document, version):
    publications.publish(chair, version, now=utcnow(), notify=False)
    db.session.commit()
    login_as(chair)
    page = _text(client.get(f"/manage/documents/{document.id}"))
    action = f"/manage/documents/{document.id}/reopen"
    fields = rendered_form(page, action=action).values()
    assert fields["reason"] == ""
    refused = client.post(action, data=fields, follow_redirects=True)
    assert "Say why the document is reopened." in _text(refused)
    assert document.status == "final"
    client.post(action, data=fields | {"reason": "Second edition"})
    assert document.status == "drafting"
    saved = client.post(f"/manage/documents/{document.id}/versions", data={
        "number": "0.9", "label": "", "change_note": ""}, follow_redirects=True)
    assert "higher number than 1.0" in _text(saved)


def test_settings_form_offers_no_final_and_no_move_to_members(client, login_as, member,
                                                              facilitator, document):
    from app.groups import services as groups
    from app.vocab import services as vocab

    other = groups.save_group(facilitator, name="Another group",
                              level=vocab.term("governance_level", "national"))
    db.session.commit()
    login_as(member)
    url = f"/manage/documents/{document.id}/settings"
    form = rendered_form(_text(client.get(url)), action="")
    fields, options = form.values(), form.options
    assert options["status"] == ["drafting", "in_consultation"]
    assert options["working_group"] == [str(document.working_group_id)]
    for change in ({"status": "final"}, {"working_group": str(other.id)}):
        response = client.post(url, data=fields | change)
        assert response.status_code == 200, change
        assert document.status == "drafting"
        assert document.working_group_id != other.id
    assert "moves it to another group" in _text(client.post(url, data=fields | {
        "working_group": str(other.id)}))
    response = client.post(url, data=fields | {"title": "Renamed by a member"})
    assert response.status_code == 302 and document.title == "Renamed by a member"


def test_the_chair_may_move_the_document(client, login_as, chair, facilitator, document):
    from app.groups import services as groups
    from app.vocab import services as vocab

    other = groups.save_group(facilitator, name="Another group",
                              level=vocab.term("governance_level", "national"))
    db.session.commit()
    login_as(chair)
    url = f"/manage/documents/{document.id}/settings"
    form = rendered_form(_text(client.get(url)), action="")
    fields, options = form.values(), form.options
    assert str(other.id) in options["working_group"]
    assert client.post(url, data=fields | {"working_group": str(other.id)}).status_code == 302
    assert document.working_group_id == other.id


def test_public_pages_without_signing_in(client, login_as, chair, document, version,
                                         participant):
    publication = publications.publish(chair, version, now=utcnow(), notify=False)
    from app.exports import jobs

    for job_id in publications.queued_exports(publication):
        jobs.dispatch(job_id)
    db.session.commit()
    listing = _text(client.get("/publications/"))
    assert "Joint recommendations" in listing and "Policy working group" in listing
    assert f"/publications/{publication.id}/pdf" in listing and "English" in listing
    page = client.get(f"/publications/{publication.id}")
    text = _text(page)
    assert page.status_code == 200
    assert "Recommendation 1: Employers" in text and "Annex C. Disposition of comments" in text
    assert "Ask employers." in text and "\\" not in text.split("Annexes", 1)[1]
    for fmt in ("pdf", "docx", "odt", "html", "epub", "md"):
        download = client.get(f"/publications/{publication.id}/{fmt}")
        assert download.status_code == 200 and download.data, fmt
    assert client.get(f"/publications/{publication.id}/exe").status_code == 404
    assert client.get("/publications/999999").status_code == 404
    assert client.get("/publications/999999/pdf").status_code == 404


def test_drafts_stay_private(client, login_as, chair, document, version, participant):
    draft_job_version = versions.save_version(chair, document, number="1.1")
    from app.exports import jobs

    job, _new = jobs.request_export(chair, draft_job_version, fmt="md", style="report")
    db.session.commit()
    assert client.get(f"/documents/versions/{version.id}").status_code == 302
    assert client.get(f"/exports/{job.id}/download").status_code == 302
    assert "Nothing has been published yet." in _text(client.get("/publications/"))
    login_as(participant)
    assert client.get(f"/documents/versions/{version.id}").status_code == 404
    assert client.get(f"/exports/{job.id}/download").status_code == 403


def test_comment_table_downloads_for_editors_only(client, login_as, member, other_facilitator,
                                                   participant, document, version):
    url = f"/manage/documents/{document.id}/comments."
    assert client.get(url + "xlsx").status_code == 302  # signed out: to the sign-in page
    login_as(other_facilitator)
    assert client.get(url + "xlsx").status_code == 403
    client.post("/logout")
    login_as(participant)
    assert client.get(url + "docx").status_code == 403
    client.post("/logout")
    login_as(member)
    matrix = _text(client.get(f"/manage/documents/{document.id}/dispositions"))
    assert url + "xlsx" in matrix and url + "docx" in matrix
    sheet = client.get(url + "xlsx")
    assert sheet.status_code == 200 and sheet.data[:2] == b"PK"
    assert "comments.xlsx" in sheet.headers["Content-Disposition"]
    word = client.get(url + "docx")
    assert word.status_code == 200 and b"word/document.xml" in word.data
    assert client.get(url + "csv").status_code == 404
    assert client.get("/manage/documents/999999/comments.xlsx").status_code == 404


def test_a_locked_document_refuses_edits_with_a_message(client, login_as, chair, member,
                                                        document, version):
    publications.publish(chair, version, now=utcnow(), notify=False)
    db.session.commit()
    block = blocks.tree(document)[1].block
    login_as(member)
    page = client.get(f"/manage/documents/blocks/{block.id}")
    fields = rendered_form(_text(page), action="").values()
    response = client.post(f"/manage/documents/blocks/{block.id}",
                           data=fields | {"text": "Changed after publication."})
    assert response.status_code == 200 and "published and locked" in _text(response)
    moved = client.post(f"/manage/documents/blocks/{block.id}/up", follow_redirects=True)
    assert "published and locked" in _text(moved)
    restored = client.post(f"/manage/documents/blocks/{block.id}/restore/"
                           f"{version.blocks[1].id}")
    assert restored.status_code == 409
    assert block.text == "Employers co-design learning outcomes." and block.position == 1


@pytest.mark.parametrize("reason", ["\x00" * 5 + "why", "\u202eevil\u202c " * 500,
                                    "x" * 10_000, "<script>alert(1)</script> =HYPERLINK()"])
def test_reopen_reasons_that_are_hostile(client, login_as, chair, document, version, reason):
    publications.publish(chair, version, now=utcnow(), notify=False)
    db.session.commit()
    login_as(chair)
    response = client.post(f"/manage/documents/{document.id}/reopen", data={"reason": reason})
    if "\x00" in reason:  # control characters are refused at the door (core.input)
        assert response.status_code == 400 and document.status == "final"
        return
    assert response.status_code == 302 and document.status == "drafting"


def test_published_edition_and_original_link_each_other_for_everyone(
        client, facilitator, chair, group, document, version):
    import html

    edition = blocks.create_document(facilitator, title="Съвместни препоръки", language="bg",
                                     consultations=document.consultations, working_group=group,
                                     edition_of=version)
    translated = versions.save_version(facilitator, edition, number="1.0")
    original = publications.publish(chair, version, now=utcnow())
    published = publications.publish(chair, translated, now=utcnow())
    page = html.unescape(_text(client.get(f"/publications/{published.id}")))  # signed out
    assert "Translation (Български) of version 1.0 of Joint recommendations" in page
    assert f'href="/publications/{original.id}" hreflang="en"' in page
    page = html.unescape(_text(client.get(f"/publications/{original.id}")))
    assert "Also in:" in page
    assert f'href="/publications/{published.id}" lang="bg" hreflang="bg">Български' in page
