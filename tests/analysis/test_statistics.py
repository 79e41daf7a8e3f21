"""Statistics against values computed by hand."""

import pytest

from app.analysis import statistics as st


@pytest.mark.parametrize(("values", "median", "q1", "q3"), [
    ([1, 2, 3, 4], 2.5, 1.75, 3.25),          # even count
    ([1, 2, 3, 4, 5], 3, 2, 4),               # odd count
    ([4, 4, 4, 5], 4, 4, 4.25),               # ties
    ([5], 5, 5, 5),                           # a single answer
    ([3, 1, 2], 2, 1.5, 2.5),                 # unsorted input
])
def test_median_and_quartiles(values, median, q1, q3):
    summary = st.summarise(values)
    assert (summary.median, summary.q1, summary.q3) == (median, q1, q3)
    assert summary.iqr == pytest.approx(q3 - q1)


def test_summary_of_numbers():
    summary = st.summarise([2, 4, 4, 4, 5, 5, 7, 9])
    assert (summary.n, summary.mean, summary.minimum, summary.maximum) == (8, 5, 2, 9)
    assert summary.std == pytest.approx((32 / 7) ** 0.5)


def test_empty_group():
    summary = st.summarise([])
    assert summary.n == 0 and summary.median is None and summary.iqr is None
    stats = st.scale_statistics([], 5, 4)
    assert stats.agreement is None and stats.distribution == {1: 0, 2: 0, 3: 0, 4: 0, 5: 0}
    assert st.consensus(stats, {"scale_points": 5, "min_agreement": 75, "max_iqr": 1}, 5) \
        .reached is None
    assert st.ranking_statistics([], 3).kendall_w is None


def test_scale_statistics_and_consensus():
    stats = st.scale_statistics([2, 4, 4, 5], points=5, agreement_from=4)
    assert stats.distribution == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}
    assert stats.agreement == 75
    assert (stats.summary.q1, stats.summary.q3) == (3.5, 4.25)
    rule = {"scale_points": 5, "min_agreement": 75, "max_iqr": 1, "agreement_from": 4}
    result = st.consensus(stats, rule, 5)
    assert result.reached is True and result.iqr == 0.75 and result.agreement == 75
    assert st.consensus(stats, rule | {"min_agreement": 80}, 5).reached is False
    assert st.consensus(stats, rule | {"max_iqr": 0.5}, 5).reached is False
    assert st.consensus(stats, rule, 7).reached is None  # a 5-point rule on a 7-point scale


def test_choices_count_each_option_on_its_own():
    assert st.option_counts([[0, 2], [2], [1, 2]], 4) == {0: 1, 1: 1, 2: 3, 3: 0}
    assert st.option_counts([1, 1, 0], 3) == {0: 1, 1: 2, 2: 0}


@pytest.mark.parametrize(("rankings", "mean_ranks", "w"), [
    ([{"0": 1, "1": 2, "2": 3}] * 3, {0: 1, 1: 2, 2: 3}, 1.0),
    ([{"0": 1, "1": 2, "2": 3}, {"0": 2, "1": 3, "2": 1}, {"0": 3, "1": 1, "2": 2}],
     {0: 2, 1: 2, 2: 2}, 0.0),
    ([{"0": 1, "1": 2, "2": 3}, {"0": 2, "1": 1, "2": 3}], {0: 1.5, 1: 1.5, 2: 3}, 0.75),
])
def test_ranking_mean_ranks_and_kendalls_w(rankings, mean_ranks, w):
    stats = st.ranking_statistics(rankings, 3)
    assert stats.mean_ranks == mean_ranks
    assert stats.kendall_w == pytest.approx(w)


def test_incomplete_rankings_are_left_out():
    stats = st.ranking_statistics([{"0": 1, "1": 2, "2": 3}, {"0": 1}], 3)
    assert stats.n == 1 and stats.kendall_w is None
