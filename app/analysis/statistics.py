"""Descriptive statistics and consensus for answers, as plain functions on plain values.

Quartiles use linear interpolation between order statistics (Hyndman & Fan type 7, the
default of R, NumPy and spreadsheets), so the IQR of 1, 2, 3, 4 is 1.5.
"""

from collections import Counter
from dataclasses import dataclass
from math import sqrt
from statistics import fmean


def quantile(sorted_values: list[float], q: float) -> float:
    """The q-quantile (0 ≤ q ≤ 1) of already sorted values, by linear interpolation."""
    if not sorted_values:
        raise ValueError("no values")
    position = (len(sorted_values) - 1) * q
    lower = int(position)
    upper = min(lower + 1, len(sorted_values) - 1)
    fraction = position - lower
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * fraction


@dataclass(frozen=True)
class Summary:
    """Centre and spread of numbers."""

    n: int
    mean: float | None
    median: float | None
    q1: float | None
    q3: float | None
    minimum: float | None
    maximum: float | None
    std: float | None

    @property
    def iqr(self) -> float | None:
        """Interquartile range, Q3 − Q1."""
        return None if self.q1 is None else self.q3 - self.q1


def summarise(values) -> Summary:
    """n, mean, median, quartiles, range and sample standard deviation of numbers."""
    data = sorted(float(v) for v in values)
    if not data:
        return Summary(0, None, None, None, None, None, None, None)
    mean = fmean(data)
    std = sqrt(sum((v - mean) ** 2 for v in data) / (len(data) - 1)) if len(data) > 1 else 0.0
    return Summary(len(data), mean, quantile(data, 0.5), quantile(data, 0.25),
                   quantile(data, 0.75), data[0], data[-1], std)


@dataclass(frozen=True)
class ScaleStatistics:
    """An agreement-scale question's answers: summary, distribution and agreement."""

    summary: Summary
    distribution: dict[int, int]
    agreement: float | None  # percent of answers at or above the agreement point

    @property
    def n(self) -> int:
        """How many answered."""
        return self.summary.n


def scale_statistics(values, points: int, agreement_from: int) -> ScaleStatistics:
    """Statistics of answers on a 1..points scale; agreement counts answers ≥ agreement_from."""
    answers = [int(v) for v in values]
    counts = Counter(answers)
    distribution = {point: counts.get(point, 0) for point in range(1, points + 1)}
    agreement = (100 * sum(1 for a in answers if a >= agreement_from) / len(answers)
                 if answers else None)
    return ScaleStatistics(summarise(answers), distribution, agreement)


@dataclass(frozen=True)
class Consensus:
    """Whether a declared rule is met, with the numbers it was judged on."""

    reached: bool | None  # None: too few answers or the rule does not apply
    agreement: float | None
    iqr: float | None
    n: int


def consensus(stats: ScaleStatistics, rule: dict, points: int) -> Consensus:
    """Evaluate a consensus rule (min_agreement %, max_iqr) on scale statistics."""
    if stats.n == 0 or int(rule.get("scale_points", points)) != points:
        return Consensus(None, stats.agreement, stats.summary.iqr, stats.n)
    reached = (stats.agreement >= float(rule["min_agreement"])
               and stats.summary.iqr <= float(rule["max_iqr"]))
    return Consensus(reached, stats.agreement, stats.summary.iqr, stats.n)


def option_counts(answers, option_count: int) -> dict[int, int]:
    """How often each option was chosen; a multiple-choice answer counts for each option."""
    counts = Counter()
    for answer in answers:
        for index in (answer if isinstance(answer, list) else [answer]):
            counts[int(index)] += 1
    return {index: counts.get(index, 0) for index in range(option_count)}


@dataclass(frozen=True)
class RankingStatistics:
    """Mean rank per option, and Kendall's coefficient of concordance W."""

    n: int
    mean_ranks: dict[int, float]
    kendall_w: float | None


def ranking_statistics(answers, option_count: int) -> RankingStatistics:
    """Mean ranks and Kendall's W over complete rankings ({option index: rank})."""
    rankings = [{int(k): int(v) for k, v in dict(a).items()} for a in answers]
    rankings = [r for r in rankings if sorted(r) == list(range(option_count))]
    m, n = len(rankings), option_count
    if m == 0:
        return RankingStatistics(0, {}, None)
    totals = {i: sum(r[i] for r in rankings) for i in range(n)}
    mean_ranks = {i: totals[i] / m for i in range(n)}
    if n < 2 or m < 2:
        return RankingStatistics(m, mean_ranks, None)
    mean_total = m * (n + 1) / 2
    spread = sum((total - mean_total) ** 2 for total in totals.values())
    return RankingStatistics(m, mean_ranks, 12 * spread / (m ** 2 * (n ** 3 - n)))
