"""Consultation content in several languages: the rules of translations (services)."""

import pytest

from app.consultations import content, services
from app.core.errors import DomainError, NotAllowed
from tests.conftest import add_question


@pytest.fixture
def offered_round(make_round, facilitator):
    """A round of a consultation written in English and offered in Italian and Finnish."""
    round_ = make_round(questions=("scale", "single"))
    services.update_consultation(facilitator, round_.consultation,
                                 offered_languages=["it", "fi"])
    return round_


def _italian(round_) -> dict:
    scale, single = round_.questions
    return {round_.consultation: {"title": "Microcredenziali", "summary": ""},
            round_: {"title": "Primo turno", "introduction": "Benvenuti **a tutti**"},
            scale: {"prompt": "Una domanda su scala?", "help_text": "",
                    "scale_labels": ["Per niente", "No", "Né sì né no", "Sì", "Del tutto"]},
            single: {"prompt": "Una scelta?", "options": ["Sì", "No", "Non so"]}}


def test_readers_see_their_language_else_the_original_marked_with_its_language(
        offered_round, facilitator):
    content.save_translations(facilitator, "it", _italian(offered_round))
    scale, single = offered_round.questions
    assert content.localized(offered_round, "title", "it") == content.Text("Primo turno")
    assert content.localized(single, "options", "it").value == ["Sì", "No", "Non so"]
    assert content.localized(offered_round, "title", "fi") == content.Text("Round 1", "en")
    assert content.localized(offered_round, "title", "en") == content.Text("Round 1")
    # German has no translation and is not offered; Italian is hidden once no longer offered
    assert content.localized(offered_round, "title", "de").lang == "en"
    services.update_consultation(facilitator, offered_round.consultation,
                                 offered_languages=["fi"])
    assert content.localized(offered_round, "title", "it") == content.Text("Round 1", "en")
    # exports and analysis read the originals, which a translation never changes
    assert (offered_round.title, scale.scale_labels[0]) == ("Round 1", "Strongly disagree")


def test_the_note_names_the_readers_language_and_the_original(offered_round, facilitator):
    content.save_translations(facilitator, "it", _italian(offered_round))
    assert content.fallback_note(offered_round, "it") is None
    assert content.fallback_note(offered_round, "en") is None
    assert content.fallback_note(offered_round, "fi") == \
        "Not available in Suomi; shown in English."
    assert content.fallback_note(offered_round, "de") is not None  # not offered at all


def test_missing_translations_are_listed_per_offered_language(offered_round, facilitator):
    texts = _italian(offered_round)
    del texts[offered_round.questions[1]]["options"]
    texts[offered_round]["introduction"] = ""
    content.save_translations(facilitator, "it", texts)
    offered_round.introduction = "Read this"
    assert dict(content.missing_translations(offered_round)) == {
        "it": ["Round: introduction", "Question 2: options"],
        "fi": ["Consultation: title", "Round: title", "Round: introduction",
               "Question 1: question", "Question 1: scale labels",
               "Question 2: question", "Question 2: options"],
    }
    assert content.fallback_note(offered_round, "it") is not None


def test_a_list_is_translated_whole_and_a_changed_list_falls_back(offered_round, facilitator,
                                                                   db):
    single = offered_round.questions[1]
    with pytest.raises(DomainError, match="all the options"):
        content.save_translations(facilitator, "it", {single: {"options": ["Sì", "", "x"]}})
    content.save_translations(facilitator, "it", {single: {"options": ["Sì", "No", "Non so"]}})
    single.options = ["Yes", "No"]  # edited before anyone answered
    assert content.localized(single, "options", "it") == content.Text(["Yes", "No"], "en")
    assert "options" in content.missing_fields(single, "it")


@pytest.mark.parametrize("text, reason", [
    ("Nul\x00", "control character"),
    ("x" * 201, "longer than 200"),
])
def test_hostile_titles_are_refused_and_nothing_is_stored(offered_round, facilitator, text,
                                                          reason):
    content.save_translations(facilitator, "it", {offered_round: {"title": "Primo turno"}})
    with pytest.raises(DomainError, match=reason):
        content.save_translations(facilitator, "it", {offered_round: {"title": text}})
    assert offered_round.translations == {"it": {"title": "Primo turno"}}


def test_markdown_translations_are_bounded_like_the_originals(offered_round, facilitator):
    with pytest.raises(DomainError, match="levels deep"):
        content.save_translations(facilitator, "it", {
            offered_round: {"introduction": "- " * 600 + "x"}})
    with pytest.raises(DomainError, match="brackets"):
        content.save_translations(facilitator, "it", {offered_round: {"introduction": "[" * 5000}})
    with pytest.raises(DomainError, match="20000"):
        content.save_translations(facilitator, "it",
                                  {offered_round: {"introduction": "x" * 20_001}})
    assert offered_round.translations == {}


def test_only_the_consultations_facilitators_translate(offered_round, make_user, make_round,
                                                       facilitator):
    other = make_user(roles=("facilitator",))
    with pytest.raises(NotAllowed):
        content.save_translations(other, "it", {offered_round: {"title": "Rubato"}})
    # a record of another consultation slipped in beside one of the actor's own
    foreign = make_round(consultation=None)
    with pytest.raises(NotAllowed):
        content.save_translations(facilitator, "it", {offered_round: {"title": "Primo"},
                                                      foreign: {"title": "Altro"}})
    assert offered_round.translations == {} and foreign.translations == {}


def test_the_original_language_and_unknown_languages_are_refused(offered_round, facilitator):
    for language in ("en", "xx", ""):
        with pytest.raises(DomainError):
            content.save_translations(facilitator, language, {offered_round: {"title": "T"}})


def test_someone_elses_change_meanwhile_is_a_conflict(offered_round, facilitator):
    seen = content.content_versions([offered_round])
    content.save_translations(facilitator, "it", {offered_round: {"title": "Primo"}},
                              expected_versions=seen)
    with pytest.raises(DomainError, match="Someone else"):
        content.save_translations(facilitator, "it", {offered_round: {"title": "Secondo"}},
                                  expected_versions=seen)
    assert offered_round.translations["it"]["title"] == "Primo"


def test_empty_texts_remove_a_translation(offered_round, facilitator):
    content.save_translations(facilitator, "it", {offered_round: {"title": "Primo"}})
    content.save_translations(facilitator, "it", {offered_round: {"title": "  "}})
    assert offered_round.translations == {}


def test_languages_of_a_consultation(make_consultation, facilitator):
    consultation = services.create_consultation(
        facilitator, title="Multilingue", original_language="it",
        offered_languages=["en", "it", "fi"])
    assert (consultation.original_language, consultation.offered_languages) == \
        ("it", ["en", "fi"])  # the original is not "offered" besides itself
    with pytest.raises(DomainError):
        services.update_consultation(facilitator, consultation, offered_languages=["klingon"])
    assert make_consultation().original_language == "en"


def test_a_copied_question_keeps_its_translations(offered_round, facilitator):
    from app.consultations import rounds

    content.save_translations(facilitator, "it", _italian(offered_round))
    copy = rounds.copy_round(facilitator, offered_round)
    assert content.localized(copy.questions[1], "prompt", "it").value == "Una scelta?"
    assert add_question(copy, "text").translations == {}
