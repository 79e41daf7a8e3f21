"""Vocabularies: shipped terms, editing, and the rule that a term in use is never deleted."""

import pytest

from app.core.errors import Conflict, NotAllowed
from app.vocab import services
from app.vocab.definitions import VOCABULARIES

EXPECTED_COUNTS = {"credential_phase": 4, "sector": 5, "stakeholder_type": 4,
                   "governance_level": 4, "eu_element": 16, "eu_principle": 10}


def test_shipped_vocabularies_are_loaded(db):
    for key, count in EXPECTED_COUNTS.items():
        assert len(services.terms(key)) == count, key
    assert [t.key for t in services.terms("credential_phase")] == [
        "design", "delivery", "certification", "portability"]
    assert len(services.terms("country")) >= 249
    assert services.term("country", "BG").label == "Bulgaria"
    mandatory = [t for t in services.terms("eu_element") if t.description.startswith("Mandatory")]
    assert len(mandatory) == 11


def test_loading_again_adds_nothing_and_keeps_edits(db, admin):
    services.rename_term(admin, services.term("sector", "wood"), "Wood and furniture", "")
    assert services.load_vocabularies() == 0
    assert services.term("sector", "wood").label == "Wood and furniture"


def test_loading_restores_only_missing_terms(db, admin):
    services.delete_term(admin, services.term("eu_principle", "authentic"))
    assert services.load_vocabularies() == 1
    assert services.term("eu_principle", "authentic") is not None


def test_add_rename_retire(db, admin):
    term = services.add_term(admin, "sector", "Textiles ", "Textiles", "Clothing and fabrics")
    assert term.key == "textiles" and term.position > services.term("sector", "wood").position
    with pytest.raises(Conflict):
        services.add_term(admin, "sector", "textiles", "Again")
    services.rename_term(admin, term, "Textile industry", "")
    services.retire_term(admin, term)
    assert term not in services.terms("sector")
    assert term in services.terms("sector", include_retired=True)
    services.retire_term(admin, term, retired=False)
    assert term in services.terms("sector")


def test_term_in_use_is_never_deleted(db, admin, make_organisation):
    make_organisation(sectors=("building",), country="FI")
    for vocabulary, key in (("sector", "building"), ("country", "FI"),
                            ("stakeholder_type", "vet_provider")):
        term = services.term(vocabulary, key)
        assert services.usage_count(term) >= 1
        with pytest.raises(services.TermInUse):
            services.delete_term(admin, term)
        assert services.term(vocabulary, key) is not None


def test_unused_term_can_be_deleted(db, admin):
    term = services.add_term(admin, "sector", "mining", "Mining")
    assert services.usage_count(term) == 0
    services.delete_term(admin, term)
    assert services.term("sector", "mining") is None


def test_only_administrators_edit_vocabularies(db, facilitator):
    with pytest.raises(NotAllowed):
        services.add_term(facilitator, "sector", "x", "X")
    with pytest.raises(NotAllowed):
        services.retire_term(facilitator, services.term("sector", "wood"))


def test_every_vocabulary_has_unique_keys():
    for vocabulary in VOCABULARIES.values():
        keys = [key for key, _, _ in vocabulary.terms]
        assert len(keys) == len(set(keys)), vocabulary.key
