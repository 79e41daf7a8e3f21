"""Each comment and free-text answer has a language: search stems by it, the explorer counts it.

Run on SQLite (FTS5 with Snowball stems made in Python) and on PostgreSQL (the text-search
configuration of each item's language) alike.
"""

import pytest
from werkzeug.datastructures import MultiDict

from app.analysis import explorer
from app.analysis import index as item_index
from app.core.languages import CONTENT_LANGUAGES, SEARCH_CONFIGS, stemmed_text
from app.core.types import utcnow
from app.extensions import db
from app.responses import services as responses
from app.responses.models import Comment
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab

# (language of the comment, comment, language of the free-text answer, answer)
TEXTS = [
    ("it", "Le credenziale digitali vanno riconosciute.", "it", "Servono più tutor."),
    ("en", "The credenziale word in an English comment.", "en", "Mentors need training."),
    ("es", "Las credenciales deben ser portables.", "es", "Formación en la empresa."),
    ("fi", "Osaamismerkit pitää tunnustaa.", "fi", "Työpaikalla oppiminen toimii."),
    ("de", "Die Kompetenzen der Beschäftigten zählen.", "de", "Mentoren brauchen Zeit."),
    ("nl", "Vaardigheden moeten erkend worden.", "nl", "Werkplekleren werkt."),
    ("fr", "Les compétences vertes comptent.", "fr", "Former les tuteurs."),
    ("bg", "Зелените умения трябва да се признават.", "bg", "Наставниците имат нужда от обучение."),
]


def _dialect():
    return db.session.get_bind().dialect.name


@pytest.fixture
def multilingual(make_round, make_user, make_organisation):
    """A round with one submitted response per language: a comment and a free-text answer."""
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    phase = vocab.term("credential_phase", "design").id
    for number, (comment_language, comment, answer_language, answer) in enumerate(TEXTS):
        person = make_user(organisations=[make_organisation(name=f"Org {number}")])
        data = ResponseInput({question.id: answer}, [CommentInput(
            question_id=question.id, body=comment, phases=[phase], language=comment_language,
            field_prefix=f"c-{question.id}-new-")], answer_languages={question.id: answer_language})
        outcome = responses.save_response(person, round_, data, now=utcnow(),
                                          expected_version=None, submit=True)
        assert outcome.kind == "saved" and not outcome.pending
    db.session.flush()
    return round_


def _search(round_, query: str, **args) -> list[str]:
    filters = explorer.Filters.from_args(MultiDict({"q": query, **args}))
    page = explorer.page(round_.consultation_id, filters, _dialect(), size=50)
    return sorted(row.body for row in page.rows)


def test_language_is_stored_on_comments_and_answers(multilingual):
    response = multilingual.consultation.rounds[0]
    comments = db.session.query(Comment).all()
    assert {c.language for c in comments} == set(CONTENT_LANGUAGES)
    saved = [r for r in responses_of(response)]
    assert {a.language for r in saved for a in r.answers} == set(CONTENT_LANGUAGES)


def responses_of(round_):
    from sqlalchemy import select

    from app.responses.models import Response
    return db.session.scalars(select(Response).where(Response.round_id == round_.id)).all()


@pytest.mark.parametrize(("query", "found"), [
    # another form of the word, stemmed by the item's language
    ("credenziali", ["Le credenziale digitali vanno riconosciute."]),
    ("credencial", ["Las credenciales deben ser portables."]),
    ("osaamismerkki", ["Osaamismerkit pitää tunnustaa."]),
    ("Kompetenz", ["Die Kompetenzen der Beschäftigten zählen."]),
    ("vaardigheid", ["Vaardigheden moeten erkend worden."]),
    ("compétence", ["Les compétences vertes comptent."]),
    ("mentor", ["Mentoren brauchen Zeit.", "Mentors need training."]),
    # Bulgarian has no stemmer in either database: the typed form, in any case
    ("умения", ["Зелените умения трябва да се признават."]),
    ("УМЕНИЯ", ["Зелените умения трябва да се признават."]),
    ("умение", []),
    # phrases and leaving out, stemmed too
    ('"credenziali digitale"', ["Le credenziale digitali vanno riconosciute."]),
    ("credenziali -riconosciuta", []),
])
def test_search_stems_each_item_by_its_language(multilingual, query, found):
    assert _search(multilingual, query) == found


