"""Translated editions: a document that translates a saved version of another document."""

import html

import pytest

from app.core.errors import FieldErrors
from app.drafts import blocks, editions, versions
from app.extensions import db
from app.groups import services as groups
from app.vocab import services as vocab
from tests.forms import rendered_form

LABEL = "Policy recommendations — version 0.2 (English)"


def _text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.fixture
def original(facilitator, document):
    """The English document (the drafts conftest's) with its version 0.2."""
    versions.save_version(facilitator, document, number="0.1")
    versions.save_version(facilitator, document, number="0.2")
    return document


@pytest.fixture
def version(original):
    return original.versions[-1]


@pytest.fixture
def edition(facilitator, original):
    """A Bulgarian document on the same consultation, not yet linked."""
    return blocks.create_document(facilitator, title="Препоръки", language="bg",
                                  consultations=original.consultations)


@pytest.fixture
def other_facilitator(make_user):
    return make_user(email="fac2@example.org", name="Otto Other", roles=("facilitator",))


@pytest.fixture
def foreign_version(other_facilitator, make_consultation):
    """A version of another facilitator's English document, on their own consultation."""
    consultation = make_consultation(title="Another consultation", owner=other_facilitator)
    document = blocks.create_document(other_facilitator, title="Their document",
                                      consultations=[consultation])
    return versions.save_version(other_facilitator, document, number="1.0")


def _link(actor, edition, version):
    return blocks.update_document(actor, edition, expected_version=edition.version,
                                  edition_of=version)


def test_a_document_starts_or_becomes_an_edition_of_a_version(facilitator, original, version,
                                                                edition):
    started = blocks.create_document(facilitator, title="Raccomandazioni", language="it",
                                     consultations=original.consultations, edition_of=version)
    assert started.edition_of is version
    _link(facilitator, edition, version)
    assert edition.edition_of_version_id == version.id and edition.edition_of is version
    assert [link.item for link in editions.editions_of(facilitator, original)] == [
        edition, started]  # by language: bg, it
    assert editions.original_of(facilitator, edition).item is version
    _link(facilitator, edition, None)
    assert edition.edition_of is None


def test_candidates_are_other_readable_documents_of_the_consultation_in_another_language(
        facilitator, original, version, edition, foreign_version, make_consultation):
    same_language = blocks.create_document(facilitator, title="Второ", language="bg",
                                           consultations=original.consultations)
    versions.save_version(facilitator, same_language, number="0.1")
    ids = [c.id for c in edition.consultations]
    found = editions.candidate_versions(facilitator, edition, ids, "bg")
    assert found == original.versions  # not its own, not the Bulgarian one, not the foreign
    assert foreign_version not in editions.candidate_versions(
        facilitator, None, [c.id for c in foreign_version.document.consultations], None)


def test_refusals_store_nothing(facilitator, original, version, edition, foreign_version,
                                make_consultation):
    second_bg = blocks.create_document(facilitator, title="Второ", language="bg",
                                       consultations=original.consultations)
    bg_version = versions.save_version(facilitator, second_bg, number="0.1")
    own = versions.save_version(facilitator, edition, number="0.1")
    elsewhere = blocks.create_document(facilitator, title="Elsewhere",
                                       consultations=[make_consultation(title="Other")])
    elsewhere_version = versions.save_version(facilitator, elsewhere, number="0.1")
    for refused, message in ((foreign_version, "You may not read that version."),
                             (bg_version, "in another language"),
                             (own, "a translation of itself"),
                             (elsewhere_version, "one of this document's consultations")):
        with pytest.raises(FieldErrors, match=message):
            _link(facilitator, edition, refused)
        assert edition.edition_of_version_id is None
    with pytest.raises(FieldErrors, match="another language"):
        blocks.create_document(facilitator, title="Same", language="en",
                               consultations=original.consultations, edition_of=version)


def test_changing_the_language_to_the_originals_is_refused(facilitator, version, edition):
    _link(facilitator, edition, version)
    with pytest.raises(FieldErrors, match="another language"):
        blocks.update_document(facilitator, edition, expected_version=edition.version,
                               language="en", edition_of=version)


def test_settings_form_as_rendered_links_the_edition(client, login_as, facilitator, version,
                                                     edition, foreign_version):
    login_as(facilitator)
    url = f"/manage/documents/{edition.id}/settings"
    page = client.get(url)
    assert "Translation of" in _text(page) and LABEL in _text(page)
    form = rendered_form(page, action="")
    assert str(foreign_version.id) not in form.options["edition_of"]
    response = client.post(url, data=form.set("edition_of", str(version.id)).data())
    assert response.status_code == 302
    assert edition.edition_of_version_id == version.id
    again = rendered_form(client.get(url), action="")
    assert again.values()["edition_of"] == str(version.id)  # shown as chosen


