"""Rounds anonymous to everyone: quasi-identifiers only in groups of at least K, days only,
no filter or difference of figures that singles out fewer than K respondents."""

import csv
import io
from collections import Counter

import pytest

from app.analysis import anonymity, report
from app.core.types import utcnow
from app.responses import services as responses
from app.responses.validation import CommentInput, ResponseInput
from app.vocab import services as vocab
from tests.conftest import add_question
from tests.privacy.helpers import chose_publication

K = anonymity.K
VET, ENT = 1, 2
IT, FI, ES = 10, 11, 12
REG, NAT = 20, 21


def test_combinations_shared_by_k_are_kept():
    shown = anonymity.generalise([(VET, IT, REG)] * 3 + [(ENT, ES, NAT)] * 4)
    assert shown == {(VET, IT, REG): (VET, IT, REG), (ENT, ES, NAT): (ENT, ES, NAT)}


def test_rare_combinations_lose_the_country_then_the_level():
    profiles = [(VET, IT, REG), (VET, FI, REG), (VET, ES, REG),  # same type and level
                (ENT, IT, REG), (ENT, FI, NAT), (ENT, ES, NAT)]  # same type only
    shown = anonymity.generalise(profiles)
    assert {shown[p] for p in profiles[:3]} == {(VET, None, REG)}
    assert {shown[p] for p in profiles[3:]} == {(ENT, None, None)}


def test_every_shown_class_and_other_hold_k_or_nobody():
    profiles = [(VET, IT, REG)] * 3 + [(ENT, IT, REG)] * 4 + [(ENT, FI, NAT)]
    shown = anonymity.generalise(profiles)
    sizes = Counter(shown[p] for p in profiles)
    # the lone (ENT, FI, NAT) cannot hide alone in "other": the smallest class joins it
    assert sizes[anonymity.OTHER] >= K
    assert all(n >= K for n in sizes.values())


@pytest.mark.parametrize("seed", range(20))
def test_generalisation_holds_for_any_mix(seed):
    import random

    rng = random.Random(seed)
    profiles = [(rng.choice((VET, ENT)), rng.choice((IT, FI, ES)), rng.choice((REG, NAT)))
                for _ in range(rng.randint(1, 25))]
    sizes = Counter(anonymity.generalise(profiles)[p] for p in profiles)
    if len(profiles) >= K:
        assert all(n >= K for n in sizes.values()), sizes
    else:
        assert set(sizes) == {anonymity.OTHER}


def _answer(round_, person, value, comment=None):
    question = round_.questions[0]
    comments = [CommentInput(question_id=question.id, body=comment,
                             phases=[vocab.term("credential_phase", "design").id])] \
        if comment else []
    responses.save_response(person, round_, ResponseInput({question.id: value}, comments),
                            now=utcnow(), expected_version=None, submit=True)


@pytest.fixture
def anonymous_round(make_round, make_user, make_organisation):
    """Three Italian VET providers, one Finnish VET provider, two Spanish enterprises."""
    round_ = make_round(questions=(), anonymity="anonymous")
    add_question(round_, "single")
    people = [("vet_provider", "IT", "regional")] * 3 + [("vet_provider", "FI", "regional")] \
        + [("enterprise", "ES", "national")] * 2
    for index, (kind, country, level) in enumerate(people):
        organisation = make_organisation(stakeholder_type=kind, country=country, level=level)
        person = make_user(organisations=[organisation])
        _answer(round_, person, str(index % 3), comment=f"Comment {index} {kind} {country}")
    return round_


def test_differencing_attack_on_group_statistics(anonymous_round):
    """Overall counts minus every shown group's counts never isolate 1 or 2 answers."""
    for grouping in report.GROUPINGS:
        [result] = report.round_report(anonymous_round, grouping, suppress_small=True)
        overall = result.overall.stats  # option → count
        shown = [g for g in result.groups if not g.label.startswith("Other groups")]
        assert all(g.n >= K for g in result.groups)
        residual_n = result.overall.n - sum(g.n for g in shown)
        residual = [total - sum(g.stats[option] for g in shown)
                    for option, total in overall.items()]
        assert residual_n == 0 or residual_n >= K, (grouping, residual_n)
        assert sum(residual) == residual_n


def test_explorer_shows_only_shared_profiles_and_refuses_isolating_filters(
        client, login_as, facilitator, anonymous_round):
    consultation_id = anonymous_round.consultation_id
    login_as(facilitator)
    page = client.get(f"/manage/{consultation_id}/explore").get_data(as_text=True)
    assert page.count("VET provider · Italy · Regional") == 3
    assert "Finland" not in page.split("</form>", 2)[-1] and "Spain" not in page.split(
        "</form>", 2)[-1]
    assert page.count("Other respondents") == 3
    italy, finland = vocab.term("country", "IT").id, vocab.term("country", "FI").id
    assert "Comment 0" in client.get(
        f"/manage/{consultation_id}/explore?country={italy}").get_data(as_text=True)
    finnish = client.get(f"/manage/{consultation_id}/explore?country={finland}")
    assert "Comment 3" not in finnish.get_data(as_text=True)  # its country is not kept
    # a search narrows Italy's three to one: the country filter is refused, not applied
    response = client.get(f"/manage/{consultation_id}/explore?country={italy}&q=Comment+0")
    assert response.status_code == 302
    assert "country" not in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "single out fewer than 3 respondents" in page


def test_exports_and_response_pages_keep_only_profiles_and_days(client, login_as,
                                                                 facilitator, anonymous_round):
    consultation_id = anonymous_round.consultation_id
    login_as(facilitator)
    for what, stamp in (("answers", "submitted_at"), ("comments", "created_at")):
        response = client.get(f"/manage/{consultation_id}/export/{what}.csv")
        rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True)[1:])))
        assert Counter((r["stakeholder_type"], r["country"]) for r in rows) == {
            ("VET provider", "Italy"): 3, ("Other respondents", ""): 3}
        assert {len(r[stamp]) for r in rows} == {10}  # YYYY-MM-DD
    page = client.get(f"/manage/rounds/{anonymous_round.id}/responses").get_data(as_text=True)
    assert "Finland" not in page and "Spain" not in page and ":" not in page.split(
        "<tbody>")[1].split("</tbody>")[0].replace("https:", "")


def test_participants_are_told_what_is_kept(client, login_as, anonymous_round, make_user,
                                            make_organisation):
    person = make_user(organisations=[make_organisation(country="IT")])
    login_as(person)
    chose_publication(anonymous_round, person)  # asked before the first answer
    page = client.get(f"/rounds/{anonymous_round.id}").get_data(as_text=True)
    assert "type of organisation, country and governance level" in page
    assert "at least 3" in page