def test_the_same_word_in_an_english_comment_is_not_stemmed_as_italian(multilingual):
    # "credenziale" is in the English comment too, but English rules keep "credenziali" apart
    assert _search(multilingual, "credenziale") == [
        "Le credenziale digitali vanno riconosciute.",
        "The credenziale word in an English comment."]
    assert "The credenziale word in an English comment." not in _search(
        multilingual, "credenziali")


def test_changing_the_language_changes_how_the_text_is_found(multilingual, make_user,
                                                              make_organisation):
    round_ = multilingual
    question = round_.questions[0]
    comment = db.session.query(Comment).filter_by(language="en").one()
    response = comment.response
    data = ResponseInput({question.id: "Mentors need training."}, [CommentInput(
        question_id=question.id, id=comment.id, body=comment.body,
        phases=[t.id for t in comment.terms], language="it",
        field_prefix=f"c-{question.id}-{comment.id}-")])
    outcome = responses.save_response(response.user, round_, data, now=utcnow(),
                                      expected_version=response.version)
    assert outcome.kind == "saved" and comment.language == "it"
    db.session.flush()
    assert "The credenziale word in an English comment." in _search(round_, "credenziali")


def test_explorer_counts_and_filters_by_language(multilingual):
    round_ = multilingual
    filters = explorer.Filters.from_args(MultiDict())
    page, facets = explorer.explore(round_.consultation_id, filters, _dialect())
    assert facets["language"] == {code: 2 for code in CONTENT_LANGUAGES}
    filters = explorer.Filters.from_args(MultiDict([("language", "bg"), ("language", "fi")]))
    page, facets = explorer.explore(round_.consultation_id, filters, _dialect(), size=50)
    assert page.total == 4 and {row.language for row in page.rows} == {"bg", "fi"}
    # the language's own count stays as if it were not filtered; the others follow it
    assert facets["language"]["it"] == 2 and facets["kind"] == {"comment": 2, "answer": 2}
    filters = explorer.Filters.from_args(MultiDict({"language": "bg", "kind": "comment"}))
    page, facets = explorer.explore(round_.consultation_id, filters, _dialect())
    assert page.total == 1 and facets["language"] == {code: 1 for code in CONTENT_LANGUAGES}
    with_search = explorer.Filters.from_args(MultiDict({"q": "mentor", "language": "en"}))
    assert explorer.page(round_.consultation_id, with_search.__class__(q="mentor"),
                         _dialect()).total == 2  # English and German
    assert explorer.page(round_.consultation_id, with_search, _dialect()).total == 1


@pytest.mark.parametrize("values", [["xx"], ["<script>"], ["it\u202e"], ["IT"], [""],
                                    ["it"] * 50 + ["xx"]])
def test_unknown_languages_in_the_address_are_ignored(multilingual, values):
    filters = explorer.Filters.from_args(MultiDict([("language", v) for v in values]))
    assert filters.language in ([], ["it"])
    page = explorer.page(multilingual.consultation_id, filters, _dialect(), size=50)
    assert page.total == (2 if filters.language else 16)


def test_index_brought_up_to_date_keeps_languages(multilingual, make_user, make_organisation):
    round_ = multilingual
    items = item_index.for_consultation(round_.consultation_id)
    assert len(items) == 16
    question = round_.questions[0]
    person = make_user(organisations=[make_organisation(name="Late org")])
    data = ResponseInput({question.id: "Tarvitaan mentoreita."}, [],
                         answer_languages={question.id: "fi"})
    responses.save_response(person, round_, data, now=utcnow(), expected_version=None,
                            submit=True)
    db.session.flush()
    filters = explorer.Filters.from_args(MultiDict({"language": "fi"}))
    assert explorer.page(round_.consultation_id, filters, _dialect()).total == 3


