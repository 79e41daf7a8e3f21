"""What a participant sees of a round's results, as the anonymity mode allows."""

from dataclasses import dataclass

from flask import g
from flask_babel import gettext as _

from ..consultations.models import Question, Round
from ..privacy import publication
from ..responses import services as responses
from ..responses.permissions import is_author
from . import report, services


@dataclass
class FeedbackItem:
    """One question's group result beside the participant's own answer."""

    question: Question
    group: report.Group
    own: object
    outside_iqr: bool
    comments: list


def can_read(user, round_: Round, response) -> bool:
    """Participants who submitted, once the facilitators released the feedback."""
    return (round_.feedback_released_at is not None and response is not None
            and response.is_submitted and is_author(user, response))


def participant_view(round_: Round, response) -> list[FeedbackItem]:
    """The released questions with the group's statistics and the chosen comments."""
    chosen = services.feedback_for(round_)
    released = {q.id for q in chosen.questions}
    hidden = {response_id for response_id, choice in publication.choices_for(
        [c.response for c in chosen.comments]).items() if choice == "none"}
    suppress = round_.anonymity != "attributed"
    reports = {r.question.id: r for r in report.round_report(round_, suppress_small=suppress)}
    items = []
    for question in round_.questions:
        if question.id not in released:
            continue
        overall = reports[question.id].overall
        own_answer = response.answer_for(question.id) if response else None
        own = own_answer.value if own_answer else None
        items.append(FeedbackItem(question, overall, own, _outside(question, overall, own),
                                  [c for c in chosen.comments if c.question_id == question.id
                                   and c.response_id not in hidden]))
    return items


def comments_without_question(round_: Round, chosen) -> list[str]:
    """The chosen comments participants will not see, as their question is not chosen.

    Each is named with its question ("Comment 12, on question 3").
    """
    numbers = {q.id: n for n, q in enumerate(round_.questions, start=1)}
    released = {q.id for q in chosen.questions}
    return [_("Comment %(id)d, on question %(n)d", id=c.id, n=numbers.get(c.question_id, 0))
            for c in chosen.comments if c.question_id not in released]


def attribution(comment, round_: Round) -> str:
    """Who wrote a released comment, as far as the round's mode and the author's choice allow."""
    response = comment.response
    if round_.anonymity == "attributed" and response.organisation is not None:
        choice = publication.choice_of(response)
        if choice == "named" and response.owner_key.startswith("u:") and response.user:
            return f"{response.user.display_name}, {response.organisation.name}"
        if choice is None or choice == "named":
            return response.organisation.name
        if response.stakeholder_type and response.country:
            return _("a participant (%(kind)s, %(country)s)",
                     kind=response.stakeholder_type.label, country=response.country.label)
    if round_.anonymity == "anonymous_to_participants" and response.stakeholder_type:
        return _("a participant (%(kind)s)", kind=response.stakeholder_type.label)
    return _("a participant")


def earlier_feedback(question: Question, user) -> FeedbackItem | None:
    """The released result of the same question in the previous round, for the user."""
    source = question.source_question
    if source is None:
        return None
    round_ = source.round
    cache = g.setdefault("earlier_feedback", {})
    if round_.id not in cache:
        response = responses.find_response(user, round_,
                                           responses.respondent_organisation(user, round_))
        cache[round_.id] = ({item.question.id: item for item in
                             participant_view(round_, response)}
                            if can_read(user, round_, response) else {})
    return cache[round_.id].get(source.id)


def _outside(question: Question, group: report.Group, own) -> bool:
    if question.kind != "scale" or own is None or group.stats.n == 0:
        return False
    summary = group.stats.summary
    return not summary.q1 <= float(own) <= summary.q3
