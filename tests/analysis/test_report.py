"""Round statistics from the database: overall, by group, consensus and suppression."""

from app.analysis import report


def _by_kind(reports):
    return {r.question.kind: r for r in reports}


def test_overall_statistics_per_kind(collated):
    round_, _people = collated
    reports = _by_kind(report.round_report(round_))
    scale = reports["scale"].overall
    assert scale.n == 5
    assert scale.stats.distribution == {1: 0, 2: 1, 3: 1, 4: 2, 5: 1}
    assert scale.stats.summary.median == 4 and scale.stats.summary.iqr == 1
    assert scale.stats.agreement == 60
    assert scale.consensus.reached is False  # 60 % < 75 %
    assert reports["single"].overall.stats == {0: 3, 1: 1, 2: 1}
    assert reports["multiple"].overall.stats == {0: 3, 1: 2, 2: 2}
    ranking = reports["ranking"].overall.stats
    assert ranking.mean_ranks == {0: 1.6, 1: 2.0, 2: 2.4}
    number = reports["number"].overall.stats
    assert (number.median, number.mean, number.minimum, number.maximum) == (40, 40, 20, 60)
    assert reports["text"].overall.n == 5


def test_groups_by_stakeholder_type_with_consensus(collated):
    round_, _people = collated
    scale = _by_kind(report.round_report(round_))["scale"]
    groups = {g.label: g for g in scale.groups}
    assert set(groups) == {"Public authority", "Enterprise", "VET provider"}
    authorities = groups["Public authority"]
    assert authorities.n == 2 and authorities.stats.agreement == 100
    assert authorities.consensus.reached is True  # 100 % agree, IQR 0.5
    assert groups["Enterprise"].consensus.reached is False


def test_groups_by_country_and_sector(collated):
    round_, _people = collated
    by_country = _by_kind(report.round_report(round_, "country"))["scale"]
    assert {g.label: g.n for g in by_country.groups} == {"Belgium": 1, "Finland": 2, "Italy": 1,
                                                          "Spain": 1}
    by_sector = _by_kind(report.round_report(round_, "sector"))["scale"]
    assert [(g.label, g.n) for g in by_sector.groups] == [("Wood", 5)]


def test_small_groups_are_merged_or_hidden(collated):
    round_, _people = collated
    scale = _by_kind(report.round_report(round_, "country", suppress_small=True))["scale"]
    # every country has fewer than 3 respondents: merged into one group of 5
    assert [(g.label, g.n) for g in scale.groups] == [("Other groups (each under 3)", 5)]
    assert scale.suppressed == 0
    by_type = _by_kind(report.round_report(round_, suppress_small=True))["scale"]
    # authorities 2, enterprise 1, VET 2: all under 3, merged (5)
    assert [g.n for g in by_type.groups] == [5]


def test_hidden_when_even_merged_too_small(make_round, make_user, make_organisation):
    from app.core.types import utcnow
    from app.responses import services as responses
    from app.responses.validation import ResponseInput

    round_ = make_round(questions=("scale",))
    question = round_.questions[0]
    for i, kind in enumerate(["vet_provider"] * 3 + ["enterprise", "other"]):
        person = make_user(organisations=[make_organisation(stakeholder_type=kind)])
        responses.save_response(person, round_, ResponseInput({question.id: str(3 + i % 2)}),
                                now=utcnow(), expected_version=None, submit=True)
    result = report.round_report(round_, suppress_small=True)[0]
    # showing "VET provider (3)" beside the overall five would give away the other two by
    # subtraction: the VET group is suppressed with them (complementary suppression)
    assert [(g.label, g.n) for g in result.groups] == [("Other groups (each under 3)", 5)]
    assert result.suppressed == 0


def test_drafts_are_not_counted(collated, make_user, make_organisation):
    from app.core.types import utcnow
    from app.responses import services as responses
    from app.responses.validation import ResponseInput

    round_, _people = collated
    scale = round_.questions[0]
    person = make_user(organisations=[make_organisation()])
    responses.save_response(person, round_, ResponseInput({scale.id: "1"}), now=utcnow(),
                            expected_version=None)
    assert _by_kind(report.round_report(round_))["scale"].overall.n == 5


def test_change_since_previous_round(collated, facilitator):
    from app.consultations import rounds

    round_, _people = collated
    copy = rounds.copy_round(facilitator, round_)
    scale = _by_kind(report.round_report(copy))["scale"]
    assert scale.overall.n == 0
    assert scale.previous.stats.summary.median == 4