def test_new_document_form_as_rendered_starts_an_edition(client, login_as, facilitator,
                                                         original, version):
    login_as(facilitator)
    form = rendered_form(client.get("/manage/documents/new"), action="")
    form.set("title", "Препоръки").set("language", "bg").set("edition_of", str(version.id))
    form.set("consultations", [c.id for c in original.consultations])
    response = client.post("/manage/documents/new", data=form.data())
    assert response.status_code == 302
    started = db.session.get(type(original), int(response.location.rsplit("/", 1)[1]))
    assert (started.language, started.edition_of) == ("bg", version)


def test_new_document_in_the_originals_language_is_refused_with_a_message(
        client, login_as, facilitator, original, version):
    login_as(facilitator)
    form = rendered_form(client.get("/manage/documents/new"), action="")
    form.set("title", "Same language").set("edition_of", str(version.id))
    form.set("consultations", [c.id for c in original.consultations])
    response = client.post("/manage/documents/new", data=form.data())
    assert response.status_code == 200
    assert "A translation must be in another language than its original." in _text(response)
    assert "Same language" not in [d.title for d in db.session.scalars(
        db.select(type(original)))]


@pytest.mark.parametrize("value", ["foreign", "999999999", "9" * 40, "-1", "abc", "1.5",
                                   "\x00", ["foreign", "own"]])
def test_hostile_and_foreign_ids_are_form_errors(client, login_as, facilitator, version,
                                                  edition, foreign_version, value):
    login_as(facilitator)
    url = f"/manage/documents/{edition.id}/settings"
    values = rendered_form(client.get(url), action="").values()
    chosen = {"foreign": str(foreign_version.id), "own": str(version.id)}
    values["edition_of"] = ([chosen[v] for v in value] if isinstance(value, list)
                            else chosen.get(value, value))
    response = client.post(url, data=values)
    if value == "\x00":  # the application refuses NUL bytes in any request
        assert response.status_code == 400
    else:  # the first of two values counts, as for every field
        assert response.status_code == 200 and 'id="edition_of-error"' in _text(response)
    db.session.expire_all()
    assert edition.edition_of_version_id is None


def test_pages_link_original_and_editions_for_their_editors(client, login_as, facilitator,
                                                            original, version, edition):
    _link(facilitator, edition, version)
    login_as(facilitator)
    page = _text(client.get(f"/manage/documents/{edition.id}"))
    assert "Translation (Български) of version 0.2 of Policy recommendations" in page
    assert f'href="/manage/documents/versions/{version.id}" hreflang="en"' in page
    for url in (f"/manage/documents/{original.id}", f"/manage/documents/versions/{version.id}"):
        page = _text(client.get(url))
        assert "Also in:" in page
        assert (f'href="/manage/documents/{edition.id}" lang="bg" hreflang="bg">Български'
                in page)


def test_links_only_for_readers_who_may_open_them(client, login_as, facilitator, make_user,
                                                  original, version, edition, make_round):
    group = groups.save_group(facilitator, name="Bulgarian group",
                              level=vocab.term("governance_level", "national"))
    member = make_user(email="member@example.org", name="Mila Member")
    groups.set_member(facilitator, group, member, "member")
    blocks.update_document(facilitator, edition, expected_version=edition.version,
                           working_group=group, edition_of=version)
    other_group = groups.save_group(facilitator, name="English group",
                                    level=vocab.term("governance_level", "eu"))
    reader = make_user(email="reader@example.org", name="Rea Reader")
    groups.set_member(facilitator, other_group, reader, "member")
    blocks.update_document(facilitator, original, expected_version=original.version,
                           working_group=other_group)
    login_as(member)
    page = _text(client.get(f"/manage/documents/{edition.id}"))
    assert "Translation (Български) of version 0.2 of Policy recommendations" in page
    assert f"/versions/{version.id}" not in page  # the member may not open the original
    client.post("/logout")
    login_as(reader)
    assert "Also in:" not in _text(client.get(f"/manage/documents/{original.id}"))
    presented = versions.save_version(facilitator, edition, number="0.2")
    make_round(consultation=original.consultations[0], document_version_id=presented.id)
    page = _text(client.get(f"/manage/documents/{original.id}"))
    assert f'href="/documents/versions/{presented.id}" lang="bg" hreflang="bg"' in page
    page = _text(client.get(f"/documents/versions/{presented.id}"))
    assert "Translation (Български) of version 0.2 of Policy recommendations" in page
    assert f'href="/documents/versions/{version.id}"' not in page


def test_hostile_original_titles_are_shown_as_text(client, login_as, facilitator, original,
                                                   version, edition):
    blocks.update_document(facilitator, original, expected_version=original.version,
                           title="<script>alert(1)</script>\u202egnp.exe")
    _link(facilitator, edition, version)
    login_as(facilitator)
    for url in (f"/manage/documents/{edition.id}", f"/manage/documents/{edition.id}/settings"):
        raw = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