def test_a_language_outside_the_list_is_refused_by_the_service(make_round, participant):
    round_ = make_round(questions=("text",))
    question = round_.questions[0]
    phase = vocab.term("credential_phase", "design").id
    data = ResponseInput({question.id: "Text"}, [CommentInput(
        question_id=question.id, body="A comment", phases=[phase], language="klingon",
        field_prefix=f"c-{question.id}-new-")], answer_languages={question.id: "<b>"})
    outcome = responses.save_response(participant, round_, data, now=utcnow(),
                                      expected_version=None)
    assert set(outcome.pending) == {f"c-{question.id}-new-language", f"q-{question.id}"}
    response = outcome.response
    assert response.comments == [] and response.answers == []  # kept as typed, not stored
    assert response.pending["comments"][0]["body"] == "A comment"


def test_search_configurations_and_stems():
    assert set(SEARCH_CONFIGS) == set(CONTENT_LANGUAGES) and SEARCH_CONFIGS["bg"] == "simple"
    assert stemmed_text("it", "Credenziali DIGITALI") == "credenzial digital"
    assert stemmed_text("bg", "Умения") == "умения"
    assert stemmed_text("xx", "skills") == "skill"  # unknown: English
    assert stemmed_text("fi", None) == "" and stemmed_text("de", "x" * 10_000) == "x" * 10_000


def test_explorer_page_shows_language_facet_and_filters_by_it(client, login_as, facilitator,
                                                               make_user, multilingual):
    path = f"/manage/{multilingual.consultation_id}/explore"
    login_as(facilitator)
    page = client.get(path).get_data(as_text=True)
    assert "<legend>Language</legend>" in page
    assert ('id="f-language-bg" name="language" value="bg"> <label for="f-language-bg">'
            'Български <span class="count">(2)</span>') in page
    filtered = client.get(path, query_string={"language": "bg"}).get_data(as_text=True)
    assert "2 items match" in filtered and 'value="bg" checked' in filtered
    assert '<div lang="bg">' in filtered and "Зелените умения" in filtered
    assert "Osaamismerkit" not in filtered
    searched = client.get(path, query_string={"q": "credenziali"}).get_data(as_text=True)
    assert "1 item matches" in searched and "Le <mark>credenziale</mark> digitali" in searched
    hostile = client.get(path, query_string=[("language", "<script>"), ("language", "bg\x00")])
    assert hostile.status_code in (200, 400) and "<script>" not in hostile.get_data(as_text=True)
    client.post("/logout")
    login_as(make_user(roles=("facilitator",)))  # runs no consultation of these
    assert client.get(path, query_string={"language": "bg"}).status_code == 403


def test_other_forms_of_the_searched_words_are_highlighted_in_the_texts_language():
    from markupsafe import Markup

    from app.analysis.search import highlight

    html = Markup("<p>Le credenziale <em>digitali</em> &amp; credenziali</p>")
    assert str(highlight(html, "credenziali digitale", "it")) == (
        "<p>Le <mark>credenziale</mark> <em><mark>digitali</mark></em> &amp; "
        "<mark>credenziali</mark></p>")
    assert str(highlight(html, "credenziali", "en")) == (
        "<p>Le credenziale <em>digitali</em> &amp; <mark>credenziali</mark></p>")
    assert str(highlight(html, "credenziali -digitale", "xx")) == (
        "<p>Le credenziale <em>digitali</em> &amp; <mark>credenziali</mark></p>")
    assert str(highlight(Markup("<p>Умения и УМЕНИЯ</p>"), "умения", "bg")) == (
        "<p><mark>Умения</mark> и <mark>УМЕНИЯ</mark></p>")
    assert str(highlight("<b>amp</b>", "amp", "fr")) == "&lt;b&gt;<mark>amp</mark>&lt;/b&gt;"


def test_csv_exports_name_each_texts_language(client, login_as, facilitator, multilingual):
    import csv
    import io

    login_as(facilitator)
    consultation_id = multilingual.consultation_id
    for what, text_column in (("comments", "comment"), ("answers", "answer")):
        response = client.get(f"/manage/{consultation_id}/export/{what}.csv")
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
        languages = {row[text_column]: row["language"] for row in rows}
        assert languages["Зелените умения трябва да се признават."
                         if what == "comments" else "Наставниците имат нужда от обучение."] == "bg"
        assert sorted(languages.values()) == sorted(CONTENT_LANGUAGES)
