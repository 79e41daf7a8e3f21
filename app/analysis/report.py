"""Per-question statistics of a round, overall and by stakeholder group, with consensus."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from ..consultations.models import Question, Round
from ..extensions import db
from ..organisations.models import organisation_sector
from ..responses.models import Answer, Response
from ..vocab.models import Term
from . import statistics as st

MIN_GROUP = 3
GROUPINGS = ("stakeholder_type", "country", "sector")


@dataclass
class Group:
    """One stakeholder group's answers to a question, summarised."""

    label: str
    n: int
    stats: object
    consensus: st.Consensus | None = None


@dataclass
class QuestionReport:
    """A question's statistics overall and per group, and its change since the last round."""

    question: Question
    overall: Group
    groups: list[Group] = field(default_factory=list)
    suppressed: int = 0  # respondents in groups too small to show, merged or hidden
    previous: Group | None = None


def answer_rows(round_: Round) -> list:
    """(question id, value, response id, type id, country id, organisation id) of submissions."""
    query = (select(Answer.question_id, Answer.value, Response.id, Response.stakeholder_type_id,
                    Response.country_id, Response.organisation_id)
             .join(Response, Answer.response_id == Response.id)
             .where(Response.round_id == round_.id, Response.submitted_at.is_not(None)))
    return db.session.execute(query).all()


def round_report(round_: Round, grouping: str = "stakeholder_type",
                 suppress_small: bool = False) -> list[QuestionReport]:
    """Statistics for every question of the round."""
    rule = round_.consultation.consensus_rule
    rows = answer_rows(round_)
    # with suppression, an organisation's sectors form one group, so that groups are disjoint
    labels = _labels(rows, grouping, combine=suppress_small)
    by_question: dict[int, list] = {}
    for row in rows:
        by_question.setdefault(row.question_id, []).append(row)
    reports = []
    for question in round_.questions:
        answers = by_question.get(question.id, [])
        report = QuestionReport(question, _group(question, _("All respondents"),
                                                 [a.value for a in answers], rule))
        grouped: dict[str, list] = {}
        for answer in answers:
            for label in labels(answer):
                grouped.setdefault(label, []).append(answer.value)
        report.groups, report.suppressed = _groups(question, grouped, rule, suppress_small)
        if question.source_question is not None:
            earlier = [r.value for r in answer_rows(question.source_question.round)
                       if r.question_id == question.source_question_id]
            report.previous = _group(question.source_question, _("Previous round"), earlier,
                                     rule)
        reports.append(report)
    return reports


def summarise_question(question: Question, values: list, rule: dict):
    """The statistics that fit the question's kind."""
    if question.kind == "scale":
        return st.scale_statistics(values, question.scale_points, int(rule["agreement_from"]))
    if question.kind in ("single", "multiple"):
        return st.option_counts(values, len(question.options))
    if question.kind == "ranking":
        return st.ranking_statistics(values, len(question.options))
    if question.kind == "number":
        return st.summarise(values)
    return None


def _group(question: Question, label: str, values: list, rule: dict) -> Group:
    stats = summarise_question(question, values, rule)
    consensus = st.consensus(stats, rule, question.scale_points) if question.kind == "scale" \
        else None
    return Group(label, len(values), stats, consensus)


def _groups(question: Question, grouped: dict, rule: dict, suppress_small: bool):
    shown, small = {}, []
    for label in sorted(grouped):
        values = grouped[label]
        if suppress_small and len(values) < MIN_GROUP:
            small.extend(values)
        else:
            shown[label] = values
    # Complementary suppression: the overall figures minus the shown groups' would give the
    # hidden respondents' answers, so fewer than MIN_GROUP of them take the smallest shown
    # groups with them until the hidden ones are MIN_GROUP or more.
    while suppress_small and 0 < len(small) < MIN_GROUP and shown:
        smallest = min(shown, key=lambda label: (len(shown[label]), label))
        small.extend(shown.pop(smallest))
    groups = [_group(question, label, values, rule) for label, values in shown.items()]
    suppressed = len(small)
    if small and len(small) >= MIN_GROUP:
        groups.append(_group(question, _("Other groups (each under %(n)d)", n=MIN_GROUP),
                             small, rule))
        suppressed = 0
    return groups, suppressed


def _labels(rows, grouping: str, combine: bool = False):
    """A function giving the group labels of an answer row (organisations have many sectors)."""
    if grouping == "sector":
        organisation_ids = {r.organisation_id for r in rows if r.organisation_id}
        sectors: dict[int, list[str]] = {}
        query = (select(organisation_sector.c.organisation_id, Term.label)
                 .join(Term, Term.id == organisation_sector.c.term_id)
                 .where(organisation_sector.c.organisation_id.in_(organisation_ids)))
        for organisation_id, label in db.session.execute(query):
            sectors.setdefault(organisation_id, []).append(label)
        if combine:
            return lambda row: ["; ".join(sorted(sectors.get(row.organisation_id, []))) or
                                _("No sector")]
        return lambda row: sectors.get(row.organisation_id) or [_("No sector")]
    column = {"stakeholder_type": 3, "country": 4}[grouping]
    term_ids = {r[column] for r in rows if r[column]}
    names = dict(db.session.execute(select(Term.id, Term.label).where(Term.id.in_(term_ids))).all())
    return lambda row: [names.get(row[column], _("Unknown"))]
